import CohortModel
import SignalStats

/// One design of a study: a `name`, a `type` (`sccs`, `psCohort`, `ssa`) and the type's keys in the same object.
///
/// The keys of an SCCS design are those of the library's ``SignalStatsDesigns/SCCSNetworkDesign`` (its `Codable` form
/// *is* the study-file grammar) plus the `outcome` it is run for.
public struct DesignSpec: Sendable, Equatable, Codable {
    /// The design's name (unique in the study).
    public var name: String
    /// Which design.
    public var type: DesignResult.Kind
    /// The outcome's name (SCCS; a PS design names it among its own keys).
    public var outcome: String?
    /// SCCS settings (when `type` is `sccs`): the library's design, concept sets by name.
    public var sccs: SCCSNetworkDesign?
    /// PS cohort settings (when `type` is `psCohort`).
    public var psCohort: PSCohortSpec?
    /// SSA settings (when `type` is `ssa`).
    public var ssa: SSASpec?

    /// An SCCS design of `outcome`.
    public static func sccs(_ name: String, outcome: String, _ s: SCCSNetworkDesign) -> DesignSpec {
        DesignSpec(name: name, type: .sccs, outcome: outcome, sccs: s)
    }
    /// A PS cohort design.
    public static func psCohort(_ name: String, _ s: PSCohortSpec) -> DesignSpec { DesignSpec(name: name, type: .psCohort, psCohort: s) }
    /// An SSA design.
    public static func ssa(_ name: String, _ s: SSASpec) -> DesignSpec { DesignSpec(name: name, type: .ssa, ssa: s) }

    init(
        name: String, type: DesignResult.Kind, outcome: String? = nil, sccs: SCCSNetworkDesign? = nil, psCohort: PSCohortSpec? = nil,
        ssa: SSASpec? = nil
    ) {
        self.name = name
        self.type = type
        self.outcome = outcome
        self.sccs = sccs
        self.psCohort = psCohort
        self.ssa = ssa
    }

    enum CodingKeys: String, CodingKey { case name, type, outcome }

    /// Decodes a design: `name`, `type`, and the keys of that type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let t = try c.decode(String.self, forKey: .type)
        guard let kind = DesignResult.Kind(rawValue: t) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "unknown design type \"\(t)\"; expected one of: sccs, psCohort, ssa")
        }
        type = kind
        switch kind {
        case .sccs:
            outcome = try c.decode(String.self, forKey: .outcome)
            sccs = try SCCSNetworkDesign(from: decoder)
        case .psCohort: psCohort = try PSCohortSpec(from: decoder)
        case .ssa: ssa = try SSASpec(from: decoder)
        }
    }

    /// Encodes the design as one flat object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type.rawValue, forKey: .type)
        if sccs != nil { try c.encodeIfPresent(outcome, forKey: .outcome) }
        try sccs?.encode(to: encoder)
        try psCohort?.encode(to: encoder)
        try ssa?.encode(to: encoder)
    }
}

/// A new-user, active-comparator cohort study with propensity-score matching.
public struct PSCohortSpec: Sendable, Equatable, Codable {
    /// Target drug's concept set.
    public var target: String
    /// Comparator drug's concept set.
    public var comparator: String
    /// The outcome's name.
    public var outcome: String
    /// Days without the drug before the index date (default 365).
    public var washoutDays: Int
    /// Time at risk: `onTreatment` (default) or `intentionToTreat`.
    public var timeAtRisk: String
    /// Days after the end of treatment still at risk (on treatment; default 0), or the maximum days (intention to treat; default 36500).
    public var timeAtRiskDays: Int?
    /// Covariate window start, days relative to the index date (default -365).
    public var covariateWindowStart: Int
    /// Smallest covariate prevalence kept (default 0.001).
    public var minimumCovariatePrevalence: Double
    /// Caliper in pooled SDs of the logit score (default 0.2; 0 for none).
    public var caliper: Double
    /// Comparators per target person (default 1).
    public var maxRatio: Int
    /// Seed of the random matching order (default 1).
    public var matchingSeed: UInt64
    /// Primary hazard ratio: `marginal` (default) or `conditional`.
    public var primaryEstimand: String
    /// Ridge penalty of the propensity model (default 0, maximum likelihood; a small value such as 0.1 keeps the
    /// model finite when a rare covariate predicts the drug in a small data set).
    public var l2Penalty: Double

