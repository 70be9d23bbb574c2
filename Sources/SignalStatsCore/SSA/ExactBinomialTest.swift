import RealModule

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
