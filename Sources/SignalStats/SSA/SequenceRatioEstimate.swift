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

/// The exact binomial test, two-sided, as R's `binom.test` computes it.
public enum ExactBinomialTest {
    /// The two-sided p-value of `x` successes in `n` trials against success probability `p`.
    ///
    /// The p-value sums the probabilities of all outcomes no more likely than the one observed (with R's
    /// relative tolerance 1 + 10⁻⁷ for ties), found by bisection on the far side of the mode, so the cost is
    /// O(log n) probability evaluations. Point probabilities use Loader's saddle-point form (as R's `dbinom`).
    ///
    /// - Parameters:
    ///   - x: Successes, `0...n`.
    ///   - n: Trials, at least 0.
    ///   - p: The success probability under the null, in [0, 1].
    /// - Throws: ``SSAError/invalidDesign(_:)`` for arguments out of range.
    public static func twoSidedPValue(successes x: Int, trials n: Int, probability p: Double) throws(SSAError) -> Double {
        guard n >= 0, x >= 0, x <= n else { throw .invalidDesign("binomial test needs 0 <= x <= n, got x = \(x), n = \(n)") }
        guard p >= 0, p <= 1 else { throw .invalidDesign("binomial test probability \(p) is outside [0, 1]") }
        if n == 0 { return 1 }
        if p == 0 { return x == 0 ? 1 : 0 }
        if p == 1 { return x == n ? 1 : 0 }
        let q = 1 - p
        let relErr = 1 + 1e-7
        let d = pmf(x, n, p, q) * relErr
        let m = Double(n) * p
        if Double(x) == m { return 1 }
        do {
            if Double(x) < m {
                // pmf is non-increasing on ceil(m)...n: find the first i there with pmf(i) <= d.
                var lo = Int(m.rounded(.up)), hi = n + 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if pmf(mid, n, p, q) <= d { hi = mid } else { lo = mid + 1 }
                }
                let y = n - lo + 1
                let value = try BinomialDistribution.cdf(x, n: n, p: p) + BinomialDistribution.survival(n - y, n: n, p: p)
                return min(1, value)
            } else {
                // pmf is non-decreasing on 0...floor(m): count the i there with pmf(i) <= d.
                var lo = 0, hi = Int(m.rounded(.down)) + 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if pmf(mid, n, p, q) <= d { lo = mid + 1 } else { hi = mid }
                }
                let y = lo
                let value = try BinomialDistribution.cdf(y - 1, n: n, p: p) + BinomialDistribution.survival(x - 1, n: n, p: p)
                return min(1, value)
            }
        } catch {
            throw .invalidDesign("binomial test failed: \(error)")
        }
    }

    /// The binomial point probability P(X = x) (Loader 2000, as R's `dbinom_raw`), 0 < p < 1.
    static func pmf(_ x: Int, _ n: Int, _ p: Double, _ q: Double) -> Double {
        if x < 0 || x > n { return 0 }
        let nd = Double(n), xd = Double(x)
        if x == 0 {
            let lc = p < 0.1 ? -bd0(nd, nd * q) - nd * p : nd * Double.log(q)
            return Double.exp(lc)
        }
        if x == n {
            let lc = q < 0.1 ? -bd0(nd, nd * p) - nd * q : nd * Double.log(p)
            return Double.exp(lc)
        }
        let lc = SpecialFunctions.stirlingError(nd) - SpecialFunctions.stirlingError(xd)
            - SpecialFunctions.stirlingError(nd - xd) - bd0(xd, nd * p) - bd0(nd - xd, nd * q)
        let lf = Double.log(2 * Double.pi) + Double.log(xd) + Double.log(onePlus: -xd / nd)
        return Double.exp(lc - 0.5 * lf)
    }

    /// `x log(x / np) + np − x`, without cancellation when x ≈ np (Loader 2000).
    static func bd0(_ x: Double, _ np: Double) -> Double {
        if (x - np).magnitude < 0.1 * (x + np) {
            var v = (x - np) / (x + np)
            var s = (x - np) * v
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let s1 = s + ej / (2 * j + 1)
                if s1 == s { return s1 }
                s = s1
                j += 1
            }
            return s
        }
        return x * Double.log(x / np) + np - x
    }
}
