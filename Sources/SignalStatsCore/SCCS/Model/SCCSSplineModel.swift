import Foundation

/// An SCCS model with age, season and calendar time adjusted by splines (OHDSI `SelfControlledCaseSeries` style)
/// instead of step functions.
///
/// Time is split at month boundaries (``SCCSMonthlyIntervals``), each interval gets the spline basis of its month
/// (``SCCSSplineKnots``), and the model is the conditional Poisson regression of the events on exposure indicators
/// and the spline columns with offset log(days), fitted by the library's dense ``ConditionalPoissonRegression``
/// (the spline columns are continuous, so the factor-coded ``SCCSModel`` likelihood does not apply). Estimates agree
/// with R `gnm(events ~ exposures + basis + offset(log(days)), eliminate = factor(case), family = poisson)` on the same
/// intervals to 1e-6 (`SCCSSplineModelTests`, fixture by `scripts/validation/make_sccs_spline_case.R`).
///
/// ```swift
/// let model = try SCCSSplineModel(cases: cases, parameterNames: names,
///                                 splines: SCCSSplineAdjustment(age: .count(5), season: .count(5)))
/// let result = try model.fit()
/// ```
public struct SCCSSplineModel: Sendable {
    /// The month-split intervals.
    public let intervals: SCCSMonthlyIntervals
    /// The knots the adjustment resolved to.
    public let knots: SCCSSplineKnots
    /// Exposure parameters, then the spline columns.
    public let parameterNames: [String]
    /// The design (one row per interval): exposure indicators, then spline columns.
    public let design: DesignMatrix

    /// Builds the intervals, knots and design.
    ///
    /// - Throws: ``SCCSError`` for invalid cases or knots, ``SCCSError/noCases``.
    public init(
        cases: [SCCSCase], parameterNames: [String], splines: SCCSSplineAdjustment, firstOutcomeOnly: Bool = false
    ) throws(SCCSError) {
        let intervals = try SCCSMonthlyIntervals.build(cases: cases, parameterNames: parameterNames, firstOutcomeOnly: firstOutcomeOnly)
        try self.init(intervals: intervals, splines: splines)
    }

