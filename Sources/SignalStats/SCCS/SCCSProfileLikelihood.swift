import Foundation

/// Profile-likelihood confidence limits for one SCCS parameter.
///
/// The limit is where `2 (ℓ̂ − ℓ_p(b)) = χ²₁(level)`, with `ℓ_p(b)` the log-likelihood maximized over all other
/// parameters while the profiled one is fixed at `b`. Each side is bracketed from the Wald limit outwards, then found
/// by safeguarded secant steps (regula falsi with the Illinois modification); every evaluation re-fits the other
/// parameters by Newton–Raphson, warm-started from the previous point, on the same factor-coded likelihood.
struct SCCSProfileLikelihood {
    let likelihood: SCCSLikelihood
    let parameterNames: [String]
    let fitted: RegressionResult
    /// Indices (in the model's parameter list) of the estimated parameters, in `fitted.terms` order.
    let free: [Int]
    let options: NewtonOptions

    func interval(for name: String, level: Double) throws(SCCSError) -> ConfidenceInterval {
        guard let k = fitted.index(of: name), let j = parameterNames.firstIndex(of: name) else {
            return ConfidenceInterval(lower: .nan, upper: .nan)
        }
        let chi: Double
        do { chi = try ChiSquared.quantile(level, degreesOfFreedom: 1) } catch { throw .invalidDesign("confidence level \(level)") }
        let target = fitted.logLikelihood - chi / 2
        let b = fitted.coefficients[k], se = fitted.standardErrors[k]
        let others = free.filter { $0 != j }
        var fixed = [Double](repeating: 0, count: parameterNames.count)
        for (m, index) in free.enumerated() { fixed[index] = fitted.coefficients[m] }
        var warm = others.map { fixed[$0] }

        func profileLogLikelihood(_ value: Double) throws(SCCSError) -> Double {
            fixed[j] = value
            let profiled = likelihood.with(fixed: fixed, free: others)
            if others.isEmpty { return profiled.evaluate(at: [], derivatives: false).logLikelihood }
            do {
                let r = try NewtonRaphson.maximize(profiled, start: warm, options: options)
                warm = r.estimate
                return r.logLikelihood
            } catch {
                throw .fit(.numerics(error))
            }
        }

        func solve(direction: Double) throws(SCCSError) -> Double {
            // Bracket: move outwards from the estimate until the profile drops below the target.
            var inner = b, innerValue = fitted.logLikelihood
            var step = max(se, 1e-3) * 1.96
            var outer = b + direction * step
            var outerValue = try profileLogLikelihood(outer)
            var expansions = 0
            while outerValue > target {
                inner = outer
                innerValue = outerValue
                step *= 2
                outer = b + direction * step
                outerValue = try profileLogLikelihood(outer)
                expansions += 1
                if expansions > 40 { return direction * .infinity }
            }
            // Safeguarded secant (regula falsi with Illinois modification) on f = ℓ_p − target.
            var fa = innerValue - target, fb = outerValue - target
            var a = inner, c = outer
            var side = 0
            for _ in 0..<100 {
                let m = c - fb * (c - a) / (fb - fa)
                let fm = try profileLogLikelihood(m) - target
                if abs(fm) < 1e-10 || abs(c - a) < 1e-12 * max(1, abs(m)) { return m }
                if (fm > 0) == (fa > 0) {
                    a = m
                    fa = fm
                    if side == -1 { fb /= 2 }
                    side = -1
                } else {
                    c = m
                    fb = fm
                    if side == 1 { fa /= 2 }
                    side = 1
                }
            }
            return c - fb * (c - a) / (fb - fa)
        }
        let lower = try solve(direction: -1)
        let upper = try solve(direction: 1)
        return ConfidenceInterval(lower: lower, upper: upper)
    }
}
