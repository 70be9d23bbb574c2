import Foundation

/// Step curves with optional confidence bands: Kaplan–Meier curves per arm (with a numbers-at-risk table under the
/// plot) and piecewise-constant effects such as SCCS age and season relative incidences (log scale, reference at 1).
///
/// Each point holds the value from its `x` until the next point's `x`; the last one extends to ``Series/end``.
public struct StepCurveChart: Sendable {
    /// A value that holds from `x` on, with its confidence limits.
    public struct Point: Sendable, Equatable {
        /// Start of the step.
        public var x: Double
        /// Value (survival probability, relative incidence).
        public var y: Double
        /// Lower confidence limit, when known.
        public var lower: Double?
        /// Upper confidence limit, when known.
        public var upper: Double?

        /// A step starting at `x`.
        public init(x: Double, y: Double, lower: Double? = nil, upper: Double? = nil) {
            self.x = x
            self.y = y
            self.lower = lower
            self.upper = upper
        }
    }

    /// One curve.
    public struct Series: Sendable, Equatable {
        /// Legend name.
        public var name: String
        /// Steps in increasing `x`.
        public var points: [Point]
        /// Where the last step ends (default: the last point's `x`).
        public var end: Double?

        /// A curve named `name`.
        public init(name: String, points: [Point], end: Double? = nil) {
            self.name = name
            self.points = points
            self.end = end
        }
    }

    /// Numbers at risk printed under the x axis, one row per series, at `times`.
    public struct RiskTable: Sendable, Equatable {
        /// Times (x values) of the columns.
        public var times: [Double]
        /// Per series, the printed counts (already suppressed, e.g. "<10"), one per time.
        public var counts: [[String]]

        /// A numbers-at-risk table; `counts[s][j]` belongs to series `s` at `times[j]`.
        public init(times: [Double], counts: [[String]]) {
            self.times = times
            self.counts = counts
        }
    }

    /// Unique id of the `<svg>` element.
    public var id: String
    /// Title.
    public var title: String
    /// Curves.
    public var series: [Series]
    /// x axis title.
    public var xTitle: String
    /// y axis title.
    public var yTitle: String
    /// Linear (survival) or log (relative incidence) y axis.
    public var logY: Bool
    /// Fixed y domain (e.g. 0…1 for survival); default: from the data.
    public var yDomain: ClosedRange<Double>?
    /// Horizontal reference line (1 for relative incidences).
    public var reference: Double?
    /// Custom x ticks with labels (e.g. months); default: nice ticks.
    public var xTicks: [(value: Double, label: String)]?
    /// Numbers at risk under the plot.
    public var riskTable: RiskTable?
    /// Total width in pixels.
    public var width: Double
    /// Height of the plot area in pixels.
    public var plotHeight: Double

    /// A step-curve chart.
    public init(id: String, title: String, series: [Series], xTitle: String, yTitle: String, logY: Bool = false,
                yDomain: ClosedRange<Double>? = nil, reference: Double? = nil,
                xTicks: [(value: Double, label: String)]? = nil, riskTable: RiskTable? = nil,
                width: Double = 760, plotHeight: Double = 300) {
        self.id = id
        self.title = title
        self.series = series
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.logY = logY
        self.yDomain = yDomain
        self.reference = reference
        self.xTicks = xTicks
        self.riskTable = riskTable
        self.width = width
        self.plotHeight = plotHeight
    }

    private func usable(_ v: Double?) -> Double? {
        guard let v, v.isFinite, !logY || v > 0 else { return nil }
        return v
    }

    var xDomain: ClosedRange<Double> {
        let xs = series.flatMap { s in s.points.map(\.x) + [s.end].compactMap { $0 } }.filter(\.isFinite)
        let lo = xs.min() ?? 0, hi = xs.max() ?? 1
        return lo < hi ? lo...hi : lo...(lo + 1)
    }

