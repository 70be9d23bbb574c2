import Foundation
import Testing
@testable import StudyKit

/// Golden `results.json` files of the three example studies and the demo study, frozen before the design-grammar
/// refactor (issue 12) so that moving code cannot change a published number unnoticed.
///
/// Each study runs on the same 5,000-person sample network (seed 2018) and its published (suppressed) results are
/// compared byte for byte with `Tests/StudyKitTests/Golden/<name>.results.json`. To re-record after an intended change
/// (and say which fields changed in the commit message), run
/// `SIGNALSTATS_RECORD_GOLDEN=1 swift test --filter GoldenResultsTests/record`.
@Suite(.serialized) struct GoldenResultsTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let studies = ["sccs", "ps-cohort", "ssa", "demo"]

    /// The published results.json bytes of one study on the shared 5,000-person network.
    static func publishedResults(_ name: String, data: StudyData) throws -> Data {
        let spec: StudySpec, bytes: Data
        if name == "demo" {
            (spec, bytes) = try StudyRunTests.demoSpec()
        } else {
            (spec, bytes) = try StudySpec.load(contentsOf: StudyRunTests.examples.appendingPathComponent("\(name).json"))
        }
        let run = try StudyRunTests.run(spec, bytes, data: data)
        return try ResultsWriter.data(run.results.suppressingSmallCells(threshold: spec.output.smallCellThreshold))
    }

    static func network() throws -> StudyData {
        try StudyData.load(DataSourceSpec(sample: .init(persons: StudyRunTests.persons, seed: 2018)), baseDirectory: StudyRunTests.examples)
    }

    @Test func exampleAndDemoResultsAreByteIdenticalToTheGoldenFiles() throws {
        let data = try Self.network()
        for name in Self.studies {
            let obtained = try Self.publishedResults(name, data: data)
            let expected = try Data(contentsOf: Self.golden.appendingPathComponent("\(name).results.json"))
            if obtained != expected {
                let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let b = String(decoding: obtained, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
                let was = line < a.count ? String(a[line]) : "", now = line < b.count ? String(b[line]) : ""
                Issue.record("\(name).results.json differs from the golden file at line \(line + 1): expected «\(was)», obtained «\(now)»")
            }
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SIGNALSTATS_RECORD_GOLDEN"] == "1", "recording is opt-in"))
    func record() throws {
        let data = try Self.network()
        try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
        for name in Self.studies {
            try Self.publishedResults(name, data: data).write(to: Self.golden.appendingPathComponent("\(name).results.json"))
        }
    }
}
