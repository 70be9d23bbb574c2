/// The settings of a quality report: the largest failing percentage each check allows, the date window, the
/// plausibility limits and the lab bounds.
///
/// ```swift
/// var t = QualityThresholds.default
/// t.extractionDate = Day("2024-03-31")
/// t.maxFailingPercent["outside_observation"] = 1
/// let report = QualityReport.build(network: network, thresholds: t)
/// ```
public struct QualityThresholds: Sendable, Equatable, Codable {
    /// Largest failing percentage per check, looked up as `id/table/column`, then `id/table`, then `id`.
    ///
    /// Checks not listed use ``fallbackMaxFailingPercent``. Defaults: ``defaultMaxFailingPercent``.
    public var maxFailingPercent: [String: Double]
    /// Used for checks that `maxFailingPercent` does not list (default 1).
    public var fallbackMaxFailingPercent: Double
    /// The earliest valid date (default 1900-01-01).
    public var earliestDate: Day
    /// The data extraction date: later dates are invalid. `nil` (the default) means the day the report is built.
    public var extractionDate: Day?
    /// The oldest plausible age in completed years at any record (default 120).
    public var maxAgeYears: Int
    /// The longest plausible days supplied of one prescription (default 365).
    public var maxDaysSupply: Int
    /// The longest plausible admission, discharge minus admission in days (default 365).
    public var maxAdmissionDays: Int
    /// Harmonized unit per JLAC10 analyte (the code's first 5 characters), such as `["3B045": "U/L"]`.
    ///
    /// Analytes not listed take their most common unit network-wide (ties: the unit seen first).
    public var harmonizedUnits: [String: String]
    /// Physiological bounds per analyte (default ``LabBounds/conservativeDefaults``).
    public var labBounds: [LabBounds]

    /// Settings with every default, overridable one by one.
    public init(
        maxFailingPercent: [String: Double] = QualityThresholds.defaultMaxFailingPercent,
        fallbackMaxFailingPercent: Double = 1,
        earliestDate: Day = Day(year: 1900, month: 1, day: 1) ?? Day(-25567),
        extractionDate: Day? = nil,
        maxAgeYears: Int = 120,
        maxDaysSupply: Int = 365,
        maxAdmissionDays: Int = 365,
        harmonizedUnits: [String: String] = [:],
        labBounds: [LabBounds] = LabBounds.conservativeDefaults
    ) {
        self.maxFailingPercent = maxFailingPercent
        self.fallbackMaxFailingPercent = fallbackMaxFailingPercent
        self.earliestDate = earliestDate
        self.extractionDate = extractionDate
        self.maxAgeYears = maxAgeYears
        self.maxDaysSupply = maxDaysSupply
        self.maxAdmissionDays = maxAdmissionDays
        self.harmonizedUnits = harmonizedUnits
        self.labBounds = labBounds
    }

    /// Every default (see `docs/quality.md` for the rationale of each threshold).
    public static let `default` = QualityThresholds()

    /// The default largest failing percentage of each check.
    public static let defaultMaxFailingPercent: [String: Double] = [
        // Reconciliation: MID-NET's target is near-100% consistency of source and store.
        "row_consistency": 1,
        // Every physical line of a CSV file must be a blank line, part of a stored row or a rejected row's line.
        "line_accounting": 0,
        "checksum_match": 0,
        // Conformance.
        "load_rejection": 1,
        "code_format": 1,
        "date_range": 0.1,
        "end_not_before_start": 0.1,
        "days_supply_positive": 0.1,
        "before_birth": 0.1,
        "outside_observation": 5,
        "unit_mismatch": 1,
        // Completeness.
        "missing_value": 5,
        "missing_value/persons/sex": 1,
        "missing_value/lab_results/value": 5,
        "missing_value/drug_exposures/quantity": 20,
        "missing_reference_range": 10,
        "persons_without_observation": 1,
        "site_without_records": 0,
        // Plausibility.
        "lab_value_plausible": 0.1,
        "age_plausible": 0.1,
        "days_supply_plausible": 1,
        "admission_length_plausible": 1,
    ]

