import Foundation

/// Age and season adjustment of an SCCS model, as step functions.
public struct SCCSAdjustment: Sendable, Equatable, Codable {
    /// Ages in days at which a new age group starts (R `SCCS`'s `agegrp`): group 1 is before the first cut point.
    public var ageCutPoints: [Int]
    /// Calendar months (1–12) at which a new season group starts, cyclically: with `[3, 6, 9, 12]`, December to
    /// February is one group. Empty for no season adjustment.
    public var seasonStartMonths: [Int]

    public init(ageCutPoints: [Int] = [], seasonStartMonths: [Int] = []) {
        self.ageCutPoints = ageCutPoints
        self.seasonStartMonths = seasonStartMonths
    }
}

/// A case series chopped into intervals during which every covariate is constant (the SCCS analysis data).
///
/// Within each case, intervals with the same covariate pattern are merged (their lengths and events added): the
/// conditional Poisson likelihood depends on them only through those sums. This is OHDSI's `SccsIntervalData`
/// ("chops patient time into periods during which all covariates remain constant"; Farrington, Whitaker and
/// Weldeselassie 2018) and what R `SCCS::formatdata` produces before its fit.
public struct SCCSIntervals: Sendable {
    /// Case (stratum) of each interval, an index into ``caseIDs``.
    public var caseIndex: [Int32] = [] { didSet { factorIndex = nil } }
    /// Days in the interval (sum over merged pieces).
    public var length: [Int32] = [] { didSet { factorIndex = nil } }
    /// Events in the interval.
    public var events: [Int32] = [] { didSet { factorIndex = nil } }
    /// Active exposure parameters of each interval: an index into ``exposurePatterns``.
    public var exposurePattern: [Int32] = [] { didSet { factorIndex = nil } }
    /// Age group (0 = before the first cut point) of each interval.
    public var ageGroup: [Int16] = [] { didSet { factorIndex = nil } }
    /// Season group of each interval (0 when there is no season adjustment).
    public var seasonGroup: [Int16] = [] { didSet { factorIndex = nil } }
    /// Distinct sets of active exposure parameters (sorted parameter indices); pattern 0 is "unexposed".
    public var exposurePatterns: [[Int32]] = [[]] { didSet { factorIndex = nil } }
    /// Case ids, one per case that has at least one event in its observation.
    public var caseIDs: [String] = []
    /// Names of the exposure parameters.
    public var parameterNames: [String]
    public var adjustment: SCCSAdjustment
    /// Counts of the construction: cases given, cases with events in observation, events in observation, events
    /// outside observation (ignored), cases with a zero-length or inverted observation (rejected).
    public var counts = Counts()
    /// Keys and case boundaries for the model, computed during construction; cleared when a column they depend on
    /// changes (``factorCoding()`` then derives them again).
    var factorIndex: SCCSFactorIndex? = nil

    /// What interval construction kept and dropped.
    public struct Counts: Sendable, Equatable, Codable {
        public var casesGiven = 0
        public var cases = 0
        public var events = 0
        public var eventsOutsideObservation = 0
        public var casesWithoutEventsInObservation = 0
        public var eventsDroppedAfterFirst = 0
        /// `Σ_events log(run length / merged length)`: added to the log-likelihood of the merged intervals it gives the
        /// log-likelihood on intervals split only where a covariate changes (R `SCCS::formatdata`), the form R `SCCS`
        /// and Stata `sccsdta` report. (Merging non-adjacent intervals with the same covariates changes that constant,
        /// not the estimates.)
        public var logLikelihoodSplitCorrection = 0.0
        /// Person-days of all cases' observation (after restrictions).
        public var personDays = 0
    }

    /// Number of intervals.
    public var count: Int { caseIndex.count }

    /// Builds the intervals.
    ///
    /// - Parameters:
    ///   - cases: the cases, each with its windows.
    ///   - parameterNames: names of the exposure parameters the windows refer to.
    ///   - adjustment: age and season step functions.
    ///   - firstOutcomeOnly: keep only each case's first event (OHDSI's `firstOutcomeOnly`; observation is kept whole).
    /// - Throws: ``SCCSError/invalidObservation(caseID:start:end:)``, ``SCCSError/invalidDesign(_:)`` for unsorted cut
    ///   points or a window naming an unknown parameter, ``SCCSError/noCases`` when no case has an event.
    public static func build(
        cases: [SCCSCase], parameterNames: [String], adjustment: SCCSAdjustment = .init(), firstOutcomeOnly: Bool = false
    ) throws(SCCSError) -> SCCSIntervals {
        try build(
            cases: cases, parameterNames: parameterNames, adjustment: adjustment, firstOutcomeOnly: firstOutcomeOnly,
            casesPerBlock: casesPerBlock)
    }

    /// ``build(cases:parameterNames:adjustment:firstOutcomeOnly:)`` with a chosen block size (tests check that the
    /// output does not depend on it).
    static func build(
        cases: [SCCSCase], parameterNames: [String], adjustment: SCCSAdjustment, firstOutcomeOnly: Bool, casesPerBlock: Int
    ) throws(SCCSError) -> SCCSIntervals {
        try validate(adjustment)
        let blockCount = (cases.count + casesPerBlock - 1) / casesPerBlock
        let (out, _) = try buildBlocks(
            blockCount: max(blockCount, 1), parameterNames: parameterNames, adjustment: adjustment,
            firstOutcomeOnly: firstOutcomeOnly
        ) { b, block throws(SCCSError) in
            for c in cases[(b * casesPerBlock)..<min(cases.count, (b + 1) * casesPerBlock)] {
                try block.add(
                    id: c.id, start: c.observationStart, end: c.observationEnd, events: c.events, windows: c.windows,
                    birthDay: c.birthDay, calendarOrigin: c.calendarOrigin)
            }
        }
        guard out.counts.cases > 0 else { throw .noCases }
        return out
    }

    /// Checks the age cut points and season start months.
    package static func validate(_ adjustment: SCCSAdjustment) throws(SCCSError) {
        guard zip(adjustment.ageCutPoints, adjustment.ageCutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("age cut points must increase: \(adjustment.ageCutPoints)")
        }
        let months = adjustment.seasonStartMonths
        guard months.allSatisfy({ (1...12).contains($0) }), zip(months, months.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("season start months must be increasing months 1-12: \(months)")
        }
    }

    /// The factor coding for the model: from construction, or derived when the columns were changed since.
    package func factorCoding() -> SCCSFactorIndex {
        factorIndex ?? SCCSFactorIndex(deriving: self)
    }

    init(parameterNames: [String], adjustment: SCCSAdjustment) {
        self.parameterNames = parameterNames
        self.adjustment = adjustment
    }
}
