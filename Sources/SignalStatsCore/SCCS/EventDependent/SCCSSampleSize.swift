import Foundation

/// The number of cases an SCCS study needs (Musonda, Farrington & Whitaker 2006, *Stat Med* 25:2618), as R
/// `SCCS::samplesize` computes it: one risk window of `risk` days, observation from `start` to `end` (ages in days),
/// optional age groups with their relative incidences, and the proportion of cases exposed in each age group.
///
/// With `ρ` the relative incidence, `e₁ = 1` then `ageEffects`, and age-group lengths `L_j` (the last one day longer,
/// so the lengths sum to `end − start + 1`): `r_j = e_j·risk / Σ e_i L_i`, `π_j = r_j ρ / (r_j ρ + 1 − r_j)`,
/// `v_j = p_j (r_j ρ + 1 − r_j) / [(1 − Σp) + Σ p_i (r_i ρ + 1 − r_i)]`,
/// `A = 2 Σ v_j [π_j log ρ − log(r_j ρ + 1 − r_j)]`, `B = (log ρ)² / A · Σ v_j π_j (1 − π_j)`, and
/// `n = (z_α + z_β √B)² / A` with `z_α = Φ⁻¹(1 − α/2)`, `z_β = Φ⁻¹(power)`, each rounded to 4 decimals as R does.
/// R reports `ceiling(n)`.
///
/// ```swift
/// let n = try SCCSSampleSize(relativeIncidence: 2.5, riskDays: 21, start: 366, end: 730).cases   // 110
/// ```
public struct SCCSSampleSize: Sendable, Equatable {
    public var relativeIncidence: Double
    public var riskDays: Int
    public var start: Int
    public var end: Int
    /// Proportion of cases exposed in each age group (R's `p`); one value without age groups.
    public var exposedProportions: [Double]
    /// Relative incidence of age groups 2, 3, … against group 1 (R's `eage`).
    public var ageEffects: [Double]
    /// Ages (days) at which age groups 2, 3, … start (R's `agegrp`).
    public var ageCutPoints: [Int]
    public var alpha: Double
    public var power: Double

    /// - Throws: ``SCCSError/invalidDesign(_:)`` when the lengths of `exposedProportions`, `ageEffects` and
    ///   `ageCutPoints` disagree, a cut point lies outside `start…end`, the risk window is not shorter than the
    ///   shortest age group (R refuses it too), or a probability is outside (0, 1).
    public init(
        relativeIncidence: Double, riskDays: Int, start: Int, end: Int, exposedProportions: [Double] = [1],
        ageEffects: [Double] = [], ageCutPoints: [Int] = [], alpha: Double = 0.05, power: Double = 0.8
    ) throws(SCCSError) {
        guard relativeIncidence > 0, relativeIncidence != 1, relativeIncidence.isFinite else {
            throw .invalidDesign("samplesize: the relative incidence must be positive and not 1 (got \(relativeIncidence))")
        }
        guard ageEffects.count == ageCutPoints.count, exposedProportions.count == ageCutPoints.count + 1 else {
            throw .invalidDesign("samplesize: \(ageCutPoints.count) age cut points need \(ageCutPoints.count) age effects and \(ageCutPoints.count + 1) exposed proportions (got \(ageEffects.count) and \(exposedProportions.count))")
        }
        let cuts = [start] + ageCutPoints + [end]
        guard zip(cuts, cuts.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("samplesize: start, age cut points and end must increase: \(cuts)")
        }
        let shortest = zip(cuts, cuts.dropFirst()).map { $1 - $0 }.min() ?? 0
        guard riskDays > 0, riskDays < shortest else {
            throw .invalidDesign("samplesize: the risk window (\(riskDays) days) must be shorter than the shortest age group (\(shortest) days)")
        }
        guard exposedProportions.allSatisfy({ $0 > 0 && $0 <= 1 }), exposedProportions.reduce(0, +) <= 1 + 1e-12,
            alpha > 0, alpha < 1, power > 0, power < 1, ageEffects.allSatisfy({ $0 > 0 })
        else {
            throw .invalidDesign("samplesize: proportions in (0, 1] summing to at most 1, alpha and power in (0, 1), positive age effects")
        }
        self.relativeIncidence = relativeIncidence
        self.riskDays = riskDays
        self.start = start
        self.end = end
        self.exposedProportions = exposedProportions
        self.ageEffects = ageEffects
        self.ageCutPoints = ageCutPoints
        self.alpha = alpha
        self.power = power
    }

    /// `n` before rounding up.
    public var unroundedCases: Double {
        let rho = relativeIncidence
        let cuts = [start] + ageCutPoints + [end]
        var lengths = zip(cuts, cuts.dropFirst()).map { Double($1 - $0) }
        lengths[lengths.count - 1] += 1
        let effects = [1.0] + ageEffects
        let person = zip(effects, lengths).reduce(0) { $0 + $1.0 * $1.1 }
        let r = effects.map { $0 * Double(riskDays) / person }
        let pi = r.map { $0 * rho / ($0 * rho + 1 - $0) }
        let denominator = (1 - exposedProportions.reduce(0, +))
            + zip(exposedProportions, r).reduce(0) { $0 + $1.0 * ($1.1 * rho + 1 - $1.1) }
        let v = zip(exposedProportions, r).map { $0 * ($1 * rho + 1 - $1) / denominator }
        var a = 0.0, spread = 0.0
        for j in r.indices {
            a += v[j] * (pi[j] * Foundation.log(rho) - Foundation.log(r[j] * rho + 1 - r[j]))
            spread += v[j] * pi[j] * (1 - pi[j])
        }
        a *= 2
        let b = Foundation.log(rho) * Foundation.log(rho) / a * spread
        let zAlpha = Self.round4((try? Normal.quantile(1 - alpha / 2)) ?? .nan)
        let zBeta = Self.round4((try? Normal.quantile(power)) ?? .nan)
        let root = zAlpha + zBeta * b.squareRoot()
        return root * root / a
    }

    /// The number of cases (R's result): ``unroundedCases`` rounded up.
    public var cases: Int {
        let n = unroundedCases
        return n.isFinite ? Int(n.rounded(.up)) : 0
    }

    private static func round4(_ z: Double) -> Double { (z * 10_000).rounded() / 10_000 }
}
