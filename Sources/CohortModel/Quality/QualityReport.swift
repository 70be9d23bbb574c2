import Foundation

/// A network's data-quality report: reconciliation, conformance, completeness and plausibility checks, each
/// evaluated over the whole network and per site (hospital).
///
/// Modelled on MID-NET's quality management, which checks that the data stored at the center agree with each
/// hospital's source data (near-100% consistency), and on the OHDSI Data Quality Dashboard's categories
/// (Kahn et al., "A Harmonized Data Quality Assessment Terminology and Framework", eGEMs 2016). Every check,
/// its denominator, default threshold and rationale is listed in `docs/quality.md`.
///
/// ```swift
/// let loaded = try NetworkLoader.loadCSV(directory: url, options: LoadOptions(mode: .lenient))
/// let report = QualityReport.build(network: loaded.network, loadReport: loaded.report)
/// print(report.summary())
/// try report.jsonData().write(to: jsonURL)
/// ```
///
/// The report holds counts only, never patient rows, so it can leave a hospital as aggregate output.
public struct QualityReport: Sendable, Equatable, Codable {
    /// The data extraction date used as the latest valid date.
    public var extractionDate: Day
    /// Hospital ids of the network's sites, in site order.
    public var hospitalIDs: [String]
    /// Persons in the network.
    public var personCount: Int
    /// The checks, ordered by category (reconciliation, conformance, completeness, plausibility), then check,
    /// then table.
    public var checks: [QualityCheck]
    /// Lab rows whose analyte has no plausibility bounds (not evaluated by `lab_value_plausible`).
    public var labRowsWithoutBounds: Int
    /// Analytes (first 5 characters of the JLAC10 code) with rows but without plausibility bounds.
    public var analytesWithoutBounds: [String]
    /// What the loader did with the source's rows and lines (present when the report was built with a load report).
    public var load: LoadSummary?

    /// A report from its parts (``build(network:loadReport:thresholds:)`` is the usual way to get one).
    public init(
        extractionDate: Day, hospitalIDs: [String], personCount: Int, checks: [QualityCheck],
        labRowsWithoutBounds: Int = 0, analytesWithoutBounds: [String] = [], load: LoadSummary? = nil
    ) {
        self.extractionDate = extractionDate
        self.hospitalIDs = hospitalIDs
        self.personCount = personCount
        self.checks = checks
        self.labRowsWithoutBounds = labRowsWithoutBounds
        self.analytesWithoutBounds = analytesWithoutBounds
        self.load = load
    }

    /// The order of check ids within a category (the order of `docs/quality.md`).
    public static let checkOrder: [String] = [
        "row_consistency", "line_accounting", "checksum_match",
        "load_rejection", "code_format", "date_range", "end_not_before_start", "days_supply_positive", "before_birth",
        "outside_observation", "unit_mismatch",
        "missing_value", "missing_reference_range", "persons_without_observation", "site_without_records",
        "lab_value_plausible", "age_plausible", "days_supply_plausible", "admission_length_plausible",
    ]

    /// Runs every check on `network`, and the reconciliation and rejection checks when a load report is given.
    ///
    /// - Parameters:
    ///   - network: The stored data.
    ///   - loadReport: What the loader did with the source rows; without it the report has no reconciliation
    ///     or `load_rejection` checks.
    ///   - thresholds: Failing-percentage limits, date window, plausibility limits and lab bounds.
    /// - Returns: The report; ``allPassed`` tells whether every check passed at every site.
    /// - Complexity: O(rows) per table (one or two linear passes over its columns, counting per site into
    ///   small arrays), plus O(rows × observation periods per person) for `outside_observation`.
    public static func build(
        network: Network, loadReport: LoadReport? = nil, thresholds: QualityThresholds = .default
    ) -> QualityReport {
        let extraction = thresholds.extractionDate ?? todayUTC()
        let context = QualityContext(network: network, thresholds: thresholds, extractionDate: extraction)
        var checks: [QualityCheck] = []
        if let loadReport { checks += context.loadReportChecks(loadReport) }
        checks += context.personChecks()
        checks += context.observationChecks()
        checks += context.drugChecks()
        checks += context.diagnosisChecks()
        let labs = context.labChecks()
        checks += labs.checks
        checks += context.admissionChecks()
        checks += context.siteCoverageChecks()
        // Stable order: category, then check id, then the order generated (tables in model order).
        let categories = QualityCategory.allCases
        let ranked = checks.enumerated().map { (i, c) in
            (categories.firstIndex(of: c.category) ?? 0, checkOrder.firstIndex(of: c.id) ?? checkOrder.count, i, c)
        }
        let ordered = ranked.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
        return QualityReport(
            extractionDate: extraction, hospitalIDs: network.sites.map(\.hospitalID), personCount: network.personCount,
            checks: ordered, labRowsWithoutBounds: labs.rowsWithoutBounds,
            analytesWithoutBounds: labs.analytesWithoutBounds, load: loadReport.map { LoadSummary($0) })
    }

    /// Whether every check passed overall and at every site.
    public var allPassed: Bool { checks.allSatisfy(\.passed) }

    /// Whether the load lost rows: some CSV line is accounted for by no stored or rejected row
    /// (``LoadReport/hasUnaccountedLines``). Such a report also fails its `line_accounting` check.
    public var rowsLost: Bool { (load?.unaccountedLines ?? 0) > 0 }

    /// The checks that failed overall or at some site.
    public var failedChecks: [QualityCheck] { checks.filter { !$0.passed } }

    /// The checks with id `id` (for example every `date_range` check).
    public func checks(id: String) -> [QualityCheck] { checks.filter { $0.id == id } }

    /// The check `id` on `table.column` (and `subject`), if the report has it.
    public func check(_ id: String, table: String, column: String? = nil, subject: String? = nil) -> QualityCheck? {
        checks.first { $0.id == id && $0.table == table && $0.column == column && $0.subject == subject }
    }
}

/// Today's day number (UTC), the default extraction date.
private func todayUTC() -> Day {
    Day(Int32(clamping: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))))
}
