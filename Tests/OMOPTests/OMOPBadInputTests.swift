import CohortModel
import Foundation
import OMOP
import Testing

/// A small hand-written CDM v5.3 folder (two persons), which each test spoils in one way.
struct TinyCDM {
    var files: [String: String] = [
        "cdm_source": "cdm_source_name,cdm_version\ntiny,v5.3.1\n",
        "concept": """
            concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,standard_concept,concept_code
            1118084,celecoxib,Drug,RxNorm,Ingredient,S,140587
            40213160,celecoxib 200 MG Oral Capsule,Drug,RxNorm,Clinical Drug,S,205323
            192671,Gastrointestinal hemorrhage,Condition,SNOMED,Clinical Finding,S,74474003
            3016723,Creatinine serum/plasma,Measurement,LOINC,Lab Test,S,2160-0
            8840,milligram per deciliter,Unit,UCUM,Unit,S,mg/dL

            """,
        "concept_ancestor": "ancestor_concept_id,descendant_concept_id\n1118084,1118084\n1118084,40213160\n",
        "person": "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,person_source_value\n1,8507,1950,4,12,a\n2,8532,1960,1,2,b\n",
        "observation_period": """
            observation_period_id,person_id,observation_period_start_date,observation_period_end_date
            1,1,2010-01-01,2015-12-31
            2,2,2011-01-01,2016-12-31

            """,
        "drug_exposure": """
            drug_exposure_id,person_id,drug_concept_id,drug_exposure_start_date,drug_exposure_end_date,days_supply
            1,1,40213160,2012-03-01,2012-03-30,30
            2,2,40213160,2013-05-01,2013-05-14,

            """,
        "condition_occurrence": "condition_occurrence_id,person_id,condition_concept_id,condition_start_date\n1,1,192671,2012-04-01\n",
        "measurement": """
            measurement_id,person_id,measurement_concept_id,measurement_date,value_as_number,unit_concept_id,unit_source_value,range_low,range_high
            1,1,3016723,2012-03-15,0.9,8840,,0.6,1.1
            2,2,3016723,2013-03-15,0.7,0,mg/dL,,

            """,
        "visit_occurrence": """
            visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_end_date
            1,1,9201,2012-04-01,2012-04-05
            2,2,9202,2013-01-01,2013-01-01

            """,
    ]

    func write() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.url.appendingPathComponent(name + ".csv"))
        }
        return folder
    }

    mutating func appendRow(_ table: String, _ row: String) { files[table, default: ""] += row + "\n" }
}

@Suite("OMOP reader: content and bad input")
struct OMOPBadInputTests {
    /// The tiny folder reads as written: 2 persons, 2 drugs (the second's days from its end date: 14), a condition,
    /// 2 labs (unit from the unit concept's UCUM code, and from unit_source_value), 1 admission, 1 outpatient visit
    /// counted as not imported.
    @Test func tinyFolderReads() async throws {
        let folder = try TinyCDM().write()
        let r = try await OMOPReader.loadCSV(directory: folder.url)
        #expect(r.cdmVersion == .v5_3)
        #expect(r.network.personCount == 2)
        #expect(r.network.drugs.table.daysSupply == [30, 14])
        #expect(r.network.labs.table.count == 2)
        #expect(r.network.units == ["mg/dL"])
        #expect(r.network.admissions.table.count == 1)
        #expect(r.notImported == [.init(table: "visit_occurrence", reason: "not an inpatient visit (visit_concept_id other than 9201, 262)", rows: 1)])
        #expect(r.network.persons.sourceID == ["a", "b"])
        let set = OMOPConceptSet(name: "celecoxib", items: [.init(conceptID: 1118084, includeDescendants: true)])
        #expect(set.conceptIDs(in: r.vocabulary) == [1118084, 40213160])
        let visits = r.report.reconciliation.filter { $0.table == "admissions" }
        #expect(visits.map(\.sourceRows).reduce(0, +) == 1)
        #expect(visits.allSatisfy { $0.sourceRows == $0.storedRows })
    }

