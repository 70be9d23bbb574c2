import Dispatch
import Foundation
import _SignalStatsBLAS

/// How tied event times enter the Cox partial likelihood.
public enum CoxTies: String, Sendable, Equatable, Codable, CaseIterable {
    /// Efron (1977): the `d` tied events at a time share the risk set in `d` terms, with the tied events'
    /// risk removed in steps of `1/d`. R `coxph`'s default; closer to the exact partial likelihood.
    case efron
    /// Breslow (1974): every tied event sees the whole risk set. SAS `PROC PHREG`'s default.
    case breslow
}

/// The Cox partial log-likelihood of right-censored data, as a sum over partitions of whole strata.
///
/// Rows are grouped by stratum and, within a stratum, sorted by time with the latest first, so that the risk set of
/// a time is every row read so far. A *group* is the rows of one stratum sharing one time; group `g` has `d_g`
/// events with total case weight `W_g`. With risk scores `r_i = w_i exp(η_i)`, the risk-set sum `S₀(t) = Σ_{T_i ≥ t} r_i`
/// and the events' sum `E₀(t)`, the log partial likelihood is
///
/// ```
/// ℓ(β) = Σ_events w_i η_i − Σ_g Σ_{k=0}^{d_g−1} (W_g/d_g) log(S₀ − (k/d_g) E₀)      (Efron)
/// ℓ(β) = Σ_events w_i η_i − Σ_g W_g log S₀                                         (Breslow)
/// ```
///
/// exactly as R `survival` (`coxfit6.c`) computes it, case weights included.
///
/// **Kernel.** The score and information are written so that no p x p sum is accumulated per row. With
/// `h_gk = (W_g/d_g) / D_gk` the hazard increments and `Λ_i = Σ_{groups g with t_g ≤ T_i} Σ_k h_gk` the cumulative
/// hazard at row `i`'s time, each row gets one scalar `c_i = r_i (Λ_i − δ_i Σ_k (k/d) h_gk)` (the second term is
/// Efron's down-weighting of a tied event's own risk), and
///
/// ```
/// score       = X'(w∘δ − c)
/// information = X' diag(c) X − Σ_gk (W_g/d_g) m_gk m_gk',   m_gk = (S₁ − (k/d) E₁) / D_gk
/// ```
///
/// The first term is one `dsyrk` on rows scaled by `√c_i` (in cache-sized chunks), the second a `dsyrk` on the
/// event terms' risk-set means, which come from one running sum per column. Per iteration: two passes over the
/// design and O(n + events·p) scalar work, instead of R's O(n p²).
///
/// Columns are centred on their weighted means when the likelihood is built (as R does), which changes neither
/// the likelihood nor its derivatives and keeps `X' diag(c) X − Σ m m'` free of cancellation; within each stratum
/// the linear predictor is shifted by its maximum before exponentiating, which also cancels exactly.
///
/// **Partitions** are contiguous blocks of whole strata, so each partition's contribution is exact and the
/// contributions add (a stratified model by hospital can be fitted from per-hospital contributions). An
/// unstratified model is one partition.
public struct CoxPartialLikelihood: PartitionedLikelihood {
    /// Design in analysis order (grouped by stratum, latest time first), columns centred.
    public let x: Matrix
    /// Case weights in analysis order.
    public let weights: [Double]
    /// Event indicator (0 or 1) in analysis order.
    public let status: [Double]
    /// Rows of group `g` are `groupStarts[g] ..< groupStarts[g + 1]`; the last entry is the row count.
    public let groupStarts: [Int]
    /// The time of each group.
    public let groupTimes: [Double]
    /// Number of events in each group.
    public let groupEvents: [Int]
    /// Total case weight of the events in each group.
    public let groupEventWeight: [Double]
    /// Groups of stratum `s` are `strataGroupStarts[s] ..< strataGroupStarts[s + 1]`.
    public let strataGroupStarts: [Int]
    /// Each partition is a contiguous range of strata.
    public let blocks: [Range<Int>]
    /// Tie handling.
    public let ties: CoxTies

