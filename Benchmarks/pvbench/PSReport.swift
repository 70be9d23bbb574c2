import Foundation

/// `pvbench ps-report`: the ratio table of the propensity-score benchmark from the key-value files that `pvbench ps`
/// and the peers (`Benchmarks/peers/ps_peers.sh`) wrote; also written to `ps-summary.txt`.
enum PSReport {
    typealias KV = [String: [String]]

    static func load(_ path: String) -> KV? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var out: KV = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            if let k = parts.first { out[k] = Array(parts.dropFirst()) }
        }
        return out
    }

    static func number(_ kv: KV?, _ key: String) -> Double? { kv?[key]?.first.flatMap(Double.init) }

    static func coefficients(_ kv: KV?) -> [Double] {
        guard let kv else { return [] }
        var out: [Double] = []
        while let v = number(kv, "coef_\(out.count)") { out.append(v) }
        return out
    }

    static func run(results dir: String) throws {
        guard let ss = load(dir + "/ps-SignalStats.txt") else { throw BenchError("no \(dir)/ps-SignalStats.txt: run pvbench ps first") }
        let persons = Int(number(ss, "persons") ?? 0), subset = Int(number(ss, "subset") ?? 0)
        var rows: [[String]] = [["task", "SignalStats", "peer", "peer time", "peer/ours", "agreement", "target"]]
        func verdict(_ t: Double?, _ limit: Double) -> String {
            guard let t else { return "-" }
            return String(format: "<= %.1f s: %@", limit, t <= limit ? "PASS" : "MISS")
        }
        func ratio(_ peer: Double?, _ ours: Double?) -> String {
            guard let peer, let ours, ours > 0 else { return "-" }
            return String(format: "%.1fx", peer / ours)
        }
        func time(_ t: Double?) -> String { t.map(formatSeconds) ?? "-" }
        /// SignalStats' wall time with its CPU time (all threads) in parentheses: on a shared machine the CPU time is
        /// the far steadier figure.
        func oursTime(_ key: String) -> String {
            guard let w = number(ss, key + "_seconds") else { return "-" }
            return formatSeconds(w) + (number(ss, key + "_cpu_seconds").map { " (CPU " + formatSeconds($0) + ")" } ?? "")
        }

        // PS fit.
        let fit = number(ss, "fit_seconds")
        let ours = coefficients(ss)
        for solver in ["lbfgs", "newton-cholesky"] {
            let peer = load(dir + "/ps-fit-sklearn-\(solver).txt")
            let theirs = coefficients(peer)
            var agreement = "-"
            if theirs.count == ours.count, !ours.isEmpty {
                let d = zip(ours, theirs).map { abs($0 - $1) }.max() ?? .nan
                let ll = (number(peer, "loglik") ?? .nan) - (number(ss, "fit_loglik") ?? .nan)
                agreement = String(format: "max |Δcoef| %.1e, Δloglik %.1e", d, ll)
            }
            rows.append([
                "PS fit \(persons) x \(ours.count)", oursTime("fit"), "scikit-learn \(solver)", time(number(peer, "seconds")),
                ratio(number(peer, "seconds"), fit), agreement, solver == "lbfgs" ? verdict(fit, 1) : "",
            ])
        }
        // Matching.
        let match = number(ss, "match_seconds"), sub = number(ss, "sub_match_seconds")
        func pairs(_ kv: KV?) -> String {
            guard let kv, let p = number(kv, "pairs"), let common = number(kv, "pairs_common"),
                let mine = number(kv, "pairs_signalstats")
            else { return "-" }
            var text = String(format: "pairs %.0f vs %.0f, %.0f identical", p, mine, common)
            if let beyond = number(kv, "pairs_beyond_caliper") {
                text += String(format: " (vs ours without caliper; %.0f of its pairs beyond the caliper)", beyond)
            }
            return text
        }
        let greedy = load(dir + "/ps-greedy-R.txt")
        rows.append(["1:1 matching \(persons)", oursTime("match"), "plain R greedy loop", time(number(greedy, "seconds")),
                     ratio(number(greedy, "seconds"), match), pairs(greedy), verdict(match, 1)])
        let greedySub = load(dir + "/ps-greedy-subset-R.txt")
        rows.append(["1:1 matching \(subset)", time(sub), "plain R greedy loop", time(number(greedySub, "seconds")),
                     ratio(number(greedySub, "seconds"), sub), pairs(greedySub), ""])
        let matchit = load(dir + "/ps-matchit-R.txt")
        rows.append(["1:1 matching \(subset)", time(sub), matchit?["implementation"]?.joined(separator: " ") ?? "MatchIt",
                     time(number(matchit, "seconds")), ratio(number(matchit, "seconds"), sub), pairs(matchit), ""])
        // Balance.
        let balance = number(ss, "balance_seconds")
        let rb = load(dir + "/ps-balance-R.txt")
        rows.append(["balance, 100 covariates", oursTime("balance"), "R colMeans/crossprod", time(number(rb, "seconds")),
                     ratio(number(rb, "seconds"), balance),
                     number(rb, "max_abs_diff_smd").map { String(format: "max |ΔSMD| %.1e", $0) } ?? "-", verdict(balance, 0.5)])
        // Cox.
        let cox = number(ss, "cox_seconds")
        let rc = load(dir + "/ps-cox-R.txt")
        var coxAgreement = "-"
        if let b = number(rc, "coef"), let se = number(rc, "robust_se"), let ob = number(ss, "cox_coef"),
            let ose = number(ss, "cox_robust_se")
        {
            coxAgreement = String(format: "Δlog HR %.1e, Δrobust SE %.1e (rel.)", abs(b - ob), abs(se - ose) / se)
        } else if let b = number(rc, "plain_coef"), let se = number(rc, "plain_se"), let ob = number(ss, "cox_coef"),
            let ose = number(ss, "cox_se")
        {
            coxAgreement = String(format: "(no cluster fit) Δlog HR %.1e, Δmodel SE %.1e (rel.)", abs(b - ob), abs(se - ose) / se)
        }
        rows.append(["Cox matched \(Int(number(ss, "cox_rows") ?? 0)) rows, robust", oursTime("cox"), "R coxph + cluster()",
                     time(number(rc, "seconds")), ratio(number(rc, "seconds"), cox), coxAgreement, verdict(cox, 1)])
        rows.append(["", "", "R coxph, no cluster()", time(number(rc, "plain_seconds")), ratio(number(rc, "plain_seconds"), cox), "", ""])

        let widths = (0..<rows[0].count).map { j in rows.map { $0[j].count }.max() ?? 0 }
        var lines = rows.map { r in r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") }
        lines.insert(String(repeating: "-", count: lines[0].count), at: 1)
        lines.append(String(format: "SignalStats: %@ treated of %d; caliper %@; HR %@ (robust SE %@); max |SMD| %@ before, %@ after",
                            ss["treated"]?.first ?? "?", persons, ss["caliper"]?.first ?? "?",
                            number(ss, "cox_coef").map { String(format: "%.6f", Foundation.exp($0)) } ?? "?",
                            ss["cox_robust_se"]?.first ?? "?", ss["max_smd_before"]?.first ?? "?", ss["max_smd_after"]?.first ?? "?"))
        lines.append("Targets are on SignalStats' wall time (best run); ratios are peer wall / SignalStats wall.")
        let text = lines.joined(separator: "\n") + "\n"
        print(text, terminator: "")
        try text.write(toFile: dir + "/ps-summary.txt", atomically: true, encoding: .utf8)
    }
}
