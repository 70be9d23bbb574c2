/// Covariate balance: absolute standardized mean difference of each covariate before (x) and after (y) matching or
/// weighting, with the balance threshold (0.1) drawn on both axes and the diagonal y = x. Covariates still above the
/// threshold after adjustment are highlighted and the worst few are labelled.
public struct BalanceScatter: Sendable {
    /// One covariate.
    public struct Point: Sendable, Equatable {
        /// Covariate name.
        public var name: String
        /// |SMD| before adjustment.
        public var before: Double
        /// |SMD| after adjustment.
        public var after: Double

        /// A covariate's SMDs (signs are dropped).
        public init(name: String, before: Double, after: Double) {
            self.name = name
            self.before = abs(before)
            self.after = abs(after)
        }
    }

    /// Unique id of the `<svg>` element.
    public var id: String
    /// Title.
    public var title: String
    /// Covariates.
    public var points: [Point]
    /// Balance threshold (default 0.1).
    public var threshold: Double
    /// How many imbalanced covariates to label.
    public var labelled: Int
    /// Width and height of the square plot in pixels.
    public var size: Double

    /// A balance scatter.
    public init(id: String, title: String, points: [Point], threshold: Double = 0.1, labelled: Int = 5,
                size: Double = 460) {
        self.id = id
        self.title = title
        self.points = points
        self.threshold = threshold
        self.labelled = labelled
        self.size = size
    }

    /// The chart as an inline `<svg>` element.
    public func svg() -> String {
        let finite = points.filter { $0.before.isFinite && $0.after.isFinite }
        // Separate axes: after adjustment the SMDs are usually an order of magnitude smaller than before, and a
        // shared axis would crush them into the corner. The dotted y = x line is drawn where it falls.
        let xDomain = Ticks.niceDomain(0...max(finite.map(\.before).max() ?? 0, threshold * 1.5), target: 5)
        let yDomain = Ticks.niceDomain(0...max(finite.map(\.after).max() ?? 0, threshold * 2), target: 5)
        let area = PlotArea(left: 66, top: 62, width: size - 66 - 20, height: size - 62 - 56)
        var c = SVGCanvas(width: size, height: size)
        c.chartTitle(title, maxWidth: size - 24)
        let imbalanced = finite.filter { $0.after >= threshold }
        c.legend([(name: "balanced after", color: ChartPalette.color(0), mark: .point),
                  (name: "|SMD| ≥ \(Ticks.label(threshold)) after", color: ChartPalette.color(1), mark: .point)],
                 x: area.left, y: 42, maxWidth: area.width)
        let xs = ChartScale(domain: xDomain, range: (area.left, area.right))
        let ys = ChartScale(domain: yDomain, range: (area.bottom, area.top))
        c.xAxis(xs, area: area, ticks: Ticks.linear(xDomain, target: 5), title: "|SMD| before")
        c.yAxis(ys, area: area, ticks: Ticks.linear(yDomain, target: 5), title: "|SMD| after", titleOffset: 46)
        let diagonalEnd = min(xDomain.upperBound, yDomain.upperBound)
        c.line(xs.map(0), ys.map(0), xs.map(diagonalEnd), ys.map(diagonalEnd), stroke: ChartPalette.reference,
               width: 1, dash: "1 3")
        c.line(xs.map(threshold), area.top, xs.map(threshold), area.bottom, stroke: ChartPalette.reference, dash: "4 3")
        c.line(area.left, ys.map(threshold), area.right, ys.map(threshold), stroke: ChartPalette.reference, dash: "4 3")
        for p in finite where p.after < threshold {
            c.circle(xs.map(p.before), ys.map(p.after), r: 3.5, fill: ChartPalette.color(0), opacity: 0.6)
        }
        for p in imbalanced {
            c.circle(xs.map(p.before), ys.map(p.after), r: 4.5, fill: ChartPalette.color(1), opacity: 0.9)
        }
        let worst = imbalanced.sorted { ($0.after, $1.name) > ($1.after, $0.name) }.prefix(labelled)
        for p in worst {
            let x = xs.map(p.before), y = ys.map(p.after)
            let rightHalf = x > area.left + area.width * 0.6
            c.text(TextMetrics.truncate(p.name, maxWidth: 150, size: 10), x: rightHalf ? x - 7 : x + 7, y: y - 6,
                   anchor: rightHalf ? .end : .start, size: 10, fill: ChartPalette.text)
        }
        let maxAfter = finite.map(\.after).max() ?? 0
        return c.rendered(id: id, title: title, description:
            "Absolute standardized mean differences of \(finite.count) covariates before (x) and after (y); "
            + "\(imbalanced.count) at or above \(Ticks.label(threshold)) after; largest after \(SVGNumber.fixed(maxAfter, decimals: 3)).")
    }
}
