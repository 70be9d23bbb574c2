import Foundation
import Testing

@testable import CohortModel

// MARK: - Fixture

/// A hand-made network as CSV text. Expected after loading (worked out by hand):
/// - 2 sites, 3 persons (P1, P2 at H01; P3 at H02), 3 observation periods, 5 drug exposures, 3 diagnoses,
///   4 lab results, 1 admission.
/// - Drug rows sorted by person then date: P1 HOT 2016-01-10 (end_date 01-16 → 7 days), P1 YJ 2016-03-02 (14),
///   P1 ATC 2017-07-01 (28); P2 YJ 2018-05-01 (30); P3 RECEIPT 2018-02-01 (7).
/// - Labs in harmonized units: creatinine 88.42 µmol/L = 1 mg/dL (reference 53.052–97.262 µmol/L = 0.6–1.1);
///   ALT 25 IU/L = 25 U/L; platelets 250 × 10^9/L = 25 × 10^4/uL; glucose 7.0 mmol/L × 18.016 = 126.112 mg/dL.
enum Fixture {
    static let files: [String: String] = [
        "sites.csv": """
            hospital_id,organization_id,name
            H01,O01,North Hospital
            H02,O01,"South, Annex"

            """,
        "persons.csv": """
            person_id,hospital_id,birth_date,sex
            P1,H01,1950-04-01,F
            P2,H01,1962-11-30,M
            P3,H02,1975-01-15,U

            """,
        "observation_periods.csv": """
            person_id,start_date,end_date
            P1,2015-01-01,2020-12-31
            P2,2016-06-01,2021-03-31
            P3,2017-01-01,2019-12-31

            """,
        "drug_exposures.csv": """
            person_id,drug_code,code_system,start_date,days_supply,end_date,quantity,route,setting
            P2,2171022F2025,YJ,2018-05-01,30,,30,oral,outpatient
            P1,1149019F1560,YJ,2016-03-02,14,,42,oral,outpatient
            P1,100988001,HOT,2016-01-10,,2016-01-16,21,oral,inpatient
            P3,620098801,RECEIPT,2018-02-01,7,2018-02-07,,oral,
            P1,C08CA01,ATC,2017-07-01,28,,1.5,injection,inpatient

            """,
        "diagnoses.csv": """
            person_id,icd10_code,date,suspected,setting
            P1,K29.7,2016-03-01,0,outpatient
            P2,I10,2018-04-20,1,inpatient
            P3,E11,2017-05-05,0,

            """,
        "lab_results.csv": """
            person_id,jlac10_code,date,value,unit,reference_low,reference_high,abnormal_flag
            P1,3C015000002327101,2016-03-01,88.42,µmol/L,53.052,97.262,N
            P1,3B045000002327201,2016-03-01,25,IU/L,10,42,
            P2,2A050000001930101,2018-04-20,250,10^9/L,150,350,N
            P3,3D010000002327101,2017-05-05,7.0,mmol/L,,,H

            """,
        "admissions.csv": """
            person_id,admission_date,discharge_date
            P1,2016-01-10,2016-01-20

            """,
    ]

    static let tables = ["sites", "persons", "observation_periods", "drug_exposures", "diagnoses", "lab_results", "admissions"]

