/// A definition is stored as an object with one key naming its kind:
///
/// ```json
/// {"allOf": {"outcomes": [{"lab": {...}}, {"diagnosis": {...}}], "withinDays": 14, "occurrences": {"first": {}}}}
/// ```
///
/// The kinds are `diagnosis`, `lab`, `hysLaw`, `admission` (each holding its struct), `anyOf` (`outcomes`,
/// `occurrences`) and `allOf` (`outcomes`, `withinDays`, `occurrences`).
extension OutcomeDefinition: Codable {
    private enum Kind: String, CodingKey, CaseIterable {
        case diagnosis, lab, hysLaw, admission, anyOf, allOf
    }

    private struct AnyOf: Codable {
        var outcomes: [OutcomeDefinition]
        var occurrences: OutcomeOccurrences
    }

    private struct AllOf: Codable {
        var outcomes: [OutcomeDefinition]
        var withinDays: Int
        var occurrences: OutcomeOccurrences
    }

    /// Decodes a definition.
    ///
    /// - Throws: `DecodingError.dataCorrupted` unless the object has exactly one of the kind keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Kind.self)
        guard c.allKeys.count == 1, let kind = c.allKeys.first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: c.codingPath,
                debugDescription: "an outcome definition has exactly one of the keys "
                    + Kind.allCases.map(\.rawValue).joined(separator: ", ") + "; found \(c.allKeys.map(\.stringValue))"))
        }
        switch kind {
        case .diagnosis: self = .diagnosis(try c.decode(DiagnosisOutcome.self, forKey: kind))
        case .lab: self = .lab(try c.decode(LabOutcome.self, forKey: kind))
        case .hysLaw: self = .hysLaw(try c.decode(HysLawOutcome.self, forKey: kind))
        case .admission: self = .admission(try c.decode(AdmissionOutcome.self, forKey: kind))
        case .anyOf:
            let a = try c.decode(AnyOf.self, forKey: kind)
            self = .anyOf(a.outcomes, occurrences: a.occurrences)
        case .allOf:
            let a = try c.decode(AllOf.self, forKey: kind)
            self = .allOf(a.outcomes, withinDays: a.withinDays, occurrences: a.occurrences)
        }
    }

    /// Encodes the definition as an object with one key naming its kind.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Kind.self)
        switch self {
        case .diagnosis(let d): try c.encode(d, forKey: .diagnosis)
        case .lab(let l): try c.encode(l, forKey: .lab)
        case .hysLaw(let h): try c.encode(h, forKey: .hysLaw)
        case .admission(let a): try c.encode(a, forKey: .admission)
        case .anyOf(let parts, let occurrences): try c.encode(AnyOf(outcomes: parts, occurrences: occurrences), forKey: .anyOf)
        case .allOf(let parts, let window, let occurrences):
            try c.encode(AllOf(outcomes: parts, withinDays: window, occurrences: occurrences), forKey: .allOf)
        }
    }
}
