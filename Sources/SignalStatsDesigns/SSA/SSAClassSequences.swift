import SignalStatsCore
import CohortModel

/// Incident sequences of every ordered pair of drug classes, counted in one pass over a network: the prepared
/// data of network-wide SSA screening (``screen(_:)``).
///
/// For each person, the first record of each class is that class's first start, incident under the same rules
/// as ``SSASequences`` (inside observation, after the washout, inside the study period). Every pair of a person's
/// incident classes is classified by the gap between the two starts, so a person starting `m` classes adds to
/// `m(m − 1)/2` pairs; the daily incidence of each class feeds the null-effect ratios.
///
/// - Complexity: one pass over the drug records, O(records + Σ m²) over persons, split over the cores; memory
///   O(classes² + classes × days).
public struct SSAClassSequences: Sendable {
    /// The class names.
    public let classes: [String]
    /// The design (washout, gap, study period).
    public let design: SSADesign
    /// The study period used.
    public let studyPeriod: ClosedRange<Day>
    /// Incident users of each class whose first start lies in the study period.
    public let incidentUsers: [Int]
    /// `ordered[i * K + j]`: persons who started class `i`, then class `j` inside the gap.
    let ordered: [Int32]
    /// `unordered[i * K + j]` for `i < j`: persons with incident starts of both (any gap, same day included).
    let both: [Int32]
    /// `sameDay[i * K + j]` for `i < j`: persons who started both on one day.
    let sameDay: [Int32]
    /// Daily incident starts per class, as sparse `(day, count)` lists over the study period.
    let incidence: [[(day: Int32, count: Double)]]

    /// Number of classes.
    public var count: Int { classes.count }

    /// Persons who started class `first`, then class `second` inside the gap.
    public func orderedPairs(first: Int, then second: Int) -> Int { Int(ordered[first * count + second]) }

    /// Persons with incident starts of both classes in the study period (every gap, same day included).
    public func pairs(_ i: Int, _ j: Int) -> Int { Int(both[min(i, j) * count + max(i, j)]) }

    /// Persons who started both classes on the same day.
    public func sameDayPairs(_ i: Int, _ j: Int) -> Int { Int(sameDay[min(i, j) * count + max(i, j)]) }

    /// Counts the incident sequences of all class pairs.
    ///
    /// - Throws: ``SSAError/invalidDesign(_:)``, ``SSAError/studyPeriodShorterThanGap(periodDays:minimumGapDays:)``,
    ///   ``SSAError/invalidClasses(_:)`` when there are fewer than two classes or the class map does not fit the
    ///   network's vocabulary.
    public init(network: Network, classes: SSADrugClasses, design: SSADesign = .init()) throws(SSAError) {
        try design.validate()
        guard classes.count >= 2 else { throw .invalidClasses("screening needs at least two classes, got \(classes.count)") }
        guard classes.classOfConcept.count == network.vocabulary.count else {
            throw .invalidClasses(
                "the class map covers \(classes.classOfConcept.count) concepts but the network's vocabulary has \(network.vocabulary.count)")
        }
        guard let period = design.studyPeriod ?? network.observationSpan else {
            throw .invalidDesign("no study period: the design leaves it open and the network has no observation periods")
        }
        try design.validate(period: period)
        let k = classes.count
        let blocks = rowBlocks(network.personCount, count: max(1, defaultPartitionCount))
        let classOf = classes.classOfConcept
        let parts = parallelMap(count: blocks.count) { b in
            Self.count(network: network, classOf: classOf, classes: k, persons: blocks[b], design: design, period: period)
        }
        var ordered = [Int32](repeating: 0, count: k * k)
        var both = [Int32](repeating: 0, count: k * k)
        var sameDay = [Int32](repeating: 0, count: k * k)
        let u = period.upperBound - period.lowerBound + 1
        var daily = [Int32](repeating: 0, count: k * u)
        for part in parts {
            for i in 0..<(k * k) {
                ordered[i] &+= part.ordered[i]
                both[i] &+= part.both[i]
                sameDay[i] &+= part.sameDay[i]
            }
            for i in 0..<(k * u) { daily[i] &+= part.daily[i] }
        }
        var users = [Int](repeating: 0, count: k)
        var incidence: [[(day: Int32, count: Double)]] = []
        for c in 0..<k {
            var list: [(day: Int32, count: Double)] = []
            for d in 0..<u where daily[c * u + d] > 0 {
                list.append((Int32(d), Double(daily[c * u + d])))
                users[c] += Int(daily[c * u + d])
            }
            incidence.append(list)
        }
        self.classes = classes.names
        self.design = design
        studyPeriod = period
        incidentUsers = users
        self.ordered = ordered
        self.both = both
        self.sameDay = sameDay
        self.incidence = incidence
    }

