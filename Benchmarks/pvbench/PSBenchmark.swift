import Foundation
import SignalStats

/// `pvbench ps`: the issue-6 dense propensity-score targets at 1,000,000 persons x 100 covariates: PS fit, 1:1 caliper
/// matching, balance table and Cox on the matched set, each timed best of N from data in memory. Writes the data
/// (once) and SignalStats' results for the peers (`Benchmarks/peers/ps_peers.sh`): the fitted logit score, the
/// matched pairs at full size and on the first `--subset` persons, and `ps-SignalStats.txt` (key value lines).
enum PSBenchmark {
    static func run(
        data dir: String, results out: String, persons n: Int, subset: Int, seed: UInt64, repetitions: Int
    ) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        print("OpenBLAS: \(BLAS.configuration)")
        let t0 = wallClock()
        let data: PSData
        if let d = try PSData.read(from: dir, persons: n, seed: seed) {
            data = d
            print(String(format: "read %@: %d persons x %d covariates (%.1f s)", dir, n, PSData.covariates, wallClock() - t0))
        } else {
            data = PSData.generate(persons: n, seed: seed)
            try data.write(to: dir, seed: seed)
            print(String(format: "generated and wrote %@: %d persons x %d covariates (%.1f s)", dir, n, PSData.covariates, wallClock() - t0))
        }
        let q = PSData.covariates
        let treated = data.treatment.map { $0 == 1 }
        let nTreated = treated.reduce(0) { $0 + ($1 ? 1 : 0) }
        let nEvents = Int(data.status.reduce(0, +))
        print("treated \(nTreated), comparators \(n - nTreated), events \(nEvents)")

        // MARK: PS fit (design in memory: intercept + 100 columns)
        var storage = [Double](repeating: 1, count: n)
        storage.append(contentsOf: data.x)
        let names = ["(Intercept)"] + data.names
        let (designTimes, design) = try timed(repetitions) {
            try DesignMatrix(matrix: Matrix(rows: n, columns: q + 1, columnMajor: storage), columnNames: names, hasIntercept: true)
        }
        storage = []
        let (fitTimes, ps) = try timedCPU(repetitions, "PS fit") { try PropensityScore.fit(treatment: treated, design: design) }
        let fitCPU = lastCPUTimes.min()
        guard let model = ps.model else { throw BenchError("the propensity model is missing") }
        print(String(format: "PS fit (PropensityScore.fit, %d x %d): best %.3f s (runs %@), %d iterations; DesignMatrix set-up %.3f s (not included)",
                     n, q + 1, fitTimes.min() ?? .nan, runs(fitTimes), model.iterations, designTimes.min() ?? .nan))

        // MARK: matching at full size and on the subset
        let options = MatchingOptions()  // logit, 0.2 pooled SD, 1:1, without replacement, largest first
        let (matchTimes, matched) = try timedCPU(repetitions, "matching") { try PSMatching(ps, options: options).match() }
        let matchCPU = lastCPUTimes.min()
        print(String(format: "1:1 matching, caliper %.6g (0.2 pooled SD of the logit): best %.3f s (runs %@), %d pairs",
                     matched.caliper ?? .nan, matchTimes.min() ?? .nan, runs(matchTimes), matched.setCount))
        let m = min(subset, n)
        let subPS = try PropensityScore(
            treatment: Array(treated[0..<m]), score: Array(ps.score[0..<m]))
        // The subset's logit is recomputed from its score (log(e/(1 - e))); it is written out for the peers as used.
        let subMatching = PSMatching(subPS, options: options)
        let (subTimes, subMatched) = try timed(repetitions) { try subMatching.match() }
        print(String(format: "1:1 matching on the first %d persons, caliper %.6g: best %.4f s, %d pairs",
                     m, subMatched.caliper ?? .nan, subTimes.min() ?? .nan, subMatched.setCount))

