import CohortModel
import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// SCCS with age, season and calendar-time splines against R `gnm(..., eliminate = factor(case))` and
/// `survival::clogit` on the same month-split intervals (SCCSSplineReferenceData.swift, written by
/// scripts/validation/make_sccs_spline_case.R from the intervals this file exports).
@Suite struct SCCSSplineModelTests {
    /// SplitMix64: a fixed, platform-independent stream for the synthetic cases.
    struct Stream {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    /// 400 synthetic cases on calendar days: births 2010-2019, observation of 1-3 years, one exposure with windows
    /// 0-13 and 14-41 days (RI 2.5 and 1.5), a second dose for some, a winter peak and a rise with age; 1-3 events.
    static func syntheticCases() -> [SCCSCase] {
        var s = Stream(state: 20_260_405)
        let base = Int(Day(year: 2010, month: 1, day: 1)?.rawValue ?? 14610)
        var cases: [SCCSCase] = []
        for k in 0..<400 {
            let birth = base + s.int(0...3650)
            let start = birth + s.int(30...2500)
            let end = start + s.int(365...1100)
            var windows: [SCCSWindow] = []
            if s.uniform() < 0.8 {
                var dose = start + s.int(-60...(end - start))
                for _ in 0..<(s.uniform() < 0.3 ? 2 : 1) {
                    windows.append(SCCSWindow(from: dose, to: dose + 13, parameter: 0))
                    windows.append(SCCSWindow(from: dose + 14, to: dose + 41, parameter: 1))
                    dose += s.int(60...200)
                }
            }
            func rate(_ d: Int) -> Double {
                var r = 1.0
                if windows.contains(where: { $0.parameter == 0 && $0.from <= d && d <= $0.to }) { r *= 2.5 }
                if windows.contains(where: { $0.parameter == 1 && $0.from <= d && d <= $0.to }) { r *= 1.5 }
                let month = Day(Int32(d)).civil.month
                r *= 1 + 0.5 * cos(2 * Double.pi * Double(month - 1) / 12)
                r *= 1 + Double(d - birth) / 3000
                return r
            }
            var events: [Int] = []
            let wanted = 1 + (s.uniform() < 0.25 ? 1 : 0) + (s.uniform() < 0.1 ? 1 : 0)
            while events.count < wanted {
                let d = s.int(start...end)
                if s.uniform() * 2.5 * 1.5 * 1.5 * (1 + Double(end - birth) / 3000) < rate(d) { events.append(d) }
            }
            cases.append(SCCSCase(id: "c\(k)", observationStart: start, observationEnd: end, events: events, windows: windows,
                                  birthDay: birth, calendarOrigin: 0))
        }
        return cases
    }

    static let splines = SCCSSplineAdjustment(age: .count(5), season: .count(5), calendarTime: .count(4))

    static func model() throws -> SCCSSplineModel {
        try SCCSSplineModel(cases: syntheticCases(), parameterNames: ["x 0-13", "x 14-41"], splines: splines)
    }

    /// The three CSV files the R script reads: intervals, event ages (for the age knots), first and last month of each
    /// case (for the calendar knots).
    static func exports(_ m: SCCSSplineModel) -> [String: String] {
        let iv = m.intervals
        var rows = ["case,length,events,x1,x2,ageDays,month"]
        for i in 0..<iv.count {
            let p = iv.exposurePatterns[Int(iv.exposurePattern[i])]
            rows.append("\(iv.caseIndex[i]),\(iv.length[i]),\(iv.events[i]),\(p.contains(0) ? 1 : 0),\(p.contains(1) ? 1 : 0),\(iv.ageDays[i]),\(iv.month[i])")
        }
        return [
            "intervals.csv": rows.joined(separator: "\n"),
            "event_ages.csv": (["age"] + iv.eventAges.map(String.init)).joined(separator: "\n"),
            "case_months.csv": (["first,last"] + iv.caseMonths.map { "\($0.first),\($0.last)" }).joined(separator: "\n"),
        ]
    }

