/// One check of a design's assumptions, with its threshold and a verdict: the one diagnostic type every design
/// reports (SCCS power, pre-exposure, end of observation, time stability and rare outcome; PS balance, equipoise and
/// proportional hazards; SSA checks), as OHDSI's diagnostics thresholds report them.
///
/// A diagnostic that could not be computed says why (``Verdict/notComputed(reason:)``): it never disappears from
/// the results.
public struct Diagnostic: Sendable, Equatable, Codable {
    /// The outcome of a check.
    public enum Verdict: Sendable, Equatable, Hashable {
        /// The statistic meets the threshold.
        case pass
        /// The statistic does not meet the threshold.
        case fail
        /// The statistic could not be computed; `reason` says why (for example "the window has no person-time").
        case notComputed(reason: String)
    }

    /// What was checked, with the term it applies to.
    public var name: String
    /// The statistic (an MDRR, an RI, a share); NaN when not computed.
    public var value: Double
    /// Lower limit of the statistic's 95% interval, when it has one.
    public var lower: Double?
    /// Upper limit of the statistic's 95% interval, when it has one.
    public var upper: Double?
    /// The rule the statistic is judged by, with its source.
    public var threshold: String
    /// Pass, fail or not computed (with the reason).
    public var verdict: Verdict
    /// The counts behind the statistic and how to read a failure.
    public var note: String

    /// Whether the check passed (false when it failed or could not be computed).
    public var passed: Bool { verdict == .pass }

    /// A computed diagnostic whose verdict is `passed ? .pass : .fail`.
    public init(name: String, value: Double, lower: Double?, upper: Double?, threshold: String, passed: Bool, note: String) {
        self.init(name: name, value: value, lower: lower, upper: upper, threshold: threshold, verdict: passed ? .pass : .fail, note: note)
    }

    /// A diagnostic with an explicit verdict.
    public init(name: String, value: Double, lower: Double? = nil, upper: Double? = nil, threshold: String, verdict: Verdict, note: String) {
        self.name = name
        self.value = value
        self.lower = lower
        self.upper = upper
        self.threshold = threshold
        self.verdict = verdict
        self.note = note
    }

    /// A check that could not be computed, with the reason.
    public static func notComputed(_ name: String, threshold: String, reason: String) -> Diagnostic {
        Diagnostic(name: name, value: .nan, threshold: threshold, verdict: .notComputed(reason: reason), note: "")
    }

    enum CodingKeys: String, CodingKey { case name, value, lower, upper, threshold, verdict, reason, note }

    /// Decodes `verdict` as `"pass"`, `"fail"` or `"notComputed"` with `reason`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        value = try c.decode(Double.self, forKey: .value)
        lower = try c.decodeIfPresent(Double.self, forKey: .lower)
        upper = try c.decodeIfPresent(Double.self, forKey: .upper)
        threshold = try c.decode(String.self, forKey: .threshold)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        switch try c.decode(String.self, forKey: .verdict) {
        case "pass": verdict = .pass
        case "fail": verdict = .fail
        case "notComputed": verdict = .notComputed(reason: try c.decodeIfPresent(String.self, forKey: .reason) ?? "")
        case let v: throw DecodingError.dataCorruptedError(forKey: .verdict, in: c, debugDescription: "expected pass, fail or notComputed, found \(v)")
        }
    }

    /// Encodes the fields with `verdict` as a string and `reason` when not computed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(lower, forKey: .lower)
        try c.encodeIfPresent(upper, forKey: .upper)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(note, forKey: .note)
        switch verdict {
        case .pass: try c.encode("pass", forKey: .verdict)
        case .fail: try c.encode("fail", forKey: .verdict)
        case .notComputed(let r):
            try c.encode("notComputed", forKey: .verdict)
            try c.encode(r, forKey: .reason)
        }
    }
}
