import Foundation

/// Lab unit harmonization: for each JLAC10 analyte (the first 5 characters of the code) one harmonized unit,
/// and the factors that bring other units to it.
///
/// A loader converts each lab value and its reference limits to the harmonized unit of the row's analyte. A
/// unit the table cannot convert is rejected as `unknown unit`; units are never guessed (no case folding, no
/// prefix arithmetic). The only normalization is of spelling that cannot change meaning: surrounding spaces
/// are dropped and the Greek small letter mu (U+03BC) is read as the micro sign (U+00B5).
///
/// Analytes the table does not list keep their recorded unit (``UnlistedAnalytes/keepAsRecorded``, the
/// default) or are rejected (``UnlistedAnalytes/reject``).
///
/// ```swift
/// let table = UnitConversionTable.standard
/// let h = table.harmonization(code: "3C015000002327101", unit: "µmol/L")   // creatinine
/// h?.unit            // "mg/dL"
/// h?.apply(88.42)    // 1.0
/// ```
///
/// A table can also be read from CSV with the columns `analyte,from_unit,to_unit,factor`, where `factor` is a
/// number or `1/number` (value in `to_unit` = value in `from_unit` × factor):
///
/// ```
/// analyte,from_unit,to_unit,factor
/// 3C015,µmol/L,mg/dL,1/88.42
/// 3D010,mmol/L,mg/dL,18.016
/// ```
public struct UnitConversionTable: Sendable, Equatable {
    /// One conversion: `value[toUnit] = value[fromUnit] × multiplier / divisor`.
    public struct Conversion: Sendable, Hashable, Codable {
        /// The JLAC10 analyte code (5 characters, such as `3C015`).
        public var analyte: String
        /// The unit converted from.
        public var fromUnit: String
        /// The analyte's harmonized unit.
        public var toUnit: String
        /// Multiply by this…
        public var multiplier: Double
        /// …then divide by this (kept apart so that `÷ 88.42` is one correctly rounded division).
        public var divisor: Double

        /// `multiplier / divisor`.
        public var factor: Double { multiplier / divisor }

        /// A conversion `from` → `to` (the analyte's harmonized unit).
        public init(analyte: String, from fromUnit: String, to toUnit: String, multiplier: Double = 1, divisor: Double = 1) {
            self.analyte = analyte
            self.fromUnit = fromUnit
            self.toUnit = toUnit
            self.multiplier = multiplier
            self.divisor = divisor
        }
    }

    /// How to bring a recorded value to the harmonized unit.
    public struct Harmonization: Sendable, Equatable {
        /// The unit stored in the model.
        public var unit: String
        /// Multiply by this…
        public var multiplier: Double
        /// …then divide by this.
        public var divisor: Double

        /// `value × multiplier / divisor` (a division stays a division, so `88.42 µmol/L` is exactly 1 mg/dL).
        @inlinable
        public func apply(_ value: Double) -> Double { divisor == 1 ? value * multiplier : value * multiplier / divisor }
    }

    /// What to do with a lab whose analyte the table does not list.
    public enum UnlistedAnalytes: Sendable, Equatable {
        /// Store the value in its recorded unit (an empty unit allowed).
        case keepAsRecorded
        /// Reject the row as `unknown unit`.
        case reject
    }

    /// The conversions, in the order given (normalized spellings; a unit's conversion to itself is implied).
    public private(set) var conversions: [Conversion]
    /// Treatment of analytes not in the table.
    public var unlistedAnalytes: UnlistedAnalytes

    private var harmonizedUnits: [String: String] = [:]
    private var factors: [UnitKey: Conversion] = [:]

    private struct UnitKey: Hashable, Sendable {
        let analyte: String
        let unit: String
    }

    /// A table from its conversions.
    ///
    /// - Throws: ``CohortModelError/invalidUnitConversion(analyte:reason:)`` for an analyte that is not 5
    ///   characters of the JLAC10 analyte form (digit, capital letter, 3 digits), a multiplier or divisor that is
    ///   not positive and finite, two harmonized units for one analyte, or two factors for one unit.
    public init(_ conversions: [Conversion], unlistedAnalytes: UnlistedAnalytes = .keepAsRecorded) throws(CohortModelError) {
        self.conversions = []
        self.unlistedAnalytes = unlistedAnalytes
        for c in conversions { try add(c) }
    }