    public var parameterCount: Int { x.columns }
    public var partitionCount: Int { blocks.count }
    /// Number of strata.
    public var strataCount: Int { strataGroupStarts.count - 1 }

    /// Builds the likelihood over data already in analysis order.
    init(
        x: Matrix, weights: [Double], status: [Double], groupStarts: [Int], groupTimes: [Double], groupEvents: [Int],
        groupEventWeight: [Double], strataGroupStarts: [Int], ties: CoxTies, partitions: Int
    ) {
        self.x = x
        self.weights = weights
        self.status = status
        self.groupStarts = groupStarts
        self.groupTimes = groupTimes
        self.groupEvents = groupEvents
        self.groupEventWeight = groupEventWeight
        self.strataGroupStarts = strataGroupStarts
        self.ties = ties
        let nStrata = strataGroupStarts.count - 1
        let rows = groupStarts.last ?? 0
        let k = max(1, min(partitions, nStrata))
        var blocks: [Range<Int>] = []
        var s = 0
        for b in 1...k {
            let target = rows * b / k
            var e = s
            while e < nStrata && (groupStarts[strataGroupStarts[e + 1]] <= target || b == k) { e += 1 }
            if e > s { blocks.append(s..<e) }
            s = e
        }
        self.blocks = blocks.isEmpty ? [0..<nStrata] : blocks
    }

    /// The same data over another design (for example after dropping aliased columns).
    func replacingDesign(_ newX: Matrix) -> CoxPartialLikelihood {
        CoxPartialLikelihood(
            x: newX, weights: weights, status: status, groupStarts: groupStarts, groupTimes: groupTimes,
            groupEvents: groupEvents, groupEventWeight: groupEventWeight, strataGroupStarts: strataGroupStarts,
            ties: ties, partitions: blocks.count)
    }

    /// Whether group `g`'s events enter as `d` Efron terms (rather than one Breslow term).
    @inline(__always)
    func efronTerms(_ d: Int) -> Bool { ties == .efron && d > 1 }

    /// Rows of a partition.
    func rows(ofPartition k: Int) -> Range<Int> {
        let b = blocks[k]
        return groupStarts[strataGroupStarts[b.lowerBound]]..<groupStarts[strataGroupStarts[b.upperBound]]
    }

    public func contribution(ofPartition index: Int, at beta: [Double], derivatives: Bool) -> LikelihoodContribution {
        let p = x.columns
        var out = LikelihoodContribution(parameters: p)
        let pass = scalarPass(partition: index, beta: beta)
        out.logLikelihood = pass.logLikelihood
        out.observations = pass.rows.count
        guard derivatives, p > 0 else { return out }
        let c = pass.rowWeights(self, power: 0, timeFunction: nil)
        // Score: X'(w∘δ − c).
        var v = [Double](repeating: 0, count: pass.rows.count)
        for i in 0..<v.count {
            let r = pass.rows.lowerBound + i
            v[i] = weights[r] * status[r] - c[i]
        }
        out.gradient = crossProductVector(rows: pass.rows, v)
        // Information: X' diag(c) X − M'M.
        addWeightedCrossProduct(rows: pass.rows, c, nonNegative: true, into: &out.information)
        let f = meanCrossProductFactor(pass)
        f.storage.withUnsafeBufferPointer { z in
            out.information.storage.withUnsafeMutableBufferPointer { info in
                guard let zp = z.baseAddress, let ip = info.baseAddress else { return }
                BLAS.syrkTransposed(rows: f.rows, columns: p, alpha: -1, a: zp, lda: max(f.rows, 1), beta: 1, c: ip)
            }
        }
        return out
    }

