import Foundation
import Testing
@testable import StudyKit
import CohortModel

/// End to end on a small sample network: every design runs, outputs are suppressed, reruns are byte-identical.
@Suite(.serialized) struct StudyRunTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/studies").standardized
    static let persons = 5000

    /// The demo study on a 5,000-person network, with the propensity model's ridge raised for the small network.
    static func demoSpec() throws -> (StudySpec, Data) {
        let text = DemoStudy.json(persons: persons, seed: 2018)
        return (try StudySpec.parse(Data(text.utf8)), Data(text.utf8))
    }

    static func run(_ spec: StudySpec, _ bytes: Data, data: StudyData? = nil) throws -> StudyRunner.Run {
        try StudyRunner(spec: spec, studyBytes: bytes, baseDirectory: examples).run(on: data)
    }

    static func temporaryFolder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("studykit-\(name)-\(UUID().uuidString)")
        return url
    }

    @Test func demoStudyRunsEveryDesignAndRerunsByteIdentically() throws {
        let (spec, bytes) = try Self.demoSpec()
        let first = try Self.run(spec, bytes)
        for d in first.results.designs { #expect(d.error == nil, "\(d.name): \(d.error ?? "")") }
        #expect(first.results.provenance.seed == 2018)
        #expect(first.results.provenance.studySHA256 == SHA256.hex(bytes))
        #expect(first.results.provenance.data.tables.first { $0.table == "persons" }?.rows == Self.persons)
        let second = try Self.run(spec, bytes)
        let a = try ResultsWriter.data(first.results.suppressingSmallCells(threshold: 10))
        let b = try ResultsWriter.data(second.results.suppressingSmallCells(threshold: 10))
        #expect(a == b)
        // No wall-clock content.
        let text = String(decoding: a, as: UTF8.self)
        #expect(!text.contains("2026-") && !text.contains("elapsed") && !text.contains("seconds"))

        // Counts add up: attrition exclusions, SSA histogram against the pair counts.
        for d in first.results.designs {
            for (k, step) in d.attrition.steps.enumerated() where k > 0 {
                for c in step.remaining.indices {
                    let prev = d.attrition.steps[k - 1].remaining[c].value ?? -1, now = step.remaining[c].value ?? -1
                    #expect(step.excluded[c].value == prev - now)
                }
            }
        }
        let pair = try #require(first.results.designs[2].ssa?.pairs.first)
        let bins = pair.timeToSecond.bins
        #expect(bins.reduce(0) { $0 + ($1.indexFirst.value ?? 0) } == pair.counts.indexFirst.value)
        #expect(bins.reduce(0) { $0 + ($1.markerFirst.value ?? 0) } == pair.counts.markerFirst.value)
        // Kaplan-Meier curves start at 1 and never rise.
        let ps = try #require(first.results.designs[1].psCohort)
        for curve in ps.kaplanMeier {
            #expect(curve.points.first?.survival == 1)
            #expect(zip(curve.points, curve.points.dropFirst()).allSatisfy { $1.survival <= $0.survival })
        }
        #expect(ps.preferenceScore.edges.count == 51)
    }

    @Test func outputsAreSuppressedAndFoldersAreNotOverwrittenWithoutForce() throws {
        let (spec, bytes) = try Self.demoSpec()
        let run = try Self.run(spec, bytes)
        let out = Self.temporaryFolder("out")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try StudyOutput.write(run.results, to: out, options: spec.output, overwrite: false)
        let names = Set(written.map(\.lastPathComponent))
        #expect(names.contains("results.json") && names.contains("report.html") && names.contains("data_quality.csv"))
        #expect(throws: StudyOutput.Error.folderNotEmpty(out.path)) {
            try StudyOutput.write(run.results, to: out, options: spec.output, overwrite: false)
        }
        _ = try StudyOutput.write(run.results, to: out, options: spec.output, overwrite: true)
        // Every count in the written results is 0, at least 10, or "<10"; KM curves stop where fewer than 10 are at risk.
        let published = try ResultsWriter.read(Data(contentsOf: out.appendingPathComponent("results.json")))
        #expect(published.output.suppressed)
        var counts: [CellCount] = []
        for d in published.designs {
            counts += d.attrition.steps.flatMap { $0.remaining + $0.excluded }
            if let p = d.psCohort {
                counts += p.preferenceScore.before.target + p.preferenceScore.before.comparator + p.preferenceScore.after.target
                counts += p.kaplanMeier.flatMap { $0.points.flatMap { [$0.atRisk, $0.events] } }
                #expect(p.kaplanMeier.allSatisfy { $0.points.allSatisfy { ($0.atRisk.value ?? 0) >= 10 } })
            }
            if let s = d.ssa { counts += s.pairs.flatMap { $0.timeToSecond.bins.flatMap { [$0.indexFirst, $0.markerFirst] } } }
            if let s = d.sccs { counts += s.estimates.flatMap { [$0.cases, $0.events] } }
        }
        #expect(counts.contains(.suppressed(threshold: 10)))
        #expect(counts.allSatisfy { c in c.value.map { $0 == 0 || $0 >= 10 } ?? true })
        let csv = try String(contentsOf: out.appendingPathComponent("tables/design3_amlodipine_then_furosemide_time_to_second.csv"), encoding: .utf8)
        #expect(csv.contains("<10"))
        // Suppression off: threshold 0 keeps every count.
        #expect(run.results.suppressingSmallCells(threshold: 0).designs == run.results.designs)
    }

    @Test func exampleStudiesRunOnASmallNetwork() throws {
        let data = try StudyData.load(DataSourceSpec(sample: .init(persons: Self.persons, seed: 2018)), baseDirectory: Self.examples)
        for file in ["sccs.json", "ps-cohort.json", "ssa.json"] {
            let (spec, bytes) = try StudySpec.load(contentsOf: Self.examples.appendingPathComponent(file))
            let run = try Self.run(spec, bytes, data: data)
            for d in run.results.designs { #expect(d.error == nil, "\(file) \(d.name): \(d.error ?? "")") }
        }
    }

    @Test func missingDataPathIsAClearError() throws {
        var (spec, bytes) = try Self.demoSpec()
        spec.data = DataSourceSpec(csv: "no-such-folder")
        #expect(throws: StudyRunError.dataNotFound(path: Self.examples.appendingPathComponent("no-such-folder").path)) {
            try StudyRunner(spec: spec, studyBytes: bytes, baseDirectory: Self.examples).run()
        }
    }
}

