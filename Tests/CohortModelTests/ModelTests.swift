import Testing
@testable import CohortModel

@Suite struct DayTests {
    @Test func knownDayNumbers() {
        // Reference day numbers from Python: (date(y, m, d) - date(1970, 1, 1)).days
        #expect(Day(year: 1970, month: 1, day: 1)?.rawValue == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.rawValue == 11017)
        #expect(Day(year: 1900, month: 2, day: 28)?.rawValue == -25509)
        #expect(Day(year: 2024, month: 2, day: 29)?.rawValue == 19782)
        #expect(Day("2020-12-30")?.rawValue == 18626)
        #expect(Day("20201230")?.rawValue == 18626)
    }

    @Test func invalidDatesAreRejected() {
        #expect(Day("2023-02-29") == nil)  // not a leap year
        #expect(Day("1900-02-29") == nil)  // century rule
        #expect(Day("2020-13-01") == nil)
        #expect(Day("2020-1-01") == nil)
        #expect(Day("2020/01/01") == nil)
        #expect(Day("") == nil)
    }

    @Test func roundTripsThroughCivil() {
        for raw in stride(from: Int32(-200_000), through: 200_000, by: 997) {
            let d = Day(raw)
            #expect(Day(d.description) == d)
        }
        #expect(Day(year: 2024, month: 2, day: 29)!.description == "2024-02-29")
        #expect(Day("2020-04-01")! - Day("2020-03-01")! == 31)
    }
}

@Suite struct CodeSystemTests {
    @Test func yjCheckDigitsOfPublishedCodes() {
        // Published YJ codes (project domain notes, section 2): loxoprofen, amlodipine, warfarin, metformin.
        for code in ["1149019F1560", "2171022F2025", "3332001F1016", "3962002F2027"] {
            #expect(CodeSystem.yj.isValid(code), "\(code)")
        }
        #expect(CodeSystem.yj.formatProblem("1149019F1561") == "YJ check digit does not match")
        #expect(!CodeSystem.yj.isValid("1149019F156"))
    }

    @Test func otherFormats() {
        #expect(CodeSystem.icd10.isValid("K29"))
        #expect(CodeSystem.icd10.isValid("K29.7"))
        #expect(CodeSystem.icd10.isValid("K297"))
        #expect(!CodeSystem.icd10.isValid("29K"))
        #expect(!CodeSystem.icd10.isValid("K2.97"))
        #expect(CodeSystem.atc.isValid("A10BA02"))
        #expect(CodeSystem.atc.isValid("A10"))
        #expect(!CodeSystem.atc.isValid("A10BA2"))
        #expect(CodeSystem.jlac10.isValid("3B045000002327201"))  // ALT
        #expect(!CodeSystem.jlac10.isValid("3B04500000232720"))
        #expect(CodeSystem.hot.isValid("100988001"))
        #expect(CodeSystem.receipt.isValid("620098801"))
        #expect(!CodeSystem.receipt.isValid("62009880"))
    }
}

@Suite struct NetworkBuilderTests {
    @Test func sortsByPersonAndDateWithRowRanges() throws {
        var b = NetworkBuilder()
        let s = b.addSite(Site(hospitalID: "H01", organizationID: "O01", name: "North"))
        let p0 = try b.addPerson(id: "A", site: s, birthDate: Day("1950-01-01")!, sex: .female)
        let p1 = try b.addPerson(id: "B", site: s, birthDate: Day("1960-01-01")!, sex: .male)
        b.addDrug(person: p1, code: "1149019F1560", system: .yj, start: Day("2020-02-01")!, daysSupply: 7)
        b.addDrug(person: p0, code: "2171022F2025", system: .yj, start: Day("2020-03-01")!, daysSupply: 30)
        b.addDrug(person: p1, code: "1149019F1560", system: .yj, start: Day("2020-01-01")!, daysSupply: 7)
        let n = b.build()
        #expect(n.drugs.rows(ofPerson: 0) == 0..<1)
        #expect(n.drugs.rows(ofPerson: 1) == 1..<3)
        #expect(n.drugs.table.start.map(\.description) == ["2020-03-01", "2020-01-01", "2020-02-01"])
        #expect(n.drugs.table.end(0).description == "2020-03-30")
        #expect(n.vocabulary.count == 2)
        #expect(throws: CohortModelError.duplicateID(table: "persons", id: "A")) {
            try b.addPerson(id: "A", site: s, birthDate: Day("1950-01-01")!, sex: .female)
        }
        #expect(throws: CohortModelError.unknownSite(4)) {
            try b.addPerson(id: "C", site: 4, birthDate: Day("1950-01-01")!, sex: .female)
        }
    }
}
