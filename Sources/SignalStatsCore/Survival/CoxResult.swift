import Foundation

/// One hazard ratio with its Wald interval.
public struct HazardRatioEstimate: Sendable, Equatable {
    /// The term (design column).
    public let term: String
    /// `β`, the log hazard ratio.
    public let logHazardRatio: Double
    /// The standard error used: robust when the fit has a robust variance, model-based otherwise.
    public let standardError: Double
    /// Whether ``standardError`` is the robust one.
    public let isRobust: Bool
    /// `β / se`.
    public var zStatistic: Double { logHazardRatio / standardError }
    /// Two-sided Wald p-value.
    public var pValue: Double { 2 * Normal.survival(abs(zStatistic)) }
    /// `exp(β)`.
    public var hazardRatio: Double { Foundation.exp(logHazardRatio) }
    /// Lower end of the interval for the hazard ratio, `exp(β − z se)`.
    public let lower: Double
    /// Upper end, `exp(β + z se)`.
    public let upper: Double
    /// The interval's confidence level.
    public let level: Double
}

/// Counts and follow-up in one arm (level of a 0/1 covariate) of a Cox fit's data.
public struct SurvivalArmCounts: Sendable, Equatable {
    /// The covariate's value (0 or 1).
    public let level: Int
    /// Rows.
    public let rows: Int
    /// Sum of case weights.
    public let weight: Double
    /// Rows with an event.
    public let events: Int
    /// Case-weighted events.
    public let weightedEvents: Double
    /// Case-weighted follow-up time, in the unit of the times given.
    public let personTime: Double
    /// Weighted events per unit of person-time.
    public var rate: Double { personTime > 0 ? weightedEvents / personTime : .nan }
}

/// A fitted Cox model: the regression (coefficients, model-based covariance, log partial likelihood, convergence),
/// the robust covariance when requested, counts, and the proportional-hazards test.
public struct CoxResult: Sendable {
    /// Coefficients (log hazard ratios), the model-based covariance (inverse information), the maximized log partial
    /// likelihood, convergence, rows (`observations`), events, strata and aliased columns.
    public let regression: RegressionResult
    /// Lin–Wei robust covariance `V B V`, when the fit was robust.
    public let robustCovariance: Matrix?
    /// Tie handling used.
    public let ties: CoxTies
    /// Log partial likelihood at β = 0.
    public let nullLogLikelihood: Double
    /// Case-weighted number of events.
    public let weightedEvents: Double
    /// Case-weighted total follow-up time.
    public let personTime: Double
    /// Number of strata (1 when unstratified).
    public let strataCount: Int
    /// Number of clusters of the robust variance.
    public let clusterCount: Int?
    /// Terms whose partial likelihood looked monotone (coefficient may be infinite).
    public let possiblyInfinite: [String]

    let likelihood: CoxPartialLikelihood
    let input: CoxRegression.Input

    /// The terms, in order.
    public var terms: [String] { regression.terms }
    /// Log hazard ratios.
    public var coefficients: [Double] { regression.coefficients }
    /// Log partial likelihood at the estimate.
    public var logLikelihood: Double { regression.logLikelihood }
    /// Model-based standard errors.
    public var standardErrors: [Double] { regression.standardErrors }
    /// Robust standard errors, when computed.
    public var robustStandardErrors: [Double]? { robustCovariance.map { $0.diagonal.map { $0.squareRoot() } } }
    /// Whether the intervals and tests use the robust variance.
    public var isRobust: Bool { robustCovariance != nil }
    /// The covariance behind intervals and tests: robust when available (as R's `summary.coxph`).
    public var covariance: Matrix { robustCovariance ?? regression.covariance }
    /// Rows with an event (positive weight).
    public var events: Int { Int(regression.events) }
    /// Likelihood-ratio statistic against the null model, `2 (ℓ(β̂) − ℓ(0))`.
    public var likelihoodRatioStatistic: Double { 2 * (logLikelihood - nullLogLikelihood) }

