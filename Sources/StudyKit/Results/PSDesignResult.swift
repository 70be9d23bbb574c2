/// The results of one propensity-score matched cohort study (target versus comparator).
public struct PSDesignResult: Sendable, Equatable, Codable {
    /// Target drug (concept set name).
    public var target: String
    /// Comparator drug.
    public var comparator: String
    /// Outcome name.
    public var outcome: String
    /// The propensity model.
    public var propensityModel: PropensityModel
    /// Preference-score histograms by arm, before and after matching.
    public var preferenceScore: PreferenceScoreDistribution
    /// Share of persons in clinical equipoise (preference score 0.3–0.7).
    public var equipoise: Equipoise
    /// Covariate balance before and after matching.
    public var balance: Balance
    /// The matched cohort.
    public var matching: Matching
    /// Persons, events and person-days per arm, before and after matching.
    public var counts: ArmCounts
    /// Kaplan–Meier curves per arm in the matched cohort, truncated where fewer than the small-cell threshold remain at risk.
    public var kaplanMeier: [SurvivalCurve]
    /// Hazard ratios (target versus comparator).
    public var hazardRatios: HazardRatios
    /// Poisson incidence rate ratio in the matched cohort, with the counts and person-time behind it.
    public var incidenceRateRatio: RatioEstimate?
    /// Schoenfeld-residual test of proportional hazards for the primary model.
    public var proportionalHazards: ProportionalHazards?
    /// Diagnostics with thresholds (balance, equipoise, proportional hazards).
    public var diagnostics: [StudyDiagnostic]

    /// Creates PS results.
    public init(
        target: String, comparator: String, outcome: String, propensityModel: PropensityModel,
        preferenceScore: PreferenceScoreDistribution, equipoise: Equipoise, balance: Balance, matching: Matching,
        counts: ArmCounts, kaplanMeier: [SurvivalCurve], hazardRatios: HazardRatios, incidenceRateRatio: RatioEstimate?,
        proportionalHazards: ProportionalHazards?, diagnostics: [StudyDiagnostic]
    ) {
        self.target = target
        self.comparator = comparator
        self.outcome = outcome
        self.propensityModel = propensityModel
        self.preferenceScore = preferenceScore
        self.equipoise = equipoise
        self.balance = balance
        self.matching = matching
        self.counts = counts
        self.kaplanMeier = kaplanMeier
        self.hazardRatios = hazardRatios
        self.incidenceRateRatio = incidenceRateRatio
        self.proportionalHazards = proportionalHazards
        self.diagnostics = diagnostics
    }

    /// The propensity model's summary.
    public struct PropensityModel: Sendable, Equatable, Codable {
        /// Covariates in the model.
        public var covariates: Int
        /// Covariates removed as constant or rare.
        public var covariatesRemoved: Int
        /// Ridge penalty used.
        public var l2Penalty: Double
        /// Fit convergence.
        public var convergence: ConvergenceInfo
        /// Whether the fit shows (quasi-)separation: a covariate predicts the drug, scores pile up at 0 or 1.
        public var separation: Bool
        /// Creates a summary.
        public init(covariates: Int, covariatesRemoved: Int, l2Penalty: Double, convergence: ConvergenceInfo, separation: Bool) {
            self.covariates = covariates
            self.covariatesRemoved = covariatesRemoved
            self.l2Penalty = l2Penalty
            self.convergence = convergence
            self.separation = separation
        }
    }

    /// Preference-score histograms on fixed bins over [0, 1].
    public struct PreferenceScoreDistribution: Sendable, Equatable, Codable {
        /// Bin edges, `bins + 1` values from 0 to 1.
        public var edges: [Double]
        /// Counts per bin before matching.
        public var before: ArmHistogram
        /// Counts per bin in the matched cohort.
        public var after: ArmHistogram
        /// Creates the distribution.
        public init(edges: [Double], before: ArmHistogram, after: ArmHistogram) {
            self.edges = edges
            self.before = before
            self.after = after
        }
    }

