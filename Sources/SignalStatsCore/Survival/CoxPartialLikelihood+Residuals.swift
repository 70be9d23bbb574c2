import Foundation

// Score residuals (for the robust variance) and the pieces of the proportional-hazards score test, at a fixed β.
// Both reuse the scalar pass and the risk-set means of the fit's kernel.

extension CoxPartialLikelihood {
    /// Sums of case-weighted score residuals `Σ_{i ∈ cluster} w_i U_i` per cluster (clusters x p, column-major).
    ///
    /// The score residual of row `i` (Therneau & Grambsch 2000, section 4.6; R `residuals.coxph(type = "score")`,
    /// whose Efron form this reproduces) is
    ///
    /// ```
    /// U_i = δ_i (x_i − m̄_{T_i}) − e^{η_i} Σ_{t_g ≤ T_i} Σ_k h_gk (x_i − m_gk) + δ_i e^{η_i} Σ_k (k/d) h_gk (x_i − m_gk)
    /// ```
    ///
    /// with `m̄` the average of the event terms' means at the row's own time (the last term undoes, for a tied event,
    /// Efron's partial removal of its own risk). Computed column by column with cumulative sums over the groups:
    /// O(n p) work, no per-row vectors.
    ///
    /// - Parameter cluster: each row's cluster in analysis order, numbered `0 ..< clusterCount`.
    func clusterScoreSums(at beta: [Double], cluster: [Int], clusterCount: Int) -> Matrix {
        let p = x.columns, n = x.rows
        var sums = Matrix(rows: clusterCount, columns: p)
        for k in 0..<partitionCount {
            let pass = scalarPass(partition: k, beta: beta)
            let e = pass.eta.map { Foundation.exp($0) }
            let gCount = pass.groups.count
            // Cumulative hazard per group (times at or before the group's, within its stratum).
            var cumHazard = [Double](repeating: 0, count: gCount)
            for s in pass.strata {
                var acc = 0.0
                for g in stride(from: strataGroupStarts[s + 1] - 1, through: strataGroupStarts[s], by: -1) {
                    acc += pass.hazard[g - pass.groups.lowerBound]
                    cumHazard[g - pass.groups.lowerBound] = acc
                }
            }
            var gMean = [Double](repeating: 0, count: gCount)  // Σ_k h m
            var gShiftMean = [Double](repeating: 0, count: gCount)  // Σ_k (k/d) h m
            var gAverage = [Double](repeating: 0, count: gCount)  // m̄
            sums.storage.withUnsafeMutableBufferPointer { sb in
                x.storage.withUnsafeBufferPointer { xb in
                    guard let xp = xb.baseAddress, let sp = sb.baseAddress else { return }
                    for j in 0..<p {
                        let col = xp + j * n
                        let dst = sp + j * clusterCount
                        var term = 0
                        for s in pass.strata {
                            let g0 = strataGroupStarts[s], g1 = strataGroupStarts[s + 1]
                            var s1 = 0.0
                            for g in g0..<g1 {
                                var e1 = 0.0
                                for r in groupStarts[g]..<groupStarts[g + 1] {
                                    let v = pass.risk[r - pass.rows.lowerBound] * col[r]
                                    s1 += v
                                    if status[r] != 0 { e1 += v }
                                }
                                let lg = g - pass.groups.lowerBound
                                let d = groupEvents[g]
                                guard d > 0 else {
                                    gMean[lg] = 0
                                    gShiftMean[lg] = 0
                                    gAverage[lg] = 0
                                    continue
                                }
                                let terms = efronTerms(d) ? d : 1
                                var hm = 0.0, fhm = 0.0, mSum = 0.0
                                for _ in 0..<terms {
                                    let den = pass.termDenominator[term]
                                    let f = pass.termFraction[term]
                                    let m = (s1 - f * e1) / den
                                    let h = pass.termWeight[term] / den
                                    hm += h * m
                                    fhm += f * h * m
                                    mSum += m
                                    term += 1
                                }
                                gMean[lg] = hm
                                gShiftMean[lg] = fhm
                                gAverage[lg] = mSum / Double(terms)
                            }
                            var cumMean = 0.0
                            for g in stride(from: g1 - 1, through: g0, by: -1) {
                                let lg = g - pass.groups.lowerBound
                                cumMean += gMean[lg]
                                for r in groupStarts[g]..<groupStarts[g + 1] {
                                    let i = r - pass.rows.lowerBound
                                    let xi = col[r]
                                    var u = -e[i] * (xi * cumHazard[lg] - cumMean)
                                    if status[r] != 0 {
                                        u += (xi - gAverage[lg]) + e[i] * (xi * pass.efronShift[lg] - gShiftMean[lg])
                                    }
                                    dst[cluster[r]] += weights[r] * u
                                }
                            }
                        }
                    }
                }
            }
        }
        return sums
    }

