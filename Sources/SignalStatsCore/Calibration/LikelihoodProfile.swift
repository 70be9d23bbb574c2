import RealModule

/// A control's log-likelihood profile over a grid of log effects: the likelihood of a design (SCCS,
/// Cox, SSA) as a function of its log effect, kept when the likelihood is far from normal (few events,
/// an estimate at a boundary). EmpiricalCalibration 3.1.4 calls this a "grid" likelihood approximation.
///
/// Between grid points the log-likelihood is linear; below the first point it continues with the first
/// segment's slope if that slope is positive (else flat), above the last with the last slope if negative
/// (else flat), as the package's `gridLlApproximation` extrapolates.
public struct LikelihoodProfile: Codable, Sendable, Equatable {
    /// The grid of log effects, strictly increasing.
    public var points: [Double]
    /// The log-likelihood at each point (any additive constant).
    public var values: [Double]

    /// A profile.
    ///
    /// - Throws: ``CalibrationError/invalidProfile(index:reason:)`` (with index 0; the fitting functions
    ///   report the profile's position) for fewer than two points, unequal lengths, grid points that are not
    ///   finite and strictly increasing, or a value that is NaN or +∞ (−∞ is allowed: an impossible effect).
    public init(points: [Double], values: [Double]) throws(CalibrationError) {
        self.points = points
        self.values = values
        if let reason = problem { throw .invalidProfile(index: 0, reason: reason) }
    }

    /// What is wrong with the profile, or nil.
    var problem: String? {
        guard points.count == values.count else {
            return "\(points.count) grid points but \(values.count) values"
        }
        guard points.count >= 2 else { return "needs at least two grid points" }
        for i in points.indices {
            guard points[i].isFinite else { return "grid point \(i) is \(points[i])" }
            if i > 0 && !(points[i] > points[i - 1]) {
                return "grid points must increase strictly (point \(i) = \(points[i]) after \(points[i - 1]))"
            }
            guard !values[i].isNaN, values[i] != .infinity else { return "value \(i) is \(values[i])" }
        }
        guard values.contains(where: { $0.isFinite }) else { return "no finite value" }
        return nil
    }

    /// The interpolated log-likelihood at `x`, relative to the profile's maximum.
    public func logLikelihood(at x: Double) -> Double {
        let shift = values.max() ?? 0
        let n = points.count
        if x < points[0] {
            let slope = max(0, (values[1] - values[0]) / (points[1] - points[0]))
            return values[0] - shift + (x - points[0]) * (slope.isNaN ? 0 : slope)
        }
        if x >= points[n - 1] {
            let slope = min(0, (values[n - 1] - values[n - 2]) / (points[n - 1] - points[n - 2]))
            return values[n - 1] - shift + (x - points[n - 1]) * (slope.isNaN ? 0 : slope)
        }
        var lo = 0
        var hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if points[mid] <= x { lo = mid } else { hi = mid }
        }
        let w = (x - points[lo]) / (points[hi] - points[lo])
        if values[lo] == -.infinity || values[hi] == -.infinity { return w == 0 ? values[lo] - shift : -.infinity }
        return values[lo] - shift + w * (values[hi] - values[lo])
    }

    /// log ∫ φ((x − μ)/σ)/σ · exp(ℓ(x)) dx with ℓ the interpolated log-likelihood (relative to its maximum),
    /// integrated exactly, segment by segment: on a segment [a, b] where ℓ(x) = c + β(x − a),
    /// the integral is exp(c + β(μ − a) + β²σ²/2)·[Φ((b − μ)/σ − βσ) − Φ((a − μ)/σ − βσ)].
    func logMarginal(mean mu: Double, sd sigma: Double) -> Double {
        guard sigma > 0 else { return logLikelihood(at: mu) }
        let shift = values.max() ?? 0
        let n = points.count
        var terms: [Double] = []
        terms.reserveCapacity(n + 1)
        func segment(_ a: Double, _ b: Double, anchor: Double, value c: Double, slope beta: Double) {
            guard c > -.infinity else { return }
            let lo = (a - mu) / sigma - beta * sigma
            let hi = (b - mu) / sigma - beta * sigma
            let mass = LogNormalMass.between(lo, hi)
            guard mass > -.infinity else { return }
            terms.append(c + beta * (mu - anchor) + 0.5 * beta * beta * sigma * sigma + mass)
        }
        let first = max(0, (values[1] - values[0]) / (points[1] - points[0]))
        segment(-.infinity, points[0], anchor: points[0], value: values[0] - shift, slope: first.isNaN ? 0 : first)
        for i in 0..<(n - 1) {
            let a = values[i]
            let b = values[i + 1]
            if a == -.infinity || b == -.infinity { continue }
            segment(points[i], points[i + 1], anchor: points[i], value: a - shift,
                    slope: (b - a) / (points[i + 1] - points[i]))
        }
        let last = min(0, (values[n - 1] - values[n - 2]) / (points[n - 1] - points[n - 2]))
        segment(points[n - 1], .infinity, anchor: points[n - 1], value: values[n - 1] - shift,
                slope: last.isNaN ? 0 : last)
        guard let top = terms.max(), top > -.infinity else { return -.infinity }
        var sum = 0.0
        for t in terms { sum += Double.exp(t - top) }
        return top + Double.log(sum)
    }
}