        // MatchIt 4.5.1 ignores a caliper on a user-supplied distance (its pairs reach beyond it): its pairs are
        // compared with this matching without caliper on the same subset.
        var noCaliper = options
        noCaliper.caliper = .none
        let (subNoCalTimes, subNoCal) = try timed(repetitions) { try PSMatching(subPS, options: noCaliper).match() }
        print(String(format: "1:1 matching on the first %d persons without caliper: best %.4f s, %d pairs",
                     m, subNoCalTimes.min() ?? .nan, subNoCal.setCount))

        // MARK: balance
        let xMatrix = try Matrix(rows: n, columns: q, columnMajor: data.x)
        let (balanceTimes, balance) = try timedCPU(repetitions, "balance") { () throws -> BalanceTable in
            try BalanceTable(
                columns: xMatrix, names: data.names, treatment: treated, weights: matched.unitWeights(count: n),
                estimand: .att)
        }
        let balanceCPU = lastCPUTimes.min()
        print(String(format: "balance table (%d covariates, before and after, incl. unit weights): best %.3f s; max |SMD| %.4f before, %.4f after",
                     q, balanceTimes.min() ?? .nan, balance.maxAbsSMDBefore, balance.maxAbsSMDAfter))

        // MARK: Cox on the matched set, robust variance clustered on pairs, Efron
        let k = matched.count
        var mTime = [Double](repeating: 0, count: k), mStatus = mTime, mTreated = mTime
        for r in 0..<k {
            let u = matched.unit[r]
            mTime[r] = data.time[u]
            mStatus[r] = data.status[u]
            mTreated[r] = matched.isTreated[r] ? 1 : 0
        }
        let coxDesign = try DesignMatrix(covariates: [.numeric(name: "treated", values: mTreated)], intercept: false)
        let set = matched.set
        let (coxTimes, cox) = try timedCPU(repetitions, "Cox") {
            try CoxRegression(time: mTime, status: mStatus, design: coxDesign, cluster: set, ties: .efron).fit()
        }
        let coxCPU = lastCPUTimes.min()
        guard let hr = try cox.hazardRatio("treated") else { throw BenchError("no hazard ratio") }
        print(String(format: "Cox on the matched set (%d rows, %d events, robust by pair, Efron): best %.3f s (runs %@), %d iterations; HR %.6f (%.4f-%.4f), log HR %.10f, robust SE %.8f, model SE %.8f",
                     k, cox.events, coxTimes.min() ?? .nan, runs(coxTimes), cox.regression.iterations, hr.hazardRatio,
                     hr.lower, hr.upper, cox.coefficients[0], hr.standardError, cox.standardErrors[0]))

