import Foundation

extension QualityReport {
    /// A text table: one line per check for the whole network (site `ALL`) and one per failing site (every
    /// site with `allSites`), then `N checks, M failed`.
    ///
    /// Columns: check (`id[subject] table.column`), site, failing, denominator, failing %, threshold % and
    /// `PASS`/`FAIL`.
    public func summary(allSites: Bool = false) -> String {
        let width = max(44, checks.map(\.label.count).max() ?? 0)
        func row(_ cells: [String]) -> String {
            cells[0].qualityPadded(width) + "  " + cells[1].qualityPadded(8) + cells[2].qualityLeftPadded(10)
                + cells[3].qualityLeftPadded(12) + cells[4].qualityLeftPadded(9) + cells[5].qualityLeftPadded(10)
                + "  " + cells[6]
        }
        func percent(_ x: Double) -> String { String(format: x != 0 && x < 0.01 ? "%.4f" : "%.2f", x) }
        var lines = [
            "quality report: \(personCount) persons, \(hospitalIDs.count) sites, extraction date \(extractionDate)",
            row(["check", "site", "failing", "denominator", "%", "threshold", "result"]),
        ]
        var category: QualityCategory?
        for c in checks {
            if c.category != category {
                category = c.category
                lines.append("-- \(c.category.rawValue)")
            }
            let shown = [c.overall] + (allSites ? c.sites : c.failingSites)
            for (k, r) in shown.enumerated() {
                lines.append(row([
                    k == 0 ? c.label : "", r.hospitalID, String(r.failing), String(r.denominator), percent(r.percent),
                    percent(c.threshold), r.passed ? "PASS" : "FAIL",
                ]))
            }
            if let note = c.note, !c.passed || allSites { lines.append("    note: " + note) }
        }
        if labRowsWithoutBounds > 0 {
            lines.append(
                "lab_value_plausible: \(labRowsWithoutBounds) lab rows of \(analytesWithoutBounds.count) analytes "
                    + "without bounds were not checked")
        }
        lines.append("\(checks.count) checks, \(failedChecks.count) failed")
        return lines.joined(separator: "\n")
    }

    /// The report as pretty-printed JSON with sorted keys (dates as `YYYY-MM-DD`).
    ///
    /// - Throws: `EncodingError` if a value cannot be encoded (not expected: percentages are finite).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    private enum CodingKeys: String, CodingKey {
        case extractionDate, hospitalIDs, personCount, checks, labRowsWithoutBounds, analytesWithoutBounds, load
        case checkCount, failedCount, allPassed
    }

    /// Encodes the report; `extractionDate` as `YYYY-MM-DD`, plus `checkCount`, `failedCount` and `allPassed`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(extractionDate.description, forKey: .extractionDate)
        try c.encode(hospitalIDs, forKey: .hospitalIDs)
        try c.encode(personCount, forKey: .personCount)
        try c.encode(checks, forKey: .checks)
        try c.encode(labRowsWithoutBounds, forKey: .labRowsWithoutBounds)
        try c.encode(analytesWithoutBounds, forKey: .analytesWithoutBounds)
        try c.encodeIfPresent(load, forKey: .load)
        try c.encode(checks.count, forKey: .checkCount)
        try c.encode(failedChecks.count, forKey: .failedCount)
        try c.encode(allPassed, forKey: .allPassed)
    }

    /// Decodes a report written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let date = try c.decode(String.self, forKey: .extractionDate)
        guard let day = Day(date) else {
            throw DecodingError.dataCorruptedError(
                forKey: .extractionDate, in: c, debugDescription: "extractionDate \"\(date)\" is not YYYY-MM-DD")
        }
        self.init(
            extractionDate: day, hospitalIDs: try c.decode([String].self, forKey: .hospitalIDs),
            personCount: try c.decode(Int.self, forKey: .personCount),
            checks: try c.decode([QualityCheck].self, forKey: .checks),
            labRowsWithoutBounds: try c.decode(Int.self, forKey: .labRowsWithoutBounds),
            analytesWithoutBounds: try c.decode([String].self, forKey: .analytesWithoutBounds),
            load: try c.decodeIfPresent(LoadSummary.self, forKey: .load))
    }
}

extension String {
    fileprivate func qualityPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate func qualityLeftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
