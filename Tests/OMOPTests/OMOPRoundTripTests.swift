import CohortModel
import Foundation
import OMOP
import SampleData
import Testing

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("omop-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("OMOP round trip")
struct OMOPRoundTripTests {
    /// Sample network → OMOP CSV → reader: the same fingerprint (rows and column checksums of every table, the
    /// vocabulary and the unit list included), for both CDM versions, with no rejection.
    @Test(arguments: [CDMVersion.v5_3, .v5_4])
    func sampleNetworkRoundTrips(version: CDMVersion) async throws {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 1500, seed: 11))
        let folder = TemporaryFolder()
        let summary = try OMOPWriter.write(sample.network, to: folder.url, version: version, codeMap: .sampleNetwork)
        #expect(summary.rows["person"] == 1500)
        #expect(summary.rows["drug_exposure"] == sample.network.drugs.table.count)
        let read = try await OMOPReader.loadCSV(directory: folder.url)
        #expect(read.cdmVersion == version)
        #expect(read.report.rejections.isEmpty)
        #expect(read.notImported.isEmpty)
        #expect(read.fingerprint == sample.network.fingerprint())
        #expect(read.network.personCount == 1500)
        for r in read.report.reconciliation { #expect(r.sourceRows == r.storedRows, "\(r.table) site \(String(describing: r.site))") }
        // The quality report takes the OMOP load like a native one: its row-reconciliation checks find no lost row.
        let quality = QualityReport.build(network: read.network, loadReport: read.report)
        let rowChecks = quality.checks.filter { $0.id == "row_consistency" }
        #expect(Set(rowChecks.map(\.table)) == ["persons", "observation_periods", "drug_exposures", "diagnoses", "lab_results", "admissions"])
        #expect(rowChecks.allSatisfy { $0.overall.failing == 0 })
    }

    /// The committed map covers 8 drugs and 6 analytes (its 14 rows); every other vocabulary code is listed as unmapped.
    @Test func sampleMapCoverage() throws {
        #expect(OMOPCodeMap.sampleNetwork.targets.count == 14)
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 200, seed: 1))
        let folder = TemporaryFolder()
        let summary = try OMOPWriter.write(sample.network, to: folder.url, codeMap: .sampleNetwork)
        let mapped = sample.network.vocabulary.concepts.filter { OMOPCodeMap.sampleNetwork.target(of: $0) != nil }
        #expect(mapped.count == 14)
        #expect(summary.unmapped.count == sample.network.vocabulary.count - 14)
    }

    /// Rows recorded with a YJ source code match an OMOP concept set through the load's source mapping: the
    /// celecoxib ingredient (1118084) selects exactly the rows of the sample's celecoxib YJ code.
    @Test func omopConceptSetMatchesSourceCodedRows() async throws {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 2000, seed: 3))
        let folder = TemporaryFolder()
        try OMOPWriter.write(sample.network, to: folder.url, codeMap: .sampleNetwork)
        let read = try await OMOPReader.loadCSV(directory: folder.url)
        let set = OMOPConceptSet(name: "celecoxib", items: [.init(conceptID: 1118084, includeDescendants: true)])
        let mask = set.conceptSet(in: read.vocabulary).resolve(in: read.network.vocabulary, mapping: read.sourceMapping)
        let viaOMOP = read.network.drugs.table.drug.filter { mask[Int($0)] }.count
        let yj = try #require(sample.network.vocabulary.id(of: "1149037F1003", system: .yj))
        let direct = sample.network.drugs.table.drug.filter { $0 == yj }.count
        #expect(direct > 0)
        #expect(viaOMOP == direct)
    }
}
