import RealModule

/// A sequence ratio with two confidence intervals.
///
/// Conditional on the number of ordered pairs `n = nIndexFirst + nMarkerFirst`, the number of index-first
/// pairs is binomial with probability `p`, and the sequence ratio is the odds `p / (1 − p)`. Both intervals are
/// intervals for `p` mapped to the odds scale (Lai et al. 2017 review the choices):
///
/// - ``betaInterval``: the interval CohortSymmetry reports, `p = qbeta(α/2 or 1 − α/2, nIndexFirst + 0.5,
///   nMarkerFirst + 0.5)` (the Jeffreys interval for a binomial proportion), with a zero count replaced by 0.5
///   first, as CohortSymmetry does (so a zero count enters the beta shape as 1).
/// - ``exactInterval``: the exact (Clopper–Pearson) interval, `p_L = qbeta(α/2, x, n − x + 1)`,
///   `p_U = qbeta(1 − α/2, x + 1, n − x)`, which covers at least the nominal level; its lower bound is 0 when
///   `x = 0` and its upper bound is infinite when `x = n`.
///
/// Bounds near `p = 1` are formed from the complementary quantile (`1 − p` directly), so large ratios keep full
/// precision.
public struct SequenceRatioEstimate: Sendable, Equatable {
    /// The ratio (`nIndexFirst / nMarkerFirst` for the crude ratio; infinite when no pair is marker-first).
    public let ratio: Double
    /// The confidence level of both intervals.
    public let level: Double
    /// The beta-quantile (CohortSymmetry) interval.
    public let betaInterval: ConfidenceInterval
    /// The exact (Clopper–Pearson) interval.
    public let exactInterval: ConfidenceInterval

    /// The crude sequence ratio `nIndexFirst / nMarkerFirst` with its intervals.
    ///
    /// - Throws: ``SSAError/invalidLevel(_:)`` unless `0 < level < 1`; ``SSAError/invalidDesign(_:)`` for negative
    ///   counts or no ordered pair at all.
    public static func crude(indexFirst x: Int, markerFirst y: Int, level: Double = 0.95) throws(SSAError)
        -> SequenceRatioEstimate
    {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        guard x >= 0, y >= 0 else { throw .invalidDesign("counts must be 0 or more, not \(x) and \(y)") }
        guard x + y > 0 else { throw .invalidDesign("no ordered pair: both counts are 0") }
        let half = (1 - level) / 2
        let ratio = y == 0 ? Double.infinity : Double(x) / Double(y)
        // CohortSymmetry: a zero count becomes 0.5 before 0.5 is added.
        let a = x == 0 ? 1.0 : Double(x) + 0.5
        let b = y == 0 ? 1.0 : Double(y) + 0.5
        let beta = ConfidenceInterval(
            lower: odds(lowerTail: half, a, b), upper: odds(upperTail: half, a, b))
        let n = Double(x + y)
        let exact = ConfidenceInterval(
            lower: x == 0 ? 0 : odds(lowerTail: half, Double(x), n - Double(x) + 1),
            upper: x == x + y ? .infinity : odds(upperTail: half, Double(x) + 1, n - Double(x)))
        return SequenceRatioEstimate(ratio: ratio, level: level, betaInterval: beta, exactInterval: exact)
    }

    /// The estimate divided by a positive factor (the null-effect ratio), intervals and all.
    public func divided(by factor: Double) -> SequenceRatioEstimate {
        SequenceRatioEstimate(
            ratio: ratio / factor, level: level,
            betaInterval: ConfidenceInterval(lower: betaInterval.lower / factor, upper: betaInterval.upper / factor),
            exactInterval: ConfidenceInterval(lower: exactInterval.lower / factor, upper: exactInterval.upper / factor))
    }

    /// `p / (1 − p)` for the `tail` quantile of Beta(a, b), with `1 − p` from the mirrored Beta(b, a).
    static func odds(lowerTail tail: Double, _ a: Double, _ b: Double) -> Double {
        do {
            let p = try BetaDistribution.quantile(tail, alpha: a, beta: b)
            let q = try BetaDistribution.inverseSurvival(tail, alpha: b, beta: a)
            return p / q
        } catch {
            return .nan
        }
    }

    /// `p / (1 − p)` for the upper `tail` quantile of Beta(a, b).
    static func odds(upperTail tail: Double, _ a: Double, _ b: Double) -> Double {
        do {
            let p = try BetaDistribution.inverseSurvival(tail, alpha: a, beta: b)
            let q = try BetaDistribution.quantile(tail, alpha: b, beta: a)
            return p / q
        } catch {
            return .nan
        }
    }
}
