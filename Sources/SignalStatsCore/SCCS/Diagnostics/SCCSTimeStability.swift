import Foundation

/// The time-trend stability check: per calendar month, the events observed against the events the fitted model
/// expects, each month tested, with a family-wise threshold.
///
/// SCCS assumes that, given the age and season (and calendar-time) adjustment, the outcome rate of a case does not
/// drift over calendar time. Given the fit, the expected number of events of case `i` in its interval `j` is the
/// conditional Poisson (multinomial) expectation
/// ```
/// E_ij = n_i · exp(η_ij) d_ij / Σ_k exp(η_ik) d_ik
/// ```
/// (`n_i` the case's events, `d` days, `η` the fitted linear predictor: exposures, age, season, calendar time), and
/// a month's expected count is the sum over the intervals in that month; the totals over months equal the observed
/// total. Each month with expected events gets the two-sided exact Poisson p-value of its observed count,
/// `min(1, 2 · min(P(X ≤ O), P(X ≥ O)))` with `X ~ Poisson(E)`, and the check **passes when no month's p-value is
/// below α / M** (Bonferroni over the M months tested; α = 0.05 by default). This is the per-month form of OHDSI
/// `SelfControlledCaseSeries`'s `computeTimeStability` (version 4 used per-month tests with a family-wise alpha;
/// version 5 replaced them by one test of the mean observed/expected ratio against `maxRatio`).
public struct SCCSTimeStability: Sendable, Equatable {
    /// One calendar month.
    public struct Month: Sendable, Equatable {
        /// Month index `year × 12 + month − 1`.
        public var month: Int
        public var year: Int { Int((Double(month) / 12).rounded(.down)) }
        /// Month of the year, 1–12.
        public var monthOfYear: Int { month - year * 12 + 1 }
        public var observed: Int
        public var expected: Double
        /// Two-sided exact Poisson p-value of `observed` given `expected`.
        public var pValue: Double
    }

    /// Months with case time, in order.
    public var months: [Month]
    /// Family-wise type I error.
    public var alpha: Double
    /// The per-month threshold, `alpha / months tested`.
    public var threshold: Double
    /// Whether no month's p-value falls below the threshold.
    public var passed: Bool

    /// The check as a diagnostic row (value: the smallest p-value).
    public var diagnostic: SCCSDiagnostic {
        let worst = months.min { $0.pValue < $1.pValue }
        return SCCSDiagnostic(
            name: "time-trend stability", value: worst?.pValue ?? 1, lower: nil, upper: nil,
            threshold: String(format: "every month's two-sided Poisson p-value at least %.3g (alpha %.3g / %d months, Bonferroni)", threshold, alpha, max(1, months.filter { $0.expected > 0 }.count)),
            passed: passed,
            note: worst.map { String(format: "least stable month %04d-%02d: %d observed, %.2f expected", $0.year, $0.monthOfYear, $0.observed, $0.expected) } ?? "no months")
    }

