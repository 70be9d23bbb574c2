extension HTMLReport {
    /// Provenance: what was run on which data, so a reviewer can check the report belongs to the files they hold.
    static func provenanceSection(_ r: StudyResults) -> String {
        var out = HTML.paragraph("Running the same study file (same SHA-256) on the same data (same row counts and "
            + "checksums) with the same seed reproduces this page byte for byte.")
        let d = r.provenance.data
        var facts: [(String, String)] = [("Source", d.source)]
        if let path = d.path { facts.append(("Path", path)) }
        if let s = d.sample { facts.append(("Sample network", "\(ReportNumber.count(s.persons)) persons, seed \(s.seed)")) }
        facts.append(("Rejected rows at load", ReportNumber.count(d.rejectedRows)))
        out += HTML.facts(facts)
        let rows: [[HTMLTable.Cell]] = d.tables.map { t in
            let sums = t.checksums.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
            return [HTMLTable.Cell(t.table), .num(ReportNumber.count(t.rows)), HTMLTable.Cell(sums, "mono")]
        }
        out += HTMLTable(headers: ["Table", .num("Rows"), "Column checksums"], rows: rows,
                         caption: "Data fingerprint").render()
        return out
    }

    /// The data-quality summary: every check with its failing share against the threshold.
    static func qualitySection(_ q: DataQualitySummary) -> String {
        var out = HTML.facts([
            ("Extraction date", q.extractionDate),
            ("Sites", String(q.sites)),
            ("Persons", q.persons.formatted),
            ("Checks", "\(q.checksPassed) passed, \(q.checksFailed) failed"),
        ])
        if q.checks.isEmpty { return out + HTML.note("No data-quality checks were run.") }
        let rows: [[HTMLTable.Cell]] = q.checks.map { c in
            [HTMLTable.Cell(c.category), HTMLTable.Cell(c.label), HTMLTable.Cell(c.description),
             .num(ReportNumber.fixed(c.failingPercent, 2) + "%"), .num(ReportNumber.fixed(c.thresholdPercent, 2) + "%"),
             .num("\(c.sitesPassed) / \(c.sitesPassed + c.sitesFailed)"), .status(c.passed)]
        }
        out += HTMLTable(headers: ["Category", "Check", "What it tests", .num("Failing"), .num("Threshold"),
                                   .num("Sites passing"), "Status"],
                         rows: rows, caption: "Data-quality checks (network-wide failing share against the threshold)").render()
        return out
    }
}

extension CellCount {
    /// The count as printed in the report: thousands separators, or "<10" when suppressed.
    var formatted: String {
        switch self {
        case .value(let v): return ReportNumber.count(v)
        case .suppressed: return description
        }
    }

    /// The value for drawing, `nil` when suppressed.
    var plotted: Double? { value.map(Double.init) }
}