    /// Hazard ratios with Wald intervals at `level`, from the robust variance when the fit has one.
    ///
    /// - Throws: ``RegressionError/invalidLevel(_:)`` unless `0 < level < 1`.
    public func hazardRatios(level: Double = 0.95) throws(RegressionError) -> [HazardRatioEstimate] {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        let z: Double
        do { z = try Normal.quantile(0.5 + level / 2) } catch { throw .invalidLevel(level) }
        let se = covariance.diagonal.map { $0.squareRoot() }
        return terms.indices.map { j in
            let b = coefficients[j]
            return HazardRatioEstimate(
                term: terms[j], logHazardRatio: b, standardError: se[j], isRobust: isRobust,
                lower: Foundation.exp(b - z * se[j]), upper: Foundation.exp(b + z * se[j]), level: level)
        }
    }

    /// The hazard ratio of one term.
    public func hazardRatio(_ term: String, level: Double = 0.95) throws(RegressionError) -> HazardRatioEstimate? {
        try hazardRatios(level: level).first { $0.term == term }
    }

    /// Rows, weights, events and person-time for each level (0 and 1) of a 0/1 covariate of the input design (for
    /// example the treatment indicator): the "events / person-time per arm" line of a cohort study.
    ///
    /// - Returns: `nil` when `term` is not an input column or is not 0/1.
    public func armCounts(term: String) -> [SurvivalArmCounts]? {
        guard let j = input.design.columnNames.firstIndex(of: term) else { return nil }
        let x = input.design.matrix
        var rows = [0, 0], events = [0, 0]
        var weight = [0.0, 0.0], wEvents = [0.0, 0.0], time = [0.0, 0.0]
        for i in 0..<x.rows {
            let v = x[i, j]
            guard v == 0 || v == 1 else { return nil }
            let a = Int(v)
            let w = input.weights?[i] ?? 1
            rows[a] += 1
            weight[a] += w
            time[a] += w * input.time[i]
            if input.status[i] == 1 {
                wEvents[a] += w
                if w > 0 { events[a] += 1 }
            }
        }
        return (0...1).map {
            SurvivalArmCounts(
                level: $0, rows: rows[$0], weight: weight[$0], events: events[$0], weightedEvents: wEvents[$0],
                personTime: time[$0])
        }
    }

    /// A readable table: counts, log-likelihoods, hazard ratios with standard errors (model-based and robust),
    /// intervals at `level`, notes.
    public func summary(level: Double = 0.95) -> String {
        var out: [String] = []
        out.append("Cox proportional hazards regression (\(ties.rawValue) ties)" + (strataCount > 1 ? ", stratified" : ""))
        var counts = "observations: \(regression.observations)   events: \(events)"
        if weightedEvents != Double(events) { counts += String(format: " (weighted %.6g)", weightedEvents) }
        if strataCount > 1, let s = regression.strata { counts += "   strata: \(s.total) (\(s.withEvents) with events)" }
        if let clusterCount { counts += "   clusters: \(clusterCount)" }
        out.append(counts)
        out.append(
            String(format: "log partial likelihood: %.6f (null %.6f)   LR chi-square %.3f on %d df   ",
                   logLikelihood, nullLogLikelihood, likelihoodRatioStatistic, terms.count)
                + regression.convergence.description)
        let pct = String(format: "%g%%", level * 100)
        var header = pad("term", 18) + lpad("coef", 11) + lpad("HR", 10) + lpad("se", 10)
        if isRobust { header += lpad("robust se", 11) }
        header += lpad("z", 8) + lpad("p", 10) + lpad("lower \(pct)", 12) + lpad("upper \(pct)", 12)
        out.append(header)
        out.append(String(repeating: "-", count: header.count))
        let hrs = (try? hazardRatios(level: level)) ?? []
        let robustSE = robustStandardErrors
        for (j, h) in hrs.enumerated() {
            var line = pad(h.term, 18) + lpad(fmt(h.logHazardRatio), 11) + lpad(fmt(h.hazardRatio), 10)
                + lpad(fmt(standardErrors[j]), 10)
            if let robustSE { line += lpad(fmt(robustSE[j]), 11) }
            line += lpad(String(format: "%.2f", h.zStatistic), 8) + lpad(fmtP(h.pValue), 10) + lpad(fmt(h.lower), 12)
                + lpad(fmt(h.upper), 12)
            out.append(line)
        }
        for a in regression.aliased { out.append(pad(a.name, 18) + "  not estimated: \(a.reason.rawValue)") }
        if isRobust { out.append("intervals and tests use the robust (Lin-Wei sandwich) variance") }
        for d in regression.diagnostics { out.append("note: \(d)") }
        return out.joined(separator: "\n")
    }
}