        // MARK: outputs for the peers
        try BinaryIO.write(ps.logit, to: dir + "/ps_logit_signalstats.f64")
        let pairs = matched.pairs
        try BinaryIO.write(pairs.map { Double($0.treated) } + pairs.map { Double($0.comparator) }, to: dir + "/ps_pairs_signalstats.f64")
        try BinaryIO.write(subPS.logit, to: dir + "/ps_sublogit_signalstats.f64")
        let subPairs = subMatched.pairs
        try BinaryIO.write(subPairs.map { Double($0.treated) } + subPairs.map { Double($0.comparator) }, to: dir + "/ps_subpairs_signalstats.f64")
        let noCalPairs = subNoCal.pairs
        try BinaryIO.write(noCalPairs.map { Double($0.treated) } + noCalPairs.map { Double($0.comparator) }, to: dir + "/ps_subpairs_nocaliper_signalstats.f64")
        var lines = [
            "persons \(n)", "covariates \(q)", "treated \(nTreated)", "events \(nEvents)", "subset \(m)",
            "design_seconds \(f(designTimes.min()))", "fit_seconds \(f(fitTimes.min()))", "fit_runs \(fitTimes.map(f).joined(separator: ","))",
            "fit_iterations \(model.iterations)", "fit_cpu_seconds \(f(fitCPU))", "match_cpu_seconds \(f(matchCPU))",
            "balance_cpu_seconds \(f(balanceCPU))", "cox_cpu_seconds \(f(coxCPU))", "fit_loglik \(g(model.logLikelihood))",
            "match_seconds \(f(matchTimes.min()))", "match_runs \(matchTimes.map(f).joined(separator: ","))",
            "caliper \(g(matched.caliper ?? .nan))", "pairs \(matched.setCount)",
            "sub_match_seconds \(f(subTimes.min()))", "sub_caliper \(g(subMatched.caliper ?? .nan))", "sub_pairs \(subMatched.setCount)",
            "sub_nocaliper_seconds \(f(subNoCalTimes.min()))", "sub_nocaliper_pairs \(subNoCal.setCount)",
            "balance_seconds \(f(balanceTimes.min()))", "balance_runs \(balanceTimes.map(f).joined(separator: ","))",
            "max_smd_before \(g(balance.maxAbsSMDBefore))", "max_smd_after \(g(balance.maxAbsSMDAfter))",
            "cox_seconds \(f(coxTimes.min()))", "cox_runs \(coxTimes.map(f).joined(separator: ","))", "cox_rows \(k)",
            "cox_events \(cox.events)", "cox_iterations \(cox.regression.iterations)", "cox_coef \(g(cox.coefficients[0]))",
            "cox_robust_se \(g(hr.standardError))", "cox_se \(g(cox.standardErrors[0]))",
            "cox_loglik \(g(cox.logLikelihood))", "cox_clusters \(cox.clusterCount ?? 0)",
        ]
        for (j, b) in model.coefficients.enumerated() { lines.append("coef_\(j) \(g(b))") }
        for (j, r) in balance.rows.enumerated() { lines.append("smd_\(j + 1) \(g(r.smdBefore)) \(g(r.smdAfter))") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: out + "/ps-SignalStats.txt", atomically: true, encoding: .utf8)
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/ps_signalstats.txt", atomically: true, encoding: .utf8)
        print("wrote \(out)/ps-SignalStats.txt and the logit score and pairs in \(dir)")
    }

    private static func runs(_ t: [Double]) -> String { t.map { String(format: "%.3f", $0) }.joined(separator: " ") }
    private static func f(_ v: Double?) -> String { String(format: "%.6f", v ?? .nan) }
    private static func g(_ v: Double) -> String { String(format: "%.15g", v) }
}


/// CPU seconds of the process (all threads).
func cpuClock() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}

/// As ``timed(_:_:)``, also printing each run's wall and CPU time (CPU time is far less disturbed by other processes
/// on a shared machine).
func timedCPU<T>(_ repetitions: Int, _ label: String, _ body: () throws -> T) rethrows -> (times: [Double], result: T) {
    let r = try timedWallAndCPU(repetitions, label, body)
    return (r.times, r.result)
}

/// Wall and CPU seconds of each run, and the last result; the CPU times of the last call are kept in ``lastCPUTimes``.
nonisolated(unsafe) var lastCPUTimes: [Double] = []

func timedWallAndCPU<T>(_ repetitions: Int, _ label: String, _ body: () throws -> T) rethrows -> (times: [Double], result: T) {
    var c0 = cpuClock(), t0 = wallClock()
    var last = try body()
    var times = [wallClock() - t0], cpu = [cpuClock() - c0]
    for _ in 1..<max(repetitions, 1) {
        c0 = cpuClock()
        t0 = wallClock()
        last = try body()
        times.append(wallClock() - t0)
        cpu.append(cpuClock() - c0)
    }
    print("  \(label): wall " + times.map { String(format: "%.3f", $0) }.joined(separator: " ") + " s; CPU "
        + cpu.map { String(format: "%.3f", $0) }.joined(separator: " ") + " s")
    lastCPUTimes = cpu
    return (times, last)
}