    private mutating func add(_ c: Conversion) throws(CohortModelError) {
        let b = Array(c.analyte.utf8)
        func isDigit(_ x: UInt8) -> Bool { x >= 48 && x <= 57 }
        guard b.count == 5, isDigit(b[0]), b[1] >= 65 && b[1] <= 90, b[2...].allSatisfy(isDigit) else {
            throw .invalidUnitConversion(analyte: c.analyte, reason: "a JLAC10 analyte is 5 characters: digit, capital letter, 3 digits")
        }
        guard c.multiplier.isFinite, c.multiplier > 0, c.divisor.isFinite, c.divisor > 0 else {
            throw .invalidUnitConversion(analyte: c.analyte, reason: "the factor from \(c.fromUnit) must be a positive finite number")
        }
        let from = Self.normalize(c.fromUnit), to = Self.normalize(c.toUnit)
        if let existing = harmonizedUnits[c.analyte], existing != to {
            throw .invalidUnitConversion(
                analyte: c.analyte, reason: "two harmonized units, \(existing) and \(to)")
        }
        if from == to && c.factor != 1 {
            throw .invalidUnitConversion(analyte: c.analyte, reason: "converting \(from) to itself needs factor 1")
        }
        if let existing = factors[UnitKey(analyte: c.analyte, unit: from)] {
            guard existing.multiplier == c.multiplier && existing.divisor == c.divisor else {
                throw .invalidUnitConversion(analyte: c.analyte, reason: "two factors from \(from)")
            }
            return
        }
        insert(c)
    }

    /// Records a (validated) conversion.
    private mutating func insert(_ c: Conversion) {
        var n = c
        n.fromUnit = Self.normalize(c.fromUnit)
        n.toUnit = Self.normalize(c.toUnit)
        harmonizedUnits[n.analyte] = n.toUnit
        factors[UnitKey(analyte: n.analyte, unit: n.fromUnit)] = n
        conversions.append(n)
    }

    /// This table with `other`'s conversions added.
    ///
    /// - Throws: as ``init(_:unlistedAnalytes:)`` when the two disagree.
    public func adding(_ other: UnitConversionTable) throws(CohortModelError) -> UnitConversionTable {
        var t = self
        for c in other.conversions { try t.add(c) }
        return t
    }

    /// Surrounding spaces removed; Greek mu (U+03BC) as the micro sign (U+00B5).
    public static func normalize(_ unit: String) -> String {
        var u = unit.trimmingCharacters(in: .whitespaces)
        if u.unicodeScalars.contains("\u{03BC}") { u = u.replacingOccurrences(of: "\u{03BC}", with: "\u{00B5}") }
        return u
    }

    /// Analytes with a harmonized unit, sorted.
    public var analytes: [String] { harmonizedUnits.keys.sorted() }

    /// The harmonized unit of an analyte (5 characters) or a full JLAC10 code.
    public func harmonizedUnit(analyte: String) -> String? { harmonizedUnits[String(analyte.prefix(5))] }

    /// How to store a value of lab `code` recorded in `unit`; `nil` when the unit cannot be converted.
    public func harmonization(code: String, unit: String) -> Harmonization? {
        let analyte = String(code.prefix(5))
        let u = Self.normalize(unit)
        guard let target = harmonizedUnits[analyte] else {
            return unlistedAnalytes == .keepAsRecorded ? Harmonization(unit: u, multiplier: 1, divisor: 1) : nil
        }
        if u == target { return Harmonization(unit: target, multiplier: 1, divisor: 1) }
        guard let c = factors[UnitKey(analyte: analyte, unit: u)] else { return nil }
        return Harmonization(unit: target, multiplier: c.multiplier, divisor: c.divisor)
    }

    /// Why ``harmonization(code:unit:)`` gave `nil`, for rejection details.
    public func explainUnknownUnit(code: String, unit: String) -> String {
        let analyte = String(code.prefix(5))
        guard let target = harmonizedUnits[analyte] else {
            return "analyte \(analyte) has no harmonized unit in the conversion table"
        }
        let known = [target] + conversions.filter { $0.analyte == analyte }.map(\.fromUnit)
        return "analyte \(analyte) is stored in \(target); \"\(Self.normalize(unit))\" is not one of "
            + known.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// Same conversions, harmonized units and policy.
    public static func == (a: UnitConversionTable, b: UnitConversionTable) -> Bool {
        a.conversions == b.conversions && a.unlistedAnalytes == b.unlistedAnalytes
            && a.harmonizedUnits == b.harmonizedUnits
    }
}

// MARK: - Reading from CSV

extension UnitConversionTable {
    /// Reads a table from a CSV file with columns `analyte,from_unit,to_unit,factor`.
    ///
    /// - Throws: ``CohortModelError/csv(_:)`` for an unreadable or malformed file,
    ///   ``CohortModelError/missingColumn(name:file:)``, and ``CohortModelError/rejectedRow(_:)`` (table
    ///   `unit_conversions`) for a row with an empty field, a factor that is not a number or `1/number`, or a
    ///   conversion that contradicts an earlier one.
    public static func load(csv url: URL, unlistedAnalytes: UnlistedAnalytes = .keepAsRecorded) throws(CohortModelError)
        -> UnitConversionTable
    {
        let table: CSVTable
        do { table = try CSVTable.read(contentsOf: url) } catch { throw .csv(error) }
        return try UnitConversionTable(csv: table, unlistedAnalytes: unlistedAnalytes)
    }

