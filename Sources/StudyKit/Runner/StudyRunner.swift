import CohortModel
import Foundation
import Logging
import SignalStats

/// Runs a ``StudySpec``: loads the data, checks its quality, builds concept sets and outcomes, runs each design,
/// and returns the results (unsuppressed; ``StudyOutput`` suppresses small cells when writing).
///
/// ```swift
/// let (spec, bytes) = try StudySpec.load(contentsOf: url)
/// let run = try StudyRunner(spec: spec, studyBytes: bytes, baseDirectory: url.deletingLastPathComponent()).run()
/// try StudyOutput.write(run.results, to: outDirectory, options: spec.output, overwrite: false)
/// ```
///
/// A design that fails (no cases, an arm without outcomes, no matches) does not stop the study: its result carries
/// the error and the attrition reached.
public struct StudyRunner: Sendable {
    /// The study.
    public var spec: StudySpec
    /// The study file's bytes (hashed into the results).
    public var studyBytes: Data
    /// Directory that relative data paths are resolved against (the study file's folder).
    public var baseDirectory: URL
    /// Receives each stage as it starts.
    public var progress: (@Sendable (StudyProgress) -> Void)?
    /// Where the run logs (default: nowhere; `pvstudy run` passes its run log).
    public var logger: Logger

    /// Creates a runner.
    public init(
        spec: StudySpec, studyBytes: Data, baseDirectory: URL, progress: (@Sendable (StudyProgress) -> Void)? = nil,
        logger: Logger = Logger(label: "signalstats.study", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.spec = spec
        self.studyBytes = studyBytes
        self.baseDirectory = baseDirectory
        self.progress = progress
        self.logger = logger
    }

    /// What a run produces: the results and the data they came from.
    public struct Run: Sendable {
        /// The results, before small-cell suppression.
        public var results: StudyResults
        /// The data.
        public var data: StudyData
    }

    /// Runs the study.
    ///
    /// - Throws: ``StudyRunError`` when the data cannot be loaded or an outcome cannot be evaluated.
    public func run() throws(StudyRunError) -> Run { try run(on: nil) }

    /// Runs the study on data already loaded (`nil`: load what the study names), for running several studies on one
    /// network.
    public func run(on preloaded: StudyData?) throws(StudyRunError) -> Run {
        let stageNames = ["load data", "quality checks", "outcomes"] + spec.designs.map { "\($0.type.label): \($0.name)" }
        // Rough relative costs: generation/loading and designs dominate.
        let weights = [6.0, 0.5, 0.3] + spec.designs.map { $0.type == .ssa ? 0.5 : 1.0 }
        let total = weights.reduce(0, +)
        var done = 0.0
        func stage(_ k: Int) {
            progress?(StudyProgress(stage: k, stages: stageNames.count, name: stageNames[k], weight: weights[k] / total, done: done))
            logger.info("stage \(k + 1)/\(stageNames.count): \(stageNames[k])")
            done += weights[k] / total
        }

        stage(0)
        let data: StudyData
        if let preloaded { data = preloaded } else { data = try StudyData.load(spec.data, baseDirectory: baseDirectory) }
        let n = data.network
        logger.info("data: \(n.personCount) persons in \(n.sites.count) sites")

        stage(1)
        var thresholds = QualityThresholds.default
        thresholds.extractionDate = spec.data.extractionDate.flatMap { Day($0) } ?? data.latestDate
        let quality = QualityReport.build(network: n, loadReport: data.loadReport, thresholds: thresholds)
        logger.info("quality: \(quality.checks.count) checks, \(quality.failedChecks.count) failed")

        stage(2)
        let resolved = ResolvedConceptSets(spec.conceptSets, network: n, mapping: data.codeMapping)
        let sets = resolved.sets
        for m in resolved.matches {
            logger.info("concept set \(m.name): \(m.drugRecords.value ?? 0) drug records, \(m.diagnosisRecords.value ?? 0) diagnoses")
        }
        var outcomes: [String: OutcomeEvents] = [:]
        for o in spec.outcomes where spec.designs.contains(where: { $0.references(outcome: o.name) }) {
            guard let definition = o.outcomeDefinition(conceptSets: sets) else {
                throw .outcome(name: o.name, reason: "its concept set is not defined")
            }
            do { outcomes[o.name] = try definition.events(in: n) } catch { throw .outcome(name: o.name, reason: "\(error)") }
            logger.info("outcome \(o.name): \(outcomes[o.name]?.count ?? 0) events")
        }

        var designs: [DesignResult] = []
        for (k, d) in spec.designs.enumerated() {
            stage(3 + k)
            let context = DesignContext(network: n, conceptSets: sets, outcomes: outcomes, data: data, logger: logger)
            if let empty = d.drugConceptSets.first(where: { (resolved.drugRecords[$0] ?? 0) == 0 }) {
                let systems = ResolvedConceptSets.drugCodeSystems(n)
                designs.append(DesignResult(
                    name: d.name, kind: d.type,
                    error: "concept set \"\(empty)\" matches no drug record; the data's drug records are coded in "
                        + (systems.isEmpty ? "no code system (no drug records)" : systems.joined(separator: ", "))
                        + (data.codeMapping == nil ? " and no code mapping was given (data.codeMapping)" : ""),
                    attrition: AttritionTable(columns: [], steps: [])))
            } else {
                designs.append(context.run(d))
            }
            if let e = designs.last?.error { logger.warning("design \(d.name) failed: \(e)") }
        }

        let results = StudyResults(
            study: spec.name, description: spec.description,
            provenance: Provenance(
                libraryVersion: SignalStatsVersion.string, studySHA256: SHA256.hex(studyBytes), seed: data.seed, data: data.fingerprint),
            output: .init(smallCellThreshold: spec.output.smallCellThreshold, suppressed: false),
            dataQuality: DataQualitySummary(quality), designs: designs)
        var withSets = results
        withSets.conceptSets = resolved.matches
        withSets.summary = StudyResults.summaryRows(designs)
        return Run(results: withSets, data: data)
    }
}

extension DesignResult.Kind {
    /// Short label for progress and logs.
    var label: String {
        switch self {
        case .sccs: return "SCCS"
        case .psCohort: return "PS cohort"
        case .ssa: return "SSA"
        }
    }
}

extension DesignSpec {
    func references(outcome name: String) -> Bool { outcome == name }

