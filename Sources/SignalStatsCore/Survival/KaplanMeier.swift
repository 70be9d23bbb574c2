import Foundation

/// The Kaplan–Meier estimate of a survival curve, with Greenwood standard errors and pointwise intervals on the
/// log scale, as R `survival::survfit(Surv(time, status) ~ 1)` computes by default (`conf.type = "log"`).
///
/// At each distinct event time `t`, with `n` (weighted) at risk just before `t` and `d` (weighted) events at `t`,
/// `S(t) = S(t−) · (1 − d/n)`, `Var(log S) = Σ d / (n (n − d))`, and the interval is `S · exp(± z · se)`, capped at 1.
///
/// ```swift
/// let km = try KaplanMeier(time: days, status: events)
/// for p in km.points { print(p.time, p.survival, p.lower, p.upper, p.atRisk) }
/// ```
public struct KaplanMeier: Sendable, Equatable {
    /// One step of the curve.
    public struct Point: Sendable, Equatable {
        /// The event time.
        public let time: Double
        /// Persons (weight) at risk just before `time`.
        public let atRisk: Double
        /// Events (weight) at `time`.
        public let events: Double
        /// Censored (weight) at `time`.
        public let censored: Double
        /// Survival just after `time`.
        public let survival: Double
        /// Standard error of `log(survival)` (Greenwood); infinite once survival is 0.
        public let standardErrorLog: Double
        /// Lower limit of the pointwise interval.
        public let lower: Double
        /// Upper limit of the pointwise interval.
        public let upper: Double
    }

    /// One point per distinct time with an event or a censoring, in increasing time (as `survfit` lists them).
    public let points: [Point]
    /// Confidence level of the intervals.
    public let level: Double
    /// Total weight at the start.
    public let count: Double

    /// Estimates the curve.
    ///
    /// - Parameters:
    ///   - time: follow-up times (non-negative, finite).
    ///   - status: 1 for an event, 0 for censoring.
    ///   - weights: case weights (default 1 each).
    ///   - level: confidence level (default 0.95).
    /// - Throws: ``RegressionError`` for mismatched lengths, negative or non-finite times, statuses other than 0
    ///   and 1, negative weights, or a level outside (0, 1).
    /// - Complexity: O(n log n).
    public init(time: [Double], status: [Double], weights: [Double]? = nil, level: Double = 0.95) throws(RegressionError) {
        if time.count != status.count { throw .lengthMismatch(name: "status", count: status.count, expected: time.count) }
        if let w = weights, w.count != time.count { throw .lengthMismatch(name: "weights", count: w.count, expected: time.count) }
        if let i = time.firstIndex(where: { !($0.isFinite && $0 >= 0) }) { throw .nonFiniteValue(name: "time", row: i, value: time[i]) }
        if let i = status.firstIndex(where: { $0 != 0 && $0 != 1 }) { throw .invalidResponse(row: i, value: status[i], expected: "0 or 1") }
        if let w = weights, let i = w.firstIndex(where: { !($0.isFinite && $0 >= 0) }) { throw .invalidWeight(row: i, value: w[i]) }
        guard level > 0 && level < 1 else { throw .invalidLevel(level) }
        let z: Double
        do { z = try Normal.quantile(1 - (1 - level) / 2) } catch { throw .invalidLevel(level) }
        let order = time.indices.sorted { time[$0] < time[$1] }
        var atRisk = weights?.reduce(0, +) ?? Double(time.count)
        let total = atRisk
        var s = 1.0, varLog = 0.0
        var out: [Point] = []
        var k = 0
        while k < order.count {
            let t = time[order[k]]
            var d = 0.0, c = 0.0
            while k < order.count && time[order[k]] == t {
                let i = order[k]
                let w = weights?[i] ?? 1
                if status[i] == 1 { d += w } else { c += w }
                k += 1
            }
            if d > 0 && atRisk > 0 {
                s *= 1 - d / atRisk
                varLog = atRisk > d ? varLog + d / (atRisk * (atRisk - d)) : .infinity
            }
            let se = varLog.squareRoot()
            let lower = s > 0 && se.isFinite ? s * Foundation.exp(-z * se) : 0
            let upper = s > 0 && se.isFinite ? min(1, s * Foundation.exp(z * se)) : (s > 0 ? 1 : 0)
            out.append(Point(time: t, atRisk: atRisk, events: d, censored: c, survival: s, standardErrorLog: se, lower: lower, upper: upper))
            atRisk -= d + c
        }
        points = out
        self.level = level
        count = total
    }
}
