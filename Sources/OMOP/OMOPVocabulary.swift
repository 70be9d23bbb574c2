/// The OMOP vocabulary tables the reader loads: `concept`, `concept_ancestor` and the `Maps to` rows of
/// `concept_relationship`, for checking concept ids and resolving concept sets with descendants and mapped codes.
public struct OMOPVocabulary: Sendable, Equatable {
    /// One row of `concept`.
    public struct Concept: Sendable, Equatable, Codable {
        public var id: Int
        public var name: String
        public var domain: String
        public var vocabulary: String
        public var conceptClass: String
        /// `S` (standard), `C` (classification) or `nil`.
        public var standard: String?
        public var code: String
        /// A concept.
        public init(id: Int, name: String, domain: String, vocabulary: String, conceptClass: String, standard: String?, code: String) {
            self.id = id
            self.name = name
            self.domain = domain
            self.vocabulary = vocabulary
            self.conceptClass = conceptClass
            self.standard = standard
            self.code = code
        }
    }

    /// Concepts by id.
    public private(set) var concepts: [Int: Concept] = [:]
    /// `concept_ancestor`: descendants by ancestor (the rows as given; the CDM lists each concept as its own
    /// ancestor at level 0, and ``descendants(of:)`` adds the concept itself in any case).
    public private(set) var descendantsByAncestor: [Int: [Int]] = [:]
    /// `concept_relationship` rows with `relationship_id = 'Maps to'`: targets by source concept.
    public private(set) var mapsTo: [Int: [Int]] = [:]
    /// Sources by target of the `Maps to` rows.
    public private(set) var mappedFrom: [Int: [Int]] = [:]

    /// An empty vocabulary.
    public init() {}

    /// Whether `concept` was loaded (`concept` table rows).
    public var isEmpty: Bool { concepts.isEmpty }

    /// Adds a `concept` row.
    public mutating func add(_ c: Concept) { concepts[c.id] = c }

    /// Adds a `concept_ancestor` row.
    public mutating func addAncestor(_ ancestor: Int, descendant: Int) { descendantsByAncestor[ancestor, default: []].append(descendant) }

    /// Adds a `Maps to` row.
    public mutating func addMapsTo(source: Int, target: Int) {
        mapsTo[source, default: []].append(target)
        mappedFrom[target, default: []].append(source)
    }

    /// `concept` and its descendants (from `concept_ancestor`).
    public func descendants(of concept: Int) -> Set<Int> {
        var s: Set<Int> = [concept]
        for d in descendantsByAncestor[concept] ?? [] { s.insert(d) }
        return s
    }
}

/// A concept set with HADES (ATLAS) semantics: each item names a concept and whether its descendants and the
/// source concepts mapped to it are included, or whether it is excluded; excluded concepts (expanded the same way)
/// are removed from the included ones.
///
/// ```swift
/// let celecoxib = OMOPConceptSet(name: "celecoxib", items: [.init(conceptID: 1118084, includeDescendants: true)])
/// let set = celecoxib.conceptSet(in: loaded.vocabulary)   // a CohortModel ConceptSet of OMOP concept ids
/// let mask = set.resolve(in: loaded.network.vocabulary, mapping: loaded.sourceMapping)
/// ```
public struct OMOPConceptSet: Sendable, Equatable, Codable {
    /// One item.
    public struct Item: Sendable, Equatable, Codable {
        public var conceptID: Int
        public var isExcluded: Bool
        public var includeDescendants: Bool
        public var includeMapped: Bool
        /// An item.
        public init(conceptID: Int, isExcluded: Bool = false, includeDescendants: Bool = false, includeMapped: Bool = false) {
            self.conceptID = conceptID
            self.isExcluded = isExcluded
            self.includeDescendants = includeDescendants
            self.includeMapped = includeMapped
        }
    }

    public var name: String
    public var items: [Item]

    /// A concept set.
    public init(name: String, items: [Item]) {
        self.name = name
        self.items = items
    }

    /// The concept ids of the set: included items (with descendants and mapped source concepts where asked) minus
    /// excluded ones (expanded the same way).
    public func conceptIDs(in vocabulary: OMOPVocabulary) -> Set<Int> {
        func expand(_ item: Item) -> Set<Int> {
            var s = item.includeDescendants ? vocabulary.descendants(of: item.conceptID) : [item.conceptID]
            if item.includeMapped {
                for c in s { for m in vocabulary.mappedFrom[c] ?? [] { s.insert(m) } }
            }
            return s
        }
        var included: Set<Int> = []
        var excluded: Set<Int> = []
        for item in items {
            if item.isExcluded { excluded.formUnion(expand(item)) } else { included.formUnion(expand(item)) }
        }
        return included.subtracting(excluded)
    }

    /// The set as a CohortModel concept set of OMOP concepts (one item per concept id, no prefix matching). Rows
    /// recorded with a Japanese source code count as members through the load's source mapping
    /// (``OMOPLoadedNetwork/sourceMapping``) when resolved with `ConceptSet.resolve(in:mapping:)`.
    public func conceptSet(in vocabulary: OMOPVocabulary) -> ConceptSet {
        ConceptSet(name: name, include: conceptIDs(in: vocabulary).sorted().map {
            ConceptSet.Item(system: .omop, code: String($0))
        })
    }
}

import CohortModel