    /// The names of the concept sets this design uses as drugs (exposures, target and comparator, SSA pairs).
    var drugConceptSets: [String] {
        var names: [String] = []
        if let s = sccs { names += s.exposures.map(\.drugs.name) }
        if let p = psCohort { names += [p.target.name, p.comparator.name] }
        if let a = ssa { names += a.pairs.flatMap { [$0.index, $0.marker] } }
        return names
    }
}

extension DataQualitySummary {
    /// The aggregated summary of a quality report.
    init(_ q: QualityReport) {
        self.init(
            extractionDate: q.extractionDate.description, sites: q.hospitalIDs.count, persons: .value(q.personCount),
            checks: q.checks.map { c in
                Check(
                    id: c.id, category: c.category.rawValue, label: c.label, description: c.description, thresholdPercent: c.threshold,
                    failingPercent: c.overall.percent, passed: c.passed, sitesPassed: c.sites.filter(\.passed).count,
                    sitesFailed: c.sites.filter { !$0.passed }.count)
            })
    }
}

/// What a design run needs.
struct DesignContext {
    let network: Network
    let conceptSets: [String: ConceptSet]
    let outcomes: [String: OutcomeEvents]
    let data: StudyData
    let logger: Logger

    func run(_ d: DesignSpec) -> DesignResult {
        do {
            switch d.type {
            case .sccs:
                guard let s = d.sccs, let o = d.outcome else { break }
                return try runSCCS(d.name, outcome: o, s)
            case .psCohort:
                guard let s = d.psCohort, let o = d.outcome else { break }
                return try runPS(d.name, outcome: o, s)
            case .ssa:
                guard let s = d.ssa else { break }
                return try runSSA(d.name, s)
            }
        } catch let e as DesignFailure {
            return DesignResult(name: d.name, kind: d.type, error: e.message, attrition: e.attrition ?? AttritionTable(columns: [], steps: []))
        } catch {
            return DesignResult(name: d.name, kind: d.type, error: "\(error)", attrition: AttritionTable(columns: [], steps: []))
        }
        return DesignResult(name: d.name, kind: d.type, error: "the design has no settings", attrition: AttritionTable(columns: [], steps: []))
    }

    func conceptSet(_ name: String) throws -> ConceptSet {
        guard let c = conceptSets[name] else { throw DesignFailure(message: "no concept set named \"\(name)\"") }
        return c
    }

    func outcome(_ name: String) throws -> OutcomeEvents {
        guard let o = outcomes[name] else { throw DesignFailure(message: "no outcome named \"\(name)\"") }
        return o
    }
}

/// A design that could not finish, with the attrition it reached.
struct DesignFailure: Error {
    var message: String
    var attrition: AttritionTable? = nil
}

extension AttritionTable {
    /// A table from CohortModel's attrition (persons and records).
    init(_ a: Attrition, records: String) {
        self.init(columns: ["persons", records], steps: a.steps.map { ($0.description, [$0.persons, $0.records]) })
    }
}