    /// The largest failing percentage for check `id` on `table.column`.
    public func threshold(id: String, table: String, column: String?) -> Double {
        if let column, let t = maxFailingPercent["\(id)/\(table)/\(column)"] { return t }
        return maxFailingPercent["\(id)/\(table)"] ?? maxFailingPercent[id] ?? fallbackMaxFailingPercent
    }
}

/// The physiologically possible range of one lab analyte, in the listed units.
///
/// A bound is not a reference range: it separates values that can occur in a living patient, however sick,
/// from values that must be errors (a wrong unit, a shifted decimal point, a sentinel such as 99999).
public struct LabBounds: Sendable, Equatable, Codable {
    /// The JLAC10 analyte: the first 5 characters of the code (`3B045` for ALT).
    public var analyte: String
    /// A readable name.
    public var name: String
    /// The units the bounds are in; equivalent spellings (`10^4/uL`, `10⁴/µL`) match after normalization.
    public var units: [String]
    /// Lowest possible value (inclusive).
    public var low: Double
    /// Highest possible value (inclusive).
    public var high: Double

    /// Bounds `low...high` (inclusive) for `analyte` in any of `units`.
    public init(analyte: String, name: String, units: [String], low: Double, high: Double) {
        self.analyte = analyte
        self.name = name
        self.units = units
        self.low = low
        self.high = high
    }

    /// Conservative clinical bounds for the network's key analytes.
    ///
    /// These are not taken from a published table: they are deliberately wide limits chosen for this
    /// library, beyond the most extreme values reported in clinical practice (for example ALT in acute liver
    /// necrosis, potassium in cardiac arrest, creatinine in end-stage renal failure), so a value outside them
    /// is almost surely a unit or entry error. Analyte codes are the JLAC10 codes confirmed in the project's
    /// domain notes (section 3). Potassium in mEq/L equals mmol/L (monovalent ion).
    public static let conservativeDefaults: [LabBounds] = [
        LabBounds(analyte: "3B035", name: "AST", units: ["U/L", "IU/L"], low: 0, high: 10_000),
        LabBounds(analyte: "3B045", name: "ALT", units: ["U/L", "IU/L"], low: 0, high: 10_000),
        LabBounds(analyte: "3C015", name: "creatinine", units: ["mg/dL"], low: 0.05, high: 30),
        LabBounds(analyte: "8A065", name: "eGFR", units: ["mL/min/1.73m2"], low: 0, high: 300),
        LabBounds(analyte: "2A050", name: "platelets", units: ["10^4/uL"], low: 0.1, high: 200),
        LabBounds(analyte: "3J010", name: "total bilirubin", units: ["mg/dL"], low: 0, high: 50),
        LabBounds(analyte: "3D046", name: "HbA1c (NGSP)", units: ["%"], low: 2, high: 20),
        LabBounds(analyte: "3H015", name: "potassium", units: ["mEq/L", "mmol/L"], low: 1, high: 10),
    ]

    /// A unit spelling reduced for comparison: lower case; no spaces, `^`, `×` or leading `x`; `µ`/`μ` as `u`;
    /// superscript digits as digits (`10⁴/µL` and `x10^4/uL` both become `104/ul`).
    static func normalizedUnit(_ unit: String) -> String {
        var out = ""
        for ch in unit.lowercased() {
            switch ch {
            case " ", "×", "*", "^": continue
            case "µ", "μ": out.append("u")
            case "⁰": out.append("0")
            case "¹": out.append("1")
            case "²": out.append("2")
            case "³": out.append("3")
            case "⁴": out.append("4")
            case "⁵": out.append("5")
            case "⁶": out.append("6")
            case "⁷": out.append("7")
            case "⁸": out.append("8")
            case "⁹": out.append("9")
            default: out.append(ch)
            }
        }
        if out.hasPrefix("x10") { out.removeFirst() }
        return out
    }
}
