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
    /// The design: exposure parameters, then age groups (`age2`…), then season groups (`season2`…).
    public let design: DesignMatrix
    /// Which design columns are exposure parameters (the first ones).
    public let exposureColumns: Int

    /// Builds the design from the intervals: one indicator per exposure parameter, and one per age and season group
    /// present other than the first present (the reference, as R's factor coding makes it).
    public init(_ intervals: SCCSIntervals) throws(SCCSError) {
        self.intervals = intervals
        let n = intervals.count
        var columns: [[Double]] = []
        var names: [String] = []
        for (j, name) in intervals.parameterNames.enumerated() {
            let active = intervals.exposurePatterns.map { $0.contains(Int32(j)) }
            columns.append(intervals.exposurePattern.map { active[Int($0)] ? 1 : 0 })
            names.append(name)
        }
        exposureColumns = columns.count
        for (label, groups) in [("age", intervals.ageGroup), ("season", intervals.seasonGroup)] {
            let present = Set(groups).sorted()
            for g in present.dropFirst() {
                columns.append(groups.map { $0 == g ? 1 : 0 })
                names.append("\(label)\(Int(g) + 1)")
            }
        }
        guard !columns.isEmpty, n > 0 else { throw .invalidDesign("no exposure parameters and no age or season groups to estimate") }
        do {
            design = try DesignMatrix(matrix: try Matrix(columns: columns), columnNames: names, hasIntercept: false)
        } catch let e as RegressionError {
            throw .fit(e)
        } catch {
            throw .invalidDesign("could not build the design matrix")
        }
    }

    /// Fits the model and computes Wald and (for exposure parameters) profile-likelihood intervals.
    ///
    /// - Parameters:
    ///   - level: confidence level of the intervals.
    ///   - profile: whether to compute profile-likelihood intervals for the exposure parameters.
    public func fit(level: Double = 0.95, profile: Bool = true, options: NewtonOptions = .init()) throws(SCCSError) -> SCCSResult {
        let counts = intervals.events.map(Double.init)
        let strata = intervals.caseIndex.map(Int.init)
        let time = intervals.length.map(Double.init)
        let regression: RegressionResult
        do {
            regression = try ConditionalPoissonRegression(counts: counts, strata: strata, exposureTime: time, design: design)
                .fit(options: options)
        } catch { throw .fit(error) }
        let wald: [ConfidenceInterval]
        do { wald = try regression.confidenceIntervals(level: level) } catch { throw .fit(error) }
        var profiles: [String: ConfidenceInterval] = [:]
        if profile {
            let profiler = SCCSProfileLikelihood(model: self, fitted: regression, options: options)
            for name in intervals.parameterNames where regression.index(of: name) != nil {
                profiles[name] = try profiler.interval(for: name, level: level)
            }
        }
        let windows = windowCounts()
        return SCCSResult(
            regression: regression, level: level, wald: wald, profile: profiles, windows: windows,
            construction: intervals.counts, exposureParameters: intervals.parameterNames)
    }

    /// Person-days, events and cases with an event, per exposure parameter (and unexposed).
    func windowCounts() -> [SCCSWindowCount] {
        let names = intervals.parameterNames
        var days = [Int](repeating: 0, count: names.count + 1)
        var events = [Int](repeating: 0, count: names.count + 1)
        var cases = [Set<Int32>](repeating: [], count: names.count + 1)
        for i in 0..<intervals.count {
            let pattern = intervals.exposurePatterns[Int(intervals.exposurePattern[i])]
            let slots = pattern.isEmpty ? [names.count] : pattern.map(Int.init)
            for s in slots {
                days[s] += Int(intervals.length[i])
                events[s] += Int(intervals.events[i])
                if intervals.events[i] > 0 { cases[s].insert(intervals.caseIndex[i]) }
            }
        }
        return (0...names.count).map {
            SCCSWindowCount(name: $0 < names.count ? names[$0] : "unexposed", personDays: days[$0], events: events[$0], casesWithEvents: cases[$0].count)
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
