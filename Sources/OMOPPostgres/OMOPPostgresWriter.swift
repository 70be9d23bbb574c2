import CohortModel
import Foundation
import OMOP
import PostgresNIO

/// Writes any network into a PostgreSQL schema as OMOP CDM tables: the files ``OMOP/OMOPWriter`` writes, each
/// created as a table (replacing one of the same name) and streamed in with `COPY … FROM STDIN`. Column types follow
/// the CDM DDL's conventions by name (`*_id` and `*_concept_id` bigint, `*_date` date, `*_datetime` timestamp,
/// `value_as_number`, `range_low`, `range_high`, `quantity` numeric, the rest text), as `scripts/eunomia/load-postgres.sh`
/// does. ``OMOPPostgresSource`` reads the schema back into a network with the same fingerprint.
///
/// ```swift
/// try await OMOPPostgresWriter.write(sample.network, to: .init(host: "127.0.0.1", database: "cdm", user: "me",
///                                                               cdmSchema: "sample"), codeMap: .sampleNetwork)
/// ```
public enum OMOPPostgresWriter {
    /// Writes `network` into `configuration.cdmSchema` (created if needed; the vocabulary tables go there too).
    ///
    /// - Throws: ``OMOP/OMOPError/database(connection:message:)`` for a connection or SQL failure,
    ///   ``OMOP/OMOPError/io(path:message:)`` for the temporary files.
    @discardableResult
    public static func write(
        _ network: Network, to configuration: OMOPPostgresSource.Configuration, version: CDMVersion = .v5_4,
        codeMap: OMOPCodeMap = OMOPCodeMap(), omopVocabulary: OMOPVocabulary = OMOPVocabulary(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(OMOPError) -> OMOPWriter.Summary {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omop-pg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try OMOPWriter.write(network, to: folder, version: version, codeMap: codeMap, omopVocabulary: omopVocabulary)
        let source = OMOPPostgresSource(configuration, environment: environment)
        do {
            try await source.withConnection { c, logger in
                let schema = OMOPPostgresSource.quote(configuration.cdmSchema)
                try await c.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
                try await c.query(PostgresQuery(unsafeSQL: "SET search_path TO \(schema)"), logger: logger)
                for table in summary.rows.keys.sorted() {
                    try await copy(table: table, from: folder.appendingPathComponent(table + ".csv"), connection: c, logger: logger)
                }
            }
        } catch let e as OMOPError {
            throw e
        } catch {
            throw .database(connection: source.location, message: String(describing: error))
        }
        return summary
    }

    /// The SQL type of a CDM column, by the DDL's naming conventions.
    static func sqlType(_ column: String) -> String {
        switch column {
        case "domain_id", "vocabulary_id", "concept_class_id", "relationship_id", "source_vocabulary_id", "target_vocabulary_id":
            return "text"
        case "value_as_number", "range_low", "range_high", "quantity", "latitude", "longitude": return "numeric"
        case "refills", "days_supply", "year_of_birth", "month_of_birth", "day_of_birth": return "bigint"
        default:
            if column.hasSuffix("_datetime") { return "timestamp" }
            if column.hasSuffix("_date") { return "date" }
            if column.hasSuffix("_id") { return "bigint" }
            return "text"
        }
    }

    /// Recreates `table` from the CSV file's header and streams its rows in COPY text format.
    static func copy(table: String, from file: URL, connection c: PostgresConnection, logger: Logger) async throws {
        let csv: CSVTable
        do { csv = try CSVTable.read(contentsOf: file) } catch { throw OMOPError.csv(error) }
        let name = OMOPPostgresSource.quote(table)
        let columns = csv.header.map { "\(OMOPPostgresSource.quote($0)) \(sqlType($0))" }.joined(separator: ", ")
        try await c.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(name)"), logger: logger)
        try await c.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(name) (\(columns))"), logger: logger)
        guard csv.rowCount > 0 else { return }
        try await c.copyFrom(table: table, columns: csv.header, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for r in 0..<csv.rowCount {
                for k in 0..<csv.columnCount {
                    if k > 0 { buffer.writeInteger(UInt8(9)) }
                    let v = csv.string(row: r, column: k)
                    if v.isEmpty {
                        buffer.writeString("\\N")
                        continue
                    }
                    for b in v.utf8 {
                        switch b {
                        case 92: buffer.writeString("\\\\")
                        case 9: buffer.writeString("\\t")
                        case 10: buffer.writeString("\\n")
                        case 13: buffer.writeString("\\r")
                        default: buffer.writeInteger(b)
                        }
                    }
                }
                buffer.writeInteger(UInt8(10))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }
}
