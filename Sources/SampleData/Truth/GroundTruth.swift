/// The effects planted in a sample network, each on the scale of the estimand a method reports.
///
/// Written beside the data as `ground_truth.json` by `pvstudy generate`.
public struct GroundTruth: Sendable, Equatable, Codable {
    public var configuration: SampleConfiguration
    public var sccs: SCCSTruth
    public var ps: PSTruth
    public var ssa: SSATruth
    /// Drug–outcome pairs generated with no effect (for calibration and false-positive checks).
    public var negativeControls: [NegativeControl]
    /// Injected defects by kind, with the number of eligible records and the number altered.
    public var defects: [DefectCount]
}

public struct SCCSTruth: Sendable, Equatable, Codable {
    public var drug: String
    public var drugATC: String
    public var outcomeICD10: String
    /// Relative incidence in days `riskStart...riskEnd` after each prescription (the SCCS estimand).
    public var relativeIncidence: Double
    public var riskStart: Int
    public var riskEnd: Int
    /// Cases (persons with at least one outcome event) and events generated.
    public var cases: Int
    public var events: Int
}

public struct PSTruth: Sendable, Equatable, Codable {
    public var target: String
    public var targetATC: String
    public var comparator: String
    public var comparatorATC: String
    /// The outcome: first ALT result above 3 × the site's upper reference limit, while on treatment.
    public var outcome: String
    /// Conditional hazard ratio (given age, liver and kidney disease).
    public var conditionalHazardRatio: Double
    /// Marginal hazard ratio in the treated (ATT), from simulating both potential outcomes for every target-drug
    /// user under the same censoring: the ratio of the potential-outcome incidence rates, which for this rare
    /// outcome under proportional hazards is the marginal Cox hazard ratio to within simulation error.
    public var marginalHazardRatioATT: Double
    public var targetUsers: Int
    public var comparatorUsers: Int
    public var targetEvents: Int
    public var comparatorEvents: Int
    /// Cumulative incidence of the outcome over the time at risk, all new users.
    public var cumulativeIncidence: Double
}

public struct SSATruth: Sendable, Equatable, Codable {
    public var index: String
    public var indexATC: String
    public var marker: String
    public var markerATC: String
    /// The injected multiplier of the marker's initiation hazard for `effectDays` after starting the index drug.
    public var hazardRatio: Double
    public var effectDays: Int
    public var windowDays: Int
    /// The expected sequence ratio: `(RR·L + W − L) / W`, what a trend-adjusted SSA estimates.
    public var sequenceRatio: Double
}

public struct NegativeControl: Sendable, Equatable, Codable {
    public var design: String
    public var exposure: String
    public var outcome: String
}

public struct DefectCount: Sendable, Equatable, Codable {
    public var kind: String
    public var table: String
    public var rate: Double
    public var eligible: Int
    public var injected: Int
}