    /// Observed and expected counts per month from month-split intervals and each interval's fitted linear predictor
    /// without the offset (`−∞` where an RI is 0).
    static func compute(intervals: SCCSMonthlyIntervals, linearPredictor eta: [Double], alpha: Double) throws(SCCSError) -> SCCSTimeStability {
        guard intervals.isCalendar else {
            throw .invalidDesign("the time-stability check needs calendar dates (a calendar origin per case)")
        }
        guard alpha > 0, alpha < 1 else { throw .invalidDesign("alpha must lie in (0, 1), got \(alpha)") }
        var observed: [Int: Int] = [:], expected: [Int: Double] = [:]
        var start = 0
        while start < intervals.count {
            var end = start
            while end < intervals.count && intervals.caseIndex[end] == intervals.caseIndex[start] { end += 1 }
            let top = eta[start..<end].max() ?? 0
            var total = 0.0, events = 0
            for j in start..<end {
                if top.isFinite { total += Foundation.exp(eta[j] - top) * Double(intervals.length[j]) }
                events += Int(intervals.events[j])
            }
            for j in start..<end {
                let m = Int(intervals.month[j])
                observed[m, default: 0] += Int(intervals.events[j])
                let share = total > 0 ? Foundation.exp(eta[j] - top) * Double(intervals.length[j]) / total : 0
                expected[m, default: 0] += Double(events) * share
            }
            start = end
        }
        var months: [Month] = []
        for m in observed.keys.sorted() {
            let o = observed[m] ?? 0, e = expected[m] ?? 0
            var p = 1.0
            if e > 0 {
                do {
                    let lower = try PoissonDistribution.cdf(o, mean: e)
                    let upper = try PoissonDistribution.survival(o - 1, mean: e)
                    p = min(1, 2 * min(lower, upper))
                } catch {
                    throw .invalidDesign("expected count \(e) in month \(m): \(error)")
                }
            } else if o > 0 {
                p = 0
            }
            months.append(Month(month: m, observed: o, expected: e, pValue: p))
        }
        let tested = max(1, months.filter { $0.expected > 0 || $0.observed > 0 }.count)
        let threshold = alpha / Double(tested)
        return SCCSTimeStability(months: months, alpha: alpha, threshold: threshold, passed: months.allSatisfy { $0.pValue >= threshold })
    }
}

extension SCCSDiagnostics {
    /// Time-trend stability of a step-function fit (``SCCSModel``): the cases are split by calendar month and each
    /// interval gets the fitted exposure, age-group and season-group effects (see ``SCCSTimeStability``).
    ///
    /// - Parameters:
    ///   - cases: the cases the model was built from (with calendar origins).
    ///   - result: the fit.
    ///   - adjustment: the age and season groups the model used.
    ///   - firstOutcomeOnly: whether the model kept only each case's first event (as the design did).
    ///   - alpha: family-wise type I error (default 0.05).
    public static func timeStability(
        cases: [SCCSCase], result: SCCSResult, adjustment: SCCSAdjustment = .init(), firstOutcomeOnly: Bool = false,
        alpha: Double = 0.05
    ) throws(SCCSError) -> SCCSTimeStability {
        let intervals = try SCCSMonthlyIntervals.build(
            cases: cases, parameterNames: result.exposureParameters, ageCutPoints: adjustment.ageCutPoints,
            firstOutcomeOnly: firstOutcomeOnly)
        let zero = Set(result.zeroEventParameters)
        func effect(_ name: String) -> Double {
            zero.contains(name) ? -.infinity : (result.regression.coefficient(name) ?? 0)
        }
        let months = adjustment.seasonStartMonths
        let exposureEffect = result.exposureParameters.map(effect)
        let eta = (0..<intervals.count).map { i -> Double in
            var v = 0.0
            for p in intervals.exposurePatterns[Int(intervals.exposurePattern[i])] { v += exposureEffect[Int(p)] }
            v += effect(SCCSModel.ageTermName(group: Int(intervals.ageGroup[i])))
            if !months.isEmpty {
                let m = ((Int(intervals.month[i]) % 12) + 12) % 12 + 1
                let group = months.lastIndex { $0 <= m } ?? (months.count - 1)
                v += effect(SCCSModel.seasonTermName(group: group))
            }
            return v
        }
        return try SCCSTimeStability.compute(intervals: intervals, linearPredictor: eta, alpha: alpha)
    }

    /// Time-trend stability of a spline fit (``SCCSSplineModel``) on its own month-split intervals.
    public static func timeStability(_ model: SCCSSplineModel, result: SCCSResult, alpha: Double = 0.05) throws(SCCSError) -> SCCSTimeStability {
        let zero = Set(result.zeroEventParameters)
        let coefficients = model.parameterNames.map { zero.contains($0) ? -Double.infinity : (result.regression.coefficient($0) ?? 0) }
        let x = model.design.matrix
        let eta = (0..<x.rows).map { i -> Double in
            var v = 0.0
            for j in 0..<x.columns where x[i, j] != 0 { v += x[i, j] * coefficients[j] }
            return v
        }
        return try SCCSTimeStability.compute(intervals: model.intervals, linearPredictor: eta, alpha: alpha)
    }
}