    /// Creates a PS design.
    public init(
        target: String, comparator: String, outcome: String, washoutDays: Int = 365, timeAtRisk: String = "onTreatment",
        timeAtRiskDays: Int? = nil, covariateWindowStart: Int = -365, minimumCovariatePrevalence: Double = 0.001, caliper: Double = 0.2,
        maxRatio: Int = 1, matchingSeed: UInt64 = 1, primaryEstimand: String = "marginal", l2Penalty: Double = 0
    ) {
        self.target = target
        self.comparator = comparator
        self.outcome = outcome
        self.washoutDays = washoutDays
        self.timeAtRisk = timeAtRisk
        self.timeAtRiskDays = timeAtRiskDays
        self.covariateWindowStart = covariateWindowStart
        self.minimumCovariatePrevalence = minimumCovariatePrevalence
        self.caliper = caliper
        self.maxRatio = maxRatio
        self.matchingSeed = matchingSeed
        self.primaryEstimand = primaryEstimand
        self.l2Penalty = l2Penalty
    }

    enum CodingKeys: String, CodingKey {
        case target, comparator, outcome, washoutDays, timeAtRisk, timeAtRiskDays, covariateWindowStart, minimumCovariatePrevalence,
             caliper, maxRatio, matchingSeed, primaryEstimand, l2Penalty
    }

    /// Decodes a PS design.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        target = try c.decode(String.self, forKey: .target)
        comparator = try c.decode(String.self, forKey: .comparator)
        outcome = try c.decode(String.self, forKey: .outcome)
        washoutDays = try c.decodeIfPresent(Int.self, forKey: .washoutDays) ?? 365
        timeAtRisk = try c.decodeIfPresent(String.self, forKey: .timeAtRisk) ?? "onTreatment"
        timeAtRiskDays = try c.decodeIfPresent(Int.self, forKey: .timeAtRiskDays)
        covariateWindowStart = try c.decodeIfPresent(Int.self, forKey: .covariateWindowStart) ?? -365
        minimumCovariatePrevalence = try c.decodeIfPresent(Double.self, forKey: .minimumCovariatePrevalence) ?? 0.001
        caliper = try c.decodeIfPresent(Double.self, forKey: .caliper) ?? 0.2
        maxRatio = try c.decodeIfPresent(Int.self, forKey: .maxRatio) ?? 1
        matchingSeed = try c.decodeIfPresent(UInt64.self, forKey: .matchingSeed) ?? 1
        primaryEstimand = try c.decodeIfPresent(String.self, forKey: .primaryEstimand) ?? "marginal"
        l2Penalty = try c.decodeIfPresent(Double.self, forKey: .l2Penalty) ?? 0
        guard l2Penalty >= 0 else { throw DecodingError.dataCorruptedError(forKey: .l2Penalty, in: c, debugDescription: "must be 0 or more") }
        guard timeAtRisk == "onTreatment" || timeAtRisk == "intentionToTreat" else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeAtRisk, in: c, debugDescription: "expected \"onTreatment\" or \"intentionToTreat\", found \"\(timeAtRisk)\"")
        }
        guard primaryEstimand == "marginal" || primaryEstimand == "conditional" else {
            throw DecodingError.dataCorruptedError(
                forKey: .primaryEstimand, in: c, debugDescription: "expected \"marginal\" or \"conditional\", found \"\(primaryEstimand)\"")
        }
        guard maxRatio >= 1 else { throw DecodingError.dataCorruptedError(forKey: .maxRatio, in: c, debugDescription: "must be at least 1") }
        guard caliper >= 0 else { throw DecodingError.dataCorruptedError(forKey: .caliper, in: c, debugDescription: "must be 0 or more") }
        guard covariateWindowStart < 0 else {
            throw DecodingError.dataCorruptedError(forKey: .covariateWindowStart, in: c, debugDescription: "must be negative (days before the index date)")
        }
    }
}

/// A sequence symmetry analysis: named index–marker pairs, and optionally a screen of all drug classes.
public struct SSASpec: Sendable, Equatable, Codable {
    /// Named pairs (concept set names).
    public var pairs: [Pair]
    /// Washout before a first start (default 365).
    public var washoutDays: Int
    /// Smallest gap between the two starts (default 1).
    public var minimumGapDays: Int
    /// Largest gap (default 365).
    public var maximumGapDays: Int
    /// Study period (`YYYY-MM-DD`); default the span of the data.
    public var studyStart: String?
    /// Last day of the study period.
    public var studyEnd: String?
    /// Bin width of the time-to-second-drug histogram (default 30).
    public var histogramBinDays: Int
    /// A screen of every ordered pair of drug classes (YJ code prefixes).
    public var screening: Screening?

