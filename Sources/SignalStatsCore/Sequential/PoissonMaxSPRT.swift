import RealModule

extension MaxSPRT {
    /// The Poisson MaxSPRT: events counted against the number expected under the null (for example from
    /// historical rates), with surveillance ending when `surveillanceLength` events are expected.
    ///
    /// Time is measured in expected events under the null. The continuous test (``groupSizes`` `nil`)
    /// evaluates the LLR at every event; the group sequential test evaluates it at looks after each group
    /// of expected events. A signal needs at least ``minimumEvents`` events. Matches R `Sequential` 4.5.1
    /// `CV.Poisson` and `Performance.Poisson` with `D = 0`, `Tailed = "upper"`.
    ///
    /// ```swift
    /// let test = MaxSPRT.Poisson(surveillanceLength: 10)
    /// let cv = try test.criticalValue(alpha: 0.05)             // 3.467952 (Kulldorff et al. 2011)
    /// let perf = try test.performance(criticalValue: cv.criticalValue, relativeRisk: 2)
    /// ```
    public struct Poisson: Codable, Sendable, Equatable {
        /// The expected number of events under the null at the end of surveillance (R's `SampleSize`).
        public var surveillanceLength: Double
        /// The fewest events that may signal (R's `M`; default 1).
        public var minimumEvents: Int
        /// Expected events under the null between looks (R's `GroupSizes`; they must add up to
        /// ``surveillanceLength``), or `nil` for continuous monitoring.
        public var groupSizes: [Double]?

        /// A Poisson MaxSPRT design.
        public init(surveillanceLength: Double, minimumEvents: Int = 1, groupSizes: [Double]? = nil) {
            self.surveillanceLength = surveillanceLength
            self.minimumEvents = minimumEvents
            self.groupSizes = groupSizes
        }

        func validate() throws(MaxSPRTError) {
            guard surveillanceLength > 0, surveillanceLength.isFinite else {
                throw .invalidArgument(
                    name: "surveillanceLength", value: surveillanceLength, reason: "must be a positive finite number")
            }
            guard surveillanceLength <= 100_000 else {
                throw .invalidArgument(
                    name: "surveillanceLength", value: surveillanceLength,
                    reason: "at most 100,000 expected events: the exact recursion grows with the square of the length")
            }
            guard minimumEvents >= 1 else {
                throw .invalidArgument(name: "minimumEvents", value: Double(minimumEvents), reason: "must be at least 1")
            }
            if let g = groupSizes {
                guard !g.isEmpty else {
                    throw .invalidArgument(name: "groupSizes", value: 0, reason: "needs at least one group")
                }
                for (i, size) in g.enumerated() where !(size > 0 && size.isFinite) {
                    throw .invalidLook(look: i + 1, reason: "group size \(size) must be a positive finite number")
                }
                let total = g.reduce(0, +)
                guard abs(total - surveillanceLength) <= 1e-9 * surveillanceLength else {
                    throw .invalidArgument(
                        name: "groupSizes", value: total,
                        reason: "group sizes add up to \(total), not the surveillance length \(surveillanceLength)")
                }
            }
        }

        /// Cumulative expected counts at the looks of the group sequential test (the last set to the
        /// surveillance length exactly); empty for the continuous test.
        public var looks: [Double] {
            guard let g = groupSizes else { return [] }
            var out: [Double] = []
            var sum = 0.0
            for size in g {
                sum += size
                out.append(sum)
            }
            out[out.count - 1] = surveillanceLength
            return out
        }

        /// The Type I error of the test at critical value `cv`: its power at relative risk 1.
        public func typeIError(criticalValue cv: Double) throws(MaxSPRTError) -> Double {
            try performance(criticalValue: cv, relativeRisk: 1).power
        }

