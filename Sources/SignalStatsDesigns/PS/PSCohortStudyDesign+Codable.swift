import CohortModel
import SignalStatsCore

extension PSCohortStudyDesign: Codable {
    /// How `caliper` is measured (CohortMethod's `caliperScale`).
    public enum CaliperScale: String, Sendable, Codable, CaseIterable {
        /// Standard deviations of the logit of the propensity score (pooled over the two arms; Austin 2011).
        case standardizedLogit
        /// An absolute width on the logit scale.
        case logit
        /// An absolute width on the propensity-score (probability) scale.
        case propensityScore
    }

    enum CodingKeys: String, CodingKey {
        case target, comparator, washoutDays, requiredPriorObservationDays, removePersonsInBothCohorts, priorOutcomeLookbackDays,
             timeAtRisk, timeAtRiskDays, persistenceGap, minimumDaysAtRisk, covariateWindowStart, minimumCovariatePrevalence, caliper,
             caliperScale, caliperSD, maxRatio, replacement, matchingOrder, matchingSeed, primaryEstimand, l2Penalty, propensityModel
    }

    /// Decodes the design in the study-file grammar (`docs/study-spec.md`, "PS cohort"): every key has the default of
    /// ``init(target:comparator:newUsers:removePersonsInBothCohorts:priorOutcomeLookbackDays:timeAtRisk:minimumDaysAtRisk:covariates:propensityL2Penalty:matching:ties:proportionalHazardsTransform:propensityModel:primaryEstimand:)``
    /// and is range-checked before any data is read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            settingsFrom: decoder, target: try c.decode(ConceptSetReference.self, forKey: .target),
            comparator: try c.decode(ConceptSetReference.self, forKey: .comparator))
    }

    /// Decodes every key but `target` and `comparator` (an analysis grid's settings, applied to each comparison).
    public init(settingsFrom decoder: any Decoder, target: ConceptSetReference, comparator: ConceptSetReference) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func int(_ k: CodingKeys, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            try c.decode(Int.self, forKey: k, default: fallback, in: range, phrase: "must be")
        }
        func double(_ k: CodingKeys, _ fallback: Double, _ range: ClosedRange<Double>) throws -> Double {
            try c.decode(Double.self, forKey: k, default: fallback, in: range, phrase: "must be")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ k: CodingKeys, _ fallback: T) throws -> T where T.RawValue == String {
            guard let s = try c.decodeIfPresent(String.self, forKey: k) else { return fallback }
            guard let v = T(rawValue: s) else {
                throw DecodingError.dataCorruptedError(
                    forKey: k, in: c, debugDescription: "expected one of " + T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + ", found \"\(s)\"")
            }
            return v
        }
        let gap = try int(.persistenceGap, 30, 0...3650)
        let tar: TimeAtRisk
        switch try choice(.timeAtRisk, TimeAtRiskKind.onTreatment) {
        case .onTreatment:
            tar = .onTreatment(daysAfterExposureEnd: try int(.timeAtRiskDays, 0, 0...36_525), persistenceGap: gap)
        case .intentionToTreat:
            tar = .intentionToTreat(maximumDays: try int(.timeAtRiskDays, 36_500, 1...36_525))
        }
        let windowStart = try int(.covariateWindowStart, -365, -36_525 ... -1)
        let caliper = try double(.caliper, 0.2, 0...100)
        let scale = try choice(.caliperScale, CaliperScale.standardizedLogit)
        if let sd = try c.decodeIfPresent(String.self, forKey: .caliperSD), sd != "pooled" {
            throw DecodingError.dataCorruptedError(forKey: .caliperSD, in: c, debugDescription: "expected \"pooled\" (the two arms' pooled SD, Austin 2011), found \"\(sd)\"")
        }
        let ratio = try int(.maxRatio, 1, 1...100)
        let seed = try c.decodeIfPresent(UInt64.self, forKey: .matchingSeed) ?? 1
        let order: MatchingOptions.Order
        switch try choice(.matchingOrder, MatchingOrderKind.random) {
        case .random: order = .random(seed: seed)
        case .descendingScore: order = .descendingScore
        case .ascendingScore: order = .ascendingScore
        case .dataOrder: order = .dataOrder
        }
        let matching = MatchingOptions(
            scale: scale == .propensityScore ? .probability : .logit,
            caliper: caliper == 0 ? .none : scale == .standardizedLogit ? .standardDeviations(caliper) : .absolute(caliper),
            ratio: ratio == 1 ? .fixed(1) : .variable(max: ratio), replacement: try c.decodeIfPresent(Bool.self, forKey: .replacement) ?? false,
            order: order)
        var lookback: Int? = 99_999
        if c.contains(.priorOutcomeLookbackDays) {
            lookback = try c.decodeNil(forKey: .priorOutcomeLookbackDays) ? nil : try int(.priorOutcomeLookbackDays, 99_999, 1...99_999)
        }
        self.init(
            target: .init(name: "", include: []), comparator: .init(name: "", include: []),
            newUsers: NewUserCriteria(
                washoutDays: try int(.washoutDays, 365, 0...36_525),
                requiredPriorObservationDays: try int(.requiredPriorObservationDays, 0, 0...36_525)),
            removePersonsInBothCohorts: try c.decodeIfPresent(Bool.self, forKey: .removePersonsInBothCohorts) ?? true,
            priorOutcomeLookbackDays: lookback, timeAtRisk: tar, minimumDaysAtRisk: try int(.minimumDaysAtRisk, 1, 0...36_525),
            covariates: CovariateOptions(
                windowStart: windowStart, windowEnd: -1, minimumPrevalence: try double(.minimumCovariatePrevalence, 0.001, 0...0.5)),
            propensityL2Penalty: try double(.l2Penalty, 0, 0...1e6), matching: matching,
            propensityModel: try c.decodeIfPresent(PropensityModel.self, forKey: .propensityModel) ?? .dense,
            primaryEstimand: try c.decodeIfPresent(HazardRatioEstimand.self, forKey: .primaryEstimand) ?? .marginal)
        self.target = target
        self.comparator = comparator
    }

    /// Encodes the design in the study-file grammar (only what the grammar can express).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(target, forKey: .target)
        try c.encode(comparator, forKey: .comparator)
        try c.encode(newUsers.washoutDays, forKey: .washoutDays)
        try c.encode(newUsers.requiredPriorObservationDays, forKey: .requiredPriorObservationDays)
        try c.encode(removePersonsInBothCohorts, forKey: .removePersonsInBothCohorts)
        if let lookback = priorOutcomeLookbackDays { try c.encode(lookback, forKey: .priorOutcomeLookbackDays) } else {
            try c.encodeNil(forKey: .priorOutcomeLookbackDays)
        }
        let onTreatment = timeAtRisk.endAnchor == .exposureEnd
        try c.encode(onTreatment ? "onTreatment" : "intentionToTreat", forKey: .timeAtRisk)
        try c.encode(timeAtRisk.end, forKey: .timeAtRiskDays)
        try c.encode(timeAtRisk.eras.persistenceGap, forKey: .persistenceGap)
        try c.encode(minimumDaysAtRisk, forKey: .minimumDaysAtRisk)
        try c.encode(covariates.windowStart, forKey: .covariateWindowStart)
        try c.encode(covariates.minimumPrevalence, forKey: .minimumCovariatePrevalence)
        switch matching.caliper {
        case .none: try c.encode(0.0, forKey: .caliper)
        case .standardDeviations(let k):
            try c.encode(k, forKey: .caliper)
            try c.encode(CaliperScale.standardizedLogit, forKey: .caliperScale)
        case .absolute(let a):
            try c.encode(a, forKey: .caliper)
            try c.encode(matching.scale == .probability ? CaliperScale.propensityScore : .logit, forKey: .caliperScale)
        }
        switch matching.ratio {
        case .fixed(let k), .variable(let k): try c.encode(k, forKey: .maxRatio)
        }
        try c.encode(matching.replacement, forKey: .replacement)
        switch matching.order {
        case .random(let seed):
            try c.encode("random", forKey: .matchingOrder)
            try c.encode(seed, forKey: .matchingSeed)
        case .descendingScore: try c.encode("descendingScore", forKey: .matchingOrder)
        case .ascendingScore: try c.encode("ascendingScore", forKey: .matchingOrder)
        case .dataOrder: try c.encode("dataOrder", forKey: .matchingOrder)
        }
        try c.encode(primaryEstimand, forKey: .primaryEstimand)
        try c.encode(propensityL2Penalty, forKey: .l2Penalty)
        try c.encode(propensityModel, forKey: .propensityModel)
    }

    enum TimeAtRiskKind: String, CaseIterable { case onTreatment, intentionToTreat }
    enum MatchingOrderKind: String, CaseIterable { case random, descendingScore, ascendingScore, dataOrder }
}
