import CohortModel
import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The time-trend stability check on cases whose answer is known in closed form or by construction.
@Suite struct SCCSTimeStabilityTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) throws -> Int { Int(try #require(Day(year: y, month: m, day: d)).rawValue) }

    @Test func closedFormExpectedCountsAndPoissonPValues() throws {
        // One case observed 2021-01-01..2021-02-28 (31 + 28 days), both events in January, no covariates (η = 0):
        // expected January 2·31/59, February 2·28/59.
        let c = SCCSCase(id: "a", observationStart: try Self.day(2021, 1, 1), observationEnd: try Self.day(2021, 2, 28),
                         events: [try Self.day(2021, 1, 5), try Self.day(2021, 1, 20)], windows: [], calendarOrigin: 0)
        let intervals = try SCCSMonthlyIntervals.build(cases: [c], parameterNames: [])
        let s = try SCCSTimeStability.compute(intervals: intervals, linearPredictor: [Double](repeating: 0, count: intervals.count), alpha: 0.05)
        #expect(s.months.map(\.month) == [2021 * 12, 2021 * 12 + 1])
        let eJan = 2.0 * 31 / 59, eFeb = 2.0 * 28 / 59
        expectClose(s.months.map(\.expected), [eJan, eFeb], relative: 1e-14)
        #expect(s.months.map(\.observed) == [2, 0])
        // January: P(X ≥ 2) = 1 − e^(−E)(1 + E) is the smaller tail; February: P(X ≤ 0) = e^(−E).
        expectClose(s.months[0].pValue, 2 * (1 - exp(-eJan) * (1 + eJan)), relative: 1e-12)
        expectClose(s.months[1].pValue, 2 * exp(-eFeb), relative: 1e-12)
        expectClose(s.threshold, 0.025, relative: 1e-15)
        #expect(s.passed)
    }

    /// 240 cases observed through 2021 with one event each; `spread` places events evenly over the year, otherwise
    /// every event falls in March.
    static func cases(spread: Bool) throws -> [SCCSCase] {
        let start = try day(2021, 1, 1), end = try day(2021, 12, 31), march = try day(2021, 3, 1)
        return (0..<240).map { k in
            let event = spread ? start + (k * 365) / 240 : march + k % 31
            return SCCSCase(id: "\(k)", observationStart: start, observationEnd: end, events: [event],
                            windows: [SCCSWindow(from: start + (k * 7) % 300, to: start + (k * 7) % 300 + 20, parameter: 0)],
                            birthDay: start - 3650 - k, calendarOrigin: 0)
        }
    }

    @Test func stableAndUnstableSeriesThroughTheStepModel() throws {
        for spread in [true, false] {
            let cases = try Self.cases(spread: spread)
            let intervals = try SCCSIntervals.build(cases: cases, parameterNames: ["x"])
            let result = try SCCSModel(intervals).fit(profile: false)
            let s = try SCCSDiagnostics.timeStability(cases: cases, result: result)
            // Expected counts add up to the observed total (the conditional expectation keeps each case's events).
            expectClose(s.months.map(\.expected).reduce(0, +), 240, relative: 1e-10)
            #expect(s.months.count == 12)
            expectClose(s.threshold, 0.05 / 12, relative: 1e-15)
            #expect(s.passed == spread, "\(s.diagnostic)")
            #expect(s.diagnostic.passed == spread)
        }
    }

    @Test func splineModelAndBadInput() throws {
        let model = try SCCSSplineModel(cases: try Self.cases(spread: true), parameterNames: ["x"],
                                        splines: SCCSSplineAdjustment(season: .count(4)))
        let result = try model.fit(profile: false)
        let s = try SCCSDiagnostics.timeStability(model, result: result)
        expectClose(s.months.map(\.expected).reduce(0, +), 240, relative: 1e-10)
        #expect(s.passed)
        // Without calendar dates the check is refused with a clear error, as is an alpha outside (0, 1).
        let ageScale = SCCSCase(id: "a", observationStart: 0, observationEnd: 100, events: [5], windows: [])
        let iv = try SCCSMonthlyIntervals.build(cases: [ageScale], parameterNames: [])
        #expect(throws: SCCSError.self) { _ = try SCCSTimeStability.compute(intervals: iv, linearPredictor: [Double](repeating: 0, count: iv.count), alpha: 0.05) }
        #expect(throws: SCCSError.self) { _ = try SCCSDiagnostics.timeStability(model, result: result, alpha: 1.5) }
    }
}
