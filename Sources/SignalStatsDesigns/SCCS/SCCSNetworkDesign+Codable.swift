import CohortModel
import SignalStatsCore

extension SCCSNetworkDesign.Exposure: Codable {
    enum CodingKeys: String, CodingKey { case name, conceptSet, riskWindows }

    /// Decodes `{"conceptSet": "levofloxacin", "riskWindows": [...]}`: the concept set by name (or defined inline),
    /// at least one risk window, and an optional `name` (default: the concept set's name).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let drugs = try c.decode(ConceptSetReference.self, forKey: .conceptSet)
        let windows = try c.decode([SCCSRiskWindow].self, forKey: .riskWindows)
        guard !windows.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .riskWindows, in: c, debugDescription: "an exposure has at least one risk window")
        }
        let labels = windows.map(\.label)
        if let dup = labels.enumerated().first(where: { labels[..<$0.offset].contains($0.element) }) {
            throw DecodingError.dataCorruptedError(forKey: .riskWindows, in: c, debugDescription: "two risk windows are labelled \"\(dup.element)\"")
        }
        self.init(name: try c.decodeIfPresent(String.self, forKey: .name) ?? drugs.name, drugs: drugs, windows: windows)
    }

    /// Encodes the exposure in the study-file grammar.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if name != drugs.name { try c.encode(name, forKey: .name) }
        try c.encode(drugs, forKey: .conceptSet)
        try c.encode(windows, forKey: .riskWindows)
    }
}

extension SCCSNetworkDesign: Codable {
    /// Limits on the design's day counts (100 years), so that no day arithmetic can overflow.
    public static let maximumDays = 36_525

    enum CodingKeys: String, CodingKey {
        case exposures, ageCutPointsYears, seasonStartMonths, naivePeriodDays, firstOutcomeOnly, persistenceGap, studyStart, studyEnd,
             preExposureDays, endOfObservationDays, splines
    }

    /// Decodes the design in the study-file grammar (`docs/study-spec.md`): the keys and their defaults are those of
    /// ``init(exposures:eras:naivePeriodDays:firstOutcomeOnly:ageCutPointsYears:seasonStartMonths:studyStart:studyEnd:splines:preExposureDays:endOfObservationDays:)``;
    /// `persistenceGap` is the eras' gap, dates are `YYYY-MM-DD`. Every value is range-checked here, before any data
    /// is read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let exposures = try c.decode([Exposure].self, forKey: .exposures)
        guard !exposures.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .exposures, in: c, debugDescription: "an SCCS design has at least one exposure")
        }
        try self.init(settingsFrom: decoder, exposures: exposures)
    }

    /// Decodes every key but `exposures` (an analysis grid's settings, applied to each of its exposures).
    public init(settingsFrom decoder: any Decoder, exposures: [Exposure]) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let ages = try c.decodeIfPresent([Int].self, forKey: .ageCutPointsYears) ?? []
        if let bad = ages.first(where: { !(1...120).contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: .ageCutPointsYears, in: c, debugDescription: "age cut points are whole years 1 to 120, found \(bad)")
        }
        guard zip(ages, ages.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .ageCutPointsYears, in: c, debugDescription: "age cut points are strictly increasing years")
        }
        let months = try c.decodeIfPresent([Int].self, forKey: .seasonStartMonths) ?? []
        if let m = months.first(where: { !(1...12).contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: .seasonStartMonths, in: c, debugDescription: "months are 1 to 12, found \(m)")
        }
        guard zip(months, months.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DecodingError.dataCorruptedError(forKey: .seasonStartMonths, in: c, debugDescription: "season start months are strictly increasing")
        }
        func days(_ k: CodingKeys, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            try c.decode(Int.self, forKey: k, default: fallback, in: range, phrase: "days from")
        }
        let start = try c.decodeDayIfPresent(forKey: .studyStart), end = try c.decodeDayIfPresent(forKey: .studyEnd)
        if let start, let end, end < start {
            throw DecodingError.dataCorruptedError(forKey: .studyEnd, in: c, debugDescription: "the study period ends (\(end)) before it starts (\(start))")
        }
        var pre: Int? = nil
        if c.contains(.preExposureDays) { pre = try days(.preExposureDays, 0, 1...3650) }
        self.init(
            exposures: exposures, eras: DrugEraOptions(persistenceGap: try days(.persistenceGap, 30, 0...3650)),
            naivePeriodDays: try days(.naivePeriodDays, 0, 0...Self.maximumDays),
            firstOutcomeOnly: try c.decodeIfPresent(Bool.self, forKey: .firstOutcomeOnly) ?? false, ageCutPointsYears: ages,
            seasonStartMonths: months, studyStart: start, studyEnd: end,
            splines: try c.decodeIfPresent(SCCSSplineAdjustment.self, forKey: .splines), preExposureDays: pre,
            endOfObservationDays: try days(.endOfObservationDays, 30, 0...3650))
        let names = exposures.map(\.name)
        if let dup = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) }) {
            throw DecodingError.dataCorruptedError(forKey: .exposures, in: c, debugDescription: "two exposures are named \"\(dup.element)\"")
        }
    }

    /// Encodes the design in the study-file grammar, defaults included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exposures, forKey: .exposures)
        try c.encode(ageCutPointsYears, forKey: .ageCutPointsYears)
        try c.encode(seasonStartMonths, forKey: .seasonStartMonths)
        try c.encode(naivePeriodDays, forKey: .naivePeriodDays)
        try c.encode(firstOutcomeOnly, forKey: .firstOutcomeOnly)
        try c.encode(eras.persistenceGap, forKey: .persistenceGap)
        try c.encodeIfPresent(studyStart?.description, forKey: .studyStart)
        try c.encodeIfPresent(studyEnd?.description, forKey: .studyEnd)
        try c.encodeIfPresent(preExposureDays, forKey: .preExposureDays)
        try c.encode(endOfObservationDays, forKey: .endOfObservationDays)
        try c.encodeIfPresent(splines, forKey: .splines)
    }
}
