import CohortModel
import Foundation
import OMOP
import OMOPPostgres
import SampleData
import Testing

/// The throwaway server of `scripts/postgres/start.sh` (its `.build/pg/env`), or the PG* environment when CI
/// exports it, with Eunomia loaded by `scripts/eunomia/load-postgres.sh`.
enum EunomiaServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        if env["PGHOST"] == nil, let text = try? String(contentsOf: root.appendingPathComponent(".build/pg/env"), encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { env[parts[0]] = parts[1] }
            }
        }
        return env
    }()
    static var available: Bool { environment["PGHOST"] != nil && environment["PGPASSWORD"] != nil }
    static var configuration: OMOPPostgresSource.Configuration {
        .init(host: environment["PGHOST"] ?? "127.0.0.1", port: Int(environment["PGPORT"] ?? "") ?? 5432, database: "eunomia",
              user: environment["PGUSER"] ?? "signalstats", cdmSchema: "cdm")
    }
    static let csv = root.appendingPathComponent(".build/eunomia/csv")
}

@Suite(
    "Eunomia GiBleed from PostgreSQL",
    .enabled(if: EunomiaServer.available, "no PostgreSQL server: .build/pg/env is missing and PGHOST/PGPASSWORD are unset (`make eunomia` starts one as root)"))
struct EunomiaPostgresTests {
    /// The published counts (see EunomiaCSVTests) through the database, and the same fingerprint as the CSV load.
    @Test func countsAndFingerprintMatchCSV() async throws {
        let source = OMOPPostgresSource(EunomiaServer.configuration, environment: EunomiaServer.environment)
        let db = try await OMOPReader.load(from: source, options: OMOPReadOptions(mode: .lenient))
        #expect(db.network.personCount == 2694)
        #expect(db.personsWithDrugEra(of: [1118084]).count == 1844)
        #expect(db.personsWithDrugEra(of: [1124300]).count == 850)
        let bleed = OMOPConceptSet(name: "GI bleed", items: [.init(conceptID: 192671, includeDescendants: true)])
        let mask = bleed.conceptSet(in: db.vocabulary).resolve(in: db.network.vocabulary, mapping: db.sourceMapping)
        let dx = db.network.diagnoses.table
        #expect(Set(dx.person.indices.filter { mask[Int(dx.code[$0])] }.map { dx.person[$0] }).count == 479)
        let files = try await OMOPReader.loadCSV(directory: EunomiaServer.csv, options: OMOPReadOptions(mode: .lenient))
        #expect(db.fingerprint == files.fingerprint)
    }

    /// A wrong password: an error naming the connection and the server's reason, without the password.
    @Test func wrongPassword() async throws {
        var env = EunomiaServer.environment
        env["PGPASSWORD"] = "not-the-password-\(UInt32.random(in: 0...UInt32.max))"
        let source = OMOPPostgresSource(EunomiaServer.configuration, environment: env)
        do {
            _ = try await OMOPReader.load(from: source)
            Issue.record("expected an authentication error")
        } catch {
            let text = error.description
            #expect(text.contains("postgres://\(EunomiaServer.configuration.user)@"))
            #expect(text.contains("password authentication failed"))
            #expect(!text.contains(env["PGPASSWORD"] ?? "?"))
        }
    }
}

@Suite("PostgreSQL source without a server")
struct PostgresUnreachableTests {
    /// Nothing listens on port 1: the error names the connection.
    @Test func unreachableServer() async throws {
        let source = OMOPPostgresSource(.init(host: "127.0.0.1", port: 1, database: "x", user: "u", cdmSchema: "cdm"), environment: [:])
        do {
            _ = try await OMOPReader.load(from: source)
            Issue.record("expected a connection error")
        } catch {
            guard case .database(let connection, let message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(connection == "postgres://u@127.0.0.1:1/x")
            #expect(message.hasPrefix("cannot connect"))
        }
    }
}

@Suite(
    "OMOP round trip through PostgreSQL",
    .enabled(if: EunomiaServer.available, "no PostgreSQL server: .build/pg/env is missing and PGHOST/PGPASSWORD are unset (`make eunomia` starts one as root)"))
struct PostgresRoundTripTests {
    /// Sample network → PostgreSQL schema (COPY) → reader: the same fingerprint as the network written.
    @Test func sampleNetworkRoundTripsThroughPostgres() async throws {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 1000, seed: 5))
        var config = EunomiaServer.configuration
        config.database = "postgres"
        config.cdmSchema = "sample_roundtrip_\(UInt32.random(in: 0...UInt32.max))"
        let summary = try await OMOPPostgresWriter.write(
            sample.network, to: config, version: .v5_3, codeMap: .sampleNetwork, environment: EunomiaServer.environment)
        #expect(summary.rows["person"] == 1000)
        let read = try await OMOPReader.load(from: OMOPPostgresSource(config, environment: EunomiaServer.environment))
        #expect(read.report.rejections.isEmpty)
        #expect(read.fingerprint == sample.network.fingerprint())
    }
}
