import RealModule

/// The empirical null distribution of systematic error: the log relative risks of negative controls
/// (true relative risk 1) are modelled as `logRr_i ~ N(mean, sd² + se_i²)`, so that each control adds its
/// own sampling error to a shared normal systematic error with the given mean and standard deviation.
///
/// This is the model of EmpiricalCalibration 3.1.4 `fitNull` (Schuemie et al., Statistics in Medicine
/// 2014;33:209–218). The package finds the maximum with R's `optim` (Nelder–Mead, relative tolerance
/// 1e-8), which stops about 1e-4 short of the maximum; ``fit(logRr:seLogRr:minimumControls:)`` finds the
/// exact maximum-likelihood estimate (see docs/calibration.md).
///
/// ```swift
/// switch try EmpiricalNull.fit(logRr: controls.map(\.logRr), seLogRr: controls.map(\.seLogRr)) {
/// case .computed(let null):
///     let p = null.calibratedP(logRr: 0.7326, seLogRr: 0.0737)   // two-sided
/// case .notComputed(let reason):
///     print(reason)                                               // fewer than 5 usable controls
/// }
/// ```
public struct EmpiricalNull: Codable, Sendable, Equatable {
    /// Mean of the systematic error on the log scale.
    public var mean: Double
    /// Standard deviation of the systematic error on the log scale (≥ 0).
    public var sd: Double
    /// Number of controls the fit used.
    public var controlCount: Int
    /// Number of controls dropped as unusable before the fit.
    public var excludedCount: Int
    /// The maximised log-likelihood (for a fit from likelihood profiles, of the profiles' normalised
    /// likelihoods; otherwise of the normal model, including its constants).
    public var logLikelihood: Double

    /// A null distribution with the given parameters (for example one fitted elsewhere).
    public init(mean: Double, sd: Double, controlCount: Int = 0, excludedCount: Int = 0, logLikelihood: Double = .nan) {
        self.mean = mean
        self.sd = sd
        self.controlCount = controlCount
        self.excludedCount = excludedCount
        self.logLikelihood = logLikelihood
    }

    /// The default number of usable controls below which calibration is not computed.
    public static let defaultMinimumControls = 5

    /// Fits the empirical null to negative-control estimates by exact maximum likelihood.
    ///
    /// Controls with an infinite or NaN estimate or standard error, a negative standard error, or
    /// |logRr| > log 100 are dropped first, as `fitNull` drops them.
    ///
    /// - Parameters:
    ///   - logRr: The controls' log relative-risk estimates.
    ///   - seLogRr: Their standard errors.
    ///   - minimumControls: Fewer usable controls than this give ``CalibrationOutcome/notComputed(_:)``
    ///     (default 5; at least 2 are needed to identify two parameters).
    /// - Returns: The fitted null, or why it was not computed.
    /// - Throws: ``CalibrationError/lengthMismatch(first:firstCount:second:secondCount:)`` when the arrays
    ///   differ in length.
    /// - Complexity: O(n) per likelihood evaluation, about 300 evaluations.
    public static func fit(
        logRr: [Double], seLogRr: [Double], minimumControls: Int = defaultMinimumControls
    ) throws(CalibrationError) -> CalibrationOutcome<EmpiricalNull> {
        let selection = try ControlSelection(logRr: logRr, seLogRr: seLogRr, dropExtreme: true)
        let required = max(minimumControls, 2)
        guard selection.indices.count >= required else {
            return .notComputed(
                .tooFewControls(usable: selection.indices.count, required: required, excluded: selection.excluded))
        }
        let x = selection.indices.map { logRr[$0] }
        let s = selection.indices.map { seLogRr[$0] }
        let fit = NormalNullLikelihood(logRr: x, seLogRr: s).maximise()
        guard fit.logLikelihood.isFinite else { return .notComputed(.likelihoodNotFinite) }
        return .computed(
            EmpiricalNull(
                mean: fit.mean, sd: fit.sd, controlCount: x.count, excludedCount: selection.excluded,
                logLikelihood: fit.logLikelihood))
    }

    /// The log-likelihood of the normal null model at (`mean`, `sd`) for the given controls:
    /// Σ log φ(logRr_i; mean, √(sd² + se_i²)).
    public static func logLikelihood(mean: Double, sd: Double, logRr: [Double], seLogRr: [Double]) -> Double {
        NormalNullLikelihood(logRr: logRr, seLogRr: seLogRr).logLikelihood(mean: mean, sd: sd)
    }

    /// The calibrated p-value of an estimate: the probability, under the empirical null widened by the
    /// estimate's own standard error, of an estimate at least as extreme.
    ///
    /// With `v = √(sd² + se²)`: upper = Φ((mean − logRr)/v), lower = Φ((logRr − mean)/v); two-sided is
    /// 2·min(upper, lower), as EmpiricalCalibration's `calibrateP.null` computes it.
    ///
    /// - Returns: The p-value, or NaN for a non-finite estimate or standard error (the package's `NA`).
    public func calibratedP(logRr: Double, seLogRr: Double, sides: PValueSides = .two) -> Double {
        guard logRr.isFinite, seLogRr.isFinite else { return .nan }
        let v = (sd * sd + seLogRr * seLogRr).squareRoot()
        let upper = Normal.cdf((mean - logRr) / v)
        let lower = Normal.cdf((logRr - mean) / v)
        switch sides {
        case .two: return 2 * min(upper, lower)
        case .upper: return upper
        case .lower: return lower
        }
    }

    /// The expected absolute systematic error E|X| for X ~ N(mean, sd²) (EASE; Schuemie et al., 2020;
    /// EmpiricalCalibration `computeExpectedAbsoluteSystematicError`):
    ///
    /// ```
    /// EASE = mean·(1 − 2Φ(−mean/sd)) + sd·√(2/π)·exp(−mean²/(2 sd²))
    /// ```
    ///
    /// which is |mean| when sd = 0. HADES diagnostics fail a design when EASE > 0.25.
    public var expectedAbsoluteSystematicError: Double {
        guard sd > 0 else { return abs(mean) }
        let z = mean / sd
        return mean * (1 - 2 * Normal.cdf(-z)) + sd * (2 / Double.pi).squareRoot() * Double.exp(-0.5 * z * z)
    }

    /// The uncalibrated (traditional) p-value of an estimate against a true relative risk of 1.
    public static func traditionalP(logRr: Double, seLogRr: Double, sides: PValueSides = .two) -> Double {
        guard logRr.isFinite, seLogRr.isFinite, seLogRr > 0 else { return .nan }
        let z = logRr / seLogRr
        switch sides {
        case .two: return 2 * min(Normal.survival(z), Normal.cdf(z))
        case .upper: return Normal.survival(z)
        case .lower: return Normal.cdf(z)
        }
    }
}

/// Which tail(s) a p-value counts.
public enum PValueSides: String, Codable, Sendable, CaseIterable {
    /// Two-sided: twice the smaller tail.
    case two
    /// The upper tail (evidence of a relative risk above the null).
    case upper
    /// The lower tail.
    case lower
}
