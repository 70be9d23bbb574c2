import Foundation
import SignalStats

/// The quantities a fitted regression provides to expected values.
///
/// Per term (`term` required): `coefficient`, `standardError`, `zStatistic`, `pValue` (two-sided Wald),
/// `expCoefficient` (odds ratio, rate ratio or relative incidence), `ciLower`/`ciUpper` (Wald interval
/// `coefficient ± z₍₁₊level₎/₂ · standardError` on the coefficient scale) and `expCiLower`/`expCiUpper`
/// (the same interval exponentiated); `level` (default 0.95) applies to the four interval quantities only.
///
/// Model-level (no `term`): `logLikelihood`, `observations` (rows that contributed), `events` (total
/// response), and for `conditional-poisson` `strata` and `strataWithEvents`.
struct RegressionOutcome: ValidationOutcome {
    let method: String
    let result: RegressionResult

    static let termQuantities = [
        "coefficient", "standardError", "zStatistic", "pValue", "expCoefficient", "ciLower", "ciUpper",
        "expCiLower", "expCiUpper",
    ]
    static let intervalQuantities: Set<String> = ["ciLower", "ciUpper", "expCiLower", "expCiUpper"]
    static let modelQuantities = ["logLikelihood", "observations", "events", "strata", "strataWithEvents"]

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        if e.level != nil && !Self.intervalQuantities.contains(e.quantity) {
            throw .quantity("\"level\" applies to interval quantities only (\(Self.intervalQuantities.sorted().joined(separator: ", ")))")
        }
        if Self.modelQuantities.contains(e.quantity) {
            if let term = e.term {
                throw .quantity("\(e.quantity) is a model-level quantity: remove \"term\": \"\(term)\"")
            }
            return try modelQuantity(e.quantity)
        }
        guard Self.termQuantities.contains(e.quantity) else {
            throw .quantity(
                "unknown quantity \"\(e.quantity)\" for \(method); per term: "
                    + Self.termQuantities.joined(separator: ", ") + "; per model: "
                    + Self.modelQuantities.joined(separator: ", "))
        }
        guard let term = e.term else { throw .quantity("\(e.quantity) needs a \"term\"") }
        guard let k = result.index(of: term) else {
            if let a = result.aliased.first(where: { $0.name == term }) {
                throw .quantity("term \(term) was not estimated: \(a.reason.rawValue)")
            }
            throw .quantity("no term \"\(term)\"; the fit's terms are \(result.terms.joined(separator: ", "))")
        }
        let beta = result.coefficients[k], se = result.standardErrors[k]
        switch e.quantity {
        case "coefficient": return beta
        case "standardError": return se
        case "zStatistic": return result.zStatistics[k]
        case "pValue": return result.pValues[k]
        case "expCoefficient": return Foundation.exp(beta)
        default: break
        }
        let level = e.level ?? 0.95
        let ci: ConfidenceInterval
        do throws(RegressionError) {
            ci = try result.confidenceIntervals(level: level)[k]
        } catch {
            throw .quantity(error.description)
        }
        switch e.quantity {
        case "ciLower": return ci.lower
        case "ciUpper": return ci.upper
        case "expCiLower": return Foundation.exp(ci.lower)
        default: return Foundation.exp(ci.upper)
        }
    }

    private func modelQuantity(_ q: String) throws(ValidationError) -> Double {
        switch q {
        case "logLikelihood": return result.logLikelihood
        case "observations": return Double(result.observations)
        case "events": return result.events
        default:
            guard let strata = result.strata else { throw .quantity("\(q) applies to conditional-poisson only") }
            return Double(q == "strata" ? strata.total : strata.withEvents)
        }
    }
}
