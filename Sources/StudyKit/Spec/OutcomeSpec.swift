import CohortModel

/// A named outcome: exactly one of `diagnosis`, `lab` or `definition`.
///
/// ```json
/// {"name": "tendon rupture", "diagnosis": {"conceptSet": "tendon rupture"}}
/// {"name": "ALT > 3 x ULN", "lab": {"analyte": "ALT", "rule": "aboveUpperLimit", "value": 3}}
/// ```
public struct OutcomeSpec: Sendable, Equatable, Codable {
    /// The name designs refer to.
    public var name: String
    /// Diagnoses in a concept set.
    public var diagnosis: DiagnosisSpec?
    /// A lab threshold.
    public var lab: LabSpec?
    /// Any CohortModel `OutcomeDefinition` in its own JSON form (Hy's law, admissions, combinations).
    public var definition: OutcomeDefinition?

    /// Diagnosis records in a concept set.
    public struct DiagnosisSpec: Sendable, Equatable, Codable {
        /// The concept set's name.
        public var conceptSet: String
        /// Only confirmed (not suspected) diagnoses (default true).
        public var confirmedOnly: Bool
        /// Only inpatient diagnoses (default false).
        public var inpatientOnly: Bool
        /// `"first"` (default) or `"all"`.
        public var occurrences: String
        /// With `"all"`: days between counted events (default 1).
        public var minimumGapDays: Int