    /// A fresh temporary directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes the fixture, with `replace` overriding whole files (bytes) and `append` adding bytes to files.
    static func write(replace: [String: [UInt8]] = [:], append: [String: [UInt8]] = [:], omit: Set<String> = []) throws -> URL {
        let dir = try directory()
        for (name, text) in files where !omit.contains(name) {
            var bytes = replace[name] ?? Array(text.utf8)
            if let extra = append[name] { bytes += extra }
            try Data(bytes).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    static func write(appending name: String, _ line: String) throws -> URL {
        try write(append: [name: Array(line.utf8)])
    }
}

/// The `CohortModelError` thrown by `body`, or `nil`.
func loaderError<T>(_ body: () throws(CohortModelError) -> T) -> CohortModelError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Networks equal with NaN equal to NaN (the synthesized `==` of ``Network`` compares `Float`/`Double` columns
/// with `==`, under which a missing quantity or reference limit never equals itself).
func sameNetwork(_ a: Network, _ b: Network) -> Bool {
    func bits(_ x: [Double]) -> [UInt64] { x.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern } }
    func bits(_ x: [Float]) -> [UInt32] { x.map { $0.isNaN ? Float.nan.bitPattern : $0.bitPattern } }
    var a2 = a, b2 = b
    guard bits(a.drugs.table.quantity) == bits(b.drugs.table.quantity),
        bits(a.labs.table.value) == bits(b.labs.table.value),
        bits(a.labs.table.referenceLow) == bits(b.labs.table.referenceLow),
        bits(a.labs.table.referenceHigh) == bits(b.labs.table.referenceHigh)
    else { return false }
    for n in [0, 1] {
        var x = n == 0 ? a2 : b2
        x.drugs.table.quantity = []
        x.labs.table.value = []
        x.labs.table.referenceLow = []
        x.labs.table.referenceHigh = []
        if n == 0 { a2 = x } else { b2 = x }
    }
    return a2 == b2
}

/// Checks `sourceRows == storedRows + rejections` per table and site, and that no checksum differs.
func checkAccounting(_ report: LoadReport, sourceLocation: SourceLocation = #_sourceLocation) {
    for r in report.reconciliation {
        let rejected = report.rejections.filter { $0.table == r.table && $0.site == r.site }.count
        #expect(r.sourceRows == r.storedRows + rejected, "\(r.table) site \(String(describing: r.site))", sourceLocation: sourceLocation)
        #expect(r.checksumMismatches.isEmpty, "\(r.table): \(r.checksumMismatches)", sourceLocation: sourceLocation)
    }
    #expect(report.isConsistent, sourceLocation: sourceLocation)
    for a in report.lineAccounts {
        #expect(a.isBalanced, "\(a.file): lines do not add up: \(a)", sourceLocation: sourceLocation)
    }
}

// MARK: - Loading the fixture

@Suite("Loaders: CSV")
struct LoaderCSVTests {
    @Test func loadsTheHandMadeNetwork() throws {
        let dir = try Fixture.write()
        let loaded = try NetworkLoader.loadCSV(directory: dir, options: .strict)
        let n = loaded.network
        #expect(n.sites.count == 2)
        #expect(n.sites[1] == Site(hospitalID: "H02", organizationID: "O01", name: "South, Annex"))
        #expect(n.persons.sourceID == ["P1", "P2", "P3"])
        #expect(n.persons.site == [0, 0, 1])
        #expect(n.persons.sex == [.female, .male, .unknown])
        #expect(n.persons.birthDate[1] == Day("1962-11-30"))
        #expect(n.observationPeriods.table.count == 3)
        #expect(n.drugs.table.count == 5)
        #expect(n.diagnoses.table.count == 3)
        #expect(n.labs.table.count == 4)
        #expect(n.admissions.table.count == 1)

        // Drugs sorted by person then date, with per-person ranges.
        let d = n.drugs.table
        #expect(d.person == [0, 0, 0, 1, 2])
        #expect(d.start.map(\.description) == ["2016-01-10", "2016-03-02", "2017-07-01", "2018-05-01", "2018-02-01"])
        #expect(d.daysSupply == [7, 14, 28, 30, 7])
        #expect(d.drug.map { n.vocabulary[$0].code } == ["100988001", "1149019F1560", "C08CA01", "2171022F2025", "620098801"])
        #expect(d.drug.map { n.vocabulary[$0].system } == [.hot, .yj, .atc, .yj, .receipt])
        #expect(d.route == [.oral, .oral, .injection, .oral, .oral])
        #expect(d.setting == [.inpatient, .outpatient, .inpatient, .outpatient, .unknown])
        #expect(d.quantity[0] == 21 && d.quantity[2] == 1.5 && d.quantity[4].isNaN)
        #expect(n.drugs.rows(ofPerson: 0) == 0..<3)
        #expect(n.drugs.rows(ofPerson: 2) == 4..<5)

        // Concepts interned in first-use order: drugs in file order, then diagnoses, then labs.
        #expect(n.vocabulary.concepts.prefix(5).map(\.code) == ["2171022F2025", "1149019F1560", "100988001", "620098801", "C08CA01"])
        #expect(n.vocabulary.count == 5 + 3 + 4)

        // Diagnoses.
        #expect(n.diagnoses.table.suspected == [false, true, false])
        #expect(n.diagnoses.table.code.map { n.vocabulary[$0].code } == ["K29.7", "I10", "E11"])

        // Labs in harmonized units.
        let l = n.labs.table
        #expect(l.unit.map { n.units[Int($0)] } == ["mg/dL", "U/L", "10^4/uL", "mg/dL"])
        #expect(l.value[0] == 1.0)
        #expect(abs(l.referenceLow[0] - 0.6) < 1e-12 && abs(l.referenceHigh[0] - 1.1) < 1e-12)
        #expect(l.value[1] == 25)
        #expect(l.value[2] == 25 && l.referenceLow[2] == 15 && l.referenceHigh[2] == 35)
        #expect(abs(l.value[3] - 126.112) < 1e-9)
        #expect(l.referenceLow[3].isNaN)
        #expect(l.abnormal == [.normal, .unknown, .normal, .high])

        // Report: nothing rejected, all checksums agree.
        let r = loaded.report
        #expect(r.rejections.isEmpty)
        checkAccounting(r)
        #expect(r.sourceRows("drug_exposures") == 5 && r.storedRows("drug_exposures") == 5)
        // Per site: H01 has P1's three and P2's one drug row, H02 P3's one.
        let drugSites = r.reconciliation.filter { $0.table == "drug_exposures" }
        #expect(drugSites.map(\.site) == [0, 1])
        #expect(drugSites.map(\.storedRows) == [4, 1])
        #expect(r.reconciliation.first { $0.table == "sites" }?.site == nil)
        #expect(r.summary().contains("drug_exposures"))
    }

    @Test func creatinineInMicromolesIsConverted() throws {
        let dir = try Fixture.write(replace: ["lab_results.csv": Array("""
            person_id,jlac10_code,date,value,unit,reference_low,reference_high,abnormal_flag
            P1,3C015000002327101,2016-03-01,176.84,μmol/L,,,H

            """.utf8)])  // Greek mu, read as the micro sign
        let n = try NetworkLoader.loadCSV(directory: dir).network
        #expect(n.labs.table.value == [2.0])
        #expect(n.units[Int(n.labs.table.unit[0])] == "mg/dL")
    }

    @Test func sortedInputIsStoredWithoutReordering() throws {
        let dir = try Fixture.write()
        let a = try NetworkLoader.loadCSV(directory: dir).network
        let out = try Fixture.directory()
        try NetworkWriter.writeCSV(a, to: out)
        let text = try String(contentsOf: out.appendingPathComponent("drug_exposures.csv"), encoding: .utf8)
        #expect(text.hasPrefix("person_id,drug_code,code_system,start_date,days_supply,quantity,route,setting\nP1,100988001,HOT,2016-01-10,7,21,oral,inpatient\n"))
    }
}

// MARK: - Bad input

/// One bad row appended to a fixture file, and the rejection it must produce.
struct BadRow: CustomTestStringConvertible, Sendable {
    let name: String
    let file: String
    let line: [UInt8]
    let expectedLine: Int
    let column: String?
    let reason: RejectionReason
    var value: String? = nil
    var site: Int32? = nil
    var table: String { String(file.dropLast(4)) }
    var testDescription: String { name }

    init(_ name: String, _ file: String, _ text: String, line: Int, column: String?, _ reason: RejectionReason,
         value: String? = nil, site: Int32? = nil) {
        self.name = name
        self.file = file
        self.line = Array(text.utf8)
        expectedLine = line
        self.column = column
        self.reason = reason
        self.value = value
        self.site = site
    }

    init(_ name: String, _ file: String, bytes: [UInt8], line: Int, column: String?, _ reason: RejectionReason) {
        self.name = name
        self.file = file
        self.line = bytes
        expectedLine = line
        self.column = column
        self.reason = reason
    }

    // Lines: each fixture file has a header and its rows; the appended row is the next line.
    static let all: [BadRow] = [
        BadRow("wrong column count", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04-01,14,,42,oral\n",
               line: 7, column: nil, .wrongColumnCount),
        BadRow("truncated file", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04", line: 7, column: "days_supply", .truncatedFile),
        BadRow("unterminated quote", "sites.csv", "H03,O02,\"Half", line: 4, column: "name", .truncatedFile),
        BadRow("misplaced quote", "sites.csv", "H03,O\"2,East\n", line: 4, column: "organization_id", .misplacedQuote),
        BadRow("non-UTF-8", "persons.csv", bytes: Array("P4,H01,1980-01-01,".utf8) + [0xFF, 0x0A], line: 5, column: "sex", .invalidUTF8),
        BadRow("unparseable date", "observation_periods.csv", "P1,2015-13-01,2020-12-31\n", line: 5, column: "start_date",
               .unparseableDate, value: "2015-13-01", site: 0),
        BadRow("unparseable number (days supply)", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04-01,14x,,42,oral,outpatient\n",
               line: 7, column: "days_supply", .unparseableNumber, value: "14x", site: 0),
        BadRow("unparseable number (lab value)", "lab_results.csv", "P2,3C015000002327101,2018-04-20,abc,mg/dL,,,\n",
               line: 6, column: "value", .unparseableNumber, value: "abc", site: 0),
        BadRow("missing value", "diagnoses.csv", "P1,,2016-03-01,0,outpatient\n", line: 5, column: "icd10_code", .missingValue, site: 0),
        BadRow("date before birth", "diagnoses.csv", "P1,K29,1940-01-01,0,outpatient\n", line: 5, column: "date",
               .dateBeforeBirth, site: 0),
        BadRow("end before start", "admissions.csv", "P2,2019-01-10,2019-01-05\n", line: 3, column: "discharge_date",
               .endBeforeStart, site: 0),
        BadRow("end date before start date", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04-01,,2016-03-01,42,oral,outpatient\n",
               line: 7, column: "end_date", .endBeforeStart, site: 0),
        BadRow("inconsistent end date", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04-01,14,2016-04-10,42,oral,outpatient\n",
               line: 7, column: "end_date", .inconsistentEndDate, site: 0),
        BadRow("days supply out of range", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04-01,0,,42,oral,outpatient\n",
               line: 7, column: "days_supply", .outOfRange, site: 0),
        BadRow("invalid route", "drug_exposures.csv", "P1,1149019F1560,YJ,2016-04-01,14,,42,nasal,outpatient\n",
               line: 7, column: "route", .invalidValue, value: "nasal", site: 0),
        BadRow("invalid code system", "drug_exposures.csv", "P1,1149019F1560,JAN,2016-04-01,14,,42,oral,outpatient\n",
               line: 7, column: "code_system", .invalidValue, site: 0),
        BadRow("unknown code (YJ check digit)", "drug_exposures.csv", "P1,1149019F1561,YJ,2016-04-01,14,,42,oral,outpatient\n",
               line: 7, column: "drug_code", .unknownCode, value: "1149019F1561", site: 0),
        BadRow("unknown code (ICD-10)", "diagnoses.csv", "P2,29K,2018-04-20,0,outpatient\n", line: 5, column: "icd10_code",
               .unknownCode, site: 0),
        BadRow("unknown unit", "lab_results.csv", "P1,3C015000002327101,2016-03-01,1.2,mmol/mol,,,\n", line: 6, column: "unit",
               .unknownUnit, value: "mmol/mol", site: 0),
        BadRow("invalid reference range", "lab_results.csv", "P1,3B045000002327201,2016-03-01,25,U/L,42,10,\n", line: 6,
               column: "reference_low", .invalidReferenceRange, site: 0),
        BadRow("duplicate person id", "persons.csv", "P1,H02,1950-01-01,F\n", line: 5, column: "person_id", .duplicateID, site: 1),
        BadRow("duplicate site id", "sites.csv", "H01,O02,Duplicate\n", line: 4, column: "hospital_id", .duplicateID),
        BadRow("unknown person", "drug_exposures.csv", "P9,1149019F1560,YJ,2016-04-01,14,,42,oral,outpatient\n",
               line: 7, column: "person_id", .unknownPerson, value: "P9"),
        BadRow("unknown hospital", "persons.csv", "P5,H99,1980-01-01,M\n", line: 5, column: "hospital_id", .unknownHospital, value: "H99"),
        BadRow("invalid sex", "persons.csv", "P5,H01,1980-01-01,X\n", line: 5, column: "sex", .invalidValue, site: 0),
    ]
}

@Suite("Loaders: rejections")
struct LoaderRejectionTests {
    @Test(arguments: BadRow.all)
    func lenientModeRejectsTheRowAndKeepsTheRest(_ bad: BadRow) throws {
        let dir = try Fixture.write(append: [bad.file: bad.line])
        let loaded = try NetworkLoader.loadCSV(directory: dir, options: .lenient)
        let r = loaded.report
        #expect(r.rejections.count == 1)
        let rej = try #require(r.rejections.first)
        #expect(rej.table == bad.table)
        #expect(rej.file == bad.file)
        #expect(rej.line == bad.expectedLine)
        #expect(rej.column == bad.column)
        #expect(rej.reason == bad.reason.rawValue)
        if let v = bad.value { #expect(rej.value == v) }
        if let s = bad.site { #expect(rej.site == s) }
        checkAccounting(r)
        // Everything else is stored: the table has its fixture rows.
        let expectedStored = ["sites": 2, "persons": 3, "observation_periods": 3, "drug_exposures": 5, "diagnoses": 3,
                              "lab_results": 4, "admissions": 1][bad.table]
        #expect(r.storedRows(bad.table) == expectedStored)
        #expect(r.sourceRows(bad.table) == (expectedStored ?? 0) + 1)
    }

    @Test(arguments: BadRow.all)
    func strictModeThrowsTheSameRejection(_ bad: BadRow) throws {
        let dir = try Fixture.write(append: [bad.file: bad.line])
        let error = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir, options: .strict) }
        guard case .rejectedRow(let rej) = error else {
            Issue.record("expected rejectedRow, got \(String(describing: error))")
            return
        }
        #expect(rej.file == bad.file && rej.line == bad.expectedLine && rej.column == bad.column)
        #expect(rej.reason == bad.reason.rawValue)
        #expect(error?.description.hasPrefix("\(bad.file):\(bad.expectedLine): ") == true)
    }

    @Test func unknownCodeCarriesTheFormatProblem() throws {
        let dir = try Fixture.write(appending: "drug_exposures.csv", "P1,1149019F1561,YJ,2016-04-01,14,,42,oral,outpatient\n")
        let r = try NetworkLoader.loadCSV(directory: dir, options: .lenient).report
        #expect(r.rejections.first?.detail == "YJ check digit does not match")
    }

    @Test func unknownUnitNamesTheHarmonizedUnit() throws {
        let dir = try Fixture.write(appending: "lab_results.csv", "P1,3D046000001906202,2016-03-01,48,mmol/mol,,,\n")
        let r = try NetworkLoader.loadCSV(directory: dir, options: .lenient).report
        let rej = try #require(r.rejections.first)
        #expect(rej.reason == "unknown unit")
        #expect(rej.detail?.contains("stored in %") == true)
    }

    @Test func manyBadRowsAreCountedByReason() throws {
        let extra = """
            P9,1149019F1560,YJ,2016-04-01,14,,42,oral,outpatient
            P8,1149019F1560,YJ,2016-04-01,14,,42,oral,outpatient
            P1,1149019F1560,YJ,2016-02-30,14,,42,oral,outpatient
            P1,1149019F1560,YJ,2016-04-01,14,,42,oral,outpatient

            """
        let dir = try Fixture.write(appending: "drug_exposures.csv", extra)
        let r = try NetworkLoader.loadCSV(directory: dir, options: .lenient).report
        #expect(r.rejectionCounts.map(\.reason) == ["unknown person", "unparseable date"])
        #expect(r.rejectionCounts.map(\.count) == [2, 1])
        #expect(r.storedRows("drug_exposures") == 6)
        // Rows of unknown persons have no site: they form their own reconciliation line.
        let unknownSite = r.reconciliation.first { $0.table == "drug_exposures" && $0.site == nil }
        #expect(unknownSite?.sourceRows == 2 && unknownSite?.storedRows == 0)
        checkAccounting(r)
    }

    @Test func lenientRejectionsDoNotLeakConcepts() throws {
        // The rejected row's code (loxoprofen 60 mg, another YJ) must not enter the vocabulary.
        let dir = try Fixture.write(appending: "drug_exposures.csv", "P9,3962002F2027,YJ,2016-04-01,14,,42,oral,outpatient\n")
        let n = try NetworkLoader.loadCSV(directory: dir, options: .lenient).network
        #expect(n.vocabulary.id(of: "3962002F2027", system: .yj) == nil)
    }
}

@Suite("Loaders: file-level errors")
struct LoaderFileErrorTests {
    static let modes: [LoadOptions.Mode] = [.strict, .lenient]

    @Test(arguments: modes)
    func missingRequiredColumn(_ mode: LoadOptions.Mode) throws {
        let dir = try Fixture.write(replace: ["persons.csv": Array("person_id,hospital_id,birth_date\nP1,H01,1950-04-01\n".utf8)])
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: mode)) }
        #expect(e == .missingColumn(name: "sex", file: "persons.csv"))
    }

