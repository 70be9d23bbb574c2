extension LoadReport.Rejection: CustomStringConvertible {
    /// `file:line: column (name): "value": reason (detail)`, like a compiler diagnostic.
    public var description: String {
        var out = "\(file):\(line): "
        if let column { out += "column \(column): " }
        if let value { out += "\"\(value)\": " }
        out += reason
        if let detail { out += " (\(detail))" }
        return out
    }
}

extension LoadReport {
    /// Rows read from the source for `table`, over all sites.
    public func sourceRows(_ table: String) -> Int {
        reconciliation.filter { $0.table == table }.reduce(0) { $0 + $1.sourceRows }
    }

    /// Rows stored for `table`, over all sites.
    public func storedRows(_ table: String) -> Int {
        reconciliation.filter { $0.table == table }.reduce(0) { $0 + $1.storedRows }
    }

    /// The rejections of `table`.
    public func rejections(of table: String) -> [Rejection] { rejections.filter { $0.table == table } }

    /// Whether every row is accounted for — per table and site, `sourceRows == storedRows + rejections` — and
    /// every column checksum of the stored rows matches the accepted source rows.
    public var isConsistent: Bool {
        reconciliation.allSatisfy { r in
            let rejected = rejections.filter { $0.table == r.table && $0.site == r.site }.count
            return r.sourceRows == r.storedRows + rejected && r.checksumMismatches.isEmpty
        }
    }

    /// A readable account: per table the rows read, stored and rejected, the rejection reasons with counts, and
    /// any checksum mismatch.
    public func summary() -> String {
        var tables: [String] = []
        for r in reconciliation where !tables.contains(r.table) { tables.append(r.table) }
        let counts = rejectionCounts
        var lines = ["table                  source   stored rejected"]
        for t in tables {
            let source = sourceRows(t), stored = storedRows(t)
            func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
            func lpad(_ v: Int, _ w: Int) -> String { let s = "\(v)"; return String(repeating: " ", count: max(0, w - s.count)) + s }
            lines.append(pad(t, 20) + lpad(source, 9) + lpad(stored, 9) + lpad(source - stored, 9))
            for c in counts where c.table == t { lines.append("    \(c.reason): \(c.count)") }
            for r in reconciliation where r.table == t && !r.checksumMismatches.isEmpty {
                let site = r.site.map { "site \($0)" } ?? "unknown site"
                lines.append("    checksum mismatch (\(site)): " + r.checksumMismatches.joined(separator: ", "))
            }
        }
        if !unmappedDrugCodes.isEmpty {
            lines.append("drug codes without a mapping: \(unmappedDrugCodes.count)")
        }
        return lines.joined(separator: "\n")
    }
}
