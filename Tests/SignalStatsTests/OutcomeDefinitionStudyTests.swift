import CohortModel
import SampleData
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The study entry points that take an `OutcomeDefinition` (`SCCSNetworkDesign.prepare(network:outcome:)`,
/// `PSCohortStudyDesign.run(network:outcome:)`) give exactly the analysis of the same events extracted by hand from
/// the network's tables, and reject a malformed definition before reading any record.
@Suite struct OutcomeDefinitionStudyTests {
    static let sample = SampleNetwork.generate(SampleConfiguration(persons: 10_000, seed: 7))

    static let tendonRupture = OutcomeDefinition.diagnosis(DiagnosisOutcome(
        concepts: ConceptSet(name: "tendon rupture", include: [.init(system: .icd10, code: "M66.3")]), occurrences: .everyDay))

    static let sccsDesign = SCCSNetworkDesign(
        exposures: [.init(name: "levofloxacin",
                          drugs: ConceptSet(name: "levofloxacin", include: [.init(system: .yj, code: "6241013", descendants: true)]),
                          windows: [SCCSRiskWindow(label: "0-29", start: 0, end: 29, endAnchor: .eraStart)])],
        ageCutPointsYears: [20, 40, 60, 80], seasonStartMonths: [3, 6, 9, 12])

    @Test func sccsFromADefinitionEqualsHandExtractedEvents() throws {
        let n = Self.sample.network
        // By hand: confirmed (not suspected) M66.3 diagnoses, one event per person and day (the table is sorted by
        // person and date).
        let d = n.diagnoses.table
        let code = try #require(n.vocabulary.id(of: "M66.3", system: .icd10))
        var persons: [Int32] = [], dates: [Day] = []
        for i in 0..<d.count where d.code[i] == code && !d.suspected[i] {
            if persons.last == d.person[i] && dates.last == d.date[i] { continue }
            persons.append(d.person[i])
            dates.append(d.date[i])
        }
        #expect(!persons.isEmpty)
        let byHand = try Self.sccsDesign.prepare(network: n, outcomePersons: persons, outcomeDates: dates)
        let byDefinition = try Self.sccsDesign.prepare(network: n, outcome: Self.tendonRupture)
        #expect(byDefinition.attrition == byHand.attrition)
        let a = try SCCSModel(byHand.intervals).fit(profile: false), b = try SCCSModel(byDefinition.intervals).fit(profile: false)
        #expect(a.estimate("levofloxacin 0-29") == b.estimate("levofloxacin 0-29"))
    }

    @Test func psFromADefinitionEqualsHandExtractedEvents() throws {
        let n = Self.sample.network
        var design = PSCohortStudyDesign(
            target: ConceptSet(name: "pioglitazone", include: [.init(system: .yj, code: "3969007", descendants: true)]),
            comparator: ConceptSet(name: "sitagliptin", include: [.init(system: .yj, code: "3969010", descendants: true)]))
        design.timeAtRisk = .onTreatment(daysAfterExposureEnd: 30)
        design.covariates = CovariateOptions(windowStart: -36_500, windowEnd: -1, minimumPrevalence: 0.01)
        design.propensityL2Penalty = 1  // a small network: keep the PS model finite (as the recovery study does)
        // By hand: ALT results above 3 x the row's upper reference limit, one event per person and day.
        let labs = n.labs.table
        let alt = try #require(n.vocabulary.id(of: "3B045000002327201", system: .jlac10))
        var persons: [Int32] = [], dates: [Day] = []
        for i in 0..<labs.count where labs.code[i] == alt && labs.referenceHigh[i].isFinite && labs.value[i] > 3 * labs.referenceHigh[i] {
            if persons.last == labs.person[i] && dates.last == labs.date[i] { continue }
            persons.append(labs.person[i])
            dates.append(labs.date[i])
        }
        let byHand = try design.run(network: n, outcomePersons: persons, outcomeDates: dates)
        let byDefinition = try design.run(
            network: n, outcome: .lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3))))
        #expect(byDefinition.attrition == byHand.attrition)
        #expect(try byDefinition.hazardRatios().marginal == byHand.hazardRatios().marginal)
    }

    @Test func malformedDefinitionIsRejected() {
        let bad = OutcomeDefinition.diagnosis(DiagnosisOutcome(
            concepts: ConceptSet(name: "tendon rupture", include: [.init(system: .icd10, code: "M66.3")]),
            occurrences: .all(minimumGapDays: -1)))
        #expect(throws: OutcomeError.self) { try Self.sccsDesign.prepare(network: Self.sample.network, outcome: bad) }
        #expect(throws: OutcomeError.self) {
            try PSCohortStudyDesign(target: ConceptSet(name: "a", include: []), comparator: ConceptSet(name: "b", include: []))
                .run(network: Self.sample.network, outcome: bad)
        }
    }
}