    @Test(arguments: modes)
    func wrongHeader(_ mode: LoadOptions.Mode) throws {
        let text = "person_id,start_date,end_date,note\nP1,2015-01-01,2020-12-31,x\n"
        let dir = try Fixture.write(replace: ["observation_periods.csv": Array(text.utf8)])
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: mode)) }
        #expect(e == .unexpectedColumn(name: "note", file: "observation_periods.csv"))
        // Allowed when asked for: the extra column is ignored.
        let ok = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: mode, allowExtraColumns: true))
        #expect(ok.network.observationPeriods.table.count == 1)
    }

    @Test func drugsNeedDaysSupplyOrEndDate() throws {
        let text = "person_id,drug_code,code_system,start_date,route\nP1,1149019F1560,YJ,2016-03-02,oral\n"
        let dir = try Fixture.write(replace: ["drug_exposures.csv": Array(text.utf8)])
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir) }
        #expect(e == .missingColumn(name: "days_supply", file: "drug_exposures.csv"))
    }

    @Test func missingFile() throws {
        let dir = try Fixture.write(omit: ["admissions.csv"])
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir, options: .lenient) }
        #expect(e == .missingTable(table: "admissions", file: "admissions.csv"))
    }

    @Test func emptyFileAndDuplicateHeader() throws {
        let empty = try Fixture.write(replace: ["diagnoses.csv": []])
        let e1 = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: empty, options: .lenient) }
        #expect(e1 == .csv(CSVError(file: "diagnoses.csv", reason: .emptyFile)))
        let dup = try Fixture.write(replace: ["admissions.csv": Array("person_id,admission_date,admission_date\n".utf8)])
        let e2 = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dup, options: .lenient) }
        guard case .csv(let c) = e2 else {
            Issue.record("expected a CSV error, got \(String(describing: e2))")
            return
        }
        #expect(c.reason == .duplicateColumnName)
    }

    @Test func headerOnlyFilesGiveEmptyTables() throws {
        let dir = try Fixture.write(replace: ["admissions.csv": Array("person_id,admission_date,discharge_date".utf8)])
        let loaded = try NetworkLoader.loadCSV(directory: dir)
        #expect(loaded.network.admissions.table.count == 0)
        #expect(loaded.network.admissions.offsets == [0, 0, 0, 0])
    }

    @Test func quotedFieldsAndCRLF() throws {
        let sites = "hospital_id,organization_id,name\r\n\"H01\",O01,\"North \"\"Main\"\" Hospital\"\r\nH02,O01,\"South,\r\nAnnex\"\r\n"
        let dir = try Fixture.write(replace: ["sites.csv": Array(sites.utf8)])
        let n = try NetworkLoader.loadCSV(directory: dir).network
        #expect(n.sites.map(\.name) == ["North \"Main\" Hospital", "South,\r\nAnnex"])
    }
}