    /// The score and information of the proportional-hazards score test at `beta` (Grambsch & Therneau 1994, in the
    /// exact score-test form of R `survival` ≥ 3.0, `cox.zph`): the model is augmented with `x_i g(t)` for a
    /// function `g` of time, centred on its mean over events, and tested at `γ = 0`.
    ///
    /// - Parameter timeFunction: `g` for each group (global group index).
    /// - Returns: `u`, the 2p-vector `(0, U_γ)`, and the full 2p x 2p information `[[I₀, I₁], [I₁, I₂]]` with
    ///   `I_k = Σ_t g(t)^k V(t)`, `V(t)` the weighted covariance of the risk set at `t`.
    func proportionalHazardsScore(at beta: [Double], timeFunction: [Double]) -> (u: [Double], information: Matrix) {
        let p = x.columns
        var i0 = Matrix(rows: p, columns: p), i1 = i0, i2 = i0
        var uGamma = [Double](repeating: 0, count: p)
        for k in 0..<partitionCount {
            let pass = scalarPass(partition: k, beta: beta)
            let c0 = pass.rowWeights(self, power: 0, timeFunction: nil)
            let c1 = pass.rowWeights(self, power: 1, timeFunction: timeFunction)
            let c2 = pass.rowWeights(self, power: 2, timeFunction: timeFunction)
            addWeightedCrossProduct(rows: pass.rows, c0, nonNegative: false, into: &i0)
            addWeightedCrossProduct(rows: pass.rows, c1, nonNegative: false, into: &i1)
            addWeightedCrossProduct(rows: pass.rows, c2, nonNegative: false, into: &i2)
            var v = [Double](repeating: 0, count: pass.rows.count)
            for g in pass.groups {
                for r in groupStarts[g]..<groupStarts[g + 1] {
                    let i = r - pass.rows.lowerBound
                    v[i] = weights[r] * status[r] * timeFunction[g] - c1[i]
                }
            }
            let u = crossProductVector(rows: pass.rows, v)
            for j in 0..<p { uGamma[j] += u[j] }
            let means = eventMeans(pass)
            let t = means.terms
            guard t > 0 else { continue }
            for (power, target) in [(0, 0), (1, 1), (2, 2)] {
                var scaled = means.means
                for j in 0..<p {
                    for q in 0..<t {
                        let g = timeFunction[means.termGroup[q]]
                        let f = power == 0 ? 1 : (power == 1 ? g : g * g)
                        scaled.storage[q + j * t] *= means.termWeight[q] * f
                    }
                }
                var product = Matrix(rows: p, columns: p)
                means.means.storage.withUnsafeBufferPointer { a in
                    scaled.storage.withUnsafeBufferPointer { b in
                        product.storage.withUnsafeMutableBufferPointer { c in
                            guard let ap = a.baseAddress, let bp = b.baseAddress, let cp = c.baseAddress else { return }
                            gemmTransposedAccumulate(rows: p, columns: p, inner: t, a: ap, lda: t, b: bp, ldb: t, c: cp)
                        }
                    }
                }
                for q in 0..<(p * p) {
                    switch target {
                    case 0: i0.storage[q] -= product.storage[q]
                    case 1: i1.storage[q] -= product.storage[q]
                    default: i2.storage[q] -= product.storage[q]
                    }
                }
            }
        }
        var full = Matrix(rows: 2 * p, columns: 2 * p)
        for a in 0..<p {
            for b in 0..<p {
                full[a, b] = i0[a, b]
                full[a, b + p] = i1[a, b]
                full[a + p, b] = i1[b, a]
                full[a + p, b + p] = i2[a, b]
            }
        }
        return ([Double](repeating: 0, count: p) + uGamma, full)
    }
}