    /// Counts per bin for each arm.
    public struct ArmHistogram: Sendable, Equatable, Codable {
        /// Target arm.
        public var target: [CellCount]
        /// Comparator arm.
        public var comparator: [CellCount]
        /// Creates a histogram.
        public init(target: [CellCount], comparator: [CellCount]) {
            self.target = target
            self.comparator = comparator
        }
    }

    /// Equipoise: the share of persons with a preference score inside `lower...upper`.
    public struct Equipoise: Sendable, Equatable, Codable {
        /// Lower end of the range (0.3).
        public var lower: Double
        /// Upper end of the range (0.7).
        public var upper: Double
        /// Share of all persons in the range.
        public var share: Double
        /// Share of the target arm in the range.
        public var targetShare: Double
        /// Share of the comparator arm in the range.
        public var comparatorShare: Double
        /// Whether at least half the persons are in the range (Walker et al. 2013).
        public var passed: Bool
        /// Creates equipoise.
        public init(lower: Double, upper: Double, share: Double, targetShare: Double, comparatorShare: Double, passed: Bool) {
            self.lower = lower
            self.upper = upper
            self.share = share
            self.targetShare = targetShare
            self.comparatorShare = comparatorShare
            self.passed = passed
        }
    }

    /// Standardized mean differences before and after matching.
    public struct Balance: Sendable, Equatable, Codable {
        /// The |SMD| below which a covariate is balanced (0.1).
        public var threshold: Double
        /// Largest |SMD| before matching.
        public var maxAbsSMDBefore: Double
        /// Largest |SMD| after matching.
        public var maxAbsSMDAfter: Double
        /// Whether every covariate's |SMD| after matching is below the threshold.
        public var passed: Bool
        /// Per covariate (the propensity score itself first).
        public var covariates: [Covariate]
        /// Creates a balance summary.
        public init(threshold: Double, maxAbsSMDBefore: Double, maxAbsSMDAfter: Double, passed: Bool, covariates: [Covariate]) {
            self.threshold = threshold
            self.maxAbsSMDBefore = maxAbsSMDBefore
            self.maxAbsSMDAfter = maxAbsSMDAfter
            self.passed = passed
            self.covariates = covariates
        }
        /// One covariate's SMDs.
        public struct Covariate: Sendable, Equatable, Codable {
            /// Covariate name.
            public var name: String
            /// SMD before matching.
            public var smdBefore: Double
            /// SMD after matching.
            public var smdAfter: Double
            /// Creates a row.
            public init(name: String, smdBefore: Double, smdAfter: Double) {
                self.name = name
                self.smdBefore = smdBefore
                self.smdAfter = smdAfter
            }
        }
    }

    /// The matched cohort's size and settings.
    public struct Matching: Sendable, Equatable, Codable {
        /// Matching settings in words (ratio, caliper, scale, replacement).
        public var method: String
        /// The estimand the matching targets: `"ATT"` (greedy matching of each target person to comparators, as
        /// CohortMethod and MatchIt's `nearest` do) — stated so that readers need not infer it from `method`.
        public var estimand: String
        /// Caliper on the matching scale, when used.
        public var caliper: Double?
        /// Matched sets.
        public var matchedSets: CellCount
        /// Target persons matched.
        public var matchedTarget: CellCount
        /// Comparator persons matched.
        public var matchedComparator: CellCount
        /// Target persons left unmatched.
        public var unmatchedTarget: CellCount
        /// Creates matching info.
        public init(
            method: String, estimand: String = "ATT", caliper: Double?, matchedSets: CellCount, matchedTarget: CellCount,
            matchedComparator: CellCount, unmatchedTarget: CellCount
        ) {
            self.method = method
            self.estimand = estimand
            self.caliper = caliper
            self.matchedSets = matchedSets
            self.matchedTarget = matchedTarget
            self.matchedComparator = matchedComparator
            self.unmatchedTarget = unmatchedTarget
        }
    }

    /// Persons, events and person-days in one arm.
    public struct Arm: Sendable, Equatable, Codable {
        /// Persons.
        public var persons: CellCount
        /// Persons with an outcome in their time at risk.
        public var events: CellCount
        /// Days at risk.
        public var personDays: Double
        /// Events per 1,000 person-years (absent when `events` is suppressed).
        public var ratePer1000PersonYears: Double?
        /// Creates an arm.
        public init(persons: CellCount, events: CellCount, personDays: Double, ratePer1000PersonYears: Double?) {
            self.persons = persons
            self.events = events
            self.personDays = personDays
            self.ratePer1000PersonYears = ratePer1000PersonYears
        }
    }

