import Foundation

/// Unconstrained minimization by BFGS with central-difference gradients and a backtracking line search, for the few
/// parameters of the SCCS censoring models (R fits them with `nlm`).
struct QuasiNewtonMinimizer: Sendable {
    var maxIterations = 1000
    /// Stop when the largest gradient component is below this.
    var gradientTolerance = 1e-9

    struct Result: Sendable {
        var minimum: [Double]
        var value: Double
        var iterations: Int
        var converged: Bool
    }

    func gradient(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        var y = x
        for i in x.indices {
            let h = 1e-6 * max(1, abs(x[i]))
            y[i] = x[i] + h
            let up = f(y)
            y[i] = x[i] - h
            let down = f(y)
            y[i] = x[i]
            g[i] = (up - down) / (2 * h)
        }
        return g
    }

    func minimize(_ f: ([Double]) -> Double, start: [Double]) -> Result {
        let n = start.count
        var x = start
        var fx = f(x)
        var g = gradient(f, at: x)
        // Inverse Hessian approximation, row-major.
        var hInv = [Double](repeating: 0, count: n * n)
        for i in 0..<n { hInv[i * n + i] = 1 }
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            if (g.map { abs($0) }.max() ?? 0) < gradientTolerance {
                converged = true
                break
            }
            iterations += 1
            var d = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { d[i] -= hInv[i * n + j] * g[j] } }
            var slope = zip(d, g).reduce(0) { $0 + $1.0 * $1.1 }
            if !(slope < 0) {
                // Not a descent direction: restart from steepest descent.
                for i in 0..<(n * n) { hInv[i] = 0 }
                for i in 0..<n { hInv[i * n + i] = 1 }
                d = g.map { -$0 }
                slope = -g.reduce(0) { $0 + $1 * $1 }
            }
            var step = 1.0
            var xNew = x, fNew = fx
            var accepted = false
            for _ in 0..<60 {
                xNew = zip(x, d).map { $0 + step * $1 }
                fNew = f(xNew)
                if fNew.isFinite && fNew <= fx + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step /= 2
            }
            guard accepted else { break }
            let gNew = gradient(f, at: xNew)
            let s = zip(xNew, x).map { $0 - $1 }
            let y = zip(gNew, g).map { $0 - $1 }
            let sy = zip(s, y).reduce(0) { $0 + $1.0 * $1.1 }
            if sy > 1e-300 {
                var hy = [Double](repeating: 0, count: n)
                for i in 0..<n { for j in 0..<n { hy[i] += hInv[i * n + j] * y[j] } }
                let yhy = zip(y, hy).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<n {
                    for j in 0..<n {
                        hInv[i * n + j] += (sy + yhy) * s[i] * s[j] / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy
                    }
                }
            }
            let improvement = fx - fNew
            x = xNew
            fx = fNew
            g = gNew
            if improvement <= 1e-15 * max(abs(fx), 1) && (g.map { abs($0) }.max() ?? 0) < 1e-6 {
                converged = true
                break
            }
        }
        return Result(minimum: x, value: fx, iterations: iterations, converged: converged)
    }
}
