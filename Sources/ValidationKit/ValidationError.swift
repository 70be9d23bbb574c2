/// Why a validation case could not produce a value. The runner turns each into a failed report row
/// carrying ``description``; nothing here stops a run.
public enum ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `case.json` could not be read, is not JSON, or does not follow the case schema; the message
    /// names the key path (for example `expected[3].tolerance`).
    case invalidCase(String)
    /// The case names a method that is not registered.
    case unknownMethod(String, known: [String])
    /// A data file is missing or malformed (the CSV reader's message, with file, line and column).
    case data(String)
    /// The model specification does not fit the data, or the fit failed or did not converge.
    case model(String)
    /// An expected quantity the method does not provide (unknown quantity or term, or a term that
    /// was not estimated).
    case quantity(String)

    public var description: String {
        switch self {
        case .invalidCase(let s): return "invalid case.json: \(s)"
        case .unknownMethod(let m, let known):
            return "unknown method \"\(m)\"; registered methods: \(known.joined(separator: ", "))"
        case .data(let s): return "data: \(s)"
        case .model(let s): return "model: \(s)"
        case .quantity(let s): return s
        }
    }
}
