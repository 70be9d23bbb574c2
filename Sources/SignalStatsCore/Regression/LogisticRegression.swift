import Foundation

/// Logistic regression (binomial response, logit link), fitted by Newton–Raphson (IRLS) with BLAS.
///
/// The propensity-score model of a cohort study. Estimand: log odds ratios per unit of each covariate,
/// `logit P(y = 1 | x) = x'β`. Optional L2 (ridge) penalty `½ λ Σ_{j ≠ intercept} β_j²`.
///
/// ```swift
/// let model = try LogisticRegression(response: treat, design: design)
/// let fit = try model.fit()
/// print(fit.summary())
/// ```
///
/// - Complexity: each iteration reads the n x p design once: O(n p²) flops, parallel over row blocks.
public struct LogisticRegression: Sendable {
    /// The design (covariates), including the intercept column if any.
    public let design: DesignMatrix
    /// 0/1 response.
    public let response: [Double]
    /// Optional case weights (frequency or inverse-probability weights).
    public let weights: [Double]?
    /// L2 penalty λ on non-intercept coefficients (0 for none).
    public let l2Penalty: Double
    /// Number of row blocks evaluated in parallel (and summed, as partitions of a network would be).
    public let partitions: Int

    /// Sets up the model, checking the inputs.
    ///
    /// - Throws: ``RegressionError`` for a response other than 0/1, a response that does not vary,
    ///   mismatched lengths, negative or non-finite weights, or a negative penalty.
    public init(
        response: [Double], design: DesignMatrix, weights: [Double]? = nil, l2Penalty: Double = 0,
        partitions: Int? = nil
    ) throws(RegressionError) {
        try checkFinite(response, name: "response", rows: design.rows)
        if let i = response.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidResponse(row: i, value: response[i], expected: "0 or 1")
        }
        try checkWeights(weights, rows: design.rows)
        guard l2Penalty >= 0, l2Penalty.isFinite else {
            throw .invalidWeight(row: -1, value: l2Penalty)
        }
        let positives = zip(response, weights ?? [Double](repeating: 1, count: response.count))
            .reduce(0.0) { $0 + $1.0 * $1.1 }
        let total = weights?.reduce(0, +) ?? Double(response.count)
        guard positives > 0, positives < total else {
            throw .noVariationInResponse(positives == 0 ? "no row has response 1" : "every row has response 1")
        }
        self.design = design
        self.response = response
        self.weights = weights
        self.l2Penalty = l2Penalty
        self.partitions = partitions ?? defaultPartitionCount
    }

    /// Fits the model.
    ///
    /// - Throws: ``RegressionError/separation(covariates:iterations:)`` when fitted probabilities reach 0 or 1
    ///   (the maximum likelihood estimate does not exist), ``RegressionError/allColumnsAliased(_:)``.
    ///
    /// With at least 200,000 rows (and 2,000 rows per column), the fit starts from a fit on a systematic 10%
    /// subsample and forms the full-data crossproduct `X'WX` only at the estimate (`LogisticWarmStart`): the same
    /// estimate, information and convergence criteria as the ordinary Newton–Raphson path, in about a third of the
    /// passes over the design. Any difficulty on that path falls back to the ordinary one.
    public func fit(options: NewtonOptions = .init()) throws(RegressionError) -> RegressionResult {
        try result(try fitted(options: options, warmStart: .automatic))
    }

    /// Whether ``fit(options:)`` may start from a subsample fit.
    enum WarmStart: Sendable {
        /// When the design is large enough (``LogisticWarmStart/applies(rows:columns:forced:)``).
        case automatic
        /// Always try it (tests).
        case always
        /// Never (the ordinary Newton–Raphson path).
        case never
    }

    func fitted(options: NewtonOptions, warmStart: WarmStart) throws(RegressionError) -> ModelFitting<GLMLikelihood>.Fitted {
        let y = response, w = weights, parts = partitions, lambda = l2Penalty
        let positives = zip(y, w ?? [Double](repeating: 1, count: y.count)).reduce(0.0) { $0 + $1.0 * $1.1 }
        let total = w?.reduce(0, +) ?? Double(y.count)
        let hasIntercept = design.hasIntercept
        let fitting = ModelFitting<GLMLikelihood>(
            modelName: "logistic regression", design: design,
            makeLikelihood: { GLMLikelihood(family: .binomialLogit, design: $0, response: y, weights: w, partitions: parts) },
            start: { d in
                var b = [Double](repeating: 0, count: d.columns)
                if d.hasIntercept { b[0] = Foundation.log(positives / (total - positives)) }
                return b
            },
            aliasReason: { [design] j, _ in
                hasIntercept && j > 0 && isConstantColumn(design.matrix, j) ? .noVariation : .collinear
            },
            ridge: { d in
                guard lambda > 0 else { return nil }
                return (0..<d.columns).map { d.hasIntercept && $0 == 0 ? 0 : lambda }
            })
        if warmStart != .never,
            LogisticWarmStart.applies(rows: design.rows, columns: design.columns, forced: warmStart == .always),
            let f = LogisticWarmStart(model: self, likelihood: fitting.makeLikelihood(design.matrix)).fit(options: options)
        {
            return f
        }
        return try fitting.run(options: options)
    }

    /// Checks for separation and packages the fit.
    func result(_ f: ModelFitting<GLMLikelihood>.Fitted) throws(RegressionError) -> RegressionResult {
        let lambda = l2Penalty
        let positives = zip(response, weights ?? [Double](repeating: 1, count: response.count)).reduce(0.0) { $0 + $1.0 * $1.1 }
        try checkSeparation(f)
        return RegressionResult(
            model: "logistic", terms: f.design.columnNames, coefficients: f.newton.estimate, covariance: f.covariance,
            logLikelihood: f.newton.logLikelihood, convergence: f.newton.status, iterations: f.newton.trace.count - 1,
            observations: f.newton.observations, events: positives, strata: nil, aliased: f.aliased,
            l2Penalty: lambda, diagnostics: f.newton.status.isConverged ? [] : [f.newton.status.description])
    }

    /// Separation shows as fitted probabilities numerically 0 or 1 (some |η| > 15, a probability within
    /// 3e-7 of the bound) together with a coefficient the data cannot pin down: its standard error times the
    /// covariate's standard deviation exceeds 10 (R's `glm` on such data reports, for example, 20.4 with
    /// standard error 5310). A fit that did not converge with such extreme probabilities is also separation.
    /// The covariates named are those with such standard errors, or else the largest standardized coefficients.
    private func checkSeparation(_ f: ModelFitting<GLMLikelihood>.Fitted) throws(RegressionError) {
        let d = f.design.matrix
        var eta = [Double](repeating: 0, count: d.rows)
        do { try BLAS.gemv(d, f.newton.estimate, &eta) } catch { throw .numerics(error) }
        guard eta.contains(where: { abs($0) > 15 }) else { return }
        let se = f.covariance.diagonal.map { $0.squareRoot() }
        var unidentified: [String] = []
        var scores: [(String, Double)] = []
        for j in 0..<d.columns where !(f.design.hasIntercept && j == 0) {
            let col = d.column(j)
            let mean = col.reduce(0, +) / Double(col.count)
            let sd = (col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(col.count - 1, 1))).squareRoot()
            if se[j] * sd > 10 { unidentified.append(f.design.columnNames[j]) }
            scores.append((f.design.columnNames[j], abs(f.newton.estimate[j]) * sd))
        }
        guard !unidentified.isEmpty || !f.newton.status.isConverged else { return }
        let top = scores.map(\.1).max() ?? 0
        let named = unidentified.isEmpty ? scores.filter { $0.1 >= 0.5 * top }.map(\.0) : unidentified
        throw .separation(covariates: named.isEmpty ? f.design.columnNames : named, iterations: f.newton.trace.count - 1)
    }
}
