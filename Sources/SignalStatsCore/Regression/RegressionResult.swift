import Foundation

/// A column left out of a fit because it carries no information of its own.
public struct AliasedTerm: Sendable, Equatable, CustomStringConvertible {
    /// Why the column was left out.
    public enum Reason: String, Sendable, Equatable {
        /// The column is constant, and an intercept (or the strata) already carries a constant.
        case noVariation = "no variation"
        /// The column is constant within every stratum that has events (conditional models).
        case noVariationWithinStrata = "no variation within strata with events"
        /// The column is a linear combination of earlier columns.
        case collinear = "collinear with earlier columns"
    }
    /// The column's name.
    public let name: String
    /// Why it was left out.
    public let reason: Reason

    public var description: String { "\(name) (\(reason.rawValue))" }
}

/// A Wald confidence interval for one coefficient.
public struct ConfidenceInterval: Sendable, Equatable {
    /// Lower limit.
    public let lower: Double
    /// Upper limit.
    public let upper: Double
    package init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// A fitted regression: estimates, their uncertainty, the counts behind them, and how the fit went.
///
/// Results follow statsmodels' `LikelihoodModelResults`: ``coefficients``, ``standardErrors``,
/// ``confidenceIntervals(level:)`` and ``summary(level:)``. Aliased columns are not estimated; they are
/// listed in ``aliased`` with the reason.
public struct RegressionResult: Sendable {
    /// Which model produced the result (`"logistic"`, `"poisson"`, `"conditional poisson"`).
    public let model: String
    /// Names of the estimated terms, in order.
    public let terms: [String]
    /// Coefficients on the linear-predictor scale (log odds, log rate ratio, log relative incidence).
    public let coefficients: [Double]
    /// Covariance of the coefficients: the inverse information at the estimate.
    public let covariance: Matrix
    /// Maximized log-likelihood (without any penalty).
    public let logLikelihood: Double
    /// How the Newton iterations ended.
    public let convergence: ConvergenceStatus
    /// Number of Newton iterations.
    public let iterations: Int
    /// Rows that contributed to the likelihood.
    public let observations: Int
    /// Total response (events) over contributing rows.
    public let events: Double
    /// For conditional models: number of strata, and those with at least one event (the informative ones).
    public let strata: (total: Int, withEvents: Int)?
    /// Columns left out.
    public let aliased: [AliasedTerm]
    /// The L2 penalty used (0 for an unpenalized fit). With a penalty, ``covariance`` is the inverse of the
    /// penalized information.
    public let l2Penalty: Double
    /// Non-fatal findings, in words.
    public let diagnostics: [String]

    /// Standard errors: square roots of the covariance diagonal.
    public var standardErrors: [Double] { covariance.diagonal.map { $0.squareRoot() } }

    /// Wald statistics `β / se`.
    public var zStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided Wald p-values.
    public var pValues: [Double] { zStatistics.map { 2 * Normal.survival(abs($0)) } }

    /// Wald intervals `β ± z_{(1+level)/2} se` on the linear-predictor scale.
    ///
    /// - Throws: ``RegressionError/invalidLevel(_:)`` unless `0 < level < 1`.
    public func confidenceIntervals(level: Double = 0.95) throws(RegressionError) -> [ConfidenceInterval] {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        let z: Double
        do { z = try Normal.quantile(0.5 + level / 2) } catch { throw .invalidLevel(level) }
        return zip(coefficients, standardErrors).map { ConfidenceInterval(lower: $0 - z * $1, upper: $0 + z * $1) }
    }

    /// Index of the term named `name`.
    public func index(of name: String) -> Int? { terms.firstIndex(of: name) }

    /// Coefficient of the term named `name`, if it was estimated.
    public func coefficient(_ name: String) -> Double? { index(of: name).map { coefficients[$0] } }

    /// Standard error of the term named `name`, if it was estimated.
    public func standardError(_ name: String) -> Double? { index(of: name).map { standardErrors[$0] } }
}

extension RegressionResult {
    /// The name of the exponentiated coefficient for this model (odds ratio, rate ratio, relative incidence).
    public var ratioName: String {
        switch model {
        case "logistic": return "OR"
        case "poisson": return "RR"
        default: return "RI"
        }
    }

    /// A readable table of the fit, with exponentiated estimates and Wald intervals at `level`.
    public func summary(level: Double = 0.95) -> String {
        var out: [String] = []
        out.append("\(model.capitalized) regression")
        var counts = "observations: \(observations)   events: \(formatCount(events))"
        if let strata { counts += "   strata: \(strata.total) (\(strata.withEvents) with events)" }
        out.append(counts)
        out.append(String(format: "log-likelihood: %.6f   ", logLikelihood) + convergence.description)
        if l2Penalty > 0 { out.append(String(format: "L2 penalty: %g (intercept unpenalized)", l2Penalty)) }
        let pct = String(format: "%g%%", level * 100)
        let header = pad("term", 18) + lpad("coef", 12) + lpad("se", 11) + lpad("z", 8) + lpad("p", 10)
            + lpad(ratioName, 11) + lpad("lower \(pct)", 12) + lpad("upper \(pct)", 12)
        out.append(header)
        out.append(String(repeating: "-", count: header.count))
        let cis = (try? confidenceIntervals(level: level)) ?? []
        for (k, name) in terms.enumerated() {
            let ci = k < cis.count ? cis[k] : ConfidenceInterval(lower: .nan, upper: .nan)
            out.append(
                pad(name, 18) + lpad(fmt(coefficients[k]), 12) + lpad(fmt(standardErrors[k]), 11)
                    + lpad(String(format: "%.2f", zStatistics[k]), 8) + lpad(fmtP(pValues[k]), 10)
                    + lpad(fmt(Foundation.exp(coefficients[k])), 11) + lpad(fmt(Foundation.exp(ci.lower)), 12)
                    + lpad(fmt(Foundation.exp(ci.upper)), 12))
        }
        for a in aliased { out.append(pad(a.name, 18) + "  not estimated: \(a.reason.rawValue)") }
        for d in diagnostics { out.append("note: \(d)") }
        return out.joined(separator: "\n")
    }
}

package func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
package func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? " " + s : String(repeating: " ", count: w - s.count) + s }
func fmt(_ v: Double) -> String { String(format: "%.5g", v) }
func fmtP(_ v: Double) -> String { v < 1e-4 ? String(format: "%.1e", v) : String(format: "%.4f", v) }
func formatCount(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%g", v) }