        /// Power, expected time to signal and expected length of surveillance at a true relative risk.
        ///
        /// - Parameters:
        ///   - cv: The critical value (> 0).
        ///   - relativeRisk: The true relative risk (> 0; 1 gives the Type I error).
        /// - Complexity: For the continuous test, O(K·k·w) with K ≈ the largest count that can signal and
        ///   w the width of a Poisson increment's mass; milliseconds for lengths up to a few hundred.
        public func performance(criticalValue cv: Double, relativeRisk: Double) throws(MaxSPRTError)
            -> SequentialPerformance
        {
            try validate()
            guard cv > 0, cv.isFinite else {
                throw .invalidArgument(name: "criticalValue", value: cv, reason: "must be a positive finite number")
            }
            guard relativeRisk > 0, relativeRisk.isFinite else {
                throw .invalidArgument(name: "relativeRisk", value: relativeRisk, reason: "must be positive")
            }
            let r = groupSizes == nil ? continuous(cv: cv, rr: relativeRisk) : grouped(cv: cv, rr: relativeRisk)
            return SequentialPerformance(
                power: r.power, expectedTimeToSignal: r.power > 0 ? r.timeSum / r.power : .nan,
                expectedSampleSize: r.timeSum + (1 - r.power) * surveillanceLength)
        }

        /// The expected count below which `k` events give an LLR of at least `cv`: the root μ < k of
        /// μ − k + k·log(k/μ) = cv (μ = k·e^{−w} with w − 1 + e^{−w} = cv/k).
        static func boundary(events k: Int, cv: Double) -> Double {
            let a = cv / Double(k)
            var lo = 0.0
            var hi = a + 1
            for _ in 0..<2000 {
                let mid = 0.5 * (lo + hi)
                if mid <= lo || mid >= hi { break }
                let h = mid + Double.expMinusOne(-mid) - a
                if h < 0 { lo = mid } else { hi = mid }
            }
            return Double(k) * Double.exp(-0.5 * (lo + hi))
        }

        /// The continuous test: signal iff the k-th event (k ≥ M) arrives by min(boundary_k, T). The count
        /// distribution without a signal is carried from boundary to boundary; within a step from count s,
        /// the signal comes with the (k − s)-th event of the step, whose expected time truncated to the step
        /// is ((k − s)/RR)·P(Poisson(RR·L) ≥ k − s + 1).
        func continuous(cv: Double, rr: Double) -> (power: Double, timeSum: Double) {
            let T = surveillanceLength
            var dist: [Double] = [1]  // P(count = s, no signal) at the previous checkpoint
            var previous = 0.0
            var power = 0.0
            var timeSum = 0.0
            var k = minimumEvents
            while true {
                let b = Self.boundary(events: k, cv: cv)
                let t = min(b, T)
                let lambda = rr * max(t - previous, 0)
                let (pmf, tail) = CountDistributions.poisson(mean: lambda, limit: k + 1)
                var next = [Double](repeating: 0, count: k)
                for s in dist.indices where dist[s] > 0 {
                    let j = k - s
                    let signal = tail[j]
                    power += dist[s] * signal
                    timeSum += dist[s] * (previous * signal + Double(j) / rr * tail[j + 1])
                    for m in 0..<min(pmf.count, k - s) { next[s + m] += dist[s] * pmf[m] }
                }
                if b >= T { break }
                dist = next
                previous = t
                k += 1
            }
            return (power, timeSum)
        }

        /// The events needed at cumulative expectation `mu` for the LLR to reach `cv` (and at least
        /// ``minimumEvents``): the signalling rule at a look.
        ///
        /// - Returns: `Int.max` (no count signals) for a non-finite or negative `mu` or `cv`.
        public func threshold(at mu: Double, cv: Double) -> Int {
            guard mu.isFinite, mu >= 0, mu < 1e15, cv.isFinite else { return Int.max }
            var c = max(minimumEvents, Int(mu.rounded(.down)) + 1)
            while MaxSPRT.poissonLLR(observed: Double(c), expected: mu) < cv { c += 1 }
            return c
        }

        /// The group sequential test: signal at look i iff the cumulative count reaches its threshold.
        func grouped(cv: Double, rr: Double) -> (power: Double, timeSum: Double) {
            var dist: [Double] = [1]
            var previous = 0.0
            var power = 0.0
            var timeSum = 0.0
            for mu in looks {
                let a = threshold(at: mu, cv: cv)
                let (pmf, tail) = CountDistributions.poisson(mean: rr * (mu - previous), limit: a + 1)
                var next = [Double](repeating: 0, count: a)
                for s in dist.indices where dist[s] > 0 {
                    let signal = s >= a ? 1 : tail[a - s]
                    power += dist[s] * signal
                    timeSum += dist[s] * signal * mu
                    if s < a {
                        for m in 0..<min(pmf.count, a - s) { next[s + m] += dist[s] * pmf[m] }
                    }
                }
                dist = next
                previous = mu
            }
            return (power, timeSum)
        }

