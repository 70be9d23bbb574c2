/// Errors from building, loading and querying the data model.
public enum CohortModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An id that must be unique occurs twice.
    case duplicateID(table: String, id: String)
    /// A site index that does not exist.
    case unknownSite(Int)
    /// A malformed file (the CSV layer's error, with file, line, column and reason).
    case csv(CSVError)
    /// A table the loader needs is absent: a CSV file not in the directory, or a table not in the SQLite file.
    case missingTable(table: String, file: String)
    /// A table's header (or SQLite table) lacks a required column.
    case missingColumn(name: String, file: String)
    /// A table's header has a column the layout does not define (a misspelt optional column would otherwise be
    /// ignored silently); allowed with ``LoadOptions/allowExtraColumns``.
    case unexpectedColumn(name: String, file: String)
    /// A source row a strict load cannot store: the first rejection, with its file, line, column, value and reason.
    case rejectedRow(LoadReport.Rejection)
    /// An SQLite file could not be opened, read or written; SQLite's message.
    case sqlite(file: String, message: String)
    /// A file or directory could not be written; the system's message.
    case writeFailed(file: String, message: String)
    /// A unit conversion table that contradicts itself (two harmonized units for one analyte, a factor that is
    /// not a positive finite number).
    case invalidUnitConversion(analyte: String, reason: String)
    /// A code mapping entry whose source or target code fails its system's format check.
    case invalidCodeMapping(code: String, reason: String)
    /// A design names a concept set the study does not define.
    case undefinedConceptSet(name: String, defined: [String])

    /// A one-line message naming the file, table or value concerned.
    public var description: String {
        switch self {
        case .duplicateID(let table, let id): return "\(table): id \"\(id)\" occurs more than once"
        case .unknownSite(let s): return "site index \(s) does not exist"
        case .csv(let e): return e.description
        case .missingTable(let table, let file): return "\(file): table \(table) is missing"
        case .missingColumn(let name, let file): return "\(file): required column \"\(name)\" is missing"
        case .unexpectedColumn(let name, let file): return "\(file): column \"\(name)\" is not part of the layout"
        case .rejectedRow(let r): return r.description
        case .sqlite(let file, let message): return "\(file): SQLite: \(message)"
        case .writeFailed(let file, let message): return "\(file): cannot write: \(message)"
        case .invalidUnitConversion(let analyte, let reason): return "unit conversion for analyte \(analyte): \(reason)"
        case .invalidCodeMapping(let code, let reason): return "code mapping for \(code): \(reason)"
        case .undefinedConceptSet(let name, let defined):
            return "no concept set named \"\(name)\"" + (defined.isEmpty ? "" : "; defined: " + defined.joined(separator: ", "))
        }
    }
}
