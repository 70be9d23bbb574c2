import Foundation

/// The CSV tables of a study's results: one file per table, RFC 4180 quoting, `\n` line ends, counts as in
/// results.json (suppressed counts as `<10`), numbers in Swift's shortest round-trip form.
public enum CSVTables {
    /// File name → CSV text, for every table the results have.
    public static func tables(_ r: StudyResults) -> [(name: String, text: String)] {
        var out: [(String, String)] = []
        out.append(("data_quality.csv", table(
            ["id", "category", "label", "threshold_percent", "failing_percent", "passed", "sites_passed", "sites_failed"],
            r.dataQuality.checks.map { [$0.id, $0.category, $0.label, num($0.thresholdPercent), num($0.failingPercent), "\($0.passed)", "\($0.sitesPassed)", "\($0.sitesFailed)"] })))
        out.append(("data_fingerprint.csv", table(
            ["table", "rows", "column", "checksum"],
            r.provenance.data.tables.flatMap { t in t.checksums.keys.sorted().map { [t.table, "\(t.rows)", $0, t.checksums[$0] ?? ""] } })))
        if let rows = r.summary {
            out.append(("results_summary.csv", table(
                ["design", "type", "exposure", "outcome", "term", "measure", "estimate", "lower", "upper", "p_value", "diagnostics", "note"],
                rows.map { [$0.design, $0.type, $0.exposure, $0.outcome, $0.term, $0.measure, opt($0.estimate), opt($0.lower), opt($0.upper),
                            opt($0.pValue), $0.diagnostics, $0.note] })))
        }
        for (k, d) in r.designs.enumerated() {
            let p = "design\(k + 1)_\(slug(d.name))_"
            out.append((p + "attrition.csv", attrition(d.attrition)))
            if let s = d.sccs {
                out.append((p + "estimates.csv", table(
                    ["exposure", "window", "start", "end", "start_anchor", "end_anchor", "cases", "events", "person_days", "ri", "log_ri", "se_log_ri",
                     "wald_lower", "wald_upper", "profile_lower", "profile_upper", "p_value", "not_estimated"],
                    s.estimates.map { e in
                        let x = e.relativeIncidence
                        return [e.exposure, e.window, "\(e.start)", "\(e.end)", e.startAnchor, e.endAnchor, e.cases.description, e.events.description,
                                "\(e.personDays)", opt(x?.estimate), opt(x?.logEstimate), opt(x?.standardError), opt(x?.lower), opt(x?.upper),
                                opt(x?.profileLower), opt(x?.profileUpper), opt(x?.pValue), e.notEstimated ?? ""]
                    })))
                let effects = s.ageEffects.map { ("age", $0) } + s.seasonEffects.map { ("season", $0) }
                out.append((p + "age_season_effects.csv", table(
                    ["effect", "group", "from", "to", "reference", "ri", "lower", "upper"],
                    effects.map { kind, g in [kind, g.label, num(g.from), num(g.to), "\(g.isReference)", opt(g.relativeIncidence?.estimate), opt(g.relativeIncidence?.lower), opt(g.relativeIncidence?.upper)] })))
                out.append((p + "diagnostics.csv", diagnostics(s.diagnostics)))
            }
            if let s = d.psCohort {
                let hr = s.hazardRatios
                out.append((p + "hazard_ratios.csv", table(
                    ["model", "primary", "hr", "log_hr", "se_log_hr", "lower", "upper", "interval", "p_value"],
                    [("crude", hr.crude), ("marginal", hr.marginal), ("conditional", hr.conditional)].map { name, e in
                        [name, "\(name == hr.primary)", num(e.estimate), opt(e.logEstimate), opt(e.standardError), num(e.lower), num(e.upper), e.intervalMethod, opt(e.pValue)]
                    } + (s.incidenceRateRatio.map { e in
                        [["poisson incidence rate ratio", "false", num(e.estimate), opt(e.logEstimate), opt(e.standardError), num(e.lower), num(e.upper), e.intervalMethod, opt(e.pValue)]]
                    } ?? []))))
                let c = s.counts
                out.append((p + "counts.csv", table(
                    ["arm", "cohort", "persons", "events", "person_days", "rate_per_1000_person_years"],
                    [("target", "before matching", c.targetBefore), ("comparator", "before matching", c.comparatorBefore),
                     ("target", "matched", c.targetMatched), ("comparator", "matched", c.comparatorMatched)].map { arm, cohort, a in
                        [arm, cohort, a.persons.description, a.events.description, num(a.personDays), opt(a.ratePer1000PersonYears)]
                    })))
                out.append((p + "balance.csv", table(
                    ["covariate", "smd_before", "smd_after"], s.balance.covariates.map { [$0.name, num($0.smdBefore), num($0.smdAfter)] })))
                let edges = s.preferenceScore.edges
                out.append((p + "preference_score.csv", table(
                    ["bin_from", "bin_to", "target_before", "comparator_before", "target_matched", "comparator_matched"],
                    s.preferenceScore.before.target.indices.map { b in
                        [num(edges[b]), num(edges[b + 1]), s.preferenceScore.before.target[b].description, s.preferenceScore.before.comparator[b].description,
                         s.preferenceScore.after.target[b].description, s.preferenceScore.after.comparator[b].description]
                    })))
                out.append((p + "kaplan_meier.csv", table(
                    ["arm", "day", "survival", "lower", "upper", "at_risk", "events"],
                    s.kaplanMeier.flatMap { curve in curve.points.map { [curve.arm, num($0.day), num($0.survival), num($0.lower), num($0.upper), $0.atRisk.description, $0.events.description] } })))
                out.append((p + "diagnostics.csv", diagnostics(s.diagnostics)))
            }
            if let s = d.ssa {
                out.append((p + "pairs.csv", table(
                    ["index", "marker", "index_users", "marker_users", "pairs", "index_first", "marker_first", "same_day", "gap_too_short", "gap_too_long",
                     "crude_ratio", "crude_lower", "crude_upper", "null_effect_ratio", "adjusted_ratio", "adjusted_lower", "adjusted_upper", "p_value"],
                    s.pairs.map { x in
                        let c = x.counts
                        return [x.index, x.marker, c.indexUsers.description, c.markerUsers.description, c.pairs.description, c.indexFirst.description,
                                c.markerFirst.description, c.sameDay.description, c.gapTooShort.description, c.gapTooLong.description,
                                num(x.crude.estimate), num(x.crude.lower), num(x.crude.upper), num(x.nullEffectRatio), num(x.adjusted.estimate),
                                num(x.adjusted.lower), num(x.adjusted.upper), opt(x.adjusted.pValue)]
                    })))
                out.append((p + "time_to_second.csv", table(
                    ["index", "marker", "from_day", "to_day", "index_first", "marker_first"],
                    s.pairs.flatMap { x in x.timeToSecond.bins.map { [x.index, x.marker, "\($0.from)", "\($0.to)", $0.indexFirst.description, $0.markerFirst.description] } })))
                if let sc = s.screening {
                    out.append((p + "screening.csv", table(
                        ["rank", "index", "marker", "index_first", "marker_first", "crude_ratio", "null_effect_ratio", "adjusted_ratio", "lower", "upper",
                         "p_value", "q_value", "flagged"],
                        sc.rows.map { r in
                            ["\(r.rank)", r.index, r.marker, r.indexFirst.description, r.markerFirst.description, num(r.crudeRatio), num(r.nullEffectRatio),
                             num(r.adjusted.estimate), num(r.adjusted.lower), num(r.adjusted.upper), opt(r.adjusted.pValue), num(r.qValue), "\(r.flagged)"]
                        })))
                }
            }
        }
        return out
    }

    static func attrition(_ a: AttritionTable) -> String {
        table(["step", "description"] + a.columns.map { "\($0)_remaining" } + a.columns.map { "\($0)_excluded" },
              a.steps.enumerated().map { k, s in ["\(k + 1)", s.description] + s.remaining.map(\.description) + s.excluded.map(\.description) })
    }

    static func diagnostics(_ d: [StudyDiagnostic]) -> String {
        table(["name", "value", "lower", "upper", "threshold", "passed", "note"],
              d.map { [$0.name, num($0.value), opt($0.lower), opt($0.upper), $0.threshold, "\($0.passed)", $0.note] })
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func num(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return "\(x)"
    }

    static func opt(_ x: Double?) -> String { x.map(num) ?? "" }

    /// A file-name-safe form of a design name.
    static func slug(_ s: String) -> String {
        let mapped = s.lowercased().map { c -> Character in (c.isASCII && (c.isLetter || c.isNumber)) ? c : "_" }
        var out = ""
        for c in mapped where !(c == "_" && out.last == "_") { out.append(c) }
        return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(40))
    }
}
