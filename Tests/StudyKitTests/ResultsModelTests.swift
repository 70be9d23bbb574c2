import Foundation
import Testing
@testable import StudyKit

@Suite struct ResultsModelTests {
    static func sample() -> StudyResults {
        let fp = DataFingerprint(
            source: "sample", path: nil, sample: .init(persons: 2000, seed: 7), rejectedRows: 0,
            tables: [TableFingerprint(table: "persons", rows: 2000, checksums: ["person_id": "00000000000000ff"])])
        let quality = DataQualitySummary(extractionDate: "2024-12-31", sites: 3, persons: 2000, checks: [])
        let attrition = AttritionTable(columns: ["persons", "events"], steps: [("outcome", [120, 130]), ("in observation", [115, 124]), ("cases", [5, 6])])
        let sccs = SCCSDesignResult(
            outcome: "tendon rupture", counts: .init(cases: 5, events: 6, intervals: 40, personDays: 9000),
            estimates: [.init(exposure: "drug", window: "0-29", term: "drug 0-29", start: 0, end: 29, startAnchor: "eraStart",
                              endAnchor: "eraStart", relativeIncidence: RatioEstimate(estimate: 2, lower: 1, upper: 4),
                              notEstimated: nil, cases: 3, events: 0, personDays: 120)],
            ageEffects: [], seasonEffects: [], diagnostics: [], convergence: .init(converged: true, iterations: 4))
        let design = DesignResult(name: "sccs", kind: .sccs, attrition: attrition, sccs: sccs)
        return StudyResults(
            study: "t", description: "", provenance: Provenance(libraryVersion: "0.1.0", studySHA256: "ab", seed: 7, data: fp),
            output: .init(smallCellThreshold: 10, suppressed: false), dataQuality: quality, designs: [design])
    }

    @Test func attritionExcludedCountsAddUp() {
        let a = AttritionTable(columns: ["persons"], steps: [("a", [100]), ("b", [80]), ("c", [79])])
        #expect(a.steps.map(\.excluded) == [[0], [20], [1]])
    }

    @Test func cellCountSuppression() {
        #expect(CellCount.value(0).suppressed(below: 10) == .value(0))
        #expect(CellCount.value(1).suppressed(below: 10).description == "<10")
        #expect(CellCount.value(9).suppressed(below: 10).description == "<10")
        #expect(CellCount.value(10).suppressed(below: 10) == .value(10))
        #expect(CellCount.value(3).suppressed(below: 0) == .value(3))
    }

    @Test func suppressedResultsRoundTripThroughJSON() throws {
        let r = Self.sample().suppressingSmallCells(threshold: 10)
        let d = r.designs[0]
        #expect(d.attrition.steps[2].remaining == [.suppressed(threshold: 10), .suppressed(threshold: 10)])
        #expect(d.sccs?.estimates[0].events == .value(0))
        let data = try ResultsWriter.data(r)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"<10\""))
        #expect(try ResultsWriter.read(data) == r)
        #expect(try ResultsWriter.data(ResultsWriter.read(data)) == data)
    }

    @Test func kaplanMeierCurvesStopWhereFewerThanTheThresholdRemainAtRisk() {
        typealias P = PSDesignResult.SurvivalPoint
        let curve = PSDesignResult.SurvivalCurve(arm: "target", points: [
            P(day: 0, survival: 1, lower: 1, upper: 1, atRisk: 40, events: 0),
            P(day: 5, survival: 0.95, lower: 0.9, upper: 1, atRisk: 40, events: 2),
            P(day: 9, survival: 0.9, lower: 0.8, upper: 1, atRisk: 12, events: 2),
            P(day: 20, survival: 0.8, lower: 0.6, upper: 1, atRisk: 9, events: 1),
            P(day: 30, survival: 0.7, lower: 0.5, upper: 1, atRisk: 5, events: 1),
        ], truncatedAfterDay: nil)
        let t = curve.truncated(belowAtRisk: 10)
        #expect(t.points.map(\.day) == [0, 5, 9])
        #expect(t.truncatedAfterDay == 9)
        #expect(t.points[1].events == .suppressed(threshold: 10))
        #expect(t.points[0].events == 0)
    }
}
