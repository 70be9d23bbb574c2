import Foundation

/// A self-controlled case series model: the intervals and the conditional Poisson fit of their relative incidences.
///
/// Estimand: the relative incidence (RI) of the outcome in each risk window versus the case's own control time,
/// adjusted for age (and season) by step functions; time-invariant confounders cancel within case (Farrington
/// 1995; Whitaker et al. 2006, Stat Med 25:1768). Assumptions: events are rare or recurrent events independent,
/// exposure does not depend on earlier events, and the end of observation does not depend on events (see the
/// diagnostics).
///
/// ```swift
/// let intervals = try SCCSIntervals.build(cases: cases, parameterNames: ["mmr1"], adjustment: .init(ageCutPoints: [548]))
/// let result = try SCCSModel(intervals).fit()
/// print(result.summary())
/// ```
public struct SCCSModel: Sendable {
    public let intervals: SCCSIntervals
    /// Parameter names: exposure parameters, then age groups (`age2`…), then season groups (`season2`…).
    public let parameterNames: [String]
    /// How many of the parameters are exposure parameters (the first ones).
    public let exposureColumns: Int
    /// The factor-coded likelihood over all parameters.
    package let likelihood: SCCSLikelihood

    /// Sets up the model from the intervals: one indicator per exposure parameter, and one per age and season group
    /// present other than the first present (the reference, as R's factor coding makes it).
    public init(_ intervals: SCCSIntervals, partitions: Int? = nil) throws(SCCSError) {
        self.intervals = intervals
        var names = intervals.parameterNames
        exposureColumns = names.count
        var ageParameter: [Int16: Int32] = [:], seasonParameter: [Int16: Int32] = [:]
        // Keys (distinct pattern, age and season combinations) come from interval construction, with their events:
        // groups present, and present with an event, are read from the keys (groups are few).
        let index = intervals.factorCoding()
        func census(_ groups: [Int16]) -> (present: [Int16], reference: Int16?) {
            let size = Int(groups.max() ?? 0) + 1
            var seen = [Bool](repeating: false, count: size), withEvents = [Bool](repeating: false, count: size)
            for (g, e) in zip(groups, index.keyEvents) {
                seen[Int(g)] = true
                if e > 0 { withEvents[Int(g)] = true }
            }
            let present = (0..<size).filter { seen[$0] }.map { Int16($0) }
            // Reference group: the first group present that has an event (the first present, as R's factor coding
            // takes it, whenever that one has events; a reference without events would send every other group to
            // infinity).
            return (present, present.first { withEvents[Int($0)] } ?? present.first)
        }
        let age = census(index.keyAge), season = census(index.keySeason)
        for g in age.present where g != age.reference {
            ageParameter[g] = Int32(names.count)
            names.append(Self.ageTermName(group: Int(g)))
        }
        for g in season.present where g != season.reference {
            seasonParameter[g] = Int32(names.count)
            names.append(Self.seasonTermName(group: Int(g)))
        }
        guard !names.isEmpty, intervals.count > 0 else {
            throw .invalidDesign("no exposure parameters and no age or season groups to estimate")
        }
        parameterNames = names
        let keyParameters: [[Int32]] = (0..<index.keyCount).map { k in
            var params = intervals.exposurePatterns[Int(index.keyPattern[k])]
            if let a = ageParameter[index.keyAge[k]] { params.append(a) }
            if let s = seasonParameter[index.keySeason[k]] { params.append(s) }
            return params
        }
        likelihood = SCCSLikelihood(
            caseStarts: index.caseStarts, key: index.key, length: intervals.length, events: intervals.events,
            keyParameters: keyParameters, fixed: [Double](repeating: 0, count: names.count), free: Array(names.indices),
            partitions: partitions ?? defaultPartitionCount)
    }

    /// Ridge penalty on age and season parameters used only when they are separated.
    public static let nuisanceRidge = 0.01

