import Foundation

/// Rows of a conditional Poisson model with real-valued (weighted) event counts and free offsets: the form the
/// event-dependent SCCS methods fit (weighted events in ``SCCSEventDependentExposure``, log-weights in place of log
/// interval lengths in ``SCCSEventDependentObservation``).
///
/// Rows are grouped by stratum: stratum `s` is `stratumStarts[s]..<stratumStarts[s + 1]`. Covariates are
/// indicators: row `r` switches on the parameters `parameters[r]`.
struct WeightedStratifiedRows: Sendable {
    var stratumStarts: [Int] = [0]
    var offset: [Double] = []
    var events: [Double] = []
    var parameters: [[Int]] = []

    var rowCount: Int { offset.count }
    var stratumCount: Int { stratumStarts.count - 1 }

    mutating func append(offset o: Double, events y: Double, parameters p: [Int]) {
        offset.append(o)
        events.append(y)
        parameters.append(p)
    }

    /// Closes the current stratum (no-op when it has no rows).
    mutating func closeStratum() {
        if rowCount > (stratumStarts.last ?? 0) { stratumStarts.append(rowCount) }
    }
}

/// The maximum of a weighted conditional Poisson likelihood, found by Newton–Raphson with step halving.
///
/// With `η_r = xᵣ'β + offsetᵣ` and `n_s = Σ_r∈s yᵣ`, the log-likelihood is `Σ_s [Σ_r yᵣ η_r − n_s log Σ_r exp η_r]`:
/// the Poisson log-likelihood with the stratum intercepts eliminated (R `gnm(..., eliminate = )`), and for one event
/// per stratum the exact conditional logistic log-likelihood (R `survival::clogit`).
struct WeightedConditionalPoissonFit: Sendable {
    var coefficients: [Double]
    /// Observed information (minus the Hessian) at the estimate.
    var information: Matrix
    var logLikelihood: Double
    /// Fitted counts per row: `n_s exp η_r / Σ exp η` within the row's stratum.
    var fitted: [Double]
    var iterations: Int
    var converged: Bool

    /// Log-likelihood, score, information and fitted values at `beta`.
    static func evaluate(_ rows: WeightedStratifiedRows, p: Int, beta: [Double]) -> (ll: Double, score: [Double], info: Matrix, fitted: [Double]) {
        var ll = 0.0
        var score = [Double](repeating: 0, count: p)
        var info = Matrix(rows: p, columns: p)
        var fitted = [Double](repeating: 0, count: rows.rowCount)
        var eta = [Double](repeating: 0, count: 0)
        var xbar = [Double](repeating: 0, count: p)
        for s in 0..<rows.stratumCount {
            let range = rows.stratumStarts[s]..<rows.stratumStarts[s + 1]
            var n = 0.0
            for r in range { n += rows.events[r] }
            guard n > 0 else { continue }
            eta.removeAll(keepingCapacity: true)
            var top = -Double.infinity
            for r in range {
                var e = rows.offset[r]
                for j in rows.parameters[r] { e += beta[j] }
                eta.append(e)
                top = max(top, e)
            }
            var total = 0.0
            for e in eta { total += Foundation.exp(e - top) }
            let logTotal = top + Foundation.log(total)
            for k in 0..<p { xbar[k] = 0 }
            for (i, r) in range.enumerated() {
                ll += rows.events[r] * eta[i]
                let q = Foundation.exp(eta[i] - logTotal)
                fitted[r] = n * q
                let residual = rows.events[r] - n * q
                for j in rows.parameters[r] {
                    score[j] += residual
                    xbar[j] += q
                    for l in rows.parameters[r] { info[j, l] += n * q }
                }
            }
            ll -= n * logTotal
            for j in 0..<p where xbar[j] != 0 {
                for l in 0..<p where xbar[l] != 0 { info[j, l] -= n * xbar[j] * xbar[l] }
            }
        }
        return (ll, score, info, fitted)
    }

    /// Fits from `start` (zeros by default).
    ///
    /// - Throws: ``SCCSError/fit(_:)`` when the information becomes singular.
    static func fit(
        _ rows: WeightedStratifiedRows, parameterCount p: Int, start: [Double]? = nil, maxIterations: Int = 100,
        tolerance: Double = 1e-11
    ) throws(SCCSError) -> WeightedConditionalPoissonFit {
        var beta = start ?? [Double](repeating: 0, count: p)
        var current = evaluate(rows, p: p, beta: beta)
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            let step: [Double]
            do { step = try Cholesky(current.info).solve(current.score) } catch {
                throw .fit(.singularInformation("the information matrix of the weighted conditional Poisson fit is singular: \(error)"))
            }
            var scale = 1.0
            var next = current
            var trial = beta
            for _ in 0..<30 {
                trial = zip(beta, step).map { $0 + scale * $1 }
                next = evaluate(rows, p: p, beta: trial)
                if next.ll >= current.ll - 1e-12 * abs(current.ll) { break }
                scale /= 2
            }
            let change = step.map { abs($0 * scale) }.max() ?? 0
            beta = trial
            current = next
            if change < tolerance {
                converged = true
                break
            }
        }
        return WeightedConditionalPoissonFit(
            coefficients: beta, information: current.info, logLikelihood: current.ll, fitted: current.fitted,
            iterations: iterations, converged: converged)
    }
}

/// Solves `A X = B` for a small general square `A` by Gaussian elimination with partial pivoting.
///
/// - Throws: ``SCCSError/fit(_:)`` when `A` is singular.
func solveGeneral(_ a: Matrix, _ b: Matrix) throws(SCCSError) -> Matrix {
    let n = a.rows
    var m = a
    var x = b
    for col in 0..<n {
        var pivot = col
        for r in (col + 1)..<max(n, col + 1) where abs(m[r, col]) > abs(m[pivot, col]) { pivot = r }
        guard abs(m[pivot, col]) > 1e-300 else {
            throw .fit(.singularInformation("the sandwich bread matrix is singular"))
        }
        if pivot != col {
            for j in 0..<n { let t = m[col, j]; m[col, j] = m[pivot, j]; m[pivot, j] = t }
            for j in 0..<x.columns { let t = x[col, j]; x[col, j] = x[pivot, j]; x[pivot, j] = t }
        }
        for r in 0..<n where r != col {
            let f = m[r, col] / m[col, col]
            guard f != 0 else { continue }
            for j in col..<n { m[r, j] -= f * m[col, j] }
            for j in 0..<x.columns { x[r, j] -= f * x[col, j] }
        }
    }
    for r in 0..<n {
        let d = m[r, r]
        for j in 0..<x.columns { x[r, j] /= d }
    }
    return x
}