    /// A factor `F` (at most two rows per event time) with `F'F = Σ_gk (W_g/d_g) m_gk m_gk'`.
    ///
    /// Within group `g` every term's mean is `m_k = (S₁ − f_k E₁)/D_k`, so with weights `v_k = (W_g/d_g)/D_k²`,
    /// `A = Σ v_k`, `f̄ = Σ v_k f_k / A` and `V = Σ v_k (f_k − f̄)²`, the group's sum is
    /// `A (S₁ − f̄ E₁)(S₁ − f̄ E₁)' + V E₁E₁'`: two rows whatever the number of tied events (one for Breslow or a
    /// single event). Many ties then cost almost nothing, and without ties it is one row per event.
    func meanCrossProductFactor(_ pass: ScalarPass) -> Matrix {
        let p = x.columns, n = x.rows
        // Per event group: √A, f̄, √V; rows used.
        var sqrtA: [Double] = [], fBar: [Double] = [], sqrtV: [Double] = []
        var rows = 0
        var term = 0
        for g in pass.groups {
            let d = groupEvents[g]
            guard d > 0 else { continue }
            let k = efronTerms(d) ? d : 1
            var a = 0.0, b = 0.0
            for t in term..<(term + k) {
                let v = pass.termWeight[t] / (pass.termDenominator[t] * pass.termDenominator[t])
                a += v
                b += v * pass.termFraction[t]
            }
            let mean = b / a
            var variance = 0.0
            for t in term..<(term + k) {
                let v = pass.termWeight[t] / (pass.termDenominator[t] * pass.termDenominator[t])
                let e = pass.termFraction[t] - mean
                variance += v * e * e
            }
            sqrtA.append(a.squareRoot())
            fBar.append(mean)
            sqrtV.append(k > 1 ? variance.squareRoot() : 0)
            rows += k > 1 ? 2 : 1
            term += k
        }
        var factor = Matrix(rows: rows, columns: p)
        let factorRows = rows
        let (a, mean, v) = (sqrtA, fBar, sqrtV)
        let fillColumn: @Sendable (Int, UnsafeMutablePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>) -> Void = { (j: Int, dst: UnsafeMutablePointer<Double>, xb: UnsafePointer<Double>, risk: UnsafePointer<Double>) in
            let col = xb + j * n
            var row = 0, eventGroup = 0
            for s in pass.strata {
                var s1 = 0.0
                for g in self.strataGroupStarts[s]..<self.strataGroupStarts[s + 1] {
                    // Rows of a group hold its events first.
                    let g0 = self.groupStarts[g], d = self.groupEvents[g], g1 = self.groupStarts[g + 1]
                    var e1 = 0.0, rest = 0.0
                    for r in g0..<(g0 + d) { e1 += risk[r - pass.rows.lowerBound] * col[r] }
                    for r in (g0 + d)..<g1 { rest += risk[r - pass.rows.lowerBound] * col[r] }
                    s1 += e1 + rest
                    guard d > 0 else { continue }
                    dst[row] = a[eventGroup] * (s1 - mean[eventGroup] * e1)
                    row += 1
                    if self.efronTerms(d) {
                        dst[row] = v[eventGroup] * e1
                        row += 1
                    }
                    eventGroup += 1
                }
            }
        }
        let parallel = partitionCount == 1 && p > 1 && pass.rows.count >= 16 * GLMLikelihood.chunkRows
        factor.storage.withUnsafeMutableBufferPointer { fb in
            x.storage.withUnsafeBufferPointer { xb in
                pass.risk.withUnsafeBufferPointer { risk in
                    guard let fp = fb.baseAddress, let xp = xb.baseAddress, let rp = risk.baseAddress else { return }
                    if parallel {
                        let shared = FactorPointers(factor: fp, x: xp, risk: rp)
                        // Each iteration fills its own column.
                        DispatchQueue.concurrentPerform(iterations: p) { j in
                            fillColumn(j, shared.factor + j * factorRows, shared.x, shared.risk)
                        }
                    } else {
                        for j in 0..<p { fillColumn(j, fp + j * rows, xp, rp) }
                    }
                }
            }
        }
        return factor
    }

    // MARK: - Scalar pass

