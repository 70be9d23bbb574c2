import Testing
@testable import CohortModel

/// A three-person cohort, all indexed on 2020-06-15, whose covariates are worked out in the comments.
///
/// The default window is days −365…−1: 2019-06-16 … 2020-06-14.
@Suite struct CovariateTests {
    func day(_ s: String) -> Day { Day(s)! }

    let alt = "3B045000002327201", plt = "2A050000001930101"
    let amlodipine = "2171022F2025", loxoprofen = "1149019F1560", metformin = "3962002F2027"

    /// Person 0: female, born 1950-06-15 (70 on the index day), site H01.
    ///   K29.7 on 2019-06-16 (first day of the window), E11 on 2020-06-14 (last day), I10 on the index day (out),
    ///   J45 on 2019-06-15 (a day before the window), N18 suspected in the window (ignored).
    ///   Amlodipine started 2020-01-10; loxoprofen started 2019-06-06 for 30 days (overlaps the window's start).
    ///   ALT 30 (ULN 40) on 2020-01-10, 55 (ULN 40) on 2020-05-01, 70 in IU/L on 2020-05-20 (other unit: skipped),
    ///   100 on the index day (out). Last value: 55, above ULN.
    /// Person 1: male, born 1960-06-16 (59: birthday the day after index), site H02.
    ///   E11.9 and I10 in the window; amlodipine in the window; ALT 20 with no range and a normal flag (last 20, no
    ///   flags); platelets 3.0 × 10^4/µL with LLN 15 (below LLN).
    /// Person 2: female, born 1980-01-01 (40), site H01. N18 confirmed in the window; metformin on the index day
    ///   (out); no labs.
    func network() throws -> (Network, Cohort) {
        var b = NetworkBuilder()
        let h1 = b.addSite(Site(hospitalID: "H01", organizationID: "O01", name: "North"))
        let h2 = b.addSite(Site(hospitalID: "H02", organizationID: "O02", name: "South"))
        let p0 = try b.addPerson(id: "A", site: h1, birthDate: day("1950-06-15"), sex: .female)
        let p1 = try b.addPerson(id: "B", site: h2, birthDate: day("1960-06-16"), sex: .male)
        let p2 = try b.addPerson(id: "C", site: h1, birthDate: day("1980-01-01"), sex: .female)
        b.addDiagnosis(person: p0, code: "K29.7", date: day("2019-06-16"))
        b.addDiagnosis(person: p0, code: "E11", date: day("2020-06-14"))
        b.addDiagnosis(person: p0, code: "I10", date: day("2020-06-15"))
        b.addDiagnosis(person: p0, code: "J45", date: day("2019-06-15"))
        b.addDiagnosis(person: p0, code: "N18", date: day("2020-02-01"), suspected: true)
        b.addDiagnosis(person: p1, code: "E11.9", date: day("2020-02-01"))
        b.addDiagnosis(person: p1, code: "I10", date: day("2020-03-01"))
        b.addDiagnosis(person: p2, code: "N18", date: day("2020-04-01"))
        b.addDrug(person: p0, code: amlodipine, system: .yj, start: day("2020-01-10"), daysSupply: 30)
        b.addDrug(person: p0, code: loxoprofen, system: .yj, start: day("2019-06-06"), daysSupply: 30)
        b.addDrug(person: p1, code: amlodipine, system: .yj, start: day("2020-02-01"), daysSupply: 30)
        b.addDrug(person: p2, code: metformin, system: .yj, start: day("2020-06-15"), daysSupply: 30)
        b.addLab(person: p0, code: alt, date: day("2020-01-10"), value: 30, unit: "U/L", referenceHigh: 40)
        b.addLab(person: p0, code: alt, date: day("2020-05-01"), value: 55, unit: "U/L", referenceHigh: 40)
        b.addLab(person: p0, code: alt, date: day("2020-05-20"), value: 70, unit: "IU/L", referenceHigh: 40)
        b.addLab(person: p0, code: alt, date: day("2020-06-15"), value: 100, unit: "U/L", referenceHigh: 40)
        b.addLab(person: p1, code: alt, date: day("2020-03-01"), value: 20, unit: "U/L", abnormal: .normal)
        b.addLab(person: p1, code: plt, date: day("2020-03-01"), value: 3.0, unit: "10^4/µL", referenceLow: 15, referenceHigh: 35)
        var cohort = Cohort(name: "test")
        for p in [p0, p1, p2] {
            cohort.person.append(p)
            cohort.indexDate.append(day("2020-06-15"))
            cohort.observationEnd.append(day("2021-12-31"))
        }
        return (b.build(), cohort)
    }

