import Foundation

/// The function of time `g(t)` against which a proportional-hazards test looks for a trend in the log hazard ratio.
public enum PHTimeTransform: String, Sendable, Equatable, Codable, CaseIterable {
    /// `g(t) = t`: R `cox.zph(transform = "identity")`.
    case identity
    /// `g(t) = 1 − S(t−)`, the left-continuous Kaplan–Meier estimate of all rows (unweighted, strata ignored):
    /// R `cox.zph`'s default, `transform = "km"`. Robust to a few long follow-up times.
    case km
    /// `g(t) = log t` (times must be positive).
    case log
    /// `g(t)` = the rank of `t` among all rows' times (ties averaged).
    case rank
}

/// The Grambsch–Therneau test of proportional hazards, per term and global.
///
/// For each covariate `x_j` the model is extended with `x_j g(t)`, `g` a function of time centred on its mean over
/// events, and the extension is tested by a score test at the fitted `β̂` and `γ = 0` (Grambsch & Therneau 1994,
/// Biometrika 81:515; the exact score test that R `survival` ≥ 3.0 `cox.zph` computes, rather than the
/// 1994 approximation from scaled Schoenfeld residuals). A small p-value says the log hazard ratio trends with
/// `g(t)`: the hazards are not proportional. The per-term statistic has 1 degree of freedom (one per design
/// column, as R's `terms = FALSE`); the global one has p.
public struct ProportionalHazardsTest: Sendable, Equatable {
    /// One line of the table.
    public struct Row: Sendable, Equatable {
        /// The term, or `GLOBAL`.
        public let term: String
        /// Score statistic.
        public let chiSquare: Double
        /// Degrees of freedom.
        public let degreesOfFreedom: Int
        /// Upper-tail chi-square p-value.
        public let pValue: Double
    }
    /// The time transform used.
    public let transform: PHTimeTransform
    /// One row per term.
    public let terms: [Row]
    /// The joint test of all terms.
    public let global: Row

    /// The row of `term`.
    public func row(_ term: String) -> Row? { term == "GLOBAL" ? global : terms.first { $0.term == term } }

    /// A text table like R's `print(cox.zph(fit))`.
    public func summary() -> String {
        var lines = ["Test of proportional hazards (Grambsch-Therneau score test, g(t) = \(transform.rawValue))"]
        lines.append(pad("term", 18) + lpad("chisq", 10) + lpad("df", 5) + lpad("p", 10))
        for r in terms + [global] {
            lines.append(
                pad(r.term, 18) + lpad(String(format: "%.4g", r.chiSquare), 10) + lpad(String(r.degreesOfFreedom), 5)
                    + lpad(fmtP(r.pValue), 10))
        }
        return lines.joined(separator: "\n")
    }
}

extension CoxResult {
    /// Tests proportional hazards for each term and globally (see ``ProportionalHazardsTest``).
    ///
    /// - Parameter transform: the function of time; `.identity` by default (R's default is `.km`; both are validated
    ///   against R `cox.zph`).
    /// - Throws: ``RegressionError/nonFiniteValue(name:row:value:)`` for `.log` with a zero time,
    ///   ``RegressionError/singularInformation(_:)`` when the augmented information is singular.
    public func proportionalHazardsTest(transform: PHTimeTransform = .identity) throws(RegressionError)
        -> ProportionalHazardsTest
    {
        let l = likelihood
        let p = l.parameterCount
        let g = try timeFunction(transform)
        let (u, info) = l.proportionalHazardsScore(at: coefficients, timeFunction: g)
        func statistic(_ index: [Int]) throws(RegressionError) -> Double {
            let sub = info.selecting(rows: index, columns: index)
            let rhs = index.map { u[$0] }
            do {
                let z = try Cholesky(sub).solve(rhs)
                return zip(z, rhs).reduce(0) { $0 + $1.0 * $1.1 }
            } catch {
                throw .singularInformation("the information of the proportional-hazards test is not positive definite")
            }
        }
        var rows: [ProportionalHazardsTest.Row] = []
        for j in 0..<p {
            let chi = try statistic(Array(0..<p) + [p + j])
            rows.append(.init(term: terms[j], chiSquare: chi, degreesOfFreedom: 1, pValue: chiSquareTail(chi, 1)))
        }
        let chi = try statistic(Array(0..<(2 * p)))
        let global = ProportionalHazardsTest.Row(
            term: "GLOBAL", chiSquare: chi, degreesOfFreedom: p,
            pValue: chiSquareTail(chi, p))
        return ProportionalHazardsTest(transform: transform, terms: rows, global: global)
    }

    /// Upper chi-square tail (NaN for an invalid statistic).
    private func chiSquareTail(_ x: Double, _ df: Int) -> Double {
        (try? ChiSquared.survival(max(x, 0), degreesOfFreedom: Double(df))) ?? .nan
    }

    /// `g` for each group of the likelihood, centred on its mean over events.
    func timeFunction(_ transform: PHTimeTransform) throws(RegressionError) -> [Double] {
        let l = likelihood
        let groups = l.groupTimes.count
        var values = [Double](repeating: 0, count: groups)
        switch transform {
        case .identity:
            values = l.groupTimes
        case .log:
            for g in 0..<groups {
                guard l.groupTimes[g] > 0 else {
                    throw .nonFiniteValue(name: "log(time)", row: l.groupStarts[g], value: -.infinity)
                }
                values[g] = Foundation.log(l.groupTimes[g])
            }
        case .km, .rank:
            // Distinct times over all strata with their row and event counts.
            var byTime: [Double: (rows: Int, events: Int)] = [:]
            for g in 0..<groups {
                let n = l.groupStarts[g + 1] - l.groupStarts[g]
                byTime[l.groupTimes[g], default: (0, 0)].rows += n
                byTime[l.groupTimes[g], default: (0, 0)].events += l.groupEvents[g]
            }
            let times = byTime.keys.sorted()
            var value: [Double: Double] = [:]
            if transform == .km {
                var atRisk = l.groupStarts.last ?? 0
                var survival = 1.0
                for t in times {
                    let c = byTime[t] ?? (0, 0)
                    value[t] = 1 - survival  // left-continuous: S(t−)
                    if c.events > 0 { survival *= 1 - Double(c.events) / Double(atRisk) }
                    atRisk -= c.rows
                }
            } else {
                var below = 0
                for t in times {
                    let c = byTime[t] ?? (0, 0)
                    value[t] = Double(below) + Double(c.rows + 1) / 2
                    below += c.rows
                }
            }
            for g in 0..<groups { values[g] = value[l.groupTimes[g]] ?? 0 }
        }
        var sum = 0.0, count = 0
        for g in 0..<groups where l.groupEvents[g] > 0 {
            sum += Double(l.groupEvents[g]) * values[g]
            count += l.groupEvents[g]
        }
        let mean = count > 0 ? sum / Double(count) : 0
        return values.map { $0 - mean }
    }
}
