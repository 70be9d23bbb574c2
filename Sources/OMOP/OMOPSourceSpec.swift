import Foundation

/// The data-source part of a study file for OMOP data, decodable without building any database driver:
///
/// ```json
/// {"omop": {"csv": "eunomia-csv/", "cdmVersion": "5.3"}}
/// {"omop": {"postgres": {"host": "127.0.0.1", "port": 5432, "database": "eunomia", "user": "me",
///                        "cdmSchema": "cdm", "vocabularySchema": "cdm"}, "cdmVersion": "5.3"}}
/// ```
///
/// This type is the value of the `omop` key. Exactly one of `csv` and `postgres` is given; `cdmVersion` is optional
/// when the instance has a `cdm_source` row. The password is never part of it (`PGPASSWORD` or `~/.pgpass`).
/// A CSV source is read with ``OMOPReader/loadCSV(directory:options:)``; a PostgreSQL one with the `OMOPPostgres`
/// product's `OMOPPostgresSource(spec.postgres)`.
public struct OMOPSourceSpec: Sendable, Equatable, Codable {
    /// A PostgreSQL connection (no password).
    public struct Postgres: Sendable, Equatable, Codable {
        public var host: String
        public var port: Int
        public var database: String
        public var user: String
        /// Schema of the clinical tables.
        public var cdmSchema: String
        /// Schema of `concept`, `concept_ancestor`, `concept_relationship`, `source_to_concept_map`; the CDM schema
        /// when absent.
        public var vocabularySchema: String?

        /// A connection.
        public init(host: String, port: Int = 5432, database: String, user: String, cdmSchema: String, vocabularySchema: String? = nil) {
            self.host = host
            self.port = port
            self.database = database
            self.user = user
            self.cdmSchema = cdmSchema
            self.vocabularySchema = vocabularySchema
        }

        enum CodingKeys: String, CodingKey { case host, port, database, user, cdmSchema, vocabularySchema, password }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if c.contains(.password) {
                throw DecodingError.dataCorruptedError(
                    forKey: .password, in: c,
                    debugDescription: "a study file must not hold a password: set PGPASSWORD or use ~/.pgpass")
            }
            host = try c.decode(String.self, forKey: .host)
            port = try c.decodeIfPresent(Int.self, forKey: .port) ?? 5432
            database = try c.decode(String.self, forKey: .database)
            user = try c.decode(String.self, forKey: .user)
            cdmSchema = try c.decode(String.self, forKey: .cdmSchema)
            vocabularySchema = try c.decodeIfPresent(String.self, forKey: .vocabularySchema)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(host, forKey: .host)
            try c.encode(port, forKey: .port)
            try c.encode(database, forKey: .database)
            try c.encode(user, forKey: .user)
            try c.encode(cdmSchema, forKey: .cdmSchema)
            try c.encodeIfPresent(vocabularySchema, forKey: .vocabularySchema)
        }
    }

    /// A folder of OMOP CSV files (relative paths resolve against the study file's folder, as the runner decides).
    public var csv: String?
    /// A PostgreSQL CDM.
    public var postgres: Postgres?
    /// The CDM version, when the instance has no `cdm_source` row (or to override it).
    public var cdmVersion: CDMVersion?

    /// A spec.
    public init(csv: String? = nil, postgres: Postgres? = nil, cdmVersion: CDMVersion? = nil) {
        self.csv = csv
        self.postgres = postgres
        self.cdmVersion = cdmVersion
    }

    enum CodingKeys: String, CodingKey { case csv, postgres, cdmVersion }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        csv = try c.decodeIfPresent(String.self, forKey: .csv)
        postgres = try c.decodeIfPresent(Postgres.self, forKey: .postgres)
        if let v = try c.decodeIfPresent(String.self, forKey: .cdmVersion) {
            guard let version = CDMVersion(parsing: v) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .cdmVersion, in: c, debugDescription: "CDM version \"\(v)\" is not one the reader knows (5.3, 5.4)")
            }
            cdmVersion = version
        }
        if (csv == nil) == (postgres == nil) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "omop: give exactly one of \"csv\" and \"postgres\""))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(csv, forKey: .csv)
        try c.encodeIfPresent(postgres, forKey: .postgres)
        try c.encodeIfPresent(cdmVersion?.rawValue, forKey: .cdmVersion)
    }
}
