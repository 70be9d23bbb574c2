import Foundation

/// How extreme inverse-probability weights are truncated (Cole & Hernán 2008, Am J Epidemiol 168:656).
public enum WeightTruncation: Sendable, Equatable {
    /// Weights below the `lower` quantile or above the `upper` quantile of all weights (R's type-7 quantiles) are set
    /// to that quantile, for example `quantiles(lower: 0.01, upper: 0.99)`.
    case quantiles(lower: Double, upper: Double)
    /// Weights above `maximum` are set to it.
    case maximum(Double)
}

/// Inverse-probability-of-treatment weights from a propensity score `e`, for treated (`t = 1`) and comparator units:
///
/// | estimand | treated | comparator | population |
/// |---|---|---|---|
/// | ATE | `1/e` | `1/(1 − e)` | everyone (Rosenbaum 1987) |
/// | ATT | `1` | `e/(1 − e)` | the treated (Sato & Matsuyama 2003) |
/// | overlap | `1 − e` | `e` | units in clinical equipoise (Li, Morgan & Zaslavsky 2018, JASA 113:390) |
///
/// With `stabilized`, ATE weights are multiplied by the marginal share of the unit's arm (`P(t)`), which leaves the
/// estimate unchanged and keeps the weights' mean near 1 (Robins, Hernán & Brumback 2000). Fit a weighted outcome
/// model with a robust (sandwich) variance.
public struct IPTWeights: Sendable {
    /// The weight of each unit.
    public let weights: [Double]
    /// The estimand targeted.
    public let estimand: PSEstimand
    /// Units whose weight was truncated.
    public let truncated: Int
    /// Kish's effective sample size `(Σw)² / Σw²` in each arm.
    public let effectiveSampleSize: (treated: Double, comparator: Double)

    /// Computes the weights.
    ///
    /// - Throws: ``PSError/invalidParameter(name:value:reason:)`` for quantiles outside `0 ≤ lower < upper ≤ 1` or a
    ///   non-positive maximum.
    public init(
        _ ps: PropensityScore, estimand: PSEstimand, stabilized: Bool = false, truncation: WeightTruncation? = nil
    ) throws(PSError) {
        let n = ps.count
        let share = Double(ps.treatedCount) / Double(n)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let e = ps.score[i], t = ps.treatment[i]
            switch estimand {
            case .ate:
                w[i] = t ? 1 / e : 1 / (1 - e)
                if stabilized { w[i] *= t ? share : 1 - share }
            case .att: w[i] = t ? 1 : e / (1 - e)
            case .overlap: w[i] = t ? 1 - e : e
            }
        }
        var count = 0
        switch truncation {
        case nil: break
        case .maximum(let m):
            guard m > 0 else { throw .invalidParameter(name: "maximum weight", value: m, reason: "must be positive") }
            for i in 0..<n where w[i] > m {
                w[i] = m
                count += 1
            }
        case .quantiles(let lo, let hi):
            guard lo >= 0, hi <= 1, lo < hi else {
                throw .invalidParameter(name: "truncation quantiles", value: lo, reason: "need 0 <= lower < upper <= 1")
            }
            let sorted = w.sorted()
            let a = quantileType7(sorted, lo), b = quantileType7(sorted, hi)
            for i in 0..<n {
                if w[i] < a {
                    w[i] = a
                    count += 1
                } else if w[i] > b {
                    w[i] = b
                    count += 1
                }
            }
        }
        var s = [0.0, 0.0], s2 = [0.0, 0.0]
        for i in 0..<n {
            let a = ps.treatment[i] ? 1 : 0
            s[a] += w[i]
            s2[a] += w[i] * w[i]
        }
        self.weights = w
        self.estimand = estimand
        self.truncated = count
        self.effectiveSampleSize = (s[1] * s[1] / s2[1], s[0] * s[0] / s2[0])
    }
}

/// R's default (type 7) quantile of sorted values.
func quantileType7(_ sorted: [Double], _ p: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    let h = Double(sorted.count - 1) * p
    let lo = Int(h.rounded(.down))
    guard lo + 1 < sorted.count else { return sorted.last ?? first }
    return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
}

