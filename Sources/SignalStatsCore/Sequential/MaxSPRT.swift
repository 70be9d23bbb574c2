import RealModule

/// The maximised sequential probability ratio test (MaxSPRT; Kulldorff, Davis, Kolczak, Lewis, Lieu,
/// Platt. A maximized sequential probability ratio test for drug and vaccine safety surveillance.
/// Sequential Analysis 2011;30:58–78), as R `Sequential` 4.5.1 computes it for upper-tailed tests:
/// ``Poisson`` (observed against expected counts) and ``Binomial`` (exposed among all cases with a matching
/// ratio), each continuous or group sequential.
///
/// Every probability here is exact: a recursion over the distribution of the count at each boundary
/// crossing or look (no Monte Carlo), so critical values, Type I error, power and expected times are
/// deterministic to rounding.
public enum MaxSPRT {
    /// The Poisson MaxSPRT log-likelihood ratio of `observed` events against `expected` under the null:
    /// `(expected − observed) + observed·log(observed/expected)` when observed > expected, else 0.
    ///
    /// - Returns: The LLR; +∞ when `expected` is 0 and `observed` > 0; NaN for negative or NaN input.
    public static func poissonLLR(observed c: Double, expected mu: Double) -> Double {
        guard c >= 0, mu >= 0 else { return .nan }
        if c <= mu { return 0 }
        if mu == 0 { return .infinity }
        return (mu - c) + c * Double.log(c / mu)
    }

    /// The binomial MaxSPRT log-likelihood ratio of `exposed` cases among `total` cases with matching
    /// ratio z (null probability p = 1/(1 + z) that a case is exposed):
    /// `c·log((c/n)/p) + (n − c)·log((1 − c/n)/(1 − p))` when c/n > p, else 0 (`n·log(1 + z)` when c = n).
    ///
    /// - Returns: The LLR; NaN for counts outside 0 ≤ c ≤ n or a ratio that is not positive.
    public static func binomialLLR(exposed c: Int, total n: Int, matchingRatio z: Double) -> Double {
        guard c >= 0, n >= c, z > 0, z.isFinite else { return .nan }
        if n == 0 || c == 0 { return 0 }
        let logOnePlusZ = Double.log(onePlus: z)
        if c == n { return Double(n) * logOnePlusZ }
        let cd = Double(c)
        let rest = Double(n - c)
        guard z * cd / rest > 1 else { return 0 }
        let nd = Double(n)
        let exposedTerm: Double = cd * (Double.log(cd / nd) + logOnePlusZ)
        let unexposedTerm: Double = rest * (Double.log(rest / nd) - Double.log(z) + logOnePlusZ)
        return exposedTerm + unexposedTerm
    }
}

/// A critical value for the MaxSPRT: signal at the first look whose LLR is at least `criticalValue`.
public struct SequentialCriticalValue: Codable, Sendable, Equatable {
    /// The critical value of the LLR.
    public var criticalValue: Double
    /// The Type I error the critical value attains (exactly the requested alpha, to 1e-10, for the
    /// continuous Poisson test; at most alpha for the discrete tests).
    public var attainedAlpha: Double
    /// For the discrete tests (group Poisson, binomial), every critical value in the half-open interval
    /// (`equivalentAbove`, `criticalValue`] gives the same signals and the same attained alpha; R
    /// `Sequential` prints some value in that interval. `nil` for the continuous Poisson test.
    public var equivalentAbove: Double?
}

/// Operating characteristics of a MaxSPRT at a given critical value and true relative risk.
public struct SequentialPerformance: Codable, Sendable, Equatable {
    /// The probability of signalling by the end of surveillance (the Type I error when the relative risk is 1).
    public var power: Double
    /// The expected time to signal given that the test signals (expected events under the null for the
    /// Poisson test, number of cases for the binomial test).
    public var expectedTimeToSignal: Double
    /// The expected length of surveillance: the time of signal, or the end of surveillance without one.
    public var expectedSampleSize: Double
}

/// The test at one look of a monitored study.
public struct SequentialLook: Codable, Sendable, Equatable {
    /// 1-based look number.
    public var look: Int
    /// Cumulative expected events under the null (Poisson) or cumulative cases (binomial).
    public var expected: Double
    /// Cumulative observed events (Poisson) or exposed cases (binomial).
    public var observed: Int
    /// The LLR at this look.
    public var llr: Double
    /// The critical value the LLR is compared with.
    public var criticalValue: Double
    /// Whether this look's LLR reaches the critical value (with at least the minimum number of events).
    public var signalled: Bool
    /// Whether the test had signalled at this or an earlier look (surveillance would have stopped at the first).
    public var signalledByNow: Bool
}
