import SignalStatsCore
import Foundation

extension SSAResult {
    /// A text report: design, counts, the three ratios with both intervals, the test, attrition and diagnostics.
    public func summary() -> String {
        let pct = formatLevel(crude.level)
        var lines: [String] = []
        let title = "Sequence symmetry analysis: \(indexName) (index) -> \(markerName) (marker)"
        lines.append(stratum.map { "\(title), \($0)" } ?? title)
        lines.append(
            "study period \(studyPeriod.lowerBound)...\(studyPeriod.upperBound); gap \(design.minimumGapDays)...\(design.maximumGapDays) days; washout \(design.washoutDays) days; null-effect ratio from \(nullEffect.resolution.rawValue) incidence")
        lines.append("incident users: \(counts.indexUsers) \(indexName), \(counts.markerUsers) \(markerName); pairs \(counts.pairs)")
        lines.append("  index first      " + String(counts.indexFirst).leftPad(8))
        lines.append("  marker first     " + String(counts.markerFirst).leftPad(8))
        lines.append("  same day         " + String(counts.sameDay).leftPad(8) + "  (excluded)")
        if counts.gapTooShort > 0 || design.minimumGapDays > 1 {
            lines.append("  gap < \(design.minimumGapDays) days".padRight(19) + String(counts.gapTooShort).leftPad(8) + "  (excluded)")
        }
        lines.append("  gap > \(design.maximumGapDays) days".padRight(19) + String(counts.gapTooLong).leftPad(8) + "  (excluded)")
        lines.append("")
        lines.append(
            "                    ratio   " + "\(pct) CI (beta, CohortSymmetry)".padRight(32) + "\(pct) CI (exact binomial)")
        func row(_ name: String, _ e: SequenceRatioEstimate) -> String {
            name.padRight(14) + formatRatio(e.ratio).leftPad(11) + "   "
                + "\(formatRatio(e.betaInterval.lower)) - \(formatRatio(e.betaInterval.upper))".padRight(32)
                + "\(formatRatio(e.exactInterval.lower)) - \(formatRatio(e.exactInterval.upper))"
        }
        lines.append(row("crude", crude))
        lines.append("null-effect".padRight(14) + formatRatio(nullEffect.ratio).leftPad(11))
        lines.append(row("adjusted", adjusted))
        lines.append(
            "exact binomial test of P(index first) = \(formatRatio(nullEffect.probabilityIndexFirst)) (adjusted ratio 1): p = \(formatP(pValue))")
        if stratum == nil && !attrition.steps.isEmpty {
            lines.append("")
            lines.append(attrition.summary())
        }
        if !diagnostics.isEmpty {
            lines.append("")
            lines += diagnostics.map { "note: \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

// MARK: - Formatting helpers

func formatRatio(_ x: Double) -> String {
    if x.isNaN { return "NA" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x != 0 && (abs(x) >= 10_000 || abs(x) < 0.001) { return String(format: "%.4g", x) }
    return String(format: "%.4f", x)
}

func formatP(_ p: Double) -> String {
    if p.isNaN { return "NA" }
    if p < 1e-4 { return String(format: "%.2e", p) }
    return String(format: "%.4f", p)
}

func formatLevel(_ level: Double) -> String {
    let pct = level * 100
    return pct == pct.rounded() ? "\(Int(pct))%" : String(format: "%g%%", pct)
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func padRight(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
