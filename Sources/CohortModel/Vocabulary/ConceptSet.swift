/// A named set of concepts: included codes (optionally with their descendants) minus excluded ones.
///
/// Descendants follow the code hierarchy by prefix, as ICD-10 and ATC are built: `K29` with descendants
/// includes `K29.7` and `K297`; `C09A` includes `C09AA05`. (YJ codes also nest by prefix: the first four
/// characters are the drug-efficacy class.) Exclusions win over inclusions.
///
/// ```swift
/// let ace = ConceptSet(name: "ACE inhibitors", include: [.init(system: .atc, code: "C09A", descendants: true)])
/// let mask = ace.resolve(in: network.vocabulary)   // mask[conceptID] is true for members
/// ```
public struct ConceptSet: Sendable, Equatable, Codable {
    /// One line of a concept set.
    public struct Item: Sendable, Equatable, Codable {
        public var system: CodeSystem
        public var code: String
        public var descendants: Bool
        public init(system: CodeSystem, code: String, descendants: Bool = false) {
            self.system = system
            self.code = code
            self.descendants = descendants
        }

        func matches(_ c: Vocabulary.Concept) -> Bool {
            guard c.system == system else { return false }
            if !descendants { return c.code == code }
            let stripped = c.code.replacingOccurrences(of: ".", with: "")
            return stripped.hasPrefix(code.replacingOccurrences(of: ".", with: ""))
        }
    }

    public var name: String
    public var include: [Item]
    public var exclude: [Item]

    public init(name: String, include: [Item], exclude: [Item] = []) {
        self.name = name
        self.include = include
        self.exclude = exclude
    }

    /// A membership mask over the vocabulary's concept ids.
    public func resolve(in vocabulary: Vocabulary) -> [Bool] {
        vocabulary.concepts.map { c in
            include.contains { $0.matches(c) } && !exclude.contains { $0.matches(c) }
        }
    }
}
