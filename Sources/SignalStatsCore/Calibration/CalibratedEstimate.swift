import RealModule

/// A calibrated point estimate and confidence interval, on the log scale, with the uncalibrated inputs.
///
/// Produced by ``SystematicErrorModel/calibrate(logRr:seLogRr:level:)`` as EmpiricalCalibration 3.1.4
/// `calibrateConfidenceInterval` computes it: the calibrated log estimate θ̂ solves
/// `mean(θ) = logRr`, and the bounds solve `(mean(θ) − logRr)/√(sd(θ)² + se²) = ∓z`, z = Φ⁻¹(1 − (1 − level)/2),
/// each searched on [−100, 100]. A bound without a sign change there is NaN (the package's `NA`).
public struct CalibratedEstimate: Codable, Sendable, Equatable {
    /// The uncalibrated log estimate.
    public var uncalibratedLogRr: Double
    /// Its standard error.
    public var uncalibratedSeLogRr: Double
    /// The calibrated log estimate.
    public var logRr: Double
    /// The calibrated lower bound (log scale).
    public var logLower: Double
    /// The calibrated upper bound (log scale).
    public var logUpper: Double
    /// The calibrated standard error, `(logLower − logUpper) / (2·Φ⁻¹((1 − level)/2))`.
    public var seLogRr: Double
    /// The confidence level.
    public var level: Double

    /// The calibrated relative risk, exp(logRr).
    public var relativeRisk: Double { Double.exp(logRr) }
    /// The calibrated interval on the relative-risk scale.
    public var interval: (lower: Double, upper: Double) { (Double.exp(logLower), Double.exp(logUpper)) }

    /// Whether the calibrated interval excludes a true relative risk of 1.
    public var excludesNull: Bool { logLower > 0 || logUpper < 0 }
}

extension SystematicErrorModel {
    /// Calibrates an estimate and its confidence interval with this model.
    ///
    /// - Parameters:
    ///   - logRr: The uncalibrated log estimate.
    ///   - seLogRr: Its standard error.
    ///   - level: Confidence level in (0, 1) (default 0.95).
    /// - Returns: The calibrated estimate; its fields are NaN when `logRr` or `seLogRr` is not finite, as the
    ///   package returns `NA`.
    /// - Throws: ``CalibrationError/invalidArgument(name:value:reason:)`` for a level outside (0, 1).
    public func calibrate(logRr: Double, seLogRr: Double, level: Double = 0.95) throws(CalibrationError)
        -> CalibratedEstimate
    {
        guard level > 0, level < 1 else {
            throw .invalidArgument(name: "level", value: level, reason: "a confidence level must lie in (0, 1)")
        }
        var out = CalibratedEstimate(
            uncalibratedLogRr: logRr, uncalibratedSeLogRr: seLogRr, logRr: .nan, logLower: .nan, logUpper: .nan,
            seLogRr: .nan, level: level)
        guard logRr.isFinite, seLogRr.isFinite else { return out }
        // Normal.quantile cannot throw for a probability strictly inside (0, 1).
        let zLow = (try? Normal.quantile((1 - level) / 2)) ?? .nan  // negative
        out.logRr = bound(z: 0, logRr: logRr, se: seLogRr)
        out.logLower = bound(z: -zLow, logRr: logRr, se: seLogRr)
        out.logUpper = bound(z: zLow, logRr: logRr, se: seLogRr)
        out.seLogRr = (out.logLower - out.logUpper) / (2 * zLow)
        return out
    }

    /// The root in [−100, 100] of z + (mean(θ) − logRr)/√(sd(θ)² + se²), found by bisection to the last bit.
    func bound(z: Double, logRr: Double, se: Double) -> Double {
        func h(_ theta: Double) -> Double {
            let sdTheta = sd(atTrueLogEffect: theta)
            let den = (sdTheta * sdTheta + se * se).squareRoot()
            let num = mean(atTrueLogEffect: theta) - logRr
            if den == 0 { return num == 0 ? z : (num > 0 ? Double.infinity : -Double.infinity) }
            if den.isInfinite { return num > 0 ? z + 1e-10 : z - 1e-10 }
            return z + num / den
        }
        var lo = -100.0
        var hi = 100.0
        var hLo = h(lo)
        let hHi = h(hi)
        guard !hLo.isNaN, !hHi.isNaN else { return .nan }
        if hLo == 0 { return lo }
        if hHi == 0 { return hi }
        guard (hLo < 0) != (hHi < 0) else { return .nan }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            let hm = h(mid)
            if hm == 0 { return mid }
            if (hm < 0) == (hLo < 0) {
                lo = mid
                hLo = hm
            } else {
                hi = mid
            }
        }
        return 0.5 * (lo + hi)
    }
}