    @Test func missingTable() async throws {
        var cdm = TinyCDM()
        cdm.files["person"] = nil
        let folder = try cdm.write()
        await #expect(throws: OMOPError.missingTable(table: "person", location: folder.url.path)) {
            try await OMOPReader.loadCSV(directory: folder.url)
        }
    }

    @Test func missingColumn() async throws {
        var cdm = TinyCDM()
        cdm.files["drug_exposure"] = "drug_exposure_id,person_id,drug_exposure_start_date\n1,1,2012-03-01\n"
        let folder = try cdm.write()
        let file = folder.url.appendingPathComponent("drug_exposure.csv").path
        await #expect(throws: OMOPError.missingColumn(table: "drug_exposure", column: "drug_concept_id", location: file)) {
            try await OMOPReader.loadCSV(directory: folder.url)
        }
    }

    @Test func unknownCDMVersion() async throws {
        var cdm = TinyCDM()
        cdm.files["cdm_source"] = "cdm_source_name,cdm_version\ntiny,v6.0\n"
        let folder = try cdm.write()
        let file = folder.url.appendingPathComponent("cdm_source.csv").path
        await #expect(throws: OMOPError.unknownCDMVersion("v6.0", location: file)) {
            try await OMOPReader.loadCSV(directory: folder.url)
        }
        var none = TinyCDM()
        none.files["cdm_source"] = nil
        let f2 = try none.write()
        await #expect(throws: OMOPError.self) { try await OMOPReader.loadCSV(directory: f2.url) }
        // Given by the caller instead, the folder reads.
        let r = try await OMOPReader.loadCSV(directory: f2.url, options: OMOPReadOptions(cdmVersion: .v5_4))
        #expect(r.cdmVersion == .v5_4)
    }

    /// An unknown concept id: strict mode throws the rejection with its table, line 4 (header is line 1), column and
    /// value; lenient mode counts it by table and reason.
    @Test func unknownConceptID() async throws {
        var cdm = TinyCDM()
        cdm.appendRow("drug_exposure", "3,1,999999,2012-06-01,2012-06-07,7")
        let folder = try cdm.write()
        do {
            _ = try await OMOPReader.loadCSV(directory: folder.url)
            Issue.record("expected a rejection")
        } catch {
            guard case .rejectedRow(let r) = error else { Issue.record("wrong error \(error)"); return }
            #expect(r.table == "drug_exposure")
            #expect(r.line == 4)
            #expect(r.column == "drug_concept_id")
            #expect(r.value == "999999")
            #expect(r.reason == OMOPRejection.unknownConcept.rawValue)
        }
        let lenient = try await OMOPReader.loadCSV(directory: folder.url, options: OMOPReadOptions(mode: .lenient))
        #expect(lenient.report.rejectionCounts.map { "\($0.table):\($0.reason):\($0.count)" } == ["drug_exposure:unknown concept:1"])
        #expect(lenient.network.drugs.table.count == 2)
    }

    /// A measurement with unit concept 0 and no unit_source_value, and one whose unit concept is not in `concept`.
    @Test func unitsWithoutMapping() async throws {
        var cdm = TinyCDM()
        cdm.appendRow("measurement", "3,1,3016723,2012-05-15,1.0,0,,,")
        cdm.appendRow("measurement", "4,1,3016723,2012-06-15,1.0,12345,,,")
        let folder = try cdm.write()
        let r = try await OMOPReader.loadCSV(directory: folder.url, options: OMOPReadOptions(mode: .lenient))
        let bad = r.report.rejections
        #expect(bad.map(\.line) == [4, 5])
        #expect(bad.allSatisfy { $0.reason == RejectionReason.unknownUnit.rawValue && $0.column == "unit_concept_id" })
        #expect(r.network.labs.table.count == 2)
    }

    /// A birth date that is not a calendar date is rejected, not replaced.
    @Test func impossibleBirthDate() async throws {
        var cdm = TinyCDM()
        cdm.appendRow("person", "3,8507,1970,2,30,c")
        let folder = try cdm.write()
        let r = try await OMOPReader.loadCSV(directory: folder.url, options: OMOPReadOptions(mode: .lenient))
        #expect(r.report.rejections.map { "\($0.table):\($0.line):\($0.column ?? ""):\($0.reason)" } == ["person:4:day_of_birth:unparseable date"])
        #expect(r.network.personCount == 2)
    }

    /// A second observation period of person 1 that starts before the first ends is rejected, naming the person.
    @Test func overlappingObservationPeriods() async throws {
        var cdm = TinyCDM()
        cdm.appendRow("observation_period", "3,1,2015-06-01,2018-12-31")
        let folder = try cdm.write()
        do {
            _ = try await OMOPReader.loadCSV(directory: folder.url)
            Issue.record("expected a rejection")
        } catch {
            guard case .rejectedRow(let r) = error else { Issue.record("wrong error \(error)"); return }
            #expect(r.table == "observation_period")
            #expect(r.line == 4)
            #expect(r.reason == OMOPRejection.overlappingObservationPeriod.rawValue)
            #expect(r.detail?.contains("person 1") == true)
        }
        let lenient = try await OMOPReader.loadCSV(directory: folder.url, options: OMOPReadOptions(mode: .lenient))
        #expect(lenient.network.observationPeriods.table.count == 2)
        #expect(lenient.report.rejections.count == 1)
    }
}
