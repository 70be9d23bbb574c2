extension HTMLReport {
    /// A design's section: attrition first, then the design's own results (or the error that stopped it).
    static func designSection(_ d: DesignResult, index: Int, output: StudyResults.OutputSettings) -> ReportSection {
        var w = SectionWriter(prefix: "design-\(index + 1)")
        w.add(HTML.paragraph("Design: \(kindName(d.kind))."))
        if let error = d.error { w.add(HTML.note("This design did not complete: \(error)", kind: "error")) }
        let threshold = output.suppressed ? output.smallCellThreshold : nil
        if let s = d.sccs {
            sccs(s, attrition: d.attrition, into: &w)
        } else if let p = d.psCohort {
            psCohort(p, attrition: d.attrition, into: &w, threshold: threshold)
        } else if let s = d.ssa {
            ssa(s, attrition: d.attrition, into: &w, threshold: threshold)
        } else {
            attritionBlock(d.attrition, into: &w)
            if d.error == nil { w.add(HTML.note("No results were recorded for this design.")) }
        }
        return ReportSection(id: "design-\(index + 1)", title: "\(d.name): \(kindName(d.kind))", body: w.body,
                             subsections: w.subsections)
    }

    /// The "Attrition" subsection: diagram and table.
    static func attritionBlock(_ a: AttritionTable, into w: inout SectionWriter) {
        w.subsection("Attrition", key: "attrition")
        w.add(attrition(a, id: w.chartID("attrition-diagram")))
    }

    /// The attrition diagram and the same numbers as a table.
    static func attrition(_ a: AttritionTable, id: String) -> String {
        guard !a.steps.isEmpty else { return HTML.note("No attrition was recorded.") }
        let single = a.columns.count <= 1
        let steps = a.steps.enumerated().map { i, s -> AttritionDiagram.Step in
            let remaining = single ? "n = " + (s.remaining.first?.formatted ?? "–")
                : zip(a.columns, s.remaining).map { "\($0): \($1.formatted)" }.joined(separator: ", ")
            let excluded: String? = i == 0 ? nil
                : single ? (s.excluded.first?.formatted ?? "–")
                : zip(a.columns, s.excluded).map { "\($0): \($1.formatted)" }.joined(separator: ", ")
            return AttritionDiagram.Step(label: s.description, remaining: remaining, excluded: excluded)
        }
        var out = HTML.figure(AttritionDiagram(id: id, title: "Attrition", steps: steps).svg(),
            caption: "Each box is a selection step with the number remaining after it; the dashed branch gives the number "
                + "the step removed.")
        var headers: [HTMLTable.Cell] = ["Step"]
        for col in a.columns { headers += [.num("\(col) remaining"), .num("\(col) excluded")] }
        let rows: [[HTMLTable.Cell]] = a.steps.enumerated().map { i, s in
            var row: [HTMLTable.Cell] = [HTMLTable.Cell(s.description)]
            for k in a.columns.indices {
                row.append(.num(k < s.remaining.count ? s.remaining[k].formatted : "–"))
                row.append(.num(i == 0 ? "" : (k < s.excluded.count ? s.excluded[k].formatted : "–")))
            }
            return row
        }
        out += HTMLTable(headers: headers, rows: rows).render()
        return out
    }

    /// A table of diagnostics with their thresholds and pass/fail.
    static func diagnosticsTable(_ diagnostics: [StudyDiagnostic], caption: String) -> String {
        guard !diagnostics.isEmpty else { return HTML.note("No diagnostics were recorded.") }
        let rows: [[HTMLTable.Cell]] = diagnostics.map { d in
            var value = ReportNumber.significant(d.value)
            if let lo = d.lower, let hi = d.upper { value += " (\(ReportNumber.significant(lo))–\(ReportNumber.significant(hi)))" }
            return [HTMLTable.Cell(d.name), .num(value), HTMLTable.Cell(d.threshold), .status(d.passed), HTMLTable.Cell(d.note)]
        }
        return HTMLTable(headers: ["Diagnostic", .num("Value"), "Threshold", "Status", "Note"], rows: rows,
                         caption: caption).render()
    }

    /// "1.23 (0.95–1.60)" for a ratio estimate.
    static func ratioText(_ r: RatioEstimate) -> String {
        "\(ReportNumber.ratio(r.estimate)) (\(ReportNumber.ratio(r.lower))–\(ReportNumber.ratio(r.upper)))"
    }

    /// A forest-plot row for a ratio estimate.
    static func forestRow(_ label: String, _ r: RatioEstimate?, colorIndex: Int = 0, note: String? = nil) -> ForestPlot.Row {
        guard let r, r.estimate.isFinite, r.estimate > 0 else {
            return ForestPlot.Row(label: label, estimate: nil, lower: nil, upper: nil, colorIndex: colorIndex,
                                  text: note ?? "not estimable")
        }
        return ForestPlot.Row(label: label, estimate: r.estimate, lower: r.lower, upper: r.upper, colorIndex: colorIndex)
    }

    /// The confidence level as a percentage label ("95%").
    static func levelText(_ r: RatioEstimate?) -> String {
        SVGNumber.fixed((r?.level ?? 0.95) * 100, decimals: 1) + "%"
    }
}

extension ReportNumber {
    /// Three significant digits for diagnostics of any magnitude.
    static func significant(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "-∞") }
        if x == 0 { return "0" }
        if abs(x) >= 1000 { return SVGNumber.fixed(x, decimals: 0) }
        return SVGNumber.significant(x, 3)
    }
}
