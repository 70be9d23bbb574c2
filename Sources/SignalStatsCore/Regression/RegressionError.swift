/// Why a regression could not be set up or fitted.
///
/// Every case names the offending column, row or count so the message can be acted on.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The design has no rows or no columns.
    case emptyDesign
    /// An input's length differs from the number of rows.
    case lengthMismatch(name: String, count: Int, expected: Int)
    /// NaN or infinity in an input.
    case nonFiniteValue(name: String, row: Int, value: Double)
    /// A categorical level that is not among the stated levels (or a reference level that does not occur).
    case unknownLevel(name: String, level: String)
    /// Two design columns with one name.
    case duplicateName(String)
    /// A response outside the family's support (for example a logistic response other than 0/1).
    case invalidResponse(row: Int, value: Double, expected: String)
    /// Exposure time (offset source) zero or negative.
    case nonPositiveExposure(row: Int, value: Double)
    /// A negative or non-finite weight.
    case invalidWeight(row: Int, value: Double)
    /// The response does not vary (all 0 or all 1, or no events), so nothing can be estimated.
    case noVariationInResponse(String)
    /// Every column was aliased.
    case allColumnsAliased([String])
    /// Logistic regression with (quasi-)complete separation: the maximum likelihood estimate does not exist.
    case separation(covariates: [String], iterations: Int)
    /// The information matrix became singular during the fit.
    case singularInformation(String)
    /// A confidence level outside (0, 1).
    case invalidLevel(Double)
    /// A numerical failure underneath.
    case numerics(NumericsError)
    /// A sparse design whose offsets or indices are out of order or out of range.
    case invalidSparseStructure(String)
    /// A penalty, tolerance or cross-validation setting outside its valid range.
    case invalidOption(name: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case .emptyDesign: return "empty design: no rows or no columns to fit"
        case .lengthMismatch(let name, let count, let expected):
            return "`\(name)` has \(count) values, expected \(expected) (one per row)"
        case .nonFiniteValue(let name, let row, let value):
            return "`\(name)` row \(row + 1) is \(value): values must be finite"
        case .unknownLevel(let name, let level): return "`\(name)` has no level \"\(level)\""
        case .duplicateName(let n): return "two design columns are named `\(n)`"
        case .invalidResponse(let row, let value, let expected):
            return "response row \(row + 1) is \(value), expected \(expected)"
        case .nonPositiveExposure(let row, let value):
            return "exposure time row \(row + 1) is \(value): it must be positive"
        case .invalidWeight(let row, let value): return "weight row \(row + 1) is \(value): weights must be finite and >= 0"
        case .noVariationInResponse(let s): return "the response does not vary: \(s)"
        case .allColumnsAliased(let names): return "every column is aliased: \(names.joined(separator: ", "))"
        case .separation(let covariates, let iterations):
            return "did not converge after \(iterations) iterations: separation suspected for "
                + covariates.map { "`\($0)`" }.joined(separator: ", ")
                + " (fitted probabilities numerically 0 or 1; the maximum likelihood estimate does not exist)"
        case .singularInformation(let s): return "singular information matrix: \(s)"
        case .invalidLevel(let l): return "confidence level \(l) is not between 0 and 1"
        case .numerics(let e): return e.description
        case .invalidSparseStructure(let s): return "invalid sparse design: \(s)"
        case .invalidOption(let name, let value, let reason): return "\(name) = \(value): \(reason)"
        }
    }
}