/// Strata of the propensity score at its quantiles, for a stratified outcome model or stratum weights.
///
/// Stratum boundaries are the type-7 quantiles of the score over all units (or over the treated units, for the
/// ATT); stratum `s` holds scores in `(b_s, b_{s+1}]`, the first including its lower end (R's
/// `cut(..., include.lowest = TRUE)`). Five strata remove about 90% of the bias from a covariate (Cochran 1968;
/// Rosenbaum & Rubin 1984). Strata that lack one arm carry no comparison and are reported.
public struct PSStratification: Sendable {
    /// Stratum of each unit, `0 ..< strataCount`.
    public let stratum: [Int]
    /// The `strataCount + 1` boundaries.
    public let boundaries: [Double]
    /// Treated units per stratum.
    public let treatedCounts: [Int]
    /// Comparator units per stratum.
    public let comparatorCounts: [Int]
    /// Number of strata.
    public var strataCount: Int { treatedCounts.count }
    /// Strata with units of only one arm.
    public var uninformativeStrata: [Int] {
        (0..<strataCount).filter { treatedCounts[$0] == 0 || comparatorCounts[$0] == 0 }
    }

    /// Stratifies on the score's quantiles.
    ///
    /// - Parameters:
    ///   - ps: the propensity score to stratify on.
    ///   - strata: number of strata (at least 2).
    ///   - treatedQuantiles: take the quantiles over the treated units only (MatchIt's subclassification for the ATT).
    /// - Throws: ``PSError/invalidParameter(name:value:reason:)`` for fewer than 2 strata or more strata than units.
    public init(_ ps: PropensityScore, strata: Int = 5, treatedQuantiles: Bool = false) throws(PSError) {
        guard strata >= 2, strata <= ps.count else {
            throw .invalidParameter(name: "strata", value: Double(strata), reason: "must be between 2 and the number of units")
        }
        let basis = (treatedQuantiles ? zip(ps.score, ps.treatment).filter { $0.1 }.map(\.0) : ps.score).sorted()
        var b = (0...strata).map { quantileType7(basis, Double($0) / Double(strata)) }
        b[0] = min(b[0], ps.score.min() ?? b[0])
        b[strata] = max(b[strata], ps.score.max() ?? b[strata])
        var s = [Int](repeating: 0, count: ps.count)
        var t = [Int](repeating: 0, count: strata), c = t
        for i in 0..<ps.count {
            let v = ps.score[i]
            var lo = 1, hi = strata  // first boundary index k >= 1 with v <= b[k]
            while lo < hi {
                let mid = (lo + hi) / 2
                if v <= b[mid] { hi = mid } else { lo = mid + 1 }
            }
            s[i] = lo - 1
            if ps.treatment[i] { t[lo - 1] += 1 } else { c[lo - 1] += 1 }
        }
        stratum = s
        boundaries = b
        treatedCounts = t
        comparatorCounts = c
    }

    /// Stratum weights (marginal mean weighting through stratification; Hong 2010): for the ATT, treated units 1 and
    /// comparators `n₁ₛ / n₀ₛ`; for the ATE, `nₛ / (n n₁ₛ)`-type weights normalised per arm: each unit
    /// `(nₛ/n) / (n_aₛ/n_a)` for its arm `a`. Units in strata lacking an arm get weight 0.
    public func weights(treatment: [Bool], estimand: PSEstimand) -> [Double] {
        let n = Double(treatment.count)
        let n1 = Double(treatedCounts.reduce(0, +)), n0 = Double(comparatorCounts.reduce(0, +))
        return (0..<treatment.count).map { i in
            let s = stratum[i]
            let t = Double(treatedCounts[s]), c = Double(comparatorCounts[s])
            guard t > 0, c > 0 else { return 0 }
            switch estimand {
            case .att: return treatment[i] ? 1 : t / c
            case .ate, .overlap:
                let ns = (t + c) / n
                return treatment[i] ? ns / (t / n1) : ns / (c / n0)
            }
        }
    }
}
