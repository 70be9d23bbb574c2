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
    let w: SharedBuffer
    let r: SharedBuffer
    let etaOld: SharedBuffer
    let betaOld: SharedBuffer
    let h: SharedBuffer
    let grad: SharedBuffer
    let blockGrad: SharedBuffer  // blocks.count × p
    var hStamp: [Int]
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
        w = .allocate(n)
        r = .allocate(n)
        etaOld = .allocate(n)
        betaOld = .allocate(p)
        h = .allocate(p)
        grad = .allocate(p)
        blockGrad = .allocate(blocks.count * p)
        hStamp = [Int](repeating: -1, count: p)
        isActive = [Bool](repeating: false, count: p)
    }

    deinit {
        for b in [y, c, beta, eta, w, r, etaOld, betaOld, h, grad, blockGrad] { b.free() }
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
        let eta = self.eta, y = self.y, c = self.c, w = self.w, r = self.r
        let parts = parallelMap(count: blocks.count) { [blocks] b -> (Double, Double) in
            var ll = 0.0, sw = 0.0
            for i in blocks[b] {
                let e = eta[i], ci = c[i]
                let ex = Foundation.exp(-abs(e))
                let softplus = max(e, 0) + Foundation.log1p(ex)
                let pr = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex)
                let wi = ci * pr * (1 - pr)
                w[i] = wi
                r[i] = ci * (y[i] - pr)
                if ci != 0 { ll += ci * (y[i] * e - softplus) }
                sw += wi
            }
            return (ll, sw)
        }
        h0 = parts.reduce(0) { $0 + $1.1 }
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
        let x = self.x, r = self.r, bg = self.blockGrad, p = self.p
        DispatchQueue.concurrentPerform(iterations: blocks.count) { [blocks] b in
            let g = bg.base + b * p
            g.update(repeating: 0, count: p)
            for i in blocks[b] {
                let ri = r[i]
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

    /// One sweep over the intercept and the active set; returns the largest `h Δ²`.
    func sweep(l1: Double, l2: Double, fitIntercept: Bool) -> Double {
        var maxChange = 0.0
        let w = self.w.base, r = self.r.base
        if fitIntercept, h0 > 0 {
            var g = 0.0
            for i in 0..<n { g += r[i] }
            let d = g / h0
            if d != 0 {
                b0 += d
                for i in 0..<n { r[i] -= w[i] * d }
                maxChange = max(maxChange, h0 * d * d)
            }
        }
        let ri = x.rowIndices, cv = x.columnValues
        for j in active {
            let lo = x.columnOffsets[j], hi = x.columnOffsets[j + 1]
            var g = 0.0
            if hStamp[j] != stamp {
                var hj = 0.0
                if let cv {
                    for k in lo..<hi {
                        let row = Int(ri[k]), v = cv[k]
                        g += v * r[row]
                        hj += v * v * w[row]
                    }
                } else {
                    for k in lo..<hi {
                        let row = Int(ri[k])
                        g += r[row]
                        hj += w[row]
                    }
                }
                h[j] = hj
                hStamp[j] = stamp
            } else if let cv {
                for k in lo..<hi { g += cv[k] * r[Int(ri[k])] }
            } else {
                for k in lo..<hi { g += r[Int(ri[k])] }
            }
            let hj = h[j], f = penaltyFactor[j]
            let denom = hj + l2 * f
            guard denom > 0 else { continue }
            let old = beta[j]
            let u = hj * old + g
            let t = l1 * f
            let new = (u > t ? u - t : (u < -t ? u + t : 0)) / denom
            let d = new - old
            guard d != 0 else { continue }
            beta[j] = new
            if let cv {
                for k in lo..<hi {
                    let row = Int(ri[k])
                    r[row] -= w[row] * cv[k] * d
                }
            } else {
                for k in lo..<hi {
                    let row = Int(ri[k])
                    r[row] -= w[row] * d
                }
            }
            maxChange = max(maxChange, hj * d * d)
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
    func run(l1: Double, l2: Double, options: CoordinateDescentOptions, fitIntercept: Bool = true) -> CoordinateDescentOutcome {
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
                    let change = sweep(l1: l1, l2: l2, fitIntercept: fitIntercept)
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
