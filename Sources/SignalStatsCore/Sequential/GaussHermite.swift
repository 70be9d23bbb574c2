import RealModule

/// Gauss–Hermite quadrature for expectations over a normal distribution:
/// E[g(X)], X ~ N(μ, σ²), ≈ π^{−1/2} Σ w_i g(μ + √2·σ·t_i) with the nodes t_i and weights w_i of the weight e^{−t²}.
/// Nodes by Newton iteration on the orthonormal Hermite recurrence (Press et al., Numerical Recipes, 3rd ed.,
/// section 4.6, `gauher`).
struct GaussHermite {
    let nodes: [Double]
    let weights: [Double]

    init(count n: Int) {
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        let piQuarter = 0.7511255444649425  // π^{−1/4}
        let m = (n + 1) / 2
        var z = 0.0
        for i in 0..<m {
            switch i {
            case 0: z = (2 * Double(n) + 1).squareRoot() - 1.85575 * Double.pow(2 * Double(n) + 1, -0.16667)
            case 1: z -= 1.14 * Double.pow(Double(n), 0.426) / z
            case 2: z = 1.86 * z - 0.86 * x[0]
            case 3: z = 1.91 * z - 0.91 * x[1]
            default: z = 2 * z - x[i - 2]
            }
            var pp = 0.0
            for _ in 0..<100 {
                var p1 = piQuarter
                var p2 = 0.0
                for j in 1...n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * (2 / Double(j)).squareRoot() * p2 - (Double(j - 1) / Double(j)).squareRoot() * p3
                }
                pp = (2 * Double(n)).squareRoot() * p2
                let z1 = z
                z = z1 - p1 / pp
                if abs(z - z1) <= 1e-15 * max(1, abs(z)) { break }
            }
            x[i] = z
            x[n - 1 - i] = -z
            w[i] = 2 / (pp * pp)
            w[n - 1 - i] = w[i]
        }
        nodes = x
        weights = w
    }

    /// E[g(X)] for X ~ N(mean, sd²).
    func expectation(mean: Double, sd: Double, _ g: (Double) -> Double) -> Double {
        guard sd > 0 else { return g(mean) }
        var total = 0.0
        for i in nodes.indices {
            total += weights[i] * g(mean + 2.0.squareRoot() * sd * nodes[i])
        }
        return total / Double.pi.squareRoot()
    }
}
