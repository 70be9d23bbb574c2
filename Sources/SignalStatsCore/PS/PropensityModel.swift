import Foundation

/// How a ``PSCohortStudyDesign`` fits its propensity model.
///
/// OHDSI CohortMethod fits the propensity model with Cyclops: L1-regularized logistic regression (a Laplace prior)
/// on all covariates, the penalty chosen by 10-fold cross-validation, the intercept unpenalized. That is
/// ``crossValidated(_:_:)`` with `.lasso`. The dense maximum-likelihood model (``dense``) is exact but fails
/// (reports separation) when a covariate predicts the drug, which small networks produce by chance.
public enum PropensityModel: Sendable, Equatable {
    /// Logistic regression on the dense covariate matrix by Newton's method through BLAS, unpenalized or with the
    /// design's `propensityL2Penalty` (ridge).
    case dense
    /// Sparse regularized logistic regression (``RegularizedLogisticRegression``) at a fixed penalty.
    case regularized(LogisticPenalty)
    /// Sparse regularized logistic regression with the penalty of the given kind chosen by cross-validation
    /// (``RegularizedLogisticRegression/crossValidate(_:options:)``).
    case crossValidated(PenaltyKind, CrossValidationOptions)

    /// CohortMethod's default: L1 with the penalty chosen by 10-fold cross-validation (seed 1).
    public static var cohortMethodDefault: PropensityModel { .crossValidated(.lasso, CrossValidationOptions()) }

    /// `dense`, `L1 3.2`, or `lasso, 10-fold cross-validation`.
    public var description: String {
        switch self {
        case .dense: return "dense logistic regression (Newton, BLAS)"
        case .regularized(let q): return "regularized logistic regression, \(q.description)"
        case .crossValidated(let k, let o):
            let kind: String
            switch k {
            case .lasso: kind = "L1"
            case .ridge: kind = "L2"
            case .elasticNet(let a): kind = String(format: "elastic net (L1 share %g)", a)
            }
            return "regularized logistic regression, \(kind) chosen by \(o.folds)-fold cross-validation"
        }
    }
}

/// The regularized propensity model of a study: the fit, and the cross-validation when the penalty was chosen by one.
public struct RegularizedPropensityModel: Sendable {
    /// The fit on all persons at the penalty used.
    public let fit: RegularizedLogisticFit
    /// The cross-validation that chose the penalty, if any.
    public let crossValidation: CrossValidatedLogisticFit?
    /// The divisor of each covariate before the fit (its largest absolute value; 1 for 0/1 covariates):
    /// ``fit``'s coefficients are per unit of `covariate / scale`.
    public let scale: [Double]

    /// The coefficients per unit of each covariate as extracted (``fit``'s divided by ``scale``).
    public var coefficientsOnCovariateScale: [Double] { zip(fit.coefficients, scale).map { $0 / $1 } }

    /// One line: penalty, how it was chosen, non-zero coefficients, convergence, and whether the penalty was binding.
    public var line: String {
        var s = "propensity model: regularized logistic regression, \(fit.penalty.description)"
        if let cv = crossValidation {
            s += " chosen by \(cv.folds)-fold cross-validation over \(cv.grid.count) values (\(cv.grid.first?.description ?? "") to \(cv.grid.last?.description ?? ""))"
        }
        s += "; \(fit.nonZero) of \(fit.names.count - fit.excluded.count) covariates non-zero; \(fit.convergence.description)"
        if fit.separated { s += "; the arms are separated: the penalty is binding" }
        if let cv = crossValidation, !cv.diagnostics.isEmpty { s += "; " + cv.diagnostics.joined(separator: "; ") }
        return s
    }
}

extension PropensityScore {
    /// Fits the propensity score by regularized logistic regression on sparse covariates (an intercept is added,
    /// unpenalized), at a fixed penalty or with the penalty chosen by cross-validation.
    ///
    /// With `normalize` (the default) each covariate is first divided by its largest absolute value, as
    /// FeatureExtraction does before CohortMethod's Cyclops fit, so that one penalty weight treats 0/1 flags, age in
    /// years and lab values alike; the scores do not depend on this except through the penalty.
    ///
    /// Each unit's linear predictor is recomputed from the coefficients in increasing column order, so units with
    /// identical covariates get bit-identical scores (ties then break by the matching's documented rule).
    ///
    /// - Parameters:
    ///   - treatment: the arm of each unit.
    ///   - covariates: the sparse covariates (no intercept column).
    ///   - model: ``PropensityModel/regularized(_:)`` or ``PropensityModel/crossValidated(_:_:)``; `.dense` is
    ///     treated as a fixed penalty of 0 on the sparse design (maximum likelihood by coordinate descent).
    ///   - unpenalized: names of covariates to leave unpenalized.
    ///   - normalize: whether to divide each covariate by its largest absolute value before the fit (default `true`).
    /// - Throws: ``PSError/emptyArm(treated:comparator:)``, ``PSError/lengthMismatch(name:count:expected:)``,
    ///   ``PSError/regression(_:)`` for invalid options.
    public static func fitRegularized(
        treatment: [Bool], covariates: SparseDesign, model: PropensityModel, unpenalized: Set<String> = [],
        normalize: Bool = true
    ) throws(PSError) -> (score: PropensityScore, model: RegularizedPropensityModel) {
        guard treatment.count == covariates.rows else {
            throw .lengthMismatch(name: "treatment", count: treatment.count, expected: covariates.rows)
        }
        let t = treatment.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard t > 0, t < treatment.count else { throw .emptyArm(treated: t, comparator: treatment.count - t) }
        let fitted: RegularizedPropensityModel
        do {
            let (x, scale) = normalize ? try covariates.scaledToUnitMaximum() : (covariates, [Double](repeating: 1, count: covariates.columns))
            let m = try RegularizedLogisticRegression(treatment: treatment, design: x, unpenalized: unpenalized)
            switch model {
            case .dense:
                fitted = RegularizedPropensityModel(fit: try m.fit(penalty: LogisticPenalty()), crossValidation: nil, scale: scale)
            case .regularized(let q):
                fitted = RegularizedPropensityModel(fit: try m.fit(penalty: q), crossValidation: nil, scale: scale)
            case .crossValidated(let kind, let options):
                let cv = try m.crossValidate(kind, options: options)
                fitted = RegularizedPropensityModel(fit: cv.fit, crossValidation: cv, scale: scale)
            }
        } catch {
            throw .regression(error)
        }
        let fit = fitted.fit
        let beta = fitted.coefficientsOnCovariateScale
        var eta = [Double](repeating: fit.intercept, count: covariates.rows)
        for i in 0..<covariates.rows {
            var s = fit.intercept
            for k in covariates.rowOffsets[i]..<covariates.rowOffsets[i + 1] {
                let j = Int(covariates.columnIndices[k])
                s += (covariates.values?[k] ?? 1) * beta[j]
            }
            eta[i] = s
        }
        let score = eta.map { 1 / (1 + Foundation.exp(-$0)) }
        return (PropensityScore(treatment: treatment, score: score, logit: eta, model: nil), fitted)
    }
}