    /// Writes the R script's input when SCCS_SPLINE_EXPORT_DIR is set (otherwise does nothing).
    @Test func exportForR() throws {
        guard let dir = ProcessInfo.processInfo.environment["SCCS_SPLINE_EXPORT_DIR"] else { return }
        for (name, text) in Self.exports(try Self.model()) {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    /// The committed R input (scripts/validation/sccs-spline-intervals) is what this code builds today.
    @Test func committedIntervalsAreCurrent() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/validation/sccs-spline-intervals")
        for (name, text) in Self.exports(try Self.model()) {
            let committed = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(committed.trimmingCharacters(in: .whitespacesAndNewlines) == text, "\(name) differs from the committed R input")
        }
    }

    @Test func knotsAndDesignMatchR() throws {
        let m = try Self.model()
        typealias R = SCCSSplineReferenceData
        #expect(m.intervals.count == R.rows)
        expectClose(try #require(m.knots.age), R.ageKnots, relative: 1e-12)
        expectClose(try #require(m.knots.season), R.seasonKnots, relative: 1e-12)
        expectClose(try #require(m.knots.calendarTime), R.calendarKnots, relative: 1e-12)
        #expect(m.parameterNames == R.terms)
        // Column sums of the design R built with splines::bs / mgcv::cSplineDes on the exported ages and months.
        let sums = (0..<m.design.columns).map { m.design.matrix.column($0).reduce(0, +) }
        expectClose(sums, R.columnSums, relative: 1e-10)
    }

    @Test func estimatesMatchGnmAndClogit() throws {
        let result = try Self.model().fit()
        typealias R = SCCSSplineReferenceData
        #expect(result.regression.convergence.isConverged)
        // R survival::clogit 3.5-3, one stratum per event, eps 1e-12 (gnm with eliminate = factor(case) stops 2e-5 short on
        // the nearly collinear age and calendar terms, agrees to 1e-7 on the exposures); tolerance 1e-6 relative.
        for (k, term) in R.terms.enumerated() {
            expectClose(try #require(result.regression.coefficient(term)), R.coefficients[k], relative: 1e-6)
            expectClose(try #require(result.regression.standardError(term)), R.standardErrors[k], relative: 1e-6)
        }
        expectClose(result.regression.logLikelihood, R.clogitLogLikelihood, relative: 1e-8)
        // Profile limits: an independent R profile (optimize over the other terms with the term as offset, uniroot).
        for (k, term) in R.exposureTerms.enumerated() {
            let e = try #require(result.estimate(term))
            expectClose(Foundation.log(try #require(e.profileLower)), R.profileLower[k], relative: 1e-6)
            expectClose(Foundation.log(try #require(e.profileUpper)), R.profileUpper[k], relative: 1e-6)
        }
    }

    @Test func ageSplineOnPreparedDataWithoutDates() throws {
        // Prepared data on an age scale (no birth dates): the age spline works on months of age; season is refused.
        let data = SCCSPreparedData(
            indiv: (0..<60).map { "\($0)" }, start: [Int](repeating: 366, count: 60), end: [Int](repeating: 730, count: 60),
            event: (0..<60).map { 366 + ($0 * 37) % 365 }, columns: ["v": (0..<60).map { 400 + ($0 * 11) % 200 }])
        let v = SCCSExposureDefinition(name: "v", doseColumns: ["v"], cutPoints: [0], endOffset: 20)
        let model = try data.splineModel(exposures: [v], splines: SCCSSplineAdjustment(age: .count(3)))
        #expect(!model.intervals.isCalendar)
        #expect(model.parameterNames == ["v1", "age spline 1", "age spline 2", "age spline 3"])
        let result = try model.fit(profile: false)
        #expect(result.regression.convergence.isConverged)
        #expect(throws: SCCSError.self) { _ = try data.splineModel(exposures: [v], splines: SCCSSplineAdjustment(season: .count(5))) }
    }
}
