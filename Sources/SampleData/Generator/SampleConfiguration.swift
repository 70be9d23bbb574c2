import CohortModel

/// Everything that shapes a sample network: its size, seed, study period, injected signals and data defects.
///
/// The defaults give the network `pvstudy demo` uses: 100,000 persons, seed 2018.
public struct SampleConfiguration: Sendable, Equatable, Codable {
    /// Number of persons.
    public var persons: Int = 100_000
    /// Seed of the random streams (each person has its own stream derived from this, so output does not depend
    /// on how many threads generate it).
    public var seed: UInt64 = 2018
    /// First and last day of the data.
    public var studyStart: Day = Day(year: 2014, month: 1, day: 1) ?? Day(16071)
    public var studyEnd: Day = Day(year: 2022, month: 12, day: 31) ?? Day(19357)
    public var sccs = SCCSSignal()
    public var ps = PSSignal()
    public var ssa = SSASignal()
    public var defects = DefectRates()

    public init(persons: Int = 100_000, seed: UInt64 = 2018) {
        self.persons = persons
        self.seed = seed
    }
}

/// The self-controlled case series signal: levofloxacin raises the incidence of tendon rupture (ICD-10 M66.3).
public struct SCCSSignal: Sendable, Equatable, Codable {
    /// Relative incidence in the risk window.
    public var relativeIncidence: Double = 3.0
    /// Risk window: days `riskStart ... riskEnd` after each course start (day 0 = the prescription date).
    public var riskStart: Int = 0
    public var riskEnd: Int = 29
    /// Baseline incidence per person-day at age 50 in an average month.
    public var baselinePerDay: Double = 2.0e-5
    /// Log relative incidence per year of age.
    public var ageLogSlope: Double = 0.03
    /// Amplitude of the seasonal log relative incidence (peak in January).
    public var seasonAmplitude: Double = 0.4
}

/// The propensity-score signal: among new users for type 2 diabetes, pioglitazone (target) versus sitagliptin
/// (comparator) multiplies the hazard of ALT > 3 × ULN.
public struct PSSignal: Sendable, Equatable, Codable {
    /// Conditional hazard ratio, target versus comparator, while on treatment.
    public var hazardRatio: Double = 1.5
    /// Baseline hazard per day (comparator, age 60, no liver or kidney disease).
    public var baselinePerDay: Double = 4.0e-5
    /// Share of persons with diabetes who start one of the two drugs.
    public var uptake: Double = 0.6
    /// Mean days on treatment.
    public var meanTreatmentDays: Double = 400
    /// Replicates per treated person when computing the marginal (ATT) truth.
    public var truthReplicates: Int = 40
}

/// The sequence-symmetry signal: amlodipine causes oedema treated with furosemide (a prescribing cascade), on top
/// of a rising trend in furosemide initiation.
public struct SSASignal: Sendable, Equatable, Codable {
    /// Multiplier of the furosemide initiation hazard in the days after starting amlodipine.
    public var rateRatio: Double = 4.0
    /// Length of the raised-hazard period in days.
    public var effectDays: Int = 90
    /// The SSA window in days (pairs count when the second start is at most this long after the first).
    public var windowDays: Int = 365
    /// Furosemide initiation rate per day among persons with hypertension, at the start of the study.
    public var markerBaselinePerDay: Double = 1.0e-4
    /// Relative increase of furosemide initiation from study start to study end (2.0 = three times as high at the end).
    public var markerTrend: Double = 2.0
    /// Share of persons with hypertension who start amlodipine during observation.
    public var indexUptake: Double = 0.45
}

/// Rates of injected data defects, per eligible record (all zero by default).
public struct DefectRates: Sendable, Equatable, Codable {
    /// Drug records whose YJ code gets a wrong check digit.
    public var invalidCode: Double = 0
    /// Lab results multiplied by 1000 (outside physiological bounds).
    public var outOfRangeLab: Double = 0
    /// Creatinine results recorded with the unit `mg/L` instead of `mg/dL` (a unit mismatch).
    public var unitMismatch: Double = 0
    /// Admissions whose discharge date is before the admission date.
    public var endBeforeStart: Double = 0
    /// Drug records moved to after the end of observation.
    public var outsideObservation: Double = 0
    public init() {}
}
