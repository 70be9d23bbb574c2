import Foundation

/// The exponential-family likelihoods fitted by ``GLMLikelihood``.
public enum GLMFamily: String, Sendable, Equatable {
    /// Bernoulli response with the logit link.
    case binomialLogit = "logistic"
    /// Poisson counts with the log link (an offset carries log exposure time).
    case poissonLog = "poisson"
}

/// The log-likelihood of a generalized linear model, evaluated per row block.
///
/// Each block is processed in chunks of ``chunkRows`` rows in one fused pass: the linear predictor by
/// `dgemv`, the working weights and residuals in a loop, the score by a transposed `dgemv`, and the
/// weighted crossproduct `X'WX` by `dsyrk` on a cache-resident copy of the chunk scaled by `√w`.
/// This reads the design once per iteration, which is what bounds the speed of tall, narrow fits.
public struct GLMLikelihood: PartitionedLikelihood {
    /// Rows per fused chunk: 2048 rows x 50 columns is 800 kB, within a core's L2 cache.
    public static let chunkRows = 2048

    public let family: GLMFamily
    public let design: Matrix
    public let response: [Double]
    public let offset: [Double]?
    public let weights: [Double]?
    public let blocks: [Range<Int>]

    public var parameterCount: Int { design.columns }
    public var partitionCount: Int { blocks.count }

    /// A likelihood over `design` split into `partitions` row blocks.
    public init(
        family: GLMFamily, design: Matrix, response: [Double], offset: [Double]? = nil, weights: [Double]? = nil,
        partitions: Int
    ) {
        self.family = family
        self.design = design
        self.response = response
        self.offset = offset
        self.weights = weights
        self.blocks = rowBlocks(design.rows, count: partitions)
    }

    public func contribution(ofPartition index: Int, at beta: [Double], derivatives: Bool) -> LikelihoodContribution {
        contribution(ofPartition: index, at: beta, gradient: derivatives, information: derivatives)
    }

    /// The log-likelihood and its gradient over all partitions, without the information matrix: one pass of two
    /// `dgemv`s per chunk, no crossproduct. ``LikelihoodContribution/information`` is left zero. This is what the
    /// fixed-information (chord) iterations of a warm-started fit need (``LogisticRegression``).
    public func evaluateGradient(at beta: [Double]) -> LikelihoodContribution {
        if partitionCount > 1 { BLAS.setThreadCount(1) }
        let parts = parallelMap(count: partitionCount) { k in
            self.contribution(ofPartition: k, at: beta, gradient: true, information: false)
        }
        return LikelihoodContribution.sum(parts, parameters: parameterCount)
    }

    private func contribution(
        ofPartition index: Int, at beta: [Double], gradient derivatives: Bool, information: Bool
    ) -> LikelihoodContribution {
        let p = design.columns
        let n = design.rows
        let block = blocks[index]
        var out = LikelihoodContribution(parameters: p)
        out.observations = block.count
        let chunk = Self.chunkRows
        var eta = [Double](repeating: 0, count: chunk)
        var resid = [Double](repeating: 0, count: chunk)
        var sqrtW = [Double](repeating: 0, count: chunk)
        var scaled = [Double](repeating: 0, count: information ? chunk * p : 0)
        var ll = 0.0
        design.storage.withUnsafeBufferPointer { xBuf in
            guard let x = xBuf.baseAddress else { return }
            beta.withUnsafeBufferPointer { b in
                var start = block.lowerBound
                while start < block.upperBound {
                    let m = min(chunk, block.upperBound - start)
                    eta.withUnsafeMutableBufferPointer { e in
                        BLAS.gemv(
                            transpose: false, rows: m, columns: p, alpha: 1, a: x + start, lda: n,
                            x: b.baseAddress!, beta: 0, y: e.baseAddress!)
                    }
                    ll += workingValues(start: start, count: m, eta: &eta, resid: &resid, sqrtW: &sqrtW)
                    if derivatives {
                        resid.withUnsafeBufferPointer { r in
                            out.gradient.withUnsafeMutableBufferPointer { g in
                                BLAS.gemv(
                                    transpose: true, rows: m, columns: p, alpha: 1, a: x + start, lda: n,
                                    x: r.baseAddress!, beta: 1, y: g.baseAddress!)
                            }
                        }
                    }
                    if information {
                        scaled.withUnsafeMutableBufferPointer { z in
                            sqrtW.withUnsafeBufferPointer { s in
                                for j in 0..<p {
                                    let col = x + start + j * n
                                    let dst = z.baseAddress! + j * m
                                    for i in 0..<m { dst[i] = col[i] * s[i] }
                                }
                            }
                            out.information.storage.withUnsafeMutableBufferPointer { c in
                                BLAS.syrkTransposed(
                                    rows: m, columns: p, alpha: 1, a: z.baseAddress!, lda: m, beta: 1,
                                    c: c.baseAddress!)
                            }
                        }
                    }
                    start += m
                }
            }
        }
        out.logLikelihood = ll
        return out
    }

    /// Turns the chunk's linear predictor into residuals `w(y - μ)` and `√(w V(μ))`; returns the chunk's log-likelihood.
    @inline(__always)
    private func workingValues(
        start: Int, count m: Int, eta: inout [Double], resid: inout [Double], sqrtW: inout [Double]
    ) -> Double {
        var ll = 0.0
        response.withUnsafeBufferPointer { y in
            eta.withUnsafeMutableBufferPointer { e in
                resid.withUnsafeMutableBufferPointer { r in
                    sqrtW.withUnsafeMutableBufferPointer { s in
                        if let offset {
                            offset.withUnsafeBufferPointer { o in
                                for i in 0..<m { e[i] += o[start + i] }
                            }
                        }
                        switch family {
                        case .binomialLogit:
                            for i in 0..<m {
                                let v = e[i]
                                let yi = y[start + i]
                                let mu = 1 / (1 + Foundation.exp(-v))
                                // log(1 + e^v) computed without overflow.
                                let softplus = max(v, 0) + Foundation.log1p(Foundation.exp(-abs(v)))
                                let wi = weights?[start + i] ?? 1
                                ll += wi * (yi * v - softplus)
                                r[i] = wi * (yi - mu)
                                s[i] = (wi * mu * (1 - mu)).squareRoot()
                            }
                        case .poissonLog:
                            for i in 0..<m {
                                let v = e[i]
                                let yi = y[start + i]
                                let mu = Foundation.exp(v)
                                let wi = weights?[start + i] ?? 1
                                ll += wi * (yi * v - mu - lgammaPlusOne(yi))
                                r[i] = wi * (yi - mu)
                                s[i] = (wi * mu).squareRoot()
                            }
                        }
                    }
                }
            }
        }
        return ll
    }
}

/// `log(y!)` for a count `y` (0 for 0 and 1).
@inline(__always)
func lgammaPlusOne(_ y: Double) -> Double {
    y < 2 ? 0 : Foundation.lgamma(y + 1)
}
