import RealModule

/// The systematic error model over negative and positive controls: an estimate of a control with true log
/// effect t is modelled as `logRr ~ N(meanIntercept + meanSlope·t, sd(t)² + se²)`, with
/// `sd(t) = sdIntercept + sdSlope·|t|` (EmpiricalCalibration 3.1.4 `fitSystematicErrorModel`, the default)
/// or, in the package's legacy form, `sd(t) = exp(sdIntercept + sdSlope·t)`.
///
/// Reference: Schuemie, Hripcsak, Ryan, Madigan, Suchard. Empirical confidence interval calibration for
/// population-level effect estimation studies in observational healthcare data. PNAS 2018;115:2571–2577.
public struct SystematicErrorModel: Codable, Sendable, Equatable {
    /// How the standard deviation of the systematic error depends on the true log effect.
    public enum SDForm: String, Codable, Sendable, CaseIterable {
        /// `sd(t) = sdIntercept + sdSlope·|t|` (the package's default since version 2).
        case linear
        /// `sd(t) = exp(sdIntercept + sdSlope·t)` (`legacy = TRUE`).
        case logLinear
    }

    /// Mean of the systematic error at true log effect 0.
    public var meanIntercept: Double
    /// Change of the mean estimate per unit of true log effect (1 when the design is unbiased in scale).
    public var meanSlope: Double
    /// SD intercept (for ``SDForm/logLinear`` on the log scale).
    public var sdIntercept: Double
    /// SD slope (for ``SDForm/logLinear`` on the log scale).
    public var sdSlope: Double
    /// The form of the SD.
    public var sdForm: SDForm
    /// Number of controls the fit used (0 for a model made from a null).
    public var controlCount: Int
    /// The maximised log-likelihood (NaN for a model made from a null).
    public var logLikelihood: Double

    /// A model with the given coefficients.
    public init(
        meanIntercept: Double, meanSlope: Double, sdIntercept: Double, sdSlope: Double, sdForm: SDForm = .linear,
        controlCount: Int = 0, logLikelihood: Double = .nan
    ) {
        self.meanIntercept = meanIntercept
        self.meanSlope = meanSlope
        self.sdIntercept = sdIntercept
        self.sdSlope = sdSlope
        self.sdForm = sdForm
        self.controlCount = controlCount
        self.logLikelihood = logLikelihood
    }

    /// The model implied by an empirical null when no positive controls exist: mean slope 1 and constant
    /// SD (EmpiricalCalibration `convertNullToErrorModel(null, meanSlope = 1, sdSlope = 0)`).
    public init(null: EmpiricalNull, meanSlope: Double = 1, sdSlope: Double = 0) {
        self.init(meanIntercept: null.mean, meanSlope: meanSlope, sdIntercept: null.sd, sdSlope: sdSlope)
    }

    /// The mean of the estimate's systematic error model at true log effect `t`.
    public func mean(atTrueLogEffect t: Double) -> Double { meanIntercept + meanSlope * t }

    /// The SD of the systematic error at true log effect `t` (may be negative for a hand-made linear model;
    /// fitted models keep it ≥ 0 at every control).
    public func sd(atTrueLogEffect t: Double) -> Double {
        switch sdForm {
        case .linear: return sdIntercept + sdSlope * abs(t)
        case .logLinear: return Double.exp(sdIntercept + sdSlope * t)
        }
    }

