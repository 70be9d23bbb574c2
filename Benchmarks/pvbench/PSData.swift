import Foundation
import SampleData

/// The dense propensity-score benchmark data (issue 6 targets): persons with 100 covariates, a treatment that depends
/// on them, and a time to outcome, generated from one seed with ``Xoshiro256StarStar`` (identical on every machine).
///
/// - covariates 1–50: standard normal, AR(1)-correlated across columns (ρ = 0.5);
/// - covariates 51–100: 0/1, `P(x = 1)` from 0.05 to 0.5, each depending on one continuous covariate through a
///   logistic link (so the binary covariates are correlated with the continuous ones);
/// - treatment: `logit P(T = 1 | x) = −0.9 + x'γ`, `γ_j = 0.15 · ((7j mod 13) − 6)/6` (in [−0.15, 0.15]): about 35%
///   treated;
/// - outcome: exponential event time with hazard `λ₀ exp(0.3 T + x'δ)` per day, `λ₀ = 0.0004`, `δ_j` = 0.1 on the
///   first ten continuous and binary covariates (0 elsewhere); censoring uniform on 1–1000 days; times rounded up to
///   whole days (many ties, as day-level claims data have).
struct PSData {
    static let covariates = 100
    var persons: Int
    /// Column-major persons x covariates, no intercept column.
    var x: [Double]
    var treatment: [Double]
    var time: [Double]
    var status: [Double]
    var names: [String]

    static func generate(persons n: Int, seed: UInt64) -> PSData {
        let q = covariates, half = q / 2
        var gamma = [Double](repeating: 0, count: q)
        for j in 0..<q { gamma[j] = 0.15 * Double((7 * (j + 1)) % 13 - 6) / 6 }
        var delta = [Double](repeating: 0, count: q)
        for j in 0..<10 {
            delta[j] = 0.1
            delta[half + j] = 0.1
        }
        var rng = Xoshiro256StarStar(seed: seed)
        var x = [Double](repeating: 0, count: n * q)
        var treatment = [Double](repeating: 0, count: n)
        var time = [Double](repeating: 0, count: n)
        var status = [Double](repeating: 0, count: n)
        let rho = 0.5, s = (1 - rho * rho).squareRoot()
        var z = [Double](repeating: 0, count: half + 1)
        var row = [Double](repeating: 0, count: q)
        for i in 0..<n {
            var k = 0
            while k < half {
                let (a, b) = rng.nextNormalPair()
                z[k] = a
                z[k + 1] = b
                k += 2
            }
            var prev = z[0]
            row[0] = prev
            for j in 1..<half {
                prev = rho * prev + s * z[j]
                row[j] = prev
            }
            for j in 0..<half {
                let prevalence = 0.05 + 0.45 * Double(j) / Double(half - 1)
                let base = Foundation.log(prevalence / (1 - prevalence))
                let p = 1 / (1 + Foundation.exp(-(base + 0.5 * row[(j * 7) % half])))
                row[half + j] = rng.nextBernoulli(p: p) ? 1 : 0
            }
            var eta = -0.9, risk = 0.0
            for j in 0..<q {
                x[i + j * n] = row[j]
                eta += gamma[j] * row[j]
                risk += delta[j] * row[j]
            }
            let t = rng.nextBernoulli(p: 1 / (1 + Foundation.exp(-eta)))
            treatment[i] = t ? 1 : 0
            let rate = 0.0004 * Foundation.exp(0.3 * (t ? 1 : 0) + risk)
            let eventTime = -Foundation.log(1 - rng.nextUniform()) / rate
            let censor = 1 + 999 * rng.nextUniform()
            time[i] = min(eventTime, censor).rounded(.up)
            status[i] = eventTime <= censor ? 1 : 0
        }
        return PSData(
            persons: n, x: x, treatment: treatment, time: time, status: status, names: (1...q).map { "x\($0)" })
    }

    /// Writes `ps_X.f64` (column-major), `ps_treat.f64`, `ps_time.f64`, `ps_status.f64` and `ps_manifest.txt`.
    func write(to dir: String, seed: UInt64) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try BinaryIO.write(x, to: dir + "/ps_X.f64")
        try BinaryIO.write(treatment, to: dir + "/ps_treat.f64")
        try BinaryIO.write(time, to: dir + "/ps_time.f64")
        try BinaryIO.write(status, to: dir + "/ps_status.f64")
        try "persons \(persons)\ncovariates \(Self.covariates)\nseed \(seed)\n".write(
            toFile: dir + "/ps_manifest.txt", atomically: true, encoding: .utf8)
    }

    /// Reads the files of ``write(to:seed:)`` when they exist for `persons` and `seed`.
    static func read(from dir: String, persons n: Int, seed: UInt64) throws -> PSData? {
        guard let manifest = try? String(contentsOfFile: dir + "/ps_manifest.txt", encoding: .utf8),
            manifest == "persons \(n)\ncovariates \(covariates)\nseed \(seed)\n"
        else { return nil }
        let q = covariates
        return PSData(
            persons: n, x: try BinaryIO.read(dir + "/ps_X.f64", count: n * q),
            treatment: try BinaryIO.read(dir + "/ps_treat.f64", count: n),
            time: try BinaryIO.read(dir + "/ps_time.f64", count: n),
            status: try BinaryIO.read(dir + "/ps_status.f64", count: n), names: (1...q).map { "x\($0)" })
    }
}
