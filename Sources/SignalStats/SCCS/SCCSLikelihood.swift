import Foundation

/// The SCCS conditional Poisson likelihood on factor-coded intervals, without a dense design matrix.
///
/// Every interval's covariates are a *key*: its exposure pattern, age group and season group, which switch on a
/// short list of indicator parameters. The linear predictor of an interval is `η_key + log(length)`, so `exp` is
/// evaluated once per distinct key and iteration, not once per interval (`w = exp(η_key) · length`). With
/// `p_i = w_i / Σ w` within a case and `n` the case's events:
///
/// - score: `g_j = Σ_i (y_i − n p_i) x_ij`, accumulated per key and expanded once;
/// - information: `Σ_case n (Σ_i p_i x_i x_i' − x̄ x̄')`: the first term is `Σ_key W_key x_key x_key'` with
///   `W_key = Σ n p_i` over the key's intervals; the second a rank-1 update per case, batched into `dsyrk`.
///
/// Memory: 12 bytes per interval (key, length, events) plus 8 per case. Parameters may be held fixed (for profile
/// likelihoods): only the `free` ones are optimized.
package struct SCCSLikelihood: PartitionedLikelihood {
    /// Interval data, grouped by case: `caseStarts[c]..<caseStarts[c + 1]`.
    let caseStarts: [Int]
    let key: [Int32]
    let length: [Double]
    let events: [Double]
    /// Active parameters (indices into the full parameter vector) of each key.
    let keyParameters: [[Int32]]
    /// Full parameter vector; entries not in `free` stay at these values.
    let fixed: [Double]
    /// Indices of the parameters being estimated; position k of the likelihood's parameter vector is `free[k]`.
    let free: [Int]
    let blocks: [Range<Int>]
    /// `Σ y log(length)`: the constant part of the log-likelihood, per partition.
    let constant: [Double]

    package var parameterCount: Int { free.count }
    package var partitionCount: Int { blocks.count }

    init(
        caseStarts: [Int], key: [Int32], length: [Double], events: [Double], keyParameters: [[Int32]],
        fixed: [Double], free: [Int], partitions: Int
    ) {
        self.caseStarts = caseStarts
        self.key = key
        self.length = length
        self.events = events
        self.keyParameters = keyParameters
        self.fixed = fixed
        self.free = free
        self.blocks = groupBlocks(starts: caseStarts, count: partitions)
        self.constant = self.blocks.map { b in
            var c = 0.0
            for i in caseStarts[b.lowerBound]..<caseStarts[b.upperBound] where events[i] > 0 { c += events[i] * Foundation.log(length[i]) }
            return c
        }
    }

    package func contribution(ofPartition index: Int, at beta: [Double], derivatives: Bool) -> LikelihoodContribution {
        let p = free.count
        let full = fullParameters(beta)
        // Position of each full parameter in the free vector (-1 if fixed).
        var position = [Int](repeating: -1, count: fixed.count)
        for (k, j) in free.enumerated() { position[j] = k }
        let keyCount = keyParameters.count
        var keyEta = [Double](repeating: 0, count: keyCount)
        var keyExp = [Double](repeating: 0, count: keyCount)
        // Free positions of each key's parameters, flattened (CSR) so the hot loop touches no nested arrays.
        var freeStart = [Int](repeating: 0, count: keyCount + 1)
        var freeFlat: [Int] = []
        freeFlat.reserveCapacity(keyCount * 3)
        for k in 0..<keyCount {
            var e = 0.0
            for j in keyParameters[k] {
                e += full[Int(j)]
                let f = position[Int(j)]
                if f >= 0 { freeFlat.append(f) }
            }
            freeStart[k + 1] = freeFlat.count
            keyEta[k] = e
            keyExp[k] = Foundation.exp(e)
        }
        var out = LikelihoodContribution(parameters: p)
        var keyScore = [Double](repeating: 0, count: derivatives ? keyCount : 0)
        var keyWeight = [Double](repeating: 0, count: derivatives ? keyCount : 0)
        let capacity = 1024
        var buffer = [Double](repeating: 0, count: derivatives ? capacity * p : 0)
        var filled = 0
        var xbar = [Double](repeating: 0, count: p)
        var ll = constant[index]
        let block = blocks[index]
        var rows = 0
        key.withUnsafeBufferPointer { key in
          length.withUnsafeBufferPointer { len in
            events.withUnsafeBufferPointer { y in
              keyExp.withUnsafeBufferPointer { kexp in
                keyEta.withUnsafeBufferPointer { keta in
                  keyScore.withUnsafeMutableBufferPointer { kscore in
                    keyWeight.withUnsafeMutableBufferPointer { kweight in
                      xbar.withUnsafeMutableBufferPointer { xb in
                        freeStart.withUnsafeBufferPointer { fs in
                          freeFlat.withUnsafeBufferPointer { ff in
                            for c in block {
                                let a = caseStarts[c], b = caseStarts[c + 1]
                                rows += b - a
                                var n = 0.0, total = 0.0, weighted = 0.0
                                for i in a..<b {
                                    let k = Int(key[i])
                                    n += y[i]
                                    total += kexp[k] * len[i]
                                    weighted += y[i] * keta[k]
                                }
                                guard n > 0 else { continue }
                                ll += weighted - n * Foundation.log(total)
                                guard derivatives else { continue }
                                let inv = 1 / total
                                for k in 0..<p { xb[k] = 0 }
                                for i in a..<b {
                                    let k = Int(key[i])
                                    let pi = kexp[k] * len[i] * inv
                                    kscore[k] += y[i] - n * pi
                                    kweight[k] += n * pi
                                    for f in fs[k]..<fs[k + 1] { xb[ff[f]] += pi }
                                }
                                // Rank-1 term −n x̄ x̄', batched: rows √n x̄ into the buffer, dsyrk subtracts them.
                                if filled == capacity {
                                    flush(&buffer, rows: filled, capacity: capacity, p: p, into: &out.information)
                                    filled = 0
                                }
                                let s = n.squareRoot()
                                buffer.withUnsafeMutableBufferPointer { bp in
                                    for k in 0..<p { bp[k * capacity + filled] = s * xb[k] }
                                }
                                filled += 1
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        out.logLikelihood = ll
        out.observations = rows
        guard derivatives else { return out }
        if filled > 0 { flush(&buffer, rows: filled, capacity: capacity, p: p, into: &out.information) }
        // Expand the per-key sums: score and Σ_key W_key x_key x_key' (upper triangle).
        for k in 0..<keyCount where keyWeight[k] != 0 || keyScore[k] != 0 {
            let params = freeFlat[freeStart[k]..<freeStart[k + 1]].sorted()
            for (u, r) in params.enumerated() {
                out.gradient[r] += keyScore[k]
                for c in params[u...] { out.information[r, c] += keyWeight[k] }
            }
        }
        return out
    }

    private func flush(_ buffer: inout [Double], rows: Int, capacity: Int, p: Int, into info: inout Matrix) {
        buffer.withUnsafeBufferPointer { z in
            info.storage.withUnsafeMutableBufferPointer { c in
                guard let a = z.baseAddress, let out = c.baseAddress, p > 0 else { return }
                BLAS.syrkTransposed(rows: rows, columns: p, alpha: -1, a: a, lda: capacity, beta: 1, c: out)
            }
        }
    }

    func fullParameters(_ beta: [Double]) -> [Double] {
        var full = fixed
        for (k, j) in free.enumerated() { full[j] = beta[k] }
        return full
    }

    /// The likelihood without the intervals whose key's parameters satisfy `drop` (cases keep their other intervals;
    /// a case left with no interval disappears).
    func excludingIntervals(where drop: ([Int32]) -> Bool) -> SCCSLikelihood {
        let dropKey = keyParameters.map(drop)
        var starts: [Int] = [0], k: [Int32] = [], len: [Double] = [], y: [Double] = []
        for c in 0..<(caseStarts.count - 1) {
            for i in caseStarts[c]..<caseStarts[c + 1] where !dropKey[Int(key[i])] {
                k.append(key[i])
                len.append(length[i])
                y.append(events[i])
            }
            if k.count > starts[starts.count - 1] { starts.append(k.count) }
        }
        return SCCSLikelihood(
            caseStarts: starts, key: k, length: len, events: y, keyParameters: keyParameters, fixed: fixed, free: free,
            partitions: blocks.count)
    }

    /// The same likelihood with a different set of free parameters and fixed values.
    func with(fixed: [Double], free: [Int]) -> SCCSLikelihood {
        SCCSLikelihood(
            caseStarts: caseStarts, key: key, length: length, events: events, keyParameters: keyParameters,
            fixed: fixed, free: free, partitions: blocks.count)
    }
}
