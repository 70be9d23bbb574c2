/// Errors from building, loading and querying the data model.
public enum CohortModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An id that must be unique occurs twice.
    case duplicateID(table: String, id: String)
    /// A site index that does not exist.
    case unknownSite(Int)
    /// A malformed file (the CSV layer's error, with file, line, column and reason).
    case csv(CSVError)

    public var description: String {
        switch self {
        case .duplicateID(let table, let id): return "\(table): id \"\(id)\" occurs more than once"
        case .unknownSite(let s): return "site index \(s) does not exist"
        case .csv(let e): return e.description
        }
    }
}
