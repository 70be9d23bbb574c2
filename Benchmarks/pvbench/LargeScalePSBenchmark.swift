import Foundation
import SampleData
import SignalStats

/// `pvbench lsps-generate` and `pvbench lsps`: the large-scale propensity model of issue 6, L1-penalized logistic
/// regression on 1,000,000 persons × 10,000 sparse 0/1 covariates (about 50 per person), against scikit-learn
/// (`Benchmarks/peers/sklearn_lsps.py`) on the same files.
///
/// Data: covariate `j` is drawn with weight ∝ 1/(j + 20) (prevalences from about 40% down to 0.08%), 25–75 draws
/// per person (duplicates merged); every 20th covariate has a true log odds ratio of ±0.2 to ±0.6; treatment is
/// Bernoulli(logistic(−1 + Σ xβ)). Files: `lsps_indptr.i64` (row offsets, little-endian int64), `lsps_indices.i32`
/// (0-based columns, int32), `lsps_y.f64` (0/1), `lsps_manifest.json`.
enum LargeScalePSBenchmark {
    struct Manifest: Codable {
        var rows: Int
        var columns: Int
        var entries: Int
        var seed: UInt64
        var treated: Int
    }

    struct Result: Codable {
        var implementation: String
        var rows: Int
        var columns: Int
        var entries: Int
        var l1: Double
        var glmnetLambda: Double
        var sklearnC: Double
        var seconds: Double
        var runs: [Double]
        var cpuSecondsPerFit: Double
        var designSeconds: Double
        var setupSeconds: Double
        var peakResidentMB: Double
        var iterations: String
        var sweeps: Int
        var gradientPasses: Int
        var nonZero: Int
        var objective: Double
        var intercept: Double
        var coefficients: [Double]
    }

