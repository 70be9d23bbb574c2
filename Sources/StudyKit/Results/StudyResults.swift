/// Everything a study run writes to `results.json`: aggregates only, versioned, documented in
/// `docs/results-schema.md`.
///
/// Encode it with ``ResultsWriter`` (sorted keys, fixed formatting) so that two runs give identical bytes.
public struct StudyResults: Sendable, Equatable, Codable {
    /// The schema version this library writes.
    public static let currentSchemaVersion = "1.1"

    /// Schema version of this document (`"1.1"`: adds `conceptSets` and diagnostics' `notComputed`).
    public var schemaVersion: String
    /// The study's name.
    public var study: String
    /// The study's description (may be empty).
    public var description: String
    /// Versions, hashes, data fingerprint, seed.
    public var provenance: Provenance
    /// The output settings the results were written with (small-cell threshold).
    public var output: OutputSettings
    /// The data-quality summary.
    public var dataQuality: DataQualitySummary
    /// One entry per design, in the study's order.
    public var designs: [DesignResult]
    /// Records and persons each concept set matched (schema 1.1; absent in results written before it).
    public var conceptSets: [ConceptSetMatches]?
    /// Every estimate of every design in one table (schema 1.1; ``StudyResults/summaryRows(_:)``), also written as
    /// `tables/results_summary.csv`.
    public var summary: [SummaryRow]?

    /// Creates results.
    public init(
        study: String, description: String, provenance: Provenance, output: OutputSettings,
        dataQuality: DataQualitySummary, designs: [DesignResult]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.study = study
        self.description = description
        self.provenance = provenance
        self.output = output
        self.dataQuality = dataQuality
        self.designs = designs
    }

    /// Output settings recorded with the results.
    public struct OutputSettings: Sendable, Equatable, Codable {
        /// Counts from 1 to `smallCellThreshold − 1` are shown as `"<threshold"`; 0 or 1 turns suppression off.
        public var smallCellThreshold: Int
        /// Whether suppression has been applied to this document.
        public var suppressed: Bool
        /// Creates settings.
        public init(smallCellThreshold: Int, suppressed: Bool) {
            self.smallCellThreshold = smallCellThreshold
            self.suppressed = suppressed
        }
    }
}

/// One design's results. Exactly one of `sccs`, `psCohort`, `ssa` is present, matching `kind`, unless the design
/// failed, in which case `error` says why and the design's attrition is what was reached.
public struct DesignResult: Sendable, Equatable, Codable {
    /// The design kinds.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        case sccs, psCohort, ssa
    }

    /// The design's name in the study.
    public var name: String
    /// Which design.
    public var kind: Kind
    /// `nil` when the design ran; otherwise why it could not (for example no cases).
    public var error: String?
    /// Attrition from the data to the analysed population.
    public var attrition: AttritionTable
    /// SCCS results.
    public var sccs: SCCSDesignResult?
    /// PS cohort study results.
    public var psCohort: PSDesignResult?
    /// SSA results.
    public var ssa: SSADesignResult?

    /// Creates a design result.
    public init(
        name: String, kind: Kind, error: String? = nil, attrition: AttritionTable,
        sccs: SCCSDesignResult? = nil, psCohort: PSDesignResult? = nil, ssa: SSADesignResult? = nil
    ) {
        self.name = name
        self.kind = kind
        self.error = error
        self.attrition = attrition
        self.sccs = sccs
        self.psCohort = psCohort
        self.ssa = ssa
    }
}
