import SignalStatsCore
import Foundation
import CohortModel

/// Drug classes for network-wide screening: each concept of a vocabulary belongs to at most one class.
///
/// ```swift
/// // YJ efficacy classes (the first four characters of a YJ code):
/// let classes = SSADrugClasses.codePrefix(length: 4, system: .yj, in: network.vocabulary)
/// // ATC level 4 from a YJ-to-ATC table:
/// let atc4 = SSADrugClasses(vocabulary: network.vocabulary) { c in
///     c.system == .yj ? yjToATC[c.code].map { String($0.prefix(5)) } : nil
/// }
/// ```
public struct SSADrugClasses: Sendable, Equatable {
    /// The class names, in class-index order.
    public let names: [String]
    /// The class of each concept id (`-1` for none).
    let classOfConcept: [Int32]

    /// Number of classes.
    public var count: Int { names.count }

    /// Classes named by a function of each concept (`nil` leaves the concept out); classes are sorted by name.
    public init(vocabulary: Vocabulary, classify: (Vocabulary.Concept) -> String?) {
        let labels = vocabulary.concepts.map(classify)
        let names = Array(Set(labels.compactMap { $0 })).sorted()
        var index: [String: Int32] = [:]
        for (k, name) in names.enumerated() { index[name] = Int32(k) }
        self.names = names
        classOfConcept = labels.map { $0.flatMap { index[$0] } ?? -1 }
    }

    /// One class per concept set, named by the set.
    ///
    /// - Throws: ``SSAError/invalidClasses(_:)`` when two sets share a name or a concept, or there are no sets.
    public init(conceptSets: [ConceptSet], in vocabulary: Vocabulary) throws(SSAError) {
        guard !conceptSets.isEmpty else { throw .invalidClasses("no concept sets") }
        var classOf = [Int32](repeating: -1, count: vocabulary.count)
        var seen = Set<String>()
        for (k, set) in conceptSets.enumerated() {
            guard seen.insert(set.name).inserted else { throw .invalidClasses("two concept sets are named \(set.name)") }
            for (c, member) in set.resolve(in: vocabulary).enumerated() where member {
                if classOf[c] >= 0 {
                    let concept = vocabulary[Int32(c)]
                    throw .invalidClasses(
                        "concept \(concept.system) \(concept.code) is in both \(conceptSets[Int(classOf[c])].name) and \(set.name)")
                }
                classOf[c] = Int32(k)
            }
        }
        names = conceptSets.map(\.name)
        classOfConcept = classOf
    }

    /// Classes by the first `length` characters of the codes of one system (dots removed): YJ length 4 is the
    /// efficacy class, 7 the ingredient; ATC length 5 is level 4 (chemical subgroup).
    public static func codePrefix(length: Int, system: CodeSystem, in vocabulary: Vocabulary) -> SSADrugClasses {
        SSADrugClasses(vocabulary: vocabulary) { c in
            guard c.system == system else { return nil }
            let code = c.code.replacingOccurrences(of: ".", with: "")
            return code.count >= length ? String(code.prefix(length)) : nil
        }
    }

    /// The class index of a name.
    public func index(of name: String) -> Int? { names.firstIndex(of: name) }
}
