import CohortModel
import Foundation

/// Standard OMOP concepts for the codes of a network's vocabulary (YJ, ICD-10, JLAC10, …), for the writer.
///
/// Read from CSV with the columns `source_system,source_code,concept_id,concept_name,domain_id,vocabulary_id,
/// concept_class_id,concept_code,source` (the last names where the correspondence comes from). Codes without an
/// entry are written with concept id 0 and their code as source value.
public struct OMOPCodeMap: Sendable, Equatable {
    /// A standard concept.
    public struct Target: Sendable, Equatable {
        public var conceptID: Int
        public var name: String
        public var domain: String
        public var vocabulary: String
        public var conceptClass: String
        public var code: String
        /// Where the correspondence comes from.
        public var source: String
    }

    /// Targets by recorded concept.
    public private(set) var targets: [Vocabulary.Concept: Target] = [:]

    /// An empty map (every code gets concept id 0).
    public init() {}

    /// A map from CSV text; `source` names it in errors.
    ///
    /// - Throws: ``OMOPError/csv(_:)``, ``OMOPError/invalidMapping(file:line:reason:)`` for an unknown code system, a
    ///   code failing its format check, a concept id that is not a positive integer, or a code listed twice.
    public init(csv bytes: [UInt8], source: String) throws(OMOPError) {
        let t: CSVTable
        do { t = try CSVTable(parsing: bytes, source: source) } catch { throw .csv(error) }
        let names = ["source_system", "source_code", "concept_id", "concept_name", "domain_id", "vocabulary_id",
                     "concept_class_id", "concept_code", "source"]
        var k: [Int] = []
        for n in names {
            guard let p = t.columnPosition(n) else { throw .missingColumn(table: "code map", column: n, location: source) }
            k.append(p)
        }
        for r in 0..<t.rowCount {
            let line = t.line(ofRow: r) ?? 0
            let f = k.map { t.string(row: r, column: $0).trimmingCharacters(in: .whitespaces) }
            guard let system = CodeSystem(rawValue: f[0]) else {
                throw .invalidMapping(file: source, line: line, reason: "source_system \"\(f[0])\" is not a code system")
            }
            if let p = system.formatProblem(f[1]) { throw .invalidMapping(file: source, line: line, reason: "\(f[1]): \(p)") }
            guard let id = Int(f[2]), id > 0 else {
                throw .invalidMapping(file: source, line: line, reason: "concept_id \"\(f[2])\" is not a positive integer")
            }
            let key = Vocabulary.Concept(system: system, code: f[1])
            guard targets[key] == nil else { throw .invalidMapping(file: source, line: line, reason: "\(f[0]) \(f[1]) is listed twice") }
            targets[key] = Target(conceptID: id, name: f[3], domain: f[4], vocabulary: f[5], conceptClass: f[6], code: f[7], source: f[8])
        }
    }

    /// Reads a map from a CSV file.
    public static func load(csv url: URL) throws(OMOPError) -> OMOPCodeMap {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .io(path: url.path, message: "cannot read") }
        return try OMOPCodeMap(csv: [UInt8](data), source: url.path)
    }

    /// The target of a concept.
    public func target(of concept: Vocabulary.Concept) -> Target? { targets[concept] }
}
