/// Why a CSV file could not be read, or a column of it could not be converted, and where.
///
/// Every error names the file; errors about one field also name its line (1-based, counting physical
/// lines of the file, so a quoted field spanning lines is reported at the line where it starts), its
/// column number (1-based) and name, and the offending value. ``description`` reads like a compiler
/// diagnostic:
///
/// ```
/// lalonde.csv:12: column 3 (age): "3x7" is not a number
/// ```
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The file could not be read at all (missing, no permission); the system's message.
        case unreadableFile(String)
        /// The path names a directory, FIFO, device or socket (after following symbolic links), not a regular file.
        case notARegularFile(path: String, kind: FileKind)
        /// The header has more columns than a reader supports.
        case tooManyColumns(found: Int, limit: Int)
        /// The file holds no header: it is empty, or only a byte-order mark and blank lines.
        case emptyFile
        /// A field's bytes are not valid UTF-8.
        case invalidUTF8
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote
        /// A double quote inside an unquoted field, or text between a closing quote and the next
        /// delimiter. RFC 4180 requires such fields to be quoted and their quotes doubled.
        case misplacedQuote
        /// A row whose number of fields differs from the header's.
        case wrongColumnCount(expected: Int, found: Int)
        /// The last row ends (without a line break) before all of its fields: the file looks truncated.
        case truncatedRow(expected: Int, found: Int)
        /// Two header columns share a name, so access by name would be ambiguous.
        case duplicateColumnName
        /// A required column is not in the header; the header's names are given.
        case missingColumn(available: [String])
        /// An empty or `NA` field where the caller does not allow missing values.
        case missingValue
        /// A field that does not parse as the requested type (`"a number"`, `"an integer"`).
        case unparseableNumber(expected: String)
    }

    /// The file (its last path component, or the `source` name given when parsing bytes from memory).
    public var file: String
    /// The 1-based line where the offending row or field starts, when one is concerned.
    public var line: Int?
    /// The 1-based column number, when one column is concerned.
    public var column: Int?
    /// The column's name from the header, when known.
    public var columnName: String?
    /// The offending value (decoded leniently and shortened to 80 characters for display), when one is concerned.
    public var value: String?
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(
        file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, value: String? = nil,
        reason: Reason
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.value = value
        self.reason = reason
    }

    /// `file:line: column N (name): reason`.
    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        var out = where_ + ": "
        if let column {
            out += "column \(column)"
            if let columnName { out += " (\(VisibleText.escape(columnName)))" }
            out += ": "
        } else if let columnName {
            out += "column \(VisibleText.escape(columnName)): "
        }
        out += reasonText
        return out
    }

    private var quotedValue: String { value.map { "\"\($0)\"" } ?? "the value" }

    private var reasonText: String {
        switch reason {
        case .unreadableFile(let message): return "cannot read the file: \(message)"
        case .notARegularFile(let path, let kind): return "cannot read \(path): it is \(kind.rawValue), not a regular file"
        case .tooManyColumns(let found, let limit):
            return "the header has \(found) columns; at most \(limit) are supported"
        case .emptyFile: return "the file is empty (no header line)"
        case .invalidUTF8: return "\(quotedValue) is not valid UTF-8"
        case .unterminatedQuote:
            return "quoted field \(value.map { "starting \"\($0)\" " } ?? "")is not closed before the end of the file"
        case .misplacedQuote:
            return "misplaced double quote in \(quotedValue): a field containing quotes must be quoted, "
                + "with each quote doubled, and nothing may follow the closing quote"
        case .wrongColumnCount(let expected, let found):
            return "the row has \(found) field\(found == 1 ? "" : "s"), the header \(expected)"
        case .truncatedRow(let expected, let found):
            return "the file ends after \(found) of the row's \(expected) fields (truncated?)"
        case .duplicateColumnName: return "the header repeats the column name \(quotedValue)"
        case .missingColumn(let available):
            let hints = Set(available.compactMap { VisibleText.hint(forColumnName: $0) }).sorted()
            return "required column is missing; the header has "
                + available.map { "\"\(VisibleText.escape($0))\"" }.joined(separator: ", ")
                + (hints.isEmpty ? "" : " (" + hints.joined(separator: "; ") + ")")
        case .missingValue: return "missing value (\(value.map { $0.isEmpty ? "empty" : "\"\($0)\"" } ?? "empty")) not allowed"
        case .unparseableNumber(let expected): return "\(quotedValue) is not \(expected)"
        }
    }
}
