import Foundation

/// Profile-likelihood confidence limits for one SCCS parameter.
///
/// The limit is where `2 (ℓ̂ − ℓ_p(b)) = χ²₁(level)`, with `ℓ_p(b)` the log-likelihood maximized over all other
/// parameters while the profiled one is fixed at `b`.
///
/// Each limit is first solved directly (Venzon & Moolgavkar 1988, *Appl Stat* 37:87): Newton steps on the system
/// `ℓ(b, θ) = ℓ̂ − χ²/2, ∂ℓ/∂θ = 0` in all parameters at once, each step from one evaluation of the likelihood with
/// its information, starting at the Wald limit with the other parameters at their quadratic-model optimum. That needs
/// about four evaluations per limit, where re-maximizing at every trial point needs three or more per point. When the
/// direct solve does not converge (a likelihood far from quadratic, a limit at infinity), the limit is found by the
/// search: bracketed from the Wald limit outwards, then safeguarded secant steps (regula falsi with the Illinois
/// modification), every point re-fitting the other parameters by Newton–Raphson, warm-started from the previous
/// point. Both stop at the same tolerances, so they agree to rounding.
struct SCCSProfileLikelihood {
    let likelihood: SCCSLikelihood
    let parameterNames: [String]
    let fitted: RegressionResult
    /// Indices (in the model's parameter list) of the estimated parameters, in `fitted.terms` order.
    let free: [Int]
    let options: NewtonOptions
    /// Whether to try the direct (Venzon–Moolgavkar) solve before the search (tests turn it off to compare).
    var direct = true

    /// How close to the target log-likelihood a limit must come: 1e-10, plus 1e-14 of the log-likelihood's size for the
    /// rounding left in sums over millions of cases (1e-7 at a million cases, where a limit then moves by about 1e-10).
    var valueTolerance: Double { 1e-10 + 1e-14 * abs(fitted.logLikelihood) }

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
                if abs(fm) < valueTolerance || abs(c - a) < 1e-12 * max(1, abs(m)) { return m }
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
        var limits: [Double] = []
        for direction in [-1.0, 1.0] {
            if direct, let limit = directLimit(position: k, direction: direction, target: target, chi: chi) {
                limits.append(limit)
            } else {
                warm = others.map { fixed[$0] }
                limits.append(try solve(direction: direction))
            }
        }
        let lower = limits[0], upper = limits[1]
        return ConfidenceInterval(lower: lower, upper: upper)
    }

    /// The limit on one side by Newton steps on `ℓ(b, θ) = target, ∂ℓ/∂θ = 0` (Venzon & Moolgavkar 1988), or `nil`
    /// when the steps fail or do not converge in 30 evaluations.
    ///
    /// At `(b, θ)` with score `g` and information `I`, the quadratic model constrained to `∂/∂θ = 0` moves θ by
    /// `u − v δb` (`u = I_θθ⁻¹ g_θ`, `v = I_θθ⁻¹ I_θb`) and changes the log-likelihood by
    /// `½ g_θ'u + s δb − ½ c δb²` with `s = g_b − v'g_θ`, `c = I_bb − I_bθ v`; δb solves that for the target on the
    /// requested side.
    private func directLimit(position k: Int, direction: Double, target: Double, chi: Double) -> Double? {
        let p = free.count
        let model = likelihood.with(fixed: [Double](repeating: 0, count: parameterNames.count), free: free)
        var x = fitted.coefficients
        let v0 = fitted.covariance
        let vkk = v0[k, k]
        guard p > 0, vkk > 0, vkk.isFinite else { return nil }
        // Start: the Wald limit, the others at the quadratic model's conditional optimum (V_θb / V_bb · δb).
        let step0 = direction * (chi * vkk).squareRoot()
        for j in 0..<p { x[j] += v0[j, k] / vkk * step0 }
        let others = (0..<p).filter { $0 != k }
        let estimate = fitted.coefficients[k]
        for _ in 0..<30 {
            let c = model.evaluate(at: x)
            guard c.logLikelihood.isFinite else { return nil }
            var u: [Double] = [], v: [Double] = []
            if !others.isEmpty {
                var sub = Matrix(rows: others.count, columns: others.count)
                for (a, i) in others.enumerated() { for (b, j) in others.enumerated() { sub[a, b] = c.information[i, j] } }
                guard let chol = try? Cholesky(sub),
                      let uu = try? chol.solve(others.map { c.gradient[$0] }),
                      let vv = try? chol.solve(others.map { c.information[$0, k] }) else { return nil }
                u = uu
                v = vv
            }
            var decrement = 0.0, vg = 0.0, iv = 0.0
            for (a, i) in others.enumerated() {
                decrement += c.gradient[i] * u[a]
                vg += v[a] * c.gradient[i]
                iv += c.information[k, i] * v[a]
            }
            let f = c.logLikelihood - target
            let s = c.gradient[k] - vg
            let curvature = c.information[k, k] - iv
            guard curvature > 0, decrement.isFinite else { return nil }
            let disc = s * s + 2 * curvature * (f + 0.5 * decrement)
            guard disc >= 0 else { return nil }
            let db = (s + direction * disc.squareRoot()) / curvature
            let converged = decrement <= options.decrementTolerance
                && (abs(f) < valueTolerance || abs(db) < 1e-10 * max(1, abs(x[k])))
            if converged {
                return (x[k] - estimate) * direction > 0 ? x[k] : nil
            }
            x[k] += db
            for (a, i) in others.enumerated() { x[i] += u[a] - v[a] * db }
            guard x.allSatisfy(\.isFinite) else { return nil }
        }
        return nil
    }
}
