import CohortModel
import SignalStats

/// One design of a study: a `name`, a `type` (`sccs`, `psCohort`, `ssa`) and the type's keys in the same object.
///
/// The keys of an SCCS design are those of the library's `SCCSNetworkDesign` and those of a PS
/// cohort design those of `PSCohortStudyDesign` (their `Codable` forms *are* the study-file
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
///
/// The incidence rules (washout, allowed gap, study period) are the library's `SSADesign`, decoded
/// from the same object; this type adds what a study runs with them: the pairs, the histogram bins and the screen.
public struct SSASpec: Sendable, Equatable, Codable {
    /// Named pairs (concept set names).
    public var pairs: [Pair]
    /// Washout, gaps and study period: the library's design.
    public var design: SSADesign
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
            guard (0...10_000).contains(top) else {
                throw DecodingError.dataCorruptedError(forKey: .top, in: c, debugDescription: "must be 0 to 10000, found \(top)")
            }
            guard falseDiscoveryRate > 0 && falseDiscoveryRate < 1 else {
                throw DecodingError.dataCorruptedError(forKey: .falseDiscoveryRate, in: c, debugDescription: "must be between 0 and 1")
            }
        }
    }

    /// Creates an SSA design.
    public init(pairs: [Pair], design: SSADesign = .init(), histogramBinDays: Int = 30, screening: Screening? = nil) {
        self.pairs = pairs
        self.design = design
        self.histogramBinDays = histogramBinDays
        self.screening = screening
    }

    enum CodingKeys: String, CodingKey { case pairs, histogramBinDays, screening }

    /// Decodes an SSA design: the pairs, the screen, the histogram bins, and the library's `SSADesign`
    /// keys from the same object.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pairs = try c.decodeIfPresent([Pair].self, forKey: .pairs) ?? []
        design = try SSADesign(from: decoder)
        histogramBinDays = try c.decodeIfPresent(Int.self, forKey: .histogramBinDays) ?? 30
        screening = try c.decodeIfPresent(Screening.self, forKey: .screening)
        guard !pairs.isEmpty || screening != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "an SSA design has \"pairs\", \"screening\" or both"))
        }
        guard (1...3650).contains(histogramBinDays) else {
            throw DecodingError.dataCorruptedError(forKey: .histogramBinDays, in: c, debugDescription: "days from 1 to 3650, found \(histogramBinDays)")
        }
    }

    /// Encodes the design as one flat object.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pairs, forKey: .pairs)
        try design.encode(to: encoder)
        try c.encode(histogramBinDays, forKey: .histogramBinDays)
        try c.encodeIfPresent(screening, forKey: .screening)
    }
}
