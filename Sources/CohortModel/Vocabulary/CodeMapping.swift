import Foundation

/// A mapping between drug code systems (for example YJ → ATC, receipt → YJ), applied when a concept set is
/// resolved.
///
/// Tables keep drug codes as recorded; a mapping does not rewrite them. Instead
/// ``ConceptSet/resolve(in:mapping:)`` counts a recorded concept as a member when the concept itself, or any
/// concept the mapping reaches from it (following mappings transitively, so receipt → YJ → ATC works),
/// matches the set. This keeps the source codes for auditing, allows one code to map to several targets
/// (combination products) and lets one network be studied with several mappings.
///
/// A mapping is read from CSV with the columns `source_system,source_code,target_system,target_code`:
///
/// ```
/// source_system,source_code,target_system,target_code
/// YJ,2171022F2025,ATC,C08CA01
/// YJ,1149019F1560,ATC,M01AE
/// ```
///
/// ```swift
/// let mapping = try CodeMapping.load(csv: mappingURL)
/// let ccb = ConceptSet(name: "dihydropyridines", include: [.init(system: .atc, code: "C08CA", descendants: true)])
/// let mask = ccb.resolve(in: network.vocabulary, mapping: mapping)   // true for the YJ amlodipine concept
/// ```
public struct CodeMapping: Sendable, Equatable {
    /// One line of the mapping.
    public struct Entry: Sendable, Hashable, Codable {
        /// The recorded concept.
        public var source: Vocabulary.Concept
        /// The concept it maps to.
        public var target: Vocabulary.Concept
        /// An entry.
        public init(source: Vocabulary.Concept, target: Vocabulary.Concept) {
            self.source = source
            self.target = target
        }
    }

    /// The entries in the order given, without repeats.
    public private(set) var entries: [Entry] = []
    private var targetsBySource: [Vocabulary.Concept: [Vocabulary.Concept]] = [:]

    /// An empty mapping.
    public init() {}

    /// A mapping from its entries (repeated entries are kept once).
    ///
    /// - Throws: ``CohortModelError/invalidCodeMapping(code:reason:)`` for a source or target code that fails
    ///   its system's format check (``CodeSystem/formatProblem(_:)``) or an entry that maps a code to itself.
    public init(_ entries: [Entry]) throws(CohortModelError) {
        for e in entries { try add(e) }
    }

    private mutating func add(_ e: Entry) throws(CohortModelError) {
        for c in [e.source, e.target] {
            if let problem = c.system.formatProblem(c.code) {
                throw .invalidCodeMapping(code: "\(c.system.rawValue) \(c.code)", reason: problem)
            }
        }
        if e.source == e.target {
            throw .invalidCodeMapping(code: "\(e.source.system.rawValue) \(e.source.code)", reason: "maps to itself")
        }
        if targetsBySource[e.source]?.contains(e.target) == true { return }
        targetsBySource[e.source, default: []].append(e.target)
        entries.append(e)
    }

    /// Number of entries.
    public var count: Int { entries.count }

    /// The direct targets of `concept`, in entry order.
    public func targets(of concept: Vocabulary.Concept) -> [Vocabulary.Concept] { targetsBySource[concept] ?? [] }

    /// The direct targets of `code` in `system`.
    public func targets(of code: String, system: CodeSystem) -> [Vocabulary.Concept] {
        targets(of: Vocabulary.Concept(system: system, code: code))
    }

    /// Every concept reachable from `concept` by following the mapping (not including `concept` itself unless a
    /// cycle returns to it), breadth first.
    public func reachable(from concept: Vocabulary.Concept) -> [Vocabulary.Concept] {
        var seen: Set<Vocabulary.Concept> = [concept]
        var out: [Vocabulary.Concept] = []
        var queue = targets(of: concept)
        var k = 0
        while k < queue.count {
            let c = queue[k]
            k += 1
            if seen.insert(c).inserted {
                out.append(c)
                queue += targets(of: c)
            }
        }
        return out
    }

    /// Same entries in the same order.
    public static func == (a: CodeMapping, b: CodeMapping) -> Bool { a.entries == b.entries }
}

// MARK: - Reading from CSV

