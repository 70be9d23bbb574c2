import CohortModel
import Foundation

/// One row of an OMOP table: its values in the order of the columns asked for (`nil` for NULL or an empty field)
/// and where it is (the CSV line, or the row number in a database result).
public struct OMOPRow: Sendable {
    /// Values in the order of the requested columns.
    public var values: [String?]
    /// 1-based line in the file (the header is line 1), or 1-based row number of a query result.
    public var line: Int
    /// A row.
    public init(values: [String?], line: Int) {
        self.values = values
        self.line = line
    }
}

/// Where OMOP tables come from: a folder of CSV files (``OMOPCSVSource``) or a database (the `OMOPPostgres`
/// product's source). Rows are streamed to the reader one at a time.
public protocol OMOPRowSource: Sendable {
    /// The source as shown in messages (a folder path; a database as `postgres://user@host:port/db`, never with a
    /// password).
    var location: String { get }
    /// A table as shown in rejections and errors (the CSV file's path, or `schema.table`).
    func tableLocation(_ table: String) -> String
    /// The lower-case column names of `table`, or `nil` when the table is absent.
    func columns(of table: String) async throws -> [String]?
    /// Calls `body` for each row of `table` with the values of `columns` (each one of ``columns(of:)``), in the
    /// source's order.
    func rows(of table: String, columns: [String], _ body: (OMOPRow) throws -> Void) async throws
}

/// A folder of OMOP CDM CSV files, one per table (`person.csv`, `drug_exposure.csv`, …; upper-case file names such
/// as `PERSON.csv` are accepted too), comma-separated with a header line, as Eunomia's export and `OMOPWriter` write
/// them. Column names are matched case-insensitively.
public struct OMOPCSVSource: OMOPRowSource {
    /// The folder.
    public let directory: URL

    /// A source reading `directory`.
    public init(directory: URL) { self.directory = directory }

    public var location: String { directory.path }

    public func tableLocation(_ table: String) -> String { file(of: table)?.path ?? directory.appendingPathComponent(table + ".csv").path }

    func file(of table: String) -> URL? {
        for name in [table + ".csv", table.uppercased() + ".csv"] {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    public func columns(of table: String) throws -> [String]? {
        guard let url = file(of: table) else { return nil }
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw OMOPError.io(path: url.path, message: "cannot open")
        }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while bytes.firstIndex(of: 10) == nil {
            guard let chunk = try? handle.read(upToCount: 65_536), !chunk.isEmpty else { break }
            bytes += chunk
        }
        if let nl = bytes.firstIndex(of: 10) { bytes = Array(bytes[...nl]) } else { bytes.append(10) }
        do {
            return try CSVTable(parsing: bytes, source: url.path).header.map { $0.lowercased() }
        } catch {
            throw OMOPError.csv(error)
        }
    }

    public func rows(of table: String, columns: [String], _ body: (OMOPRow) throws -> Void) throws {
        guard let url = file(of: table) else { throw OMOPError.missingTable(table: table, location: location) }
        let t: CSVTable
        do { t = try CSVTable.read(contentsOf: url) } catch { throw OMOPError.csv(error) }
        let lower = t.header.map { $0.lowercased() }
        var positions: [Int] = []
        for c in columns {
            guard let k = lower.firstIndex(of: c) else {
                throw OMOPError.missingColumn(table: table, column: c, location: url.path)
            }
            positions.append(k)
        }
        var values = [String?](repeating: nil, count: columns.count)
        for r in 0..<t.rowCount {
            for (i, k) in positions.enumerated() {
                let s = t.string(row: r, column: k)
                values[i] = s.isEmpty ? nil : s
            }
            try body(OMOPRow(values: values, line: t.line(ofRow: r) ?? (r + 2)))
        }
    }
}
