import Foundation

/// Random variates built on any ``Swift/RandomNumberGenerator``, with fixed, documented algorithms.
///
/// The standard library's `Double.random(in:using:)` and `Int.random(in:using:)` do not promise a
/// particular algorithm across Swift versions; these helpers do, so a seeded ``Xoshiro256StarStar`` gives
/// the same data sets on every machine and toolchain.
///
/// Reproducibility: ``nextUniform()``, ``nextBernoulli(p:)`` and ``nextInt(below:)`` use exact
/// arithmetic only and are bit-identical everywhere. ``nextNormal()`` and ``nextPoisson(mean:)``
/// make their accept/reject decisions from exact arithmetic where possible, but their values pass through
/// the platform's `log` (and `lgamma`, `exp`), whose last bit may differ between C libraries; results agree
/// to about one unit in the last place across platforms, and are bit-identical on one platform.
extension RandomNumberGenerator {
    /// A uniform double in `[0, 1)` from the top 53 bits of one 64-bit output: `(x >> 11) · 2⁻⁵³`.
    ///
    /// Every multiple of 2⁻⁵³ in `[0, 1)` is equally likely (Vigna's recommended conversion).
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-shift method with rejection (unbiased).
    ///
    /// Returns 0 when `bound <= 1`.
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold {
                product = next().multipliedFullWidth(by: b)
            }
        }
        return Int(product.high)
    }

    /// `true` with probability `p` (a uniform below `p`): always `false` for `p <= 0` or NaN, always
    /// `true` for `p >= 1`. Consumes one output.
    @inlinable
    public mutating func nextBernoulli(p: Double) -> Bool {
        nextUniform() < p
    }

    /// Two independent standard normal variates by Marsaglia's polar method (Marsaglia and Bray 1964).
    ///
    /// Draws `u, v` uniform on `(-1, 1)` (each `2·nextUniform() − 1`) until `0 < s = u² + v² < 1`, then
    /// returns `(u·f, v·f)` with `f = √(−2 log s / s)`. The rejection test uses exact arithmetic, so the
    /// number of outputs consumed is the same on every platform.
    @inlinable
    public mutating func nextNormalPair() -> (Double, Double) {
        while true {
            let u = 2 * nextUniform() - 1
            let v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * Foundation.log(s) / s).squareRoot()
                return (u * f, v * f)
            }
        }
    }

    /// A standard normal variate: the first of ``nextNormalPair()`` (the second is discarded, so each call
    /// is independent of any cached state). Use ``nextNormalPair()`` when generating many.
    @inlinable
    public mutating func nextNormal() -> Double {
        nextNormalPair().0
    }

    /// A normal variate with the given mean and standard deviation.
    @inlinable
    public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextNormal()
    }

    /// A Poisson variate with the given mean.
    ///
    /// - Means below 10: inversion by sequential search from 0 (one uniform per call).
    /// - Means from 10: Hörmann's transformed rejection with squeeze, PTRS (W. Hörmann, "The transformed
    ///   rejection method for generating Poisson random variables", *Insurance: Mathematics and Economics*
    ///   12:39–45, 1993), the method NumPy uses.
    ///
    /// Returns 0 for a mean that is not positive (or NaN), and the rounded mean for means above 10¹⁵,
    /// where the relative standard deviation is below 10⁻⁷ and the count no longer fits the algorithms.
    public mutating func nextPoisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 1e15 { return mean.isFinite ? Int(mean.rounded()) : Int.max }
        if mean < 10 {
            // Inversion: the smallest k with F(k) > u.
            let u = nextUniform()
            var k = 0
            var term = Foundation.exp(-mean)
            var cumulative = term
            while cumulative <= u {
                k += 1
                term *= mean / Double(k)
                let next = cumulative + term
                if next == cumulative { break }  // the tail underflowed: u within rounding of 1
                cumulative = next
            }
            return k
        }
        let slam = mean.squareRoot()
        let logMean = Foundation.log(mean)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUniform() - 0.5
            let v = nextUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let lhs = Foundation.log(v) + Foundation.log(invAlpha) - Foundation.log(a / (us * us) + b)
            let rhs = -mean + k * logMean - Foundation.lgamma(k + 1)
            if lhs <= rhs { return Int(k) }
        }
    }
}