    /// Fits the model by exact maximum likelihood.
    ///
    /// Controls with a non-finite estimate or standard error are dropped (as the package drops them).
    /// For fixed SD coefficients the mean coefficients are the weighted least-squares line with weights
    /// 1/(sd_i² + se_i²); the SD coefficients are found by restarted Nelder–Mead on that profile, with
    /// sd_i ≥ 0 at every control for the linear form.
    ///
    /// - Parameters:
    ///   - logRr: The controls' log estimates.
    ///   - seLogRr: Their standard errors.
    ///   - trueLogRr: Their true log effects (0 for negative controls, log of the injected relative risk for
    ///     synthetic positive controls).
    ///   - sdForm: The SD's form (default ``SDForm/linear``, as the package's default).
    ///   - minimumControls: Fewer usable controls give ``CalibrationOutcome/notComputed(_:)`` (default 5,
    ///     never fewer than 4 for four parameters).
    /// - Throws: ``CalibrationError`` for arrays of different lengths or a non-finite true effect.
    public static func fit(
        logRr: [Double], seLogRr: [Double], trueLogRr: [Double], sdForm: SDForm = .linear,
        minimumControls: Int = EmpiricalNull.defaultMinimumControls
    ) throws(CalibrationError) -> CalibrationOutcome<SystematicErrorModel> {
        guard trueLogRr.count == logRr.count else {
            throw .lengthMismatch(
                first: "trueLogRr", firstCount: trueLogRr.count, second: "logRr", secondCount: logRr.count)
        }
        if let bad = trueLogRr.first(where: { !$0.isFinite }) {
            throw .invalidArgument(name: "trueLogRr", value: bad, reason: "true effects must be finite")
        }
        let selection = try ControlSelection(logRr: logRr, seLogRr: seLogRr, dropExtreme: false)
        let required = max(minimumControls, 4)
        guard selection.indices.count >= required else {
            return .notComputed(
                .tooFewControls(usable: selection.indices.count, required: required, excluded: selection.excluded))
        }
        let x = selection.indices.map { logRr[$0] }
        let s2 = selection.indices.map { seLogRr[$0] * seLogRr[$0] }
        let t = selection.indices.map { trueLogRr[$0] }
        guard let t0 = t.first, t.contains(where: { $0 != t0 }) else {
            return .notComputed(.noDistinctTrueEffects(value: t.first ?? 0))
        }
        let likelihood = ErrorModelLikelihood(x: x, s2: s2, t: t, form: sdForm)
        let start: [Double] = sdForm == .linear ? [0.1, 0] : [-2, 0]
        let fit = NelderMead.minimise(start: start, steps: [0.05, 0.05]) { -likelihood.profile(sd: $0).logLikelihood }
        let best = likelihood.profile(sd: fit.point)
        guard best.logLikelihood.isFinite else { return .notComputed(.likelihoodNotFinite) }
        return .computed(
            SystematicErrorModel(
                meanIntercept: best.intercept, meanSlope: best.slope, sdIntercept: fit.point[0], sdSlope: fit.point[1],
                sdForm: sdForm, controlCount: x.count, logLikelihood: best.logLikelihood))
    }

    /// The log-likelihood of the model at its coefficients for the given controls.
    public func logLikelihood(logRr: [Double], seLogRr: [Double], trueLogRr: [Double]) -> Double {
        let l = ErrorModelLikelihood(x: logRr, s2: seLogRr.map { $0 * $0 }, t: trueLogRr, form: sdForm)
        return l.logLikelihood(intercept: meanIntercept, slope: meanSlope, sd: [sdIntercept, sdSlope])
    }
}

/// The likelihood of ``SystematicErrorModel`` and its profile over the SD coefficients.
struct ErrorModelLikelihood {
    let x: [Double]
    let s2: [Double]
    let t: [Double]
    let form: SystematicErrorModel.SDForm

    func sd(_ c: [Double], _ i: Int) -> Double {
        switch form {
        case .linear: return c[0] + c[1] * abs(t[i])
        case .logLinear: return Double.exp(c[0] + c[1] * t[i])
        }
    }

    func logLikelihood(intercept: Double, slope: Double, sd c: [Double]) -> Double {
        var total = 0.0
        for i in x.indices {
            let sdi = sd(c, i)
            guard sdi >= 0 else { return -.infinity }
            let v = sdi * sdi + s2[i]
            let d = x[i] - intercept - slope * t[i]
            total -= NormalNullLikelihood.logSqrt2Pi + 0.5 * Double.log(v) + 0.5 * d * d / v
        }
        return total
    }

    /// The weighted least-squares mean line for the SD coefficients `c`, and the log-likelihood there.
    func profile(sd c: [Double]) -> (intercept: Double, slope: Double, logLikelihood: Double) {
        var sw = 0.0, swt = 0.0, swtt = 0.0, swx = 0.0, swtx = 0.0
        for i in x.indices {
            let sdi = sd(c, i)
            guard sdi >= 0, sdi.isFinite else { return (.nan, .nan, -.infinity) }
            let w = 1 / (sdi * sdi + s2[i])
            sw += w
            swt += w * t[i]
            swtt += w * t[i] * t[i]
            swx += w * x[i]
            swtx += w * t[i] * x[i]
        }
        let det = sw * swtt - swt * swt
        guard det > 0, det.isFinite else { return (.nan, .nan, -.infinity) }
        let slope = (sw * swtx - swt * swx) / det
        let intercept = (swx - slope * swt) / sw
        return (intercept, slope, logLikelihood(intercept: intercept, slope: slope, sd: c))
    }
}
