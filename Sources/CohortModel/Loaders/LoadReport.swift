/// What a loader did with every source row: stored, or rejected with a reason.
///
/// No row is lost silently: for each table, `sourceRows == storedRows + rejected.count`, and for each CSV file every
/// physical line is accounted for (``LineAccount``): `dataLines == blankLines + storedLines + rejectedRows +
/// unaccountedLines`, with the unaccounted lines listed as exact ranges. ``lostRows``, ``hasUnaccountedLines`` and
/// ``requireComplete(acceptRejectedRows:)`` tell a caller whether every source row reached the network.
public struct LoadReport: Sendable, Equatable, Codable {
    /// One source row that was not stored.
    public struct Rejection: Sendable, Equatable, Codable {
        /// The table (`persons`, `drug_exposures`, …).
        public var table: String
        /// File path (or `sqlite:table`).
        public var file: String
        /// 1-based line in the file (the header is line 1), or the SQLite rowid.
        public var line: Int
        /// Column name, when one column is at fault.
        public var column: String?
        /// The offending value, when there is one.
        public var value: String?
        /// A short, stable reason key (for counting), such as `unparseable date` or `unknown person`.
        public var reason: String
        /// Site index of the row's person, when known (for per-site quality reports).
        public var site: Int32?
        /// A longer explanation, when the reason key alone does not say what is wrong (for `unknown code`, the
        /// code system's format problem; for `unknown unit`, the analyte's harmonized unit).
        public var detail: String? = nil

        /// A rejection (``detail`` is set separately).
        public init(table: String, file: String, line: Int, column: String?, value: String?, reason: String, site: Int32?) {
            self.table = table
            self.file = file
            self.line = line
            self.column = column
            self.value = value
            self.reason = reason
            self.site = site
        }
    }

    /// Per table and site: rows read from the source, rows stored, and whether a per-column checksum of the
    /// stored rows, recomputed from the model, equals the checksum of the accepted source rows.
    public struct Reconciliation: Sendable, Equatable, Codable {
        /// The table (`persons`, `drug_exposures`, …).
        public var table: String
        /// Site index (`nil` for tables not tied to a person, such as `sites`).
        public var site: Int32?
        /// Rows read from the source (stored or rejected).
        public var sourceRows: Int
        /// Rows in the built network.
        public var storedRows: Int
        /// Columns whose stored values' checksum differs from the accepted source values' checksum.
        public var checksumMismatches: [String]
        /// `100 * storedRows / sourceRows`, 100 for an empty table.
        public var consistencyPercent: Double {
            sourceRows == 0 ? 100 : 100 * Double(storedRows) / Double(sourceRows)
        }

        /// One table and site's reconciliation.
        public init(table: String, site: Int32?, sourceRows: Int, storedRows: Int, checksumMismatches: [String]) {
            self.table = table
            self.site = site
            self.sourceRows = sourceRows
            self.storedRows = storedRows
            self.checksumMismatches = checksumMismatches
        }
    }

    /// Drug codes with no target in the load's ``LoadOptions/drugCodeMapping``, with their row counts (most
    /// rows first); empty when no mapping was given.
    public struct UnmappedCode: Sendable, Equatable, Codable {
        /// The code's system.
        public var system: CodeSystem
        /// The code as recorded.
        public var code: String
        /// Stored drug-exposure rows with this code.
        public var rows: Int
        /// An unmapped code and its row count.
        public init(system: CodeSystem, code: String, rows: Int) {
            self.system = system
            self.code = code
            self.rows = rows
        }
    }

    /// A range of physical lines of one file (1-based, inclusive), with what happened to them.
    public struct LineRange: Sendable, Equatable, Codable {
        /// The table.
        public var table: String
        /// The file.
        public var file: String
        /// First line of the range.
        public var first: Int
        /// Last line of the range (at least `first`).
        public var last: Int
        /// What these lines are, in words (for example "inside the quoted field of the rejected row at line 12").
        public var note: String

        /// Lines in the range.
        public var count: Int { last - first + 1 }

        /// A range of lines.
        public init(table: String, file: String, first: Int, last: Int, note: String) {
            self.table = table
            self.file = file
            self.first = first
            self.last = max(first, last)
            self.note = note
        }
    }