@Suite("Loaders: reconciliation checksums")
struct LoaderChecksumTests {
    /// The stored-side checksums ignore row order but see a value moved to another person's row.
    @Test func checksumsAreOrderFreeButPersonBound() throws {
        let n = try NetworkLoader.loadCSV(directory: try Fixture.write()).network
        let base = ModelChecksums.sums(of: "drug_exposures", in: n, prefix: 0)
        let names = ModelChecksums.columns(of: "drug_exposures")
        func mismatches(_ m: Network) -> [String] {
            let x = ModelChecksums.sums(of: "drug_exposures", in: m, prefix: 0)
            return names.indices.filter { c in
                (0..<base.sums.buckets).contains { x.sum(bucket: $0, column: c) != base.sum(bucket: $0, column: c) }
            }.map { names[$0] }
        }
        // Swapping two whole rows of one person: same checksums.
        var reordered = n
        reordered.drugs.table.quantity.swapAt(0, 1)
        reordered.drugs.table.start.swapAt(0, 1)
        reordered.drugs.table.daysSupply.swapAt(0, 1)
        reordered.drugs.table.drug.swapAt(0, 1)
        reordered.drugs.table.setting.swapAt(0, 1)
        #expect(mismatches(reordered).isEmpty)
        // Moving one value between persons (rows 0 and 3 belong to P1 and P2): that column differs.
        var moved = n
        moved.drugs.table.start.swapAt(0, 3)
        #expect(mismatches(moved) == ["start_date"])
        // A changed code.
        var recoded = n
        recoded.drugs.table.drug[4] = recoded.drugs.table.drug[0]
        #expect(mismatches(recoded) == ["drug_code"])
    }

