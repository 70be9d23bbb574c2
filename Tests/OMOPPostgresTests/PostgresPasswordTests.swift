import Foundation
@testable import OMOPPostgres
import Testing

@Suite("PostgreSQL password lookup")
struct PostgresPasswordTests {
    /// libpq's rules (PostgreSQL documentation, "The Password File"): PGPASSWORD first; else the first line whose
    /// host, port, database and user match, `*` matching anything, `\:` and `\\` escaping.
    @Test func pgpassRules() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
            # comment
            otherhost:5432:*:me:wrong
            127.0.0.1:55432:eunomia:me:pa\\:ss\\\\word
            *:*:*:me:fallback

            """.utf8).write(to: file)
        let env = ["PGPASSFILE": file.path]
        #expect(PostgresPassword.lookup(host: "127.0.0.1", port: 55432, database: "eunomia", user: "me", environment: env) == "pa:ss\\word")
        #expect(PostgresPassword.lookup(host: "db", port: 5432, database: "x", user: "me", environment: env) == "fallback")
        #expect(PostgresPassword.lookup(host: "db", port: 5432, database: "x", user: "you", environment: env) == nil)
        var withEnv = env
        withEnv["PGPASSWORD"] = "from-env"
        #expect(PostgresPassword.lookup(host: "127.0.0.1", port: 55432, database: "eunomia", user: "me", environment: withEnv) == "from-env")
    }
}
