/// A plot area inside a chart: left, top, width and height in pixels.
struct PlotArea {
    var left: Double
    var top: Double
    var width: Double
    var height: Double
    var right: Double { left + width }
    var bottom: Double { top + height }
}

/// A legend entry's mark.
enum LegendMark { case line, dashedLine, box, point, band }

extension SVGCanvas {
    /// A horizontal axis at `area.bottom` with ticks, labels, optional vertical grid lines and a centred title.
    mutating func xAxis(_ scale: ChartScale, area: PlotArea, ticks: [Double], labels: [String]? = nil,
                        title: String?, grid: Bool = true, rotateLabels: Bool = false) {
        for (i, t) in ticks.enumerated() {
            let x = scale.map(t)
            guard x >= area.left - 0.5, x <= area.right + 0.5 else { continue }
            if grid { line(x, area.top, x, area.bottom, stroke: ChartPalette.grid) }
            line(x, area.bottom, x, area.bottom + 5, stroke: ChartPalette.axis)
            let text = labels.map { i < $0.count ? $0[i] : "" } ?? Ticks.label(t)
            if rotateLabels {
                self.text(text, x: x + 4, y: area.bottom + 12, anchor: .end, size: 11, fill: ChartPalette.axis, rotate: -45)
            } else {
                self.text(text, x: x, y: area.bottom + 18, anchor: .middle, size: 11, fill: ChartPalette.axis)
            }
        }
        line(area.left, area.bottom, area.right, area.bottom, stroke: ChartPalette.axis)
        if let title {
            let y = area.bottom + (rotateLabels ? 58 : 36)
            text(title, x: area.left + area.width / 2, y: y, anchor: .middle, size: 12, fill: ChartPalette.text)
        }
    }

    /// A vertical axis at `area.left` with ticks, labels, optional horizontal grid lines and a rotated title.
    mutating func yAxis(_ scale: ChartScale, area: PlotArea, ticks: [Double], labels: [String]? = nil,
                        title: String?, grid: Bool = true, titleOffset: Double = 44) {
        for (i, t) in ticks.enumerated() {
            let y = scale.map(t)
            guard y >= area.top - 0.5, y <= area.bottom + 0.5 else { continue }
            if grid { line(area.left, y, area.right, y, stroke: ChartPalette.grid) }
            line(area.left - 5, y, area.left, y, stroke: ChartPalette.axis)
            let text = labels.map { i < $0.count ? $0[i] : "" } ?? Ticks.label(t)
            self.text(text, x: area.left - 8, y: y + 4, anchor: .end, size: 11, fill: ChartPalette.axis)
        }
        line(area.left, area.top, area.left, area.bottom, stroke: ChartPalette.axis)
        if let title {
            let x = area.left - titleOffset
            let y = area.top + area.height / 2
            text(title, x: x, y: y, anchor: .middle, size: 12, fill: ChartPalette.text, rotate: -90)
        }
    }

    /// A one-row legend starting at (`x`, `y`); entries wrap to a new row past `maxWidth`. Returns the height used.
    @discardableResult
    mutating func legend(_ items: [(name: String, color: String, mark: LegendMark)], x: Double, y: Double,
                         maxWidth: Double) -> Double {
        var cx = x, cy = y
        for item in items {
            let w = 26 + TextMetrics.width(item.name, size: 12) + 18
            if cx > x, cx + w > x + maxWidth { cx = x; cy += 18 }
            switch item.mark {
            case .line: line(cx, cy - 4, cx + 20, cy - 4, stroke: item.color, width: 2.5)
            case .dashedLine: line(cx, cy - 4, cx + 20, cy - 4, stroke: item.color, width: 1.5, dash: "5 3")
            case .box: rect(cx + 3, cy - 10, 14, 12, fill: item.color, opacity: 0.85)
            case .point: circle(cx + 10, cy - 4, r: 4.5, fill: item.color)
            case .band:
                rect(cx, cy - 10, 20, 12, fill: item.color, opacity: 0.2)
                line(cx, cy - 4, cx + 20, cy - 4, stroke: item.color, width: 2.5)
            }
            text(item.name, x: cx + 26, y: cy, size: 12, fill: ChartPalette.text)
            cx += w
        }
        return cy - y + 18
    }

    /// The chart title, top left.
    mutating func chartTitle(_ title: String, x: Double = 12, y: Double = 20, maxWidth: Double) {
        text(TextMetrics.truncate(title, maxWidth: maxWidth, size: 14), x: x, y: y, size: 14, weight: "bold",
             fill: ChartPalette.text)
    }
}
