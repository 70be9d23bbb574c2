/// Errors from the dense linear-algebra layer.
public enum NumericsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes do not fit together.
    case dimensionMismatch(String)
    /// A matrix that must be symmetric positive definite is not (LAPACK `info` given).
    case notPositiveDefinite(leadingMinor: Int)
    /// A LAPACK routine reported an illegal argument or a failure.
    case lapackFailure(routine: String, info: Int32)
    /// A value was NaN or infinite where a finite number is required.
    case nonFinite(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .notPositiveDefinite(let k):
            return "matrix is not positive definite (leading minor \(k) is not positive)"
        case .lapackFailure(let routine, let info): return "LAPACK \(routine) failed with info = \(info)"
        case .nonFinite(let s): return "non-finite value: \(s)"
        }
    }
}
