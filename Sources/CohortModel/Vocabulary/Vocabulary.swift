/// Interns codes to small integer ids, so tables store 4-byte ids instead of strings.
///
/// A concept is a `(system, code)` pair; the same text in two systems is two concepts. Ids are assigned in
/// order of first appearance and never change while the vocabulary grows, so ids taken from a table stay valid.
public struct Vocabulary: Sendable, Equatable {
    /// A coded concept.
    public struct Concept: Sendable, Hashable, Codable {
        public let system: CodeSystem
        public let code: String
        public init(system: CodeSystem, code: String) {
            self.system = system
            self.code = code
        }
    }

    /// Concepts by id.
    public private(set) var concepts: [Concept] = []
    private var ids: [Concept: Int32] = [:]

    public init() {}

    /// Number of concepts.
    public var count: Int { concepts.count }

    /// The id of `code` in `system`, adding it if new.
    public mutating func intern(_ code: String, system: CodeSystem) -> Int32 {
        let c = Concept(system: system, code: code)
        if let id = ids[c] { return id }
        let id = Int32(concepts.count)
        concepts.append(c)
        ids[c] = id
        return id
    }

    /// The id of `code` in `system`, if present.
    public func id(of code: String, system: CodeSystem) -> Int32? { ids[Concept(system: system, code: code)] }

    /// The concept with id `id`.
    public subscript(id: Int32) -> Concept { concepts[Int(id)] }

    /// Ids of every concept in `system` whose code satisfies `predicate`.
    public func ids(in system: CodeSystem, where predicate: (String) -> Bool) -> [Int32] {
        concepts.indices.compactMap { i in
            concepts[i].system == system && predicate(concepts[i].code) ? Int32(i) : nil
        }
    }
}