    struct BlockCounts: Sendable {
        var ordered: [Int32]
        var both: [Int32]
        var sameDay: [Int32]
        var daily: [Int32]
    }

    static func count(
        network: Network, classOf: [Int32], classes k: Int, persons: Range<Int>, design: SSADesign,
        period: ClosedRange<Day>
    ) -> BlockCounts {
        let lo = period.lowerBound.rawValue, hi = period.upperBound.rawValue
        let u = Int(hi - lo) + 1
        var out = BlockCounts(
            ordered: [Int32](repeating: 0, count: k * k), both: [Int32](repeating: 0, count: k * k),
            sameDay: [Int32](repeating: 0, count: k * k), daily: [Int32](repeating: 0, count: k * u))
        let none = SSAFirstStarts.noStart
        var first = [Int32](repeating: none, count: k)
        var touched: [Int32] = []
        var incidentClass: [Int32] = [], incidentDay: [Int32] = []
        let g1 = design.minimumGapDays, g2 = design.maximumGapDays
        let drugs = network.drugs.table
        classOf.withUnsafeBufferPointer { classOf in
            drugs.drug.withUnsafeBufferPointer { drug in
                drugs.start.withUnsafeBufferPointer { start in
                    for p in persons {
                        touched.removeAll(keepingCapacity: true)
                        for r in network.drugs.rows(ofPerson: p) {
                            let c = classOf[Int(drug[r])]
                            if c >= 0 && first[Int(c)] == none {
                                first[Int(c)] = start[r].rawValue
                                touched.append(c)
                            }
                        }
                        if touched.isEmpty { continue }
                        incidentClass.removeAll(keepingCapacity: true)
                        incidentDay.removeAll(keepingCapacity: true)
                        for c in touched {
                            let d = first[Int(c)]
                            first[Int(c)] = none
                            guard d >= lo, d <= hi,
                                IncidentStatus.of(
                                    person: p, day: d, observation: network.observationPeriods,
                                    washoutDays: design.washoutDays) == .incident
                            else { continue }
                            incidentClass.append(c)
                            incidentDay.append(d)
                            out.daily[Int(c) * u + Int(d - lo)] &+= 1
                        }
                        let m = incidentClass.count
                        if m < 2 { continue }
                        for x in 0..<(m - 1) {
                            let ci = Int(incidentClass[x]), di = Int(incidentDay[x])
                            for y in (x + 1)..<m {
                                let cj = Int(incidentClass[y]), dj = Int(incidentDay[y])
                                let key = min(ci, cj) * k + max(ci, cj)
                                out.both[key] &+= 1
                                let gap = dj - di
                                if gap == 0 {
                                    out.sameDay[key] &+= 1
                                    continue
                                }
                                let mag = gap < 0 ? -gap : gap
                                guard mag >= g1, mag <= g2 else { continue }
                                if gap > 0 { out.ordered[ci * k + cj] &+= 1 } else { out.ordered[cj * k + ci] &+= 1 }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Expected index-first count (up to a common factor) with the first class's incidence `series` (sparse)
    /// and the prefix sums of the second class's.
    func expected(firstSeries series: [(day: Int32, count: Double)], prefixOfSecond prefix: [Double]) -> Double {
        let u = prefix.count - 1
        let g1 = design.minimumGapDays, g2 = design.maximumGapDays
        var total = 0.0
        for (x, a) in series {
            let lo = Int(x) + g1
            if lo >= u { break }
            let hi = min(u - 1, Int(x) + g2)
            total += a * (prefix[hi + 1] - prefix[lo])
        }
        return total
    }

    /// Class `c`'s incidence at the resolution asked for: sparse `(day, count)` and prefix sums.
    func series(_ c: Int, resolution: NullEffectResolution) -> (sparse: [(day: Int32, count: Double)], prefix: [Double]) {
        let u = studyPeriod.upperBound - studyPeriod.lowerBound + 1
        var daily = [Double](repeating: 0, count: u)
        for (d, n) in incidence[c] { daily[Int(d)] = n }
        guard resolution == .monthly else { return (incidence[c], NullEffectSequenceRatio.prefixSums(daily)) }
        daily = NullEffectSequenceRatio.monthlySpread(daily, firstDay: studyPeriod.lowerBound)
        var sparse: [(day: Int32, count: Double)] = []
        for d in 0..<u where daily[d] > 0 { sparse.append((Int32(d), daily[d])) }
        return (sparse, NullEffectSequenceRatio.prefixSums(daily))
    }
}