extension CodeMapping {
    /// Reads a mapping from a CSV file with columns `source_system,source_code,target_system,target_code`.
    ///
    /// - Throws: ``CohortModelError/csv(_:)`` for an unreadable or malformed file,
    ///   ``CohortModelError/missingColumn(name:file:)``, and ``CohortModelError/rejectedRow(_:)`` (table
    ///   `code_mapping`, with line and column) for an empty field, an unknown code system or a code that fails its
    ///   format check.
    public static func load(csv url: URL) throws(CohortModelError) -> CodeMapping {
        let table: CSVTable
        do { table = try CSVTable.read(contentsOf: url) } catch { throw .csv(error) }
        return try CodeMapping(csv: table)
    }

    /// Reads a mapping from CSV text (see ``load(csv:)``); `source` names it in errors.
    public init(csv bytes: [UInt8], source: String) throws(CohortModelError) {
        let table: CSVTable
        do { table = try CSVTable(parsing: bytes, source: source) } catch { throw .csv(error) }
        try self.init(csv: table)
    }

    init(csv table: CSVTable) throws(CohortModelError) {
        let names = ["source_system", "source_code", "target_system", "target_code"]
        var positions: [Int] = []
        for n in names {
            guard let k = table.columnPosition(n) else { throw .missingColumn(name: n, file: table.source) }
            positions.append(k)
        }
        for r in 0..<table.rowCount {
            let line = table.line(ofRow: r) ?? 0
            func reject(_ column: Int, _ reason: RejectionReason, _ detail: String?) -> CohortModelError {
                var rej = LoadReport.Rejection(
                    table: "code_mapping", file: table.source, line: line, column: names[column],
                    value: table.string(row: r, column: positions[column]), reason: reason.rawValue, site: nil)
                rej.detail = detail
                return .rejectedRow(rej)
            }
            var f: [String] = []
            for (c, k) in positions.enumerated() {
                let v = table.string(row: r, column: k).trimmingCharacters(in: .whitespaces)
                if v.isEmpty { throw reject(c, .missingValue, nil) }
                f.append(v)
            }
            let systems = CodeSystem.allCases.map(\.rawValue).joined(separator: ", ")
            guard let ss = CodeSystem(rawValue: f[0]) else { throw reject(0, .invalidValue, "code systems are \(systems)") }
            guard let ts = CodeSystem(rawValue: f[2]) else { throw reject(2, .invalidValue, "code systems are \(systems)") }
            if let p = ss.formatProblem(f[1]) { throw reject(1, .unknownCode, p) }
            if let p = ts.formatProblem(f[3]) { throw reject(3, .unknownCode, p) }
            do {
                try add(Entry(source: .init(system: ss, code: f[1]), target: .init(system: ts, code: f[3])))
            } catch {
                throw reject(3, .invalidValue, "a code cannot map to itself")
            }
        }
    }
}

// MARK: - Concept-set resolution

extension ConceptSet {
    /// A membership mask over the vocabulary's concept ids, counting a concept as a member when it or any concept
    /// `mapping` reaches from it matches an inclusion, and none of them matches an exclusion (exclusions win, as
    /// in ``resolve(in:)``).
    ///
    /// - Complexity: O(concepts × (items + mapped targets)).
    public func resolve(in vocabulary: Vocabulary, mapping: CodeMapping) -> [Bool] {
        vocabulary.concepts.map { c in
            let candidates = [c] + mapping.reachable(from: c)
            let included = candidates.contains { x in include.contains { $0.matches(x) } }
            let excluded = candidates.contains { x in exclude.contains { $0.matches(x) } }
            return included && !excluded
        }
    }
}

extension ConceptSet {
    /// The concept set as the explicit list of the vocabulary's concepts it reaches through `mapping`
    /// (``resolve(in:mapping:)``): an ATC concept set becomes the YJ codes recorded in the data that map to it, so every
    /// design, era and covariate builder that resolves concept sets directly finds them.
    public func expanded(in vocabulary: Vocabulary, mapping: CodeMapping) -> ConceptSet {
        let mask = resolve(in: vocabulary, mapping: mapping)
        let members = vocabulary.concepts.indices.filter { mask[$0] }.map { Item(system: vocabulary.concepts[$0].system, code: vocabulary.concepts[$0].code) }
        // Keep the original items too, so a set stays valid (and recognisable) when nothing in the data maps to it.
        return ConceptSet(name: name, include: include + members.filter { m in !include.contains(m) }, exclude: exclude)
    }
}
