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

    /// A readable account: per table the rows read, stored and rejected and (for CSV) the file's data lines, the
    /// rejection reasons with counts, and any checksum mismatch.
    public func summary() -> String {
        var tables: [String] = []
        for r in reconciliation where !tables.contains(r.table) { tables.append(r.table) }
        let counts = rejectionCounts
        let showLines = !lineAccounts.isEmpty
        var lines = ["table                  source   stored rejected" + (showLines ? " datalines" : "")]
        for t in tables {
            let source = sourceRows(t), stored = storedRows(t)
            func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
            func lpad(_ v: Int, _ w: Int) -> String { let s = "\(v)"; return String(repeating: " ", count: max(0, w - s.count)) + s }
            let dataLines = lineAccounts.first { $0.table == t }.map { lpad($0.dataLines, 10) } ?? ""
            lines.append(pad(t, 20) + lpad(source, 9) + lpad(stored, 9) + lpad(source - stored, 9) + dataLines)
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

// MARK: - Completeness

extension LoadReport {
    /// Rows rejected, over every table.
    public var rejectedRowCount: Int { rejections.count }

    /// Every range of lines that belongs to no stored or rejected row (see ``LineAccount``), in load order.
    public var unaccountedLines: [LineRange] { lineAccounts.flatMap(\.unaccounted) }

    /// Lines not accounted for by a blank line, a stored row or a rejected row, over every file. Each may hold a
    /// row that reached neither the network nor the rejections.
    public var unaccountedLineCount: Int { lineAccounts.reduce(0) { $0 + $1.linesNotAccounted } }

    /// Whether some file has lines that no stored or rejected row accounts for (rows may be lost).
    public var hasUnaccountedLines: Bool { lineAccounts.contains { !$0.isComplete } }

    /// Every range of lines read only after the reader resynchronised past an unterminated quote, in load order.
    public var resynchronisedLines: [LineRange] { lineAccounts.flatMap(\.resynchronised) }

    /// Source rows that did not reach the network: rejected rows plus lines not accounted for (each of which may
    /// be a row). 0 means every source row was stored.
    public var lostRows: Int { rejectedRowCount + unaccountedLineCount }

    /// What a load did not bring into the network, for a caller that must not go on with an incomplete load.
    public struct Shortfall: Error, Sendable, Equatable, CustomStringConvertible {
        /// Rows rejected (when they were not accepted).
        public var rejectedRows: Int
        /// Lines not accounted for.
        public var unaccountedLines: Int
        /// The first rejections (at most 5), for the message.
        public var firstRejections: [Rejection]
        /// The first unaccounted ranges (at most 5), for the message.
        public var firstUnaccounted: [LineRange]

        /// One paragraph: the counts, then where the first rows and lines are (file, line, column and reason; no
        /// values, so the message may be logged).
        public var description: String {
            var parts: [String] = []
            if rejectedRows > 0 {
                let places = firstRejections.map { r in
                    "\(r.file):\(r.line): " + (r.column.map { "column \($0): " } ?? "") + r.reason
                }
                parts.append("\(rejectedRows) row\(rejectedRows == 1 ? "" : "s") rejected (" + places.joined(separator: "; ")
                    + (rejectedRows > places.count ? "; …" : "") + ")")
            }
            if unaccountedLines > 0 {
                let places = firstUnaccounted.map { r in
                    "\(r.file) line\(r.count == 1 ? " \(r.first)" : "s \(r.first)–\(r.last)"): \(r.note)"
                }
                parts.append("\(unaccountedLines) line\(unaccountedLines == 1 ? "" : "s") not accounted for"
                    + (places.isEmpty ? "" : " (" + places.joined(separator: "; ") + ")"))
            }
            return parts.joined(separator: " and ")
        }
    }

    /// What the load lost, or `nil` when nothing: with `acceptRejectedRows`, rejected rows are accepted (they are
    /// counted and listed), but lines not accounted for never are, since nobody can know what they held.
    public func shortfall(acceptRejectedRows: Bool = false) -> Shortfall? {
        let rejected = acceptRejectedRows ? 0 : rejectedRowCount
        let unaccounted = unaccountedLineCount
        guard rejected > 0 || unaccounted > 0 else { return nil }
        var ranges = Array(unaccountedLines.prefix(5))
        if ranges.isEmpty && unaccounted > 0 {
            for a in lineAccounts where !a.isBalanced {
                ranges.append(LineRange(
                    table: a.table, file: a.file, first: a.headerLines + 1, last: max(a.lines, a.headerLines + 1),
                    note: "the reader attributed \(a.blankLines + a.storedLines + a.rejectedRows) of \(a.dataLines) data lines"))
            }
        }
        return Shortfall(
            rejectedRows: rejected, unaccountedLines: unaccounted,
            firstRejections: rejected > 0 ? Array(rejections.prefix(5)) : [], firstUnaccounted: Array(ranges.prefix(5)))
    }

    /// Throws unless every source row reached the network: for a study runner that must stop on an incomplete
    /// load (see ``shortfall(acceptRejectedRows:)``).
    ///
    /// - Throws: ``CohortModelError/incompleteLoad(_:)``.
    public func requireComplete(acceptRejectedRows: Bool = false) throws(CohortModelError) {
        if let s = shortfall(acceptRejectedRows: acceptRejectedRows) { throw .incompleteLoad(s) }
    }

    /// Rejections grouped by table and reason (in load order of tables, reasons sorted), each with its count and
    /// its first `limit` rejections in file order.
    public func rejectionGroups(limit: Int = 5) -> [(table: String, reason: String, count: Int, first: [Rejection])] {
        var order: [String] = []
        var groups: [String: [String: (count: Int, first: [Rejection])]] = [:]
        for r in rejections {
            if groups[r.table] == nil { order.append(r.table) }
            var g = groups[r.table, default: [:]][r.reason, default: (0, [])]
            g.count += 1
            if g.first.count < limit { g.first.append(r) }
            groups[r.table, default: [:]][r.reason] = g
        }
        return order.flatMap { t in
            (groups[t] ?? [:]).sorted { $0.key < $1.key }.map { (table: t, reason: $0.key, count: $0.value.count, first: $0.value.first) }
        }
    }
}
