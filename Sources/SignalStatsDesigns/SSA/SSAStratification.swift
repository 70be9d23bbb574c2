import SignalStatsCore
import CohortModel

/// How to split the sequences into strata.
///
/// Person-level variables (site, sex, age group) put each person in exactly one stratum, so the strata
/// partition the persons and the counts add up to the whole. Each stratum's null-effect ratio is computed from
/// that stratum's own incidence (its own prescribing trend). A calendar-year stratum holds the pairs whose
/// *earlier* start falls in that year; its null-effect ratio uses the whole population's incidence with the
/// earlier start restricted to the year, so it is the ratio expected for pairs that begin in that year.
public enum SSAStratification: Sendable, Equatable, CustomStringConvertible {
    /// By the person's site (hospital).
    case site
    /// By the calendar year of the earlier of the two starts.
    case calendarYear
    /// By the person's recorded sex.
    case sex
    /// By age in completed years (`⌊days / 365.25⌋`) at the person's earliest incident start of either drug:
    /// `boundaries` `[40, 65]` give `<40`, `40-64` and `65+`. Boundaries must increase strictly.
    case ageGroup(boundaries: [Int])

    /// `site`, `calendar year`, `sex` or `age group (40, 65)`.
    public var description: String {
        switch self {
        case .site: return "site"
        case .calendarYear: return "calendar year"
        case .sex: return "sex"
        case .ageGroup(let b): return "age group (" + b.map(String.init).joined(separator: ", ") + ")"
        }
    }
}

/// One stratum's counts and estimate (or why it has none).
public struct SSAStratumResult: Sendable {
    /// The stratum's label (`H01`, `2017`, `female`, `40-64`).
    public let label: String
    /// The stratum's incident users and pairs.
    public let counts: SSACounts
    /// The stratum's crude, null-effect and adjusted ratios, or the reason they cannot be formed (no pairs in
    /// the gap, all pairs on one day, an undefined null-effect ratio).
    public let estimate: Result<SSAResult, SSAError>
}

/// The strata of a stratified analysis with the estimate pooled across them.
public struct SSAStratifiedResult: Sendable {
    /// The variable stratified by.
    public let stratification: SSAStratification
    /// The strata in order (sites by index, years ascending, sexes, age groups ascending).
    public let strata: [SSAStratumResult]
    /// The common adjusted sequence ratio across strata (see ``SSAPooledEstimate``).
    public let pooled: Result<SSAPooledEstimate, SSAError>

    /// A table with one row per stratum and the pooled estimate.
    public func summary() -> String {
        var lines = ["Sequence symmetry analysis by \(stratification)"]
        let level = strata.lazy.compactMap { try? $0.estimate.get().crude.level }.first ?? 0.95
        lines.append(
            "stratum".padRight(12) + "idx-first".leftPad(10) + "mkr-first".leftPad(10) + "excluded".leftPad(9)
                + "crude".leftPad(10) + "NSR".leftPad(9) + "adjusted".leftPad(10) + "   \(formatLevel(level)) CI (beta)")
        for s in strata {
            var line = s.label.padRight(12) + String(s.counts.indexFirst).leftPad(10) + String(s.counts.markerFirst).leftPad(10)
                + String(s.counts.excluded).leftPad(9)
            switch s.estimate {
            case .success(let r):
                line += formatRatio(r.crude.ratio).leftPad(10) + formatRatio(r.nullEffect.ratio).leftPad(9)
                    + formatRatio(r.adjusted.ratio).leftPad(10)
                    + "   \(formatRatio(r.adjusted.betaInterval.lower)) - \(formatRatio(r.adjusted.betaInterval.upper))"
            case .failure(let e):
                line += "   (\(e.description))"
            }
            lines.append(line)
        }
        switch pooled {
        case .success(let p):
            lines.append(
                "pooled (\(p.strataUsed) strata, \(p.orderedPairs) ordered pairs): adjusted ratio \(formatRatio(p.ratio)), \(formatLevel(p.level)) CI \(formatRatio(p.interval.lower)) - \(formatRatio(p.interval.upper)) (maximum likelihood, Wald on the log scale); Mantel-Haenszel-type ratio \(formatRatio(p.mantelHaenszelRatio))")
            lines.append(
                "heterogeneity across strata: chi-square \(String(format: "%.3f", p.heterogeneity.statistic)) on \(p.heterogeneity.degreesOfFreedom) df, p = \(formatP(p.heterogeneity.pValue))")
        case .failure(let e):
            lines.append("pooled: \(e.description)")
        }
        return lines.joined(separator: "\n")
    }
}