        /// Creates a diagnosis outcome.
        public init(conceptSet: String, confirmedOnly: Bool = true, inpatientOnly: Bool = false, occurrences: String = "first", minimumGapDays: Int = 1) {
            self.conceptSet = conceptSet
            self.confirmedOnly = confirmedOnly
            self.inpatientOnly = inpatientOnly
            self.occurrences = occurrences
            self.minimumGapDays = minimumGapDays
        }
        enum CodingKeys: String, CodingKey { case conceptSet, confirmedOnly, inpatientOnly, occurrences, minimumGapDays }
        /// Decodes a diagnosis outcome.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            conceptSet = try c.decode(String.self, forKey: .conceptSet)
            confirmedOnly = try c.decodeIfPresent(Bool.self, forKey: .confirmedOnly) ?? true
            inpatientOnly = try c.decodeIfPresent(Bool.self, forKey: .inpatientOnly) ?? false
            occurrences = try c.decodeIfPresent(String.self, forKey: .occurrences) ?? "first"
            minimumGapDays = try c.decodeIfPresent(Int.self, forKey: .minimumGapDays) ?? 1
            try OutcomeSpec.checkOccurrences(occurrences, key: CodingKeys.occurrences, in: c)
        }
    }

    /// A lab result meeting a rule.
    public struct LabSpec: Sendable, Equatable, Codable {
        /// The analyte: a name from the catalog (`ALT`, `AST`, `ALP`, `creatinine`, `total bilirubin`, `HbA1c`,
        /// `potassium`, `platelets`, `eGFR`) or its JLAC10 analyte code.
        public var analyte: String
        /// `aboveUpperLimit`, `belowUpperLimit`, `belowLowerLimit` (value = multiple of the site's reference limit),
        /// `above`, `below` (value in `unit`), `riseFromBaseline` (value = ratio to the baseline in `lookBackDays`).
        public var rule: String
        /// The multiple, threshold or ratio.
        public var value: Double
        /// Unit of an absolute threshold.
        public var unit: String?
        /// Days before a result that the baseline comes from (`riseFromBaseline`, default 7).
        public var lookBackDays: Int?
        /// `"all"` (default) or `"first"`.
        public var occurrences: String
        /// With `"all"`: days between counted events (default 1).
        public var minimumGapDays: Int

        /// Creates a lab outcome.
        public init(analyte: String, rule: String, value: Double, unit: String? = nil, lookBackDays: Int? = nil, occurrences: String = "all", minimumGapDays: Int = 1) {
            self.analyte = analyte
            self.rule = rule
            self.value = value
            self.unit = unit
            self.lookBackDays = lookBackDays
            self.occurrences = occurrences
            self.minimumGapDays = minimumGapDays
        }
        static let rules = ["aboveUpperLimit", "belowUpperLimit", "belowLowerLimit", "above", "below", "riseFromBaseline"]
        enum CodingKeys: String, CodingKey { case analyte, rule, value, unit, lookBackDays, occurrences, minimumGapDays }
        /// Decodes a lab outcome.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            analyte = try c.decode(String.self, forKey: .analyte)
            rule = try c.decode(String.self, forKey: .rule)
            value = try c.decode(Double.self, forKey: .value)
            unit = try c.decodeIfPresent(String.self, forKey: .unit)
            lookBackDays = try c.decodeIfPresent(Int.self, forKey: .lookBackDays)
            occurrences = try c.decodeIfPresent(String.self, forKey: .occurrences) ?? "all"
            minimumGapDays = try c.decodeIfPresent(Int.self, forKey: .minimumGapDays) ?? 1
            guard Self.rules.contains(rule) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .rule, in: c, debugDescription: "unknown rule \"\(rule)\"; expected one of: " + Self.rules.joined(separator: ", "))
            }
            if (rule == "above" || rule == "below") && unit == nil {
                throw DecodingError.dataCorruptedError(forKey: .unit, in: c, debugDescription: "rule \"\(rule)\" needs a \"unit\"")
            }
            guard Self.analyte(named: analyte) != nil else {
                throw DecodingError.dataCorruptedError(
                    forKey: .analyte, in: c,
                    debugDescription: "unknown analyte \"\(analyte)\"; expected one of: " + LabAnalyte.catalog.map(\.name).joined(separator: ", "))
            }
            try OutcomeSpec.checkOccurrences(occurrences, key: CodingKeys.occurrences, in: c)
        }

        /// The catalog analyte with this name (case-insensitive) or code.
        static func analyte(named s: String) -> LabAnalyte? {
            LabAnalyte.catalog.first { $0.name.lowercased() == s.lowercased() || $0.code == s }
        }

        /// The library's lab outcome.
        var labOutcome: LabOutcome? {
            guard let a = Self.analyte(named: analyte) else { return nil }
            let r: LabRule
            switch rule {
            case "aboveUpperLimit": r = .aboveUpperLimit(value)
            case "belowUpperLimit": r = .belowUpperLimit(value)
            case "belowLowerLimit": r = .belowLowerLimit(value)
            case "above": r = .above(value, unit: unit ?? a.unit)
            case "below": r = .below(value, unit: unit ?? a.unit)
            default: r = .riseFromBaseline(ratio: value, lookBackDays: lookBackDays ?? 7)
            }
            return LabOutcome(analyte: a, rule: r, occurrences: OutcomeSpec.occurrences(occurrences, gap: minimumGapDays))
        }
    }

    /// Creates an outcome.
    public init(name: String, diagnosis: DiagnosisSpec? = nil, lab: LabSpec? = nil, definition: OutcomeDefinition? = nil) {
        self.name = name
        self.diagnosis = diagnosis
        self.lab = lab
        self.definition = definition
    }

    enum CodingKeys: String, CodingKey { case name, diagnosis, lab, definition }

    /// Decodes an outcome.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        diagnosis = try c.decodeIfPresent(DiagnosisSpec.self, forKey: .diagnosis)
        lab = try c.decodeIfPresent(LabSpec.self, forKey: .lab)
        definition = try c.decodeIfPresent(OutcomeDefinition.self, forKey: .definition)
        let given = [diagnosis != nil, lab != nil, definition != nil].filter { $0 }.count
        guard given == 1 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "an outcome has exactly one of \"diagnosis\", \"lab\", \"definition\" (found \(given))"))
        }
    }

    static func checkOccurrences<K: CodingKey>(_ s: String, key: K, in c: KeyedDecodingContainer<K>) throws {
        guard s == "first" || s == "all" else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected \"first\" or \"all\", found \"\(s)\"")
        }
    }

    static func occurrences(_ s: String, gap: Int) -> OutcomeOccurrences { s == "first" ? .first : .all(minimumGapDays: gap) }

    /// The library's outcome definition, with concept sets resolved by name.
    func outcomeDefinition(conceptSets: [String: ConceptSet]) -> OutcomeDefinition? {
        if let d = diagnosis, let set = conceptSets[d.conceptSet] {
            return .diagnosis(DiagnosisOutcome(
                concepts: set, occurrences: Self.occurrences(d.occurrences, gap: d.minimumGapDays), confirmedOnly: d.confirmedOnly,
                inpatientOnly: d.inpatientOnly))
        }
        if let l = lab { return l.labOutcome.map(OutcomeDefinition.lab) }
        return definition
    }
}
