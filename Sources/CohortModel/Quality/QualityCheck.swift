/// The four kinds of data-quality check, after MID-NET's quality management (source-to-store consistency) and
/// the OHDSI Data Quality Dashboard (conformance, completeness, plausibility; Kahn et al., eGEMs 2016).
public enum QualityCategory: String, Sendable, Codable, CaseIterable {
    /// Rows and checksums of the source against the stored model (MID-NET's "near-100% consistency").
    case reconciliation
    /// Values follow the model's formats and rules: code formats, date ranges, interval order, units.
    case conformance
    /// Values and records that should be present are present.
    case completeness
    /// Values are believable: physiological lab bounds, ages, supply and stay lengths.
    case plausibility
}

/// The outcome of one check at one site, or over the whole network.
///
/// Counts are aggregates only: a quality report never carries patient rows.
public struct QualityResult: Sendable, Equatable, Codable {
    /// Index into ``Network/sites``; `nil` for the whole network.
    public var site: Int32?
    /// The hospital id, or `ALL` for the whole network.
    public var hospitalID: String
    /// Rows (or persons, sites, columns) that fail the check.
    public var failing: Int
    /// Rows (or persons, sites, columns) the check was evaluated on.
    public var denominator: Int
    /// `100 * failing / denominator`; 0 when the denominator is 0.
    public var percent: Double
    /// Whether `percent` is at most the check's threshold.
    public var passed: Bool

    /// A result; `percent` and `passed` are derived from the counts and `threshold` (maximum failing percent).
    public init(site: Int32?, hospitalID: String, failing: Int, denominator: Int, threshold: Double) {
        self.site = site
        self.hospitalID = hospitalID
        self.failing = failing
        self.denominator = denominator
        self.percent = denominator > 0 ? 100 * Double(failing) / Double(denominator) : 0
        self.passed = percent <= threshold
    }
}

/// One data-quality check evaluated over the whole network and at each site (hospital).
///
/// A check is identified by ``id`` together with ``table``, ``column`` and ``subject`` (for example
/// `code_format` on `drug_exposures.drug` for subject `YJ`). It passes when the whole network and every site
/// pass: MID-NET manages quality hospital by hospital, so one failing site fails the check.
public struct QualityCheck: Sendable, Equatable, Codable {
    /// The check's name, such as `date_range` or `lab_value_plausible` (see `docs/quality.md`).
    public var id: String
    /// Reconciliation, conformance, completeness or plausibility.
    public var category: QualityCategory
    /// The table checked (`persons`, `observation_periods`, `drug_exposures`, `diagnoses`, `lab_results`,
    /// `admissions`, or a loader's table name).
    public var table: String
    /// The column checked, when the check is about one column.
    public var column: String?
    /// What the check is narrowed to: a code system (`YJ`), a JLAC10 analyte (`3B045`) or a load rejection reason.
    public var subject: String?
    /// What a failing row is, in words.
    public var description: String
    /// The largest failing percentage that passes.
    public var threshold: Double
    /// The whole network.
    public var overall: QualityResult
    /// Each site of the network, in ``Network/sites`` order.
    public var sites: [QualityResult]
    /// Aggregate detail, such as the most frequent malformed code or the mismatched checksum columns.
    public var note: String?
    /// Whether the overall result and every site's result pass.
    public var passed: Bool

    /// A check from its per-site results; ``passed`` is derived.
    public init(
        id: String, category: QualityCategory, table: String, column: String?, subject: String? = nil,
        description: String, threshold: Double, overall: QualityResult, sites: [QualityResult], note: String? = nil
    ) {
        self.id = id
        self.category = category
        self.table = table
        self.column = column
        self.subject = subject
        self.description = description
        self.threshold = threshold
        self.overall = overall
        self.sites = sites
        self.note = note
        self.passed = overall.passed && sites.allSatisfy(\.passed)
    }

    /// `id[subject] table.column`, as the summary prints it.
    public var label: String {
        var s = id
        if let subject { s += "[\(subject)]" }
        s += " " + table
        if let column { s += "." + column }
        return s
    }

    /// The sites that fail.
    public var failingSites: [QualityResult] { sites.filter { !$0.passed } }

    /// The result of the site with hospital id `hospitalID`.
    public func result(hospitalID: String) -> QualityResult? { sites.first { $0.hospitalID == hospitalID } }
}
