import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The SCCS issue's bad-input list not covered elsewhere (events outside observation and cases without events are
/// in SCCSIntervalConstructionTests): each reported clearly, never NaN or a crash.
@Suite struct SCCSBadInputTests {
    /// 100 one-year cases, one event each, a 0-20 day window whose events follow from `event`.
    static func cases(event: (Int) -> Int, windows: (Int) -> [SCCSWindow]) -> [SCCSCase] {
        (0..<100).map { k in
            SCCSCase(id: "\(k)", observationStart: 0, observationEnd: 364, events: [event(k)], windows: windows(k), birthDay: -400 - 3 * k)
        }
    }

    @Test func exposureAfterObservationEndIsNotEstimated() throws {
        // Exposure y starts after every case's observation ends: no person-time, reported as not estimated (no events
        // where it applies), its window count is 0 days; x is estimated normally.
        let cases = Self.cases(event: { 10 + (3 * $0) % 350 }) { k in
            [SCCSWindow(from: 50 + k, to: 70 + k, parameter: 0), SCCSWindow(from: 400, to: 430, parameter: 1)]
        }
        let result = try SCCSModel(try SCCSIntervals.build(cases: cases, parameterNames: ["x", "y"])).fit()
        #expect(result.estimate("y") == nil)
        #expect(result.zeroEventParameters == ["y"])
        #expect(result.windows.first { $0.name == "y" }?.personDays == 0)
        let x = try #require(result.estimate("x"))
        #expect(x.relativeIncidence.isFinite && x.waldLower > 0)
        #expect(result.summary().contains("no events where y apply"))
    }

    @Test func windowWithoutEventsIsFlaggedWithRIZero() throws {
        // Windows with person-time but no event: RI 0 at the boundary, flagged, not iterated to overflow.
        let cases = Self.cases(event: { 200 + $0 % 150 }) { k in [SCCSWindow(from: 20 + k, to: 40 + k, parameter: 0)] }
        let result = try SCCSModel(try SCCSIntervals.build(cases: cases, parameterNames: ["x"], adjustment: .init(ageCutPoints: [700]))).fit()
        #expect(result.zeroEventParameters == ["x"])
        #expect(result.regression.diagnostics.contains { $0.contains("RI 0") })
        #expect(result.regression.coefficients.allSatisfy { $0.isFinite })
        // The spline model reports it the same way.
        let spline = try SCCSSplineModel(cases: cases, parameterNames: ["x"], splines: SCCSSplineAdjustment(age: .count(3))).fit(profile: false)
        #expect(spline.zeroEventParameters == ["x"])
        #expect(spline.estimate("x") == nil)
    }

    @Test func zeroLengthAndInvertedWindowsMakeNoZeroLengthIntervals() throws {
        // A window whose end precedes its start covers no day; one-day observation is one interval of length 1.
        let cases = [
            SCCSCase(id: "a", observationStart: 0, observationEnd: 99, events: [30], windows: [SCCSWindow(from: 50, to: 40, parameter: 0)]),
            SCCSCase(id: "b", observationStart: 7, observationEnd: 7, events: [7], windows: [SCCSWindow(from: 7, to: 7, parameter: 0)]),
        ]
        let intervals = try SCCSIntervals.build(cases: cases, parameterNames: ["x"])
        #expect(intervals.length.allSatisfy { $0 > 0 })
        #expect(intervals.length.map(Int.init).reduce(0, +) == 101)
        let monthly = try SCCSMonthlyIntervals.build(cases: cases, parameterNames: ["x"])
        #expect(monthly.length.allSatisfy { $0 > 0 })
    }

    @Test func ageGroupsWithoutPersonTimeGetNoParameter() throws {
        // Cut points at 100 and 200 days of age lie before everyone's observation (ages 400-763), 5000 after it:
        // only the groups with person-time are in the model (no NaN parameter for the empty ones).
        let cases = Self.cases(event: { 10 + (7 * $0) % 350 }) { k in [SCCSWindow(from: 50 + k, to: 70 + k, parameter: 0)] }
        let model = try SCCSModel(try SCCSIntervals.build(cases: cases, parameterNames: ["x"], adjustment: .init(ageCutPoints: [100, 200, 600, 5000])))
        #expect(model.parameterNames == ["x", "age4"])
        let result = try model.fit(profile: false)
        #expect(result.regression.coefficients.allSatisfy { $0.isFinite })
    }

    @Test func nonConvergenceIsReportedNotReturnedAsConverged() throws {
        let cases = Self.cases(event: { 10 + (5 * $0) % 350 }) { k in [SCCSWindow(from: 10 + (5 * k) % 350 - 3, to: 10 + (5 * k) % 350 + 10, parameter: 0)] }
        let result = try SCCSModel(try SCCSIntervals.build(cases: cases, parameterNames: ["x"])).fit(profile: false, options: NewtonOptions(maxIterations: 1))
        #expect(!result.regression.convergence.isConverged)
        #expect(result.regression.diagnostics.contains { $0.contains("did not converge") })
        #expect(result.summary().contains("did not converge"))
        let spline = try SCCSSplineModel(cases: cases, parameterNames: ["x"], splines: SCCSSplineAdjustment(age: .count(3)))
            .fit(options: NewtonOptions(maxIterations: 1))
        #expect(!spline.regression.convergence.isConverged)
        #expect(spline.profile.isEmpty)  // no profile interval from a fit that did not converge
    }

    @Test func badSplineAndWashoutSettingsAreErrors() throws {
        let cases = Self.cases(event: { 10 + $0 }) { _ in [] }
        #expect(throws: SCCSError.self) { _ = try SCCSSplineModel(cases: cases, parameterNames: [], splines: SCCSSplineAdjustment()) }
        #expect(throws: SCCSError.self) { _ = try SCCSSplineModel(cases: cases, parameterNames: [], splines: SCCSSplineAdjustment(age: .at([5, 3]))) }
        #expect(throws: SCCSError.self) { _ = try SCCSSplineModel(cases: cases, parameterNames: [], splines: SCCSSplineAdjustment(season: .count(2))) }
        let data = SCCSPreparedData(indiv: ["a"], start: [1], end: [100], event: [50], columns: ["v": [20]])
        #expect(throws: SCCSError.self) {
            _ = try data.cases(exposures: [SCCSExposureDefinition(name: "v", doseColumns: ["v"], endOffset: 10, washout: [10, 5])])
        }
        #expect(throws: SCCSError.self) {
            _ = try data.cases(exposures: [SCCSExposureDefinition(name: "v", doseColumns: ["v", "v"], endOffset: 10)], layout: .stack)
        }
    }
}