    /// The model on intervals already split by month.
    public init(intervals: SCCSMonthlyIntervals, splines: SCCSSplineAdjustment) throws(SCCSError) {
        guard !splines.isEmpty else { throw .invalidDesign("no spline adjustment requested (use SCCSModel for step functions)") }
        self.intervals = intervals
        knots = try SCCSSplineKnots(splines, intervals: intervals)
        let exposures = intervals.parameterNames
        let splineNames = knots.columnNames
        parameterNames = exposures + splineNames
        let n = intervals.count
        var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: parameterNames.count)
        for i in 0..<n {
            for p in intervals.exposurePatterns[Int(intervals.exposurePattern[i])] { columns[Int(p)][i] = 1 }
            let b = try knots.basis(ageDays: Double(intervals.ageDays[i]), month: Int(intervals.month[i]), isCalendar: intervals.isCalendar)
            for (j, v) in b.enumerated() { columns[exposures.count + j][i] = v }
        }
        do {
            design = try DesignMatrix(
                covariates: zip(parameterNames, columns).map { Covariate.numeric(name: $0, values: $1) }, intercept: false)
        } catch {
            throw .fit(error)
        }
    }

    /// Fits the model: Wald intervals for every term, profile-likelihood intervals for the exposure parameters.
    ///
    /// Exposure parameters with no event where they apply have RI 0 (the likelihood's supremum is at the boundary):
    /// their intervals are left out, and they are listed in ``SCCSResult/zeroEventParameters``, as ``SCCSModel`` does.
    public func fit(level: Double = 0.95, profile: Bool = true, options: NewtonOptions = .init()) throws(SCCSError) -> SCCSResult {
        let exposures = intervals.parameterNames
        var eventsWith = [Int](repeating: 0, count: exposures.count)
        for i in 0..<intervals.count where intervals.events[i] > 0 {
            for p in intervals.exposurePatterns[Int(intervals.exposurePattern[i])] { eventsWith[Int(p)] += Int(intervals.events[i]) }
        }
        let zero = Set(eventsWith.indices.filter { eventsWith[$0] == 0 })
        let rows = (0..<intervals.count).filter { i in
            !intervals.exposurePatterns[Int(intervals.exposurePattern[i])].contains { zero.contains(Int($0)) }
        }
        let keptColumns = parameterNames.indices.filter { !zero.contains($0) }
        var d = design
        if !zero.isEmpty { d = d.keepingRows(rows).keeping(columns: keptColumns) }
        let counts = rows.map { Double(intervals.events[$0]) }
        let strata = rows.map { Int(intervals.caseIndex[$0]) }
        let days = rows.map { Double(intervals.length[$0]) }
        var regression: RegressionResult
        do {
            regression = try ConditionalPoissonRegression(counts: counts, strata: strata, exposureTime: days, design: d).fit(options: options)
        } catch {
            throw .fit(error)
        }
        let zeroNames = zero.sorted().map { exposures[$0] }
        if !zeroNames.isEmpty {
            regression = regression.adding(note: "no events where \(zeroNames.joined(separator: ", ")) apply: RI 0 (maximum at the boundary), not estimated")
        }
        let wald: [ConfidenceInterval]
        do { wald = try regression.confidenceIntervals(level: level) } catch { throw .fit(error) }
        var profiles: [String: ConfidenceInterval] = [:]
        if profile && regression.convergence.isConverged {
            for name in exposures where regression.index(of: name) != nil {
                profiles[name] = try profileInterval(
                    name, fitted: regression, design: d, counts: counts, strata: strata, days: days, level: level, options: options)
            }
        }
        return SCCSResult(
            regression: regression, level: level, wald: wald, profile: profiles, windows: windowCounts(),
            construction: intervals.counts, exposureParameters: exposures, zeroEventParameters: zeroNames)
    }

    /// Profile-likelihood interval of one coefficient: where `2(ℓ̂ − ℓ_p(b)) = χ²₁(level)`, each `ℓ_p(b)` a refit of
    /// all other coefficients with `b · x` as offset (Illinois false position on each side).
    func profileInterval(
        _ name: String, fitted: RegressionResult, design: DesignMatrix, counts: [Double], strata: [Int], days: [Double],
        level: Double, options: NewtonOptions
    ) throws(SCCSError) -> ConfidenceInterval {
        guard let k = fitted.index(of: name), let column = design.columnNames.firstIndex(of: name) else {
            throw .invalidDesign("no estimate for \(name)")
        }
        let others = design.columnNames.indices.filter { $0 != column && fitted.index(of: design.columnNames[$0]) != nil }
        let x = design.matrix.column(column)
        let reduced = design.keeping(columns: others)
        let critical: Double
        do { critical = try ChiSquared.quantile(level, degreesOfFreedom: 1) } catch { throw .invalidDesign("level \(level)") }
        let top = fitted.logLikelihood, estimate = fitted.coefficients[k], se = fitted.standardErrors[k]
        func deviance(_ b: Double) throws(SCCSError) -> Double {
            let offset = x.map { $0 * b }
            do {
                let fit: RegressionResult
                if others.isEmpty {
                    // No other parameters: the log-likelihood at b directly.
                    fit = try ConditionalPoissonRegression(
                        counts: counts, strata: strata, exposureTime: days, offset: offset,
                        design: DesignMatrix(covariates: [.numeric(name: "zero", values: [Double](repeating: 0, count: counts.count))], intercept: false)
                    ).fit(options: options)
                } else {
                    fit = try ConditionalPoissonRegression(counts: counts, strata: strata, exposureTime: days, offset: offset, design: reduced).fit(options: options)
                }
                return 2 * (top - fit.logLikelihood) - critical
            } catch {
                throw .fit(error)
            }
        }
        func limit(direction: Double) throws(SCCSError) -> Double {
            var inner = estimate, fInner = -critical
            var step = max(se, 1e-3) * 2
            var outer = estimate + direction * step, fOuter = try deviance(outer)
            var tries = 0
            while fOuter < 0 {
                tries += 1
                guard tries < 40 else { return direction * .infinity }
                inner = outer
                fInner = fOuter
                step *= 2
                outer = estimate + direction * step
                fOuter = try deviance(outer)
            }
            var side = 0
            for _ in 0..<100 {
                let b = (inner * fOuter - outer * fInner) / (fOuter - fInner)
                let f = try deviance(b)
                if abs(f) < 1e-10 || abs(outer - inner) < 1e-12 * max(1, abs(b)) { return b }
                if f < 0 {
                    inner = b
                    fInner = f
                    if side == -1 { fOuter /= 2 }
                    side = -1
                } else {
                    outer = b
                    fOuter = f
                    if side == 1 { fInner /= 2 }
                    side = 1
                }
            }
            return (inner + outer) / 2
        }
        return ConfidenceInterval(lower: try limit(direction: -1), upper: try limit(direction: 1))
    }

    /// Person-days, events and cases with an event, per exposure parameter and unexposed.
    func windowCounts() -> [SCCSWindowCount] {
        let names = intervals.parameterNames
        var days = [Int](repeating: 0, count: names.count + 1)
        var events = [Int](repeating: 0, count: names.count + 1)
        var cases = [Set<Int32>](repeating: [], count: names.count + 1)
        for i in 0..<intervals.count {
            let pattern = intervals.exposurePatterns[Int(intervals.exposurePattern[i])]
            for s in pattern.isEmpty ? [names.count] : pattern.map(Int.init) {
                days[s] += Int(intervals.length[i])
                events[s] += Int(intervals.events[i])
                if intervals.events[i] > 0 { cases[s].insert(intervals.caseIndex[i]) }
            }
        }
        return (0...names.count).map {
            SCCSWindowCount(name: $0 < names.count ? names[$0] : "unexposed", personDays: days[$0], events: events[$0], casesWithEvents: cases[$0].count)
        }
    }
}

extension RegressionResult {
    /// The same result with one more diagnostic note.
    func adding(note: String) -> RegressionResult {
        RegressionResult(
            model: model, terms: terms, coefficients: coefficients, covariance: covariance, logLikelihood: logLikelihood,
            convergence: convergence, iterations: iterations, observations: observations, events: events, strata: strata,
            aliased: aliased, l2Penalty: l2Penalty, diagnostics: diagnostics + [note])
    }
}
