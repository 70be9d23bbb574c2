/// One row of the study's summary: every estimate of every design in one table (HADES' result viewers' overview),
/// and each failed design with its reason. Later work (calibration, the console overview) adds columns here rather
/// than a new table.
public struct SummaryRow: Sendable, Equatable, Codable {
    /// The design's name.
    public var design: String
    /// `sccs`, `psCohort` or `ssa`.
    public var type: String
    /// The exposure (SCCS), `target vs comparator` (PS) or `index then marker` (SSA).
    public var exposure: String
    /// The outcome (SCCS and PS; empty for SSA).
    public var outcome: String
    /// The term: the SCCS window, the PS estimand, `adjusted` for SSA.
    public var term: String
    /// `relative incidence`, `hazard ratio` or `sequence ratio`.
    public var measure: String
    /// The estimate (absent when not estimated or the design failed).
    public var estimate: Double?
    /// Lower limit of its 95% interval.
    public var lower: Double?
    /// Upper limit.
    public var upper: Double?
    /// Two-sided p-value, when the design gives one.
    public var pValue: Double?
    /// The design's diagnostics: `pass`, `fail (k of n)`, `none`, or with checks not computed `… (m not computed)`.
    public var diagnostics: String
    /// Why there is no estimate (a design error, or the window's reason).
    public var note: String

    /// Creates a row.
    public init(
        design: String, type: String, exposure: String, outcome: String, term: String, measure: String, estimate: Double?, lower: Double?,
        upper: Double?, pValue: Double?, diagnostics: String, note: String
    ) {
        self.design = design
        self.type = type
        self.exposure = exposure
        self.outcome = outcome
        self.term = term
        self.measure = measure
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.pValue = pValue
        self.diagnostics = diagnostics
        self.note = note
    }
}

extension StudyResults {
    /// The summary rows of the designs' results, in design order.
    public static func summaryRows(_ designs: [DesignResult]) -> [SummaryRow] {
        designs.flatMap { d -> [SummaryRow] in
            func row(_ exposure: String, _ outcome: String, _ term: String, _ measure: String, _ e: RatioEstimate?, _ diagnostics: [StudyDiagnostic], note: String) -> SummaryRow {
                SummaryRow(
                    design: d.name, type: d.kind.rawValue, exposure: exposure, outcome: outcome, term: term, measure: measure, estimate: e?.estimate,
                    lower: e?.lower, upper: e?.upper, pValue: e?.pValue, diagnostics: verdict(diagnostics), note: note)
            }
            if let error = d.error {
                return [SummaryRow(
                    design: d.name, type: d.kind.rawValue, exposure: "", outcome: "", term: "", measure: "", estimate: nil, lower: nil, upper: nil,
                    pValue: nil, diagnostics: "none", note: error)]
            }
            if let s = d.sccs {
                return s.estimates.map { w in
                    row(w.exposure, s.outcome, w.window, "relative incidence", w.relativeIncidence, s.diagnostics, note: w.notEstimated ?? "")
                }
            }
            if let p = d.psCohort {
                let hr = p.hazardRatios
                let primary = hr.primary == "conditional" ? hr.conditional : hr.marginal
                return [row("\(p.target) vs \(p.comparator)", p.outcome, hr.primary, "hazard ratio", primary, p.diagnostics, note: "")]
            }
            if let a = d.ssa {
                return a.pairs.map { pair in
                    row("\(pair.index) then \(pair.marker)", "", "adjusted", "sequence ratio", pair.adjusted, [], note: "")
                }
            }
            return []
        }
    }

    /// `pass` when every diagnostic passed, `fail (k of n)` when some failed, with `(m not computed)` appended when some
    /// could not be computed, `none` without diagnostics.
    static func verdict(_ diagnostics: [StudyDiagnostic]) -> String {
        guard !diagnostics.isEmpty else { return "none" }
        let notComputed = diagnostics.filter { $0.notComputed != nil }.count
        let failed = diagnostics.filter { !$0.passed && $0.notComputed == nil }.count
        let base = failed == 0 ? "pass" : "fail (\(failed) of \(diagnostics.count))"
        return notComputed == 0 ? base : base + " (\(notComputed) not computed)"
    }
}
