import Foundation

/// The password for a connection: `PGPASSWORD`, else the first matching line of the password file (`PGPASSFILE`,
/// else `~/.pgpass`), as libpq reads them (`host:port:database:username:password`, `*` matching anything, `\:` and
/// `\\` escaped). The study file never holds one.
enum PostgresPassword {
    static func lookup(host: String, port: Int, database: String, user: String,
                       environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let p = environment["PGPASSWORD"], !p.isEmpty { return p }
        let path = environment["PGPASSFILE"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pgpass").path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        let wanted = [host, String(port), database, user]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// Splits a `.pgpass` line on unescaped colons, unescaping `\:` and `\\`.
    static func split(_ line: Substring) -> [String] {
        var out: [String] = []
        var field = ""
        var escaped = false
        for ch in line {
            if escaped {
                field.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == ":" {
                out.append(field)
                field = ""
            } else {
                field.append(ch)
            }
        }
        out.append(field)
        return out
    }
}