    @Test func rejectionsReadLikeDiagnostics() throws {
        let dir = try Fixture.write(appending: "persons.csv", "P5,H99,1980-01-01,M\n")
        let r = try NetworkLoader.loadCSV(directory: dir, options: .lenient).report
        #expect(r.rejections.first?.description == "persons.csv:5: column hospital_id: \"H99\": unknown hospital")
        #expect(r.summary().contains("unknown hospital: 1"))
    }
}

@Suite("Loaders: byte-keyed lookup")
struct LoaderLookupTests {
    @Test func keysOfAllLengthsSurviveGrowth() {
        var t = ByteKeyTable()
        // Keys of 0 to 40 bytes, some sharing their first 16 bytes.
        let keys: [[UInt8]] = (0..<5000).map { i in
            let base = Array("patient-\(i % 97)-".utf8)
            return Array((base + Array(String(i, radix: 7).utf8) + Array(repeating: UInt8(65 + i % 26), count: i % 23)).prefix(i % 41))
        }
        var unique: [[UInt8]: Int] = [:]
        for k in keys where unique[k] == nil {
            let e = k.withUnsafeBufferPointer { t.insert($0, payload: UInt64(k.count) << 20 | UInt64(unique.count)) }
            #expect(e == unique.count)
            unique[k] = e
        }
        #expect(t.count == unique.count)
        for (k, e) in unique {
            let found = k.withUnsafeBufferPointer { t.lookup($0) }
            #expect(found?.entry == e && found?.payload == UInt64(k.count) << 20 | UInt64(e))
        }
        for absent in ["patient-1-x", "", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"].map({ Array($0.utf8) }) where unique[absent] == nil {
            #expect(absent.withUnsafeBufferPointer { t.find($0) } == nil)
        }
    }
}

// MARK: - Round trips

@Suite("Loaders: round trips")
struct LoaderRoundTripTests {
    @Test func csvToModelToCSVAndSQLite() throws {
        let a = try NetworkLoader.loadCSV(directory: try Fixture.write()).network
        let csvDir = try Fixture.directory()
        try NetworkWriter.writeCSV(a, to: csvDir)
        let b = try NetworkLoader.loadCSV(directory: csvDir)
        #expect(Bool(sameNetwork(a, b.network)))
        checkAccounting(b.report)
        // Writing the reloaded network gives the same bytes.
        let again = try Fixture.directory()
        try NetworkWriter.writeCSV(b.network, to: again)
        for t in Fixture.tables + ["concepts", "units"] {
            let x = try Data(contentsOf: csvDir.appendingPathComponent("\(t).csv"))
            let y = try Data(contentsOf: again.appendingPathComponent("\(t).csv"))
            #expect(x == y, "\(t).csv")
        }
        let db = try Fixture.directory().appendingPathComponent("network.sqlite")
        try NetworkWriter.writeSQLite(a, to: db)
        let c = try NetworkLoader.loadSQLite(file: db)
        #expect(Bool(sameNetwork(a, c.network)))
        checkAccounting(c.report)
        #expect(c.report.sourceRows("drug_exposures") == 5)
        // Writing over an existing SQLite file replaces it.
        try NetworkWriter.writeSQLite(c.network, to: db)
        #expect(Bool(sameNetwork(a, try NetworkLoader.loadSQLite(file: db).network)))
    }

    /// A network built in memory (ids interned in an order no file would give, an unused concept, NaN
    /// quantities, all settings and flags) survives both writers.
    @Test func builtNetworkRoundTrips() throws {
        var b = NetworkBuilder()
        let s0 = b.addSite(Site(hospitalID: "H01", organizationID: "O1", name: "A, \"quoted\" site"))
        let s1 = b.addSite(Site(hospitalID: "H02", organizationID: "O1", name: ""))
        _ = b.intern("A10BA02", system: .atc)  // used by no row
        let p0 = try b.addPerson(id: "X-1", site: s1, birthDate: Day("1940-02-29")!, sex: .male)
        let p1 = try b.addPerson(id: "X,2", site: s0, birthDate: Day("1990-12-31")!, sex: .unknown)
        b.addObservationPeriod(person: p1, start: Day("2010-01-01")!, end: Day("2020-01-01")!)
        b.addObservationPeriod(person: p0, start: Day("2000-01-01")!, end: Day("2001-01-01")!)
        b.addDiagnosis(person: p1, code: "K297", date: Day("2012-01-01")!, suspected: true, setting: .unknown)
        b.addDrug(person: p1, code: "3332001F1016", system: .yj, start: Day("2012-05-05")!, daysSupply: 90, quantity: 0.1,
                  route: .external, setting: .inpatient)
        b.addDrug(person: p0, code: "100988001", system: .hot, start: Day("2000-06-01")!, daysSupply: 1)
        b.addDrug(person: p1, code: "3332001F1016", system: .yj, start: Day("2011-05-05")!, daysSupply: 3, quantity: 1e-7,
                  route: .other)
        b.addLab(person: p0, code: "3H015000002326101", date: Day("2000-07-01")!, value: 4.1, unit: "mEq/L",
                 referenceLow: 3.5, referenceHigh: 5.0, abnormal: .normal)
        b.addLab(person: p1, code: "9Z999000000000001", date: Day("2013-01-01")!, value: -3.25e-5, unit: "")
        b.addLab(person: p1, code: "2A050000001930101", date: Day("2013-01-01")!, value: 23.4, unit: "10^4/uL",
                 referenceLow: 15.8, referenceHigh: 34.8, abnormal: .high)
        b.addAdmission(person: p0, admission: Day("2000-06-01")!, discharge: Day("2000-06-01")!)
        let net = b.build()

        let dir = try Fixture.directory()
        try NetworkWriter.writeCSV(net, to: dir)
        let fromCSV = try NetworkLoader.loadCSV(directory: dir)
        #expect(Bool(sameNetwork(net, fromCSV.network)))
        #expect(fromCSV.network.vocabulary == net.vocabulary)
        checkAccounting(fromCSV.report)
        let db = dir.appendingPathComponent("n.sqlite")
        try NetworkWriter.writeSQLite(net, to: db)
        let fromSQLite = try NetworkLoader.loadSQLite(file: db)
        #expect(Bool(sameNetwork(net, fromSQLite.network)))
        checkAccounting(fromSQLite.report)
    }

