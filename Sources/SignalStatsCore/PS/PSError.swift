/// Why a propensity-score analysis could not be run; every case names the counts behind it.
public enum PSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input's length differs from the number of units.
    case lengthMismatch(name: String, count: Int, expected: Int)
    /// One arm has no units.
    case emptyArm(treated: Int, comparator: Int)
    /// A score outside (0, 1) or not finite.
    case invalidScore(row: Int, value: Double)
    /// A parameter outside its valid range.
    case invalidParameter(name: String, value: Double, reason: String)
    /// The arms' scores do not overlap at all (the propensity model separates them).
    case noOverlap(treatedRange: ClosedRange<Double>, comparatorRange: ClosedRange<Double>)
    /// Matching produced no matched set.
    case noMatches(treated: Int, comparators: Int, caliper: Double?)
    /// The propensity or outcome model failed.
    case regression(RegressionError)
    /// The cohort study cannot proceed (a step left no one, no outcomes in an arm, ...).
    case study(String)

    public var description: String {
        switch self {
        case .lengthMismatch(let name, let count, let expected):
            return "`\(name)` has \(count) values, expected \(expected) (one per unit)"
        case .emptyArm(let t, let c):
            return "an arm is empty: \(t) treated (target) and \(c) comparator units; both arms need at least one"
        case .invalidScore(let row, let value):
            return "propensity score row \(row + 1) is \(value): scores must be strictly between 0 and 1"
        case .invalidParameter(let name, let value, let reason): return "\(name) = \(value): \(reason)"
        case .noOverlap(let t, let c):
            return "no overlap between arms: treated scores \(t.lowerBound)...\(t.upperBound), comparator scores "
                + "\(c.lowerBound)...\(c.upperBound) do not overlap"
        case .noMatches(let t, let c, let caliper):
            return "no treated unit could be matched (\(t) treated, \(c) comparators"
                + (caliper.map { ", caliper \($0) on the matching scale" } ?? "") + ")"
        case .regression(let e): return e.description
        case .study(let s): return s
        }
    }
}
