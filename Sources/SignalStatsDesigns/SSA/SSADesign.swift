import SignalStatsCore
import CohortModel

/// The rules that turn drug records into incident sequences of an index and a marker drug.
///
/// - **Incident use.** A person's first start of a drug is the first record of it ever seen. It counts as an
///   incident start only if it lies inside an observation period that began at least ``washoutDays`` days
///   earlier, so that "first seen" can be read as "first ever" (a new user). Because it is the first record of
///   that drug, the washout is also free of it; for the earlier start of a pair it is free of both drugs.
/// - **Study period.** Only incident starts inside ``studyPeriod`` count, for the pairs and for the incidence
///   that the null-effect ratio is computed from. A first start before the period is not incident in it (the
///   person is a prevalent user), so it is not replaced by a later record.
/// - **Allowed gap.** A person with incident starts of both drugs is a pair. The pair is *index-first* when the
///   marker starts ``minimumGapDays``…``maximumGapDays`` days after the index drug, *marker-first* in the mirror
///   case. Pairs starting both on the same day carry no order and are excluded and counted; so are pairs whose
///   starts lie further apart.
///
/// Defaults follow CohortSymmetry (`combinationWindow = c(0, 365)`: a gap > 0 and ≤ 365 days) and the common
/// one-year run-in of Hallas (1996).
///
/// ```swift
/// var design = SSADesign()
/// design.maximumGapDays = 180
/// if let from = Day("2015-01-01"), let to = Day("2022-12-31") { design.studyPeriod = from...to }
/// ```
public struct SSADesign: Sendable, Equatable, Codable {
    /// Days of observation required before a first start (default 365; 0 accepts any start inside
    /// observation). Applies to extraction from a `Network`; prepared first starts are taken as incident.
    public var washoutDays: Int
    /// Smallest gap in days between the two starts for a pair to count (default 1; must be at least 1 —
    /// same-day starts are never ordered).
    public var minimumGapDays: Int
    /// Largest gap in days between the two starts for a pair to count (default 365).
    public var maximumGapDays: Int
    /// First and last day of the study period (inclusive); `nil` uses the span of the data: the observation
    /// periods of a network, or the first and last start of prepared data.
    public var studyPeriod: ClosedRange<Day>?

    /// A design; the defaults are a 365-day washout, gaps of 1…365 days, and the whole span of the data.
    public init(
        washoutDays: Int = 365, minimumGapDays: Int = 1, maximumGapDays: Int = 365, studyPeriod: ClosedRange<Day>? = nil
    ) {
        self.washoutDays = washoutDays
        self.minimumGapDays = minimumGapDays
        self.maximumGapDays = maximumGapDays
        self.studyPeriod = studyPeriod
    }

    /// The allowed gap as a range of days.
    public var gap: ClosedRange<Int> { minimumGapDays...max(minimumGapDays, maximumGapDays) }

    /// Checks the settings.
    ///
    /// - Throws: ``SSAError/invalidDesign(_:)`` for a negative washout, a minimum gap below 1 or a maximum gap
    ///   below the minimum.
    public func validate() throws(SSAError) {
        if washoutDays < 0 { throw .invalidDesign("washoutDays is \(washoutDays); it must be 0 or more") }
        if minimumGapDays < 1 {
            throw .invalidDesign(
                "minimumGapDays is \(minimumGapDays); it must be at least 1 (same-day starts carry no order and are always excluded)")
        }
        if maximumGapDays < minimumGapDays {
            throw .invalidDesign("maximumGapDays (\(maximumGapDays)) is below minimumGapDays (\(minimumGapDays))")
        }
    }

    /// Checks a resolved study period against the gap.
    func validate(period: ClosedRange<Day>) throws(SSAError) {
        let days = period.upperBound - period.lowerBound + 1
        if days - 1 < minimumGapDays { throw .studyPeriodShorterThanGap(periodDays: days, minimumGapDays: minimumGapDays) }
    }
}
