extension HTMLReport {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// SCCS: counts, estimates per risk window (table and forest plot), age and season effects, diagnostics.
    static func sccs(_ s: SCCSDesignResult, attrition: AttritionTable, into w: inout SectionWriter) {
        w.add(HTML.facts([
            ("Outcome", s.outcome),
            ("Cases", s.counts.cases.formatted),
            ("Events", s.counts.events.formatted),
            ("Observation", "\(ReportNumber.count(s.counts.personDays)) person-days in \(ReportNumber.count(s.counts.intervals)) intervals"),
            ("Model", convergenceText(s.convergence)),
        ]))
        attritionBlock(attrition, into: &w)
        w.subsection("Relative incidence by risk window", key: "estimates")
        let level = levelText(s.estimates.compactMap(\.relativeIncidence).first)
        let rows: [[HTMLTable.Cell]] = s.estimates.map { e in
            let ri = e.relativeIncidence
            let profile: String
            if let lo = ri?.profileLower, let hi = ri?.profileUpper {
                profile = "\(ReportNumber.ratio(lo))–\(ReportNumber.ratio(hi))"
            } else { profile = "–" }
            return [HTMLTable.Cell(e.exposure), HTMLTable.Cell(e.window),
                    HTMLTable.Cell(periodText(e)),
                    .num(e.cases.formatted), .num(e.events.formatted), .num(ReportNumber.count(e.personDays)),
                    .num(ri.map { ReportNumber.ratio($0.estimate) } ?? (e.notEstimated ?? "not estimated")),
                    .num(ri.map { "\(ReportNumber.ratio($0.lower))–\(ReportNumber.ratio($0.upper))" } ?? "–"),
                    .num(profile), .num(ri?.pValue.map(ReportNumber.pValue) ?? "–")]
        }
        w.add(HTMLTable(headers: ["Exposure", "Window", "Period", .num("Cases"), .num("Events"), .num("Person-days"),
                                  .num("Relative incidence"), .num("\(level) CI (Wald)"), .num("\(level) CI (profile)"),
                                  .num("p")], rows: rows).render())
        if !s.estimates.isEmpty {
            let exposures = Array(Set(s.estimates.map(\.exposure))).sorted()
            let forest = ForestPlot(
                id: w.chartID("forest"), title: "Relative incidence by risk window",
                rows: s.estimates.map { e in
                    forestRow(s.estimates.count > 1 && exposures.count > 1 ? "\(e.exposure): \(e.window)" : e.window,
                              e.relativeIncidence, colorIndex: exposures.firstIndex(of: e.exposure) ?? 0, note: e.notEstimated)
                },
                axisTitle: "Relative incidence (log scale)", labelHeader: "Risk window",
                valueHeader: "RI (\(level) CI)")
            w.add(HTML.figure(forest.svg(), caption: "Each square is the relative incidence of the outcome in the risk "
                + "window against the person's own unexposed time, with its Wald confidence interval; the dashed line at 1 "
                + "is no change. Arrows mark intervals that extend beyond the axis."))
        }
        w.subsection("Age and season effects", key: "age-season")
        if let age = effectChart(s.ageEffects, id: w.chartID("age"), title: "Relative incidence by age",
                                 xTitle: "Age (years)", months: false) {
            w.add(HTML.figure(age, caption: "Relative incidence of the outcome by age group against the reference group "
                + "(value 1), with confidence bands (limits far beyond the estimates are clipped at the plot edge); the exposure "
                + "estimates are adjusted for these effects within each case."))
        } else {
            w.add(HTML.note("The model has no age effect."))
        }
        if let season = effectChart(s.seasonEffects, id: w.chartID("season"), title: "Relative incidence by season",
                                    xTitle: "Calendar month", months: true) {
            w.add(HTML.figure(season, caption: "Relative incidence by calendar month against the reference month, with "
                + "confidence bands."))
        } else {
            w.add(HTML.note("The model has no season effect."))
        }
        w.subsection("Diagnostics", key: "diagnostics")
        w.add(diagnosticsTable(s.diagnostics, caption: "SCCS diagnostics"))
    }

    /// "1 to 28 days after era start", or both anchors when they differ.
    static func periodText(_ e: SCCSDesignResult.WindowEstimate) -> String {
        e.startAnchor == e.endAnchor ? "days \(e.start) to \(e.end) from \(e.startAnchor)"
            : "day \(e.start) from \(e.startAnchor) to day \(e.end) from \(e.endAnchor)"
    }

    static func convergenceText(_ c: ConvergenceInfo) -> String {
        var s = c.converged ? "converged in \(c.iterations) iterations" : "NOT converged after \(c.iterations) iterations"
        if let ll = c.logLikelihood { s += ", log-likelihood \(ReportNumber.fixed(ll, 3))" }
        if !c.notes.isEmpty { s += "; " + c.notes.joined(separator: "; ") }
        return s
    }

    /// Step curve of age or season relative incidences; `nil` when there are no groups.
    static func effectChart(_ groups: [SCCSDesignResult.EffectGroup], id: String, title: String, xTitle: String,
                            months: Bool) -> String? {
        let usable = groups.filter { $0.from.isFinite && $0.to.isFinite }.sorted { $0.from < $1.from }
        guard !usable.isEmpty else { return nil }
        let points: [StepCurveChart.Point] = usable.compactMap { g in
            if g.isReference { return StepCurveChart.Point(x: g.from, y: 1, lower: 1, upper: 1) }
            guard let ri = g.relativeIncidence, ri.estimate.isFinite, ri.estimate > 0 else { return nil }
            return StepCurveChart.Point(x: g.from, y: ri.estimate, lower: ri.lower, upper: ri.upper)
        }
        guard !points.isEmpty else { return nil }
        let end = usable.map(\.to).max() ?? points[points.count - 1].x + 1
        var ticks: [(value: Double, label: String)]?
        if months {
            ticks = (1...12).map { (value: Double($0) + 0.5, label: monthNames[$0 - 1]) }
        } else if usable.count <= 12 {
            ticks = usable.map { (value: $0.from, label: Ticks.label($0.from)) } + [(value: end, label: Ticks.label(end))]
        }
        return StepCurveChart(id: id, title: title, series: [.init(name: "relative incidence", points: points, end: end)],
                              xTitle: xTitle, yTitle: "Relative incidence (log)", logY: true, reference: 1,
                              xTicks: ticks, plotHeight: 220).svg()
    }
}