    /// Reads a table from CSV text (see ``load(csv:unlistedAnalytes:)``); `source` names it in errors.
    public init(csv bytes: [UInt8], source: String, unlistedAnalytes: UnlistedAnalytes = .keepAsRecorded)
        throws(CohortModelError)
    {
        let table: CSVTable
        do { table = try CSVTable(parsing: bytes, source: source) } catch { throw .csv(error) }
        try self.init(csv: table, unlistedAnalytes: unlistedAnalytes)
    }

    init(csv table: CSVTable, unlistedAnalytes: UnlistedAnalytes) throws(CohortModelError) {
        let names = ["analyte", "from_unit", "to_unit", "factor"]
        var positions: [Int] = []
        for n in names {
            guard let k = table.columnPosition(n) else { throw .missingColumn(name: n, file: table.source) }
            positions.append(k)
        }
        self.conversions = []
        self.unlistedAnalytes = unlistedAnalytes
        for r in 0..<table.rowCount {
            let line = table.line(ofRow: r) ?? 0
            func reject(_ column: Int, _ reason: RejectionReason, _ detail: String?) -> CohortModelError {
                var rej = LoadReport.Rejection(
                    table: "unit_conversions", file: table.source, line: line, column: names[column],
                    value: table.string(row: r, column: positions[column]), reason: reason.rawValue, site: nil)
                rej.detail = detail
                return .rejectedRow(rej)
            }
            var f: [String] = []
            for (c, k) in positions.enumerated() {
                let v = table.string(row: r, column: k).trimmingCharacters(in: .whitespaces)
                if v.isEmpty { throw reject(c, .missingValue, nil) }
                f.append(v)
            }
            guard let (m, d) = Self.parseFactor(f[3]) else {
                throw reject(3, .unparseableNumber, "factor is a positive number or 1/number")
            }
            do {
                try add(Conversion(analyte: f[0], from: f[1], to: f[2], multiplier: m, divisor: d))
            } catch {
                if case .invalidUnitConversion(_, let reason) = error { throw reject(0, .invalidValue, reason) }
                throw error
            }
        }
    }

