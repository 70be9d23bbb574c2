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
            try c.decode(Int.self, forKey: k, default: fallback, in: range, phrase: "days from")
        }
        let minimum = try int(.minimumGapDays, 1, 1...3650), maximum = try int(.maximumGapDays, 365, 1...3650)
        guard minimum <= maximum else {
            throw DecodingError.dataCorruptedError(forKey: .maximumGapDays, in: c, debugDescription: "maximumGapDays (\(maximum)) is below minimumGapDays (\(minimum))")
        }
        var period: ClosedRange<Day>? = nil
        switch (try c.decodeDayIfPresent(forKey: .studyStart), try c.decodeDayIfPresent(forKey: .studyEnd)) {
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
