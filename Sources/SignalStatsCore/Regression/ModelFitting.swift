import Foundation

/// The fitting steps the regression models share: find aliased columns from the information at the
/// starting values, drop them, run Newton–Raphson, and package the result.
struct ModelFitting<L: PartitionedLikelihood> {
    let modelName: String
    let design: DesignMatrix
    /// Builds the likelihood over a design restricted to some columns.
    let makeLikelihood: (Matrix) -> L
    /// Starting values for a design restricted to some columns.
    let start: (DesignMatrix) -> [Double]
    /// Classifies an aliased column.
    let aliasReason: (Int, Matrix) -> AliasedTerm.Reason
    /// Ridge penalty per column of a (reduced) design.
    let ridge: (DesignMatrix) -> [Double]?

    struct Fitted {
        let design: DesignMatrix
        let likelihood: L
        let newton: NewtonResult
        let covariance: Matrix
        let aliased: [AliasedTerm]
    }

    func run(options: NewtonOptions) throws(RegressionError) -> Fitted {
        let full = makeLikelihood(design.matrix)
        let start0 = start(design)
        let initial = full.evaluate(at: start0)
        let info0 = initial.information
        let rr: RankRevealingCholesky
        do { rr = try RankRevealingCholesky(info0) } catch { throw .numerics(error) }
        let aliased = rr.aliased.map { AliasedTerm(name: design.columnNames[$0], reason: aliasReason($0, info0)) }
        guard !rr.independent.isEmpty else { throw .allColumnsAliased(design.columnNames) }
        let reduced = aliased.isEmpty ? design : design.keeping(columns: rr.independent)
        let likelihood = aliased.isEmpty ? full : makeLikelihood(reduced.matrix)
        var opts = options
        opts.ridge = ridge(reduced)
        let newton: NewtonResult
        do {
            newton = try NewtonRaphson.maximize(
                likelihood, start: start(reduced), initial: aliased.isEmpty ? initial : nil, options: opts)
        } catch .notPositiveDefinite {
            throw .singularInformation("the information matrix became singular during the fit of \(modelName)")
        } catch {
            throw .numerics(error)
        }
        let covariance: Matrix
        do { covariance = try Cholesky(newton.information).inverse() } catch {
            throw .singularInformation("the information matrix at the estimate is not positive definite")
        }
        return Fitted(design: reduced, likelihood: likelihood, newton: newton, covariance: covariance, aliased: aliased)
    }
}

/// Validates a per-row input.
func checkFinite(_ values: [Double], name: String, rows: Int) throws(RegressionError) {
    guard values.count == rows else { throw .lengthMismatch(name: name, count: values.count, expected: rows) }
    if let i = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(name: name, row: i, value: values[i]) }
}

/// Checks optional case weights: finite and non-negative.
func checkWeights(_ weights: [Double]?, rows: Int) throws(RegressionError) {
    guard let weights else { return }
    guard weights.count == rows else { throw .lengthMismatch(name: "weights", count: weights.count, expected: rows) }
    if let i = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) { throw .invalidWeight(row: i, value: weights[i]) }
}

/// Whether column `j` of `x` takes a single value.
func isConstantColumn(_ x: Matrix, _ j: Int) -> Bool {
    guard x.rows > 0 else { return true }
    let first = x[0, j]
    for i in 1..<max(x.rows, 1) where x[i, j] != first { return false }
    return true
}
