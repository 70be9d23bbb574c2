import Foundation

// The kernel of RegularizedLogisticRegression: glmnet/Cyclops-style cyclic coordinate descent.
//
// Outer iterations form the quadratic approximation of −ℓ at the current linear predictor η (IRLS weights
// wᵢ = cᵢ pᵢ(1 − pᵢ), weighted working residuals rᵢ = cᵢ(yᵢ − pᵢ)); inner sweeps minimize that quadratic plus the
// penalty one coordinate at a time, over an active set, with the soft-thresholded Newton step
//   βⱼ ← S(hⱼ βⱼ + gⱼ, λ₁ fⱼ) / (hⱼ + λ₂ fⱼ),   gⱼ = Σᵢ xᵢⱼ rᵢ,  hⱼ = Σᵢ xᵢⱼ² wᵢ,
// and update rᵢ −= wᵢ xᵢⱼ Δ over column j's non-zero rows (CSC). When the active set has converged, the full
// gradient X'r (CSR, summed over row blocks) checks the KKT conditions of the inactive columns; violators join.
// An outer step that raises the penalized objective is halved (η and β are linear, so halving is exact).

/// The result of one kernel run.
struct CoordinateDescentOutcome {
    var intercept: Double
    var beta: [Double]
    var eta: [Double]
    var logLikelihood: Double
    var objective: Double
    var gradient: [Double]
    var status: ConvergenceStatus
    var sweeps: Int
    var gradientPasses: Int
    var activeCount: Int
}

/// Working state of a coordinate-descent fit over one design (reused along a penalty path).
final class LogisticCoordinateDescent {
    let x: SparseView
    let n: Int
    let p: Int
    let y: SharedBuffer
    let c: SharedBuffer  // case weights (0 for held-out rows)
    let penaltyFactor: [Double]
    let skip: [Bool]
    let blocks: [Range<Int>]
    // State.
    var b0: Double
    let beta: SharedBuffer
    let eta: SharedBuffer
    /// Interleaved `(wᵢ, rᵢ)` pairs: a coordinate step reads both for the same row, one cache line.
    let wr: SharedBuffer
    let etaOld: SharedBuffer
    let betaOld: SharedBuffer
    let h: SharedBuffer
    let grad: SharedBuffer
    let blockGrad: SharedBuffer  // blocks.count × p
    /// `Σᵢ xᵢⱼ wᵢ` per column (equal to `h` for a 0/1 design).
    let hx: SharedBuffer
    var hStamp: [Int]
    /// A pending intercept shift not yet applied to the stored residuals: the true `rᵢ` is `stored rᵢ − wᵢ s`.
    var pendingShift = 0.0
    /// The true `Σ rᵢ` (0 after every coordinate step, which moves the intercept jointly).
    var residualSum = 0.0
    var stamp = 0
    var active: [Int] = []
    var isActive: [Bool]
    var h0 = 0.0

    init(
        view: SparseView, response: [Double], caseWeights: [Double], penaltyFactor: [Double], skip: [Bool], partitions: Int
    ) {
        x = view
        n = view.rows
        p = view.columns
        y = .allocate(n)
        c = .allocate(n)
        for i in 0..<n {
            y[i] = response[i]
            c[i] = caseWeights[i]
        }
        self.penaltyFactor = penaltyFactor
        self.skip = skip
        blocks = rowBlocks(n, count: max(1, partitions))
        b0 = 0
        beta = .allocate(p)
        eta = .allocate(n)
        wr = .allocate(2 * n)
        etaOld = .allocate(n)
        betaOld = .allocate(p)
        h = .allocate(p)
        hx = .allocate(p)
        grad = .allocate(p)
        blockGrad = .allocate(blocks.count * p)
        hStamp = [Int](repeating: -1, count: p)
        isActive = [Bool](repeating: false, count: p)
    }

    deinit {
        for b in [y, c, beta, eta, wr, etaOld, betaOld, h, hx, grad, blockGrad] { b.free() }
    }

    /// Replaces the case weights (cross-validation folds reuse one workspace).
    func setCaseWeights(_ weights: [Double]) {
        for i in 0..<n { c[i] = weights[i] }
    }

    /// Sets the coefficients and recomputes η = β₀ + Xβ over row blocks.
    func start(intercept: Double, beta start: [Double]) {
        b0 = intercept
        active.removeAll(keepingCapacity: true)
        for j in 0..<p {
            beta[j] = skip[j] ? 0 : start[j]
            isActive[j] = beta[j] != 0
            if isActive[j] { active.append(j) }
        }
        let x = self.x, eta = self.eta, beta = self.beta, b0 = self.b0
        DispatchQueue.concurrentPerform(iterations: blocks.count) { [blocks] b in
            for i in blocks[b] {
                var s = b0
                let lo = x.rowOffsets[i], hi = x.rowOffsets[i + 1]
                if let v = x.values {
                    for k in lo..<hi { s += v[k] * beta[Int(x.columnIndices[k])] }
                } else {
                    for k in lo..<hi { s += beta[Int(x.columnIndices[k])] }
                }
                eta[i] = s
            }
        }
    }

