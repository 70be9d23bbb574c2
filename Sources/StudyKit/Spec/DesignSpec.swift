import CohortModel
import SignalStats

/// One design of a study: a `name`, a `type` (`sccs`, `psCohort`, `ssa`) and the type's keys in the same object.
///
/// The keys of an SCCS design are those of the library's ``SignalStatsDesigns/SCCSNetworkDesign`` and those of a PS
/// cohort design those of ``SignalStatsDesigns/PSCohortStudyDesign`` (their `Codable` forms *are* the study-file
/// grammar), plus the `outcome` they are run for.
public struct DesignSpec: Sendable, Equatable, Codable {
    /// The design's name (unique in the study).
    public var name: String
    /// Which design.
    public var type: DesignResult.Kind
    /// The outcome's name (SCCS and PS cohort designs).
    public var outcome: String?
    /// SCCS settings (when `type` is `sccs`): the library's design, concept sets by name.
    public var sccs: SCCSNetworkDesign?
    /// PS cohort settings (when `type` is `psCohort`).
    public var psCohort: PSCohortStudyDesign?
    /// SSA settings (when `type` is `ssa`).
    public var ssa: SSASpec?

    /// An SCCS design of `outcome`.
    public static func sccs(_ name: String, outcome: String, _ s: SCCSNetworkDesign) -> DesignSpec {
        DesignSpec(name: name, type: .sccs, outcome: outcome, sccs: s)
    }
    /// A PS cohort design of `outcome`.
    public static func psCohort(_ name: String, outcome: String, _ s: PSCohortStudyDesign) -> DesignSpec {
        DesignSpec(name: name, type: .psCohort, outcome: outcome, psCohort: s)
    }
    /// An SSA design.
    public static func ssa(_ name: String, _ s: SSASpec) -> DesignSpec { DesignSpec(name: name, type: .ssa, ssa: s) }

    init(
        name: String, type: DesignResult.Kind, outcome: String? = nil, sccs: SCCSNetworkDesign? = nil, psCohort: PSCohortStudyDesign? = nil,
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
        case .psCohort:
            outcome = try c.decode(String.self, forKey: .outcome)
            psCohort = try PSCohortStudyDesign(from: decoder)
        case .ssa: ssa = try SSASpec(from: decoder)
        }
    }

    /// Encodes the design as one flat object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type.rawValue, forKey: .type)
        if sccs != nil || psCohort != nil { try c.encodeIfPresent(outcome, forKey: .outcome) }
        try sccs?.encode(to: encoder)
        try psCohort?.encode(to: encoder)
        try ssa?.encode(to: encoder)
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
