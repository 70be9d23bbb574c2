import Foundation

/// A forest plot: one row per estimate with its confidence interval on a log axis and a reference line at the null
/// value (1 for ratios), labels on the left and "estimate (lower–upper)" on the right.
///
/// ```swift
/// let plot = ForestPlot(id: "sccs-forest", title: "Relative incidence by risk window",
///                       rows: [.init(label: "Risk 1-28 d", estimate: 2.1, lower: 1.6, upper: 2.8)])
/// let svg = plot.svg()
/// ```
public struct ForestPlot: Sendable {
    /// One estimate.
    public struct Row: Sendable, Equatable {
        /// Row label (risk window, contrast, model).
        public var label: String
        /// Point estimate on the ratio scale; `nil` when not estimable (the row says so).
        public var estimate: Double?
        /// Lower confidence limit.
        public var lower: Double?
        /// Upper confidence limit.
        public var upper: Double?
        /// Colour index into ``ChartPalette`` (rows of the same kind share a colour).
        public var colorIndex: Int
        /// Right-hand text; defaults to "estimate (lower–upper)" with two decimals.
        public var text: String?

        /// A row; `colorIndex` picks the palette colour.
        public init(label: String, estimate: Double?, lower: Double?, upper: Double?, colorIndex: Int = 0,
                    text: String? = nil) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
            self.colorIndex = colorIndex
            self.text = text
        }

        var isDrawable: Bool {
            guard let e = estimate, e > 0, e.isFinite else { return false }
            return true
        }
    }

    /// Unique id of the `<svg>` element within the page.
    public var id: String
    /// Title drawn above the plot and used as the accessible name.
    public var title: String
    /// The estimates, drawn top to bottom.
    public var rows: [Row]
    /// Axis title.
    public var axisTitle: String
    /// Header of the label column.
    public var labelHeader: String
    /// Header of the text column.
    public var valueHeader: String
    /// The null value (reference line).
    public var reference: Double
    /// Total width in pixels.
    public var width: Double

    /// A forest plot of `rows`.
    public init(id: String, title: String, rows: [Row], axisTitle: String = "Ratio (log scale)",
                labelHeader: String = "", valueHeader: String = "Estimate (95% CI)", reference: Double = 1,
                width: Double = 760) {
        self.id = id
        self.title = title
        self.rows = rows
        self.axisTitle = axisTitle
        self.labelHeader = labelHeader
        self.valueHeader = valueHeader
        self.reference = reference
        self.width = width
    }

    /// Default right-hand text: `1.23 (0.95–1.60)`, or "not estimable".
    static func defaultText(_ row: Row) -> String {
        guard let e = row.estimate, e.isFinite else { return "not estimable" }
        let ci = (row.lower.map(ReportNumber.ratio) ?? "–") + "–" + (row.upper.map(ReportNumber.ratio) ?? "–")
        return "\(ReportNumber.ratio(e)) (\(ci))"
    }

    /// The log-axis domain covering every drawable interval and the reference, padded and limited to 1e-3…1e3.
    var domain: ClosedRange<Double> {
        var values = [reference]
        for r in rows where r.isDrawable {
            for v in [r.estimate, r.lower, r.upper] {
                if let v, v > 0, v.isFinite { values.append(v) }
            }
        }
        let lo = max((values.min() ?? 0.5) / 1.15, 1e-3)
        let hi = min((values.max() ?? 2) * 1.15, 1e3)
        // At least 0.5...2 around the reference so a null result does not fill the axis.
        return min(lo, reference / 2)...max(hi, reference * 2)
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let rowHeight = 24.0
        let labelSize = 12.0
        let labelWidth = min(260, max(90, (rows.map { TextMetrics.width($0.label, size: labelSize) }.max() ?? 60) + 16))
        let texts = rows.map { $0.text ?? Self.defaultText($0) }
        let valueWidth = min(220, max(130, (texts.map { TextMetrics.width($0, size: labelSize) }.max() ?? 100) + 16))
        let top = 56.0
        let height = top + Double(max(rows.count, 1)) * rowHeight + 58
        var c = SVGCanvas(width: width, height: height)
        c.chartTitle(title, maxWidth: width - 24)
        let area = PlotArea(left: 12 + labelWidth, top: top, width: width - 24 - labelWidth - valueWidth,
                            height: Double(max(rows.count, 1)) * rowHeight)
        let scale = ChartScale(kind: .log, domain: domain, range: (area.left + 8, area.right - 8))
        c.text(labelHeader, x: 12, y: top - 8, size: 12, weight: "bold")
        c.text(valueHeader, x: width - 12, y: top - 8, anchor: .end, size: 12, weight: "bold")
        for (i, _) in rows.enumerated() where i % 2 == 0 {
            c.rect(8, top + Double(i) * rowHeight, width - 16, rowHeight, fill: "#f4f6f8")
        }
        c.xAxis(scale, area: area, ticks: scale.ticks(target: 7), title: axisTitle)
        let refX = scale.map(reference)
        c.line(refX, area.top, refX, area.bottom, stroke: ChartPalette.reference, width: 1.2, dash: "4 3")
        for (i, row) in rows.enumerated() {
            let y = top + (Double(i) + 0.5) * rowHeight
            c.text(TextMetrics.truncate(row.label, maxWidth: labelWidth - 10, size: labelSize),
                   x: 12, y: y + 4, size: labelSize)
            c.text(texts[i], x: width - 12, y: y + 4, anchor: .end, size: labelSize,
                   fill: row.isDrawable ? ChartPalette.text : ChartPalette.muted)
            guard row.isDrawable, let e = row.estimate else { continue }
            let color = ChartPalette.color(row.colorIndex)
            if let lo = row.lower, let hi = row.upper, lo > 0, hi.isFinite, hi >= lo {
                let x0 = scale.map(scale.clamped(lo)), x1 = scale.map(scale.clamped(hi))
                c.line(x0, y, x1, y, stroke: color, width: 2)
                if lo < scale.domain.lowerBound {
                    c.path([(x0 + 6, y - 4), (x0, y), (x0 + 6, y + 4)], stroke: color, width: 2)
                } else {
                    c.line(x0, y - 4, x0, y + 4, stroke: color, width: 2)
                }
                if hi > scale.domain.upperBound {
                    c.path([(x1 - 6, y - 4), (x1, y), (x1 - 6, y + 4)], stroke: color, width: 2)
                } else {
                    c.line(x1, y - 4, x1, y + 4, stroke: color, width: 2)
                }
            }
            let x = scale.map(scale.clamped(e))
            c.rect(x - 5, y - 5, 10, 10, fill: color)
        }
        let described = rows.map { "\($0.label): \($0.text ?? Self.defaultText($0))" }.joined(separator: "; ")
        return c.rendered(id: id, title: title,
                          description: "Forest plot on a log scale with a reference line at \(Ticks.label(reference)). \(described)")
    }
}
