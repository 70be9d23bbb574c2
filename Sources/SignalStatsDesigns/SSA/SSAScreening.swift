import SignalStatsCore
import CohortModel
import Foundation

/// Settings of network-wide SSA screening.
public struct SSAScreeningOptions: Sendable, Equatable, Codable {
    /// How the ranked list is ordered.
    public enum Ranking: String, Sendable, Equatable, Codable, CaseIterable {
        /// Flagged pairs first, each group by adjusted ratio, largest first.
        case adjustedRatio
        /// Flagged pairs first, each group by the lower bound of the adjusted ratio's beta interval (favours
        /// pairs that are both strong and well supported).
        case lowerBound
        /// By p-value, smallest first.
        case pValue
    }

    /// The false-discovery rate at which pairs are flagged (default 0.05).
    public var falseDiscoveryRate: Double
    /// Confidence level of the intervals (default 0.95).
    public var level: Double
    /// Incidence resolution of the null-effect ratios (default daily).
    public var nullEffect: NullEffectResolution
    /// Pairs with fewer ordered pairs are not tested and do not count among the tests (default 1: test every
    /// pair with an ordered pair).
    public var minimumOrderedPairs: Int
    /// The order of the list (default ``Ranking/adjustedRatio``).
    public var ranking: Ranking

    /// Settings; the defaults are FDR 0.05, 95% intervals, daily incidence, every pair tested, ranked by adjusted ratio.
    public init(
        falseDiscoveryRate: Double = 0.05, level: Double = 0.95, nullEffect: NullEffectResolution = .daily,
        minimumOrderedPairs: Int = 1, ranking: Ranking = .adjustedRatio
    ) {
        self.falseDiscoveryRate = falseDiscoveryRate
        self.level = level
        self.nullEffect = nullEffect
        self.minimumOrderedPairs = minimumOrderedPairs
        self.ranking = ranking
    }
}

/// One tested pair of classes, oriented so that the adjusted ratio is at least 1: `index` is the class whose
/// start is followed by `marker` more often than the incidence alone predicts.
public struct SSAScreeningPair: Sendable, Equatable {
    /// Class index of the index class (started first more often than expected).
    public let indexClass: Int
    /// Class index of the marker class.
    public let markerClass: Int
    /// Name of the index class.
    public let index: String
    /// Name of the marker class.
    public let marker: String
    /// Persons who started the index class, then the marker class inside the gap.
    public let indexFirst: Int
    /// Persons who started the marker class, then the index class inside the gap.
    public let markerFirst: Int
    /// Pairs excluded (same day, or outside the gap).
    public let excluded: Int
    /// `indexFirst / markerFirst`.
    public let crudeRatio: Double
    /// The null-effect ratio for this orientation.
    public let nullEffectRatio: Double
    /// `crudeRatio / nullEffectRatio`.
    public let adjustedRatio: Double
    /// The crude ratio's beta-quantile (CohortSymmetry) interval divided by the null-effect ratio.
    public let adjustedInterval: ConfidenceInterval
    /// Two-sided exact binomial p-value against the null-effect probability (the same in either orientation).
    public let pValue: Double
    /// Benjamini–Hochberg adjusted p-value over all tested pairs.
    public let qValue: Double
    /// Whether `qValue ≤` the false-discovery rate.
    public let isSignal: Bool

    /// The same pair read the other way round (`marker` first): the ratios are reciprocals.
    public func reversed() -> SSAScreeningPair {
        SSAScreeningPair(
            indexClass: markerClass, markerClass: indexClass, index: marker, marker: index, indexFirst: markerFirst,
            markerFirst: indexFirst, excluded: excluded, crudeRatio: 1 / crudeRatio, nullEffectRatio: 1 / nullEffectRatio,
            adjustedRatio: 1 / adjustedRatio,
            adjustedInterval: ConfidenceInterval(lower: 1 / adjustedInterval.upper, upper: 1 / adjustedInterval.lower),
            pValue: pValue, qValue: qValue, isSignal: isSignal)
    }
}

