/// The data-quality report, aggregated: each check with its overall result and how many sites pass and fail.
public struct DataQualitySummary: Sendable, Equatable, Codable {
    /// The extraction date the plausibility checks used (ISO date). The runner takes the data's latest record date,
    /// so the summary does not depend on the day the study runs.
    public var extractionDate: String
    /// Number of sites (hospitals).
    public var sites: Int
    /// Number of persons.
    public var persons: CellCount
    /// Checks that pass / fail overall.
    public var checksPassed: Int
    /// Checks that fail overall.
    public var checksFailed: Int
    /// Every check.
    public var checks: [Check]

    /// Creates a summary.
    public init(extractionDate: String, sites: Int, persons: CellCount, checks: [Check]) {
        self.extractionDate = extractionDate
        self.sites = sites
        self.persons = persons
        self.checks = checks
        self.checksPassed = checks.filter(\.passed).count
        self.checksFailed = checks.count - checksPassed
    }

    /// One check over the whole network.
    public struct Check: Sendable, Equatable, Codable {
        /// Check id (`docs/quality.md`).
        public var id: String
        /// `reconciliation`, `conformance`, `completeness` or `plausibility`.
        public var category: String
        /// Readable label (table, column, subject).
        public var label: String
        /// What is checked.
        public var description: String
        /// Largest failing share allowed, in percent.
        public var thresholdPercent: Double
        /// Failing share over the network, in percent.
        public var failingPercent: Double
        /// Whether the check passes overall and at every site.
        public var passed: Bool
        /// Sites at which the check passes.
        public var sitesPassed: Int
        /// Sites at which it fails.
        public var sitesFailed: Int

        /// Creates a check row.
        public init(
            id: String, category: String, label: String, description: String, thresholdPercent: Double,
            failingPercent: Double, passed: Bool, sitesPassed: Int, sitesFailed: Int
        ) {
            self.id = id
            self.category = category
            self.label = label
            self.description = description
            self.thresholdPercent = thresholdPercent
            self.failingPercent = failingPercent
            self.passed = passed
            self.sitesPassed = sitesPassed
            self.sitesFailed = sitesFailed
        }
    }
}
