import RealModule

/// A common adjusted sequence ratio across strata (sites, years, sexes, age groups).
///
/// **Model.** In stratum `k` with `nₖ` ordered pairs and null-effect ratio `rₖ`, the number of index-first
/// pairs is binomial with odds `θ · rₖ`: the stratum's own prescribing trend sets its null odds, and `θ`, the
/// adjusted sequence ratio, is common. This is logistic regression of the order on an intercept with offset
/// `log rₖ`; ``ratio`` is its maximum likelihood estimate, found by Newton's method from the Mantel–Haenszel-type
/// ratio of sums ``mantelHaenszelRatio`` `= Σ nIndexFirstₖ / Σ rₖ · nMarkerFirstₖ` (the estimating equation
/// `E[nIndexFirstₖ] = θ rₖ E[nMarkerFirstₖ]` summed over strata; it equals the MLE with one stratum, where both
/// reduce to crude / null-effect). The interval is Wald on the log scale with the observed information
/// `Σ nₖ pₖ (1 − pₖ)`.
///
/// **Why not pool counts and incidence.** Summing the counts of all sites and dividing by the null-effect ratio
/// of the summed incidence (the unstratified analysis) assumes every site shares one prescribing trend. When sites
/// adopt a drug at different times, or differ in size and trend, the pooled incidence is a mixture that fits no
/// site, and the pooled null-effect ratio is biased; the stratified model adjusts each site for its own trend and
/// weighs sites by their information. With identical trends the two agree.
///
/// ``heterogeneity`` is the score (Pearson) statistic `Σ (nIndexFirstₖ − nₖ p̂ₖ)² / nₖ p̂ₖ (1 − p̂ₖ)` on the
/// number of strata minus one degrees of freedom: a small p-value says the adjusted ratio differs across strata.
public struct SSAPooledEstimate: Sendable, Equatable {
    /// The chi-square test of a common ratio.
    public struct Heterogeneity: Sendable, Equatable {
        /// The Pearson chi-square statistic.
        public let statistic: Double
        /// The number of contributing strata minus one.
        public let degreesOfFreedom: Int
        /// The upper chi-square tail probability (1 with a single stratum).
        public let pValue: Double
    }

    /// The maximum likelihood common adjusted sequence ratio `θ̂`.
    public let ratio: Double
    /// The Wald interval `exp(log θ̂ ∓ z · se)`.
    public let interval: ConfidenceInterval
    /// The confidence level.
    public let level: Double
    /// The standard error of `log θ̂`.
    public let standardErrorOfLog: Double
    /// `Σ nIndexFirstₖ / Σ rₖ · nMarkerFirstₖ`, the starting value.
    public let mantelHaenszelRatio: Double
    /// The test of a common ratio across strata.
    public let heterogeneity: Heterogeneity
    /// Strata that contributed (ordered pairs and a defined null-effect ratio).
    public let strataUsed: Int
    /// Ordered pairs over those strata.
    public let orderedPairs: Int
    /// Newton iterations used.
    public let iterations: Int

    /// The common ratio of strata given as `(nIndexFirst, nMarkerFirst, null-effect ratio)`.
    ///
    /// Strata without ordered pairs are ignored.
    ///
    /// - Throws: ``SSAError/invalidLevel(_:)``; ``SSAError/invalidDesign(_:)`` for negative counts or a
    ///   null-effect ratio that is not positive and finite; ``SSAError/nothingToPool(_:)`` when no stratum has
    ///   ordered pairs, or when every pooled pair is in one order (the estimate would be 0 or infinite).
    public init(strata: [(indexFirst: Int, markerFirst: Int, nullEffectRatio: Double)], level: Double = 0.95) throws(SSAError) {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        var x: [Double] = [], n: [Double] = [], offset: [Double] = []
        var sumX = 0.0, sumRY = 0.0, sumY = 0.0
        for s in strata {
            guard s.indexFirst >= 0, s.markerFirst >= 0 else {
                throw .invalidDesign("stratum counts must be 0 or more, not \(s.indexFirst) and \(s.markerFirst)")
            }
            guard s.nullEffectRatio > 0, s.nullEffectRatio.isFinite else {
                throw .invalidDesign("a stratum's null-effect ratio is \(s.nullEffectRatio); it must be positive and finite")
            }
            let total = s.indexFirst + s.markerFirst
            if total == 0 { continue }
            x.append(Double(s.indexFirst))
            n.append(Double(total))
            offset.append(Double.log(s.nullEffectRatio))
            sumX += Double(s.indexFirst)
            sumY += Double(s.markerFirst)
            sumRY += s.nullEffectRatio * Double(s.markerFirst)
        }
        guard !x.isEmpty else { throw .nothingToPool("no stratum has ordered pairs") }
        guard sumX > 0, sumY > 0 else {
            throw .nothingToPool(
                "all \(Int(sumX + sumY)) pooled pairs are \(sumX > 0 ? "index" : "marker")-first: the common ratio is \(sumX > 0 ? "infinite" : "0")")
        }
        let mh = sumX / sumRY
        var beta = Double.log(mh)
        var information = 0.0
        var iterations = 0
        func probability(_ k: Int, _ b: Double) -> Double { 1 / (1 + Double.exp(-(b + offset[k]))) }
        while iterations < 100 {
            iterations += 1
            var score = 0.0
            information = 0
            for k in x.indices {
                let p = probability(k, beta)
                score += x[k] - n[k] * p
                information += n[k] * p * (1 - p)
            }
            let step = score / information
            beta += step
            if step.magnitude < 1e-12 * max(1, beta.magnitude) { break }
        }
        information = 0
        var q = 0.0
        for k in x.indices {
            let p = probability(k, beta)
            let v = n[k] * p * (1 - p)
            information += v
            let r = x[k] - n[k] * p
            q += r * r / v
        }
        let se = 1 / information.squareRoot()
        let z: Double
        do { z = try Normal.quantile(0.5 + level / 2) } catch { throw .invalidLevel(level) }
        let df = x.count - 1
        let pHet: Double
        if df > 0 {
            do { pHet = try ChiSquared.survival(q, degreesOfFreedom: Double(df)) } catch { pHet = .nan }
        } else {
            pHet = 1
        }
        ratio = Double.exp(beta)
        interval = ConfidenceInterval(lower: Double.exp(beta - z * se), upper: Double.exp(beta + z * se))
        self.level = level
        standardErrorOfLog = se
        mantelHaenszelRatio = mh
        heterogeneity = Heterogeneity(statistic: q, degreesOfFreedom: df, pValue: pHet)
        strataUsed = x.count
        orderedPairs = Int(n.reduce(0, +))
        self.iterations = iterations
    }
}