    /// Weights and residuals at the current η; returns the log-likelihood and sets `h0 = Σ w`.
    func refresh() -> Double {
        let eta = self.eta, y = self.y, c = self.c, wr = self.wr
        let parts = parallelMap(count: blocks.count) { [blocks] b -> (Double, Double, Double) in
            var ll = 0.0, sw = 0.0, sr = 0.0
            for i in blocks[b] {
                let e = eta[i], ci = c[i]
                let ex = Foundation.exp(-abs(e))
                let softplus = max(e, 0) + Foundation.log1p(ex)
                let pr = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
                let wi = ci * pr * (1 - pr)
                let ri = ci * (y[i] - pr)
                wr[2 * i] = wi
                wr[2 * i + 1] = ri
                if ci != 0 { ll += ci * (y[i] * e - softplus) }
                sw += wi
                sr += ri
            }
            return (ll, sw, sr)
        }
        h0 = parts.reduce(0) { $0 + $1.1 }
        residualSum = parts.reduce(0) { $0 + $1.2 }
        pendingShift = 0
        return parts.reduce(0) { $0 + $1.0 }
    }

    func penalty(l1: Double, l2: Double) -> Double {
        var s1 = 0.0, s2 = 0.0
        for j in active {
            let b = beta[j], f = penaltyFactor[j]
            s1 += f * abs(b)
            s2 += f * b * b
        }
        return l1 * s1 + 0.5 * l2 * s2
    }

    /// The full gradient of ℓ, `X'r`, summed over row blocks in block order (per-site sums in a network).
    func fullGradient() {
        flushShift()
        let x = self.x, wr = self.wr, bg = self.blockGrad, p = self.p
        DispatchQueue.concurrentPerform(iterations: blocks.count) { [blocks] b in
            let g = bg.base + b * p
            g.update(repeating: 0, count: p)
            for i in blocks[b] {
                let ri = wr[2 * i + 1]
                guard ri != 0 else { continue }
                let lo = x.rowOffsets[i], hi = x.rowOffsets[i + 1]
                if let v = x.values {
                    for k in lo..<hi { g[Int(x.columnIndices[k])] += v[k] * ri }
                } else {
                    for k in lo..<hi { g[Int(x.columnIndices[k])] += ri }
                }
            }
        }
        for j in 0..<p { grad[j] = 0 }
        for b in 0..<blocks.count {
            let g = bg.base + b * p
            for j in 0..<p { grad[j] += g[j] }
        }
    }

    /// Applies the pending intercept shift to the stored residuals.
    func flushShift() {
        let d = pendingShift
        guard d != 0 else { return }
        let wr = self.wr
        DispatchQueue.concurrentPerform(iterations: blocks.count) { [blocks] b in
            for i in blocks[b] { wr[2 * i + 1] -= wr[2 * i] * d }
        }
        pendingShift = 0
    }

    /// One sweep over the intercept and the active set; returns the largest change of the quadratic model.
    ///
    /// Each coordinate step minimizes the quadratic model jointly over `βⱼ` and the intercept (the intercept
    /// profiled out), which is a step on the column centred at its weighted mean: without it, every 0/1 column is
    /// correlated with the intercept and the sweeps crawl. The intercept's share of the step is kept as a pending
    /// shift of all residuals (`pendingShift`), applied before the next full pass, so a step costs only the column's
    /// non-zero rows.
    func sweep(l1: Double, l2: Double) -> Double {
        var maxChange = 0.0
        let wr = self.wr.base
        let W = h0
        guard W > 0 else { return 0 }
        // The intercept alone: makes Σ r = 0.
        if residualSum != 0 {
            let d = residualSum / W
            b0 += d
            pendingShift += d
            residualSum = 0
            maxChange = max(maxChange, W * d * d)
        }
        let ri = x.rowIndices, cv = x.columnValues
        for j in active {
            let lo = x.columnOffsets[j], hi = x.columnOffsets[j + 1]
            var gs = 0.0
            if hStamp[j] != stamp {
                var hj = 0.0, hxj = 0.0
                if let cv {
                    for k in lo..<hi {
                        let row = 2 * Int(ri[k]), v = cv[k], wi = wr[row]
                        gs += v * wr[row + 1]
                        hxj += v * wi
                        hj += v * v * wi
                    }
                } else {
                    for k in lo..<hi {
                        let row = 2 * Int(ri[k])
                        gs += wr[row + 1]
                        hj += wr[row]
                    }
                    hxj = hj
                }
                h[j] = hj
                hx[j] = hxj
                hStamp[j] = stamp
            } else if let cv {
                for k in lo..<hi { gs += cv[k] * wr[2 * Int(ri[k]) + 1] }
            } else {
                for k in lo..<hi { gs += wr[2 * Int(ri[k]) + 1] }
            }
            let hxj = hx[j]
            // True gradient (pending shift applied); Σ r = 0 here, so it is also the centred column's gradient.
            let g = gs - pendingShift * hxj
            let ht = h[j] - hxj * hxj / W
            let f = penaltyFactor[j]
            let denom = ht + l2 * f
            guard denom > 1e-12 * max(h[j], 1e-300) else { continue }
            let old = beta[j]
            let u = ht * old + g
            let t = l1 * f
            let new = (u > t ? u - t : (u < -t ? u + t : 0)) / denom
            let d = new - old
            guard d != 0 else { continue }
            beta[j] = new
            if let cv {
                for k in lo..<hi {
                    let row = 2 * Int(ri[k])
                    wr[row + 1] -= wr[row] * cv[k] * d
                }
            } else {
                for k in lo..<hi {
                    let row = 2 * Int(ri[k])
                    wr[row + 1] -= wr[row] * d
                }
            }
            // The intercept's share: δ₀ = −(Σ xw) Δ / W keeps Σ r = 0.
            let d0 = -hxj * d / W
            b0 += d0
            pendingShift += d0
            maxChange = max(maxChange, ht * d * d)
        }
        return maxChange
    }

