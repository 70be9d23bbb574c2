extension HTMLReport {
    /// How many screening rows the page lists (all rows stay in results.json).
    static let screeningRowsShown = 40

    /// SSA: settings, counts and ratios per pair, time from first to second drug, the screening table.
    static func ssa(_ s: SSADesignResult, attrition: AttritionTable, into w: inout SectionWriter, threshold: Int?) {
        let st = s.settings
        w.add(HTML.facts([
            ("Study period", "\(st.studyStart) to \(st.studyEnd)"),
            ("Washout", "\(st.washoutDays) days without either drug before the first initiation"),
            ("Gap between initiations", "\(st.minimumGapDays) to \(st.maximumGapDays) days"),
        ]))
        attritionBlock(attrition, into: &w)
        if !s.pairs.isEmpty {
            w.subsection("Sequence ratios", key: "ratios")
            let counts: [[HTMLTable.Cell]] = s.pairs.map { p in
                let c = p.counts
                return [HTMLTable.Cell("\(p.index) → \(p.marker)"), .num(c.indexUsers.formatted), .num(c.markerUsers.formatted),
                        .num(c.pairs.formatted), .num(c.indexFirst.formatted), .num(c.markerFirst.formatted),
                        .num(c.sameDay.formatted), .num(c.gapTooShort.formatted), .num(c.gapTooLong.formatted)]
            }
            w.add(HTMLTable(headers: ["Index → marker", .num("Index users"), .num("Marker users"), .num("Incident pairs"),
                                      .num("Index first"), .num("Marker first"), .num("Same day"), .num("Gap too short"),
                                      .num("Gap too long")],
                            rows: counts, caption: "Sequence counts").render())
            let ratios: [[HTMLTable.Cell]] = s.pairs.map { p in
                [HTMLTable.Cell("\(p.index) → \(p.marker)"), .num(ratioText(p.crude)), .num(ReportNumber.ratio(p.nullEffectRatio)),
                 .num(ratioText(p.adjusted)), .num(p.adjusted.pValue.map(ReportNumber.pValue) ?? "–")]
            }
            w.add(HTMLTable(headers: ["Index → marker", .num("Crude SR (\(levelText(s.pairs.first?.crude)) CI)"),
                                      .num("Null-effect SR"), .num("Adjusted SR (\(levelText(s.pairs.first?.adjusted)) CI)"), .num("p")],
                            rows: ratios, caption: "Sequence ratios").render())
            w.add(HTML.paragraph("The crude sequence ratio is index-first over marker-first sequences; the null-effect "
                + "ratio is what prescribing trends alone would give; the adjusted ratio divides the two (Hallas 1996, "
                + "Tsiropoulos et al. 2009). A ratio above 1 means the marker drug follows the index drug more often "
                + "than the trend explains.", cssClass: "small"))
            let forest = ForestPlot(id: w.chartID("forest"), title: "Adjusted sequence ratios",
                                    rows: s.pairs.map { forestRow("\($0.index) → \($0.marker)", $0.adjusted) },
                                    axisTitle: "Adjusted sequence ratio (log scale)", labelHeader: "Index → marker",
                                    valueHeader: "ASR (\(levelText(s.pairs.first?.adjusted)) CI)")
            w.add(HTML.figure(forest.svg(), caption: "Adjusted sequence ratio per drug pair with its confidence interval; "
                + "the dashed line at 1 is no association."))
            w.subsection("Time from first to second drug", key: "time")
            for (i, p) in s.pairs.enumerated() {
                let bins = p.timeToSecond.bins.map { b in
                    PairedBarChart.Bin(label: "\(b.from)–\(b.to)", first: b.indexFirst.plotted, second: b.markerFirst.plotted)
                }
                guard !bins.isEmpty else {
                    w.add(HTML.note("\(p.index) → \(p.marker): no sequences inside the gap window."))
                    continue
                }
                let chart = PairedBarChart(id: w.chartID("time-\(i + 1)"), title: "\(p.index) → \(p.marker)", bins: bins,
                                           names: ("\(p.index) first", "\(p.marker) first"), style: .grouped,
                                           xTitle: "Days from first to second drug", yTitle: "Sequences",
                                           suppressionThreshold: threshold.map(Double.init))
                var caption = "Number of incident sequences by days between the two initiations, index drug first "
                    + "(blue) against marker drug first (vermillion). An excess of blue bars early on is the signal the "
                    + "sequence ratio summarises."
                if let threshold { caption += " Dashed outlines are suppressed counts (below \(threshold))." }
                if !p.notes.isEmpty { caption += " Notes: " + p.notes.joined(separator: "; ") }
                w.add(HTML.figure(chart.svg(), caption: caption))
            }
        }
        if let sc = s.screening {
            w.subsection("Screening", key: "screening")
            w.add(HTML.paragraph("\(sc.pairsTested) ordered pairs of \(sc.classCount) \(sc.classes) tested "
                + "(\(sc.untested) untested for too few sequences); \(sc.flagged) flagged at a false discovery rate of "
                + "\(ReportNumber.percent(sc.falseDiscoveryRate)) (Benjamini–Hochberg)."))
            let shown = sc.rows.sorted { $0.rank < $1.rank }.prefix(screeningRowsShown)
            w.add(HTMLTable(headers: [.num("Rank"), "Index", "Marker", .num("Index first"), .num("Marker first"),
                                      .num("Crude SR"), .num("Null-effect SR"), .num("Adjusted SR (CI)"), .num("q"), "Flagged"],
                rows: shown.map { r in
                    [.num(String(r.rank)), HTMLTable.Cell(r.index), HTMLTable.Cell(r.marker), .num(r.indexFirst.formatted),
                     .num(r.markerFirst.formatted), .num(ReportNumber.ratio(r.crudeRatio)),
                     .num(ReportNumber.ratio(r.nullEffectRatio)), .num(ratioText(r.adjusted)),
                     .num(ReportNumber.pValue(r.qValue)), r.flagged ? HTMLTable.Cell("flagged", "fail") : HTMLTable.Cell("")]
                },
                caption: sc.rows.count > shown.count
                    ? "Top \(shown.count) of \(sc.rows.count) pairs by rank (all in results.json)" : "All tested pairs by rank"
            ).render())
        }
        if s.pairs.isEmpty && s.screening == nil { w.add(HTML.note("No sequence pairs were analysed.")) }
    }
}
