/// What a loader did with every source row: stored, or rejected with a reason.
///
/// No row is lost silently: for each table, `sourceRows == storedRows + rejected.count`.
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

    /// Every source row not stored, in load order (tables in load order, rows in file order).
    public var rejections: [Rejection] = []
    /// Per table and site, source and stored rows and checksum comparison, in load order.
    public var reconciliation: [Reconciliation] = []
    /// Drug codes the code mapping does not cover (see ``UnmappedCode``).
    public var unmappedDrugCodes: [UnmappedCode] = []

    /// An empty report.
    public init() {}

    /// Rejections counted by `(table, reason)`, sorted.
    public var rejectionCounts: [(table: String, reason: String, count: Int)] {
        var counts: [String: [String: Int]] = [:]
        for r in rejections { counts[r.table, default: [:]][r.reason, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.flatMap { t, byReason in
            byReason.sorted { $0.key < $1.key }.map { (table: t, reason: $0.key, count: $0.value) }
        }
    }
}