    /// `x` or `1/x` (or `a/b`).
    static func parseFactor(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        func number(_ s: Substring) -> Double? {
            guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 else { return nil }
            return v
        }
        switch parts.count {
        case 1: return number(parts[0]).map { ($0, 1) }
        case 2:
            guard let a = number(parts[0]), let b = number(parts[1]) else { return nil }
            return (a, b)
        default: return nil
        }
    }
}

// MARK: - The standard table

extension UnitConversionTable {
    /// The built-in table: the analytes of the project's domain notes with their harmonized (Japanese
    /// conventional) units, spelt in ASCII (`10^4/uL`, `mL/min/1.73m2`, as the sample-data generator writes them),
    /// and the SI, Unicode and SS-MIX2 ASCII spellings that convert to them.
    ///
    /// | analyte | JLAC10 | harmonized | converted from |
    /// |---|---|---|---|
    /// | creatinine | 3C015 | mg/dL | µmol/L ÷ 88.42 |
    /// | total bilirubin | 3J010 | mg/dL | µmol/L ÷ 17.1 |
    /// | glucose | 3D010 | mg/dL | mmol/L × 18.016 |
    /// | platelets | 2A050 | 10^4/uL | 10^3/µL ÷ 10, 10^9/L ÷ 10 |
    /// | AST, ALT, ALP | 3B035, 3B045, 3B070 | U/L | IU/L × 1 |
    /// | HbA1c (NGSP) | 3D046 | % | — |
    /// | potassium | 3H015 | mEq/L | mmol/L × 1 |
    /// | eGFR | 8A065 | mL/min/1.73m2 | mL/min/1.73m², SS-MIX2 spellings × 1 |
    ///
    /// Sources of the factors:
    /// - Creatinine, bilirubin, glucose: the molar masses (creatinine 113.12 g/mol, so 1 mg/dL = 10 mg/L ÷
    ///   113.12 g/mol = 88.4 µmol/L; bilirubin 584.66 g/mol, 1 mg/dL = 17.1 µmol/L; glucose 180.16 g/mol,
    ///   1 mmol/L = 180.16 mg/L = 18.016 mg/dL), as tabulated in the AMA Manual of Style SI conversion table
    ///   (JAMA author instructions, "SI Units for Clinical Data": creatinine 88.4, bilirubin 17.1, glucose
    ///   0.0555) and Young DS, "Implementation of SI units for clinical laboratory data", Ann Intern Med
    ///   1987;106:114–129. 88.42 is the creatinine factor to two decimals (10 000 / 113.12 = 88.40; many
    ///   laboratories and the project's brief use 88.42).
    /// - Platelets: 10^4/µL = 10^10/L, 10^3/µL = 10^9/L (SI prefixes: 1 µL = 10^-6 L).
    /// - Enzymes: 1 U (IU) = 1 µmol substrate/min (IUB 1961); U/L and IU/L are the same unit (same source
    ///   tables list "units/L × 1.0 = U/L" for AST, ALT, ALP).
    /// - Potassium is monovalent: 1 mEq/L = 1 mmol/L.
    /// - HbA1c IFCC (mmol/mol) relates to NGSP (%) by an affine master equation (NGSP = 0.09148 × IFCC +
    ///   2.152), not a factor, so mmol/mol is not converted: such rows are rejected as `unknown unit`.
    /// - ASCII spellings (`umol/L`, `u/L`, `iu/L`, `meq/L`, `.10*4/uL`, `.10*3/uL`, `mL/min(bsa)`) follow the
    ///   SS-MIX2 unit table (nhoHQ/SSMIX2_support_documents, doc/ascii_units.md, after HL7 v2.5 table 7-9).
    public static let standard: UnitConversionTable = {
        var t = UnitConversionTable(unchecked: [])
        func c(_ analyte: String, _ from: String, _ to: String, _ m: Double = 1, _ d: Double = 1) -> Conversion {
            Conversion(analyte: analyte, from: from, to: to, multiplier: m, divisor: d)
        }
        let mgdl = "mg/dL"
        var list: [Conversion] = []
        // Creatinine
        list += [c("3C015", "µmol/L", mgdl, 1, 88.42), c("3C015", "umol/L", mgdl, 1, 88.42), c("3C015", "mg/dl", mgdl)]
        // Total bilirubin
        list += [c("3J010", "µmol/L", mgdl, 1, 17.1), c("3J010", "umol/L", mgdl, 1, 17.1), c("3J010", "mg/dl", mgdl)]
        // Glucose
        list += [c("3D010", "mmol/L", mgdl, 18.016), c("3D010", "mmol/l", mgdl, 18.016), c("3D010", "mg/dl", mgdl)]
        // Platelets
        let plt = "10^4/uL"
        list += [
            c("2A050", "10^3/uL", plt, 1, 10), c("2A050", "10^3/µL", plt, 1, 10), c("2A050", ".10*3/uL", plt, 1, 10),
            c("2A050", "10^9/L", plt, 1, 10), c("2A050", "10^4/µL", plt), c("2A050", "10⁴/µL", plt), c("2A050", ".10*4/uL", plt),
        ]
        // AST, ALT, ALP
        for a in ["3B035", "3B045", "3B070"] {
            list += [c(a, "IU/L", "U/L"), c(a, "iu/L", "U/L"), c(a, "u/L", "U/L"), c(a, "U/l", "U/L")]
        }
        // HbA1c (NGSP): % only.
        list += [c("3D046", "%", "%")]
        // Potassium
        list += [c("3H015", "mmol/L", "mEq/L"), c("3H015", "meq/L", "mEq/L"), c("3H015", "mEq/l", "mEq/L")]
        // eGFR
        let gfr = "mL/min/1.73m2"
        list += [c("8A065", "mL/min/1.73m²", gfr), c("8A065", "mL/min/1.73m^2", gfr), c("8A065", "mL/min(bsa)", gfr)]
        for x in list { t.insert(x) }
        return t
    }()

    /// A table of known-good conversions (the standard table), without validation.
    init(unchecked conversions: [Conversion]) {
        self.conversions = []
        unlistedAnalytes = .keepAsRecorded
        for c in conversions { insert(c) }
    }

}