    @Test func sqliteRejectionsUseTableAndRowid() throws {
        // A builder does not check dates; the loader does.
        var b = NetworkBuilder()
        let s = b.addSite(Site(hospitalID: "H01", organizationID: "O1", name: "A"))
        let p = try b.addPerson(id: "P1", site: s, birthDate: Day("1980-01-01")!, sex: .female)
        b.addDrug(person: p, code: "1149019F1560", system: .yj, start: Day("2010-01-01")!, daysSupply: 5)
        b.addDrug(person: p, code: "1149019F1560", system: .yj, start: Day("2011-01-01")!, daysSupply: 0)
        b.addAdmission(person: p, admission: Day("1970-01-01")!, discharge: Day("1970-01-02")!)
        let db = try Fixture.directory().appendingPathComponent("bad.sqlite")
        try NetworkWriter.writeSQLite(b.build(), to: db)

        let r = try NetworkLoader.loadSQLite(file: db, options: .lenient).report
        #expect(r.rejections.map(\.file) == ["sqlite:drug_exposures", "sqlite:admissions"])
        #expect(r.rejections.map(\.line) == [2, 1])
        #expect(r.rejections.map(\.column) == ["days_supply", "admission_date"])
        #expect(r.rejections.map(\.reason) == ["out of range", "date before birth"])
        checkAccounting(r)
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadSQLite(file: db, options: .strict) }
        guard case .rejectedRow(let first) = e else {
            Issue.record("expected rejectedRow, got \(String(describing: e))")
            return
        }
        #expect(first.file == "sqlite:drug_exposures" && first.line == 2)
    }

    @Test func sqliteFileErrors() throws {
        let dir = try Fixture.directory()
        let missing = loaderError { () throws(CohortModelError) in
            try NetworkLoader.loadSQLite(file: dir.appendingPathComponent("none.sqlite"))
        }
        #expect(missing == .sqlite(file: "none.sqlite", message: "no such file"))
        let junk = dir.appendingPathComponent("junk.sqlite")
        try Data("this is not a database, just text".utf8).write(to: junk)
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadSQLite(file: junk) }
        guard case .sqlite(let file, _) = e else {
            Issue.record("expected an SQLite error, got \(String(describing: e))")
            return
        }
        #expect(file == "junk.sqlite")
    }
}

// MARK: - Parallel parsing

@Suite("Loaders: parallel drug parsing")
struct LoaderParallelTests {
    /// A drug file above the parallel threshold, loaded with 1 and with 4 threads, gives the same network and
    /// the same rejections (lines included).
    @Test func chunkedParsingMatchesSequential() throws {
        var text = Fixture.files["drug_exposures.csv"]!
        let rows = [
            "P1,1149019F1560,YJ,2016-03-02,14,,42,oral,outpatient\n",
            "P2,2171022F2025,YJ,2018-05-01,30,,30,oral,outpatient\n",
            "P3,620098801,RECEIPT,2018-02-01,7,,,oral,\n",
            "P9,620098801,RECEIPT,2018-02-01,7,,,oral,\n",  // unknown person
            "P1,1149019F1560,YJ,2016-03-02,14x,,42,oral,outpatient\n",  // bad number
            "\n",  // blank line
        ]
        var k = 0
        while text.utf8.count < 3 * CSVDirectorySource.parallelThreshold {
            text += rows[k % rows.count]
            k += 1
        }
        let dir = try Fixture.write(replace: ["drug_exposures.csv": Array(text.utf8)])
        let one = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .lenient, parallelism: 1))
        let four = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .lenient, parallelism: 4))
        #expect(Bool(sameNetwork(one.network, four.network)))
        #expect(one.report == four.report)
        #expect(one.report.rejections.count == 2 * (k / rows.count) + (k % rows.count > 3 ? 1 : 0) + (k % rows.count > 4 ? 1 : 0))
        checkAccounting(four.report)
        // Strict mode reports the first bad row of the file: the first appended P9 row is on line 10.
        let e = loaderError { () throws(CohortModelError) in
            try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .strict, parallelism: 4))
        }
        guard case .rejectedRow(let r) = e else {
            Issue.record("expected rejectedRow")
            return
        }
        #expect(r.line == 10 && r.reason == "unknown person")
    }
}

// MARK: - Unit conversion and code mapping

@Suite("Unit harmonization")
struct LoaderUnitConversionTests {
    @Test func standardTable() throws {
        let t = UnitConversionTable.standard
        #expect(t.harmonizedUnit(analyte: "3C015") == "mg/dL")
        #expect(t.harmonization(code: "3C015000002327101", unit: "µmol/L")?.apply(88.42) == 1.0)
        #expect(t.harmonization(code: "3C015000002327101", unit: " umol/L ")?.apply(176.84) == 2.0)
        #expect(t.harmonization(code: "3J010000002327101", unit: "µmol/L")?.apply(17.1) == 1.0)
        #expect(t.harmonization(code: "3D010000002327101", unit: "mmol/L")?.apply(5) == 5 * 18.016)
        #expect(t.harmonization(code: "2A050000001930101", unit: "10^3/µL")?.apply(250) == 25)
        #expect(t.harmonization(code: "2A050000001930101", unit: "10^9/L")?.apply(250) == 25)
        #expect(t.harmonization(code: "2A050000001930101", unit: "10⁴/μL")?.unit == "10^4/uL")  // Greek mu
        #expect(t.harmonization(code: "3B035000002327201", unit: "IU/L")?.unit == "U/L")
        #expect(t.harmonization(code: "3H015000002326101", unit: "mmol/L")?.apply(4.2) == 4.2)
        #expect(t.harmonization(code: "3D046000001906202", unit: "%")?.apply(6.5) == 6.5)
        // Never guessed: other case, other analyte's unit, affine HbA1c IFCC.
        #expect(t.harmonization(code: "3C015000002327101", unit: "MG/DL") == nil)
        #expect(t.harmonization(code: "3C015000002327101", unit: "mmol/L") == nil)
        #expect(t.harmonization(code: "3D046000001906202", unit: "mmol/mol") == nil)
        // Unlisted analytes keep their unit unless the table says to reject them.
        #expect(t.harmonization(code: "5C070000002305201", unit: "ng/mL")?.unit == "ng/mL")
        var strictTable = t
        strictTable.unlistedAnalytes = .reject
        #expect(strictTable.harmonization(code: "5C070000002305201", unit: "ng/mL") == nil)
    }