    static func generate(out: String, persons n: Int, covariates p: Int, seed: UInt64) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var rng = Xoshiro256StarStar(seed: seed)
        var cumulative = [Double](repeating: 0, count: p)
        var s = 0.0
        for j in 0..<p {
            s += 1 / Double(j + 20)
            cumulative[j] = s
        }
        var beta = [Double](repeating: 0, count: p)
        for j in stride(from: 0, to: p, by: 20) {
            beta[j] = (j / 20 % 2 == 0 ? 1 : -1) * (0.2 + 0.4 * rng.nextUniform())
        }
        var indptr = [Int64](repeating: 0, count: n + 1)
        var indices: [Int32] = []
        indices.reserveCapacity(n * 50)
        var y = [Double](repeating: 0, count: n)
        var row: [Int32] = []
        var treated = 0
        for i in 0..<n {
            row.removeAll(keepingCapacity: true)
            let k = 25 + rng.nextInt(below: 51)
            for _ in 0..<k {
                let u = rng.nextUniform() * s
                var lo = 0, hi = p - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
                }
                row.append(Int32(lo))
            }
            row.sort()
            var eta = -1.0
            var last: Int32 = -1
            for c in row where c != last {
                indices.append(c)
                eta += beta[Int(c)]
                last = c
            }
            indptr[i + 1] = Int64(indices.count)
            if rng.nextUniform() < 1 / (1 + Foundation.exp(-eta)) {
                y[i] = 1
                treated += 1
            }
        }
        try writeRaw(indptr, to: out + "/lsps_indptr.i64")
        try writeRaw(indices, to: out + "/lsps_indices.i32")
        try BinaryIO.write(y, to: out + "/lsps_y.f64")
        let m = Manifest(rows: n, columns: p, entries: indices.count, seed: seed, treated: treated)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(m).write(to: URL(fileURLWithPath: out + "/lsps_manifest.json"))
        print(String(format: "lsps data: %d persons x %d covariates, %d entries (%.1f per person), %d treated (%.1f%%) -> %@",
                     n, p, indices.count, Double(indices.count) / Double(n), treated, 100 * Double(treated) / Double(n), out))
    }

    static func run(data: String, results: String, l1: Double, repetitions: Int, tolerance: Double) throws {
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        let m = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: data + "/lsps_manifest.json")))
        let indptr: [Int64] = try readRaw(data + "/lsps_indptr.i64", count: m.rows + 1)
        let indices: [Int32] = try readRaw(data + "/lsps_indices.i32", count: m.entries)
        let y = try BinaryIO.read(data + "/lsps_y.f64", count: m.rows)
        let offsets = indptr.map { Int($0) }
        let names = (0..<m.columns).map { "c\($0)" }
        let t0 = wallClock()
        let design = try SparseDesign(rows: m.rows, columns: m.columns, rowOffsets: offsets, columnIndices: indices, names: names)
        let designSeconds = wallClock() - t0
        let t1 = wallClock()
        let model = try RegularizedLogisticRegression(response: y, design: design)
        let setupSeconds = wallClock() - t1
        let options = CoordinateDescentOptions(tolerance: tolerance)
        let c0 = cpuSeconds()
        let (times, fit) = try timed(repetitions) { try model.fit(penalty: .lasso(l1), options: options) }
        let cpuPerFit = (cpuSeconds() - c0) / Double(max(repetitions, 1))
        let peak = peakResidentMB()
        let n = Double(m.rows)
        print(String(format: "lsps %d x %d (%d entries), L1 %g (glmnet lambda %.3g, scikit-learn C %.3g), tolerance %g",
                     m.rows, m.columns, m.entries, l1, l1 / n, 1 / l1, tolerance))
        print("  design (CSR checks + CSC build): \(formatSeconds(designSeconds)); model set-up (degenerate-column scan): \(formatSeconds(setupSeconds))")
        print("  fit (best of \(repetitions)): \(formatSeconds(times.min() ?? .nan)) (runs \(times.map { formatSeconds($0) }.joined(separator: ", "))); "
            + "\(fit.convergence.description), \(fit.sweeps) active-set sweeps, \(fit.gradientPasses) full-gradient passes; "
            + String(format: "CPU time %.3f s per fit (user + system, both threads)", cpuPerFit))
        print(String(format: "  non-zero coefficients: %d; objective %.6f; intercept %.6f; peak resident memory %.0f MB (VmHWM, whole process)",
                     fit.nonZero, fit.objective, fit.intercept, peak))
        for d in fit.diagnostics { print("  note: \(d)") }
        let r = Result(
            implementation: "SignalStats", rows: m.rows, columns: m.columns, entries: m.entries, l1: l1, glmnetLambda: l1 / n,
            sklearnC: 1 / l1, seconds: times.min() ?? .nan, runs: times, cpuSecondsPerFit: cpuPerFit, designSeconds: designSeconds, setupSeconds: setupSeconds,
            peakResidentMB: peak, iterations: fit.convergence.description, sweeps: fit.sweeps, gradientPasses: fit.gradientPasses,
            nonZero: fit.nonZero, objective: fit.objective, intercept: fit.intercept, coefficients: fit.coefficients)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        try enc.encode(r).write(to: URL(fileURLWithPath: results + "/lsps-SignalStats.json"))
    }

    /// User + system CPU seconds of this process so far (all threads).
    static func cpuSeconds() -> Double {
        var u = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
    }

    /// VmHWM of this process (peak resident set), MB.
    static func peakResidentMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? .nan
            return kb / 1024
        }
        return .nan
    }

    static func writeRaw<T>(_ values: [T], to path: String) throws {
        guard let f = fopen(path, "wb") else { throw BenchError("cannot open \(path) for writing") }
        defer { fclose(f) }
        let written = values.withUnsafeBufferPointer { fwrite($0.baseAddress, MemoryLayout<T>.stride, $0.count, f) }
        guard written == values.count else { throw BenchError("short write to \(path)") }
    }

    static func readRaw<T: FixedWidthInteger>(_ path: String, count: Int) throws -> [T] {
        guard let f = fopen(path, "rb") else { throw BenchError("cannot open \(path)") }
        defer { fclose(f) }
        var got = 0
        let values = [T](unsafeUninitializedCapacity: count) { buf, initialized in
            got = fread(buf.baseAddress, MemoryLayout<T>.stride, count, f)
            initialized = got
        }
        guard got == count else { throw BenchError("\(path): expected \(count) values, read \(got)") }
        return values.map { T(littleEndian: $0) }
    }
}
