import SignalStatsCore
import CohortModel

/// Options of an SSA estimate.
public struct SSAOptions: Sendable, Equatable, Codable {
    /// Confidence level of the intervals (default 0.95).
    public var level: Double
    /// Incidence resolution of the null-effect ratio (default daily).
    public var nullEffect: NullEffectResolution

    /// Options; the defaults are 95% intervals and daily incidence.
    public init(level: Double = 0.95, nullEffect: NullEffectResolution = .daily) {
        self.level = level
        self.nullEffect = nullEffect
    }
}

/// Sequence symmetry analysis of one index–marker pair (Hallas 1996): crude, null-effect and adjusted
/// sequence ratios.
///
/// **Estimand.** Among persons who start both drugs within the allowed gap, the odds that the index drug came
/// first, divided by the odds expected from the two drugs' incidence alone (the null-effect ratio, see
/// ``NullEffectSequenceRatio``). Under the assumptions below it estimates the ratio of the marker's initiation
/// rate in the gap after the index drug to the rate in the gap before it — for an effect lasting `L` of the
/// `W` days of the window with rate ratio `RR`, `(RR·L + W − L) / W`.
///
/// **Assumptions.** The first starts are true first starts (the washout); the marker does not change the
/// chance of starting the index drug (no reverse causation); apart from the effect studied, the order of the two
/// starts in a person is random given the calendar-time incidence; the effect on initiation is the only
/// time-varying link. The null-effect ratio is treated as known: the intervals of the adjusted ratio are the
/// crude ratio's intervals divided by it, as CohortSymmetry does (`lower_asr_ci = lower_csr_ci / nsr`), so they
/// ignore the sampling error of the incidence (small next to the pairs' when the drugs have many more incident
/// users than pairs).
///
/// ```swift
/// let result = try SSAModel(sequences).fit()
/// result.adjusted.ratio            // crude / null-effect
/// result.adjusted.betaInterval     // crude beta interval / null-effect
/// print(result.summary())
/// ```
///
/// References: Hallas J. Evidence of depression provoked by cardiovascular medication: a prescription sequence
/// symmetry analysis. *Epidemiology* 1996;7:478–484. Tsiropoulos I, Andersen M, Hallas J. Adverse events with
/// use of antiepileptic drugs: a prescription and event symmetry analysis. *Pharmacoepidemiol Drug Saf*
/// 2009;18:483–491. Lai EC-C, Pratt N, Hsieh C-Y, et al. Sequence symmetry analysis in pharmacovigilance and
/// pharmacoepidemiologic studies. *Eur J Epidemiol* 2017;32:567–582.
public struct SSAModel: Sendable {
    /// The sequences analysed.
    public let sequences: SSASequences

    /// A model of the given sequences.
    public init(_ sequences: SSASequences) {
        self.sequences = sequences
    }

    /// The crude sequence ratio `nIndexFirst / nMarkerFirst` with its beta-quantile and exact intervals.
    ///
    /// Needs no incidence, so it is available when the null-effect ratio is not.
    ///
    /// - Throws: ``SSAError/invalidLevel(_:)``, ``SSAError/noPairs(indexUsers:markerUsers:)``,
    ///   ``SSAError/allPairsOnSameDay(pairs:)``, ``SSAError/noPairsInsideGap(pairs:sameDay:gapTooShort:gapTooLong:gap:)``.
    public func crudeRatio(level: Double = 0.95) throws(SSAError) -> SequenceRatioEstimate {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        try Self.requireOrderedPairs(sequences.counts, design: sequences.design)
        return try SequenceRatioEstimate.crude(
            indexFirst: sequences.counts.indexFirst, markerFirst: sequences.counts.markerFirst, level: level)
    }

    /// The null-effect sequence ratio from the incidence of both drugs over the study period.
    ///
    /// - Throws: ``SSAError/noIncidentUsers(role:drug:)``,
    ///   ``SSAError/nullEffectUndefined(expectedIndexFirst:expectedMarkerFirst:)``.
    /// - Complexity: O(persons + days).
    public func nullEffectRatio(_ resolution: NullEffectResolution = .daily) throws(SSAError) -> NullEffectSequenceRatio {
        try requireUsers(sequences.counts)
        let series = Self.incidence(sequences.firstStarts, period: sequences.studyPeriod, resolution: resolution)
        return try NullEffectSequenceRatio(
            checked: series.index, series.marker, gap: sequences.design.gap, earlier: nil, resolution: resolution)
    }

