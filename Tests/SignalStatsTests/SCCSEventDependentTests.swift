import CohortModel
import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// nrtdat as copied into its validation case (source: R SCCS 1.7 nrtdat, shared/reference/sccs/nrtdat.csv).
private func nrtTable() throws -> CSVTable {
    try CSVTable.read(contentsOf: repositoryRoot.appendingPathComponent("Validation/Cases/sccs-nrtdat-eventdepenobs/nrtdat.csv"))
}

private func isoDay(_ s: String) throws -> Day { try #require(Day(s)) }

@Suite struct SCCSEventDependentTests {
    /// The case-based entry point (the one the network design uses) on nrtdat's cases, with R's `cen` as the marker
    /// (`cen` 0: the nominal end, administrative): R SCCS 1.7 `eventdepenobs` nrt.mod gives nrt1 1.927593541 and
    /// nrt4 1.342971752, with EWI selected (shared/reference/sccs/expected_R_SCCS_1.7_eventdepenobs.csv; 1e-5 relative
    /// as the reference README advises for fitted censoring models).
    @Test func caseEntryPointReproducesRNrtMod() throws {
        let t = try nrtTable()
        let id = try t.strings("case"), nrt = try t.doubles("nrt"), mi = try t.doubles("mi")
        let act = try t.doubles("act"), cen = try t.doubles("cen")
        let cases = id.indices.map { i in
            let s = Int(nrt[i])
            return SCCSCase(
                id: id[i], observationStart: s, observationEnd: Int(act[i]), events: [Int(mi[i])],
                windows: [(0, 7), (8, 14), (15, 21), (22, 28)].enumerated().map { SCCSWindow(from: s + $1.0, to: s + $1.1, parameter: $0) },
                administrativeEnd: cen[i] == 0)
        }
        let result = try SCCSEventDependentObservation(cases: cases, parameterNames: ["nrt1", "nrt2", "nrt3", "nrt4"]).fit()
        #expect(result.selected == .ewi)
        let nrt1 = try #require(result.regression.coefficient("nrt1"))
        let nrt4 = try #require(result.regression.coefficient("nrt4"))
        #expect(abs(Foundation.exp(nrt1) / 1.927593541 - 1) < 1e-5)
        #expect(abs(Foundation.exp(nrt4) / 1.342971752 - 1) < 1e-5)
        #expect(result.intervals.count == 702)
    }

    /// Closed form: with π → 1 (p3 = 40) the EWI contribution of a case that reached its nominal end is
    /// exp(−λA (a − t)), whose integral over t from lo to hi is (exp(−λA (a − hi)) − exp(−λA (a − lo))) / λA.
    @Test func weightIsTheIntegralOfTheContribution() {
        let p = [0.5, 0.0, 40.0, 0.0]
        let lamA = Foundation.exp(-0.5)
        let end = 20_000, lower = 19_800, upper = 19_900
        let a = Double(end) / 365.25, lo = Double(lower) / 365.25, hi = Double(upper) / 365.25
        let exact = (Foundation.exp(-lamA * (a - hi)) - Foundation.exp(-lamA * (a - lo))) / lamA
        let w = SCCSCensoringModel.ewi.weight(p, lower: lower, upper: upper, end: end, censored: false)
        #expect(abs(w / exact - 1) < 1e-12)
        // R's conventions: a one-day interval weighs 1e-15.
        #expect(SCCSCensoringModel.ewi.weight(p, lower: 5, upper: 5, end: end, censored: false) == 1e-15)
    }

    /// Closed form: ∫₀¹ x^(−1/2) dx = 2 after the substitution the censored interval-scale models use at the end of
    /// observation; and ∫₀^π sin = 2 directly.
    @Test func quadrature() {
        #expect(abs(AdaptiveQuadrature.integrate({ Foundation.sin($0) }, from: 0, to: Double.pi) - 2) < 1e-13)
        let v = AdaptiveQuadrature.integrate({ v in 4 * v * v * v / (v * v) }, from: 0, to: 1)
        #expect(abs(v - 2) < 1e-13)
    }

    /// Hand-derived: which network cases end administratively. The extraction date is the latest observation end
    /// (2021-06-30, person A); the study ends 2021-03-31. A (ends 2021-06-30, cut by the study end) and D (ends
    /// 2021-05-01, cut) are administrative; B (2019-06-30) and C (2020-12-31) end inside the study: informative.
    @Test func networkCasesCarryTheAdministrativeEndMarker() throws {
        var b = NetworkBuilder()
        let site = b.addSite(Site(hospitalID: "H01", organizationID: "O1", name: "North"))
        var persons: [Int32] = []
        for (id, end) in [("A", "2021-06-30"), ("B", "2019-06-30"), ("C", "2020-12-31"), ("D", "2021-05-01")] {
            let p = try b.addPerson(id: id, site: site, birthDate: try isoDay("1950-01-01"), sex: .female)
            b.addObservationPeriod(person: p, start: try isoDay("2018-01-01"), end: try isoDay(end))
            b.addDrug(person: p, code: "6241013F1020", system: .yj, start: try isoDay("2018-06-01"), daysSupply: 10)
            persons.append(p)
        }
        let network = b.build()
        let design = SCCSNetworkDesign(
            exposures: [.init(name: "levofloxacin", drugs: ConceptSet(name: "levofloxacin", include: [.init(system: .yj, code: "6241013", descendants: true)]),
                              windows: [SCCSRiskWindow(label: "0-29", start: 0, end: 29, endAnchor: .eraStart)])],
            studyEnd: try isoDay("2021-03-31"), eventDependentObservation: true)
        let prepared = try design.prepare(network: network, outcomePersons: persons, outcomeDates: Array(repeating: try isoDay("2018-06-15"), count: 4))
        #expect(prepared.cases.map(\.id) == ["A", "B", "C", "D"])
        #expect(prepared.cases.map(\.administrativeEnd) == [true, false, false, true])
        #expect(prepared.administrativeEndCount == 2)
    }

    /// R refuses a risk window not shorter than the shortest age group (shared/reference/sccs/README.md); the
    /// help-page example ss1 gives 110 cases (R SCCS 1.7 samplesize).
    @Test func sampleSizeChecksItsInputs() throws {
        #expect(try SCCSSampleSize(relativeIncidence: 2.5, riskDays: 21, start: 366, end: 730).cases == 110)
        #expect(throws: SCCSError.self) { try SCCSSampleSize(relativeIncidence: 2.5, riskDays: 100, start: 366, end: 730, exposedProportions: [0.5, 0.5], ageEffects: [1.2], ageCutPoints: [400]) }
        #expect(throws: SCCSError.self) { try SCCSSampleSize(relativeIncidence: 1, riskDays: 21, start: 366, end: 730) }
    }

    /// R's `seasongrp` days: 1510 is 15 October; 31 April and 29 February are not days of every year.
    @Test func seasonStartsFromDdmm() throws {
        let s = try SCCSSeasonStart(ddmm: 1510)
        #expect(s.day == 15 && s.month == 10)
        #expect(throws: SCCSError.self) { try SCCSSeasonStart(ddmm: 3104) }
        #expect(throws: SCCSError.self) { try SCCSSeasonStart(ddmm: 2902) }
        #expect(try SCCSPreparedData.days(ddmmyyyy: [30092010]) == [Int(try #require(Day(year: 2010, month: 9, day: 30)).rawValue)])
    }
}