    /// One CSV file's physical lines, counted as the reader scans them (every LF, CRLF and lone CR, also inside
    /// quoted fields, plus a last line without a line break), and what became of each:
    ///
    /// `dataLines == blankLines + storedLines + rejectedRows + unaccountedLines`
    ///
    /// A stored row may span several lines (a quoted field holding line breaks); a rejected row accounts for the
    /// one line it starts on. Lines that belong to no stored or rejected row are ``unaccounted``: they are the
    /// continuation lines of a rejected row whose quoted field held line breaks (they may hide rows), and, should
    /// the count ever disagree, the lines the reader could not attribute. ``resynchronised`` lists the lines read
    /// after the reader gave up on a quoted field that did not close where a field may end (an unterminated quote):
    /// those lines were read as rows, but their row boundaries depend on that decision.
    public struct LineAccount: Sendable, Equatable, Codable {
        /// The table.
        public var table: String
        /// The file.
        public var file: String
        /// Physical lines in the file.
        public var lines: Int
        /// Lines up to and including the header's last line (blank lines before the header included).
        public var headerLines: Int
        /// Blank lines after the header.
        public var blankLines: Int
        /// Rows stored.
        public var storedRows: Int
        /// Lines the stored rows span (more than ``storedRows`` when quoted fields hold line breaks).
        public var storedLines: Int
        /// Rows rejected (each accounts for the line it starts on).
        public var rejectedRows: Int
        /// Stored rows that span more than one line, and the line the first of them starts on.
        public var multiLineRows: Int
        /// The line the first multi-line stored row starts on.
        public var firstMultiLineRow: Int?
        /// Lines that belong to no stored or rejected row, as exact ranges.
        public var unaccounted: [LineRange]
        /// Lines read as rows only after the reader resynchronised past an unterminated quote, as exact ranges.
        public var resynchronised: [LineRange]

        /// An account.
        public init(
            table: String, file: String, lines: Int, headerLines: Int, blankLines: Int, storedRows: Int, storedLines: Int,
            rejectedRows: Int, multiLineRows: Int = 0, firstMultiLineRow: Int? = nil, unaccounted: [LineRange] = [],
            resynchronised: [LineRange] = []
        ) {
            self.table = table
            self.file = file
            self.lines = lines
            self.headerLines = headerLines
            self.blankLines = blankLines
            self.storedRows = storedRows
            self.storedLines = storedLines
            self.rejectedRows = rejectedRows
            self.multiLineRows = multiLineRows
            self.firstMultiLineRow = firstMultiLineRow
            self.unaccounted = unaccounted
            self.resynchronised = resynchronised
        }

        /// Lines after the header.
        public var dataLines: Int { lines - headerLines }
        /// Lines in ``unaccounted``.
        public var unaccountedLines: Int { unaccounted.reduce(0) { $0 + $1.count } }
        /// Lines in ``resynchronised``.
        public var resynchronisedLines: Int { resynchronised.reduce(0) { $0 + $1.count } }
        /// Whether the lines add up: `dataLines == blankLines + storedLines + rejectedRows + unaccountedLines`.
        public var isBalanced: Bool { dataLines == blankLines + storedLines + rejectedRows + unaccountedLines }
        /// Data lines not accounted for by a blank line, a stored row or a rejected row: ``unaccountedLines``, plus
        /// any imbalance (which would be a reader error).
        public var linesNotAccounted: Int { unaccountedLines + abs(dataLines - blankLines - storedLines - rejectedRows - unaccountedLines) }
        /// Whether every data line is blank, part of a stored row, or the first line of a rejected row.
        public var isComplete: Bool { unaccounted.isEmpty && isBalanced }
    }

    /// Every source row not stored, in load order (tables in load order, rows in file order).
    public var rejections: [Rejection] = []
    /// Per CSV file, its physical lines and what became of them, in load order (empty for an SQLite load, whose
    /// rows are counted in ``reconciliation``).
    public var lineAccounts: [LineAccount] = []
    /// Per table and site, source and stored rows and checksum comparison, in load order.
    public var reconciliation: [Reconciliation] = []
    /// Drug codes the code mapping does not cover (see ``UnmappedCode``).
    public var unmappedDrugCodes: [UnmappedCode] = []

    /// An empty report.
    public init() {}

    private enum CodingKeys: String, CodingKey { case rejections, lineAccounts, reconciliation, unmappedDrugCodes }

    /// Decodes a report (``lineAccounts`` may be absent, as in reports written before it existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rejections = try c.decode([Rejection].self, forKey: .rejections)
        lineAccounts = try c.decodeIfPresent([LineAccount].self, forKey: .lineAccounts) ?? []
        reconciliation = try c.decode([Reconciliation].self, forKey: .reconciliation)
        unmappedDrugCodes = try c.decodeIfPresent([UnmappedCode].self, forKey: .unmappedDrugCodes) ?? []
    }

    /// Rejections counted by `(table, reason)`, sorted.
    public var rejectionCounts: [(table: String, reason: String, count: Int)] {
        var counts: [String: [String: Int]] = [:]
        for r in rejections { counts[r.table, default: [:]][r.reason, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.flatMap { t, byReason in
            byReason.sorted { $0.key < $1.key }.map { (table: t, reason: $0.key, count: $0.value) }
        }
    }
}