    @Test func tableFromCSV() throws {
        let csv = """
            analyte,from_unit,to_unit,factor
            3C015,µmol/L,mg/dL,1/88.42
            3D010,mmol/L,mg/dL,18.016
            3D010,g/L,mg/dL,100

            """
        let t = try UnitConversionTable(csv: Array(csv.utf8), source: "units.csv")
        #expect(t.conversions.count == 3)
        #expect(t.harmonization(code: "3C015000002327101", unit: "µmol/L")?.apply(88.42) == 1)
        #expect(t.harmonization(code: "3D010000002327101", unit: "g/L")?.apply(1.1) == 110.00000000000001 || t.harmonization(code: "3D010000002327101", unit: "g/L")?.apply(1.1) == 110)
        #expect(t == (try UnitConversionTable(csv: Array(csv.utf8), source: "again.csv")))

        let conflicting = "analyte,from_unit,to_unit,factor\n3C015,µmol/L,mg/dL,1/88.42\n3C015,mg/L,mmol/L,2\n"
        let e = loaderError { () throws(CohortModelError) in try UnitConversionTable(csv: Array(conflicting.utf8), source: "c.csv") }
        guard case .rejectedRow(let r) = e else {
            Issue.record("expected rejectedRow, got \(String(describing: e))")
            return
        }
        #expect(r.line == 3 && r.table == "unit_conversions")
        let badFactor = "analyte,from_unit,to_unit,factor\n3C015,µmol/L,mg/dL,-3\n"
        let e2 = loaderError { () throws(CohortModelError) in try UnitConversionTable(csv: Array(badFactor.utf8), source: "b.csv") }
        guard case .rejectedRow(let r2) = e2 else {
            Issue.record("expected rejectedRow")
            return
        }
        #expect(r2.column == "factor" && r2.reason == "unparseable number")
        #expect(loaderError { () throws(CohortModelError) in
            try UnitConversionTable([.init(analyte: "creat", from: "a", to: "b", multiplier: 2)])
        } == .invalidUnitConversion(analyte: "creat", reason: "a JLAC10 analyte is 5 characters: digit, capital letter, 3 digits"))
    }

    @Test func customTableAppliesAtLoad() throws {
        let extra = try UnitConversionTable([.init(analyte: "3C015", from: "mg/L", to: "mg/dL", divisor: 10)])
        let table = try UnitConversionTable.standard.adding(extra)
        let dir = try Fixture.write(appending: "lab_results.csv", "P1,3C015000002327101,2016-04-01,12,mg/L,6,11,H\n")
        let n = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(unitConversions: table)).network
        let i = try #require(n.labs.table.date.firstIndex(of: Day("2016-04-01")!))
        #expect(n.labs.table.value[i] == 1.2 && n.labs.table.referenceLow[i] == 0.6 && n.labs.table.referenceHigh[i] == 1.1)
        // With the standard table alone, mg/L is an unknown unit.
        let e = loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir) }
        guard case .rejectedRow(let r) = e else {
            Issue.record("expected rejectedRow")
            return
        }
        #expect(r.reason == "unknown unit" && r.line == 6)
    }
}

@Suite("Code mapping")
struct LoaderCodeMappingTests {
    static let csv = """
        source_system,source_code,target_system,target_code
        YJ,2171022F2025,ATC,C08CA01
        YJ,1149019F1560,ATC,M01AE
        RECEIPT,620098801,YJ,1149019F1560
        HOT,100988001,YJ,1149019F1560

        """

    @Test func loadsAndResolvesTransitively() throws {
        let m = try CodeMapping(csv: Array(Self.csv.utf8), source: "map.csv")
        #expect(m.count == 4)
        #expect(m.targets(of: "2171022F2025", system: .yj) == [.init(system: .atc, code: "C08CA01")])
        #expect(m.reachable(from: .init(system: .receipt, code: "620098801")).map(\.code) == ["1149019F1560", "M01AE"])

        let n = try NetworkLoader.loadCSV(directory: try Fixture.write()).network
        let nsaids = ConceptSet(name: "propionic acid NSAIDs", include: [.init(system: .atc, code: "M01AE", descendants: true)])
        let mask = nsaids.resolve(in: n.vocabulary, mapping: m)
        let members = n.vocabulary.concepts.indices.filter { mask[$0] }.map { n.vocabulary.concepts[$0].code }
        // Loxoprofen as YJ, as receipt code (via YJ) and as HOT (via YJ).
        #expect(Set(members) == ["1149019F1560", "620098801", "100988001"])
        // Without the mapping no recorded code is ATC M01AE.
        #expect(!nsaids.resolve(in: n.vocabulary).contains(true))
        // Exclusions win, also through the mapping.
        let excl = ConceptSet(name: "NSAIDs but not receipt-coded", include: [.init(system: .atc, code: "M01AE", descendants: true)],
                              exclude: [.init(system: .receipt, code: "620098801")])
        let mask2 = excl.resolve(in: n.vocabulary, mapping: m)
        #expect(n.vocabulary.concepts.indices.filter { mask2[$0] }.count == 2)
    }

    @Test func loaderReportsUnmappedDrugCodes() throws {
        let m = try CodeMapping(csv: Array(Self.csv.utf8), source: "map.csv")
        let loaded = try NetworkLoader.loadCSV(directory: try Fixture.write(), options: LoadOptions(drugCodeMapping: m))
        // The ATC row itself has no mapping (it is already the target system).
        #expect(loaded.report.unmappedDrugCodes == [.init(system: .atc, code: "C08CA01", rows: 1)])
        #expect(loaded.codeMapping == m)
        // Codes are kept as recorded.
        #expect(loaded.network.vocabulary.id(of: "620098801", system: .receipt) != nil)
    }

