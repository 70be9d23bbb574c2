import Foundation
import SampleData

/// The benchmark data sets, generated from one seed with ``Xoshiro256StarStar`` (identical on every machine).
enum Generate {
    static let logisticRows = 1_000_000
    static let logisticCovariates = 49
    static let cases = 100_000

    /// Logistic: intercept plus 49 covariates, AR(1)-correlated across columns (ρ = 0.5, each standard
    /// normal), small true coefficients, y ~ Bernoulli(logistic(x'β)). Column-major.
    static func logistic(seed: UInt64, rows n: Int) -> (x: [Double], y: [Double], beta: [Double], names: [String]) {
        let q = logisticCovariates
        let p = q + 1
        var beta = [-1.0]
        for j in 1...q { beta.append(0.2 * Double((j * 37) % 11 - 5) / 5) }  // in [-0.2, 0.2]
        var rng = Xoshiro256StarStar(seed: seed)
        var x = [Double](repeating: 1, count: n * p)
        var y = [Double](repeating: 0, count: n)
        let rho = 0.5
        let s = (1 - rho * rho).squareRoot()
        var z = [Double](repeating: 0, count: q + 1)
        x.withUnsafeMutableBufferPointer { xp in
            for i in 0..<n {
                var k = 0
                while k < q {
                    let (a, b) = rng.nextNormalPair()
                    z[k] = a
                    z[k + 1] = b
                    k += 2
                }
                var prev = z[0]
                xp[i + n] = prev
                var eta = beta[0] + beta[1] * prev
                for j in 2...q {
                    prev = rho * prev + s * z[j - 1]
                    xp[i + j * n] = prev
                    eta += beta[j] * prev
                }
                y[i] = rng.nextBernoulli(p: 1 / (1 + Foundation.exp(-eta))) ? 1 : 0
            }
        }
        let names = ["(Intercept)"] + (1...q).map { "x\($0)" }
        return (x, y, beta, names)
    }

    /// Self-controlled case series data: each case has 3 to 5 intervals (mean 4) of constant covariates:
    /// one risk window after exposure (1–42 days), the rest 15–180 days; age group (4 levels, at most one
    /// step up during follow-up) and season (3 levels, cycling). Each case has one event (two with
    /// probability 0.15), each placed in interval j with probability ∝ length_j · exp(x_j'β).
    static func conditionalPoisson(seed: UInt64, cases: Int) -> (
        x: [Double], y: [Double], length: [Double], stratum: [Double], beta: [Double], names: [String], events: Int
    ) {
        let names = ["exposed", "age2", "age3", "age4", "season2", "season3"]
        let beta = [0.7, 0.1, 0.25, 0.4, -0.2, 0.3]
        var rng = Xoshiro256StarStar(seed: seed)
        var rowsX: [[Double]] = []  // per row, 6 covariates
        rowsX.reserveCapacity(cases * 4)
        var y: [Double] = [], length: [Double] = [], stratum: [Double] = []
        var events = 0
        for c in 0..<cases {
            let k = 3 + rng.nextInt(below: 3)
            let risk = rng.nextInt(below: k)
            let age0 = rng.nextInt(below: 4)
            let ageStep = rng.nextInt(below: k + 1)  // == k: no step
            let season0 = rng.nextInt(below: 3)
            var weights: [Double] = []
            let first = y.count
            for j in 0..<k {
                let exposed = j == risk
                let len = Double(exposed ? 1 + rng.nextInt(below: 42) : 15 + rng.nextInt(below: 166))
                let age = j >= ageStep ? min(age0 + 1, 3) : age0
                let season = (season0 + j) % 3
                let row: [Double] = [
                    exposed ? 1 : 0, age == 1 ? 1 : 0, age == 2 ? 1 : 0, age == 3 ? 1 : 0,
                    season == 1 ? 1 : 0, season == 2 ? 1 : 0,
                ]
                var eta = 0.0
                for (b, v) in zip(beta, row) { eta += b * v }
                weights.append(len * Foundation.exp(eta))
                rowsX.append(row)
                y.append(0)
                length.append(len)
                stratum.append(Double(c))
            }
            let total = weights.reduce(0, +)
            let nEvents = rng.nextBernoulli(p: 0.15) ? 2 : 1
            for _ in 0..<nEvents {
                let u = rng.nextUniform() * total
                var acc = 0.0
                var j = 0
                while j < k - 1 {
                    acc += weights[j]
                    if u < acc { break }
                    j += 1
                }
                y[first + j] += 1
                events += 1
            }
        }
        let n = rowsX.count
        var x = [Double](repeating: 0, count: n * names.count)
        for (i, r) in rowsX.enumerated() {
            for j in 0..<names.count { x[i + j * n] = r[j] }
        }
        return (x, y, length, stratum, beta, names, events)
    }

    static func run(out dir: String, seed: UInt64, logisticRows: Int, cases: Int) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let t0 = wallClock()
        let lg = logistic(seed: seed, rows: logisticRows)
        try BinaryIO.write(lg.x, to: dir + "/logistic_X.f64")
        try BinaryIO.write(lg.y, to: dir + "/logistic_y.f64")
        let t1 = wallClock()
        print(String(format: "logistic: %d x %d, %d events, %.1f s", logisticRows, lg.beta.count, Int(lg.y.reduce(0, +)), t1 - t0))
        let cp = conditionalPoisson(seed: seed &+ 1, cases: cases)
        try BinaryIO.write(cp.x, to: dir + "/cp_X.f64")
        try BinaryIO.write(cp.y, to: dir + "/cp_y.f64")
        try BinaryIO.write(cp.length, to: dir + "/cp_length.f64")
        try BinaryIO.write(cp.stratum, to: dir + "/cp_stratum.f64")
        print(String(format: "conditional Poisson: %d cases, %d intervals, %d events, %.1f s", cases, cp.y.count, cp.events, wallClock() - t1))
        let manifest = Manifest(
            seed: seed, format: "raw little-endian float64, matrices column-major",
            logistic: .init(
                rows: logisticRows, cols: lg.beta.count, x: "logistic_X.f64", y: "logistic_y.f64",
                columnNames: lg.names, trueCoefficients: lg.beta),
            conditionalPoisson: .init(
                rows: cp.y.count, cols: cp.names.count, cases: cases, events: cp.events, x: "cp_X.f64", y: "cp_y.f64",
                length: "cp_length.f64", stratum: "cp_stratum.f64", columnNames: cp.names, trueCoefficients: cp.beta))
        try manifest.save(dir)
        print("wrote \(dir)/manifest.json")
    }
}
