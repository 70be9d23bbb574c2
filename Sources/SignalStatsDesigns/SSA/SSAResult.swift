import SignalStatsCore
import CohortModel

/// The estimates of a sequence symmetry analysis of one index–marker pair: crude, null-effect and adjusted
/// sequence ratios with their intervals, the exact test and the counts behind them.
///
/// See ``SSAModel`` for the estimand and assumptions and ``SequenceRatioEstimate`` for the two intervals.
public struct SSAResult: Sendable {
    /// Name of the index drug.
    public let indexName: String
    /// Name of the marker drug.
    public let markerName: String
    /// The stratum (for example `site H01`), or `nil` for the whole population.
    public let stratum: String?
    /// The design of the sequences.
    public let design: SSADesign
    /// The study period.
    public let studyPeriod: ClosedRange<Day>
    /// Incident users and pair classification.
    public let counts: SSACounts
    /// The crude sequence ratio `nIndexFirst / nMarkerFirst` and its intervals.
    public let crude: SequenceRatioEstimate
    /// The null-effect sequence ratio.
    public let nullEffect: NullEffectSequenceRatio
    /// The adjusted sequence ratio `crude / nullEffect`, with the crude intervals divided by the null-effect ratio.
    public let adjusted: SequenceRatioEstimate
    /// Two-sided exact binomial test of `nIndexFirst` out of the ordered pairs against the null-effect probability
    /// `NSR / (1 + NSR)` (that is, of adjusted ratio = 1).
    public let pValue: Double
    /// The attrition of the pairs.
    public let attrition: Attrition
    /// Non-fatal findings (zero counts, few pairs, a short study period), in words.
    public let diagnostics: [String]
}
