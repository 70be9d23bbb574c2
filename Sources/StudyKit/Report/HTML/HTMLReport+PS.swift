extension HTMLReport {
    /// PS cohort: PS model, preference-score distributions before and after matching, covariate balance,
    /// Kaplan–Meier curves of the matched cohorts, hazard ratios with the estimand, counts and person-time.
    static func psCohort(_ p: PSDesignResult, attrition: AttritionTable, into w: inout SectionWriter, threshold: Int?) {
        w.add(HTML.facts([("Target", p.target), ("Comparator", p.comparator), ("Outcome", p.outcome)]))
        attritionBlock(attrition, into: &w)

        w.subsection("Propensity-score model", key: "ps-model")
        let m = p.propensityModel
        w.add(HTML.facts([
            ("Covariates", "\(m.covariates) used, \(m.covariatesRemoved) removed (constant or collinear)"),
            ("L2 penalty", ReportNumber.significant(m.l2Penalty)),
            ("Fit", convergenceText(m.convergence)),
            ("Separation", m.separation ? "yes: some covariates predict treatment perfectly" : "none detected"),
            ("Matching", matchingText(p.matching)),
            ("Estimand", estimandText(p)),
        ]))

        w.subsection("Preference-score distributions", key: "preference")
        w.add(preferenceFigures(p, id: w.chartID("preference"), threshold: threshold))
        let e = p.equipoise
        w.add(HTML.paragraph("Empirical equipoise: \(ReportNumber.percent(e.share)) of persons have a preference score in "
            + "\(ReportNumber.fixed(e.lower, 1))–\(ReportNumber.fixed(e.upper, 1)) (target \(ReportNumber.percent(e.targetShare)), "
            + "comparator \(ReportNumber.percent(e.comparatorShare))): \(e.passed ? "passes" : "fails") the usual 50% guide."))

        w.subsection("Covariate balance", key: "balance")
        let b = p.balance
        let scatter = BalanceScatter(id: w.chartID("balance"), title: "Covariate balance before and after matching",
            points: b.covariates.map { .init(name: $0.name, before: $0.smdBefore, after: $0.smdAfter) },
            threshold: b.threshold)
        w.add(HTML.figure(scatter.svg(), caption: "Each point is one covariate: its absolute standardized mean difference "
            + "between target and comparator before matching (x) and after (y); the two axes have their own scales. Points below "
            + "the horizontal dashed line (|SMD| \(Ticks.label(b.threshold))) are balanced after matching; points under "
            + "the dotted diagonal y = x improved."))
        w.add(HTML.paragraph("Largest |SMD| before \(ReportNumber.fixed(b.maxAbsSMDBefore, 3)), after "
            + "\(ReportNumber.fixed(b.maxAbsSMDAfter, 3)): balance \(b.passed ? "passes" : "FAILS") "
            + "(all covariates below \(Ticks.label(b.threshold)) after matching)."))
        let worst = b.covariates.filter { $0.smdAfter.isFinite }
            .sorted { (abs($0.smdAfter), $1.name) > (abs($1.smdAfter), $0.name) }.prefix(10)
        w.add(HTMLTable(headers: ["Covariate", .num("SMD before"), .num("SMD after"), "Balanced"],
            rows: worst.map { c in
                [HTMLTable.Cell(c.name), .num(ReportNumber.fixed(c.smdBefore, 3)), .num(ReportNumber.fixed(c.smdAfter, 3)),
                 .status(abs(c.smdAfter) < b.threshold)]
            }, caption: "Covariates with the largest |SMD| after matching (top \(worst.count) of \(b.covariates.count))").render())

        w.subsection("Kaplan–Meier curves of the matched cohorts", key: "km")
        if let km = kaplanMeierChart(p, id: w.chartID("km")) {
            w.add(HTML.figure(km, caption: "Share of each matched cohort still free of the outcome by day of follow-up, "
                + "with pointwise confidence bands. The y axis is cut to the range of the curves; the table gives the "
                + "number still at risk at each tick."))
        } else {
            w.add(HTML.note("No Kaplan–Meier curves were recorded."))
        }

        w.subsection("Hazard ratio", key: "hr")
        let h = p.hazardRatios
        let named: [(String, RatioEstimate)] = [("crude (unmatched)", h.crude), ("marginal (matched)", h.marginal),
                                               ("conditional (stratified on matched set)", h.conditional)]
        w.add(HTML.paragraph("Primary estimate: the \(h.primary) hazard ratio. Estimand: \(estimandText(p))."))
        var hrRows: [[HTMLTable.Cell]] = named.map { name, r in
            [HTMLTable.Cell(name + (name.hasPrefix(h.primary) ? " – primary" : "")), .num(ReportNumber.ratio(r.estimate)),
             .num("\(ReportNumber.ratio(r.lower))–\(ReportNumber.ratio(r.upper))"), .num(r.pValue.map(ReportNumber.pValue) ?? "–"),
             HTMLTable.Cell(r.intervalMethod)]
        }
        if let irr = p.incidenceRateRatio {
            hrRows.append([HTMLTable.Cell("incidence rate ratio (matched)"), .num(ReportNumber.ratio(irr.estimate)),
                           .num("\(ReportNumber.ratio(irr.lower))–\(ReportNumber.ratio(irr.upper))"),
                           .num(irr.pValue.map(ReportNumber.pValue) ?? "–"), HTMLTable.Cell(irr.intervalMethod)])
        }
        w.add(HTMLTable(headers: ["Model", .num("Hazard ratio"), .num("\(levelText(h.marginal)) CI"), .num("p"), "Interval"],
                        rows: hrRows).render())
        var forestRows = named.map { nr in forestRow(nr.0, nr.1, colorIndex: nr.0.hasPrefix(h.primary) ? 1 : 0) }
        if let irr = p.incidenceRateRatio { forestRows.append(forestRow("incidence rate ratio (matched)", irr, colorIndex: 0)) }
        w.add(HTML.figure(ForestPlot(id: w.chartID("hr-forest"), title: "\(p.target) vs \(p.comparator): \(p.outcome)",
                                     rows: forestRows, axisTitle: "Hazard ratio (log scale)", labelHeader: "Model",
                                     valueHeader: "HR (\(levelText(h.marginal)) CI)").svg(),
                          caption: "Hazard ratios of target against comparator; the primary estimate is drawn in vermillion."))
        if let ph = p.proportionalHazards {
            w.add(HTML.paragraph("Proportional hazards (\(ph.transform) time): χ² \(ReportNumber.fixed(ph.chiSquare, 2)) on "
                + "\(ph.degreesOfFreedom) df, p \(ReportNumber.pValue(ph.pValue)): \(ph.passed ? "no evidence against" : "evidence against") "
                + "proportional hazards."))
        }

        w.subsection("Counts and person-time", key: "counts")
        let c = p.counts
        let arms: [(String, PSDesignResult.Arm)] = [("\(p.target) (target), before matching", c.targetBefore),
                                                    ("\(p.comparator) (comparator), before matching", c.comparatorBefore),
                                                    ("\(p.target) (target), matched", c.targetMatched),
                                                    ("\(p.comparator) (comparator), matched", c.comparatorMatched)]
        w.add(HTMLTable(headers: ["Cohort", .num("Persons"), .num("Events"), .num("Person-years"), .num("Rate per 1,000 PY")],
            rows: arms.map { name, a in
                [HTMLTable.Cell(name), .num(a.persons.formatted), .num(a.events.formatted),
                 .num(ReportNumber.grouped(a.personDays / 365.25, 1)),
                 .num(a.ratePer1000PersonYears.map { ReportNumber.fixed($0, 2) } ?? "–")]
            }).render())

        w.subsection("PS diagnostics", key: "ps-diagnostics")
        w.add(diagnosticsTable(p.diagnostics, caption: "PS cohort diagnostics"))
    }

    static func matchingText(_ m: PSDesignResult.Matching) -> String {
        var s = m.method
        if let c = m.caliper { s += ", caliper \(ReportNumber.significant(c))" }
        s += "; \(m.matchedSets.formatted) matched sets (\(m.matchedTarget.formatted) target, "
            + "\(m.matchedComparator.formatted) comparator), \(m.unmatchedTarget.formatted) target persons unmatched"
        return s
    }

    static func estimandText(_ p: PSDesignResult) -> String {
        switch p.matching.estimand {
        case "ATT": break
        case "ATE": return "average treatment effect (ATE) (\(p.matching.method))"
        case "ATO": return "average treatment effect in the overlap population (ATO) (\(p.matching.method))"
        default: return "\(p.matching.estimand) (\(p.matching.method))"
        }
        return "average treatment effect in the treated (ATT): the effect of \(p.target) against \(p.comparator) "
            + "among persons like the matched target users (\(p.matching.method))"
    }

    /// Before/after preference-score histograms as shares of each arm, mirrored, on a shared y scale.
    static func preferenceFigures(_ p: PSDesignResult, id: String, threshold: Int?) -> String {
        let ps = p.preferenceScore
        guard ps.edges.count >= 2 else { return HTML.note("No preference-score distribution was recorded.") }
        func shares(_ counts: [CellCount]) -> [Double?] {
            let total = counts.compactMap(\.value).reduce(0, +)
            return counts.map { c in c.value.map { total > 0 ? Double($0) / Double(total) * 100 : 0 } }
        }
        let before = [shares(ps.before.target), shares(ps.before.comparator)]
        let after = [shares(ps.after.target), shares(ps.after.comparator)]
        let yMax = (before + after).flatMap { $0.compactMap { $0 } }.max() ?? 1
        func chart(_ key: String, _ title: String, _ v: [[Double?]]) -> String {
            DistributionChart(id: "\(id)-\(key)", title: title, edges: ps.edges,
                              series: [.init(name: p.target, values: v[0]), .init(name: p.comparator, values: v[1])],
                              style: .mirrored, xTitle: "Preference score", yTitle: "% of arm", yMax: yMax,
                              highlight: (p.equipoise.lower...max(p.equipoise.lower, p.equipoise.upper), "equipoise"),
                              width: 470).svg()
        }
        var out = "<div class=\"pair\">\n"
        out += HTML.figure(chart("before", "Before matching", before), caption: "")
        out += HTML.figure(chart("after", "After matching", after), caption: "")
        out += "</div>\n"
        var caption = "Distribution of the preference score (the propensity score adjusted for the market shares of the "
            + "two drugs, Walker et al. 2013) in the target arm (above the axis) and the comparator arm (below), as a "
            + "share of each arm per bin. Overlap means comparable persons exist in both arms; matching should make the "
            + "two shapes mirror each other. The grey band is the equipoise region."
        if let threshold { caption += " Bins with fewer than \(threshold) persons are suppressed (dashed marks)." }
        out += HTML.paragraph(caption, cssClass: "small")
        return out
    }

    /// Kaplan–Meier step curves with bands and a numbers-at-risk row per arm.
    static func kaplanMeierChart(_ p: PSDesignResult, id: String) -> String? {
        let curves = p.kaplanMeier.filter { !$0.points.isEmpty }
        guard !curves.isEmpty else { return nil }
        func armName(_ arm: String) -> String {
            arm == "target" ? "\(p.target) (target)" : arm == "comparator" ? "\(p.comparator) (comparator)" : arm
        }
        var series: [StepCurveChart.Series] = []
        var lowest = 1.0
        var lastDay = 0.0
        for c in curves {
            var pts = c.points.filter { $0.day.isFinite && $0.survival.isFinite }.sorted { $0.day < $1.day }
                .map { StepCurveChart.Point(x: $0.day, y: $0.survival, lower: $0.lower, upper: $0.upper) }
            if pts.first.map({ $0.x > 0 }) ?? true { pts.insert(.init(x: 0, y: 1, lower: 1, upper: 1), at: 0) }
            let end = max(c.truncatedAfterDay ?? 0, pts.last?.x ?? 0)
            lastDay = max(lastDay, end)
            lowest = min(lowest, pts.compactMap { $0.lower.flatMap { $0.isFinite ? $0 : nil } ?? $0.y }.min() ?? 1)
            series.append(.init(name: armName(c.arm), points: pts, end: end))
        }
        let yLow = max(0, Ticks.niceDomain(lowest...1, target: 5).lowerBound)
        let xScale = ChartScale(domain: 0...max(lastDay, 1), range: (0, 1))
        let times = xScale.ticks(target: 8)
        let counts: [[String]] = curves.map { c in
            let sorted = c.points.sorted { $0.day < $1.day }
            return times.map { t in sorted.first { $0.day >= t }?.atRisk.formatted ?? "–" }
        }
        return StepCurveChart(id: id, title: "Outcome-free survival, matched cohorts", series: series,
                              xTitle: "Days since cohort entry", yTitle: "Share without outcome",
                              yDomain: yLow...1, riskTable: .init(times: times, counts: counts)).svg()
    }
}