/// The ranked result of screening every pair of classes.
public struct SSAScreeningResult: Sendable {
    /// The class names.
    public let classes: [String]
    /// Incident users of each class in the study period.
    public let incidentUsers: [Int]
    /// The tested pairs, ranked (see ``SSAScreeningOptions/Ranking``); each unordered pair appears once.
    public let pairs: [SSAScreeningPair]
    /// Unordered pairs with any pair of persons but not tested (fewer ordered pairs than the minimum, or an
    /// undefined null-effect ratio).
    public let untested: Int
    /// The settings used.
    public let options: SSAScreeningOptions
    /// The design used.
    public let design: SSADesign
    /// The study period used.
    public let studyPeriod: ClosedRange<Day>

    /// The flagged pairs (in rank order).
    public var signals: [SSAScreeningPair] { pairs.filter(\.isSignal) }

    /// The pair with `index` first, if it was tested; the reverse reading of a tested pair is returned reversed.
    public func pair(index: String, marker: String) -> SSAScreeningPair? {
        if let p = pairs.first(where: { $0.index == index && $0.marker == marker }) { return p }
        return pairs.first { $0.index == marker && $0.marker == index }?.reversed()
    }

    /// The rank (1 = first) of the unordered pair, if tested.
    public func rank(of a: String, _ b: String) -> Int? {
        pairs.firstIndex { ($0.index == a && $0.marker == b) || ($0.index == b && $0.marker == a) }.map { $0 + 1 }
    }

