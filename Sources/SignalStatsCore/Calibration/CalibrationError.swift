/// Why an empirical-calibration call rejected its arguments: the inputs themselves are malformed
/// (a programming or data-preparation error), as opposed to a well-formed input that simply holds too
/// few usable controls, which is reported as ``CalibrationNotComputed`` inside a result.
public enum CalibrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two arrays that must pair up element by element have different lengths.
    case lengthMismatch(first: String, firstCount: Int, second: String, secondCount: Int)
    /// An argument outside its domain (for example a confidence level outside (0, 1)).
    case invalidArgument(name: String, value: Double, reason: String)
    /// A likelihood profile is malformed: fewer than two points, unsorted or repeated grid points, or a
    /// non-finite value. `index` is the profile's position in the input.
    case invalidProfile(index: Int, reason: String)

    public var description: String {
        switch self {
        case .lengthMismatch(let a, let na, let b, let nb):
            return "\(a) has \(na) elements but \(b) has \(nb); they must pair up one to one"
        case .invalidArgument(let name, let value, let reason):
            return "\(name) = \(value): \(reason)"
        case .invalidProfile(let index, let reason):
            return "likelihood profile \(index): \(reason)"
        }
    }
}

/// Why a calibration quantity was not computed although its inputs were well formed: the verdict
/// "not computed, with reason" of a HADES diagnostic.
public enum CalibrationNotComputed: Codable, Sendable, Equatable, CustomStringConvertible {
    /// Fewer usable controls than required. `excluded` counts the controls dropped as unusable
    /// (non-finite estimate or standard error, or |log RR| > log 100, as EmpiricalCalibration drops them).
    case tooFewControls(usable: Int, required: Int, excluded: Int)
    /// The systematic error model needs controls with at least two distinct true effects (negative and
    /// positive controls); all usable controls share one true effect.
    case noDistinctTrueEffects(value: Double)
    /// The optimiser found no finite likelihood (for example every profile is flat at −∞).
    case likelihoodNotFinite

    public var description: String {
        switch self {
        case .tooFewControls(let usable, let required, let excluded):
            let dropped = excluded > 0 ? " (\(excluded) dropped as unusable)" : ""
            return "not computed: \(usable) usable controls\(dropped), at least \(required) required"
        case .noDistinctTrueEffects(let value):
            return "not computed: every usable control has true log effect \(value); the systematic error "
                + "model needs negative and positive controls"
        case .likelihoodNotFinite:
            return "not computed: the likelihood is not finite at any parameter value tried"
        }
    }
}

/// A calibration quantity, or the reason it was not computed.
public enum CalibrationOutcome<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The quantity was computed.
    case computed(Value)
    /// The quantity was not computed, for the given reason.
    case notComputed(CalibrationNotComputed)

    /// The computed value, or `nil`.
    public var value: Value? {
        if case .computed(let v) = self { return v }
        return nil
    }

    /// The reason it was not computed, or `nil`.
    public var reason: CalibrationNotComputed? {
        if case .notComputed(let r) = self { return r }
        return nil
    }
}
