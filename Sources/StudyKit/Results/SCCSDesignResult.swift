/// The results of one self-controlled case series.
public struct SCCSDesignResult: Sendable, Equatable, Codable {
    /// The outcome's name in the study.
    public var outcome: String
    /// Cases (observation periods with an event), events, intervals and case person-days.
    public var counts: Counts
    /// One row per exposure and risk window, in the design's order.
    public var estimates: [WindowEstimate]
    /// Age effects: one group per age band (the first band present is the reference, RI 1). Empty without age adjustment.
    public var ageEffects: [EffectGroup]
    /// Season effects: one group per season band (months). Empty without season adjustment.
    public var seasonEffects: [EffectGroup]
    /// Assumption checks with thresholds and verdicts.
    public var diagnostics: [StudyDiagnostic]
    /// How the conditional Poisson fit ended.
    public var convergence: ConvergenceInfo

    /// Creates SCCS results.
    public init(
        outcome: String, counts: Counts, estimates: [WindowEstimate], ageEffects: [EffectGroup], seasonEffects: [EffectGroup],
        diagnostics: [StudyDiagnostic], convergence: ConvergenceInfo
    ) {
        self.outcome = outcome
        self.counts = counts
        self.estimates = estimates
        self.ageEffects = ageEffects
        self.seasonEffects = seasonEffects
        self.diagnostics = diagnostics
        self.convergence = convergence
    }

    /// Counts behind the fit.
    public struct Counts: Sendable, Equatable, Codable {
        /// Cases (one per observation period with an event).
        public var cases: CellCount
        /// Events analysed.
        public var events: CellCount
        /// Intervals in the fit (after merging).
        public var intervals: Int
        /// Person-days of case observation.
        public var personDays: Int
        /// Creates counts.
        public init(cases: CellCount, events: CellCount, intervals: Int, personDays: Int) {
            self.cases = cases
            self.events = events
            self.intervals = intervals
            self.personDays = personDays
        }
    }

    /// The relative incidence in one risk window of one exposure.
    public struct WindowEstimate: Sendable, Equatable, Codable {
        /// The exposure's name.
        public var exposure: String
        /// The window's label (for example `"0-29"`).
        public var window: String
        /// The model term (`"<exposure> <window>"`).
        public var term: String
        /// Window start and end (days) and their anchors, as specified.
        public var start: Int
        /// Window end in days.
        public var end: Int
        /// `eraStart` or `eraEnd`.
        public var startAnchor: String
        /// `eraStart` or `eraEnd`.
        public var endAnchor: String
        /// Relative incidence with log-scale SE, Wald and profile intervals; absent when not estimable.
        public var relativeIncidence: RatioEstimate?
        /// Why there is no estimate (no events in the window, aliased).
        public var notEstimated: String?
        /// Cases with an event in the window.
        public var cases: CellCount
        /// Events in the window.
        public var events: CellCount
        /// Case person-days in the window.
        public var personDays: Int

        /// Creates a window estimate.
        public init(
            exposure: String, window: String, term: String, start: Int, end: Int, startAnchor: String, endAnchor: String,
            relativeIncidence: RatioEstimate?, notEstimated: String?, cases: CellCount, events: CellCount, personDays: Int
        ) {
            self.exposure = exposure
            self.window = window
            self.term = term
            self.start = start
            self.end = end
            self.startAnchor = startAnchor
            self.endAnchor = endAnchor
            self.relativeIncidence = relativeIncidence
            self.notEstimated = notEstimated
            self.cases = cases
            self.events = events
            self.personDays = personDays
        }
    }

    /// One group of a step function (age band in years, season band in months).
    public struct EffectGroup: Sendable, Equatable, Codable {
        /// Label, for example `"40-44"` or `"Mar-May"`.
        public var label: String
        /// Where the group starts (years of age, or month 1–12).
        public var from: Double
        /// Where the next group starts (exclusive; for seasons it may wrap past 12).
        public var to: Double
        /// Whether this is the reference group (RI 1 by definition, no interval).
        public var isReference: Bool
        /// The group's relative incidence against the reference; absent for the reference and unestimated groups.
        public var relativeIncidence: RatioEstimate?

        /// Creates a group.
        public init(label: String, from: Double, to: Double, isReference: Bool, relativeIncidence: RatioEstimate?) {
            self.label = label
            self.from = from
            self.to = to
            self.isReference = isReference
            self.relativeIncidence = relativeIncidence
        }
    }
}