    var computedYDomain: ClosedRange<Double> {
        if let yDomain { return yDomain }
        var estimates = series.flatMap { $0.points.compactMap { usable($0.y) } }
        if let reference { estimates.append(reference) }
        var ys = estimates + series.flatMap { $0.points.flatMap { [usable($0.lower), usable($0.upper)].compactMap { $0 } } }
        if logY {
            // Very wide intervals (groups with few events) would flatten the curve: limits more than 4-fold beyond
            // the estimates are clipped at the plot edge instead of widening the axis.
            let eLo = estimates.min() ?? 0.5, eHi = estimates.max() ?? 2
            ys = ys.filter { $0 >= eLo / 4 && $0 <= eHi * 4 }
        }
        let lo = ys.min() ?? (logY ? 0.5 : 0), hi = ys.max() ?? (logY ? 2 : 1)
        if logY {
            let l = max(lo / 1.1, 1e-3), h = min(hi * 1.1, 1e3)
            return min(l, (reference ?? l) / 1.5)...max(h, (reference ?? h) * 1.5)
        }
        return Ticks.niceDomain(min(lo, 0)...max(hi, lo + 1e-9), target: 6)
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let legendItems = series.enumerated().map { (name: $0.element.name, color: ChartPalette.color($0.offset),
                                                      mark: LegendMark.band) }
        let legendRows = series.count > 1 ? 1.0 : 0.0
        let top = 40 + legendRows * 22
        let riskNameWidth = riskTable == nil ? 0 : min(180, (series.map { TextMetrics.width($0.name, size: 11) }.max() ?? 60) + 14)
        let left = max(70, riskNameWidth + 48)
        let area = PlotArea(left: left, top: top, width: width - left - 24, height: plotHeight)
        let riskRows = Double(riskTable?.counts.count ?? 0)
        let height = area.bottom + 50 + (riskTable == nil ? 0 : 28 + riskRows * 18)
        var c = SVGCanvas(width: width, height: height)
        c.chartTitle(title, maxWidth: width - 24)
        if series.count > 1 { c.legend(legendItems, x: area.left, y: 40, maxWidth: area.width) }
        let xs = ChartScale(domain: xDomain, range: (area.left, area.right))
        let ys = ChartScale(kind: logY ? .log : .linear, domain: computedYDomain, range: (area.bottom, area.top))
        let yTicks = ys.ticks(target: 6)
        c.yAxis(ys, area: area, ticks: yTicks, title: yTitle, titleOffset: 50)
        if let xTicks {
            c.xAxis(xs, area: area, ticks: xTicks.map(\.value), labels: xTicks.map(\.label), title: xTitle)
        } else {
            c.xAxis(xs, area: area, ticks: xs.ticks(target: 8), title: xTitle)
        }
        if let reference {
            let y = ys.map(reference)
            c.line(area.left, y, area.right, y, stroke: ChartPalette.reference, width: 1.2, dash: "4 3")
        }
        let clampY = { (v: Double) in ys.map(ys.clamped(v)) }
        for (k, s) in series.enumerated() {
            let color = ChartPalette.color(k)
            let pts = s.points.filter { $0.x.isFinite && usable($0.y) != nil }
            guard !pts.isEmpty else { continue }
            let end = max(s.end ?? pts[pts.count - 1].x, pts[pts.count - 1].x)
            // Band: upper step left to right, then lower step right to left.
            let banded = pts.filter { usable($0.lower) != nil && usable($0.upper) != nil }
            if banded.count == pts.count {
                var upper: [(x: Double, y: Double)] = []
                var lower: [(x: Double, y: Double)] = []
                for (i, p) in pts.enumerated() {
                    let x0 = xs.map(p.x), x1 = xs.map(i + 1 < pts.count ? pts[i + 1].x : end)
                    upper += [(x0, clampY(p.upper ?? p.y)), (x1, clampY(p.upper ?? p.y))]
                    lower += [(x0, clampY(p.lower ?? p.y)), (x1, clampY(p.lower ?? p.y))]
                }
                c.path(upper + lower.reversed(), stroke: "none", width: 0, fill: color, fillOpacity: 0.18, closed: true)
            }
            var line: [(x: Double, y: Double)] = []
            for (i, p) in pts.enumerated() {
                let y = clampY(p.y)
                if i > 0 { line.append((xs.map(p.x), line[line.count - 1].y)) }
                line.append((xs.map(p.x), y))
                if i + 1 == pts.count { line.append((xs.map(end), y)) }
            }
            c.path(line, stroke: color, width: 2.2)
        }
        if let riskTable {
            var y = area.bottom + 64
            c.text("Number at risk", x: 12, y: y, size: 12, weight: "bold")
            for (k, row) in riskTable.counts.enumerated() {
                y += 18
                let name = k < series.count ? series[k].name : ""
                c.text(TextMetrics.truncate(name, maxWidth: riskNameWidth - 6, size: 11), x: 12, y: y, size: 11,
                       fill: ChartPalette.color(k))
                for (j, t) in riskTable.times.enumerated() where j < row.count {
                    c.text(row[j], x: xs.map(t), y: y, anchor: .middle, size: 11)
                }
            }
        }
        let described = series.map { s in
            "\(s.name): \(s.points.count) steps from \(Ticks.label(s.points.first?.y ?? .nan)) to \(Ticks.label(s.points.last?.y ?? .nan))"
        }.joined(separator: "; ")
        return c.rendered(id: id, title: title, description: "Step curves (\(yTitle) against \(xTitle)). \(described)")
    }
}
