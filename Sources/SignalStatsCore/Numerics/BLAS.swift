import _SignalStatsBLAS

/// Thin, shape-checked wrappers over the BLAS routines the estimators use.
///
/// Each wrapper checks operand shapes before calling OpenBLAS, so a shape error is a
/// thrown ``NumericsError`` rather than memory corruption.
public enum BLAS {
    /// `y = alpha * op(A) * x + beta * y` (`dgemv`).
    public static func gemv(
        transpose: Bool = false, alpha: Double = 1, _ a: Matrix, _ x: [Double],
        beta: Double = 0, _ y: inout [Double]
    ) throws(NumericsError) {
        let (inLen, outLen) = transpose ? (a.rows, a.columns) : (a.columns, a.rows)
        guard x.count == inLen, y.count == outLen else {
            throw .dimensionMismatch("gemv: A is \(a.rows)x\(a.columns), x has \(x.count), y has \(y.count)")
        }
        guard a.rows > 0, a.columns > 0 else {
            if beta == 0 { for i in y.indices { y[i] = 0 } } else { for i in y.indices { y[i] *= beta } }
            return
        }
        a.storage.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeMutableBufferPointer { yp in
                    cblas_dgemv(
                        CblasColMajor, transpose ? CblasTrans : CblasNoTrans,
                        blasInt(a.rows), blasInt(a.columns), alpha, ap.baseAddress, blasInt(max(a.rows, 1)),
                        xp.baseAddress, 1, beta, yp.baseAddress, 1)
                }
            }
        }
    }

    /// `C = alpha * op(A) * op(B) + beta * C` (`dgemm`).
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1,
        _ a: Matrix, _ b: Matrix, beta: Double = 0, _ c: inout Matrix
    ) throws(NumericsError) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        guard k == kb, c.rows == m, c.columns == n else {
            throw .dimensionMismatch("gemm: op(A) is \(m)x\(k), op(B) is \(kb)x\(n), C is \(c.rows)x\(c.columns)")
        }
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.storage.indices { c.storage[i] *= beta }
            return
        }
        let cRows = c.rows
        a.storage.withUnsafeBufferPointer { ap in
            b.storage.withUnsafeBufferPointer { bp in
                c.storage.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(
                        CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        blasInt(m), blasInt(n), blasInt(k), alpha,
                        ap.baseAddress, blasInt(max(a.rows, 1)), bp.baseAddress, blasInt(max(b.rows, 1)),
                        beta, cp.baseAddress, blasInt(max(cRows, 1)))
                }
            }
        }
    }

    /// Upper triangle of `C = alpha * A' A + beta * C` (`dsyrk`, transposed form).
    ///
    /// Only the upper triangle of `c` is written; call ``Matrix/symmetrizeFromUpper()`` for the full matrix.
    public static func syrkTransposed(alpha: Double = 1, _ a: Matrix, beta: Double = 0, _ c: inout Matrix) throws(NumericsError) {
        guard c.rows == a.columns, c.columns == a.columns else {
            throw .dimensionMismatch("syrk: A is \(a.rows)x\(a.columns), C is \(c.rows)x\(c.columns)")
        }
        guard a.columns > 0 else { return }
        let p = a.columns
        guard a.rows > 0 else {
            for i in c.storage.indices { c.storage[i] *= beta }
            return
        }
        a.storage.withUnsafeBufferPointer { ap in
            c.storage.withUnsafeMutableBufferPointer { cp in
                guard let aBase = ap.baseAddress, let cBase = cp.baseAddress else { return }
                syrkTransposed(rows: a.rows, columns: p, alpha: alpha, a: aBase, lda: a.rows, beta: beta, c: cBase)
            }
        }
    }

    /// Raw-pointer `dsyrk` for kernels that work on a scratch buffer: upper triangle of
    /// `C (p x p) = alpha * A' A + beta * C`, with `A` column-major `rows x columns` and leading dimension `lda`.
    @inlinable
    static func syrkTransposed(
        rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>
    ) {
        guard rows > 0 else {
            if beta != 1 { for i in 0..<(columns * columns) { c[i] *= beta } }
            return
        }
        cblas_dsyrk(
            CblasColMajor, CblasUpper, CblasTrans, blasInt(columns), blasInt(rows),
            alpha, a, blasInt(lda), beta, c, blasInt(columns))
    }

    /// Raw-pointer `dsyrk` on rows stored contiguously: upper triangle of `C (p x p) = alpha * A' A + beta * C` with
    /// `A` row-major `rows x columns` (each row's `columns` values adjacent, rows `lda` apart).
    @inlinable
    static func syrkRowMajorRows(
        rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>
    ) {
        guard rows > 0 else {
            if beta != 1 { for i in 0..<(columns * columns) { c[i] *= beta } }
            return
        }
        // Row-major A is column-major A' (columns x rows): C = A' (A')' with no transpose.
        cblas_dsyrk(
            CblasColMajor, CblasUpper, CblasNoTrans, blasInt(columns), blasInt(rows),
            alpha, a, blasInt(lda), beta, c, blasInt(columns))
    }

    /// Raw-pointer `dgemv`: `y = alpha * op(A) x + beta * y`, `A` column-major with leading dimension `lda`.
    @inlinable
    static func gemv(
        transpose: Bool, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(
            CblasColMajor, transpose ? CblasTrans : CblasNoTrans, blasInt(rows), blasInt(columns),
            alpha, a, blasInt(lda), x, 1, beta, y, 1)
    }

    /// Sets the number of threads OpenBLAS uses for its own routines.
    ///
    /// The row-block kernels in this library run their own parallel loop and call BLAS with one thread
    /// per block; they set this to 1. (The kernel *type*, `OPENBLAS_CORETYPE`, must be set in the environment
    /// before the process starts: see `docs/performance.md`.)
    public static func setThreadCount(_ n: Int) {
        openblas_set_num_threads(Int32(max(n, 1)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's description of its build and the kernel it selected (for example `"... Haswell ..."`).
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return String(cString: c) + " core=" + core
    }
}

@inlinable
func blasInt(_ v: Int) -> Int32 { Int32(truncatingIfNeeded: v) }
