import CohortModel
import Foundation
import Logging
import OMOP
import PostgresNIO

/// An OMOP CDM instance in PostgreSQL, read through postgres-nio with one streamed query per table (rows are
/// decoded as they arrive; no table is held as text). Clinical tables come from ``Configuration/cdmSchema``,
/// `concept`, `concept_ancestor`, `concept_relationship` and `source_to_concept_map` from
/// ``Configuration/vocabularySchema``. Only persons with an observation period are read from the event tables,
/// by a join pushed to SQL.
///
/// The password comes from `PGPASSWORD` or the password file (`PGPASSFILE`, else `~/.pgpass`), never from the
/// configuration, and appears in no message or log.
///
/// ```swift
/// let source = OMOPPostgresSource(.init(host: "127.0.0.1", port: 5432, database: "eunomia", user: "me", cdmSchema: "cdm"))
/// let omop = try await OMOPReader.load(from: source, options: OMOPReadOptions(mode: .lenient))
/// ```
public struct OMOPPostgresSource: OMOPRowSource {
    /// Where the CDM is: the study file's `{"omop": {"postgres": {...}}}` object (``OMOP/OMOPSourceSpec/Postgres``).
    public typealias Configuration = OMOPSourceSpec.Postgres

    public let configuration: Configuration
    /// Where `PGPASSWORD` and `PGPASSFILE` are looked up.
    let environment: [String: String]

    /// A source; nothing is connected until the reader asks for a table. `environment` is where `PGPASSWORD` and
    /// `PGPASSFILE` are looked up (the process environment unless given).
    public init(_ configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configuration = configuration
        self.environment = environment
    }

    public var location: String {
        "postgres://\(configuration.user)@\(configuration.host):\(configuration.port)/\(configuration.database)"
    }

    static let vocabularyTables: Set<String> = ["concept", "concept_ancestor", "concept_relationship", "source_to_concept_map"]
    /// Event tables read only for persons with an observation period.
    static let personTables: Set<String> = ["drug_exposure", "condition_occurrence", "measurement", "visit_occurrence", "death", "drug_era"]

    func schema(of table: String) -> String {
        Self.vocabularyTables.contains(table) ? configuration.vocabularySchema ?? configuration.cdmSchema : configuration.cdmSchema
    }

    public func tableLocation(_ table: String) -> String { "\(location) \(schema(of: table)).\(table)" }

    public func columns(of table: String) async throws -> [String]? {
        let schema = schema(of: table)
        let names: [String] = try await withConnection { c, logger in
            let rows = try await c.query(
                "SELECT lower(column_name) FROM information_schema.columns WHERE table_schema = \(schema) AND lower(table_name) = \(table) ORDER BY ordinal_position",
                logger: logger)
            var out: [String] = []
            for try await name in rows.decode(String.self) { out.append(name) }
            return out
        }
        return names.isEmpty ? nil : names
    }

    public func rows(of table: String, columns: [String], _ body: (OMOPRow) throws -> Void) async throws {
        let schema = schema(of: table)
        let select = columns.map { "t.\(Self.quote($0))::text" }.joined(separator: ", ")
        var sql = "SELECT \(select) FROM \(Self.quote(schema)).\(Self.quote(table)) t"
        if Self.personTables.contains(table) {
            sql += " WHERE EXISTS (SELECT 1 FROM \(Self.quote(configuration.cdmSchema)).observation_period o WHERE o.person_id = t.person_id)"
        }
        try await withConnection { c, logger in
            let rows = try await c.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            var line = 0
            var values = [String?](repeating: nil, count: columns.count)
            for try await row in rows {
                line += 1
                var k = 0
                for cell in row {
                    values[k] = try cell.decode(String?.self)
                    k += 1
                }
                try body(OMOPRow(values: values, line: line))
            }
        }
    }

    /// A quoted identifier.
    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Runs `work` on a new connection, closed afterwards; failures become ``OMOPError/database(connection:message:)``
    /// with the server's message (never the password).
    func withConnection<T>(_ work: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        let logger = Logger(label: "signalstats.omop.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let password = PostgresPassword.lookup(
            host: configuration.host, port: configuration.port, database: configuration.database, user: configuration.user,
            environment: environment)
        let config = PostgresConnection.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.user, password: password,
            database: configuration.database, tls: .disable)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
        } catch {
            throw OMOPError.database(connection: location, message: "cannot connect: " + Self.message(error, hadPassword: password != nil))
        }
        do {
            let result = try await work(connection, logger)
            try? await connection.close()
            return result
        } catch let e as OMOPError {
            try? await connection.close()
            throw e
        } catch {
            try? await connection.close()
            throw OMOPError.database(connection: location, message: Self.message(error, hadPassword: password != nil))
        }
    }

    /// The server's message for a PSQLError (its description is deliberately generic), else the error's description.
    static func message(_ error: any Error, hadPassword: Bool) -> String {
        if let e = error as? PSQLError {
            if let m = e.serverInfo?[.message] { return m + (hadPassword ? "" : " (no password: set PGPASSWORD or ~/.pgpass)") }
            if let u = e.underlying { return "\(e.code): \(u)" }
            return "\(e.code)"
        }
        return String(describing: error)
    }
}