    /// The per-partition quantities that do not involve covariates: linear predictor, risk scores, the hazard
    /// increments of each group and the log partial likelihood.
    struct ScalarPass {
        var strata: Range<Int>
        var rows: Range<Int>
        var groups: Range<Int>
        /// `η_i` shifted by its stratum maximum (partition-local index).
        var eta: [Double]
        /// `w_i exp(η_i)` on the shifted scale.
        var risk: [Double]
        /// Per group (partition-local): `H_g = Σ_k h_gk`.
        var hazard: [Double]
        /// Per group: `Φ_g = Σ_k (k/d_g) h_gk` (zero for Breslow).
        var efronShift: [Double]
        /// Per event term, in group order: the risk-set sum `D_gk`, the term's weight `W_g/d_g` (or `W_g`), and
        /// the fraction `k/d_g` of the tied events' risk removed.
        var termDenominator: [Double]
        var termWeight: [Double]
        var termFraction: [Double]
        var logLikelihood: Double

        /// Per-row weights `c_i = r_i (Λ_i − δ_i g_i^power Φ_i)` with `Λ_i = Σ_{t_g ≤ T_i} g_g^power H_g`, where `g`
        /// is an optional function of each group's time (for the proportional-hazards test).
        func rowWeights(_ l: CoxPartialLikelihood, power: Int, timeFunction: [Double]?) -> [Double] {
            var c = [Double](repeating: 0, count: rows.count)
            for s in strata {
                let g0 = l.strataGroupStarts[s], g1 = l.strataGroupStarts[s + 1]
                var cumulative = 0.0
                for g in stride(from: g1 - 1, through: g0, by: -1) {
                    let lg = g - groups.lowerBound
                    var f = 1.0
                    if let timeFunction, power > 0 { f = power == 1 ? timeFunction[g] : timeFunction[g] * timeFunction[g] }
                    cumulative += f * hazard[lg]
                    let own = f * efronShift[lg]
                    for r in l.groupStarts[g]..<l.groupStarts[g + 1] {
                        let i = r - rows.lowerBound
                        c[i] = risk[i] * (cumulative - l.status[r] * own)
                    }
                }
            }
            return c
        }
    }

    func scalarPass(partition k: Int, beta: [Double]) -> ScalarPass {
        let strata = blocks[k]
        let groups = strataGroupStarts[strata.lowerBound]..<strataGroupStarts[strata.upperBound]
        let rows = groupStarts[groups.lowerBound]..<groupStarts[groups.upperBound]
        let m = rows.count
        let n = x.rows, p = x.columns
        var eta = [Double](repeating: 0, count: m)
        if p > 0, m > 0 {
            x.storage.withUnsafeBufferPointer { xb in
                beta.withUnsafeBufferPointer { b in
                    eta.withUnsafeMutableBufferPointer { e in
                        guard let xp = xb.baseAddress, let bp = b.baseAddress, let ep = e.baseAddress else { return }
                        BLAS.gemv(
                            transpose: false, rows: m, columns: p, alpha: 1, a: xp + rows.lowerBound, lda: n, x: bp, beta: 0,
                            y: ep)
                    }
                }
            }
        }
        var risk = [Double](repeating: 0, count: m)
        var hazard = [Double](repeating: 0, count: groups.count)
        var shift = [Double](repeating: 0, count: groups.count)
        var termD: [Double] = [], termW: [Double] = [], termF: [Double] = []
        // The log-likelihood is a sum of up to millions of terms of similar size: compensated (Neumaier) summation
        // keeps its rounding error near one ulp of the total, so Newton's acceptance test compares real changes.
        var ll = CompensatedSum()
        for s in strata {
            let g0 = strataGroupStarts[s], g1 = strataGroupStarts[s + 1]
            let r0 = groupStarts[g0] - rows.lowerBound, r1 = groupStarts[g1] - rows.lowerBound
            guard r1 > r0 else { continue }
            var top = -Double.infinity
            for i in r0..<r1 { top = max(top, eta[i]) }
            if !top.isFinite { top = 0 }
            for i in r0..<r1 {
                eta[i] -= top
                risk[i] = weights[rows.lowerBound + i] * Foundation.exp(eta[i])
            }
            var s0 = 0.0
            for g in g0..<g1 {
                var e0 = 0.0
                for r in groupStarts[g]..<groupStarts[g + 1] {
                    let i = r - rows.lowerBound
                    s0 += risk[i]
                    if status[r] != 0 {
                        e0 += risk[i]
                        ll.add(weights[r] * eta[i])
                    }
                }
                let d = groupEvents[g]
                guard d > 0 else { continue }
                let lg = g - groups.lowerBound
                let w = groupEventWeight[g]
                if efronTerms(d) {
                    let wAve = w / Double(d)
                    var h = 0.0, phi = 0.0
                    for kk in 0..<d {
                        let f = Double(kk) / Double(d)
                        let den = s0 - f * e0
                        ll.add(-wAve * Foundation.log(den))
                        h += wAve / den
                        phi += f * wAve / den
                        termD.append(den)
                        termW.append(wAve)
                        termF.append(f)
                    }
                    hazard[lg] = h
                    shift[lg] = phi
                } else {
                    ll.add(-w * Foundation.log(s0))
                    hazard[lg] = w / s0
                    termD.append(s0)
                    termW.append(w)
                    termF.append(0)
                }
            }
        }
        return ScalarPass(
            strata: strata, rows: rows, groups: groups, eta: eta, risk: risk, hazard: hazard, efronShift: shift, termDenominator: termD,
            termWeight: termW, termFraction: termF, logLikelihood: ll.value)
    }

