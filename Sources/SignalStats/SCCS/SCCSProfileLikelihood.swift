import Foundation

/// Profile-likelihood confidence limits for one SCCS parameter.
///
/// The limit is where `2 (ℓ̂ − ℓ_p(b)) = χ²₁(level)`, with `ℓ_p(b)` the log-likelihood maximized over all other
/// parameters while the profiled one is fixed at `b` (held as an offset). Each side is found by bracketing from
/// the Wald limit and then Brent-style safeguarded secant steps; each evaluation re-fits the other parameters.
struct SCCSProfileLikelihood {
    let model: SCCSModel
    let fitted: RegressionResult
    let options: NewtonOptions

    func interval(for name: String, level: Double) throws(SCCSError) -> ConfidenceInterval {
        guard let j = fitted.index(of: name), let column = model.design.columnNames.firstIndex(of: name) else {
            return ConfidenceInterval(lower: .nan, upper: .nan)
        }
        let chi: Double
        do { chi = try ChiSquared.quantile(level, degreesOfFreedom: 1) } catch { throw .invalidDesign("confidence level \(level)") }
        let target = fitted.logLikelihood - chi / 2
        let b = fitted.coefficients[j], se = fitted.standardErrors[j]
        let others = (0..<model.design.columns).filter { $0 != column && !fitted.aliased.contains { $0.name == model.design.columnNames[column] } }
            .filter { fitted.index(of: model.design.columnNames[$0]) != nil }
        let reduced = model.design.keeping(columns: others).matrix
        let x = model.design.matrix.column(column)
        let counts = model.intervals.events.map(Double.init)
        let logLength = model.intervals.length.map { Foundation.log(Double($0)) }
        // Intervals come grouped by case, in case order.
        var starts: [Int] = [0]
        for i in 1..<max(counts.count, 1) where model.intervals.caseIndex[i] != model.intervals.caseIndex[i - 1] {
            starts.append(i)
        }
        starts.append(counts.count)
        // Warm start: the other parameters at the full fit, then at the last profile point.
        var warm = others.compactMap { fitted.index(of: model.design.columnNames[$0]) }.map { fitted.coefficients[$0] }
        let partitions = defaultPartitionCount

        func profileLogLikelihood(_ value: Double) throws(SCCSError) -> Double {
            let offset = zip(logLength, x).map { $0 + $1 * value }
            let likelihood = ConditionalPoissonLikelihood(
                design: reduced, counts: counts, offset: offset, strataStarts: starts, partitions: partitions)
            if others.isEmpty { return likelihood.evaluate(at: [], derivatives: false).logLikelihood }
            do {
                let r = try NewtonRaphson.maximize(likelihood, start: warm, options: options)
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
