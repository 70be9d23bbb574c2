/// The binomial distribution: the number of successes in n independent trials
/// with success probability p.
public enum BinomialDistribution {
    /// The cumulative distribution function P(X ≤ k).
    ///
    /// Computed through the incomplete beta function,
    /// P(X ≤ k) = 1 − I_p(k + 1, n − k) = I_{1−p}(n − k, k + 1)
    /// (Abramowitz & Stegun 26.5.24), with the smaller tail evaluated directly
    /// (see ``BetaDistribution/cdf(_:alpha:beta:)``), so both tails keep full
    /// relative precision. Agrees with R's `pbinom` to ~10⁻¹⁴ relative.
    ///
    /// - Parameters:
    ///   - k: The number of successes; k < 0 gives 0 and k ≥ n gives 1.
    ///   - n: The number of trials, n ≥ 0.
    ///   - p: The success probability in [0, 1].
    /// - Throws: ``DistributionError/invalidParameter(name:value:)`` for n < 0;
    ///   ``DistributionError/probabilityOutOfRange(_:)`` or
    ///   ``DistributionError/notANumber(name:)`` for a bad p.
    public static func cdf(_ k: Int, n: Int, p: Double) throws(DistributionError) -> Double {
        try validate(n: n, p: p)
        if k < 0 { return 0 }
        if k >= n { return 1 }
        if p == 0 { return 1 }
        if p == 1 { return 0 }
        return SpecialFunctions.regularizedBeta(x: p, y: 1 - p, a: Double(k + 1), b: Double(n - k)).q
    }

    /// The survival function P(X > k) = I_p(k + 1, n − k), computed directly
    /// (exact one-sided binomial test p-values are `survival(k - 1, …)`).
    ///
    /// Same algorithm and parameters as ``cdf(_:n:p:)``.
    public static func survival(_ k: Int, n: Int, p: Double) throws(DistributionError) -> Double {
        try validate(n: n, p: p)
        if k < 0 { return 1 }
        if k >= n { return 0 }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        return SpecialFunctions.regularizedBeta(x: p, y: 1 - p, a: Double(k + 1), b: Double(n - k)).p
    }

    static func validate(n: Int, p: Double) throws(DistributionError) {
        if n < 0 { throw .invalidParameter(name: "n", value: Double(n)) }
        try DistributionArguments.probability(p)
    }
}