    /// Fits the model and computes Wald and (for exposure parameters) profile-likelihood intervals.
    ///
    /// Parameters the data cannot identify (for example an exposure window, age or season group without any
    /// variation within cases that have events) are found from the information at the start, left out, and
    /// listed in `regression.aliased`.
    ///
    /// - Parameters:
    ///   - level: confidence level of the intervals.
    ///   - profile: whether to compute profile-likelihood intervals for the exposure parameters.
    ///   - options: Newton–Raphson iteration limits and tolerances.
    public func fit(level: Double = 0.95, profile: Bool = true, options: NewtonOptions = .init()) throws(SCCSError) -> SCCSResult {
        // Parameters with no event in any interval where they apply have their maximum at −∞ (RI 0): the likelihood's
        // supremum is the likelihood without those intervals, so they are removed and reported, not iterated to
        // overflow.
        let eventsPerKey = likelihood.keyEvents
        var eventsWith = [Double](repeating: 0, count: parameterNames.count)
        for (k, params) in likelihood.keyParameters.enumerated() {
            for j in params { eventsWith[Int(j)] += eventsPerKey[k] }
        }
        let zeroEvent = Set(eventsWith.indices.filter { eventsWith[$0] == 0 })
        let base = zeroEvent.isEmpty ? likelihood : likelihood.excludingIntervals { params in params.contains { zeroEvent.contains(Int($0)) } }
        let zero = [Double](repeating: 0, count: parameterNames.count)
        let candidates = parameterNames.indices.filter { !zeroEvent.contains($0) }
        let start = base.with(fixed: zero, free: candidates)
        let initial = start.evaluate(at: [Double](repeating: 0, count: candidates.count))
        let rank: RankRevealingCholesky
        do { rank = try RankRevealingCholesky(initial.information) } catch { throw .fit(.numerics(error)) }
        let aliased = rank.aliased.map { k in
            AliasedTerm(
                name: parameterNames[candidates[k]],
                reason: initial.information[k, k] <= 1e-12 ? .noVariationWithinStrata : .collinear)
        }
        let independent = rank.independent.map { candidates[$0] }
        guard !independent.isEmpty else { throw .fit(.allColumnsAliased(parameterNames)) }
        let model = aliased.isEmpty ? start : base.with(fixed: zero, free: independent)
        var newton: NewtonResult
        do {
            newton = try NewtonRaphson.maximize(
                model, start: [Double](repeating: 0, count: independent.count),
                initial: aliased.isEmpty ? initial : nil, options: options)
        } catch {
            throw .fit(.singularInformation("the SCCS information matrix became singular: \(error)"))
        }
        // Age or season groups linked only through cases whose events all fall on one side have estimates at
        // infinity (separation), and Newton cannot converge. The exposure estimate is still defined (the profile over
        // those groups); it is computed with a small ridge penalty on the nuisance parameters, and the groups are named.
        var separated: [String] = []
        if !newton.status.isConverged {
            let nuisance = independent.enumerated().filter { $0.element >= exposureColumns }
            separated = nuisance.filter { abs(newton.estimate[$0.offset]) > 8 }.map { parameterNames[$0.element] }
            if !separated.isEmpty {
                var penalized = options
                penalized.ridge = independent.map { $0 >= exposureColumns ? Self.nuisanceRidge : 0 }
                do {
                    newton = try NewtonRaphson.maximize(
                        model, start: [Double](repeating: 0, count: independent.count), options: penalized)
                } catch {
                    throw .fit(.singularInformation("the SCCS information matrix became singular: \(error)"))
                }
            }
        }
        let covariance: Matrix
        do { covariance = try Cholesky(newton.information).inverse() } catch {
            throw .fit(.singularInformation("the SCCS information matrix at the estimate is not positive definite"))
        }
        let withEvents = likelihood.caseEvents.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        var notes: [String] = []
        if !newton.status.isConverged { notes.append(newton.status.description) }
        if !separated.isEmpty {
            notes.append("separation in \(separated.joined(separator: ", ")) (their likelihood keeps rising towards infinity): "
                + "fitted with a ridge penalty of \(Self.nuisanceRidge) on the age and season parameters; their RIs are not estimates")
        }
        let zeroNames = zeroEvent.sorted().map { parameterNames[$0] }
        if !zeroNames.isEmpty {
            notes.append("no events where \(zeroNames.joined(separator: ", ")) apply: RI 0 (maximum at the boundary), not estimated")
        }
        let regression = RegressionResult(
            model: "conditional poisson", terms: independent.map { parameterNames[$0] }, coefficients: newton.estimate,
            covariance: covariance, logLikelihood: newton.logLikelihood, convergence: newton.status,
            iterations: newton.trace.count - 1, observations: newton.observations,
            events: likelihood.caseEvents.reduce(0, +), strata: (likelihood.caseStarts.count - 1, withEvents),
            aliased: aliased, l2Penalty: separated.isEmpty ? 0 : Self.nuisanceRidge, diagnostics: notes)
        let wald: [ConfidenceInterval]
        do { wald = try regression.confidenceIntervals(level: level) } catch { throw .fit(error) }
        var profiles: [String: ConfidenceInterval] = [:]
        if profile && separated.isEmpty {
            let profiler = SCCSProfileLikelihood(likelihood: base, parameterNames: parameterNames, fitted: regression, free: independent, options: options)
            for name in intervals.parameterNames where regression.index(of: name) != nil {
                profiles[name] = try profiler.interval(for: name, level: level)
            }
        }
        return SCCSResult(
            regression: regression, level: level, wald: wald, profile: profiles, windows: windowCounts(),
            construction: intervals.counts, exposureParameters: intervals.parameterNames, zeroEventParameters: zeroNames)
    }

    /// Person-days, events and cases with an event, per exposure parameter (and unexposed).
    func windowCounts() -> [SCCSWindowCount] {
        let names = intervals.parameterNames
        let index = intervals.factorCoding()
        var days = [Int](repeating: 0, count: names.count + 1)
        var events = [Int](repeating: 0, count: names.count + 1)
        let slots: [[Int]] = intervals.exposurePatterns.map { $0.isEmpty ? [names.count] : $0.map(Int.init) }
        for k in 0..<index.keyCount {
            for s in slots[Int(index.keyPattern[k])] {
                days[s] += index.keyDays[k]
                events[s] += index.keyEvents[k]
            }
        }
        // Cases with an event in each slot: a case is counted once per slot (the last case counted, per slot).
        var cases = [Int](repeating: 0, count: names.count + 1)
        var lastCase = [Int32](repeating: -1, count: names.count + 1)
        for i in 0..<intervals.count where intervals.events[i] > 0 {
            let c = intervals.caseIndex[i]
            for s in slots[Int(intervals.exposurePattern[i])] where lastCase[s] != c {
                lastCase[s] = c
                cases[s] += 1
            }
        }
        return (0...names.count).map {
            SCCSWindowCount(name: $0 < names.count ? names[$0] : "unexposed", personDays: days[$0], events: events[$0], casesWithEvents: cases[$0])
        }
    }
}

/// Person-time and events in one exposure window (or the unexposed time).
public struct SCCSWindowCount: Sendable, Equatable, Codable {
    public var name: String
    public var personDays: Int
    public var events: Int
    public var casesWithEvents: Int
}
