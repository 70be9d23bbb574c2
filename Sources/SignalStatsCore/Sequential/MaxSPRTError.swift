/// Why a MaxSPRT computation rejected its arguments or has no answer.
public enum MaxSPRTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An argument outside its domain; `name` is the parameter as spelled in the API.
    case invalidArgument(name: String, value: Double, reason: String)
    /// Looks that are not increasing, or counts that decrease, at look `look` (1-based).
    case invalidLook(look: Int, reason: String)
    /// No critical value attains the requested Type I error (for example the surveillance is too short
    /// for `minimumEvents` events to be likely enough).
    case noSolution(String)

    public var description: String {
        switch self {
        case .invalidArgument(let name, let value, let reason): return "\(name) = \(value): \(reason)"
        case .invalidLook(let look, let reason): return "look \(look): \(reason)"
        case .noSolution(let reason): return "no critical value: \(reason)"
        }
    }
}