    @Test func badMappingRows() throws {
        let bad = "source_system,source_code,target_system,target_code\nYJ,2171022F2025,ATC,C8CA01\n"
        let e = loaderError { () throws(CohortModelError) in try CodeMapping(csv: Array(bad.utf8), source: "m.csv") }
        guard case .rejectedRow(let r) = e else {
            Issue.record("expected rejectedRow")
            return
        }
        #expect(r.line == 2 && r.column == "target_code" && r.reason == "unknown code")
        let system = "source_system,source_code,target_system,target_code\nJAN,4987,ATC,C08CA01\n"
        let e2 = loaderError { () throws(CohortModelError) in try CodeMapping(csv: Array(system.utf8), source: "m.csv") }
        guard case .rejectedRow(let r2) = e2 else {
            Issue.record("expected rejectedRow")
            return
        }
        #expect(r2.column == "source_system" && r2.reason == "invalid value")
        let missing = "source_system,source_code,target_system\nYJ,2171022F2025,ATC\n"
        #expect(loaderError { () throws(CohortModelError) in try CodeMapping(csv: Array(missing.utf8), source: "m.csv") }
            == .missingColumn(name: "target_code", file: "m.csv"))
    }
}

// MARK: - Speed (by hand)

/// Load speed and memory of the drug-exposure path on a generated file. Off by default; run in release:
///
/// ```
/// LOADER_BENCH_ROWS=10000000 swift test -c release -Xswiftc -enable-testing --filter LoaderSpeedTests
/// ```
///
/// `LOADER_BENCH_ORDER=random` writes the rows in random person order (the loader then sorts them); the default
/// is the order ``NetworkWriter`` writes (by person, then date). Prints rows per second, the drug table's bytes per
/// row and the process's peak resident memory.
@Suite("Loaders: speed")
struct LoaderSpeedTests {
    static var rows: Int? { ProcessInfo.processInfo.environment["LOADER_BENCH_ROWS"].flatMap(Int.init) }

    @Test(.enabled(if: rows != nil))
    func drugExposureLoadSpeed() throws {
        let rows = Self.rows ?? 0
        let random = ProcessInfo.processInfo.environment["LOADER_BENCH_ORDER"] == "random"
        let persons = max(1, rows / 50)
        let sites = 23
        var state: UInt64 = 0x1234_5678
        func next(_ n: Int) -> Int {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        // 400 YJ codes with valid check digits, 100 HOT9 codes.
        var codes: [(String, String)] = []
        for k in 0..<400 {
            let body = Array(String(format: "%04d%03dF%d%02d", 1100 + k % 900, 1 + k % 399, 1 + k % 9, 1 + k % 90).utf8)
            let check = YJCheckDigit.compute(body) ?? 0
            codes.append((String(decoding: body, as: UTF8.self) + "\(check)", "YJ"))
        }
        for k in 0..<100 { codes.append((String(format: "1%08d", 100_000 + k * 37), "HOT")) }

        let dir = try Fixture.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func put(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        try put("sites.csv", "hospital_id,organization_id,name\n" + (0..<sites).map { "H\($0),O\($0),Site \($0)\n" }.joined())
        var personText = "person_id,hospital_id,birth_date,sex\n"
        for p in 0..<persons { personText += "P\(String(format: "%07d", p)),H\(p % sites),19\(40 + p % 50)-0\(1 + p % 9)-1\(p % 10),\(p % 2 == 0 ? "F" : "M")\n" }
        try put("persons.csv", personText)
        for t in ["observation_periods", "diagnoses", "lab_results", "admissions"] {
            try put("\(t).csv", Fixture.files["\(t).csv"]!.split(separator: "\n").first.map { String($0) + "\n" } ?? "")
        }

        // The drug file, streamed in blocks.
        let url = dir.appendingPathComponent("drug_exposures.csv")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        var buf = Array("person_id,drug_code,code_system,start_date,days_supply,end_date,quantity,route,setting\n".utf8)
        let base = Day("2010-01-01")!
        let perPerson = max(1, rows / persons)
        var day = 0
        for i in 0..<rows {
            let p = random ? next(persons) : min(persons - 1, i / perPerson)
            if !random && i % perPerson == 0 { day = next(300) }
            day += random ? 0 : 1 + next(60)
            let d = base + (random ? next(5000) : day)
            let (code, system) = codes[next(codes.count)]
            let q = next(4) == 0 ? "\(next(100)).5" : "\(1 + next(90))"
            buf += Array("P\(String(format: "%07d", p)),\(code),\(system),\(d),\(1 + next(90)),,\(q),\(next(5) == 0 ? "injection" : "oral"),\(next(3) == 0 ? "inpatient" : "outpatient")\n".utf8)
            if buf.count > 1 << 22 {
                handle.write(Data(buf))
                buf.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buf))
        try handle.close()
        let bytes = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0

        func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }  // process CPU time, all threads
        let t0 = Date(), c0 = cpuSeconds()
        let loaded = try NetworkLoader.loadCSV(directory: dir, options: .strict)
        let seconds = Date().timeIntervalSince(t0), cpu = cpuSeconds() - c0
        let d = loaded.network.drugs
        #expect(d.table.count == rows)
        #expect(loaded.report.isConsistent)
        let tableBytes = d.table.person.capacity * 4 + d.table.drug.capacity * 4 + d.table.start.capacity * 4
            + d.table.daysSupply.capacity * 4 + d.table.quantity.capacity * 4 + d.table.route.capacity + d.table.setting.capacity
        let offsetBytes = d.offsets.capacity * 8
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "VmHWM: ?"
        print("""
            loader speed: \(rows) drug rows (\(random ? "random person order" : "sorted"), \(persons) persons, \(bytes / 1_000_000) MB) \
            in \(String(format: "%.2f", seconds)) s (CPU \(String(format: "%.2f", cpu)) s) = \(String(format: "%.2f", Double(rows) / seconds / 1e6)) M rows/s; \
            drug table \(String(format: "%.1f", Double(tableBytes) / Double(max(rows, 1)))) bytes/row \
            (+ \(String(format: "%.1f", Double(offsetBytes) / Double(max(rows, 1)))) for person offsets); \(peak)
            """)
        // LOADER_BENCH_SQLITE=1: the same network through the SQLite writer and loader.
        if ProcessInfo.processInfo.environment["LOADER_BENCH_SQLITE"] != nil {
            let db = dir.appendingPathComponent("network.sqlite")
            let w0 = Date()
            try NetworkWriter.writeSQLite(loaded.network, to: db)
            let w = Date().timeIntervalSince(w0)
            let r0 = Date()
            let back = try NetworkLoader.loadSQLite(file: db)
            let r = Date().timeIntervalSince(r0)
            #expect(back.network.drugs.table.count == rows)
            print(String(format: "sqlite: write %.2f s (%.2f M rows/s), load %.2f s (%.2f M rows/s)",
                         w, Double(rows) / w / 1e6, r, Double(rows) / r / 1e6))
        }
    }
}
