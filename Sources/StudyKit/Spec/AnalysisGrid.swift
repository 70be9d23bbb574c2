import CohortModel
import SignalStats

/// An analysis grid, as HADES lists them: exposures × outcomes × analysis settings given once, run as every
/// combination (negative-control outcomes are outcomes like any other). Each combination becomes a design named
/// `"<grid>: <exposure> / <outcome> / <analysis>"`, and every estimate lands in the study's `summary`.
///
/// ```json
/// {"name": "screen", "type": "sccs", "exposures": ["levofloxacin", "amlodipine"], "outcomes": ["tendon rupture", "hip fracture"],
///  "analyses": [{"label": "30 days", "riskWindows": [{"start": 0, "end": 29, "endAnchor": "eraStart"}]}]}
/// ```
public struct AnalysisGrid: Sendable, Equatable, Decodable {
    /// The grid's name (a prefix of its designs' names).
    public var name: String
    /// `sccs` or `psCohort`.
    public var type: DesignResult.Kind
    /// The outcomes, by name.
    public var outcomes: [String]
    /// SCCS exposures (concept set names).
    public var exposures: [String]
    /// PS comparisons.
    public var comparisons: [Comparison]
    /// The settings, each applied to every exposure (or comparison) and outcome.
    public var analyses: [Analysis]

    /// A PS comparison.
    public struct Comparison: Sendable, Equatable, Codable {
        /// The target drug's concept set.
        public var target: String
        /// The comparator drug's concept set.
        public var comparator: String
    }

    /// One analysis: a label and the design's settings.
    public struct Analysis: Sendable, Equatable, Decodable {
        /// Shown in the designs' names (default `analysis <k>`).
        public var label: String?
        /// SCCS settings: every key of an SCCS design but `exposures`, with `riskWindows` for each exposure.
        public var sccs: SCCSNetworkDesign?
        /// PS settings: every key of a PS cohort design but `target` and `comparator`.
        public var psCohort: PSCohortStudyDesign?

        enum CodingKeys: String, CodingKey { case label, riskWindows }

        /// Decodes the analysis; which design it is is told by its keys (`riskWindows` for SCCS) and checked against the grid's `type`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            label = try c.decodeIfPresent(String.self, forKey: .label)
            if c.contains(.riskWindows) {
                let windows = try c.decode([SCCSRiskWindow].self, forKey: .riskWindows)
                guard !windows.isEmpty else {
                    throw DecodingError.dataCorruptedError(forKey: .riskWindows, in: c, debugDescription: "an analysis has at least one risk window")
                }
                sccs = try SCCSNetworkDesign(
                    settingsFrom: decoder, exposures: [.init(name: "", drugs: .named(""), windows: windows)])
            } else {
                psCohort = try PSCohortStudyDesign(settingsFrom: decoder, target: .named(""), comparator: .named(""))
            }
        }
    }

    enum CodingKeys: String, CodingKey { case name, type, outcomes, exposures, comparisons, analyses }

    /// Decodes a grid: `name`, `type`, `outcomes`, `exposures` (SCCS) or `comparisons` (PS), and `analyses`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        let t = try c.decode(String.self, forKey: .type)
        guard let kind = DesignResult.Kind(rawValue: t), kind != .ssa else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "a grid's type is sccs or psCohort, found \"\(t)\"")
        }
        type = kind
        outcomes = try c.decode([String].self, forKey: .outcomes)
        exposures = kind == .sccs ? try c.decode([String].self, forKey: .exposures) : []
        comparisons = kind == .psCohort ? try c.decode([Comparison].self, forKey: .comparisons) : []
        analyses = try c.decode([Analysis].self, forKey: .analyses)
        for (k, a) in analyses.enumerated() where (kind == .sccs) != (a.sccs != nil) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [CodingKeys.analyses],
                debugDescription: "analysis \(k + 1): " + (kind == .sccs ? "an SCCS analysis has riskWindows" : "a PS analysis has no riskWindows")))
        }
        guard !outcomes.isEmpty, !analyses.isEmpty, !(exposures.isEmpty && comparisons.isEmpty) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a grid has at least one exposure, outcome and analysis"))
        }
        guard designCount <= 10_000 else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "a grid makes at most 10000 designs, found \(designCount)"))
        }
    }

    /// How many designs the grid makes.
    public var designCount: Int { max(exposures.count, comparisons.count) * outcomes.count * analyses.count }

    /// Every combination as a design, exposure-major, then outcome, then analysis.
    public var designs: [DesignSpec] {
        var out: [DesignSpec] = []
        for (k, a) in analyses.enumerated() {
            let label = a.label ?? "analysis \(k + 1)"
            for o in outcomes {
                if var s = a.sccs, let windows = s.exposures.first?.windows {
                    for x in exposures {
                        s.exposures = [.init(name: x, drugs: .named(x), windows: windows)]
                        out.append(.sccs("\(name): \(x) / \(o) / \(label)", outcome: o, s))
                    }
                } else if var p = a.psCohort {
                    for cmp in comparisons {
                        p.target = .named(cmp.target)
                        p.comparator = .named(cmp.comparator)
                        out.append(.psCohort("\(name): \(cmp.target) vs \(cmp.comparator) / \(o) / \(label)", outcome: o, p))
                    }
                }
            }
        }
        return out
    }
}
