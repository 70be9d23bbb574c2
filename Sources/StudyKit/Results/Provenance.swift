/// What a result was computed from and with: enough to reproduce it and to tell whether two results are comparable.
///
/// Holds no timestamps and no durations, so two runs of one study on one data set give identical results.
public struct Provenance: Sendable, Equatable, Codable {
    /// `SignalStatsVersion.string` of the library that computed the result.
    public var libraryVersion: String
    /// SHA-256 of the study file's bytes, lower-case hex (of the canonical JSON encoding when the study was built in code).
    public var studySHA256: String
    /// The sample network's seed, when the data is the sample network.
    public var seed: UInt64?
    /// The data the study ran on.
    public var data: DataFingerprint

    /// Creates provenance.
    public init(libraryVersion: String, studySHA256: String, seed: UInt64?, data: DataFingerprint) {
        self.libraryVersion = libraryVersion
        self.studySHA256 = studySHA256
        self.seed = seed
        self.data = data
    }
}

/// The data's fingerprint: row counts and column checksums per table.
///
/// The checksums are the loader's reconciliation checksums (order-independent sums of 64-bit FNV-1a row hashes per
/// column, see `docs/data-model.md`), recomputed from the loaded network, as 16-digit hex.
public struct DataFingerprint: Sendable, Equatable, Codable {
    /// `"sample"`, `"csv"` or `"sqlite"`.
    public var source: String
    /// The data path as the study names it (absent for the sample network).
    public var path: String?
    /// The sample network's configuration (persons, seed), absent for loaded data.
    public var sample: SampleSource?
    /// Rows the loader rejected (0 for the sample network).
    public var rejectedRows: Int
    /// Per table: rows and checksums.
    public var tables: [TableFingerprint]

    /// Creates a fingerprint.
    public init(source: String, path: String?, sample: SampleSource?, rejectedRows: Int, tables: [TableFingerprint]) {
        self.source = source
        self.path = path
        self.sample = sample
        self.rejectedRows = rejectedRows
        self.tables = tables
    }

    /// The sample network's generator settings.
    public struct SampleSource: Sendable, Equatable, Codable {
        /// Number of persons.
        public var persons: Int
        /// Generator seed.
        public var seed: UInt64
        /// Creates the settings.
        public init(persons: Int, seed: UInt64) {
            self.persons = persons
            self.seed = seed
        }
    }
}

/// One table's row count and column checksums.
public struct TableFingerprint: Sendable, Equatable, Codable {
    /// Table name as in the CSV layout (`persons`, `drug_exposures`, …).
    public var table: String
    /// Rows stored.
    public var rows: Int
    /// Column name → checksum (16 hex digits).
    public var checksums: [String: String]

    /// Creates a table fingerprint.
    public init(table: String, rows: Int, checksums: [String: String]) {
        self.table = table
        self.rows = rows
        self.checksums = checksums
    }
}