    /// Counts per arm before and after matching.
    public struct ArmCounts: Sendable, Equatable, Codable {
        /// Target arm before matching.
        public var targetBefore: Arm
        /// Comparator arm before matching.
        public var comparatorBefore: Arm
        /// Target arm in the matched cohort.
        public var targetMatched: Arm
        /// Comparator arm in the matched cohort.
        public var comparatorMatched: Arm
        /// Creates counts.
        public init(targetBefore: Arm, comparatorBefore: Arm, targetMatched: Arm, comparatorMatched: Arm) {
            self.targetBefore = targetBefore
            self.comparatorBefore = comparatorBefore
            self.targetMatched = targetMatched
            self.comparatorMatched = comparatorMatched
        }
    }

    /// A Kaplan–Meier curve of one arm: a step function through `points`.
    public struct SurvivalCurve: Sendable, Equatable, Codable {
        /// `"target"` or `"comparator"`.
        public var arm: String
        /// Event times (days from the start of time at risk), starting with day 0 (survival 1).
        public var points: [SurvivalPoint]
        /// The day after which the curve is not shown because fewer than the small-cell threshold remain at risk
        /// (absent when not truncated).
        public var truncatedAfterDay: Double?
        /// Creates a curve.
        public init(arm: String, points: [SurvivalPoint], truncatedAfterDay: Double?) {
            self.arm = arm
            self.points = points
            self.truncatedAfterDay = truncatedAfterDay
        }
    }

    /// One step of a Kaplan–Meier curve.
    public struct SurvivalPoint: Sendable, Equatable, Codable {
        /// Days from the start of time at risk.
        public var day: Double
        /// Survival just after `day`.
        public var survival: Double
        /// Lower limit of the pointwise 95% interval (log transform, as R `survfit` by default).
        public var lower: Double
        /// Upper limit of the interval.
        public var upper: Double
        /// Persons at risk just before `day`.
        public var atRisk: CellCount
        /// Events on `day`.
        public var events: CellCount
        /// Creates a point.
        public init(day: Double, survival: Double, lower: Double, upper: Double, atRisk: CellCount, events: CellCount) {
            self.day = day
            self.survival = survival
            self.lower = lower
            self.upper = upper
            self.atRisk = atRisk
            self.events = events
        }
    }

    /// The hazard ratios of target versus comparator.
    public struct HazardRatios: Sendable, Equatable, Codable {
        /// Which of the three is the study's primary estimate: `"marginal"` or `"conditional"`.
        public var primary: String
        /// Unadjusted Cox model, all persons before matching.
        public var crude: RatioEstimate
        /// Matched cohort, no strata, robust variance clustered on matched sets: the marginal hazard ratio.
        public var marginal: RatioEstimate
        /// Matched cohort, stratified by matched set: the conditional hazard ratio.
        public var conditional: RatioEstimate
        /// Creates hazard ratios.
        public init(primary: String, crude: RatioEstimate, marginal: RatioEstimate, conditional: RatioEstimate) {
            self.primary = primary
            self.crude = crude
            self.marginal = marginal
            self.conditional = conditional
        }
    }

    /// Proportional-hazards test of `treated`.
    public struct ProportionalHazards: Sendable, Equatable, Codable {
        /// Time transform (`identity`, `log`, `km`, `rank`).
        public var transform: String
        /// Chi-square statistic.
        public var chiSquare: Double
        /// Degrees of freedom.
        public var degreesOfFreedom: Int
        /// p-value.
        public var pValue: Double
        /// Whether p ≥ 0.05.
        public var passed: Bool
        /// Creates a test row.
        public init(transform: String, chiSquare: Double, degreesOfFreedom: Int, pValue: Double, passed: Bool) {
            self.transform = transform
            self.chiSquare = chiSquare
            self.degreesOfFreedom = degreesOfFreedom
            self.pValue = pValue
            self.passed = passed
        }
    }
}
