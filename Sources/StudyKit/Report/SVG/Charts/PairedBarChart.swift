/// Two counts per category as grouped bars or as a diverging chart (first series up, second down): in sequence
/// symmetry analysis, the number of index-drug-first and marker-drug-first sequences per bin of time between the two
/// initiations. Suppressed counts (`nil`) are drawn as a dashed outline up to the suppression threshold.
public struct PairedBarChart: Sendable {
    /// Grouped side by side or diverging about the axis.
    public enum Style: Sendable, Equatable { case grouped, diverging }

    /// One category with its two counts (`nil` = suppressed).
    public struct Bin: Sendable, Equatable {
        /// Category label on the x axis (e.g. "0–30").
        public var label: String
        /// First series' count.
        public var first: Double?
        /// Second series' count.
        public var second: Double?

        /// A category.
        public init(label: String, first: Double?, second: Double?) {
            self.label = label
            self.first = first
            self.second = second
        }
    }

    /// Unique id of the `<svg>` element.
    public var id: String
    /// Title.
    public var title: String
    /// Categories left to right.
    public var bins: [Bin]
    /// Names of the two series.
    public var names: (first: String, second: String)
    /// Grouped or diverging.
    public var style: Style
    /// x axis title.
    public var xTitle: String
    /// y axis title.
    public var yTitle: String
    /// Suppression threshold: suppressed bars are outlined up to this height.
    public var suppressionThreshold: Double?
    /// Total width in pixels.
    public var width: Double
    /// Plot area height in pixels.
    public var plotHeight: Double

    /// A paired bar chart.
    public init(id: String, title: String, bins: [Bin], names: (first: String, second: String),
                style: Style = .grouped, xTitle: String, yTitle: String, suppressionThreshold: Double? = nil,
                width: Double = 760, plotHeight: Double = 260) {
        self.id = id
        self.title = title
        self.bins = bins
        self.names = names
        self.style = style
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.suppressionThreshold = suppressionThreshold
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let n = max(bins.count, 1)
        let left = 70.0
        let plotWidth = width - left - 20
        let slot = plotWidth / Double(n)
        let maxLabel = bins.map { TextMetrics.width($0.label, size: 11) }.max() ?? 0
        let rotate = maxLabel > slot - 4
        let area = PlotArea(left: left, top: 62, width: plotWidth, height: plotHeight)
        let bottomSpace = rotate ? min(90, maxLabel * 0.72 + 50) : 48
        var c = SVGCanvas(width: width, height: area.bottom + bottomSpace)
        c.chartTitle(title, maxWidth: width - 24)
        var legend: [(name: String, color: String, mark: LegendMark)] =
            [(names.first, ChartPalette.color(0), .box), (names.second, ChartPalette.color(1), .box)]
        let anySuppressed = bins.contains { $0.first == nil || $0.second == nil }
        if anySuppressed, let t = suppressionThreshold {
            legend.append(("suppressed (<\(Ticks.label(t)))", ChartPalette.reference, .dashedLine))
        }
        c.legend(legend, x: area.left, y: 42, maxWidth: area.width)
        let supp = suppressionThreshold ?? 0
        let values = bins.flatMap { [$0.first ?? supp, $0.second ?? supp] }.filter(\.isFinite)
        let m = max(values.max() ?? 1, 1)
        let top = Ticks.niceDomain(0...m, target: style == .diverging ? 3 : 5).upperBound
        let ys: ChartScale
        let ticks: [Double]
        if style == .diverging {
            ys = ChartScale(domain: -top...top, range: (area.bottom, area.top))
            ticks = Ticks.linear(-top...top, target: 5)
        } else {
            ys = ChartScale(domain: 0...top, range: (area.bottom, area.top))
            ticks = Ticks.linear(0...top, target: 5)
        }
        c.yAxis(ys, area: area, ticks: ticks, labels: ticks.map { Ticks.label(abs($0)) }, title: yTitle, titleOffset: 52)
        // Category axis: tick labels at slot centres.
        let xs = ChartScale(domain: 0...Double(n), range: (area.left, area.right))
        c.xAxis(xs, area: area, ticks: bins.indices.map { Double($0) + 0.5 }, labels: bins.map(\.label),
                title: xTitle, grid: false, rotateLabels: rotate)
        let base = ys.map(0)
        for (i, bin) in bins.enumerated() {
            let x0 = area.left + Double(i) * slot
            for (k, value) in [bin.first, bin.second].enumerated() {
                let color = ChartPalette.color(k)
                let barX: Double, barW: Double
                if style == .grouped {
                    barW = slot * 0.4
                    barX = x0 + slot * 0.1 + Double(k) * barW
                } else {
                    barW = slot * 0.7
                    barX = x0 + slot * 0.15
                }
                let sign = (style == .diverging && k == 1) ? -1.0 : 1.0
                if let v = value, v.isFinite {
                    let y = ys.map(sign * min(v, top))
                    c.rect(barX, min(y, base), barW, abs(base - y), fill: color, opacity: 0.85)
                } else if let t = suppressionThreshold {
                    let y = ys.map(sign * t)
                    c.rect(barX, min(y, base), barW, abs(base - y), fill: "none", stroke: color, strokeWidth: 1, dash: "3 2")
                }
            }
        }
        if style == .diverging { c.line(area.left, base, area.right, base, stroke: ChartPalette.axis) }
        let show = { (v: Double?) in v.map { SVGNumber.fixed($0, decimals: 0) } ?? "suppressed" }
        let described = bins.map { "\($0.label): \(show($0.first)) / \(show($0.second))" }.joined(separator: "; ")
        return c.rendered(id: id, title: title,
                          description: "Bars of \(names.first) and \(names.second) by \(xTitle). \(described)")
    }
}