    /// One pair.
    public struct Pair: Sendable, Equatable, Codable {
        /// Index drug's concept set.
        public var index: String
        /// Marker drug's concept set.
        public var marker: String
        /// Creates a pair.
        public init(index: String, marker: String) {
            self.index = index
            self.marker = marker
        }
    }

    /// Screening settings.
    public struct Screening: Sendable, Equatable, Codable {
        /// YJ prefix length that defines a class (default 7: the ingredient; 4: the efficacy class).
        public var yjPrefixLength: Int
        /// Benjamini–Hochberg false-discovery rate (default 0.05).
        public var falseDiscoveryRate: Double
        /// Ranked rows kept in the results (default 20).
        public var top: Int
        /// Creates screening settings.
        public init(yjPrefixLength: Int = 7, falseDiscoveryRate: Double = 0.05, top: Int = 20) {
            self.yjPrefixLength = yjPrefixLength
            self.falseDiscoveryRate = falseDiscoveryRate
            self.top = top
        }
        enum CodingKeys: String, CodingKey { case yjPrefixLength, falseDiscoveryRate, top }
        /// Decodes screening settings.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            yjPrefixLength = try c.decodeIfPresent(Int.self, forKey: .yjPrefixLength) ?? 7
            falseDiscoveryRate = try c.decodeIfPresent(Double.self, forKey: .falseDiscoveryRate) ?? 0.05
            top = try c.decodeIfPresent(Int.self, forKey: .top) ?? 20
            guard (1...12).contains(yjPrefixLength) else {
                throw DecodingError.dataCorruptedError(forKey: .yjPrefixLength, in: c, debugDescription: "must be 1 to 12")
            }
            guard falseDiscoveryRate > 0 && falseDiscoveryRate < 1 else {
                throw DecodingError.dataCorruptedError(forKey: .falseDiscoveryRate, in: c, debugDescription: "must be between 0 and 1")
            }
        }
    }

    /// Creates an SSA design.
    public init(
        pairs: [Pair], washoutDays: Int = 365, minimumGapDays: Int = 1, maximumGapDays: Int = 365, studyStart: String? = nil,
        studyEnd: String? = nil, histogramBinDays: Int = 30, screening: Screening? = nil
    ) {
        self.pairs = pairs
        self.washoutDays = washoutDays
        self.minimumGapDays = minimumGapDays
        self.maximumGapDays = maximumGapDays
        self.studyStart = studyStart
        self.studyEnd = studyEnd
        self.histogramBinDays = histogramBinDays
        self.screening = screening
    }

    enum CodingKeys: String, CodingKey {
        case pairs, washoutDays, minimumGapDays, maximumGapDays, studyStart, studyEnd, histogramBinDays, screening
    }

    /// Decodes an SSA design.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pairs = try c.decodeIfPresent([Pair].self, forKey: .pairs) ?? []
        washoutDays = try c.decodeIfPresent(Int.self, forKey: .washoutDays) ?? 365
        minimumGapDays = try c.decodeIfPresent(Int.self, forKey: .minimumGapDays) ?? 1
        maximumGapDays = try c.decodeIfPresent(Int.self, forKey: .maximumGapDays) ?? 365
        studyStart = try c.decodeIfPresent(String.self, forKey: .studyStart)
        studyEnd = try c.decodeIfPresent(String.self, forKey: .studyEnd)
        histogramBinDays = try c.decodeIfPresent(Int.self, forKey: .histogramBinDays) ?? 30
        screening = try c.decodeIfPresent(Screening.self, forKey: .screening)
        guard !pairs.isEmpty || screening != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "an SSA design has \"pairs\", \"screening\" or both"))
        }
        guard minimumGapDays >= 1, maximumGapDays >= minimumGapDays else {
            throw DecodingError.dataCorruptedError(forKey: .maximumGapDays, in: c, debugDescription: "gaps must satisfy 1 <= minimumGapDays <= maximumGapDays")
        }
        guard histogramBinDays >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .histogramBinDays, in: c, debugDescription: "must be at least 1")
        }
        try checkDate(studyStart, .studyStart, c)
        try checkDate(studyEnd, .studyEnd, c)
    }
}

func checkDate<K: CodingKey>(_ s: String?, _ key: K, _ c: KeyedDecodingContainer<K>) throws {
    if let s, Day(s) == nil {
        throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a date as YYYY-MM-DD, found \"\(s)\"")
    }
}
