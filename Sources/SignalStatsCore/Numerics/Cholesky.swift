import Foundation
import _SignalStatsBLAS

/// A Cholesky factorization `A = U'U` of a symmetric positive definite matrix (LAPACK `dpotrf`).
///
/// Plain Cholesky does not detect collinearity reliably (a duplicated column can factor with
/// `info = 0`); use ``RankRevealingCholesky`` to find aliased columns first, then this for solves.
public struct Cholesky: Sendable {
    /// The upper-triangular factor `U` (lower triangle unspecified).
    public let factor: Matrix

    /// Factors `a` (only its upper triangle is read).
    ///
    /// - Throws: ``NumericsError/notPositiveDefinite(leadingMinor:)`` if `a` is not positive definite,
    ///   ``NumericsError/nonFinite(_:)`` if it holds NaN or infinity.
    public init(_ a: Matrix) throws(NumericsError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("Cholesky of a \(a.rows)x\(a.columns) matrix") }
        for v in a.storage where !v.isFinite { throw .nonFinite("matrix to factor contains \(v)") }
        var f = a
        let n = a.rows
        let info = n == 0 ? 0 : f.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), blasInt(n), p.baseAddress, blasInt(n))
        }
        if info > 0 { throw .notPositiveDefinite(leadingMinor: Int(info)) }
        if info < 0 { throw .lapackFailure(routine: "dpotrf", info: info) }
        factor = f
    }

    /// Solves `A x = b`.
    public func solve(_ b: [Double]) throws(NumericsError) -> [Double] {
        let n = factor.rows
        guard b.count == n else { throw .dimensionMismatch("solve: A is \(n)x\(n), b has \(b.count)") }
        if n == 0 { return [] }
        var x = b
        let info = factor.storage.withUnsafeBufferPointer { fp in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE_dpotrs(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), blasInt(n), 1, fp.baseAddress, blasInt(n),
                    xp.baseAddress, blasInt(n))
            }
        }
        if info != 0 { throw .lapackFailure(routine: "dpotrs", info: info) }
        return x
    }

    /// The inverse `A⁻¹` (full symmetric matrix).
    public func inverse() throws(NumericsError) -> Matrix {
        var inv = factor
        let n = factor.rows
        if n == 0 { return inv }
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), blasInt(n), p.baseAddress, blasInt(n))
        }
        if info != 0 { throw .lapackFailure(routine: "dpotri", info: info) }
        inv.symmetrizeFromUpper()
        return inv
    }

    /// `log det A = 2 Σ log U_ii`.
    public var logDeterminant: Double {
        factor.diagonal.reduce(0) { $0 + 2 * Foundation.log($1) }
    }
}

/// A rank-revealing Cholesky factorization in column order, naming aliased (collinear) columns.
///
/// Columns are taken in their given order, as R's `lm`/`glm` QR (`dqrdc2`, limited pivoting) does:
/// a column is kept when its variance left after projecting out the columns kept before it is more
/// than `tolerance` times its own variance (the matrix is read on the unit-diagonal scale, so the test
/// does not depend on units); otherwise it is *aliased*, and the later of two collinear columns is the one
/// named. Plain `dpotrf` cannot be used for this: a duplicated column can factor with `info = 0`.
///
/// - Complexity: O(p³) for a p x p matrix.
public struct RankRevealingCholesky: Sendable {
    /// Numerical rank of the matrix.
    public let rank: Int
    /// Indices (ascending) of the columns kept as linearly independent.
    public let independent: [Int]
    /// Indices (ascending) of the columns that are (numerically) linear combinations of earlier ones.
    public let aliased: [Int]

    /// Factors `a` (symmetric positive semi-definite; upper triangle read).
    ///
    /// - Parameters:
    ///   - a: the matrix to factor.
    ///   - tolerance: relative residual-variance threshold (default `1e-9`; R's QR uses `1e-7` on
    ///     the column norm, i.e. `1e-14` on the variance, which lets near-collinear fits through; `1e-9` flags
    ///     a column that is a combination of others up to one part in about 30,000 of its standard deviation).
    public init(_ a: Matrix, tolerance: Double = 1e-9) throws(NumericsError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("rank-revealing Cholesky of a \(a.rows)x\(a.columns) matrix") }
        for v in a.storage where !v.isFinite { throw .nonFinite("matrix to factor contains \(v)") }
        let n = a.rows
        let d = a.diagonal
        // Unit-diagonal copy of the upper triangle.
        var r = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0...j where d[i] > 0 && d[j] > 0 {
                r[i, j] = a[i, j] / (d[i] * d[j]).squareRoot()
            }
        }
        var kept: [Int] = []
        var aliasedCols: [Int] = []
        // Right-looking Cholesky over kept columns only: U[k, j] for kept k < j.
        for j in 0..<n {
            var residual = d[j] > 0 ? r[j, j] : 0
            for k in kept { residual -= r[k, j] * r[k, j] }
            if !(residual > tolerance) {
                aliasedCols.append(j)
                continue
            }
            let ujj = residual.squareRoot()
            r[j, j] = ujj
            for l in (j + 1)..<max(n, j + 1) where l < n {
                var v = r[j, l]
                for k in kept { v -= r[k, j] * r[k, l] }
                r[j, l] = v / ujj
            }
            kept.append(j)
        }
        rank = kept.count
        independent = kept
        aliased = aliasedCols
    }
}
