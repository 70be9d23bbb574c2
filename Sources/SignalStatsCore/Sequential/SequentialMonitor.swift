extension MaxSPRT.Poisson {
    /// Tests each look of a monitored study: the LLR of the cumulative observed against the cumulative
    /// expected events, compared with `criticalValue`.
    ///
    /// - Parameters:
    ///   - expected: Cumulative expected events under the null at each look (non-decreasing, ≥ 0).
    ///   - observed: Cumulative observed events at each look (non-decreasing).
    ///   - criticalValue: The critical value, typically from ``criticalValue(alpha:)``.
    ///   - minimumEvents: The fewest events that may signal.
    /// - Throws: ``MaxSPRTError/invalidLook(look:reason:)`` for mismatched, negative or decreasing counts;
    ///   ``MaxSPRTError/invalidArgument(name:value:reason:)`` for a critical value that is not positive and finite.
    public static func monitor(
        expected: [Double], observed: [Int], criticalValue: Double, minimumEvents: Int = 1
    ) throws(MaxSPRTError) -> [SequentialLook] {
        guard criticalValue > 0, criticalValue.isFinite else {
            throw .invalidArgument(name: "criticalValue", value: criticalValue, reason: "must be a positive finite number")
        }
        guard expected.count == observed.count else {
            throw .invalidLook(
                look: min(expected.count, observed.count) + 1,
                reason: "\(expected.count) expected counts but \(observed.count) observed counts")
        }
        var out: [SequentialLook] = []
        var any = false
        for i in expected.indices {
            let mu = expected[i]
            let c = observed[i]
            guard mu >= 0, mu.isFinite, c >= 0 else {
                throw .invalidLook(look: i + 1, reason: "expected \(mu) and observed \(c) must be finite and ≥ 0")
            }
            if i > 0 && (mu < expected[i - 1] || c < observed[i - 1]) {
                throw .invalidLook(look: i + 1, reason: "cumulative counts must not decrease")
            }
            let llr = MaxSPRT.poissonLLR(observed: Double(c), expected: mu)
            let signal = c >= minimumEvents && llr >= criticalValue
            any = any || signal
            out.append(
                SequentialLook(
                    look: i + 1, expected: mu, observed: c, llr: llr, criticalValue: criticalValue, signalled: signal,
                    signalledByNow: any))
        }
        return out
    }
}

extension MaxSPRT.Binomial {
    /// Tests each look of a monitored study: the LLR of the cumulative exposed cases among the cumulative
    /// cases, compared with `criticalValue`.
    ///
    /// - Parameters:
    ///   - cases: Cumulative cases at each look (non-decreasing).
    ///   - exposed: Cumulative exposed cases at each look (0 ≤ exposed ≤ cases, non-decreasing).
    /// - Throws: ``MaxSPRTError/invalidLook(look:reason:)`` for mismatched, impossible or decreasing counts.
    public static func monitor(
        cases: [Int], exposed: [Int], matchingRatio: Double, criticalValue: Double, minimumEvents: Int = 1
    ) throws(MaxSPRTError) -> [SequentialLook] {
        guard criticalValue > 0, criticalValue.isFinite else {
            throw .invalidArgument(name: "criticalValue", value: criticalValue, reason: "must be a positive finite number")
        }
        guard cases.count == exposed.count else {
            throw .invalidLook(
                look: min(cases.count, exposed.count) + 1,
                reason: "\(cases.count) case counts but \(exposed.count) exposed counts")
        }
        guard matchingRatio > 0, matchingRatio.isFinite else {
            throw .invalidArgument(name: "matchingRatio", value: matchingRatio, reason: "must be positive")
        }
        var out: [SequentialLook] = []
        var any = false
        for i in cases.indices {
            let n = cases[i]
            let c = exposed[i]
            guard c >= 0, c <= n else {
                throw .invalidLook(look: i + 1, reason: "exposed \(c) must lie between 0 and cases \(n)")
            }
            if i > 0 && (n < cases[i - 1] || c < exposed[i - 1]) {
                throw .invalidLook(look: i + 1, reason: "cumulative counts must not decrease")
            }
            let llr = MaxSPRT.binomialLLR(exposed: c, total: n, matchingRatio: matchingRatio)
            let signal = c >= minimumEvents && llr >= criticalValue
            any = any || signal
            out.append(
                SequentialLook(
                    look: i + 1, expected: Double(n), observed: c, llr: llr, criticalValue: criticalValue,
                    signalled: signal, signalledByNow: any))
        }
        return out
    }
}