extension SSAModel {
    /// The analysis within each stratum, and the adjusted ratio pooled across strata.
    ///
    /// Strata with no estimate carry the reason in ``SSAStratumResult/estimate``; the pooled estimate uses every
    /// stratum with ordered pairs and a defined null-effect ratio (see ``SSAPooledEstimate``).
    ///
    /// - Throws: ``SSAError/invalidLevel(_:)``; ``SSAError/stratumVariableUnavailable(_:)`` when prepared data lack
    ///   the variable; ``SSAError/invalidDesign(_:)`` for age boundaries that do not increase.
    /// - Complexity: O(persons + strata × days).
    public func stratified(by stratification: SSAStratification, options: SSAOptions = .init()) throws(SSAError)
        -> SSAStratifiedResult
    {
        guard options.level > 0, options.level < 1 else { throw .invalidLevel(options.level) }
        let s = sequences.firstStarts
        let none = SSAFirstStarts.noStart
        let period = sequences.studyPeriod
        let gap = sequences.design.gap
        var strata: [SSAStratumResult] = []
        var pooledInputs: [(counts: SSACounts, nsr: NullEffectSequenceRatio)] = []

        func finish(_ label: String, _ counts: SSACounts, _ nsr: () throws(SSAError) -> NullEffectSequenceRatio) {
            let estimate: Result<SSAResult, SSAError>
            do throws(SSAError) {
                if counts.indexUsers == 0 { throw .noIncidentUsers(role: "index", drug: sequences.indexName) }
                if counts.markerUsers == 0 { throw .noIncidentUsers(role: "marker", drug: sequences.markerName) }
                try Self.requireOrderedPairs(counts, design: sequences.design)
                let r = try nsr()
                pooledInputs.append((counts, r))
                estimate = .success(
                    try Self.result(counts: counts, nullEffect: r, level: options.level, sequences: sequences, stratum: label))
            } catch {
                estimate = .failure(error)
            }
            strata.append(SSAStratumResult(label: label, counts: counts, estimate: estimate))
        }

        switch stratification {
        case .calendarYear:
            let series = Self.incidence(s, period: period, resolution: options.nullEffect)
            let firstYear = period.lowerBound.civil.year, lastYear = period.upperBound.civil.year
            var counts = [SSACounts](repeating: SSACounts(), count: lastYear - firstYear + 1)
            for i in 0..<s.count {
                let a = s.indexDay[i], b = s.markerDay[i]
                if a != none { counts[Day(a).civil.year - firstYear].indexUsers += 1 }
                if b != none { counts[Day(b).civil.year - firstYear].markerUsers += 1 }
                if a != none && b != none {
                    counts[Day(min(a, b)).civil.year - firstYear].classify(gap: Int(b) - Int(a), design: gap)
                }
            }
            for y in firstYear...lastYear {
                let from = max(period.lowerBound, Day(year: y, month: 1, day: 1) ?? period.lowerBound)
                let to = min(period.upperBound, Day(year: y, month: 12, day: 31) ?? period.upperBound)
                let days = (from - period.lowerBound)..<(to - period.lowerBound + 1)
                finish(String(y), counts[y - firstYear]) { () throws(SSAError) in
                    try NullEffectSequenceRatio(
                        checked: series.index, series.marker, gap: gap, earlier: days, resolution: options.nullEffect)
                }
            }
        case .site, .sex, .ageGroup:
            let (group, labels) = try personStrata(stratification)
            var counts = [SSACounts](repeating: SSACounts(), count: labels.count)
            for i in 0..<s.count {
                let k = group[i]
                let a = s.indexDay[i], b = s.markerDay[i]
                if a != none { counts[k].indexUsers += 1 }
                if b != none { counts[k].markerUsers += 1 }
                if a != none && b != none { counts[k].classify(gap: Int(b) - Int(a), design: gap) }
            }
            for k in labels.indices {
                // Strata without any incident user (a site with no users, sex unknown) are left out of the table.
                if counts[k].indexUsers + counts[k].markerUsers == 0 { continue }
                finish(labels[k], counts[k]) { () throws(SSAError) in
                    let series = Self.incidence(s, period: period, resolution: options.nullEffect) { group[$0] == k }
                    return try NullEffectSequenceRatio(
                        checked: series.index, series.marker, gap: gap, earlier: nil, resolution: options.nullEffect)
                }
            }
        }
        let pooled = Result { () throws(SSAError) in
            try SSAPooledEstimate(strata: pooledInputs.map { ($0.counts.indexFirst, $0.counts.markerFirst, $0.nsr.ratio) }, level: options.level)
        }
        return SSAStratifiedResult(stratification: stratification, strata: strata, pooled: pooled)
    }

    /// Each person's stratum and the stratum labels, for person-level variables.
    func personStrata(_ v: SSAStratification) throws(SSAError) -> (group: [Int], labels: [String]) {
        let s = sequences.firstStarts
        switch v {
        case .site:
            guard let site = s.site else { throw .stratumVariableUnavailable("site") }
            return (site.map { Int($0) }, s.siteNames)
        case .sex:
            guard let sex = s.sex else { throw .stratumVariableUnavailable("sex") }
            return (sex.map { Int($0.rawValue) }, Sex.allCases.sorted { $0.rawValue < $1.rawValue }.map { "\($0)" })
        case .ageGroup(let bounds):
            guard let birth = s.birthDay else { throw .stratumVariableUnavailable("birth date") }
            guard !bounds.isEmpty, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw .invalidDesign("age-group boundaries \(bounds) must be non-empty and strictly increasing")
            }
            var labels = ["<\(bounds[0])"]
            for (lo, hi) in zip(bounds, bounds.dropFirst()) { labels.append("\(lo)-\(hi - 1)") }
            labels.append("\(bounds[bounds.count - 1])+")
            let none = SSAFirstStarts.noStart
            let group = (0..<s.count).map { i -> Int in
                let a = s.indexDay[i], b = s.markerDay[i]
                let first = a == none ? b : (b == none ? a : min(a, b))
                let age = Int((Double(Int(first) - Int(birth[i])) / 365.25).rounded(.down))
                return bounds.reduce(0) { $0 + (age >= $1 ? 1 : 0) }
            }
            return (group, labels)
        case .calendarYear:
            return ([], [])
        }
    }
}
