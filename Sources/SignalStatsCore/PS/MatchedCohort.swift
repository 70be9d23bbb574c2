import Foundation

/// The result of ``PSMatching``: matched sets of one treated unit and its comparators.
///
/// Stored as one entry per (set, unit) *membership*, in set order with the treated unit first: a comparator matched
/// with replacement appears once per set it serves. Set `s` holds the `s`-th treated unit to be matched, in the
/// matching order.
public struct MatchedCohort: Sendable {
    /// The unit (index into the propensity-score arrays) of each membership.
    public let unit: [Int]
    /// The matched set of each membership, `0 ..< setCount`.
    public let set: [Int]
    /// Whether each membership is the set's treated unit.
    public let isTreated: [Bool]
    /// Matching weight of each membership: 1 for the treated unit, `1/k_s` for each of the `k_s` comparators of set
    /// `s` (so every set's comparators weigh as much as its treated unit).
    public let weight: [Double]
    /// Number of matched sets (matched treated units).
    public let setCount: Int
    /// The caliper on the matching scale, if any.
    public let caliper: Double?
    /// The options used.
    public let options: MatchingOptions
    /// Treated units before matching.
    public let treatedCount: Int
    /// Comparator units before matching.
    public let comparatorCount: Int
    /// Distinct comparators in at least one set.
    public let matchedComparators: Int
    /// Treated units that found no comparator at all (outside the caliper, or none left).
    public let treatedWithoutComparator: Int
    /// Treated units dropped under a fixed ratio because they got fewer than `k` comparators.
    public let treatedBelowRatio: Int

    /// Matched treated units (= sets).
    public var matchedTreated: Int { setCount }
    /// Treated units not in the matched cohort.
    public var unmatchedTreated: Int { treatedCount - setCount }
    /// Comparators not in the matched cohort.
    public var unmatchedComparators: Int { comparatorCount - matchedComparators }
    /// Number of memberships (rows of the matched cohort).
    public var count: Int { unit.count }

    init(
        pairs: (treated: [Int], comparator: [Int]), treatedOrder: [Int], propensityScore ps: PropensityScore,
        ratio: MatchingOptions.Ratio, caliper: Double?, options: MatchingOptions
    ) throws(PSError) {
        let n = ps.count
        // Group the pairs by treated unit (counting sort, keeping the order chosen).
        var offsets = [Int](repeating: 0, count: n + 1)
        for t in pairs.treated { offsets[t + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var grouped = [Int](repeating: 0, count: pairs.treated.count)
        for (t, c) in zip(pairs.treated, pairs.comparator) {
            grouped[fill[t]] = c
            fill[t] += 1
        }
        let required: Int
        switch ratio {
        case .fixed(let k): required = k
        case .variable: required = 1
        }
        var unit: [Int] = [], set: [Int] = [], isTreated: [Bool] = [], weight: [Double] = []
        unit.reserveCapacity(treatedOrder.count + pairs.treated.count)
        var sets = 0, none = 0, below = 0
        var used = [Bool](repeating: false, count: n)
        var distinct = 0
        for t in treatedOrder {
            let got = offsets[t + 1] - offsets[t]
            if got == 0 {
                none += 1
                continue
            }
            if got < required {
                below += 1
                continue
            }
            unit.append(t)
            set.append(sets)
            isTreated.append(true)
            weight.append(1)
            let w = 1 / Double(got)
            for q in offsets[t]..<offsets[t + 1] {
                let c = grouped[q]
                unit.append(c)
                set.append(sets)
                isTreated.append(false)
                weight.append(w)
                if !used[c] {
                    used[c] = true
                    distinct += 1
                }
            }
            sets += 1
        }
        guard sets > 0 else { throw .noMatches(treated: ps.treatedCount, comparators: ps.comparatorCount, caliper: caliper) }
        self.unit = unit
        self.set = set
        self.isTreated = isTreated
        self.weight = weight
        self.setCount = sets
        self.caliper = caliper
        self.options = options
        self.treatedCount = ps.treatedCount
        self.comparatorCount = ps.comparatorCount
        self.matchedComparators = distinct
        self.treatedWithoutComparator = none
        self.treatedBelowRatio = below
    }

    /// Per-unit weights of the matched sample, for balance and weighted outcome models: treated units 1 if matched;
    /// comparators the sum of their membership weights, rescaled so the comparator weights sum to the number of
    /// distinct matched comparators (MatchIt's matching weights); 0 for unmatched units.
    ///
    /// - Parameter count: the number of units (the propensity score's `count`).
    public func unitWeights(count: Int) -> [Double] {
        var w = [Double](repeating: 0, count: count)
        var comparatorTotal = 0.0
        for k in unit.indices {
            w[unit[k]] += weight[k]
            if !isTreated[k] { comparatorTotal += weight[k] }
        }
        let scale = comparatorTotal > 0 ? Double(matchedComparators) / comparatorTotal : 1
        for k in unit.indices where !isTreated[k] { w[unit[k]] = 0 }
        for k in unit.indices where !isTreated[k] { w[unit[k]] += weight[k] * scale }
        return w
    }

    /// The matched pairs of a 1:1 matching as (treated, comparator) units, in set order.
    public var pairs: [(treated: Int, comparator: Int)] {
        var out: [(Int, Int)] = []
        var k = 0
        while k < unit.count {
            let t = unit[k]
            k += 1
            while k < unit.count && !isTreated[k] {
                out.append((t, unit[k]))
                k += 1
            }
        }
        return out
    }

    /// The matched estimate of the mean difference in the treated (ATT): the mean of `outcome` over matched treated
    /// units minus the matching-weighted mean over their comparators (each set's comparators averaged, then averaged
    /// over sets).
    ///
    /// - Throws: ``PSError/lengthMismatch(name:count:expected:)`` when `outcome` does not have one value per unit.
    public func meanDifference(_ outcome: [Double], units: Int) throws(PSError) -> Double {
        guard outcome.count == units else { throw .lengthMismatch(name: "outcome", count: outcome.count, expected: units) }
        var t = 0.0, c = 0.0, wc = 0.0
        for k in unit.indices {
            if isTreated[k] { t += outcome[unit[k]] } else {
                c += weight[k] * outcome[unit[k]]
                wc += weight[k]
            }
        }
        return t / Double(setCount) - c / wc
    }

    /// Counts before and after matching, and the caliper.
    public func summary() -> String {
        var lines = ["Propensity-score matching: greedy nearest neighbour on the \(options.scale.rawValue) score"]
        let ratio: String
        switch options.ratio {
        case .fixed(let k): ratio = "1:\(k)"
        case .variable(let k): ratio = "variable 1:1..\(k)"
        }
        lines.append(
            "ratio \(ratio), " + (options.replacement ? "with" : "without") + " replacement, "
                + (caliper.map { String(format: "caliper %.6g", $0) } ?? "no caliper") + ", order \(options.order.name)")
        lines.append("               before   matched   unmatched")
        lines.append("treated     " + lpad(String(treatedCount), 9) + lpad(String(setCount), 10) + lpad(String(unmatchedTreated), 12))
        lines.append(
            "comparator  " + lpad(String(comparatorCount), 9) + lpad(String(matchedComparators), 10)
                + lpad(String(unmatchedComparators), 12))
        if treatedWithoutComparator > 0 {
            lines.append("\(treatedWithoutComparator) treated units had no comparator" + (caliper == nil ? " left" : " within the caliper"))
        }
        if treatedBelowRatio > 0 { lines.append("\(treatedBelowRatio) treated units got fewer comparators than the fixed ratio and were dropped") }
        return lines.joined(separator: "\n")
    }
}
