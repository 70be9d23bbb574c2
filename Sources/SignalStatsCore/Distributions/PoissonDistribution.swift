/// The Poisson distribution with mean λ ≥ 0.
///
/// Observed-versus-expected signal statistics compare an observed count O with
/// a Poisson(E) null; `survival(O - 1, mean: E)` is the exact one-sided p-value
/// P(X ≥ O).
public enum PoissonDistribution {
    /// The cumulative distribution function P(X ≤ k) = Q(k + 1, λ), the
    /// regularized upper incomplete gamma function (A&S 6.5.13 / 26.4.21).
    ///
    /// See ``GammaDistribution/cdf(_:shape:rate:)`` for the algorithm. Agrees
    /// with R's `ppois` to ~10⁻¹⁴ relative.
    ///
    /// - Parameters:
    ///   - k: The count; k < 0 gives 0.
    ///   - mean: λ ≥ 0 (finite); λ = 0 is the point mass at 0.
    /// - Throws: ``DistributionError/invalidParameter(name:value:)`` for a
    ///   negative or infinite mean; ``DistributionError/notANumber(name:)`` for NaN.
    public static func cdf(_ k: Int, mean: Double) throws(DistributionError) -> Double {
        try validate(mean)
        if k < 0 { return 0 }
        if mean == 0 { return 1 }
        return SpecialFunctions.regularizedGamma(a: Double(k) + 1, x: mean).q
    }

    /// The survival function P(X > k) = P(k + 1, λ), computed directly so
    /// that small upper-tail p-values keep full relative precision.
    ///
    /// Same algorithm and parameters as ``cdf(_:mean:)``.
    public static func survival(_ k: Int, mean: Double) throws(DistributionError) -> Double {
        try validate(mean)
        if k < 0 { return 1 }
        if mean == 0 { return 0 }
        return SpecialFunctions.regularizedGamma(a: Double(k) + 1, x: mean).p
    }

    static func validate(_ mean: Double) throws(DistributionError) {
        if mean.isNaN { throw .notANumber(name: "mean") }
        if !(mean >= 0 && mean.isFinite) { throw .invalidParameter(name: "mean", value: mean) }
    }
}
