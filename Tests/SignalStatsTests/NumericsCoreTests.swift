import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Closed-form checks of the dense linear-algebra layer.
@Suite struct NumericsCoreTests {
    // A = [[4, 2], [2, 3]]: A x = [2, 1] has x = [0.5, 0] (by hand), det = 8, A⁻¹ = [[3, -2], [-2, 4]] / 8.
    let a = try! Matrix(rows: 2, columns: 2, columnMajor: [4, 2, 2, 3])

    @Test func gemvAndGemm() throws {
        var y = [0.0, 0.0]
        try BLAS.gemv(a, [1, 1], &y)
        #expect(y == [6, 5])
        try BLAS.gemv(transpose: true, a, [1, 0], beta: 0, &y)
        #expect(y == [4, 2])
        var c = Matrix(rows: 2, columns: 2)
        try BLAS.gemm(a, a, &c)
        #expect(c.storage == [20, 14, 14, 13])
        #expect(throws: NumericsError.self) { try BLAS.gemv(a, [1, 1, 1], &y) }
    }

    @Test func syrkUpperTriangle() throws {
        // X = [[1, 2], [3, 4], [5, 6]]: X'X = [[35, 44], [44, 56]].
        let x = try Matrix(rows: 3, columns: 2, columnMajor: [1, 3, 5, 2, 4, 6])
        var c = Matrix(rows: 2, columns: 2)
        try BLAS.syrkTransposed(x, &c)
        c.symmetrizeFromUpper()
        #expect(c.storage == [35, 44, 44, 56])
    }

    @Test func choleskySolveInverse() throws {
        let chol = try Cholesky(a)
        expectClose(try chol.solve([2, 1]), [0.5, 0], relative: 1e-15)
        expectClose(try chol.inverse().storage, [3.0 / 8, -2.0 / 8, -2.0 / 8, 4.0 / 8], relative: 1e-15)
        expectClose(chol.logDeterminant, Foundation.log(8), relative: 1e-15)
        let indefinite = try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 2, 1])
        #expect(throws: NumericsError.notPositiveDefinite(leadingMinor: 2)) { try Cholesky(indefinite) }
        let bad = try Matrix(rows: 1, columns: 1, columnMajor: [.nan])
        #expect(throws: NumericsError.self) { try Cholesky(bad) }
    }

    @Test func rankRevealingNamesAliasedColumns() throws {
        // Columns: intercept, x, 2x + 1 (a combination of the first two), z, a duplicate of z.
        let xs: [Double] = [1, 2, 3, 4, 5, 7]
        let zs: [Double] = [0, 1, 0, 1, 1, 0]
        let x = try Matrix(columns: [[Double](repeating: 1, count: 6), xs, xs.map { 2 * $0 + 1 }, zs, zs])
        var xtx = Matrix(rows: 5, columns: 5)
        try BLAS.syrkTransposed(x, &xtx)
        let rr = try RankRevealingCholesky(xtx)
        #expect(rr.rank == 3)
        #expect(rr.independent == [0, 1, 3])
        #expect(rr.aliased == [2, 4])
        // Plain dpotrf does not reliably refuse this matrix; the rank-revealing one is what the models use.
    }

    @Test func rowBlocksCoverRangeExactly() {
        for n in [0, 1, 5, 1000, 1001] {
            for k in [1, 2, 3, 8] {
                let blocks = rowBlocks(n, count: k)
                #expect(blocks.map(\.count).reduce(0, +) == n)
                #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            }
        }
    }
}

import Foundation

/// A quadratic log-likelihood with a known maximum checks the Newton driver on its own:
/// ℓ(β) = −½ (β − m)' A (β − m) is maximized at m in one Newton step.
struct QuadraticLikelihood: PartitionedLikelihood {
    let a: Matrix
    let m: [Double]
    var parameterCount: Int { m.count }
    var partitionCount: Int { 1 }
    func contribution(ofPartition index: Int, at beta: [Double], derivatives: Bool) -> LikelihoodContribution {
        var c = LikelihoodContribution(parameters: m.count)
        let d = zip(beta, m).map { $0 - $1 }
        for i in 0..<m.count {
            for j in 0..<m.count {
                c.logLikelihood -= 0.5 * d[i] * a[i, j] * d[j]
                c.gradient[i] -= a[i, j] * d[j]
            }
        }
        c.information = a
        c.observations = 1
        return c
    }
}

@Suite struct NewtonRaphsonTests {
    @Test func quadraticConvergesInOneStep() throws {
        let a = try Matrix(rows: 2, columns: 2, columnMajor: [4, 2, 2, 3])
        let r = try NewtonRaphson.maximize(QuadraticLikelihood(a: a, m: [1.5, -2]), start: [0, 0])
        expectClose(r.estimate, [1.5, -2], relative: 1e-14)
        #expect(r.status == .converged(iterations: 2) || r.status == .converged(iterations: 1))
        #expect(r.trace.count >= 2)
    }

    @Test func iterationCapIsReported() throws {
        let a = try Matrix(rows: 1, columns: 1, columnMajor: [1])
        var options = NewtonOptions()
        options.maxIterations = 0
        let r = try NewtonRaphson.maximize(QuadraticLikelihood(a: a, m: [3]), start: [0], options: options)
        #expect(r.status == .iterationLimit(iterations: 0))
        #expect(!r.status.isConverged)
        #expect(r.status.description == "did not converge after 0 iterations")
    }
}
