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
        let reduced = model.design.keeping(columns: others)
        let x = model.design.matrix.column(column)
        let counts = model.intervals.events.map(Double.init)
        let strata = model.intervals.caseIndex.map(Int.init)
        let time = model.intervals.length.map(Double.init)

        func profileLogLikelihood(_ value: Double) throws(SCCSError) -> Double {
            let offset = x.map { $0 * value }
            if others.isEmpty {
                // Nothing else to maximize: evaluate the conditional likelihood at the fixed value.
                let m: ConditionalPoissonRegression
                do {
                    m = try ConditionalPoissonRegression(
                        counts: counts, strata: strata, exposureTime: time, offset: offset,
                        design: try DesignMatrix(matrix: Matrix(rows: counts.count, columns: 1, repeating: 0), columnNames: ["zero"], hasIntercept: false))
                } catch { throw .fit(error) }
                let l = ConditionalPoissonLikelihood(design: Matrix(rows: m.counts.count, columns: 0), counts: m.counts, offset: m.offset, strataStarts: m.strataStarts, partitions: m.partitions)
                return l.evaluate(at: [], derivatives: false).logLikelihood
            }
            do {
                return try ConditionalPoissonRegression(
                    counts: counts, strata: strata, exposureTime: time, offset: offset, design: reduced
                ).fit(options: options).logLikelihood
            } catch { throw .fit(error) }
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
