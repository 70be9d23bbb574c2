import RealModule

/// Critical values adjusted for systematic error (OHDSI's calibrated MaxSPRT, EmpiricalCalibration 3.1.4
/// `computeCvPoisson`/`computeCvBinomial` with `nullMean`, `nullSd`), computed deterministically.
///
/// Under the empirical null the true relative risk of a negative control is exp(e), e ~ N(mean, sd²): its events
/// arrive at exp(e) times the expected rate (Poisson) or are exposed with probability exp(e)/(exp(e) + z)
/// (binomial). The calibrated Type I error is the test's power at relative risk exp(e), averaged over e
/// (64-point Gauss–Hermite quadrature); the package estimates the same quantity by simulation.
extension MaxSPRT.Poisson {
    /// The Type I error at `criticalValue` when the null hypothesis carries the systematic error `null`.
    public func typeIError(criticalValue cv: Double, null: EmpiricalNull) throws(MaxSPRTError) -> Double {
        try validateNull(null)
        _ = try performance(criticalValue: cv, relativeRisk: 1)
        return calibratedError(cv: cv, null: null)
    }

    func calibratedError(cv: Double, null: EmpiricalNull) -> Double {
        sharedQuadrature.expectation(mean: null.mean, sd: null.sd) { e in
            let rr = Double.exp(e)
            return groupSizes == nil ? continuous(cv: cv, rr: rr).power : grouped(cv: cv, rr: rr).power
        }
    }

    /// The critical value whose Type I error under the empirical null `null` is `alpha` (continuous test, by
    /// bisection), or the smallest attainable LLR whose calibrated Type I error is at most `alpha` (group test).
    ///
    /// - Throws: ``MaxSPRTError/noSolution(_:)`` when no critical value attains it (a strongly biased null can
    ///   push the error above alpha for every critical value reachable within the surveillance).
    public func criticalValue(alpha: Double, null: EmpiricalNull) throws(MaxSPRTError) -> SequentialCriticalValue {
        try validate()
        try validateNull(null)
        guard alpha > 0, alpha < 1 else { throw .invalidArgument(name: "alpha", value: alpha, reason: "must lie in (0, 1)") }
        if groupSizes != nil {
            var candidates: Set<Double> = []
            for mu in looks {
                var c = max(minimumEvents, Int(mu.rounded(.down)) + 1)
                let reach = mu * Double.exp(null.mean + 8 * null.sd)
                guard reach <= 1e6 else {
                    throw .invalidArgument(
                        name: "null.sd", value: null.sd,
                        reason: "the null's upper tail reaches \(reach) expected events at a look; too wide for exact group critical values")
                }
                while true {
                    candidates.insert(MaxSPRT.poissonLLR(observed: Double(c), expected: mu))
                    let tail = (try? PoissonDistribution.survival(c - 1, mean: reach)) ?? 0
                    if tail < 1e-20 { break }
                    c += 1
                }
            }
            let sorted = candidates.filter { $0 > 0 && $0.isFinite }.sorted()
            return try smallestCriticalValue(sorted, alpha: alpha) { calibratedError(cv: $0, null: null) }
        }
        var lo = 1e-9
        var hi = 1.0
        guard calibratedError(cv: lo, null: null) > alpha else {
            throw .noSolution("the calibrated Type I error is below \(alpha) even at a critical value near 0")
        }
        while calibratedError(cv: hi, null: null) > alpha {
            lo = hi
            hi *= 2
            if hi > 1e4 { throw .noSolution("the calibrated Type I error stays above \(alpha)") }
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if hi - lo <= 1e-12 * hi || mid <= lo || mid >= hi { break }
            if calibratedError(cv: mid, null: null) > alpha { lo = mid } else { hi = mid }
        }
        let cv = 0.5 * (lo + hi)
        return SequentialCriticalValue(criticalValue: cv, attainedAlpha: calibratedError(cv: cv, null: null), equivalentAbove: nil)
    }
}

extension MaxSPRT.Binomial {
    /// The Type I error at `criticalValue` when the null hypothesis carries the systematic error `null`.
    public func typeIError(criticalValue cv: Double, null: EmpiricalNull) throws(MaxSPRTError) -> Double {
        try validateNull(null)
        _ = try performance(criticalValue: cv, relativeRisk: 1)
        return calibratedError(cv: cv, null: null)
    }

    func calibratedError(cv: Double, null: EmpiricalNull) -> Double {
        sharedQuadrature.expectation(mean: null.mean, sd: null.sd) { e in run(cv: cv, rr: Double.exp(e)).power }
    }

    /// The smallest attainable LLR whose Type I error under the empirical null is at most `alpha`.
    public func criticalValue(alpha: Double, null: EmpiricalNull) throws(MaxSPRTError) -> SequentialCriticalValue {
        try validate()
        try validateNull(null)
        guard alpha > 0, alpha < 1 else { throw .invalidArgument(name: "alpha", value: alpha, reason: "must lie in (0, 1)") }
        var candidates: Set<Double> = []
        for n in looks where n >= minimumEvents {
            for c in minimumEvents...n {
                let v = MaxSPRT.binomialLLR(exposed: c, total: n, matchingRatio: matchingRatio)
                if v > 0 { candidates.insert(v) }
            }
        }
        return try smallestCriticalValue(candidates.sorted(), alpha: alpha) { calibratedError(cv: $0, null: null) }
    }
}

/// The 64-point rule, computed once.
let sharedQuadrature = GaussHermite(count: 64)

func validateNull(_ null: EmpiricalNull) throws(MaxSPRTError) {
    guard null.mean.isFinite else {
        throw .invalidArgument(name: "null.mean", value: null.mean, reason: "must be finite")
    }
    guard null.sd >= 0, null.sd.isFinite else {
        throw .invalidArgument(name: "null.sd", value: null.sd, reason: "must be finite and ≥ 0")
    }
}
