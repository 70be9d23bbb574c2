extension SCCSRiskWindow {
    /// Largest offset in days a window may have from its anchor (100 years), so that day arithmetic cannot overflow.
    public static let maximumOffsetDays = 36_525

    enum CodingKeys: String, CodingKey { case label, start, end, startAnchor, endAnchor }

    /// Decodes a window in the study-file grammar (OHDSI's `createEraCovariateSettings`): `start` and `end` days,
    /// `startAnchor` (default `eraStart`) and `endAnchor` (default `eraEnd`), and an optional `label` (default
    /// `"start-end"`).
    ///
    /// Offsets lie within ±``maximumOffsetDays``; with both bounds on the same anchor, `start` ≤ `end`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let start = try c.decode(Int.self, forKey: .start)
        let end = try c.decode(Int.self, forKey: .end)
        let bound = Self.maximumOffsetDays
        for (v, k) in [(start, CodingKeys.start), (end, .end)] where abs(v) > bound {
            throw DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "days from the anchor lie within ±\(bound), found \(v)")
        }
        func anchor(_ k: CodingKeys, _ fallback: Anchor) throws -> Anchor {
            guard let s = try c.decodeIfPresent(String.self, forKey: k) else { return fallback }
            guard let a = Anchor(rawValue: s) else {
                throw DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "expected \"eraStart\" or \"eraEnd\", found \"\(s)\"")
            }
            return a
        }
        let startAnchor = try anchor(.startAnchor, .eraStart), endAnchor = try anchor(.endAnchor, .eraEnd)
        if startAnchor == endAnchor && start > end {
            throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription: "the window ends (day \(end)) before it starts (day \(start))")
        }
        let label = try c.decodeIfPresent(String.self, forKey: .label) ?? "\(start)-\(end)"
        self.init(label: label, start: start, startAnchor: startAnchor, end: end, endAnchor: endAnchor)
    }

    /// Encodes every field.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(startAnchor, forKey: .startAnchor)
        try c.encode(endAnchor, forKey: .endAnchor)
    }
}
