import SignalStatsCore
import CohortModel

/// The time at risk of each cohort member, OHDSI CohortMethod style: a start and an end, each an offset in days from
/// an anchor, always censored at the end of the observation period that contains the index date.
public struct TimeAtRisk: Sendable, Equatable, Codable {
    /// What an offset is counted from.
    public enum Anchor: String, Sendable, Equatable, Codable {
        /// The index date (first exposure to the cohort's drug).
        case indexDate
        /// The last day of the drug era that starts at the index date (exposures to the cohort's drug merged across
        /// gaps of at most ``TimeAtRisk/eras``' persistence gap): the end of continuous treatment.
        case exposureEnd
    }

    /// Offset of the first day at risk (default 1: the day after the index date).
    public var start: Int
    /// Anchor of ``start``.
    public var startAnchor: Anchor
    /// Offset of the last day at risk.
    public var end: Int
    /// Anchor of ``end``.
    public var endAnchor: Anchor
    /// How exposure records become eras (for ``Anchor/exposureEnd``).
    public var eras: DrugEraOptions

    /// A window from `start` days after `startAnchor` to `end` days after `endAnchor`.
    public init(
        start: Int = 1, startAnchor: Anchor = .indexDate, end: Int = 0, endAnchor: Anchor = .exposureEnd,
        eras: DrugEraOptions = .init(persistenceGap: 30)
    ) {
        self.start = start
        self.startAnchor = startAnchor
        self.end = end
        self.endAnchor = endAnchor
        self.eras = eras
    }

    /// On treatment: from the day after the index date to `daysAfterExposureEnd` days after the end of continuous
    /// treatment (eras with a `persistenceGap`-day gap allowance).
    public static func onTreatment(daysAfterExposureEnd: Int = 0, persistenceGap: Int = 30) -> TimeAtRisk {
        TimeAtRisk(start: 1, end: daysAfterExposureEnd, endAnchor: .exposureEnd, eras: .init(persistenceGap: persistenceGap))
    }

    /// Intention to treat: from the day after the index date to the end of observation, or to `maximumDays` after the
    /// index date if that comes first.
    public static func intentionToTreat(maximumDays: Int = 36_500) -> TimeAtRisk {
        TimeAtRisk(start: 1, end: maximumDays, endAnchor: .indexDate)
    }
}

/// A new-user, active-comparator cohort study with propensity-score matching, as OHDSI CohortMethod runs one.
///
/// **Estimand.** With 1:1 caliper matching, the hazard ratio of the target versus the comparator drug in the matched
/// target users (ATT-like; Austin 2011), reported two ways: *marginal* (Cox on the matched cohort, robust variance
/// clustered on matched sets, which is what matching targets) and *conditional* (Cox stratified by matched set).
/// Hazard ratios are non-collapsible: the two differ even without confounding.
///
/// **Assumptions.** No unmeasured confounding given the extracted covariates; positivity (check equipoise);
/// non-informative censoring by the end of treatment or of observation; proportional hazards (tested).
///
/// ```swift
/// var design = PSCohortStudyDesign(target: pioglitazone, comparator: sitagliptin)
/// design.timeAtRisk = .onTreatment(daysAfterExposureEnd: 30)
/// let result = try design.run(network: network, outcomePersons: events.person, outcomeDates: events.date)
/// print(result.summary())
/// ```
public struct PSCohortStudyDesign: Sendable, Equatable {
    /// The target drug (`treated`, coded 1).
    public var target: ConceptSet
    /// The comparator drug (coded 0).
    public var comparator: ConceptSet
    /// New-user criteria for both cohorts (washout, prior observation).
    public var newUsers: NewUserCriteria
    /// Remove persons who are new users of both drugs (default true).
    public var removePersonsInBothCohorts: Bool
    /// Remove persons with an outcome in the `priorOutcomeLookbackDays` days before the index date (default: any time
    /// before); `nil` keeps them.
    public var priorOutcomeLookbackDays: Int?
    /// The time at risk (default on treatment, to the end of the era).
    public var timeAtRisk: TimeAtRisk
    /// Persons with fewer days at risk are removed (default 1).
    public var minimumDaysAtRisk: Int
    /// Covariates for the propensity model and the balance table (default: CohortModel's extractor over the year
    /// before the index date, all domains).
    public var covariates: CovariateOptions
    /// Ridge penalty of the dense propensity model (default 0, maximum likelihood); used with ``PropensityModel/dense``.
    public var propensityL2Penalty: Double
    /// How the propensity model is fitted (default ``PropensityModel/dense``): the dense Newton fit, or a sparse
    /// regularized fit (L1/L2, fixed or chosen by cross-validation) on the covariate matrix as extracted, never densified.
    public var propensityModel: PropensityModel
    /// Matching (default 1:1 on the logit score, 0.2-SD caliper, treated units in a random order with seed 1; see
    /// ``MatchingOptions/Order-swift.enum/descendingScore`` for why not largest first).
    public var matching: MatchingOptions
    /// Tie handling of the Cox models (default Efron).
    public var ties: CoxTies
    /// Time transform of the proportional-hazards test (default identity, R `cox.zph(transform = "identity")`).
    public var proportionalHazardsTransform: PHTimeTransform

    /// A design with the defaults documented on each property.
    public init(
        target: ConceptSet, comparator: ConceptSet, newUsers: NewUserCriteria = .init(),
        removePersonsInBothCohorts: Bool = true, priorOutcomeLookbackDays: Int? = 99_999,
        timeAtRisk: TimeAtRisk = .onTreatment(), minimumDaysAtRisk: Int = 1, covariates: CovariateOptions = .init(),
        propensityL2Penalty: Double = 0, matching: MatchingOptions = .init(order: .random(seed: 1)), ties: CoxTies = .efron,
        proportionalHazardsTransform: PHTimeTransform = .identity, propensityModel: PropensityModel = .dense
    ) {
        self.target = target
        self.comparator = comparator
        self.newUsers = newUsers
        self.removePersonsInBothCohorts = removePersonsInBothCohorts
        self.priorOutcomeLookbackDays = priorOutcomeLookbackDays
        self.timeAtRisk = timeAtRisk
        self.minimumDaysAtRisk = minimumDaysAtRisk
        self.covariates = covariates
        self.propensityL2Penalty = propensityL2Penalty
        self.propensityModel = propensityModel
        self.matching = matching
        self.ties = ties
        self.proportionalHazardsTransform = proportionalHazardsTransform
    }
}
