import CohortModel
import Foundation

/// A study: the data, the concept sets and outcomes it defines, the designs to run, and the output options.
///
/// Written as JSON (`docs/study-spec.md` documents every key) and read with ``StudySpec/parse(_:)``, which rejects
/// unknown keys and wrong types with the key path, line and column, and names undefined references.
///
/// ```json
/// {"name": "Levofloxacin and tendon rupture",
///  "data": {"sample": {"persons": 20000, "seed": 2018}},
///  "conceptSets": [{"name": "levofloxacin", "include": [{"system": "YJ", "code": "6241013", "descendants": true}]},
///                  {"name": "tendon rupture", "include": [{"system": "ICD10", "code": "M66", "descendants": true}]}],
///  "outcomes": [{"name": "tendon rupture", "diagnosis": {"conceptSet": "tendon rupture"}}],
///  "designs": [{"name": "SCCS", "type": "sccs", "outcome": "tendon rupture",
///               "exposures": [{"conceptSet": "levofloxacin", "riskWindows": [{"start": 1, "end": 30, "endAnchor": "eraStart"}]}]}]}
/// ```
public struct StudySpec: Sendable, Equatable, Codable {
    /// The study's name (shown in the report).
    public var name: String
    /// A free-text description.
    public var description: String
    /// Where the data comes from.
    public var data: DataSourceSpec
    /// Concept sets, referred to by name from outcomes and designs.
    public var conceptSets: [ConceptSetSpec]
    /// Outcomes, referred to by name from designs.
    public var outcomes: [OutcomeSpec]
    /// The designs to run, in order: those listed, then every combination of each analysis grid.
    public var designs: [DesignSpec]
    /// Analysis grids (exposures × outcomes × settings), expanded into ``designs``.
    public var grids: [AnalysisGrid]
    /// Output options.
    public var output: OutputOptions

    /// Creates a study.
    public init(
        name: String, description: String = "", data: DataSourceSpec, conceptSets: [ConceptSetSpec], outcomes: [OutcomeSpec],
        designs: [DesignSpec], output: OutputOptions = .init(), grids: [AnalysisGrid] = []
    ) {
        self.grids = grids
        self.name = name
        self.description = description
        self.data = data
        self.conceptSets = conceptSets
        self.outcomes = outcomes
        self.designs = designs
        self.output = output
    }

    enum CodingKeys: String, CodingKey { case name, description, data, conceptSets, outcomes, designs, output, grids }

    /// Decodes a study; absent optional keys take their documented defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        data = try c.decode(DataSourceSpec.self, forKey: .data)
        conceptSets = try c.decodeIfPresent([ConceptSetSpec].self, forKey: .conceptSets) ?? []
        outcomes = try c.decodeIfPresent([OutcomeSpec].self, forKey: .outcomes) ?? []
        grids = try c.decodeIfPresent([AnalysisGrid].self, forKey: .grids) ?? []
        designs = (try c.decodeIfPresent([DesignSpec].self, forKey: .designs) ?? []) + grids.flatMap(\.designs)
        guard !designs.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .designs, in: c, debugDescription: "a study runs at least one design")
        }
        output = try c.decodeIfPresent(OutputOptions.self, forKey: .output) ?? .init()
    }

    /// Encodes the study with its grids already expanded into `designs`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(data, forKey: .data)
        try c.encode(conceptSets, forKey: .conceptSets)
        try c.encode(outcomes, forKey: .outcomes)
        try c.encode(designs, forKey: .designs)
        try c.encode(output, forKey: .output)
    }

    /// Parses and checks a study file's bytes.
    ///
    /// - Throws: ``StudySpecError``: a syntax error with line and column; a wrong type, missing or unknown key with
    ///   the key path; an undefined concept set or outcome reference; a duplicate name.
    public static func parse(_ data: Data) throws(StudySpecError) -> StudySpec {
        let root: JSONNode
        do { root = try JSONParser.parse(Array(data)) } catch { throw .syntax(line: error.line, column: error.column, message: error.message) }
        let spec = try StrictJSONDecoder.decode(StudySpec.self, from: root)
        try spec.validate(root: root)
        return spec
    }

    /// Reads and parses a study file.
    public static func load(contentsOf url: URL) throws(StudySpecError) -> (spec: StudySpec, bytes: Data) {
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw .unreadable(path: url.path, reason: exists ? error.localizedDescription : "no such file")
        }
        return (try parse(bytes), bytes)
    }
}

