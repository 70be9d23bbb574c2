/// Continuous spans of exposure to one drug group (for example an ingredient or an ATC class).
///
/// Built like OHDSI's drug eras: a person's exposures to one group, in start order, merge while the next
/// starts no more than `persistenceGap` days after the current era ends. With `stockpiling`, a refill that
/// starts before the previous supply runs out is taken to start the day after it does (supply accumulates).
public struct DrugEraTable: Sendable, Equatable {
    public var person: [Int32] = []
    /// The group index (position in the list of concept sets given to ``DrugEras/build(network:groups:options:)``).
    public var group: [Int32] = []
    public var start: [Day] = []
    public var end: [Day] = []
    /// Number of exposure records merged into the era.
    public var exposures: [Int32] = []
    public var count: Int { person.count }
}

/// Options for ``DrugEras``.
public struct DrugEraOptions: Sendable, Equatable, Codable {
    /// Largest gap in days between one exposure's end and the next one's start that still continues the era.
    public var persistenceGap: Int = 30
    /// Whether overlapping refills accumulate supply.
    public var stockpiling: Bool = false
    public init(persistenceGap: Int = 30, stockpiling: Bool = false) {
        self.persistenceGap = persistenceGap
        self.stockpiling = stockpiling
    }
}

/// Builds drug eras.
public enum DrugEras {
    /// Eras for each concept set in `groups`, sorted by person then start, indexed by person.
    ///
    /// A drug concept in several groups contributes to each.
    /// - Complexity: O(n) over the drug table plus a per-person sort of that person's matching exposures.
    public static func build(
        network: Network, groups: [ConceptSet], options: DrugEraOptions = .init()
    ) -> PersonIndexed<DrugEraTable> {
        // conceptGroups[c] = groups containing concept c.
        var conceptGroups = [[Int32]](repeating: [], count: network.vocabulary.count)
        for (g, set) in groups.enumerated() {
            for (c, member) in set.resolve(in: network.vocabulary).enumerated() where member {
                conceptGroups[c].append(Int32(g))
            }
        }
        let t = network.drugs.table
        var out = DrugEraTable()
        var buffer: [(group: Int32, start: Int32, days: Int32)] = []
        for p in 0..<network.personCount {
            buffer.removeAll(keepingCapacity: true)
            for i in network.drugs.rows(ofPerson: p) {
                for g in conceptGroups[Int(t.drug[i])] {
                    buffer.append((g, t.start[i].rawValue, max(t.daysSupply[i], 1)))
                }
            }
            guard !buffer.isEmpty else { continue }
            buffer.sort { ($0.group, $0.start) < ($1.group, $1.start) }
            var k = 0
            while k < buffer.count {
                let g = buffer[k].group
                let eraStart = buffer[k].start
                var eraEnd = buffer[k].start + buffer[k].days - 1
                var n: Int32 = 1
                k += 1
                while k < buffer.count, buffer[k].group == g {
                    let s = buffer[k].start
                    guard Int(s) - Int(eraEnd) - 1 <= options.persistenceGap else { break }
                    if options.stockpiling && s <= eraEnd {
                        eraEnd += buffer[k].days
                    } else {
                        eraEnd = max(eraEnd, s + buffer[k].days - 1)
                    }
                    n += 1
                    k += 1
                }
                out.person.append(Int32(p))
                out.group.append(g)
                out.start.append(Day(eraStart))
                out.end.append(Day(eraEnd))
                out.exposures.append(n)
            }
        }
        // Rows are per person, grouped by group then start; sort each person's rows by start.
        let perm = sortPermutation(person: out.person, date: out.start)
        let sorted = DrugEraTable(
            person: out.person.permuted(perm), group: out.group.permuted(perm), start: out.start.permuted(perm),
            end: out.end.permuted(perm), exposures: out.exposures.permuted(perm))
        return PersonIndexed(table: sorted, offsets: personOffsets(sorted.person, personCount: network.personCount))
    }
}
