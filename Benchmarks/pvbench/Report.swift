import Foundation

/// `pvbench report`: the final table from the result files of pvbench and the peers.
enum Report {
    struct Target {
        let task: String
        let peerPrefix: String
        let minSpeedup: Double
        let maxRelativeCoefficientDifference: Double?
        let label: String
    }

    /// The targets of the Foundation issue (item 8).
    static let targets = [
        Target(task: "logistic", peerPrefix: "scikit-learn", minSpeedup: 3, maxRelativeCoefficientDifference: 1e-8,
               label: ">=3x faster, coefficients within 1e-8 relative"),
        Target(task: "conditional-poisson", peerPrefix: "R gnm", minSpeedup: 10, maxRelativeCoefficientDifference: nil,
               label: ">=10x faster"),
    ]

    static func loadResults(_ dir: String) throws -> [TaskResult] {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") && $0 != "kernel.json" }.sorted()
        var out: [TaskResult] = []
        let dec = JSONDecoder()
        dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        for f in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
            do { out.append(try dec.decode(TaskResult.self, from: data)) } catch {
                print("warning: \(f) is not a result file (\(error))")
            }
        }
        return out
    }

    /// Largest absolute coefficient difference, and that difference relative to the peer's largest |coefficient|
    /// (the infinity-norm relative difference).
    static func difference(_ a: [Double], _ b: [Double]) -> (absolute: Double, relative: Double)? {
        guard a.count == b.count, !a.isEmpty else { return nil }
        var d = 0.0
        for (u, v) in zip(a, b) { d = max(d, abs(u - v)) }
        let scale = b.map { abs($0) }.max() ?? 0
        return (d, scale > 0 ? d / scale : d)
    }

    static func run(results dir: String) throws {
        let results = try loadResults(dir)
        var lines: [String] = []
        let dataDir = URL(fileURLWithPath: dir).deletingLastPathComponent().path
        if let m = try? Manifest.load(dataDir) {
            lines.append("data: logistic \(m.logistic.rows) x \(m.logistic.cols); conditional Poisson \(m.conditionalPoisson.cases) cases, \(m.conditionalPoisson.rows) intervals x \(m.conditionalPoisson.cols) (\(dataDir))")
            if m.logistic.rows != Generate.logisticRows || m.conditionalPoisson.cases != Generate.cases {
                lines.append("note: the targets are set for 1,000,000 rows and 100,000 cases; PASS/MISS on other sizes is indicative only")
            }
        }
        func col(_ s: String, _ w: Int) -> String { s.count >= w ? s + " " : s + String(repeating: " ", count: w - s.count) }
        let header = col("task", 22) + col("SignalStats", 12) + col("iter", 5) + col("peer", 32) + col("peer time", 11)
            + col("iter", 5) + col("ratio", 8) + col("max|dcoef| (rel)", 22) + "target"
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count + 30))
        var verdicts: [String] = []
        for task in ["logistic", "conditional-poisson"] {
            guard let ours = results.first(where: { $0.task == task && $0.implementation == "SignalStats" }) else {
                lines.append(col(task, 22) + "no SignalStats result")
                continue
            }
            let peers = results.filter { $0.task == task && $0.implementation != "SignalStats" }
            if peers.isEmpty { lines.append(col(task, 22) + col(formatSeconds(ours.seconds), 12) + "no peer results") }
            for peer in peers {
                let ratio = peer.seconds / ours.seconds
                let diff = difference(ours.coefficients, peer.coefficients)
                let diffText = diff.map { String(format: "%.1e (%.1e)", $0.absolute, $0.relative) } ?? "n/a"
                var verdict = "(reference)"
                if let t = targets.first(where: { $0.task == task && peer.implementation.hasPrefix($0.peerPrefix) }) {
                    var ok = ratio >= t.minSpeedup
                    if let tol = t.maxRelativeCoefficientDifference { ok = ok && (diff.map { $0.relative <= tol } ?? false) }
                    verdict = (ok ? "PASS " : "MISS ") + t.label
                    verdicts.append("\(task) vs \(peer.implementation): " + verdict + String(format: " (ratio %.2fx)", ratio))
                }
                lines.append(
                    col(task, 22) + col(formatSeconds(ours.seconds), 12) + col(ours.iterations.map(String.init) ?? "-", 5)
                        + col(peer.implementation, 32) + col(formatSeconds(peer.seconds), 11)
                        + col(peer.iterations.map(String.init) ?? "-", 5) + col(String(format: "%.2fx", ratio), 8)
                        + col(diffText, 22) + verdict)
            }
        }
        for t in targets where !results.contains(where: { $0.task == t.task && $0.implementation.hasPrefix(t.peerPrefix) }) {
            verdicts.append("\(t.task) vs \(t.peerPrefix): NOT RUN (no peer result)")
        }
        let kernelPath = dir + "/kernel.json"
        if FileManager.default.fileExists(atPath: kernelPath) {
            let dec = JSONDecoder()
            dec.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let k = try dec.decode(SwiftRun.KernelReport.self, from: Data(contentsOf: URL(fileURLWithPath: kernelPath)))
            let ratio = k.kernelSeconds / k.boundSeconds
            let which = k.computeBoundSeconds >= k.memoryBoundSeconds ? "compute" : "memory"
            lines.append("")
            lines.append(String(
                format: "X'WX kernel %dx%d (one GLMLikelihood.evaluate with derivatives, best of 5): %.1f ms, %.1f GFLOP/s = %.0f%% of 2-thread dgemm peak %.1f (1-thread %.1f); %.1f GB/s = %.0f%% of 2-thread read bandwidth %.1f (1-thread %.1f, memcpy %.1f)",
                k.rows, k.cols, k.kernelSeconds * 1000, k.gflops, 100 * k.gflops / k.dgemmPeak2Threads, k.dgemmPeak2Threads,
                k.dgemmPeak1Thread, k.gbPerSecond, 100 * k.gbPerSecond / k.read2ThreadsGBps, k.read2ThreadsGBps,
                k.read1ThreadGBps, k.memcpyGBps))
            lines.append(String(
                format: "  bound = max(compute %.1f ms, memory %.1f ms) = %.1f ms (%@-bound); kernel/bound = %.2fx",
                k.computeBoundSeconds * 1000, k.memoryBoundSeconds * 1000, k.boundSeconds * 1000, which, ratio))
            lines.append(String(
                format: "  OpenBLAS dsyrk alone at the kernel's chunk shape (2 threads): %.1f ms = %.2fx the bound; kernel/dsyrk-alone = %.2fx",
                k.syrkFloorSeconds * 1000, k.syrkFloorSeconds / k.boundSeconds, k.kernelSeconds / k.syrkFloorSeconds))
            lines.append(String(format: "  conditional Poisson evaluate with derivatives: %.1f ms", k.conditionalPoissonEvaluateSeconds * 1000))
            verdicts.append(String(format: "X'WX kernel within 2x of its bound: %@ (%.2fx)", ratio <= 2 ? "PASS" : "MISS", ratio))
            lines.append("  OpenBLAS: \(k.openblas); OPENBLAS_CORETYPE=\(k.coretype ?? "unset") OPENBLAS_NUM_THREADS=\(k.threads ?? "unset")")
        }
        lines.append("")
        lines.append("Targets:")
        for v in verdicts { lines.append("  " + v) }
        let text = lines.joined(separator: "\n") + "\n"
        print(text, terminator: "")
        try text.write(toFile: dir + "/summary.txt", atomically: true, encoding: .utf8)
    }
}