    /// Crude, null-effect and adjusted sequence ratios, their intervals and the exact test.
    ///
    /// - Throws: in this order, ``SSAError/invalidLevel(_:)``, ``SSAError/noIncidentUsers(role:drug:)`` (index,
    ///   then marker), ``SSAError/noPairs(indexUsers:markerUsers:)``, ``SSAError/allPairsOnSameDay(pairs:)``,
    ///   ``SSAError/noPairsInsideGap(pairs:sameDay:gapTooShort:gapTooLong:gap:)``,
    ///   ``SSAError/nullEffectUndefined(expectedIndexFirst:expectedMarkerFirst:)``.
    public func fit(_ options: SSAOptions = .init()) throws(SSAError) -> SSAResult {
        guard options.level > 0, options.level < 1 else { throw .invalidLevel(options.level) }
        try requireUsers(sequences.counts)
        try Self.requireOrderedPairs(sequences.counts, design: sequences.design)
        let nsr = try nullEffectRatio(options.nullEffect)
        return try Self.result(
            counts: sequences.counts, nullEffect: nsr, level: options.level, sequences: sequences, stratum: nil)
    }

    // MARK: - Shared pieces

    func requireUsers(_ c: SSACounts) throws(SSAError) {
        if c.indexUsers == 0 { throw .noIncidentUsers(role: "index", drug: sequences.indexName) }
        if c.markerUsers == 0 { throw .noIncidentUsers(role: "marker", drug: sequences.markerName) }
    }

    static func requireOrderedPairs(_ c: SSACounts, design: SSADesign) throws(SSAError) {
        if c.pairs == 0 { throw .noPairs(indexUsers: c.indexUsers, markerUsers: c.markerUsers) }
        if c.ordered == 0 {
            if c.sameDay == c.pairs { throw .allPairsOnSameDay(pairs: c.pairs) }
            throw .noPairsInsideGap(
                pairs: c.pairs, sameDay: c.sameDay, gapTooShort: c.gapTooShort, gapTooLong: c.gapTooLong, gap: design.gap)
        }
    }

    /// The result for given counts and null-effect ratio.
    static func result(
        counts: SSACounts, nullEffect nsr: NullEffectSequenceRatio, level: Double, sequences: SSASequences,
        stratum: String?
    ) throws(SSAError) -> SSAResult {
        let crude = try SequenceRatioEstimate.crude(
            indexFirst: counts.indexFirst, markerFirst: counts.markerFirst, level: level)
        let adjusted = crude.divided(by: nsr.ratio)
        let p = try ExactBinomialTest.twoSidedPValue(
            successes: counts.indexFirst, trials: counts.ordered, probability: nsr.probabilityIndexFirst)
        var notes = stratum == nil ? sequences.diagnostics : []
        if counts.indexFirst == 0 {
            notes.append(
                "no index-first pair: the ratios are 0; the beta interval uses 0.5 for the zero count, as CohortSymmetry does")
        }
        if counts.markerFirst == 0 {
            notes.append(
                "no marker-first pair: the ratios are infinite; the beta interval uses 0.5 for the zero count, as CohortSymmetry does")
        }
        if counts.ordered < 10 {
            notes.append("only \(counts.ordered) ordered pair\(counts.ordered == 1 ? "" : "s"): the intervals are wide")
        }
        return SSAResult(
            indexName: sequences.indexName, markerName: sequences.markerName, stratum: stratum,
            design: sequences.design, studyPeriod: sequences.studyPeriod, counts: counts, crude: crude,
            nullEffect: nsr, adjusted: adjusted, pValue: p, attrition: sequences.attrition, diagnostics: notes)
    }

    /// Daily incidence series of both drugs over the period (monthly spread if asked), for the persons `include`
    /// accepts (all when `nil`).
    static func incidence(
        _ s: SSAFirstStarts, period: ClosedRange<Day>, resolution: NullEffectResolution,
        include: ((Int) -> Bool)? = nil
    ) -> (index: [Double], marker: [Double]) {
        let lo = period.lowerBound.rawValue
        let u = period.upperBound - period.lowerBound + 1
        var a = [Double](repeating: 0, count: u), b = [Double](repeating: 0, count: u)
        let none = SSAFirstStarts.noStart
        for i in 0..<s.count {
            if let include, !include(i) { continue }
            let x = s.indexDay[i], t = s.markerDay[i]
            if x != none { a[Int(x - lo)] += 1 }
            if t != none { b[Int(t - lo)] += 1 }
        }
        if resolution == .monthly {
            a = NullEffectSequenceRatio.monthlySpread(a, firstDay: period.lowerBound)
            b = NullEffectSequenceRatio.monthlySpread(b, firstDay: period.lowerBound)
        }
        return (a, b)
    }
}
