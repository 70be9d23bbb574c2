import CohortModel
import SignalStatsCore

extension SSADesign {
    enum CodingKeys: String, CodingKey { case washoutDays, minimumGapDays, maximumGapDays, studyStart, studyEnd }

    /// Decodes the incidence rules in the study-file grammar: `washoutDays` (default 365, 0–36525), `minimumGapDays`
    /// (default 1) and `maximumGapDays` (default 365, at most 3650) with 1 ≤ minimum ≤ maximum, and an optional study
    /// period `studyStart`/`studyEnd` (`YYYY-MM-DD`, both or neither).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func int(_ k: CodingKeys, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            let v = try c.decodeIfPresent(Int.self, forKey: k) ?? fallback
            guard range.contains(v) else {
                throw DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "days from \(range.lowerBound) to \(range.upperBound), found \(v)")
            }
            return v
        }
        let minimum = try int(.minimumGapDays, 1, 1...3650), maximum = try int(.maximumGapDays, 365, 1...3650)
        guard minimum <= maximum else {
            throw DecodingError.dataCorruptedError(forKey: .maximumGapDays, in: c, debugDescription: "maximumGapDays (\(maximum)) is below minimumGapDays (\(minimum))")
        }
        func date(_ k: CodingKeys) throws -> Day? {
            guard let s = try c.decodeIfPresent(String.self, forKey: k) else { return nil }
            guard let d = Day(s) else { throw DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "expected a date as YYYY-MM-DD, found \"\(s)\"") }
            return d
        }
        var period: ClosedRange<Day>? = nil
        switch (try date(.studyStart), try date(.studyEnd)) {
        case (nil, nil): break
        case let (a?, b?):
            guard a <= b else { throw DecodingError.dataCorruptedError(forKey: .studyEnd, in: c, debugDescription: "the study period ends (\(b)) before it starts (\(a))") }
            period = a...b
        default:
            throw DecodingError.dataCorruptedError(forKey: c.contains(.studyStart) ? .studyEnd : .studyStart, in: c, debugDescription: "give both studyStart and studyEnd, or neither")
        }
        self.init(washoutDays: try int(.washoutDays, 365, 0...36_525), minimumGapDays: minimum, maximumGapDays: maximum, studyPeriod: period)
    }

    /// Encodes the rules in the study-file grammar.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(washoutDays, forKey: .washoutDays)
        try c.encode(minimumGapDays, forKey: .minimumGapDays)
        try c.encode(maximumGapDays, forKey: .maximumGapDays)
        try c.encodeIfPresent(studyPeriod?.lowerBound.description, forKey: .studyStart)
        try c.encodeIfPresent(studyPeriod?.upperBound.description, forKey: .studyEnd)
    }
}
