import RealModule

/// The standard normal distribution N(0, 1).
///
/// For a normal variable with mean μ and standard deviation σ, standardise first:
/// `Normal.cdf((x - μ) / σ)`, `μ + σ * Normal.quantile(p)`.
///
/// ``cdf(_:)``, ``survival(_:)``, ``pdf(_:)`` and ``logPDF(_:)`` are total
/// functions of x (NaN in, NaN out) and do not throw; the quantile functions
/// throw ``DistributionError`` for probabilities outside [0, 1] or NaN.
///
/// All functions agree with R's `pnorm`/`qnorm`/`dnorm` to about 10⁻¹⁵ relative,
/// including deep tails (`Normal.survival(37)` ≈ 5.7 × 10⁻³⁰⁰,
/// `Normal.quantile(1e-300)` ≈ −37.047).
public enum Normal {
    // 1/√2 split as hi + lo so that x/√2 can be formed to ~2⁻¹⁰⁶ relative.
    private static let invSqrt2Hi = 0.7071067811865476
    private static let invSqrt2Lo = -4.833646656726457e-17
    private static let twoOverSqrtPi = 1.1283791670955126

    /// Upper tail P(Z > x) = ½ erfc(x/√2), for any finite or infinite x.
    ///
    /// The argument x/√2 is formed in double-double arithmetic (z + δ) and the
    /// first-order correction erfc(z + δ) ≈ erfc(z) − δ·(2/√π)e^(−z²) is applied,
    /// so that the rounding of x/√2 (which would otherwise be magnified by
    /// 2z² ≈ 1400 at x = 37) does not reach the result.
    static func upperTail(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x.isInfinite { return x > 0 ? 0 : 1 }
        let z = x * invSqrt2Hi
        let delta = (-z).addingProduct(x, invSqrt2Hi) + x * invSqrt2Lo
        let e = Double.erfc(z)
        if delta == 0 { return 0.5 * e }
        return 0.5 * (e - delta * twoOverSqrtPi * Double.exp(-z * z))
    }

    /// The cumulative distribution function Φ(x) = P(Z ≤ x).
    ///
    /// Computed as Φ(x) = ½ erfc(−x/√2) using the C library's `erfc`
    /// (through swift-numerics `RealModule`), with x/√2 formed in double-double
    /// arithmetic and a first-order correction for its rounding; the lower tail
    /// keeps full relative precision down to Φ(−37.5) ≈ 4.6 × 10⁻³⁰⁸.
    /// Reference: W. J. Cody (1969), "Rational Chebyshev approximations for the
    /// error function", *Math. Comp.* 23, 631–637 (the `erfc` algorithm family).
    ///
    /// This function does not throw: its only invalid input is NaN, which
    /// propagates (IEEE 754 convention), so `cdf(.nan)` is NaN.
    ///
    /// - Parameter x: The quantile; ±∞ give 0 and 1.
    /// - Returns: Φ(x) in [0, 1], or NaN if `x` is NaN.
    public static func cdf(_ x: Double) -> Double {
        upperTail(-x)
    }

    /// The survival (upper tail) function 1 − Φ(x) = P(Z > x).
    ///
    /// Computed directly as ½ erfc(x/√2), never as 1 − Φ(x), so it keeps full
    /// relative precision in the upper tail (e.g. `survival(10)` ≈ 7.62 × 10⁻²⁴,
    /// `survival(37)` ≈ 5.73 × 10⁻³⁰⁰). See ``cdf(_:)`` for the method.
    ///
    /// Like ``cdf(_:)`` this does not throw; NaN propagates.
    ///
    /// - Parameter x: The quantile.
    /// - Returns: 1 − Φ(x) in [0, 1], or NaN if `x` is NaN.
    public static func survival(_ x: Double) -> Double {
        upperTail(x)
    }

    /// The density φ(x) = exp(−x²/2)/√(2π). NaN propagates.
    ///
    /// x² is split exactly as h + l (fused multiply-add) and φ(x) computed as
    /// (1/√(2π))·exp(−h/2)·(1 − l/2), where −h/2 is exact, so neither the
    /// rounding of x² nor that of the exponent (magnified by x²/2 ≈ 540 at
    /// x = 33) reaches the result.
    public static func pdf(_ x: Double) -> Double {
        let h = x * x
        let l = (-h).addingProduct(x, x)
        return inverseSqrtTwoPi * Double.exp(-0.5 * h) * (1 - 0.5 * l)
    }

    private static let inverseSqrtTwoPi = 0.3989422804014327

    /// The log density log φ(x) = −x²/2 − log √(2π). NaN propagates.
    public static func logPDF(_ x: Double) -> Double {
        -0.5 * x * x - SpecialFunctions.logSqrtTwoPi
    }

    /// The quantile function Φ⁻¹(p): the x with Φ(x) = p.
    ///
    /// Algorithm AS 241 (PPND16) of M. J. Wichura (1988), "The percentage points
    /// of the normal distribution", *Applied Statistics* 37(3), 477–484: rational
    /// minimax approximations of degree 7 in q = p − ½ for |q| ≤ 0.425, and in
    /// r = √(−log min(p, 1−p)) for r ≤ 5 and r > 5; relative accuracy about
    /// 10⁻¹⁶ over the whole double range. This is the algorithm of R's `qnorm`.
    ///
    /// - Parameter p: A probability in [0, 1].
    /// - Returns: Φ⁻¹(p); `quantile(0)` is −∞ and `quantile(1)` is +∞.
    /// - Throws: ``DistributionError/probabilityOutOfRange(_:)`` if `p` is
    ///   outside [0, 1]; ``DistributionError/notANumber(name:)`` if NaN.
    public static func quantile(_ p: Double) throws(DistributionError) -> Double {
        try DistributionArguments.probability(p)
        return ppnd16(p, complement: 1 - p)
    }

    /// The inverse survival function: the x with P(Z > x) = q, i.e. −Φ⁻¹(q).
    ///
    /// Useful for critical values from small upper-tail probabilities, e.g.
    /// `inverseSurvival(1e-300)` ≈ 37.047. Same algorithm as ``quantile(_:)``.
    ///
    /// - Parameter q: An upper-tail probability in [0, 1].
    /// - Returns: The x with 1 − Φ(x) = q; `inverseSurvival(0)` is +∞.
    /// - Throws: ``DistributionError/probabilityOutOfRange(_:)`` if `q` is
    ///   outside [0, 1]; ``DistributionError/notANumber(name:)`` if NaN.
    public static func inverseSurvival(_ q: Double) throws(DistributionError) -> Double {
        try DistributionArguments.probability(q, "q")
        return -ppnd16(q, complement: 1 - q)
    }

    /// Wichura's PPND16. `complement` is 1 − p, passed separately so callers
    /// holding the upper tail exactly can avoid forming it by subtraction.
    static func ppnd16(_ p: Double, complement: Double) -> Double {
        if p <= 0 { return -.infinity }
        if complement <= 0 { return .infinity }
        let q = p - 0.5
        if q.magnitude <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0)
            return q * num / den
        }
        var r = Double.sqrt(-Double.log(q < 0 ? p : complement))
        let value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1.0)
            value = num / den
        } else {
            r -= 5
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
            let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
            value = num / den
        }
        return q < 0 ? -value : value
    }
}
