import CohortModel

/// A study's concept sets as the designs use them: expanded through the data's code mapping, with what each matched.
struct ResolvedConceptSets {
    /// The sets by name, expanded through the code mapping when there is one.
    var sets: [String: ConceptSet]
    /// What each set matched, in the study's order.
    var matches: [ConceptSetMatches]
    /// Drug records each set matched, by name.
    var drugRecords: [String: Int]

    init(_ specs: [ConceptSet], network: Network, mapping: CodeMapping?) {
        let vocabulary = network.vocabulary
        sets = [:]
        matches = []
        drugRecords = [:]
        for c in specs {
            let set = mapping.map { c.expanded(in: vocabulary, mapping: $0) } ?? c
            sets[c.name] = set
            let mask = set.resolve(in: vocabulary)
            let drugs = Self.count(mask, network.drugs) { $0.drug }
            let diagnoses = Self.count(mask, network.diagnoses) { $0.code }
            drugRecords[c.name] = drugs.records
            matches.append(ConceptSetMatches(
                name: c.name, expandedThroughMapping: mapping != nil && mask != c.resolve(in: vocabulary), drugRecords: .value(drugs.records),
                drugPersons: .value(drugs.persons), diagnosisRecords: .value(diagnoses.records), diagnosisPersons: .value(diagnoses.persons)))
        }
    }

    /// Records whose concept is in `mask`, and the persons they belong to (one pass over the person-sorted table).
    static func count<T>(_ mask: [Bool], _ table: PersonIndexed<T>, _ codes: (T) -> [Int32]) -> (records: Int, persons: Int) {
        let column = codes(table.table)
        var records = 0, persons = 0
        for p in 0..<max(0, table.offsets.count - 1) {
            var any = false
            for r in table.rows(ofPerson: p) {
                let c = Int(column[r])
                if c >= 0 && c < mask.count && mask[c] {
                    records += 1
                    any = true
                }
            }
            if any { persons += 1 }
        }
        return (records, persons)
    }

    /// The code systems of the drug records, for a message about a concept set that matches nothing.
    static func drugCodeSystems(_ network: Network) -> [String] {
        var seen = Set<CodeSystem>()
        let concepts = network.vocabulary.concepts
        for c in network.drugs.table.drug where c >= 0 && Int(c) < concepts.count { seen.insert(concepts[Int(c)].system) }
        return seen.map(\.rawValue).sorted()
    }
}
