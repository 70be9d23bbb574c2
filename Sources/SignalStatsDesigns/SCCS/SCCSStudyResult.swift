import CohortModel
import SignalStatsCore

/// Everything an SCCS design run on a network computes: the attrition, the fit, one typed estimate per exposure
/// window, the age and season effects, and the diagnostics (each with its verdict, or the reason it could not be
/// computed).
public struct SCCSStudyResult: Sendable {
    /// The design as run (concept sets resolved).
    public var design: SCCSNetworkDesign
    /// How the cases were reached.
    public var attrition: Attrition
    /// The fitted model (step functions, or splines when the design asks for them).
    public var fit: SCCSResult
    /// One entry per analysed exposure window, in parameter order (the pre-exposure window last of the first exposure).
    public var windows: [WindowEstimate]
    /// Age groups in order (empty without age cut points).
    public var ageEffects: [GroupEffect]
    /// Season groups in order (empty without season months).
    public var seasonEffects: [GroupEffect]
    /// Power (MDRR per window), pre-exposure, time stability, end of observation and rare outcome.
    public var diagnostics: [Diagnostic]
    /// Resolved spline knots when the design has splines.
    public var splineKnots: SCCSSplineKnots?

    /// The estimate of one exposure window: a typed term (exposure and window indices), never a string to parse.
    public struct WindowEstimate: Sendable, Equatable {
        /// Index of the exposure in ``SCCSNetworkDesign/analysedExposures``.
        public var exposureIndex: Int
        /// Index of the window in that exposure's windows.
        public var windowIndex: Int
        /// The exposure's name.
        public var exposure: String
        /// The window.
        public var window: SCCSRiskWindow
        /// The term name in the fit (``SCCSNetworkDesign/termName(exposure:window:)``).
        public var term: String
        /// The estimate, or `nil` with ``notEstimated`` saying why.
        public var estimate: SCCSResult.Estimate?
        /// Why there is no estimate (no events in the window, not identifiable).
        public var notEstimated: String?
        /// Cases with an event in the window.
        public var casesWithEvents: Int
        /// Events in the window.
        public var events: Int
        /// Case time in the window, days.
        public var personDays: Int
        /// Whether this is the design's pre-exposure window.
        public var isPreExposure: Bool
    }

    /// One age or season group of a step-function adjustment.
    public struct GroupEffect: Sendable, Equatable {
        /// The group's index (0-based).
        public var group: Int
        /// `"20-29"`, `"80+"`, `"Jan-Mar"`.
        public var label: String
        /// First year of age (or month) of the group.
        public var from: Double
        /// First year (or month) after the group.
        public var to: Double
        /// Whether this is the reference group (present in the data, no term of its own, events in it).
        public var isReference: Bool
        /// The relative incidence against the reference group; `nil` for the reference or a group without events.
        public var estimate: SCCSResult.Estimate?
    }
}

/// A design run that failed, with the attrition it reached.
public struct SCCSRunError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public var error: SCCSError
    /// The attrition up to the failure, when cases were prepared.
    public var attrition: Attrition?
    /// The underlying error's message.
    public var description: String { error.description }
}

extension SCCSResult.Estimate {
    /// Two-sided Wald p-value of the log relative incidence.
    public var pValue: Double { 2 * Normal.survival(abs(logRelativeIncidence / standardError)) }
}
