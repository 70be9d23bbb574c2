import Foundation

/// The result of an SCCS fit: relative incidences with Wald and profile-likelihood intervals, the counts behind
/// them, and the fit's convergence.
public struct SCCSResult: Sendable {
    /// The conditional Poisson fit (log relative incidences, covariance, log-likelihood, convergence).
    public let regression: RegressionResult
    /// Confidence level of the intervals.
    public let level: Double
    /// Wald intervals on the log scale, in the order of `regression.terms`.
    public let wald: [ConfidenceInterval]
    /// Profile-likelihood intervals on the log scale for the exposure parameters.
    public let profile: [String: ConfidenceInterval]
    /// Person-days, events and cases per exposure window and unexposed.
    public let windows: [SCCSWindowCount]
    /// What interval construction kept and dropped.
    public let construction: SCCSIntervals.Counts
    /// Names of the exposure parameters (the others are age and season groups).
    public let exposureParameters: [String]
    /// Parameters with no event where they apply: their RI is 0 (the likelihood's maximum is at the boundary), so
    /// they are reported here instead of estimated. An exposure window listed here has RI 0.
    public let zeroEventParameters: [String]

    /// One estimate on the relative-incidence scale.
    public struct Estimate: Sendable, Equatable {
        public var term: String
        public var logRelativeIncidence: Double
        public var standardError: Double
        public var relativeIncidence: Double
        public var waldLower: Double
        public var waldUpper: Double
        /// Profile-likelihood limits (exposure parameters only).
        public var profileLower: Double?
        public var profileUpper: Double?
    }

    /// The maximized log-likelihood in the form R `SCCS` and Stata `sccsdta` report: conditional (multinomial)
    /// without constant terms, on intervals split only where a covariate changes. (`regression.logLikelihood` is the
    /// same up to a constant, on the merged intervals the fit uses.)
    public var logLikelihood: Double { regression.logLikelihood + construction.logLikelihoodSplitCorrection }

    /// Every estimated term.
    public var estimates: [Estimate] {
        regression.terms.enumerated().map { k, term in
            let p = profile[term]
            return Estimate(
                term: term, logRelativeIncidence: regression.coefficients[k], standardError: regression.standardErrors[k],
                relativeIncidence: Foundation.exp(regression.coefficients[k]), waldLower: Foundation.exp(wald[k].lower),
                waldUpper: Foundation.exp(wald[k].upper), profileLower: p.map { Foundation.exp($0.lower) },
                profileUpper: p.map { Foundation.exp($0.upper) })
        }
    }

    /// The estimate for `term`, if it was estimated.
    public func estimate(_ term: String) -> Estimate? { estimates.first { $0.term == term } }

    /// A readable report: construction counts, estimates, windows, convergence.
    public func summary() -> String {
        var out = ["Self-controlled case series"]
        out.append("cases: \(construction.cases)   events: \(construction.events)   intervals: \(regression.observations)")
        if construction.eventsOutsideObservation > 0 || construction.casesWithoutEventsInObservation > 0 {
            out.append("dropped: \(construction.eventsOutsideObservation) events outside observation, "
                + "\(construction.casesWithoutEventsInObservation) cases with no event in observation")
        }
        out.append(String(format: "log-likelihood: %.6f   ", logLikelihood) + regression.convergence.description)
        let pct = String(format: "%g%%", level * 100)
        // The first column is as wide as the longest term or window name, so long names keep the columns aligned.
        let nameWidth = max(14, (estimates.map(\.term) + windows.map(\.name)).map(\.count).max().map { $0 + 2 } ?? 0)
        let header = pad("term", nameWidth) + lpad("RI", 10) + lpad("Wald \(pct) CI", 22) + lpad("profile \(pct) CI", 24)
        out.append(header)
        out.append(String(repeating: "-", count: header.count))
        for e in estimates {
            let profileText = e.profileLower.map { String(format: "%.4g - %.4g", $0, e.profileUpper ?? .nan) } ?? ""
            out.append(pad(e.term, nameWidth) + lpad(String(format: "%.4g", e.relativeIncidence), 10)
                + lpad(String(format: "%.4g - %.4g", e.waldLower, e.waldUpper), 22) + lpad(profileText, 24))
        }
        out.append("")
        out.append(pad("window", nameWidth) + lpad("person-days", 13) + lpad("events", 8) + lpad("cases", 8))
        for w in windows {
            out.append(pad(w.name, nameWidth) + lpad(String(w.personDays), 13) + lpad(String(w.events), 8) + lpad(String(w.casesWithEvents), 8))
        }
        for a in regression.aliased { out.append("not estimated: \(a)") }
        for d in regression.diagnostics { out.append("note: \(d)") }
        return out.joined(separator: "\n")
    }
}
