/// An invalid argument passed to a distribution function.
///
/// The public functions of ``ChiSquared``, ``GammaDistribution``,
/// ``BetaDistribution``, ``BinomialDistribution`` and ``PoissonDistribution``,
/// and the quantile functions of ``Normal``, validate their arguments and throw
/// this error (with typed throws) instead of crashing or returning a
/// meaningless number. (``Normal/cdf(_:)``, ``Normal/survival(_:)``,
/// ``Normal/pdf(_:)`` and ``Normal/logPDF(_:)`` have no parameters to
/// validate; they propagate a NaN argument as NaN.) Arguments outside the *support*
/// of a distribution are not errors: `GammaDistribution.cdf(-1, shape: 2)` is
/// simply `0`, and `BetaDistribution.cdf(2, alpha: 1, beta: 1)` is `1`,
/// matching R's `pgamma` and `pbeta`.
///
/// NaN arguments are reported with ``notANumber(name:)`` rather than carrying the
/// NaN payload, so that the `Equatable` conformance is reflexive for every error
/// value the library produces.
public enum DistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A probability argument was outside the closed interval [0, 1].
    ///
    /// The associated value is the offending probability.
    case probabilityOutOfRange(Double)

    /// A distribution parameter was outside its domain: for example a shape,
    /// rate, or degrees of freedom that is not strictly positive and finite, a
    /// negative number of trials, or a negative Poisson mean.
    ///
    /// - Parameters:
    ///   - name: The name of the parameter, as spelled in the function's
    ///     signature (for example `"shape"` or `"degreesOfFreedom"`).
    ///   - value: The rejected value.
    case invalidParameter(name: String, value: Double)

    /// An argument (a quantile, a probability or a parameter) was NaN.
    ///
    /// - Parameter name: The name of the argument, as spelled in the function's
    ///   signature (for example `"x"` or `"p"`).
    case notANumber(name: String)

    /// A human-readable description of the error.
    public var description: String {
        switch self {
        case .probabilityOutOfRange(let p):
            return "probability \(p) is outside [0, 1]"
        case .invalidParameter(let name, let value):
            return "invalid value \(value) for parameter '\(name)'"
        case .notANumber(let name):
            return "argument '\(name)' is NaN"
        }
    }
}

// MARK: - Argument validation helpers (internal)

enum DistributionArguments {
    /// Rejects NaN; any other value (including ±infinity) is accepted.
    @inline(__always)
    static func notNaN(_ value: Double, _ name: String) throws(DistributionError) {
        if value.isNaN { throw .notANumber(name: name) }
    }

    /// Requires a probability in [0, 1].
    @inline(__always)
    static func probability(_ p: Double, _ name: String = "p") throws(DistributionError) {
        if p.isNaN { throw .notANumber(name: name) }
        if !(p >= 0 && p <= 1) { throw .probabilityOutOfRange(p) }
    }

    /// Requires a strictly positive, finite parameter.
    @inline(__always)
    static func positiveFinite(_ value: Double, _ name: String) throws(DistributionError) {
        if value.isNaN { throw .notANumber(name: name) }
        if !(value > 0 && value.isFinite) { throw .invalidParameter(name: name, value: value) }
    }
}
