import CohortModel
import SampleData
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// SCCS on the sample network recovers the injected relative incidence (3.0 in days 0-29 after levofloxacin).
@Suite struct SCCSNetworkTests {
    @Test func recoversInjectedRelativeIncidence() throws {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 30_000, seed: 2018))
        let n = sample.network
        guard let outcome = n.vocabulary.id(of: sample.truth.sccs.outcomeICD10, system: .icd10) else {
            Issue.record("outcome code not in the vocabulary")
            return
        }
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
            ageCutPointsYears: Array(stride(from: 5, through: 95, by: 5)), seasonStartMonths: Array(1...12))
        let prepared = try design.prepare(network: n, outcomePersons: persons, outcomeDates: dates)
        let result = try SCCSModel(prepared.intervals).fit()
        guard let e = result.estimate("levofloxacin 0-29") else {
            Issue.record("no estimate")
            return
        }
        // The 95% interval covers the truth for this fixed seed (a coverage study over many seeds is `make recovery`).
        #expect(e.waldLower < t.relativeIncidence && t.relativeIncidence < e.waldUpper, "\(result.summary())")
        #expect(e.profileLower! < t.relativeIncidence && t.relativeIncidence < e.profileUpper!)
        // Attrition adds up: every event generated inside observation becomes a case event.
        let steps = prepared.attrition.steps
        #expect(steps.first?.persons == t.cases)
        #expect(steps.last?.records == t.events)
        #expect(result.regression.convergence.isConverged)
        // The cases kept with the intervals (for refits) rebuild exactly the same intervals.
        let rebuilt = try SCCSIntervals.build(
            cases: prepared.cases, parameterNames: design.parameterNames,
            adjustment: SCCSAdjustment(ageCutPoints: design.ageCutPointsYears.map { Int((Double($0) * 365.25).rounded()) },
                                       seasonStartMonths: design.seasonStartMonths))
        #expect(prepared.cases.map(\.id) == prepared.intervals.caseIDs)
        #expect(rebuilt.length == prepared.intervals.length)
        #expect(rebuilt.events == prepared.intervals.events)
        #expect(rebuilt.exposurePattern == prepared.intervals.exposurePattern)
    }
}