    /// The top `count` pairs as a table.
    public func summary(top count: Int = 20) -> String {
        var lines = [
            "SSA screening: \(classes.count) classes, \(pairs.count) pairs tested (\(untested) not testable), \(signals.count) flagged at FDR \(options.falseDiscoveryRate)",
            "study period \(studyPeriod.lowerBound)...\(studyPeriod.upperBound); gap \(design.minimumGapDays)...\(design.maximumGapDays) days; washout \(design.washoutDays) days",
            "rank".leftPad(4) + "  " + "index -> marker".padRight(36) + "first".leftPad(7) + "reverse".leftPad(8)
                + "crude".leftPad(9) + "NSR".leftPad(8) + "adjusted".leftPad(10) + "   \(formatLevel(options.level)) CI".padRight(24)
                + "p".leftPad(10) + "q".leftPad(10),
        ]
        for (r, p) in pairs.prefix(count).enumerated() {
            lines.append(
                String(r + 1).leftPad(4) + "  " + "\(p.index) -> \(p.marker)".padRight(36) + String(p.indexFirst).leftPad(7)
                    + String(p.markerFirst).leftPad(8) + formatRatio(p.crudeRatio).leftPad(9)
                    + formatRatio(p.nullEffectRatio).leftPad(8) + formatRatio(p.adjustedRatio).leftPad(10)
                    + "   \(formatRatio(p.adjustedInterval.lower)) - \(formatRatio(p.adjustedInterval.upper))".padRight(24)
                    + formatP(p.pValue).leftPad(10) + formatP(p.qValue).leftPad(10) + (p.isSignal ? " *" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

extension SSAClassSequences {
    /// Screens every unordered pair of classes once and ranks them.
    ///
    /// For each pair `{A, B}` with ordered pairs, the null-effect ratio comes from the two classes' incidence
    /// (``NullEffectSequenceRatio``); the exact two-sided binomial test of `nAFirst` out of
    /// `nAFirst + nBFirst` against `NSR/(1 + NSR)` gives the p-value (the same for either reading); the pair is
    /// oriented so that its adjusted ratio is at least 1 (the ratio for B then A is the reciprocal of A then B);
    /// Benjamini–Hochberg q-values over all tested pairs flag the signals at the chosen false-discovery rate
    /// (Benjamini & Hochberg 1995). The expected counts use each class's sparse incidence against the other's
    /// prefix sums, so the cost is O(Σ_pairs incident days) after the one pass of preparation.
    ///
    /// - Throws: ``SSAError/invalidLevel(_:)``, ``SSAError/invalidFalseDiscoveryRate(_:)``.
    public func screen(_ options: SSAScreeningOptions = .init()) throws(SSAError) -> SSAScreeningResult {
        guard options.level > 0, options.level < 1 else { throw .invalidLevel(options.level) }
        guard options.falseDiscoveryRate > 0, options.falseDiscoveryRate < 1 else {
            throw .invalidFalseDiscoveryRate(options.falseDiscoveryRate)
        }
        let k = count
        let empty: (sparse: [(day: Int32, count: Double)], prefix: [Double]) = ([], [])
        let series = (0..<k).map { incidentUsers[$0] > 0 ? self.series($0, resolution: options.nullEffect) : empty }
        struct Tested {
            var i: Int, j: Int, eij: Double, eji: Double, p: Double
        }
        var tested: [Tested] = []
        var untested = 0
        for i in 0..<k where incidentUsers[i] > 0 {
            for j in (i + 1)..<max(i + 1, k) where incidentUsers[j] > 0 {
                let xij = Int(ordered[i * k + j]), xji = Int(ordered[j * k + i])
                let n = xij + xji
                if n == 0 {
                    if both[i * k + j] > 0 { untested += 1 }
                    continue
                }
                if n < options.minimumOrderedPairs {
                    untested += 1
                    continue
                }
                let eij = expected(firstSeries: series[i].sparse, prefixOfSecond: series[j].prefix)
                let eji = expected(firstSeries: series[j].sparse, prefixOfSecond: series[i].prefix)
                guard eij > 0, eji > 0 else {
                    untested += 1
                    continue
                }
                let p = try ExactBinomialTest.twoSidedPValue(successes: xij, trials: n, probability: eij / (eij + eji))
                tested.append(Tested(i: i, j: j, eij: eij, eji: eji, p: p))
            }
        }
        let q = FalseDiscoveryRate.benjaminiHochberg(tested.map(\.p))
        var pairs: [SSAScreeningPair] = []
        pairs.reserveCapacity(tested.count)
        for (t, qv) in zip(tested, q) {
            var (i, j) = (t.i, t.j)
            var (eij, eji) = (t.eij, t.eji)
            // Orient so that the adjusted ratio (xij / xji) / (eij / eji) is at least 1.
            if Double(ordered[i * k + j]) * eji < Double(ordered[j * k + i]) * eij {
                swap(&i, &j)
                swap(&eij, &eji)
            }
            let x = Int(ordered[i * k + j]), y = Int(ordered[j * k + i])
            let nsr = eij / eji
            let crude = try SequenceRatioEstimate.crude(indexFirst: x, markerFirst: y, level: options.level)
            let adjusted = crude.divided(by: nsr)
            let lo = min(i, j) * k + max(i, j)
            pairs.append(
                SSAScreeningPair(
                    indexClass: i, markerClass: j, index: classes[i], marker: classes[j], indexFirst: x, markerFirst: y,
                    excluded: Int(both[lo]) - x - y, crudeRatio: crude.ratio, nullEffectRatio: nsr,
                    adjustedRatio: adjusted.ratio, adjustedInterval: adjusted.betaInterval, pValue: t.p, qValue: qv,
                    isSignal: qv <= options.falseDiscoveryRate))
        }
        switch options.ranking {
        case .adjustedRatio:
            pairs.sort { a, b in
                if a.isSignal != b.isSignal { return a.isSignal }
                if a.adjustedRatio != b.adjustedRatio { return a.adjustedRatio > b.adjustedRatio }
                return a.pValue < b.pValue
            }
        case .lowerBound:
            pairs.sort { a, b in
                if a.isSignal != b.isSignal { return a.isSignal }
                if a.adjustedInterval.lower != b.adjustedInterval.lower {
                    return a.adjustedInterval.lower > b.adjustedInterval.lower
                }
                return a.pValue < b.pValue
            }
        case .pValue:
            pairs.sort { a, b in a.pValue != b.pValue ? a.pValue < b.pValue : a.adjustedRatio > b.adjustedRatio }
        }
        return SSAScreeningResult(
            classes: classes, incidentUsers: incidentUsers, pairs: pairs, untested: untested, options: options,
            design: design, studyPeriod: studyPeriod)
    }
}
