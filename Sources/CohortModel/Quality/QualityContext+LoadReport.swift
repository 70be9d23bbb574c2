extension QualityContext {
    /// The slot of a load report's site index (`nil` or out of range: the unknown-site slot).
    func slot(ofSite site: Int32?) -> Int {
        guard let site, site >= 0, Int(site) < siteCount else { return siteCount }
        return Int(site)
    }

    /// Stored rows of a loader table per slot, from the model (zeros for a table the model does not hold).
    func storedRowsPerSlot(table: String) -> [Int] {
        switch table {
        case QualityTable.persons: return personsPerSlot()
        case QualityTable.observationPeriods: return rowsPerSlot(offsets: network.observationPeriods.offsets)
        case QualityTable.drugExposures: return rowsPerSlot(offsets: network.drugs.offsets)
        case QualityTable.diagnoses: return rowsPerSlot(offsets: network.diagnoses.offsets)
        case QualityTable.labResults: return rowsPerSlot(offsets: network.labs.offsets)
        case QualityTable.admissions: return rowsPerSlot(offsets: network.admissions.offsets)
        case QualityTable.sites:
            var rows = [Int](repeating: 0, count: slots)
            rows[siteCount] = siteCount
            return rows
        default: return [Int](repeating: 0, count: slots)
        }
    }

    /// Reconciliation (rows and checksums of source against store, per table and site) and the load's
    /// rejections counted per table, column and reason.
    func loadReportChecks(_ report: LoadReport) -> [QualityCheck] {
        var checks: [QualityCheck] = []
        let byTable = Dictionary(grouping: report.reconciliation, by: \.table)
        let tables = byTable.keys.sorted { (QualityTable.rank($0), $0) < (QualityTable.rank($1), $1) }
        var sourceRows: [String: [Int]] = [:]
        for table in tables {
            var rows = SiteTally(slots: slots)
            var checksum = SiteTally(slots: slots)
            var mismatched: [String] = []
            for r in byTable[table] ?? [] {
                let s = slot(ofSite: r.site)
                rows.failing[s] += abs(r.sourceRows - r.storedRows)
                rows.denominator[s] += r.sourceRows
                checksum.denominator[s] += 1
                if !r.checksumMismatches.isEmpty {
                    checksum.failing[s] += 1
                    let place = s < siteCount ? network.sites[s].hospitalID : "site \(r.site.map(String.init) ?? "none")"
                    mismatched.append("\(place): \(r.checksumMismatches.joined(separator: ", "))")
                }
            }
            sourceRows[table] = rows.denominator
            checks.append(check(
                "row_consistency", .reconciliation, table: table, column: nil,
                description: "source rows not matched by stored rows (|source − stored|)", tally: rows))
            checks.append(check(
                "checksum_match", .reconciliation, table: table, column: nil,
                description: "stored values' column checksums differ from the accepted source rows'", tally: checksum,
                note: mismatched.isEmpty ? nil : "mismatched columns: " + mismatched.joined(separator: "; ")))
        }

        // Lines: every physical line of a CSV file must be blank, part of a stored row or the line of a rejected
        // row; lines read only after resynchronising past an unterminated quote count as failing too.
        for a in report.lineAccounts {
            var tally = SiteTally(slots: slots)
            let failing = a.linesNotAccounted + a.resynchronisedLines
            tally.failing[siteCount] = failing
            tally.denominator[siteCount] = max(a.dataLines, failing)
            var notes: [String] = []
            for r in a.unaccounted.prefix(3) + a.resynchronised.prefix(3) {
                notes.append("\(QualityReport.LoadSummary.span(r)): \(r.note)")
            }
            let more = a.unaccounted.count + a.resynchronised.count - notes.count
            if more > 0 { notes.append("\(more) more range\(more == 1 ? "" : "s")") }
            if !a.isBalanced {
                notes.append("\(a.dataLines) data lines but \(a.blankLines) blank, \(a.storedLines) stored, \(a.rejectedRows) rejected "
                    + "and \(a.unaccountedLines) unaccounted")
            }
            if a.multiLineRows > 0 {
                notes.append("\(a.multiLineRows) stored row\(a.multiLineRows == 1 ? " spans" : "s span") several lines (first at line "
                    + "\(a.firstMultiLineRow ?? 0))")
            }
            checks.append(check(
                "line_accounting", .reconciliation, table: a.table, column: nil,
                description: "data lines not accounted for by a stored or rejected row, or read only after resynchronising past an unterminated quote",
                tally: tally, note: notes.isEmpty ? nil : a.file + ": " + notes.joined(separator: "; ")))
        }

        // Rejections: one check per (table, column, reason); the denominator is the table's source rows per site.
        struct Key: Hashable {
            var table: String
            var column: String?
            var reason: String
        }
        var groups: [Key: [Int]] = [:]
        var rejectedPerTable: [String: [Int]] = [:]
        for r in report.rejections {
            let s = slot(ofSite: r.site)
            groups[Key(table: r.table, column: r.column, reason: r.reason), default: [Int](repeating: 0, count: slots)][s] += 1
            rejectedPerTable[r.table, default: [Int](repeating: 0, count: slots)][s] += 1
        }
        let keys = groups.keys.sorted {
            (QualityTable.rank($0.table), $0.table, $0.column ?? "", $0.reason)
                < (QualityTable.rank($1.table), $1.table, $1.column ?? "", $1.reason)
        }
        for key in keys {
            let failing = groups[key] ?? []
            let rejected = rejectedPerTable[key.table] ?? []
            var denominator: [Int]
            if let source = sourceRows[key.table] {
                denominator = source
            } else {
                let stored = storedRowsPerSlot(table: key.table)
                denominator = (0..<slots).map { stored[$0] + rejected[$0] }
            }
            for s in 0..<slots { denominator[s] = max(denominator[s], rejected[s]) }
            checks.append(check(
                "load_rejection", .conformance, table: key.table, column: key.column, subject: key.reason,
                description: "row rejected at load: \(key.reason)",
                tally: SiteTally(failing: failing, denominator: denominator)))
        }
        return checks
    }
}
