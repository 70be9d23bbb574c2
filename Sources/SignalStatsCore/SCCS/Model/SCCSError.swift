/// Why an SCCS analysis could not be set up or fitted.
public enum SCCSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No case has an event inside its observation period.
    case noCases
    /// A case's observation period ends before it starts.
    case invalidObservation(caseID: String, start: Int, end: Int)
    /// A required column or value is missing in prepared data.
    case missingValue(column: String, row: Int)
    /// A column named in the design is not in the data.
    case unknownColumn(String)
    /// A design option is invalid (for example unsorted cut points).
    case invalidDesign(String)
    /// The regression failed (the underlying error's message is kept).
    case fit(RegressionError)

    public var description: String {
        switch self {
        case .noCases: return "no case has an event inside its observation period"
        case .invalidObservation(let id, let s, let e):
            return "case \(id): observation ends (\(e)) before it starts (\(s))"
        case .missingValue(let column, let row): return "`\(column)` is missing in row \(row + 1)"
        case .unknownColumn(let c): return "column `\(c)` is not in the data"
        case .invalidDesign(let s): return "invalid SCCS design: \(s)"
        case .fit(let e): return e.description
        }
    }
}
