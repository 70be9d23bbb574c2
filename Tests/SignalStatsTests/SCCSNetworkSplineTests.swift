import CohortModel
import SampleData
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The network entry point with OHDSI-style splines on the sample network: the spline fit recovers the injected
/// relative incidence (3.0 in days 0-29 after levofloxacin) and passes the time-stability check.
@Suite struct SCCSNetworkSplineTests {
    @Test func splineAdjustedNetworkStudy() throws {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 20_000, seed: 7))
        let n = sample.network
        let outcome = try #require(n.vocabulary.id(of: sample.truth.sccs.outcomeICD10, system: .icd10))
        var persons: [Int32] = [], dates: [Day] = []
        for i in 0..<n.diagnoses.table.count where n.diagnoses.table.code[i] == outcome {
            persons.append(n.diagnoses.table.person[i])
            dates.append(n.diagnoses.table.date[i])
        }
        let levofloxacin = ConceptSet(name: "levofloxacin", include: [.init(system: .yj, code: "6241013", descendants: true)])
        let t = sample.truth.sccs
        let design = SCCSNetworkDesign(
            exposures: [.init(name: "levofloxacin", drugs: levofloxacin,
                              windows: [SCCSRiskWindow(label: "0-29", start: t.riskStart, end: t.riskEnd, endAnchor: .eraStart)])],
            splines: SCCSSplineAdjustment(age: .count(5), season: .count(5), calendarTime: .count(5)))
        let prepared = try design.prepare(network: n, outcomePersons: persons, outcomeDates: dates)
        let model = try SCCSSplineModel(prepared)
        #expect(model.intervals.isCalendar)
        let result = try model.fit()
        let e = try #require(result.estimate("levofloxacin 0-29"))
        #expect(result.regression.convergence.isConverged)
        #expect(try #require(e.profileLower) < t.relativeIncidence && t.relativeIncidence < (try #require(e.profileUpper)), "\(result.summary())")
        let stability = try SCCSDiagnostics.timeStability(model, result: result)
        #expect(stability.passed, "\(stability.diagnostic)")
        // A design without splines cannot make a spline model.
        var plain = design
        plain.splines = nil
        #expect(throws: SCCSError.self) { _ = try SCCSSplineModel(try plain.prepare(network: n, outcomePersons: persons, outcomeDates: dates)) }
    }
}
