/// A ratio estimate (relative incidence, hazard ratio, rate ratio, sequence ratio) with its interval.
///
/// `estimate` is on the ratio scale; `logEstimate` and `standardError` on the log scale (as OHDSI's `logRr` and
/// `seLogRr`); `lower`/`upper` are the Wald limits at `level` unless `intervalMethod` says otherwise.
public struct RatioEstimate: Sendable, Equatable, Codable {
    /// The ratio.
    public var estimate: Double
    /// Its natural logarithm (absent for ratios estimated without a log-scale model, such as the crude sequence ratio).
    public var logEstimate: Double?
    /// Standard error of `logEstimate`.
    public var standardError: Double?
    /// Lower limit of the interval (ratio scale).
    public var lower: Double
    /// Upper limit of the interval (ratio scale).
    public var upper: Double
    /// Confidence level, for example 0.95.
    public var level: Double
    /// How the interval was computed: `"wald"`, `"robust wald"`, `"beta"` (sequence ratios), `"exact"`.
    public var intervalMethod: String
    /// Profile-likelihood limits (SCCS exposure windows).
    public var profileLower: Double?
    /// Profile-likelihood upper limit.
    public var profileUpper: Double?
    /// Two-sided p-value of the null hypothesis ratio = 1, when computed.
    public var pValue: Double?

    /// Creates an estimate.
    public init(
        estimate: Double, logEstimate: Double? = nil, standardError: Double? = nil, lower: Double, upper: Double,
        level: Double = 0.95, intervalMethod: String = "wald", profileLower: Double? = nil, profileUpper: Double? = nil,
        pValue: Double? = nil
    ) {
        self.estimate = estimate
        self.logEstimate = logEstimate
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
        self.level = level
        self.intervalMethod = intervalMethod
        self.profileLower = profileLower
        self.profileUpper = profileUpper
        self.pValue = pValue
    }
}

/// A diagnostic with its threshold and verdict (SCCS assumptions, PS balance and equipoise, SSA checks).
public struct StudyDiagnostic: Sendable, Equatable, Codable {
    /// What is checked.
    public var name: String
    /// The measured value.
    public var value: Double
    /// Interval of the value, when it has one.
    public var lower: Double?
    /// Upper limit of the value's interval.
    public var upper: Double?
    /// The rule the value is held to, in words.
    public var threshold: String
    /// Whether the rule holds.
    public var passed: Bool
    /// How to read a failure.
    public var note: String
    /// Why the diagnostic could not be computed (absent when it was); ``passed`` is then false.
    public var notComputed: String?

    /// Creates a diagnostic.
    public init(name: String, value: Double, lower: Double? = nil, upper: Double? = nil, threshold: String, passed: Bool, note: String = "") {
        self.name = name
        self.value = value
        self.lower = lower
        self.upper = upper
        self.threshold = threshold
        self.passed = passed
        self.note = note
    }
}

/// How a model fit ended.
public struct ConvergenceInfo: Sendable, Equatable, Codable {
    /// Whether the fit converged.
    public var converged: Bool
    /// Iterations used.
    public var iterations: Int
    /// The maximized log-likelihood.
    public var logLikelihood: Double?
    /// Terms the data could not identify (aliased or with no events), and notes from the fit.
    public var notes: [String]

    /// Creates convergence information.
    public init(converged: Bool, iterations: Int, logLikelihood: Double? = nil, notes: [String] = []) {
        self.converged = converged
        self.iterations = iterations
        self.logLikelihood = logLikelihood
        self.notes = notes
    }
}
