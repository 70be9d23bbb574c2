import RealModule

/// The log-likelihood of the normal empirical null, Σ log φ(x_i; μ, √(σ² + s_i²)), and its exact maximum.
///
/// For fixed σ the maximising μ is the weighted mean with weights 1/(σ² + s_i²), so the maximum is found on
/// the profile log-likelihood of σ alone: a scan over σ ∈ {0} ∪ a log-spaced grid brackets the best σ, and
/// bisection on the profile's derivative (by the envelope theorem
/// d/dσ = σ·Σ[(x_i − μ̂)²/v_i² − 1/v_i], v_i = σ² + s_i²) locates it to rounding error.
struct NormalNullLikelihood {
    let x: [Double]
    let s2: [Double]

    init(logRr: [Double], seLogRr: [Double]) {
        x = logRr
        s2 = seLogRr.map { $0 * $0 }
    }

    static let logSqrt2Pi = 0.9189385332046728

    func logLikelihood(mean: Double, sd: Double) -> Double {
        var total = 0.0
        for i in x.indices {
            let v = sd * sd + s2[i]
            let d = x[i] - mean
            total -= Self.logSqrt2Pi + 0.5 * Double.log(v) + 0.5 * d * d / v
        }
        return total
    }

    /// The weighted mean for a given σ.
    func profileMean(sd: Double) -> Double {
        var sw = 0.0
        var swx = 0.0
        for i in x.indices {
            let w = 1 / (sd * sd + s2[i])
            sw += w
            swx += w * x[i]
        }
        return swx / sw
    }

    func profile(sd: Double) -> Double { logLikelihood(mean: profileMean(sd: sd), sd: sd) }

    /// The profile derivative divided by σ: Σ[(x_i − μ̂)²/v_i² − 1/v_i].
    func profileSlope(sd: Double) -> Double {
        let m = profileMean(sd: sd)
        var g = 0.0
        for i in x.indices {
            let v = sd * sd + s2[i]
            let d = x[i] - m
            g += d * d / (v * v) - 1 / v
        }
        return g
    }

    func maximise() -> (mean: Double, sd: Double, logLikelihood: Double) {
        // Grid: σ = 0 and 400 log-spaced values spanning the data's scale.
        let spread = (x.max() ?? 0) - (x.min() ?? 0)
        let top = max(10 * spread, 10 * (s2.max() ?? 1).squareRoot(), 1)
        var grid: [Double] = [0]
        let count = 400
        let low = top * 1e-8
        for k in 0...count {
            grid.append(low * Double.pow(top / low, Double(k) / Double(count)))
        }
        var best = 0
        var bestValue = -Double.infinity
        for (k, sd) in grid.enumerated() {
            let v = profile(sd: sd)
            if v > bestValue {
                bestValue = v
                best = k
            }
        }
        var sd = grid[best]
        if best > 0 {
            var lo = grid[best - 1]
            var hi = grid[min(best + 1, grid.count - 1)]
            if profileSlope(sd: lo) > 0 && profileSlope(sd: hi) < 0 {
                for _ in 0..<200 {
                    let mid = 0.5 * (lo + hi)
                    if mid <= lo || mid >= hi { break }
                    if profileSlope(sd: mid) > 0 { lo = mid } else { hi = mid }
                }
                sd = 0.5 * (lo + hi)
            } else {
                sd = GoldenSection.maximise(lo, hi) { profile(sd: $0) }
            }
        }
        let mean = profileMean(sd: sd)
        return (mean, sd, logLikelihood(mean: mean, sd: sd))
    }
}

/// Golden-section search for the maximum of a unimodal function on [a, b].
enum GoldenSection {
    static func maximise(_ a: Double, _ b: Double, iterations: Int = 200, _ f: (Double) -> Double) -> Double {
        let r = (5.0.squareRoot() - 1) / 2
        var lo = a
        var hi = b
        var x1 = hi - r * (hi - lo)
        var x2 = lo + r * (hi - lo)
        var f1 = f(x1)
        var f2 = f(x2)
        for _ in 0..<iterations {
            if hi - lo <= 1e-15 * max(abs(lo), abs(hi), 1e-300) { break }
            if f1 < f2 {
                lo = x1
                x1 = x2
                f1 = f2
                x2 = lo + r * (hi - lo)
                f2 = f(x2)
            } else {
                hi = x2
                x2 = x1
                f2 = f1
                x1 = hi - r * (hi - lo)
                f1 = f(x1)
            }
        }
        return f1 >= f2 ? x1 : x2
    }
}
