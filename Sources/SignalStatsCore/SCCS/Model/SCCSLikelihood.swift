import Foundation

/// The SCCS conditional Poisson likelihood on factor-coded intervals, without a dense design matrix.
///
/// Every interval's covariates are a *key*: its exposure pattern, age group and season group, which switch on a
/// short list of indicator parameters. The linear predictor of an interval is `η_key + log(length)`, so `exp` is
/// evaluated once per distinct key and iteration, not once per interval (`w = exp(η_key) · length`). With
/// `p_i = w_i / Σ w` within a case, `n` the case's events and `Y_key` the events of a key:
///
/// - log-likelihood: `Σ_key Y_key η_key − Σ_case n log Σ_i w_i` (plus `Σ y log length`): the first term is a
///   sufficient statistic, so each pass over the intervals only sums `w` per case;
/// - score: `Σ_key (Y_key − W_key) x_key` with `W_key = Σ n p_i` over the key's intervals;
/// - information: `Σ_key W_key x_key x_key' − Σ_case n x̄ x̄'`: the second term a rank-1 update per case, batched
///   into `dsyrk`.
///
/// The intervals' own columns are used in place (key, length as 32-bit integers: 8 bytes per interval read per
/// evaluation); the likelihood adds 16 bytes per case. Every sum is per partition (whole cases), so partitions can be
/// evaluated apart and added. Parameters may be held fixed (for profile likelihoods): only the `free` ones are
/// optimized.
package struct SCCSLikelihood: PartitionedLikelihood {
    /// Interval data, grouped by case: `caseStarts[c]..<caseStarts[c + 1]`.
    let caseStarts: [Int]
    let key: [Int32]
    let length: [Int32]
    let events: [Int32]
    /// Events of each case.
    let caseEvents: [Double]
    /// Intervals of the largest case.
    let maxCaseRows: Int
    /// Active parameters (indices into the full parameter vector) of each key.
    let keyParameters: [[Int32]]
    /// Events per key in each partition (`partitionKeyEvents[b][k]`).
    let partitionKeyEvents: [[Double]]
    /// Full parameter vector; entries not in `free` stay at these values.
    let fixed: [Double]
    /// Indices of the parameters being estimated; position k of the likelihood's parameter vector is `free[k]`.
    let free: [Int]
    let blocks: [Range<Int>]
    /// `Σ y log(length)`: the constant part of the log-likelihood, per partition.
    let constant: [Double]

    package var parameterCount: Int { free.count }
    package var partitionCount: Int { blocks.count }

    /// Number of keys.
    var keyCount: Int { keyParameters.count }

    init(
        caseStarts: [Int], key: [Int32], length: [Int32], events: [Int32], keyParameters: [[Int32]],
        fixed: [Double], free: [Int], partitions: Int
    ) {
        self.caseStarts = caseStarts
        self.key = key
        self.length = length
        self.events = events
        self.keyParameters = keyParameters
        self.fixed = fixed
        self.free = free
        let blocks = groupBlocks(starts: caseStarts, count: partitions)
        self.blocks = blocks
        let keys = keyParameters.count
        var largest = 1
        for c in 0..<max(caseStarts.count - 1, 0) { largest = max(largest, caseStarts[c + 1] - caseStarts[c]) }
        maxCaseRows = largest
        // One pass over the events per partition (in parallel): constants, events per case and per key.
        let parts = parallelMap(count: blocks.count) { b -> (constant: Double, caseEvents: [Double], keyEvents: [Double]) in
            var c = 0.0
            var perKey = [Double](repeating: 0, count: keys)
            var perCase = [Double](repeating: 0, count: blocks[b].count)
            for (m, cs) in blocks[b].enumerated() {
                var n = 0
                for i in caseStarts[cs]..<caseStarts[cs + 1] where events[i] > 0 {
                    let y = Double(events[i])
                    n += Int(events[i])
                    c += y * Foundation.log(Double(length[i]))
                    perKey[Int(key[i])] += y
                }
                perCase[m] = Double(n)
            }
            return (c, perCase, perKey)
        }
        constant = parts.map(\.constant)
        caseEvents = parts.flatMap(\.caseEvents)
        partitionKeyEvents = parts.map(\.keyEvents)
    }

    /// Events per key over all partitions.
    var keyEvents: [Double] {
        var total = [Double](repeating: 0, count: keyCount)
        for part in partitionKeyEvents { for k in part.indices { total[k] += part[k] } }
        return total
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
        let keyY = partitionKeyEvents[index]
        var out = LikelihoodContribution(parameters: p)
        var ll = constant[index]
        for k in 0..<keyCount where keyY[k] != 0 { ll += keyY[k] * keyEta[k] }
        let block = blocks[index]
        // Compensated sum: at a million cases plain summation leaves about 1e-6 of rounding in the log-likelihood,
        // more than the profile-limit solve resolves.
        var logSum = CompensatedSum()
        guard derivatives else {
            key.withUnsafeBufferPointer { key in
              length.withUnsafeBufferPointer { len in
                caseStarts.withUnsafeBufferPointer { starts in
                  caseEvents.withUnsafeBufferPointer { caseN in
                    keyExp.withUnsafeBufferPointer { kexp in
                      for c in block {
                          let n = caseN[c]
                          guard n > 0 else { continue }
                          var total = 0.0
                          for i in starts[c]..<starts[c + 1] { total += kexp[Int(key[i])] * Double(len[i]) }
                          logSum.add(n * Foundation.log(total))
                      }
                    }
                  }
                }
              }
            }
            out.logLikelihood = ll - logSum.value
            out.observations = caseStarts[block.upperBound] - caseStarts[block.lowerBound]
            return out
        }
        // Free positions of each key's parameters in three slots (a spare slot `p` absorbs unused ones), so the hot
        // loop adds without an inner loop; keys with more than three free parameters use the flattened lists.
        let widest = (0..<keyCount).reduce(0) { max($0, freeStart[$1 + 1] - freeStart[$1]) }
        let slotted = widest <= 3
        // Unused slots point at one of eight spare entries chosen by key, so consecutive intervals (different keys) do
        // not chain their additions through one memory location (that chain took 44% of the evaluation).
        let spares = 8
        var slots = [Int32](repeating: Int32(p), count: slotted ? 3 * keyCount : 0)
        if slotted {
            for k in 0..<keyCount {
                for t in 0..<3 { slots[3 * k + t] = Int32(p + (k + t) % spares) }
                for (t, f) in freeFlat[freeStart[k]..<freeStart[k + 1]].enumerated() { slots[3 * k + t] = Int32(f) }
            }
        }
        var keyWeight = [Double](repeating: 0, count: keyCount)
        // Rank-1 rows (n x̄)/√n, p adjacent values per case, batched into dsyrk.
        let capacity = 512
        var buffer = [Double](repeating: 0, count: capacity * max(p, 1))
        var filled = 0
        var xbar = [Double](repeating: 0, count: p + spares)
        var weights = [Double](repeating: 0, count: maxCaseRows)
        key.withUnsafeBufferPointer { key in
          length.withUnsafeBufferPointer { len in
            caseStarts.withUnsafeBufferPointer { starts in
              caseEvents.withUnsafeBufferPointer { caseN in
                keyExp.withUnsafeBufferPointer { kexp in
                  keyWeight.withUnsafeMutableBufferPointer { kweight in
                    xbar.withUnsafeMutableBufferPointer { xb in
                      freeStart.withUnsafeBufferPointer { fs in
                        freeFlat.withUnsafeBufferPointer { ff in
                          slots.withUnsafeBufferPointer { slot in
                            weights.withUnsafeMutableBufferPointer { w in
                              buffer.withUnsafeMutableBufferPointer { bp in
                                for c in block {
                                    let n = caseN[c]
                                    guard n > 0 else { continue }
                                    let a = starts[c], b = starts[c + 1]
                                    var total = 0.0
                                    for i in a..<b {
                                        let v = kexp[Int(key[i])] * Double(len[i])
                                        w[i - a] = v
                                        total += v
                                    }
                                    logSum.add(n * Foundation.log(total))
                                    // n p_i per interval: per-key weights and n x̄ (the case's expected covariates).
                                    let scale = n / total
                                    for k in 0..<p { xb[k] = 0 }
                                    if slotted {
                                        for i in a..<b {
                                            let k = Int(key[i])
                                            let q = w[i - a] * scale
                                            kweight[k] += q
                                            xb[Int(slot[3 * k])] += q
                                            xb[Int(slot[3 * k + 1])] += q
                                            xb[Int(slot[3 * k + 2])] += q
                                        }
                                    } else {
                                        for i in a..<b {
                                            let k = Int(key[i])
                                            let q = w[i - a] * scale
                                            kweight[k] += q
                                            for f in fs[k]..<fs[k + 1] { xb[ff[f]] += q }
                                        }
                                    }
                                    // Rank-1 term −n x̄ x̄' = −(n x̄)(n x̄)'/n.
                                    if filled == capacity {
                                        flush(bp, rows: filled, p: p, into: &out.information)
                                        filled = 0
                                    }
                                    let s = 1 / n.squareRoot()
                                    let row = filled * p
                                    for k in 0..<p { bp[row + k] = s * xb[k] }
                                    filled += 1
                                }
                                if filled > 0 { flush(bp, rows: filled, p: p, into: &out.information) }
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
        }
        out.logLikelihood = ll - logSum.value
        out.observations = caseStarts[block.upperBound] - caseStarts[block.lowerBound]
        // Expand the per-key sums: score Σ (Y − W) x and Σ_key W_key x_key x_key' (upper triangle).
        for k in 0..<keyCount where keyWeight[k] != 0 || keyY[k] != 0 {
            let params = freeFlat[freeStart[k]..<freeStart[k + 1]].sorted()
            for (u, r) in params.enumerated() {
                out.gradient[r] += keyY[k] - keyWeight[k]
                for c in params[u...] { out.information[r, c] += keyWeight[k] }
            }
        }
        return out
    }

    private func flush(_ buffer: UnsafeMutableBufferPointer<Double>, rows: Int, p: Int, into info: inout Matrix) {
        info.storage.withUnsafeMutableBufferPointer { c in
            guard let a = buffer.baseAddress, let out = c.baseAddress, p > 0 else { return }
            BLAS.syrkRowMajorRows(rows: rows, columns: p, alpha: -1, a: a, lda: p, beta: 1, c: out)
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
        var starts: [Int] = [0], k: [Int32] = [], len: [Int32] = [], y: [Int32] = []
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

    /// The same likelihood with a different set of free parameters and fixed values (no pass over the data).
    func with(fixed: [Double], free: [Int]) -> SCCSLikelihood {
        SCCSLikelihood(copying: self, fixed: fixed, free: free)
    }

    private init(copying other: SCCSLikelihood, fixed: [Double], free: [Int]) {
        caseStarts = other.caseStarts
        key = other.key
        length = other.length
        events = other.events
        caseEvents = other.caseEvents
        maxCaseRows = other.maxCaseRows
        keyParameters = other.keyParameters
        partitionKeyEvents = other.partitionKeyEvents
        blocks = other.blocks
        constant = other.constant
        self.fixed = fixed
        self.free = free
    }
}

