import Foundation

/// Poisson regression for counts with log exposure time as offset (incidence rates).
///
/// Estimand: log rate ratios, `log E[y | x] = log t + x'β`. The log-likelihood reported includes the
/// `−log y!` term, as R's `logLik(glm(..., family = poisson))` does.
///
/// ```swift
/// let model = try PoissonRegression(counts: events, exposureTime: personDays, design: design)
/// let fit = try model.fit()
/// ```
public struct PoissonRegression: Sendable {
    public let design: DesignMatrix
    public let counts: [Double]
    /// Log exposure time per row (`nil` for none).
    public let offset: [Double]?
    public let weights: [Double]?
    public let partitions: Int

    /// Sets up the model.
    ///
    /// - Parameters:
    ///   - counts: non-negative event counts.
    ///   - exposureTime: positive person-time per row; its log is the offset.
    ///   - design: covariates, usually with an intercept.
    ///   - weights: non-negative case weights per row (`nil`: all 1).
    ///   - partitions: the number of row blocks the likelihood is summed over (default: one per core).
    /// - Throws: ``RegressionError/nonPositiveExposure(row:value:)`` for zero or negative time,
    ///   ``RegressionError/invalidResponse(row:value:expected:)`` for negative or non-integer counts,
    ///   ``RegressionError/noVariationInResponse(_:)`` when there are no events.
    public init(
        counts: [Double], exposureTime: [Double]? = nil, design: DesignMatrix, weights: [Double]? = nil,
        partitions: Int? = nil
    ) throws(RegressionError) {
        try checkFinite(counts, name: "counts", rows: design.rows)
        if let i = counts.firstIndex(where: { $0 < 0 || $0 != $0.rounded() }) {
            throw .invalidResponse(row: i, value: counts[i], expected: "a non-negative whole count")
        }
        if let t = exposureTime {
            try checkFinite(t, name: "exposure time", rows: design.rows)
            if let i = t.firstIndex(where: { $0 <= 0 }) { throw .nonPositiveExposure(row: i, value: t[i]) }
        }
        try checkWeights(weights, rows: design.rows)
        guard counts.contains(where: { $0 > 0 }) else { throw .noVariationInResponse("there are no events (all counts 0)") }
        self.design = design
        self.counts = counts
        self.offset = exposureTime?.map { Foundation.log($0) }
        self.weights = weights
        self.partitions = partitions ?? defaultPartitionCount
    }

    /// Fits the model.
    public func fit(options: NewtonOptions = .init()) throws(RegressionError) -> RegressionResult {
        let y = counts, o = offset, w = weights, parts = partitions
        let events = zip(y, w ?? [Double](repeating: 1, count: y.count)).reduce(0.0) { $0 + $1.0 * $1.1 }
        let time = (o?.map { Foundation.exp($0) } ?? [Double](repeating: 1, count: y.count))
        let exposure = zip(time, w ?? [Double](repeating: 1, count: y.count)).reduce(0.0) { $0 + $1.0 * $1.1 }
        let hasIntercept = design.hasIntercept
        let fitting = ModelFitting<GLMLikelihood>(
            modelName: "Poisson regression", design: design,
            makeLikelihood: { GLMLikelihood(family: .poissonLog, design: $0, response: y, offset: o, weights: w, partitions: parts) },
            start: { d in
                var b = [Double](repeating: 0, count: d.columns)
                if d.hasIntercept { b[0] = Foundation.log(events / exposure) }
                return b
            },
            aliasReason: { [design] j, _ in
                hasIntercept && j > 0 && isConstantColumn(design.matrix, j) ? .noVariation : .collinear
            },
            ridge: { _ in nil })
        let f = try fitting.run(options: options)
        return RegressionResult(
            model: "poisson", terms: f.design.columnNames, coefficients: f.newton.estimate, covariance: f.covariance,
            logLikelihood: f.newton.logLikelihood, convergence: f.newton.status, iterations: f.newton.trace.count - 1,
            observations: f.newton.observations, events: events, strata: nil, aliased: f.aliased, l2Penalty: 0,
            diagnostics: f.newton.status.isConverged ? [] : [f.newton.status.description])
    }
}
