extension MaxSPRT {
    /// The binomial MaxSPRT: each new case is exposed or a matched control (or, in a self-controlled
    /// design, falls in the risk or the control window); under the null a case is exposed with probability
    /// p = 1/(1 + z), z the matching ratio. Surveillance ends after ``maximumCases`` cases.
    ///
    /// The continuous test (``groupSizes`` `nil`) looks after every case; the group sequential test after
    /// each group. A signal needs at least ``minimumEvents`` exposed cases. Matches R `Sequential` 4.5.1
    /// `CV.Binomial` and `Performance.Binomial` (`Tailed = "upper"`).
    public struct Binomial: Codable, Sendable, Equatable {
        /// The number of cases at the end of surveillance (R's `N`).
        public var maximumCases: Int
        /// The fewest exposed cases that may signal (R's `M`; default 1).
        public var minimumEvents: Int
        /// The matching ratio z (unexposed to exposed person-time or controls per case; p = 1/(1 + z)).
        public var matchingRatio: Double
        /// Cases between looks (adding up to ``maximumCases``), or `nil` for a look after every case.
        public var groupSizes: [Int]?

        /// A binomial MaxSPRT design.
        public init(maximumCases: Int, minimumEvents: Int = 1, matchingRatio: Double, groupSizes: [Int]? = nil) {
            self.maximumCases = maximumCases
            self.minimumEvents = minimumEvents
            self.matchingRatio = matchingRatio
            self.groupSizes = groupSizes
        }

        /// A design with equal groups of `groupSize` cases (R's scalar `GroupSizes`; `maximumCases` must be a
        /// multiple of it).
        public init(maximumCases: Int, minimumEvents: Int = 1, matchingRatio: Double, groupSize: Int)
            throws(MaxSPRTError)
        {
            guard groupSize >= 1, maximumCases % groupSize == 0 else {
                throw .invalidArgument(
                    name: "groupSize", value: Double(groupSize),
                    reason: "must be a positive divisor of maximumCases \(maximumCases)")
            }
            self.init(
                maximumCases: maximumCases, minimumEvents: minimumEvents, matchingRatio: matchingRatio,
                groupSizes: Array(repeating: groupSize, count: maximumCases / groupSize))
        }

        func validate() throws(MaxSPRTError) {
            guard maximumCases >= 1, maximumCases <= 100_000 else {
                throw .invalidArgument(
                    name: "maximumCases", value: Double(maximumCases),
                    reason: "must lie in 1...100,000 (the exact recursion grows with the square of the number of cases)")
            }
            guard minimumEvents >= 1 else {
                throw .invalidArgument(name: "minimumEvents", value: Double(minimumEvents), reason: "must be at least 1")
            }
            guard matchingRatio > 0, matchingRatio.isFinite else {
                throw .invalidArgument(name: "matchingRatio", value: matchingRatio, reason: "must be positive")
            }
            if let g = groupSizes {
                for (i, size) in g.enumerated() where size < 1 {
                    throw .invalidLook(look: i + 1, reason: "group size \(size) must be at least 1")
                }
                let total = g.reduce(0, +)
                guard total == maximumCases else {
                    throw .invalidArgument(
                        name: "groupSizes", value: Double(total),
                        reason: "group sizes add up to \(total), not maximumCases \(maximumCases)")
                }
            }
        }

        /// Cumulative cases at the looks (1, 2, …, ``maximumCases`` for the continuous test).
        public var looks: [Int] {
            guard let g = groupSizes else { return Array(1...maximumCases) }
            var out: [Int] = []
            var sum = 0
            for size in g {
                sum += size
                out.append(sum)
            }
            return out
        }

        /// The exposed cases needed among `n` cases for the LLR to reach `cv` (and at least
        /// ``minimumEvents``), or n + 1 when no count can signal: the signalling rule at a look.
        public func threshold(cases n: Int, cv: Double) -> Int {
            var c = minimumEvents
            while c <= n && MaxSPRT.binomialLLR(exposed: c, total: n, matchingRatio: matchingRatio) < cv { c += 1 }
            return c
        }

        /// The Type I error at critical value `cv` (power at relative risk 1).
        public func typeIError(criticalValue cv: Double) throws(MaxSPRTError) -> Double {
            try performance(criticalValue: cv, relativeRisk: 1).power
        }

        /// Power, expected number of cases at signal (given a signal) and expected number of cases observed.
        /// Under relative risk RR a case is exposed with probability RR/(RR + z).
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
            let r = run(cv: cv, rr: relativeRisk)
            return SequentialPerformance(
                power: r.power, expectedTimeToSignal: r.power > 0 ? r.timeSum / r.power : .nan,
                expectedSampleSize: r.timeSum + (1 - r.power) * Double(maximumCases))
        }

        /// The recursion over the exposed count: at each look the non-signalled distribution gains a
        /// Binomial(group, RR/(RR + z)) increment; counts at or above the look's threshold signal.
        func run(cv: Double, rr: Double) -> (power: Double, timeSum: Double) {
            let ps = rr / (rr + matchingRatio)
            var dist: [Double] = [1]
            var previous = 0
            var power = 0.0
            var timeSum = 0.0
            var cache: [Int: (pmf: [Double], tail: [Double])] = [:]
            for n in looks {
                let g = n - previous
                let increment: (pmf: [Double], tail: [Double])
                if let hit = cache[g] {
                    increment = hit
                } else {
                    increment = CountDistributions.binomial(trials: g, probability: ps)
                    cache[g] = increment
                }
                let a = threshold(cases: n, cv: cv)
                var next = [Double](repeating: 0, count: min(a, n + 1))
                for s in dist.indices where dist[s] > 0 {
                    let need = a - s
                    let signal = need <= 0 ? 1 : (need <= g ? increment.tail[need] : 0)
                    power += dist[s] * signal
                    timeSum += dist[s] * signal * Double(n)
                    if need > 0 {
                        for m in 0..<min(g + 1, need) { next[s + m] += dist[s] * increment.pmf[m] }
                    }
                }
                dist = next
                previous = n
            }
            return (power, timeSum)
        }

        /// The critical value whose exact Type I error is at most `alpha`: the smallest attainable LLR with
        /// that property (the error only changes where the critical value crosses an attainable LLR), with
        /// the interval of critical values that give the same signals.
        ///
        /// - Throws: ``MaxSPRTError/noSolution(_:)`` when no critical value attains it.
        public func criticalValue(alpha: Double) throws(MaxSPRTError) -> SequentialCriticalValue {
            try validate()
            guard alpha > 0, alpha < 1 else {
                throw .invalidArgument(name: "alpha", value: alpha, reason: "must lie in (0, 1)")
            }
            var candidates: Set<Double> = []
            for n in looks where n >= minimumEvents {
                for c in minimumEvents...n {
                    let v = MaxSPRT.binomialLLR(exposed: c, total: n, matchingRatio: matchingRatio)
                    if v > 0 { candidates.insert(v) }
                }
            }
            return try smallestCriticalValue(candidates.sorted(), alpha: alpha) { run(cv: $0, rr: 1).power }
        }
    }
}