/// log(Φ(u) − Φ(l)) for l ≤ u, accurate in both tails (log Φ of arguments below −37 by its asymptotic series).
enum LogNormalMass {
    static func logCDF(_ t: Double) -> Double {
        if t == -.infinity { return -.infinity }
        if t > -37 { return Double.log(Normal.cdf(t)) }
        // log Φ(t) = log φ(t) − log(−t) + log(1 − 1/t² + 3/t⁴ − 15/t⁶ + 105/t⁸), t → −∞.
        let r = 1 / (t * t)
        let series = 1 - r * (1 - 3 * r * (1 - 5 * r * (1 - 7 * r)))
        return -0.5 * t * t - 0.9189385332046728 - Double.log(-t) + Double.log(series)
    }

    static func between(_ l: Double, _ u: Double) -> Double {
        guard u > l else { return -.infinity }
        if u <= -5 {
            let a = logCDF(u)
            let b = logCDF(l)
            return a + Double.log(-Double.expMinusOne(b - a))
        }
        if l >= 5 {
            let a = logCDF(-l)
            let b = logCDF(-u)
            return a + Double.log(-Double.expMinusOne(b - a))
        }
        return Double.log(Normal.cdf(u) - Normal.cdf(l))
    }
}

extension EmpiricalNull {
    /// Fits the empirical null from controls' likelihood profiles instead of normal approximations
    /// (EmpiricalCalibration 3.1.4 `fitNullNonNormalLl` with grid approximations): maximises
    /// Σ_i log ∫ φ(θ; mean, sd) L_i(θ) dθ over (mean, sd), where L_i is control i's profile likelihood
    /// normalised to a maximum of 1.
    ///
    /// The package integrates numerically (`integrate` over mean ± 10 sd) and optimises with Nelder–Mead
    /// from (0, precision 1); here each integral is exact (closed form per linear segment) and the
    /// optimiser is a restarted Nelder–Mead on (mean, sd).
    ///
    /// - Parameter minimumControls: Fewer profiles than this give ``CalibrationOutcome/notComputed(_:)``.
    /// - Throws: ``CalibrationError/invalidProfile(index:reason:)`` naming the first malformed profile.
    public static func fit(
        profiles: [LikelihoodProfile], minimumControls: Int = defaultMinimumControls
    ) throws(CalibrationError) -> CalibrationOutcome<EmpiricalNull> {
        for (i, p) in profiles.enumerated() {
            if let reason = p.problem { throw .invalidProfile(index: i, reason: reason) }
        }
        let required = max(minimumControls, 2)
        guard profiles.count >= required else {
            return .notComputed(.tooFewControls(usable: profiles.count, required: required, excluded: 0))
        }
        func logLikelihood(_ mean: Double, _ sd: Double) -> Double {
            var total = 0.0
            for p in profiles { total += p.logMarginal(mean: mean, sd: sd) }
            return total
        }
        // Start from the normal null of the profiles' modes.
        let modes = profiles.map { p -> Double in
            let k = p.values.indices.max { p.values[$0] < p.values[$1] } ?? 0
            return p.points[k]
        }
        let centre = modes.reduce(0, +) / Double(modes.count)
        let spread = (modes.map { ($0 - centre) * ($0 - centre) }.reduce(0, +) / Double(modes.count)).squareRoot()
        let fit = NelderMead.minimise(start: [centre, max(spread, 0.1)], steps: [0.1, 0.1]) { p in
            -logLikelihood(p[0], abs(p[1]))
        }
        let mean = fit.point[0]
        let sd = abs(fit.point[1])
        let ll = logLikelihood(mean, sd)
        guard ll.isFinite else { return .notComputed(.likelihoodNotFinite) }
        return .computed(
            EmpiricalNull(mean: mean, sd: sd, controlCount: profiles.count, excludedCount: 0, logLikelihood: ll))
    }
}