    /// Adds inactive columns whose gradient violates the KKT condition `|gⱼ| ≤ λ₁ fⱼ`; returns how many.
    func addViolators(l1: Double) -> Int {
        var added = 0
        for j in 0..<p where !isActive[j] && !skip[j] {
            let g = abs(grad[j]), t = l1 * penaltyFactor[j]
            if g > t && g > 0 {
                isActive[j] = true
                active.append(j)
                added += 1
            }
        }
        return added
    }

    /// η += X (β − β_old) + (β₀ − β₀_old) over the active columns (CSC).
    func updateEta(interceptChange: Double, factor: Double = 1) {
        let ri = x.rowIndices, cv = x.columnValues, eta = self.eta.base
        for j in active {
            let d = factor * (beta[j] - betaOld[j])
            guard d != 0 else { continue }
            let lo = x.columnOffsets[j], hi = x.columnOffsets[j + 1]
            if let cv {
                for k in lo..<hi { eta[Int(ri[k])] += cv[k] * d }
            } else {
                for k in lo..<hi { eta[Int(ri[k])] += d }
            }
        }
        let d0 = factor * interceptChange
        if d0 != 0 { for i in 0..<n { eta[i] += d0 } }
    }

    /// Minimizes the penalized objective from the current state.
    func run(l1: Double, l2: Double, options: CoordinateDescentOptions) -> CoordinateDescentOutcome {
        var ll = refresh()
        var obj = -ll + penalty(l1: l1, l2: l2)
        var status = ConvergenceStatus.iterationLimit(iterations: options.maxIterations)
        var sweeps = 0, passes = 0
        // Unpenalized columns are always in the active set.
        for j in 0..<p where !isActive[j] && !skip[j] && penaltyFactor[j] == 0 {
            isActive[j] = true
            active.append(j)
        }
        outer: for iteration in 1...max(options.maxIterations, 1) {
            stamp += 1
            let b0Old = b0
            etaOld.copy(from: eta)
            for j in 0..<p { betaOld[j] = beta[j] }
            let innerTolerance = 1e-3 * options.tolerance * (abs(obj) + 1)
            while true {
                var s = 0
                while s < options.maxSweeps {
                    let change = sweep(l1: l1, l2: l2)
                    s += 1
                    if change <= innerTolerance { break }
                }
                sweeps += s
                fullGradient()
                passes += 1
                if addViolators(l1: l1) == 0 { break }
            }
            updateEta(interceptChange: b0 - b0Old)
            var newLL = refresh()
            var newObj = -newLL + penalty(l1: l1, l2: l2)
            var halvings = 0
            while newObj > obj + 1e-14 * abs(obj), halvings < 40 {
                // Halve the step: β and η move back half-way (both are linear in the step).
                for j in active { beta[j] = 0.5 * (beta[j] + betaOld[j]) }
                let d0 = b0 - b0Old
                b0 = b0Old + 0.5 * d0
                for i in 0..<n { eta[i] = 0.5 * (eta[i] + etaOld[i]) }
                newLL = refresh()
                newObj = -newLL + penalty(l1: l1, l2: l2)
                halvings += 1
            }
            if newObj > obj + 1e-14 * abs(obj) {
                // No improvement along the step: restore and stop.
                for j in active { beta[j] = betaOld[j] }
                b0 = b0Old
                eta.copy(from: etaOld)
                ll = refresh()
                obj = -ll + penalty(l1: l1, l2: l2)
                status = .stepHalvingFailed(iteration: iteration)
                break outer
            }
            let change = abs(obj - newObj) / (abs(newObj) + 1)
            ll = newLL
            obj = newObj
            if change < options.tolerance {
                status = .converged(iterations: iteration)
                break
            }
        }
        // The gradient at the returned point (for the KKT report and λ_max).
        fullGradient()
        passes += 1
        return CoordinateDescentOutcome(
            intercept: b0, beta: beta.array, eta: eta.array, logLikelihood: ll, objective: obj, gradient: grad.array,
            status: status, sweeps: sweeps, gradientPasses: passes, activeCount: active.count)
    }
}
