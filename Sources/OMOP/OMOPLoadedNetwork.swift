import CohortModel

/// How the OMOP reader treats bad rows, harmonizes units and reads source codes.
public struct OMOPReadOptions: Sendable {
    /// Strict (throw at the first row that cannot be stored) or lenient (reject it in the report and go on).
    public var mode: LoadOptions.Mode
    /// The CDM version; `nil` takes it from `cdm_source.cdm_version` (an error when that is absent too).
    public var cdmVersion: CDMVersion?
    /// Unit conversions for measurements recorded with a JLAC10 source code (as in the native loaders).
    public var unitConversions: UnitConversionTable
    /// Code systems of the `*_source_value` columns of instances without a `source_to_concept_map` for them (a
    /// Japanese OMOP instance with YJ drug codes, ICD-10 diagnoses and JLAC10 lab codes as source values): a source
    /// value that passes the system's format check is recorded as that system's code, and mapped to the row's
    /// standard concept. `nil` records the standard concept.
    public var drugSourceSystem: CodeSystem?
    public var conditionSourceSystem: CodeSystem?
    public var measurementSourceSystem: CodeSystem?

    /// Options.
    public init(
        mode: LoadOptions.Mode = .strict, cdmVersion: CDMVersion? = nil, unitConversions: UnitConversionTable = .standard,
        drugSourceSystem: CodeSystem? = nil, conditionSourceSystem: CodeSystem? = nil, measurementSourceSystem: CodeSystem? = nil
    ) {
        self.mode = mode
        self.cdmVersion = cdmVersion
        self.unitConversions = unitConversions
        self.drugSourceSystem = drugSourceSystem
        self.conditionSourceSystem = conditionSourceSystem
        self.measurementSourceSystem = measurementSourceSystem
    }
}

/// A network read from an OMOP CDM instance, with what the network model does not hold.
public struct OMOPLoadedNetwork: Sendable {
    /// The network, the load report (rejections by table, line, column and reason; rows per table and site) and the
    /// source mapping as the load's code mapping.
    public var loaded: LoadedNetwork
    /// The network.
    public var network: Network { loaded.network }
    /// The load report.
    public var report: LoadReport { loaded.report }
    /// Source codes recorded in the network (YJ, ICD-10, JLAC10, …) → the OMOP standard concepts their rows carried,
    /// so an ``OMOPConceptSet`` matches rows recorded with source codes (`ConceptSet.resolve(in:mapping:)`).
    public var sourceMapping: CodeMapping
    /// `concept`, `concept_ancestor` and `Maps to` rows.
    public var vocabulary: OMOPVocabulary
    /// The CDM version read.
    public var cdmVersion: CDMVersion
    /// OMOP `person_id` of each person index.
    public var personIDs: [Int64]
    /// `drug_era` rows (empty when the table is absent).
    public var drugEras: [DrugEra]
    /// `death` dates by person index.
    public var deaths: [Int32: Day]
    /// Rows read but deliberately not part of the network (visits that are not inpatient stays, …), per table
    /// and reason; together with the report's rejections they account for every source row.
    public var notImported: [NotImported]
    /// The network's fingerprint (rows and column checksums per table).
    public var fingerprint: NetworkFingerprint

    /// One `drug_era` row.
    public struct DrugEra: Sendable, Equatable {
        public var person: Int32
        /// Ingredient concept id.
        public var concept: Int
        public var start: Day
        public var end: Day
    }

    /// Rows of a table not taken into the network, with the reason.
    public struct NotImported: Sendable, Equatable, Codable {
        public var table: String
        public var reason: String
        public var rows: Int
        /// A count.
        public init(table: String, reason: String, rows: Int) {
            self.table = table
            self.reason = reason
            self.rows = rows
        }
    }

    /// Persons (indices) with a `drug_era` of one of `concepts`.
    public func personsWithDrugEra(of concepts: Set<Int>) -> Set<Int32> {
        Set(drugEras.lazy.filter { concepts.contains($0.concept) }.map(\.person))
    }
}
