/// Binned distributions of one variable by group, overlaid (translucent filled steps) or mirrored (first group
/// above the axis, second below): preference-score distributions of target and comparator before and after matching.
public struct DistributionChart: Sendable {
    /// How groups share the plot.
    public enum Style: Sendable, Equatable {
        /// All groups drawn upward, translucent, on top of each other.
        case overlaid
        /// The first group upward, the second downward (further groups are ignored).
        case mirrored
    }

    /// One group's heights per bin (density, share or count); `nil` marks a suppressed bin.
    public struct Series: Sendable, Equatable {
        /// Legend name.
        public var name: String
        /// One value per bin.
        public var values: [Double?]

        /// A group's bin heights.
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    /// Unique id of the `<svg>` element.
    public var id: String
    /// Title.
    public var title: String
    /// Bin edges (one more than the number of bins), increasing.
    public var edges: [Double]
    /// Groups.
    public var series: [Series]
    /// Overlaid or mirrored.
    public var style: Style
    /// x axis title.
    public var xTitle: String
    /// y axis title.
    public var yTitle: String
    /// Shared y maximum (to compare panels side by side); default from the data.
    public var yMax: Double?
    /// An x range shaded behind the bars (e.g. the equipoise region 0.3–0.7), with its legend label.
    public var highlight: (range: ClosedRange<Double>, label: String)?
    /// Total width in pixels.
    public var width: Double
    /// Plot area height in pixels.
    public var plotHeight: Double

    /// A distribution chart over `edges`.
    public init(id: String, title: String, edges: [Double], series: [Series], style: Style = .mirrored,
                xTitle: String, yTitle: String, yMax: Double? = nil,
                highlight: (range: ClosedRange<Double>, label: String)? = nil, width: Double = 370, plotHeight: Double = 220) {
        self.highlight = highlight
        self.id = id
        self.title = title
        self.edges = edges
        self.series = series
        self.style = style
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.yMax = yMax
        self.width = width
        self.plotHeight = plotHeight
    }

    /// The largest finite bin value of all groups.
    public var dataMax: Double {
        series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite).max() ?? 0
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let shown = style == .mirrored ? Array(series.prefix(2)) : series
        let top = 62.0
        let area = PlotArea(left: 62, top: top, width: width - 62 - 16, height: plotHeight)
        var c = SVGCanvas(width: width, height: area.bottom + 48)
        c.chartTitle(title, maxWidth: width - 24)
        var legend = shown.enumerated().map { (name: $0.element.name, color: ChartPalette.color($0.offset), mark: LegendMark.box) }
        if let highlight { legend.append((name: highlight.label, color: ChartPalette.highlight, mark: .box)) }
        c.legend(legend, x: area.left, y: 42, maxWidth: area.width)
        let lo = edges.first ?? 0, hi = edges.last ?? 1
        let xs = ChartScale(domain: lo...max(hi, lo + 1e-9), range: (area.left, area.right))
        if let highlight {
            let x0 = xs.map(xs.clamped(highlight.range.lowerBound)), x1 = xs.map(xs.clamped(highlight.range.upperBound))
            c.rect(x0, area.top, x1 - x0, area.height, fill: ChartPalette.highlight, opacity: 0.35)
        }
        let m = max(yMax ?? dataMax, 1e-9)
        let niceMax = Ticks.niceDomain(0...m, target: style == .mirrored ? 3 : 5).upperBound
        let ys: ChartScale
        var ticks: [Double]
        var labels: [String]
        if style == .mirrored {
            ys = ChartScale(domain: -niceMax...niceMax, range: (area.bottom, area.top))
            ticks = Ticks.linear(-niceMax...niceMax, target: 5)
            labels = ticks.map { Ticks.label(abs($0)) }
        } else {
            ys = ChartScale(domain: 0...niceMax, range: (area.bottom, area.top))
            ticks = Ticks.linear(0...niceMax, target: 5)
            labels = ticks.map(Ticks.label)
        }
        c.yAxis(ys, area: area, ticks: ticks, labels: labels, title: yTitle, titleOffset: 46)
        c.xAxis(xs, area: area, ticks: xs.ticks(target: 6), title: xTitle)
        let bins = max(0, edges.count - 1)
        for (k, s) in shown.enumerated() {
            let color = ChartPalette.color(k)
            let sign = (style == .mirrored && k == 1) ? -1.0 : 1.0
            let base = ys.map(0)
            var outline: [(x: Double, y: Double)] = [(xs.map(lo), base)]
            for b in 0..<bins {
                let x0 = xs.map(edges[b]), x1 = xs.map(edges[b + 1])
                guard b < s.values.count, let v = s.values[b], v.isFinite else {
                    outline += [(x0, base), (x1, base)]
                    // Suppressed bin: a dashed marker on the axis.
                    if b < s.values.count { c.line(x0, base - sign * 3, x1, base - sign * 3, stroke: color, width: 1, dash: "2 2") }
                    continue
                }
                let y = ys.map(sign * min(v, niceMax))
                outline += [(x0, y), (x1, y)]
            }
            outline.append((xs.map(hi), base))
            c.path(outline, stroke: color, width: 1.5, fill: color, fillOpacity: style == .overlaid ? 0.35 : 0.55)
        }
        if style == .mirrored { c.line(area.left, ys.map(0), area.right, ys.map(0), stroke: ChartPalette.axis) }
        let described = shown.map(\.name).joined(separator: " and ")
        return c.rendered(id: id, title: title,
                          description: "\(style == .mirrored ? "Mirrored" : "Overlaid") histograms of \(xTitle) for \(described) over \(bins) bins.")
    }
}
