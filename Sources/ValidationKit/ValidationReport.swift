import Foundation

/// One compared value (or one case that could not run) in a ``ValidationReport``.
public struct ValidationRow: Codable, Sendable, Equatable {
    /// The case's name (its folder path below the searched directory). JSON key `case`.
    public var caseName: String
    /// The expected value's term, if any.
    public var term: String?
    /// The quantity compared; `"(case)"` for a case that could not run.
    public var quantity: String
    /// The confidence level of an interval quantity, if given.
    public var level: Double?
    /// The expected value (absent for a case that could not run).
    public var expected: Double?
    /// The obtained value (absent when none could be obtained).
    public var obtained: Double?
    /// `obtained − expected`.
    public var difference: Double?
    /// The tolerance from the case.
    public var tolerance: Tolerance?
    /// The largest accepted `|difference|`: the absolute tolerance, or the relative one times `|expected|`.
    public var allowedDifference: Double?
    /// Whether the row passed.
    public var passed: Bool
    /// Why the row failed without a comparison (a case or quantity error), if it did.
    public var message: String?
    /// The expected value's source citation.
    public var source: String?

    private enum CodingKeys: String, CodingKey {
        case caseName = "case"
        case term, quantity, level, expected, obtained, difference, tolerance, allowedDifference, passed, message,
            source
    }

    /// A compared value.
    public init(caseName: String, expectation e: ExpectedValue, obtained: Double) {
        self.caseName = caseName
        term = e.term
        quantity = e.quantity
        level = e.level
        expected = e.value
        self.obtained = obtained
        difference = obtained - e.value
        tolerance = e.tolerance
        allowedDifference = e.tolerance.bound(expected: e.value)
        passed = e.tolerance.accepts(obtained: obtained, expected: e.value)
        message = obtained.isFinite ? nil : "obtained value is not finite"
        source = e.source
    }

    /// An expected value for which the method could not give a value.
    public init(caseName: String, expectation e: ExpectedValue, failure: String) {
        self.caseName = caseName
        term = e.term
        quantity = e.quantity
        level = e.level
        expected = e.value
        tolerance = e.tolerance
        allowedDifference = e.tolerance.bound(expected: e.value)
        passed = false
        message = failure
        source = e.source
    }

    /// A case that could not run.
    public init(caseName: String, failure: String) {
        self.caseName = caseName
        quantity = "(case)"
        passed = false
        message = failure
    }
}

/// Per-case totals in a ``ValidationReport``.
public struct CaseSummary: Codable, Sendable, Equatable {
    /// The case's name (its folder path below the searched directory).
    public var name: String
    /// The method named in `case.json`, if it could be read.
    public var method: String?
    /// The case's title, if any.
    public var title: String?
    /// Rows that passed.
    public var passed: Int
    /// Rows that failed.
    public var failed: Int
    /// Why the case could not run, if it could not.
    public var error: String?
}

/// The outcome of a validation run: one row per expected value, plus per-case totals.
///
/// Renders as an aligned text table (``renderTable()``) and encodes as JSON (``jsonData()``, schema in
/// docs/validation.md).
public struct ValidationReport: Codable, Sendable, Equatable {
    /// Version of the JSON layout.
    public var schemaVersion = 1
    /// The directory that was searched, as given.
    public var directory: String
    /// Number of rows that passed.
    public var passed: Int
    /// Number of rows that failed.
    public var failed: Int
    /// The cases found, in run order.
    public var cases: [CaseSummary]
    /// Every row, in case order then file order.
    public var rows: [ValidationRow]

    /// A report over `rows`; the totals are counted from them.
    public init(directory: String, cases: [CaseSummary], rows: [ValidationRow]) {
        self.directory = directory
        self.cases = cases
        self.rows = rows
        passed = rows.filter(\.passed).count
        failed = rows.count - passed
    }

    /// Whether every row passed and at least one case ran.
    public var allPassed: Bool { failed == 0 && !cases.isEmpty }

    /// The rows that failed.
    public var failures: [ValidationRow] { rows.filter { !$0.passed } }

    /// The report as pretty-printed JSON with sorted keys. Non-finite numbers are written as the strings
    /// `"NaN"`, `"Infinity"` and `"-Infinity"`.
    public func jsonData() throws -> Data {
        try Self.encoder.encode(self)
    }

    /// A report read back from ``jsonData()``.
    public static func decode(from data: Data) throws -> ValidationReport {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try d.decode(ValidationReport.self, from: data)
    }

    private static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// An aligned text table, one line per row: case, term, quantity, expected, obtained, difference,
    /// tolerance and `ok` or `FAIL` (followed by the reason, for rows that failed without a comparison).
    public func renderTable() -> String {
        let header = ["case", "term", "quantity", "expected", "obtained", "difference", "tolerance", "result"]
        let rightAligned: Set<Int> = [3, 4, 5]
        var lines: [[String]] = []
        var notes: [String?] = []
        for r in rows {
            var quantity = r.quantity
            if let level = r.level { quantity += " (\(formatLevel(level)))" }
            lines.append([
                r.caseName, r.term ?? "", quantity, r.expected.map(formatValue) ?? "", r.obtained.map(formatValue) ?? "",
                r.difference.map { String(format: "%+.2e", $0) } ?? "", r.tolerance?.description ?? "",
                r.passed ? "ok" : "FAIL",
            ])
            notes.append(r.message)
        }
        var widths = header.map(\.count)
        for l in lines {
            for (k, cell) in l.enumerated() { widths[k] = max(widths[k], cell.count) }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { k, cell in
                let pad = String(repeating: " ", count: widths[k] - cell.count)
                return rightAligned.contains(k) ? pad + cell : (k == cells.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ")
        }
        var out = [render(header), String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))]
        for (l, note) in zip(lines, notes) {
            out.append(render(l) + (note.map { "  \($0)" } ?? ""))
        }
        return out.joined(separator: "\n")
    }
}

/// Ten significant digits: enough to see a 1e-6 relative difference.
func formatValue(_ v: Double) -> String { String(format: "%.10g", v) }
