import Foundation

/// The conditional Poisson log-likelihood of rows grouped in strata (the SCCS likelihood).
///
/// Within stratum `i` with rows `j`, counts `y_ij`, linear predictor `η_ij = x_ij'β + o_ij` (the offset
/// `o` is usually log interval length) and `n_i = Σ_j y_ij` events, conditioning on `n_i` gives a
/// multinomial likelihood
///
/// ```
/// ℓ(β) = Σ_i Σ_j y_ij log p_ij,    p_ij = exp(η_ij) / Σ_k exp(η_ik)
/// ```
///
/// (without the multinomial constant, as R `SCCS` and Stata `sccsdta` report it). Its score is
/// `Σ_ij (y_ij − n_i p_ij) x_ij` and its information `Σ_i n_i Σ_j p_ij (x_ij − x̄_i)(x_ij − x̄_i)'` with
/// `x̄_i = Σ_j p_ij x_ij`: a weighted crossproduct of within-stratum centred rows, accumulated by `dsyrk`.
/// Strata with several events and strata whose rows all have the same count are handled by the same
/// formula; strata with no events contribute nothing.
///
/// Rows must be grouped by stratum: ``strataStarts`` holds each stratum's first row and, last, the row count.
public struct ConditionalPoissonLikelihood: PartitionedLikelihood {
    public let design: Matrix
    public let counts: [Double]
    public let offset: [Double]?
    /// First row of each stratum, then the number of rows (CSR-style offsets).
    public let strataStarts: [Int]
    /// Each partition is a contiguous range of strata.
    public let blocks: [Range<Int>]

    public var parameterCount: Int { design.columns }
    public var partitionCount: Int { blocks.count }

    /// - Parameters:
    ///   - design: covariates, rows grouped by stratum.
    ///   - counts: event counts per row.
    ///   - offset: log exposure time (plus any fixed term) per row, or `nil`.
    ///   - strataStarts: first row of each stratum, then the row count.
    ///   - partitions: the number of stratum blocks, balanced by row count.
    public init(design: Matrix, counts: [Double], offset: [Double]?, strataStarts: [Int], partitions: Int) {
        self.design = design
        self.counts = counts
        self.offset = offset
        self.strataStarts = strataStarts
        self.blocks = groupBlocks(starts: strataStarts, count: partitions)
    }

    public func contribution(ofPartition index: Int, at beta: [Double], derivatives: Bool) -> LikelihoodContribution {
        let p = design.columns
        let n = design.rows
        let strata = blocks[index]
        var out = LikelihoodContribution(parameters: p)
        let capacity = GLMLikelihood.chunkRows
        var scaled = [Double](repeating: 0, count: derivatives ? capacity * p : 0)
        var scaledCapacity = capacity
        var filled = 0
        var eta = [Double](repeating: 0, count: 64)
        var xbar = [Double](repeating: 0, count: p)
        var ll = 0.0
        var observations = 0

        design.storage.withUnsafeBufferPointer { xBuf in
            guard let x = xBuf.baseAddress else { return }
            counts.withUnsafeBufferPointer { y in
                for s in strata {
                    let a = strataStarts[s]
                    let m = strataStarts[s + 1] - a
                    observations += m
                    var events = 0.0
                    for j in 0..<m { events += y[a + j] }
                    if events == 0 { continue }
                    if eta.count < m { eta = [Double](repeating: 0, count: m) }
                    // Linear predictor, column by column (contiguous reads of column-major storage).
                    for j in 0..<m { eta[j] = offset?[a + j] ?? 0 }
                    for k in 0..<p {
                        let bk = beta[k]
                        if bk == 0 { continue }
                        let col = x + k * n + a
                        for j in 0..<m { eta[j] += col[j] * bk }
                    }
                    var top = -Double.infinity
                    var weightedEta = 0.0
                    for j in 0..<m {
                        top = max(top, eta[j])
                        if y[a + j] != 0 { weightedEta += y[a + j] * eta[j] }
                    }
                    var total = 0.0
                    for j in 0..<m {
                        let w = Foundation.exp(eta[j] - top)
                        eta[j] = w  // reuse as unnormalized weights
                        total += w
                    }
                    // ℓ_i = Σ_j y_j η_j − n_i log Σ_j e^η_j
                    ll += weightedEta - events * (top + Foundation.log(total))
                    guard derivatives else { continue }
                    let inv = 1 / total
                    for j in 0..<m { eta[j] *= inv }  // now p_ij
                    for k in 0..<p {
                        let col = x + k * n + a
                        var mean = 0.0
                        var score = 0.0
                        for j in 0..<m {
                            mean += eta[j] * col[j]
                            score += y[a + j] * col[j]
                        }
                        xbar[k] = mean
                        out.gradient[k] += score - events * mean
                    }
                    if filled + m > scaledCapacity {
                        flush(&scaled, rows: filled, capacity: scaledCapacity, p: p, into: &out.information)
                        filled = 0
                        if m > scaledCapacity {
                            scaledCapacity = m
                            scaled = [Double](repeating: 0, count: m * p)
                        }
                    }
                    // √(n p_j) once per row, then the centred, scaled rows column by column.
                    for j in 0..<m { eta[j] = (events * eta[j]).squareRoot() }
                    scaled.withUnsafeMutableBufferPointer { z in
                        guard let base = z.baseAddress else { return }
                        for k in 0..<p {
                            let col = x + k * n + a
                            let dst = base + k * scaledCapacity + filled
                            let c = xbar[k]
                            for j in 0..<m { dst[j] = eta[j] * (col[j] - c) }
                        }
                    }
                    filled += m
                }
            }
        }
        if derivatives && filled > 0 {
            flush(&scaled, rows: filled, capacity: scaledCapacity, p: p, into: &out.information)
        }
        out.logLikelihood = ll
        out.observations = observations
        return out
    }

    private func flush(_ scaled: inout [Double], rows: Int, capacity: Int, p: Int, into info: inout Matrix) {
        scaled.withUnsafeBufferPointer { z in
            info.storage.withUnsafeMutableBufferPointer { c in
                guard let a = z.baseAddress, let out = c.baseAddress, p > 0 else { return }
                BLAS.syrkTransposed(rows: rows, columns: p, alpha: 1, a: a, lda: capacity, beta: 1, c: out)
            }
        }
    }
}
