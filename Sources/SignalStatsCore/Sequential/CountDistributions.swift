import RealModule

/// Probability mass and upper tails of the count increments the MaxSPRT recursions need.
enum CountDistributions {
    /// pmf[m] = P(N = m) for N ~ Poisson(λ), m = 0…limit (or to the point past the mode where the mass
    /// falls below 1e-32, beyond which the recursions' state transitions are dropped: an error below 1e-31 in
    /// any probability), and tail[j] = P(N ≥ j) for j = 0…limit + 1 (suffix sums of the mass plus the exact
    /// survival function beyond the last term; tails beyond it are below 1e-31 and set to 0).
    static func poisson(mean lambda: Double, limit: Int) -> (pmf: [Double], tail: [Double]) {
        let n = max(limit, 0)
        var pmf: [Double] = []
        if lambda == 0 {
            pmf = [1]
        } else {
            let logLambda = Double.log(lambda)
            for m in 0...n {
                let p = Double.exp(Double(m) * logLambda - lambda - Double.logGamma(Double(m) + 1))
                pmf.append(p)
                if Double(m) > lambda && p < 1e-32 { break }
            }
        }
        let top = pmf.count
        var tail = [Double](repeating: 0, count: n + 2)
        var above = lambda == 0 ? 0 : ((try? PoissonDistribution.survival(top - 1, mean: lambda)) ?? 0)
        if top <= n + 1 { tail[top] = above }
        for j in stride(from: top - 1, through: 0, by: -1) {
            above += pmf[j]
            tail[j] = min(above, 1)
        }
        return (pmf, tail)
    }

    /// pmf[m] = P(X = m) and tail[j] = P(X ≥ j) for X ~ Binomial(n, p), all m and j = 0…n + 1.
    static func binomial(trials n: Int, probability p: Double) -> (pmf: [Double], tail: [Double]) {
        var pmf = [Double](repeating: 0, count: n + 1)
        if p <= 0 {
            pmf[0] = 1
        } else if p >= 1 {
            pmf[n] = 1
        } else {
            let lp = Double.log(p)
            let lq = Double.log(onePlus: -p)
            let lgn = Double.logGamma(Double(n) + 1)
            for m in 0...n {
                let lc = lgn - Double.logGamma(Double(m) + 1) - Double.logGamma(Double(n - m) + 1)
                pmf[m] = Double.exp(lc + Double(m) * lp + Double(n - m) * lq)
            }
        }
        var tail = [Double](repeating: 0, count: n + 2)
        var above = 0.0
        for j in stride(from: n, through: 0, by: -1) {
            above += pmf[j]
            tail[j] = min(above, 1)
        }
        return (pmf, tail)
    }
}