/// The CSV and SQLite data sources: a written sample network loads back with the same fingerprint and gives the
/// same estimates as the generated one.
@Suite struct StudyDataSourceTests {
    @Test func csvAndSQLiteCopiesOfTheSampleNetworkGiveTheSameFingerprintAndResults() throws {
        let sample = try StudyData.load(DataSourceSpec(sample: .init(persons: 2000, seed: 11)), baseDirectory: StudyRunTests.examples)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("studykit-sources-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try NetworkWriter.writeCSV(sample.network, to: dir.appendingPathComponent("csv"))
        try NetworkWriter.writeSQLite(sample.network, to: dir.appendingPathComponent("net.sqlite"))
        let csv = try StudyData.load(DataSourceSpec(csv: "csv"), baseDirectory: dir)
        let sqlite = try StudyData.load(DataSourceSpec(sqlite: "net.sqlite"), baseDirectory: dir)
        #expect(csv.fingerprint.tables == sample.fingerprint.tables)
        #expect(sqlite.fingerprint.tables == sample.fingerprint.tables)
        #expect(csv.fingerprint.source == "csv" && csv.fingerprint.path == "csv" && csv.fingerprint.rejectedRows == 0)

        var (spec, bytes) = try StudyRunTests.demoSpec()
        spec.designs = spec.designs.filter { $0.type != .psCohort }
        let a = try StudyRunner(spec: spec, studyBytes: bytes, baseDirectory: dir).run(on: sample).results
        let b = try StudyRunner(spec: spec, studyBytes: bytes, baseDirectory: dir).run(on: csv).results
        // The same numbers; only the screen's labels differ (the sample network's drug names are known only when it
        // is generated).
        let sameSCCS = a.designs[0].sccs == b.designs[0].sccs
        let samePairs = a.designs[1].ssa?.pairs == b.designs[1].ssa?.pairs
        let sameScreen = a.designs[1].ssa?.screening?.rows.map(\.adjusted) == b.designs[1].ssa?.screening?.rows.map(\.adjusted)
        #expect(sameSCCS && samePairs && sameScreen)
        #expect(a.designs[1].ssa?.screening?.rows.first?.index.contains(" ") == true)
    }
}
