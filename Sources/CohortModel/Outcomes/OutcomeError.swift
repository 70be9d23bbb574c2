/// Why an outcome definition cannot be evaluated on a network.
///
/// Problems with single records (a missing reference range, a result in another unit) are never errors: they
/// are counted in ``OutcomeCounts``. These errors are about the definition itself.
public enum OutcomeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An absolute threshold is stated in a unit other than the analyte's harmonized unit.
    ///
    /// For example, a platelet threshold in `/µL` when platelets are stored in `10^4/µL`: comparing would be wrong
    /// by a factor of 10,000, so the definition is refused.
    case unitMismatch(analyte: String, thresholdUnit: String, harmonizedUnit: String)
    /// A lab analyte code that is not a JLAC10 analyte (a digit, a capital letter and three digits, such as `3B045`),
    /// or a specimen code that is not three digits.
    case invalidAnalyte(code: String, reason: String)
    /// A numeric parameter outside its valid range (for example a negative window or a multiple that is not positive).
    case invalidParameter(name: String, value: Double, reason: String)
    /// An any-of or all-of combination with no components.
    case emptyCombination(String)

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .unitMismatch(let analyte, let thresholdUnit, let harmonizedUnit):
            return "analyte \(analyte): the threshold is in \(thresholdUnit) but results are harmonized to \(harmonizedUnit)"
        case .invalidAnalyte(let code, let reason):
            return "lab analyte \"\(code)\": \(reason)"
        case .invalidParameter(let name, let value, let reason):
            return "\(name) = \(value): \(reason)"
        case .emptyCombination(let kind):
            return "\(kind) needs at least one component"
        }
    }
}