/// Where a study's data comes from: exactly one of `sample`, `csv`, `sqlite`.
public struct DataSourceSpec: Sendable, Equatable, Codable {
    /// The deterministic sample network (`{"persons": 20000, "seed": 2018}`).
    public var sample: SampleSpec?
    /// A directory of CSV tables in the documented layout (relative paths are relative to the study file).
    public var csv: String?
    /// A SQLite file written by `pvstudy generate --sqlite` or the loader's layout.
    public var sqlite: String?
    /// Stop at the first row the loader cannot store (default false: reject and count it).
    public var strict: Bool
    /// The data extraction date for the quality checks (`YYYY-MM-DD`); default: the latest date in the data.
    public var extractionDate: String?
    /// A drug code mapping CSV (`source_system,source_code,target_system,target_code`; relative to the study file) that
    /// concept sets are expanded through, so an ATC concept set finds YJ-coded prescriptions. The sample network uses
    /// its own YJ→ATC mapping (the `code_mapping.csv` that `pvstudy generate` writes) unless one is given.
    public var codeMapping: String?
    /// Run the study although the loader rejected rows (default false: a lenient load that rejected rows, or could
    /// not account for every line of a file, stops the run and names the first rejected lines).
    public var acceptRejectedRows: Bool

    /// The sample network's size and seed.
    public struct SampleSpec: Sendable, Equatable, Codable {
        /// Number of persons (at least 1000).
        public var persons: Int
        /// Generator seed.
        public var seed: UInt64
        /// Creates the settings.
        public init(persons: Int, seed: UInt64) {
            self.persons = persons
            self.seed = seed
        }
    }

    /// Creates a data source.
    public init(
        sample: SampleSpec? = nil, csv: String? = nil, sqlite: String? = nil, strict: Bool = false, extractionDate: String? = nil,
        codeMapping: String? = nil, acceptRejectedRows: Bool = false
    ) {
        self.codeMapping = codeMapping
        self.acceptRejectedRows = acceptRejectedRows
        self.sample = sample
        self.csv = csv
        self.sqlite = sqlite
        self.strict = strict
        self.extractionDate = extractionDate
    }

    enum CodingKeys: String, CodingKey { case sample, csv, sqlite, strict, extractionDate, codeMapping, acceptRejectedRows }

    /// Decodes a data source.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sample = try c.decodeIfPresent(SampleSpec.self, forKey: .sample)
        csv = try c.decodeIfPresent(String.self, forKey: .csv)
        sqlite = try c.decodeIfPresent(String.self, forKey: .sqlite)
        strict = try c.decodeIfPresent(Bool.self, forKey: .strict) ?? false
        extractionDate = try c.decodeIfPresent(String.self, forKey: .extractionDate)
        codeMapping = try c.decodeIfPresent(String.self, forKey: .codeMapping)
        acceptRejectedRows = try c.decodeIfPresent(Bool.self, forKey: .acceptRejectedRows) ?? false
        let given = [sample != nil, csv != nil, sqlite != nil].filter { $0 }.count
        guard given == 1 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "give exactly one of \"sample\", \"csv\", \"sqlite\" (found \(given))"))
        }
        if let d = extractionDate, Day(d) == nil {
            throw DecodingError.dataCorruptedError(forKey: .extractionDate, in: c, debugDescription: "expected a date as YYYY-MM-DD, found \"\(d)\"")
        }
        if let s = sample, s.persons < 1000 {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [CodingKeys.sample], debugDescription: "persons must be at least 1000, found \(s.persons)"))
        }
    }
}

/// A named concept set of a study file: the library's `ConceptSet`, whose `Codable` form is the study-file grammar
/// (`name`, `include`, `exclude`; items `system`, `code`, `descendants`).
public typealias ConceptSetSpec = ConceptSet

/// Output options.
public struct OutputOptions: Sendable, Equatable, Codable {
    /// Counts from 1 to `smallCellThreshold − 1` are shown as `"<threshold"` in results, tables and report (default
    /// 10, as MID-NET publishes; 0 or 1 turns suppression off).
    public var smallCellThreshold: Int
    /// Write CSV tables (default true).
    public var csv: Bool
    /// Write report.html (default true).
    public var report: Bool

    /// Creates options.
    public init(smallCellThreshold: Int = 10, csv: Bool = true, report: Bool = true) {
        self.smallCellThreshold = smallCellThreshold
        self.csv = csv
        self.report = report
    }

    enum CodingKeys: String, CodingKey { case smallCellThreshold, csv, report }

    /// Decodes options.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        smallCellThreshold = try c.decodeIfPresent(Int.self, forKey: .smallCellThreshold) ?? 10
        csv = try c.decodeIfPresent(Bool.self, forKey: .csv) ?? true
        report = try c.decodeIfPresent(Bool.self, forKey: .report) ?? true
        guard smallCellThreshold >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .smallCellThreshold, in: c, debugDescription: "must be 0 or more")
        }
    }
}
