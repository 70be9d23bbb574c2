import Foundation

/// The large-data path of ``LogisticRegression/fit(options:)``: a warm start from a subsample and fixed-information
/// (chord) iterations, so that the full-data crossproduct `X'WX`, the expensive part, is formed once, at the estimate.
///
/// 1. Fit the model on a systematic subsample (16 rows of every 160), with the ridge penalty scaled by
///    the subsample's share of the total weight.
/// 2. Scale the subsample's information by the weight ratio: `H̃ ≈ I(β̂)` of the full data.
/// 3. From the subsample's estimate, iterate `β ← β + H̃⁻¹ g(β)` with the full-data gradient only (two `dgemv` per
///    chunk, no crossproduct). The error shrinks by a factor of about `‖I − H̃⁻¹ I‖` (a few percent) per step.
/// 4. When the next point is predicted to meet the convergence criteria, evaluate the full information there and hand
///    it to ``NewtonRaphson/maximize(_:start:initial:previousChange:options:)``, which applies the usual criteria
///    with the exact information (and takes ordinary Newton steps if they do not hold yet).
///
/// The estimate is therefore the one of the ordinary path (the same stationary point, to the same tolerances) and the
/// information, standard errors and convergence test are at the returned estimate. Any difficulty on the way (the
/// subsample separated, without variation in the response, with aliased columns, or a chord step that does not
/// improve the objective) returns `nil`, and the caller runs the ordinary path from the start.
struct LogisticWarmStart {
    /// The subsample keeps the first ``block`` rows of every `block · stride` rows: one row in `stride`, spread over the
    /// whole data (rows sorted by some covariate are still sampled over its range) but in runs of whole cache lines, so
    /// that gathering it does not read the whole design.
    static let stride = 10
    static let block = 16
    /// The path is used from this many rows on, and only with at least ``minimumRowsPerParameter`` subsample rows per
    /// parameter (below that the subsample's information is too rough a guide).
    static let minimumRows = 200_000
    static let minimumRowsPerParameter = 200
    /// Chord steps before giving up.
    static let maximumSteps = 40

    let model: LogisticRegression
    let likelihood: GLMLikelihood

    /// Whether the path applies to a design of this shape (or `forced`, for tests).
    static func applies(rows: Int, columns: Int, forced: Bool) -> Bool {
        forced || (rows >= minimumRows && rows / stride >= minimumRowsPerParameter * columns)
    }

    /// The listed rows of a column-major matrix (runs of consecutive rows are copied as runs).
    static func gatherRows(_ x: Matrix, _ rows: [Int]) throws(NumericsError) -> Matrix {
        let n = x.rows, p = x.columns, m = rows.count
        var out = [Double](repeating: 0, count: m * p)
        x.storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for j in 0..<p {
                    let s = j * n, d = j * m
                    for (k, i) in rows.enumerated() { dst[d + k] = src[s + i] }
                }
            }
        }
        return try Matrix(rows: m, columns: p, columnMajor: out)
    }

    /// The fit, or `nil` when the ordinary path should be used.
    func fit(options: NewtonOptions) -> ModelFitting<GLMLikelihood>.Fitted? {
        let design = model.design
        let n = design.rows, p = design.columns
        var rows: [Int] = []
        rows.reserveCapacity(n / Self.stride + Self.block)
        for b in Swift.stride(from: 0, to: n, by: Self.block * Self.stride) { rows.append(contentsOf: b..<min(b + Self.block, n)) }
        let subDesign: DesignMatrix
        do {
            subDesign = try DesignMatrix(
                matrix: Self.gatherRows(design.matrix, rows), columnNames: design.columnNames,
                hasIntercept: design.hasIntercept)
        } catch {
            return nil
        }
        let ySub = rows.map { model.response[$0] }
        let wSub = model.weights.map { w in rows.map { w[$0] } }
        let total = model.weights?.reduce(0, +) ?? Double(n)
        let subTotal = wSub?.reduce(0, +) ?? Double(rows.count)
        guard subTotal > 0 else { return nil }
        let scale = total / subTotal
        guard
            let sub = try? LogisticRegression(
                response: ySub, design: subDesign, weights: wSub, l2Penalty: model.l2Penalty / scale,
                partitions: model.partitions),
            let subFit = try? sub.fitted(options: options, warmStart: .never),
            subFit.aliased.isEmpty, subFit.newton.status.isConverged
        else { return nil }

        // The approximate information of the full data (the scaled ridge term becomes the full one).
        var approximate = subFit.newton.information
        for k in approximate.storage.indices { approximate.storage[k] *= scale }
        guard let chord = try? Cholesky(approximate) else { return nil }
        let ridge: [Double] =
            model.l2Penalty > 0 ? (0..<p).map { design.hasIntercept && $0 == 0 ? 0 : model.l2Penalty } : []

        func penalized(_ c: LikelihoodContribution, _ beta: [Double]) -> (Double, [Double]) {
            guard !ridge.isEmpty else { return (c.logLikelihood, c.gradient) }
            var g = c.gradient
            var pen = 0.0
            for j in 0..<p {
                pen += 0.5 * ridge[j] * beta[j] * beta[j]
                g[j] -= ridge[j] * beta[j]
            }
            return (c.logLikelihood - pen, g)
        }

        var beta = subFit.newton.estimate
        var trace: [Double] = []
        var previousObjective = -Double.infinity
        var previousDecrement = Double.infinity
        for step in 0..<Self.maximumSteps {
            let c = likelihood.evaluateGradient(at: beta)
            let (objective, gradient) = penalized(c, beta)
            guard objective.isFinite, objective >= previousObjective - 1e-12 * (abs(previousObjective) + 1) else {
                return nil
            }
            trace.append(c.logLikelihood)
            guard let delta = try? chord.solve(gradient) else { return nil }
            let decrement = zip(delta, gradient).reduce(0) { $0 + $1.0 * $1.1 }
            // The error contracts geometrically; the decrement (quadratic in the error) by the square of the rate.
            let rate = step > 0 && previousDecrement > 0 ? min(1, decrement / previousDecrement) : 1
            let predicted = decrement * rate
            beta = zip(beta, delta).map { $0 + $1 }
            if predicted <= 0.5 * options.decrementTolerance {
                let final = likelihood.evaluate(at: beta)
                var opts = options
                opts.ridge = ridge.isEmpty ? nil : ridge
                guard
                    var newton = try? NewtonRaphson.maximize(
                        likelihood, start: beta, initial: final, previousChange: final.logLikelihood - c.logLikelihood,
                        options: opts),
                    newton.status.isConverged,
                    let covariance = try? Cholesky(newton.information).inverse()
                else { return nil }
                let steps = step + 1 + (newton.trace.count - 1)
                newton.trace = trace + newton.trace
                newton.status = .converged(iterations: steps)
                return ModelFitting<GLMLikelihood>.Fitted(
                    design: design, likelihood: likelihood, newton: newton, covariance: covariance, aliased: [])
            }
            previousObjective = objective
            previousDecrement = decrement
        }
        return nil
    }
}

