import ArgumentParser
import CohortModel
import Foundation
import SampleData
import SignalStats
import StudyKit

/// `pvstudy demo`: the tour. Generates the sample network, runs every design through the StudyKit runner from the
/// bundled demo study, writes results.json, the CSV tables and report.html, and prints each estimate beside the
/// injected truth and where the report is.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The tour: generate the sample network, run SCCS, PS and SSA through a study file, estimates beside the truth, and a report.",
        discussion: """
            The study is the one in Examples/studies/demo.json at the requested size and seed. The outputs go to \
            --out (default ./pvstudy-demo-report): a new or empty folder, or one holding an earlier run's outputs \
            (its manifest.json), whose listed files the demo replaces; other files there stay. A non-empty folder \
            without manifest.json is refused.
            """)

    @Option(help: "Number of persons in the sample network.")
    var persons: Int = 100_000

    @Option(help: "Seed of the sample network.")
    var seed: UInt64 = 2018

    @Option(name: .customLong("out"), help: ArgumentHelp("Output folder (an earlier run's outputs there are replaced).", valueName: "dir"))
    var out: String = "pvstudy-demo-report"

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard persons >= 1_000 else { throw ValidationError("--persons must be at least 1000") }
    }

    func run() throws {
        let text = DemoStudy.json(persons: persons, seed: seed)
        let spec: StudySpec
        do { spec = try StudySpec.parse(Data(text.utf8)) } catch { fail("demo: the bundled study does not parse: \(error)") }
        installInterruptHandlers()
        let clock = ContinuousClock()
        let t0 = clock.now
        let outURL = URL(fileURLWithPath: out)
        do { try StudyOutput.checkTarget(outURL, overwrite: true) } catch { fail("demo: \(error)") }
        let outcome = try runStudy(
            spec: spec, bytes: Data(text.utf8), baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), out: outURL,
            overwrite: true, quiet: quiet, verbose: false)
        let elapsed = clock.now - t0
        let r = outcome.run.results
        let n = outcome.run.data.network
        print("Sample network (seed \(seed)), \(persons) persons; the study ran in \(format(elapsed))")
        print(networkSummary(n))
        print("")
        let q = r.dataQuality
        print("== Data quality: \(q.checks.count) checks, \(q.checksFailed) failed (extraction date \(q.extractionDate))")
        for c in q.checks where !c.passed { print("  FAIL \(c.label): \(c.failingPercent)% (threshold \(c.thresholdPercent)%, \(c.sitesFailed) sites)") }
        guard let truth = outcome.run.data.truth else { return }
        for d in r.designs {
            print("")
            if let e = d.error {
                print("== \(d.name): FAILED: \(e)")
                continue
            }
            if let s = d.sccs { printSCCS(d.name, s, truth.sccs) }
            if let p = d.psCohort { printPS(d.name, p, truth.ps) }
            if let s = d.ssa { printSSA(d.name, s, truth.ssa) }
        }
        print("")
        print("Outputs (small counts shown as <\(spec.output.smallCellThreshold)):")
        print("  results  \(outURL.appendingPathComponent("results.json").path)")
        print("  tables   \(outURL.appendingPathComponent("tables").path)/")
        let report = outURL.appendingPathComponent("report.html")
        if FileManager.default.fileExists(atPath: report.path) {
            print("  report   \(report.path)   (open it in a browser)")
        }
    }

    func covered(_ lo: Double, _ hi: Double, _ t: Double) -> String { lo <= t && t <= hi ? "covered" : "NOT covered" }

    func printSCCS(_ name: String, _ s: SCCSDesignResult, _ t: SCCSTruth) {
        print("== Self-controlled case series: \(name) (\(t.drug), \(t.outcomeICD10))")
        print("  \(s.counts.cases) cases, \(s.counts.events) events, \(s.counts.intervals) intervals; adjusted for \(s.ageEffects.count) age and \(s.seasonEffects.count) season groups")
        for e in s.estimates {
            guard let x = e.relativeIncidence else {
                print("  \(e.term): \(e.notEstimated ?? "not estimated")")
                continue
            }
            let profile = x.profileLower.map { String(format: ", profile %.3f - %.3f", $0, x.profileUpper ?? .nan) } ?? ""
            print(String(format: "  relative incidence, %@: %.3f (95%% Wald %.3f - %.3f%@)", e.term, x.estimate, x.lower, x.upper, profile))
            print(String(format: "  injected truth: %.3f   %@", t.relativeIncidence, covered(x.lower, x.upper, t.relativeIncidence)))
        }
        for d in s.diagnostics { print(String(format: "  diagnostic: %@ = %.4g (%@: %@)", d.name, d.value, d.threshold, d.passed ? "pass" : "FAIL")) }
    }

    func printPS(_ name: String, _ p: PSDesignResult, _ t: PSTruth) {
        print("== Propensity-score cohort study: \(name) (\(p.target) vs \(p.comparator), \(p.outcome))")
        print("  \(p.matching.matchedSets) matched sets; " + String(
            format: "max |SMD| %.3f before, %.3f after matching (threshold 0.1: %@); equipoise %.2f", p.balance.maxAbsSMDBefore,
            p.balance.maxAbsSMDAfter, p.balance.passed ? "pass" : "FAIL", p.equipoise.share))
        let h = p.hazardRatios
        for (label, e) in [("crude", h.crude), ("matched, marginal (robust by pair)", h.marginal), ("matched, conditional (stratified by pair)", h.conditional)] {
            print(String(format: "  hazard ratio, %@: %.3f (95%% %.3f - %.3f)", label, e.estimate, e.lower, e.upper))
        }
        print(String(format: "  injected truth: marginal HR in the treated %.3f (conditional %.2f)   %@", t.marginalHazardRatioATT, t.conditionalHazardRatio,
                     covered(h.marginal.lower, h.marginal.upper, t.marginalHazardRatioATT)))
    }

    func printSSA(_ name: String, _ s: SSADesignResult, _ t: SSATruth) {
        print("== Sequence symmetry analysis: \(name)")
        for p in s.pairs {
            print(String(format: "  %@ then %@: %@ index-first, %@ marker-first; crude %.3f (95%% %.3f - %.3f); null-effect %.4f; adjusted %.3f (95%% %.3f - %.3f)",
                         p.index, p.marker, p.counts.indexFirst.description, p.counts.markerFirst.description, p.crude.estimate, p.crude.lower,
                         p.crude.upper, p.nullEffectRatio, p.adjusted.estimate, p.adjusted.lower, p.adjusted.upper))
            if p.index == t.index && p.marker == t.marker {
                print(String(format: "  injected truth on the sequence-ratio scale: %.3f   %@", t.sequenceRatio, covered(p.adjusted.lower, p.adjusted.upper, t.sequenceRatio)))
            }
        }
        if let sc = s.screening {
            print("  screening: \(sc.pairsTested) ordered pairs of \(sc.classCount) ingredients, \(sc.flagged) flagged at FDR \(sc.falseDiscoveryRate); top 5:")
            for row in sc.rows.prefix(5) {
                print(String(format: "    %2d  %@ -> %@  adjusted %.2f (%.2f - %.2f)  q %.3g%@", row.rank, row.index, row.marker, row.adjusted.estimate,
                             row.adjusted.lower, row.adjusted.upper, row.qValue, row.flagged ? "  flagged" : ""))
            }
        }
    }

    func networkSummary(_ n: Network) -> String {
        let labTests = Set(n.labs.table.code).count
        return """
              persons \(n.personCount) in \(n.sites.count) hospitals of \(Set(n.sites.map(\.organizationID)).count) organizations
              observation periods \(n.observationPeriods.table.count), drug exposures \(n.drugs.table.count), \
            diagnoses \(n.diagnoses.table.count), lab results \(n.labs.table.count) (\(labTests) tests), \
            admissions \(n.admissions.table.count)
            """
    }
}

func format(_ d: Duration) -> String {
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    return s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s)
}