    // MARK: - Risk-set means

    /// The risk-set means `m_gk` of every event term of a partition (terms x p, column-major), with the terms'
    /// weights and their groups.
    struct EventMeans {
        var means: Matrix
        var termWeight: [Double]
        /// The group (global index) of each term.
        var termGroup: [Int]
        var terms: Int { means.rows }
    }

    func eventMeans(_ pass: ScalarPass) -> EventMeans {
        let p = x.columns, n = x.rows
        let t = pass.termDenominator.count
        var termGroup = [Int](repeating: 0, count: t)
        var k = 0
        for g in pass.groups {
            let d = groupEvents[g]
            guard d > 0 else { continue }
            for _ in 0..<(efronTerms(d) ? d : 1) {
                termGroup[k] = g
                k += 1
            }
        }
        var means = Matrix(rows: t, columns: p)
        means.storage.withUnsafeMutableBufferPointer { mb in
            x.storage.withUnsafeBufferPointer { xb in
                guard let xp = xb.baseAddress, let mp = mb.baseAddress else { return }
                for j in 0..<p {
                    let col = xp + j * n
                    let dst = mp + j * t
                    var term = 0
                    for s in pass.strata {
                        var s1 = 0.0
                        for g in strataGroupStarts[s]..<strataGroupStarts[s + 1] {
                            var e1 = 0.0
                            for r in groupStarts[g]..<groupStarts[g + 1] {
                                let v = pass.risk[r - pass.rows.lowerBound] * col[r]
                                s1 += v
                                if status[r] != 0 { e1 += v }
                            }
                            let d = groupEvents[g]
                            guard d > 0 else { continue }
                            for _ in 0..<(efronTerms(d) ? d : 1) {
                                dst[term] = (s1 - pass.termFraction[term] * e1) / pass.termDenominator[term]
                                term += 1
                            }
                        }
                    }
                }
            }
        }
        return EventMeans(means: means, termWeight: pass.termWeight, termGroup: termGroup)
    }

    // MARK: - BLAS helpers over a row range

    /// `X[rows]' v`.
    func crossProductVector(rows: Range<Int>, _ v: [Double]) -> [Double] {
        let p = x.columns, n = x.rows
        var out = [Double](repeating: 0, count: p)
        guard rows.count > 0, p > 0 else { return out }
        x.storage.withUnsafeBufferPointer { xb in
            v.withUnsafeBufferPointer { vb in
                out.withUnsafeMutableBufferPointer { o in
                    guard let xp = xb.baseAddress, let vp = vb.baseAddress, let op = o.baseAddress else { return }
                    BLAS.gemv(
                        transpose: true, rows: rows.count, columns: p, alpha: 1, a: xp + rows.lowerBound, lda: n, x: vp,
                        beta: 0, y: op)
                }
            }
        }
        return out
    }