    @Test func defaultExtraction() throws {
        let (n, cohort) = try network()
        let x = try CovariateMatrix(cohort: cohort, network: n)
        #expect(x.rows == 3)
        #expect(x.names == [
            "age", "ageGroup:40-44", "ageGroup:55-59", "ageGroup:70-74", "sex:female", "sex:male", "site:H01", "site:H02",
            "dx:E11", "dx:I10", "dx:K29", "dx:N18", "drug:YJ:2171022F2025",
            "lab:3B045:measured", "lab:3B045:last", "lab:3B045:aboveULN", "lab:2A050:measured", "lab:2A050:belowLLN",
        ])
        // Platelets were measured in one member only, so its last value (imputed with that value) is constant.
        #expect(x.removed.map(\.covariate.name) == ["lab:2A050:last"])
        #expect(x.removed.map(\.reason) == [.constant])
        #expect(x.labResultsSkipped == 1)  // the IU/L ALT
        func v(_ r: Int, _ name: String) -> Double { x.value(row: r, column: x.column(named: name) ?? -1) }
        // Ages in completed years: a birthday on the index day counts, the day after does not.
        #expect([v(0, "age"), v(1, "age"), v(2, "age")] == [70, 59, 40])
        #expect(v(0, "ageGroup:70-74") == 1 && v(1, "ageGroup:55-59") == 1 && v(2, "ageGroup:40-44") == 1)
        // Window edges: K29.7 on day −365 is in, E11 on day −1 is in; I10 on day 0 and J45 on day −366 are out.
        #expect(v(0, "dx:K29") == 1 && v(0, "dx:E11") == 1 && v(0, "dx:I10") == 0)
        #expect(x.column(named: "dx:J45") == nil)
        // The suspected N18 of person 0 is ignored; person 2's confirmed one counts. E11.9 is category E11.
        #expect(v(0, "dx:N18") == 0 && v(2, "dx:N18") == 1 && v(1, "dx:E11") == 1)
        #expect(x.covariates[x.column(named: "dx:E11") ?? 0].count == 2)
        // Labs: person 0's last ALT before index is 55 (the 05-20 IU/L result is skipped, the index-day one is out).
        #expect(v(0, "lab:3B045:last") == 55 && v(0, "lab:3B045:aboveULN") == 1)
        #expect(v(1, "lab:3B045:last") == 20 && v(1, "lab:3B045:aboveULN") == 0)
        // Person 2 was not measured: indicator 0, value the mean of 55 and 20.
        #expect(v(2, "lab:3B045:measured") == 0 && v(2, "lab:3B045:last") == 37.5)
        #expect(v(1, "lab:2A050:belowLLN") == 1 && v(0, "lab:2A050:measured") == 0)
        // Drugs start in the window by default: loxoprofen (started before it) and metformin (index day) are absent.
        #expect(x.covariates[x.column(named: "drug:YJ:2171022F2025") ?? 0].count == 2)
        #expect(x.columns == 18)
    }

    @Test func denseIsColumnMajor() throws {
        let (n, cohort) = try network()
        let x = try CovariateMatrix(cohort: cohort, network: n)
        let d = x.dense()
        #expect(d.rows == 3 && d.columns == x.columns && d.names == x.names)
        #expect(d.columnMajor.count == 3 * x.columns)
        // Column 0 is age: 70, 59, 40; column "sex:female" is 1, 0, 1.
        #expect(Array(d.columnMajor[0..<3]) == [70, 59, 40])
        let f = x.column(named: "sex:female") ?? 0
        #expect(Array(d.columnMajor[(f * 3)..<(f * 3 + 3)]) == [1, 0, 1])
        for r in 0..<3 {
            for c in 0..<x.columns { #expect(d.columnMajor[c * 3 + r] == x.value(row: r, column: c)) }
        }
        // CSR: each row's columns increase.
        for r in 0..<3 {
            let cols = x.entries(ofRow: r).map(\.0)
            #expect(cols == cols.sorted())
        }
    }

    @Test func minimumPrevalenceRemovesAndReports() throws {
        let (n, cohort) = try network()
        // 0.5 of 3 members: a binary covariate needs at least 2.
        let x = try CovariateMatrix(cohort: cohort, network: n, options: CovariateOptions(minimumPrevalence: 0.5))
        #expect(x.names == ["age", "sex:female", "site:H01", "dx:E11", "drug:YJ:2171022F2025", "lab:3B045:measured", "lab:3B045:last"])
        let removed = Dictionary(uniqueKeysWithValues: x.removed.map { ($0.covariate.name, ($0.covariate.count, $0.reason)) })
        #expect(removed.count == 18 - 7 + 1)
        #expect(removed["ageGroup:40-44"]! == (1, .belowMinimumPrevalence))
        #expect(removed["sex:male"]! == (1, .belowMinimumPrevalence))
        #expect(removed["dx:K29"]! == (1, .belowMinimumPrevalence))
        #expect(removed["lab:3B045:aboveULN"]! == (1, .belowMinimumPrevalence))
        #expect(removed["lab:2A050:measured"]! == (1, .belowMinimumPrevalence))
        #expect(removed["lab:2A050:last"]! == (1, .measurementBelowMinimumPrevalence))
        // Ids number the sorted candidates, kept and removed together.
        let ids = (x.covariates.map(\.id) + x.removed.map(\.covariate.id)).sorted()
        #expect(ids == Array(0..<19))
    }

    @Test func constantCovariatesAreRemoved() throws {
        let (n, cohort) = try network()
        // Only persons 0 and 2: both female, both at H01.
        var two = cohort
        two.person = [0, 2]
        two.indexDate = [day("2020-06-15"), day("2020-06-15")]
        two.observationEnd = [day("2021-12-31"), day("2021-12-31")]
        let x = try CovariateMatrix(cohort: two, network: n, options: CovariateOptions(domains: [.age, .sex, .site]))
        #expect(x.names == ["age"])
        #expect(x.removed.map(\.covariate.name) == ["sex:female", "site:H01"])
        #expect(x.removed.allSatisfy { $0.reason == .constant && $0.covariate.count == 2 })
    }

    @Test func windowEdgesMove() throws {
        let (n, cohort) = try network()
        // Start at −364: K29.7 (day −365) leaves. End at 0: the index day's I10, metformin and ALT 100 enter.
        let x = try CovariateMatrix(cohort: cohort, network: n, options: CovariateOptions(windowStart: -364, windowEnd: 0))
        #expect(x.column(named: "dx:K29") == nil)
        let i10 = try #require(x.column(named: "dx:I10"))
        #expect(x.covariates[i10].count == 2)
        #expect(x.column(named: "drug:YJ:3962002F2027") != nil)
        #expect(x.value(row: 0, column: try #require(x.column(named: "lab:3B045:last"))) == 100)
    }

    @Test func groupingLevels() throws {
        let (n, cohort) = try network()
        let opts = CovariateOptions(
            domains: [.diagnoses, .drugs], diagnosisLevel: .concept, drugLevel: .prefix(yjLength: 4, atcLength: 4),
            drugTiming: .overlapsWindow)
        let x = try CovariateMatrix(cohort: cohort, network: n, options: opts)
        // Per ICD-10 code; YJ cut to the efficacy class; loxoprofen (started 2019-06-06 for 30 days, until 07-05)
        // overlaps the window.
        #expect(x.names == ["dx:E11", "dx:E11.9", "dx:I10", "dx:K29.7", "dx:N18", "drug:YJ:1149", "drug:YJ:2171"])
        let sets = CovariateOptions(
            domains: [.diagnoses], diagnosisLevel: .conceptSets([
                ConceptSet(name: "diabetes", include: [.init(system: .icd10, code: "E11", descendants: true)]),
                ConceptSet(name: "hypertension", include: [.init(system: .icd10, code: "I10")]),
            ]))
        let s = try CovariateMatrix(cohort: cohort, network: n, options: sets)
        #expect(s.names == ["dxSet:diabetes", "dxSet:hypertension"])
        #expect(s.covariates.map(\.count) == [2, 1])
    }

    @Test func badInputsThrow() throws {
        let (n, cohort) = try network()
        #expect(throws: CovariateError.invalidWindow(start: -1, end: -10)) {
            try CovariateMatrix(cohort: cohort, network: n, options: CovariateOptions(windowStart: -1, windowEnd: -10))
        }
        var bad = cohort
        bad.person[1] = 7
        #expect(throws: CovariateError.unknownPerson(row: 1, person: 7)) { try CovariateMatrix(cohort: bad, network: n) }
        let same = ConceptSet(name: "x", include: [.init(system: .icd10, code: "E11", descendants: true)])
        #expect(throws: CovariateError.duplicateName("dxSet:x")) {
            try CovariateMatrix(cohort: cohort, network: n, options: CovariateOptions(diagnosisLevel: .conceptSets([same, same])))
        }
    }
}
