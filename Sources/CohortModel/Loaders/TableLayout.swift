/// The on-disk layout of one table: its name (the CSV file is `<name>.csv`, the SQLite table `<name>`) and its
/// columns. `docs/data-model.md` describes every column.
struct TableLayout: Sendable {
    struct Column: Sendable {
        let name: String
        /// Whether the header must have the column (its values may still be allowed empty; see the decoders).
        let required: Bool
    }

    let name: String
    let columns: [Column]
    /// Whether the table must be present (the vocabulary and unit lists are optional).
    let requiredTable: Bool

    var fileName: String { name + ".csv" }

    init(_ name: String, required: [String], optional: [String] = [], requiredTable: Bool = true) {
        self.name = name
        columns = required.map { Column(name: $0, required: true) } + optional.map { Column(name: $0, required: false) }
        self.requiredTable = requiredTable
    }

    func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    // Column positions are the order of `required` then `optional` below; the decoders use these constants.

    static let concepts = TableLayout("concepts", required: ["code_system", "code"], requiredTable: false)
    static let units = TableLayout("units", required: ["unit"], requiredTable: false)
    static let sites = TableLayout("sites", required: ["hospital_id", "organization_id", "name"])
    static let persons = TableLayout("persons", required: ["person_id", "hospital_id", "birth_date", "sex"])
    static let observationPeriods = TableLayout("observation_periods", required: ["person_id", "start_date", "end_date"])
    static let drugExposures = TableLayout(
        "drug_exposures", required: ["person_id", "drug_code", "code_system", "start_date", "route"],
        optional: ["days_supply", "end_date", "quantity", "setting"])
    static let diagnoses = TableLayout("diagnoses", required: ["person_id", "icd10_code", "date"], optional: ["suspected", "setting"])
    static let labResults = TableLayout(
        "lab_results", required: ["person_id", "jlac10_code", "date", "value", "unit"],
        optional: ["reference_low", "reference_high", "abnormal_flag"])
    static let admissions = TableLayout("admissions", required: ["person_id", "admission_date", "discharge_date"])

    /// Every table, in load order.
    static let all: [TableLayout] = [
        concepts, units, sites, persons, observationPeriods, drugExposures, diagnoses, labResults, admissions,
    ]
}

/// Checksum column names per table (the reconciliation reports mismatches by these names).
enum ChecksumColumns {
    static let concepts = ["code_system", "code"]
    static let units = ["unit"]
    static let sites = ["hospital_id", "organization_id", "name"]
    static let persons = ["person_id", "hospital_id", "birth_date", "sex"]
    static let observationPeriods = ["person_id", "start_date", "end_date"]
    static let drugExposures = ["person_id", "drug_code", "start_date", "days_supply", "quantity", "route", "setting"]
    static let diagnoses = ["person_id", "icd10_code", "date", "suspected", "setting"]
    static let labResults = ["person_id", "jlac10_code", "date", "value", "unit", "reference_low", "reference_high", "abnormal_flag"]
    static let admissions = ["person_id", "admission_date", "discharge_date"]
}
