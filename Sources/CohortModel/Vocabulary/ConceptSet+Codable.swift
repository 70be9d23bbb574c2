import Foundation

extension ConceptSet.Item {
    enum CodingKeys: String, CodingKey { case system, code, descendants }

    /// Decodes an item: `system` (case-insensitive), a non-empty `code`, and `descendants` (default false).
    ///
    /// An empty code is an error: with `descendants` it would match every code of the system.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let s = try c.decode(String.self, forKey: .system)
        guard let system = CodeSystem(rawValue: s.uppercased()) else {
            throw DecodingError.dataCorruptedError(
                forKey: .system, in: c,
                debugDescription: "unknown code system \"\(s)\"; expected one of: " + CodeSystem.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let code = try c.decode(String.self, forKey: .code)
        guard !code.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .code, in: c, debugDescription: "a code is not empty (with descendants it would match every \(system.rawValue) code)")
        }
        self.init(system: system, code: code, descendants: try c.decodeIfPresent(Bool.self, forKey: .descendants) ?? false)
    }
}

extension ConceptSet {
    enum CodingKeys: String, CodingKey { case name, include, exclude }

    /// Decodes a concept set: `name`, at least one `include` item, and `exclude` items (default none; exclusions win).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let include = try c.decode([Item].self, forKey: .include)
        guard !include.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .include, in: c, debugDescription: "a concept set includes at least one code")
        }
        self.init(
            name: try c.decode(String.self, forKey: .name), include: include,
            exclude: try c.decodeIfPresent([Item].self, forKey: .exclude) ?? [])
    }
}

/// A concept set named by a design: a reference to one of the study's concept sets by name (the study-file form,
/// `"conceptSet": "levofloxacin"`), or the concept set itself (the Swift form).
///
/// A design prepares only with defined concept sets: ``resolved(in:)`` replaces a name by the definition.
public enum ConceptSetReference: Sendable, Equatable, Codable {
    /// A concept set defined elsewhere in the study, by name.
    case named(String)
    /// The concept set itself.
    case defined(ConceptSet)

    /// The concept set's name.
    public var name: String {
        switch self {
        case .named(let n): return n
        case .defined(let c): return c.name
        }
    }

    /// The definition, when this reference holds it.
    public var conceptSet: ConceptSet? {
        if case .defined(let c) = self { return c }
        return nil
    }

    /// The definition: this reference's own, or the set of that name in `sets`.
    ///
    /// - Throws: ``CohortModelError/undefinedConceptSet(name:defined:)`` when the name is not in `sets`.
    public func resolved(in sets: [String: ConceptSet]) throws(CohortModelError) -> ConceptSet {
        switch self {
        case .defined(let c): return c
        case .named(let n):
            guard let c = sets[n] else { throw .undefinedConceptSet(name: n, defined: sets.keys.sorted()) }
            return c
        }
    }

    /// Decodes a name (a string) or a definition (an object).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let name = try? c.decode(String.self) {
            self = .named(name)
        } else {
            self = .defined(try ConceptSet(from: decoder))
        }
    }

    /// Encodes a name as a string and a definition as an object.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .named(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .defined(let s): try s.encode(to: encoder)
        }
    }
}