    /// Adds `X[rows]' diag(c) X[rows]` to `out` (upper triangle when `nonNegative`, by `dsyrk` on `√c`-scaled rows;
    /// the full matrix otherwise, by `dgemm`), in chunks of ``GLMLikelihood/chunkRows`` rows. An unstratified model is
    /// one partition, so then the rows are split over the cores here (one BLAS thread each), and the blocks' sums
    /// added in block order.
    func addWeightedCrossProduct(rows: Range<Int>, _ c: [Double], nonNegative: Bool, into out: inout Matrix) {
        let p = x.columns
        guard rows.count > 0, p > 0 else { return }
        let cores = defaultPartitionCount
        guard partitionCount == 1, cores > 1, rows.count >= 16 * GLMLikelihood.chunkRows else {
            accumulateCrossProduct(rows: rows, c, offset: 0, nonNegative: nonNegative, into: &out)
            return
        }
        BLAS.setThreadCount(1)
        let blocks = rowBlocks(rows.count, count: cores)
        let parts = parallelMap(count: blocks.count) { b in
            var m = Matrix(rows: p, columns: p)
            let block = blocks[b]
            self.accumulateCrossProduct(
                rows: (rows.lowerBound + block.lowerBound)..<(rows.lowerBound + block.upperBound), c,
                offset: block.lowerBound, nonNegative: nonNegative, into: &m)
            return m.storage
        }
        for part in parts {
            for k in out.storage.indices { out.storage[k] += part[k] }
        }
    }

    /// `out += X[rows]' diag(c[offset...]) X[rows]`, one thread.
    private func accumulateCrossProduct(
        rows: Range<Int>, _ c: [Double], offset: Int, nonNegative: Bool, into out: inout Matrix
    ) {
        let p = x.columns, n = x.rows
        let chunk = GLMLikelihood.chunkRows
        var scaled = [Double](repeating: 0, count: min(chunk, rows.count) * p)
        var factor = [Double](repeating: 0, count: min(chunk, rows.count))
        x.storage.withUnsafeBufferPointer { xb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                scaled.withUnsafeMutableBufferPointer { z in
                    guard let xp = xb.baseAddress, let op = ob.baseAddress, let zp = z.baseAddress else { return }
                    var start = 0
                    while start < rows.count {
                        let m = min(chunk, rows.count - start)
                        for i in 0..<m { factor[i] = nonNegative ? c[offset + start + i].squareRoot() : c[offset + start + i] }
                        let base = xp + rows.lowerBound + start
                        for j in 0..<p {
                            let col = base + j * n
                            let dst = zp + j * m
                            for i in 0..<m { dst[i] = col[i] * factor[i] }
                        }
                        if nonNegative {
                            BLAS.syrkTransposed(rows: m, columns: p, alpha: 1, a: zp, lda: m, beta: 1, c: op)
                        } else {
                            gemmTransposedAccumulate(rows: p, columns: p, inner: m, a: base, lda: n, b: zp, ldb: m, c: op)
                        }
                        start += m
                    }
                }
            }
        }
    }
}

/// Pointers shared by the column-parallel fill of ``CoxPartialLikelihood/meanCrossProductFactor(_:)``; every
/// iteration writes a disjoint column, so the accesses do not race.
private struct FactorPointers: @unchecked Sendable {
    let factor: UnsafeMutablePointer<Double>
    let x: UnsafePointer<Double>
    let risk: UnsafePointer<Double>
}

/// `C (rows x columns) += A' B` with `A` column-major `inner x rows` (leading dimension `lda`) and `B`
/// `inner x columns` (leading dimension `ldb`); `C` has leading dimension `rows`.
@inline(__always)
func gemmTransposedAccumulate(
    rows: Int, columns: Int, inner: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    c: UnsafeMutablePointer<Double>
) {
    cblas_dgemm(
        CblasColMajor, CblasTrans, CblasNoTrans, blasInt(rows), blasInt(columns), blasInt(inner), 1, a, blasInt(lda), b,
        blasInt(ldb), 1, c, blasInt(rows))
}
