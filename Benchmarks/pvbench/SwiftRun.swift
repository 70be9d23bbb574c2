import Foundation
import SignalStats

/// `pvbench swift`: fits both benchmark models with SignalStats, times them, and measures the X'WX kernel
/// against the machine's dgemm peak and memory bandwidth.
enum SwiftRun {
    struct KernelReport: Codable {
        var rows: Int
        var cols: Int
        var kernelSeconds: Double
        var kernelRuns: [Double]
        var gflops: Double
        var gbPerSecond: Double
        var dgemmPeak1Thread: Double
        var dgemmPeak2Threads: Double
        var memcpyGBps: Double
        var read1ThreadGBps: Double
        var read2ThreadsGBps: Double
        var computeBoundSeconds: Double
        var memoryBoundSeconds: Double
        var boundSeconds: Double
        /// X'WX through OpenBLAS dsyrk alone at the kernel's chunk shape, 2 threads (see Hardware.syrkFloor).
        var syrkFloorSeconds: Double
        var conditionalPoissonEvaluateSeconds: Double
        var openblas: String
        var coretype: String?
        var threads: String?
    }

    static func run(data dir: String, results out: String, repetitions: Int, skipHardware: Bool) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let m = try Manifest.load(dir)
        print("OpenBLAS: \(BLAS.configuration)")

        // MARK: logistic
        let lg = m.logistic
        let x = try BinaryIO.read(dir + "/" + lg.x, count: lg.rows * lg.cols)
        let y = try BinaryIO.read(dir + "/" + lg.y, count: lg.rows)
        let names = lg.columnNames
        let (lgTimes, lgFit) = try timed(repetitions) { () throws -> RegressionResult in
            let design = try DesignMatrix(
                matrix: Matrix(rows: lg.rows, columns: lg.cols, columnMajor: x), columnNames: names, hasIntercept: true)
            return try LogisticRegression(response: y, design: design).fit()
        }
        // Setup alone (design validation + model checks), for the breakdown.
        let (setupTimes, _) = try timed(repetitions) { () throws -> Int in
            let design = try DesignMatrix(
                matrix: Matrix(rows: lg.rows, columns: lg.cols, columnMajor: x), columnNames: names, hasIntercept: true)
            return try LogisticRegression(response: y, design: design).partitions
        }
        let lgResult = TaskResult(
            task: "logistic", implementation: "SignalStats", seconds: lgTimes.min() ?? .nan, runs: lgTimes,
            iterations: lgFit.iterations, coefficients: lgFit.coefficients, logLikelihood: lgFit.logLikelihood,
            notes: String(format: "setup (DesignMatrix + LogisticRegression.init) best %.4f s of the total; %@",
                          setupTimes.min() ?? .nan, lgFit.convergence.description))
        try saveResult(lgResult, dir: out, file: "logistic-SignalStats")
        print(String(format: "logistic %d x %d: best %.4f s (runs %@), %d iterations, setup %.4f s, loglik %.12g",
                     lg.rows, lg.cols, lgResult.seconds, lgTimes.map { String(format: "%.4f", $0) }.joined(separator: " "),
                     lgFit.iterations, setupTimes.min() ?? .nan, lgFit.logLikelihood))

        // MARK: the X'WX kernel: one evaluate with derivatives at the estimate
        let matrix = try Matrix(rows: lg.rows, columns: lg.cols, columnMajor: x)
        let lik = GLMLikelihood(family: .binomialLogit, design: matrix, response: y, partitions: 2)
        let beta = lgFit.coefficients
        let (kTimes, kOut) = timed(5) { lik.evaluate(at: beta, derivatives: true) }
        let kernel = kTimes.min() ?? .nan
        let n = Double(lg.rows), p = Double(lg.cols)
        let flops = n * p * (p + 1)
        let bytes = n * p * 8
        print(String(format: "X'WX kernel (GLMLikelihood.evaluate, 2 partitions): best %.2f ms, %.1f GFLOP/s, %.1f GB/s (loglik %.12g)",
                     kernel * 1000, flops / kernel / 1e9, bytes / kernel / 1e9, kOut.logLikelihood))