        /// The critical value whose Type I error is `alpha`.
        ///
        /// Continuous test: the Type I error is continuous and decreasing in the critical value, which is
        /// found by bisection to 1e-12. Group sequential test: the Type I error changes only where the critical
        /// value crosses an attainable LLR, so the result is the smallest attainable LLR whose Type I error is
        /// at most `alpha`, with the interval of equivalent critical values.
        ///
        /// - Throws: ``MaxSPRTError/noSolution(_:)`` when even the smallest critical value keeps the Type I
        ///   error below `alpha` for want of events (R: "Does not have solution").
        public func criticalValue(alpha: Double) throws(MaxSPRTError) -> SequentialCriticalValue {
            try validate()
            guard alpha > 0, alpha < 1 else {
                throw .invalidArgument(name: "alpha", value: alpha, reason: "must lie in (0, 1)")
            }
            if groupSizes != nil { return try groupedCriticalValue(alpha: alpha) }
            let ceiling = (try? PoissonDistribution.survival(minimumEvents - 1, mean: surveillanceLength)) ?? 0
            guard ceiling >= alpha else {
                throw .noSolution(
                    "P(at least \(minimumEvents) events | \(surveillanceLength) expected) = \(ceiling) < alpha \(alpha)")
            }
            var lo = 0.0
            var hi = 1.0
            while continuous(cv: hi, rr: 1).power > alpha {
                lo = hi
                hi *= 2
                if hi > 1e6 { throw .noSolution("the Type I error stays above \(alpha)") }
            }
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if hi - lo <= 1e-12 * hi || mid <= lo || mid >= hi { break }
                if continuous(cv: mid, rr: 1).power > alpha { lo = mid } else { hi = mid }
            }
            let cv = 0.5 * (lo + hi)
            return SequentialCriticalValue(
                criticalValue: cv, attainedAlpha: continuous(cv: cv, rr: 1).power, equivalentAbove: nil)
        }

        func groupedCriticalValue(alpha: Double) throws(MaxSPRTError) -> SequentialCriticalValue {
            var candidates: Set<Double> = []
            for mu in looks {
                var c = max(minimumEvents, Int(mu.rounded(.down)) + 1)
                while true {
                    candidates.insert(MaxSPRT.poissonLLR(observed: Double(c), expected: mu))
                    let tail = (try? PoissonDistribution.survival(c - 1, mean: mu)) ?? 0
                    if tail < 1e-20 { break }
                    c += 1
                }
            }
            let sorted = candidates.filter { $0 > 0 && $0.isFinite }.sorted()
            return try smallestCriticalValue(sorted, alpha: alpha) { grouped(cv: $0, rr: 1).power }
        }
    }
}

/// The smallest candidate critical value whose Type I error is at most `alpha` (the error is non-increasing
/// in the critical value), by binary search over the sorted candidates.
func smallestCriticalValue(
    _ sorted: [Double], alpha: Double, typeIError: (Double) -> Double
) throws(MaxSPRTError) -> SequentialCriticalValue {
    guard let last = sorted.last, typeIError(last) <= alpha else {
        throw .noSolution("no attainable critical value keeps the Type I error at or below \(alpha)")
    }
    var lo = -1  // index whose error is > alpha (virtual −1)
    var hi = sorted.count - 1  // index whose error is ≤ alpha
    while hi - lo > 1 {
        let mid = (lo + hi) / 2
        if typeIError(sorted[mid]) <= alpha { hi = mid } else { lo = mid }
    }
    return SequentialCriticalValue(
        criticalValue: sorted[hi], attainedAlpha: typeIError(sorted[hi]), equivalentAbove: lo >= 0 ? sorted[lo] : 0)
}
