/// An attrition flow diagram: one box per step with the number remaining, arrows between them, and the number
/// excluded at each step in a box to the right (counts arrive formatted, small cells already suppressed).
public struct AttritionDiagram: Sendable {
    /// One step of the flow.
    public struct Step: Sendable, Equatable {
        /// What the step requires ("Persons with a first prescription", "Observed 365 days before index").
        public var label: String
        /// Number remaining after the step, as printed ("n = 12,345", "target: <10, comparator: 52").
        public var remaining: String
        /// Number removed by the step, as printed; `nil` for the first step.
        public var excluded: String?

        /// A step.
        public init(label: String, remaining: String, excluded: String? = nil) {
            self.label = label
            self.remaining = remaining
            self.excluded = excluded
        }
    }

    /// Unique id of the `<svg>` element.
    public var id: String
    /// Title.
    public var title: String
    /// Steps top to bottom.
    public var steps: [Step]
    /// Total width in pixels.
    public var width: Double

    /// An attrition diagram.
    public init(id: String, title: String, steps: [Step], width: Double = 760) {
        self.id = id
        self.title = title
        self.steps = steps
        self.width = width
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let boxWidth = min(400, width * 0.55)
        let boxLeft = 16.0
        let excludedLeft = boxLeft + boxWidth + 60
        let excludedWidth = width - excludedLeft - 16
        let lineHeight = 15.0
        let wrapped = steps.map { TextMetrics.wrap($0.label, maxWidth: boxWidth - 20, size: 12) }
        let heights = wrapped.map { Double($0.count) * lineHeight + 30 }
        let gap = 34.0
        var y = 40.0
        var tops: [Double] = []
        for h in heights {
            tops.append(y)
            y += h + gap
        }
        var c = SVGCanvas(width: width, height: max(y - gap + 12, 80))
        c.chartTitle(title, maxWidth: width - 24)
        let mid = boxLeft + boxWidth / 2
        for (i, step) in steps.enumerated() {
            let top = tops[i], h = heights[i]
            if i > 0 {
                // Arrow from the previous box, with the exclusion branch leaving at the midpoint.
                let from = tops[i - 1] + heights[i - 1], to = top
                c.line(mid, from, mid, to - 6, stroke: ChartPalette.axis, width: 1.5)
                c.path([(mid - 5, to - 8), (mid, to), (mid + 5, to - 8)], stroke: ChartPalette.axis, width: 1.5,
                       fill: ChartPalette.axis, closed: true)
                if let excluded = step.excluded {
                    let yMid = (from + to) / 2
                    c.line(mid, yMid, excludedLeft - 4, yMid, stroke: ChartPalette.axis, width: 1.2, dash: "3 2")
                    let text = "Excluded: \(excluded)"
                    let w = min(excludedWidth, TextMetrics.width(text, size: 11) + 20)
                    c.rect(excludedLeft, yMid - 12, w, 24, fill: "#fbeee6", stroke: ChartPalette.color(1), radius: 3)
                    c.text(TextMetrics.truncate(text, maxWidth: w - 12, size: 11), x: excludedLeft + 10, y: yMid + 4,
                           size: 11, fill: ChartPalette.text)
                }
            }
            c.rect(boxLeft, top, boxWidth, h, fill: "#eaf2f8", stroke: ChartPalette.color(0), strokeWidth: 1.2, radius: 4)
            for (k, line) in wrapped[i].enumerated() {
                c.text(line, x: mid, y: top + 16 + Double(k) * lineHeight, anchor: .middle, size: 12)
            }
            c.text(step.remaining, x: mid, y: top + h - 9, anchor: .middle, size: 12, weight: "bold")
        }
        let described = steps.map { "\($0.label): \($0.remaining)" + ($0.excluded.map { " (excluded \($0))" } ?? "") }
            .joined(separator: "; ")
        return c.rendered(id: id, title: title, description: "Attrition: \(described)")
    }
}