        // MARK: conditional Poisson
        let cp = m.conditionalPoisson
        let cx = try BinaryIO.read(dir + "/" + cp.x, count: cp.rows * cp.cols)
        let cy = try BinaryIO.read(dir + "/" + cp.y, count: cp.rows)
        let clen = try BinaryIO.read(dir + "/" + cp.length, count: cp.rows)
        let cstr = try BinaryIO.read(dir + "/" + cp.stratum, count: cp.rows).map { Int($0) }
        let cnames = cp.columnNames
        let (cpTimes, cpFit) = try timed(repetitions) { () throws -> RegressionResult in
            let design = try DesignMatrix(
                matrix: Matrix(rows: cp.rows, columns: cp.cols, columnMajor: cx), columnNames: cnames, hasIntercept: false)
            return try ConditionalPoissonRegression(counts: cy, strata: cstr, exposureTime: clen, design: design).fit()
        }
        let (cpSetup, cpModel) = try timed(repetitions) { () throws -> ConditionalPoissonRegression in
            let design = try DesignMatrix(
                matrix: Matrix(rows: cp.rows, columns: cp.cols, columnMajor: cx), columnNames: cnames, hasIntercept: false)
            return try ConditionalPoissonRegression(counts: cy, strata: cstr, exposureTime: clen, design: design)
        }
        let cpResult = TaskResult(
            task: "conditional-poisson", implementation: "SignalStats", seconds: cpTimes.min() ?? .nan, runs: cpTimes,
            iterations: cpFit.iterations, coefficients: cpFit.coefficients, logLikelihood: cpFit.logLikelihood,
            notes: String(format: "setup (DesignMatrix + ConditionalPoissonRegression.init: grouping, log offset) best %.4f s of the total; %@",
                          cpSetup.min() ?? .nan, cpFit.convergence.description))
        try saveResult(cpResult, dir: out, file: "conditional-poisson-SignalStats")
        print(String(format: "conditional Poisson %d cases, %d rows x %d: best %.4f s (runs %@), %d iterations, setup %.4f s, loglik %.12g",
                     cp.cases, cp.rows, cp.cols, cpResult.seconds, cpTimes.map { String(format: "%.4f", $0) }.joined(separator: " "),
                     cpFit.iterations, cpSetup.min() ?? .nan, cpFit.logLikelihood))
        let cpLik = ConditionalPoissonLikelihood(
            design: cpModel.design.matrix, counts: cpModel.counts, offset: cpModel.offset,
            strataStarts: cpModel.strataStarts, partitions: 2)
        let cpBeta = cpFit.coefficients
        let (cpEval, _) = timed(5) { cpLik.evaluate(at: cpBeta, derivatives: true) }
        print(String(format: "conditional Poisson evaluate with derivatives (2 partitions): best %.2f ms", (cpEval.min() ?? .nan) * 1000))

        // MARK: the machine's limits
        var peak1 = Double.nan, peak2 = Double.nan, copy = Double.nan, read1 = Double.nan, read2 = Double.nan
        let syrkFloor = Hardware.syrkFloor(rows: lg.rows, p: lg.cols, chunk: GLMLikelihood.chunkRows, threads: 2, repetitions: 5)
        print(String(format: "dsyrk alone at the kernel's shape (%d x %d chunks, 2 threads x 1 BLAS thread): %.2f ms for %d rows",
                     GLMLikelihood.chunkRows, lg.cols, syrkFloor * 1000, lg.rows))
        if !skipHardware {
            peak2 = Hardware.dgemmPeak(n: 4000, threads: 2, repetitions: 3)
            peak1 = Hardware.dgemmPeak(n: 4000, threads: 1, repetitions: 3)
            copy = Hardware.memcpyBandwidth(bytes: 1 << 30, repetitions: 5)
            read1 = Hardware.readBandwidth(bytes: 1 << 30, threads: 1, repetitions: 5)
            read2 = Hardware.readBandwidth(bytes: 1 << 30, threads: 2, repetitions: 5)
            print(String(format: "dgemm 4000^3: %.1f GFLOP/s on 1 thread, %.1f on 2; memcpy 1 GiB: %.1f GB/s copied; read-sum 1 GiB: %.1f GB/s on 1 thread, %.1f on 2",
                         peak1, peak2, copy, read1, read2))
        }
        let computeBound = flops / (peak2 * 1e9)
        let memoryBound = bytes / (read2 * 1e9)
        let env = ProcessInfo.processInfo.environment
        let report = KernelReport(
            rows: lg.rows, cols: lg.cols, kernelSeconds: kernel, kernelRuns: kTimes, gflops: flops / kernel / 1e9,
            gbPerSecond: bytes / kernel / 1e9, dgemmPeak1Thread: peak1, dgemmPeak2Threads: peak2, memcpyGBps: copy,
            read1ThreadGBps: read1, read2ThreadsGBps: read2, computeBoundSeconds: computeBound,
            memoryBoundSeconds: memoryBound, boundSeconds: max(computeBound, memoryBound), syrkFloorSeconds: syrkFloor,
            conditionalPoissonEvaluateSeconds: cpEval.min() ?? .nan, openblas: BLAS.configuration,
            coretype: env["OPENBLAS_CORETYPE"], threads: env["OPENBLAS_NUM_THREADS"])
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try enc.encode(report).write(to: URL(fileURLWithPath: out + "/kernel.json"))
        print("wrote \(out)/logistic-SignalStats.json, conditional-poisson-SignalStats.json, kernel.json")
    }
}
