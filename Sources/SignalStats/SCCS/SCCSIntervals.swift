import CohortModel
import Foundation

/// Age and season adjustment of an SCCS model, as step functions.
public struct SCCSAdjustment: Sendable, Equatable, Codable {
    /// Ages in days at which a new age group starts (R `SCCS`'s `agegrp`): group 1 is before the first cut point.
    public var ageCutPoints: [Int]
    /// Calendar months (1–12) at which a new season group starts, cyclically: with `[3, 6, 9, 12]`, December to
    /// February is one group. Empty for no season adjustment.
    public var seasonStartMonths: [Int]

    public init(ageCutPoints: [Int] = [], seasonStartMonths: [Int] = []) {
        self.ageCutPoints = ageCutPoints
        self.seasonStartMonths = seasonStartMonths
    }
}

/// A case series chopped into intervals during which every covariate is constant (the SCCS analysis data).
///
/// Within each case, intervals with the same covariate pattern are merged (their lengths and events added): the
/// conditional Poisson likelihood depends on them only through those sums. This is OHDSI's `SccsIntervalData`
/// ("chops patient time into periods during which all covariates remain constant"; Farrington, Whitaker and
/// Weldeselassie 2018) and what R `SCCS::formatdata` produces before its fit.
public struct SCCSIntervals: Sendable {
    /// Case (stratum) of each interval, an index into ``caseIDs``.
    public var caseIndex: [Int32] = []
    /// Days in the interval (sum over merged pieces).
    public var length: [Int32] = []
    /// Events in the interval.
    public var events: [Int32] = []
    /// Active exposure parameters of each interval: an index into ``exposurePatterns``.
    public var exposurePattern: [Int32] = []
    /// Age group (0 = before the first cut point) of each interval.
    public var ageGroup: [Int16] = []
    /// Season group of each interval (0 when there is no season adjustment).
    public var seasonGroup: [Int16] = []
    /// Distinct sets of active exposure parameters (sorted parameter indices); pattern 0 is "unexposed".
    public var exposurePatterns: [[Int32]] = [[]]
    /// Case ids, one per case that has at least one event in its observation.
    public var caseIDs: [String] = []
    /// Names of the exposure parameters.
    public var parameterNames: [String]
    public var adjustment: SCCSAdjustment
    /// Counts of the construction: cases given, cases with events in observation, events in observation, events
    /// outside observation (ignored), cases with a zero-length or inverted observation (rejected).
    public var counts = Counts()

    /// What interval construction kept and dropped.
    public struct Counts: Sendable, Equatable, Codable {
        public var casesGiven = 0
        public var cases = 0
        public var events = 0
        public var eventsOutsideObservation = 0
        public var casesWithoutEventsInObservation = 0
        public var eventsDroppedAfterFirst = 0
        /// `Σ_events log(run length / merged length)`: added to the log-likelihood of the merged intervals it gives the
        /// log-likelihood on intervals split only where a covariate changes (R `SCCS::formatdata`), the form R `SCCS`
        /// and Stata `sccsdta` report. (Merging non-adjacent intervals with the same covariates changes that constant,
        /// not the estimates.)
        public var logLikelihoodSplitCorrection = 0.0
        /// Person-days of all cases' observation (after restrictions).
        public var personDays = 0
    }

    /// Number of intervals.
    public var count: Int { caseIndex.count }

    /// Builds the intervals.
    ///
    /// - Parameters:
    ///   - cases: the cases, each with its windows.
    ///   - parameterNames: names of the exposure parameters the windows refer to.
    ///   - adjustment: age and season step functions.
    ///   - firstOutcomeOnly: keep only each case's first event (OHDSI's `firstOutcomeOnly`; observation is kept whole).
    /// - Throws: ``SCCSError/invalidObservation(caseID:start:end:)``, ``SCCSError/invalidDesign(_:)`` for unsorted cut
    ///   points or a window naming an unknown parameter, ``SCCSError/noCases`` when no case has an event.
    public static func build(
        cases: [SCCSCase], parameterNames: [String], adjustment: SCCSAdjustment = .init(), firstOutcomeOnly: Bool = false
    ) throws(SCCSError) -> SCCSIntervals {
        guard zip(adjustment.ageCutPoints, adjustment.ageCutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("age cut points must increase: \(adjustment.ageCutPoints)")
        }
        let months = adjustment.seasonStartMonths
        guard months.allSatisfy({ (1...12).contains($0) }), zip(months, months.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("season start months must be increasing months 1-12: \(months)")
        }
        var out = SCCSIntervals(parameterNames: parameterNames, adjustment: adjustment)
        out.counts.casesGiven = cases.count
        var patternIndex: [[Int32]: Int32] = [[]: 0]
        // Month of year → season group.
        let seasonOfMonth: [Int16] = (0...12).map { m in
            guard !months.isEmpty, m > 0 else { return 0 }
            let k = months.lastIndex { $0 <= m } ?? (months.count - 1)
            return Int16(k)
        }

        var cuts: [Int] = []
        var merged: [Key: (length: Int, events: Int)] = [:]
        var order: [Key] = []
        var runs: [(key: Key, length: Int, events: Int)] = []
        for c in cases {
            guard c.observationEnd >= c.observationStart else {
                throw .invalidObservation(caseID: c.id, start: c.observationStart, end: c.observationEnd)
            }
            for w in c.windows where w.parameter < 0 || w.parameter >= parameterNames.count {
                throw .invalidDesign("case \(c.id): a window refers to parameter \(w.parameter) of \(parameterNames.count)")
            }
            var events = c.events.filter { $0 >= c.observationStart && $0 <= c.observationEnd }.sorted()
            out.counts.eventsOutsideObservation += c.events.count - events.count
            if firstOutcomeOnly && events.count > 1 {
                out.counts.eventsDroppedAfterFirst += events.count - 1
                events = [events[0]]
            }
            guard !events.isEmpty else {
                out.counts.casesWithoutEventsInObservation += 1
                continue
            }
            // Breakpoints: observation, windows, age cut points, month starts.
            cuts.removeAll(keepingCapacity: true)
            cuts.append(c.observationStart)
            cuts.append(c.observationEnd + 1)
            for w in c.windows {
                cuts.append(w.from)
                cuts.append(w.to + 1)
            }
            for a in adjustment.ageCutPoints { cuts.append(c.birthDay + a) }
            if !months.isEmpty, let origin = c.calendarOrigin {
                var d = Day(Int32(truncatingIfNeeded: origin + c.observationStart))
                let last = origin + c.observationEnd
                while true {
                    let civil = d.civil
                    let nextMonth = civil.month == 12 ? (civil.year + 1, 1) : (civil.year, civil.month + 1)
                    guard let next = Day(year: nextMonth.0, month: nextMonth.1, day: 1), Int(next.rawValue) <= last else { break }
                    cuts.append(Int(next.rawValue) - origin)
                    d = next
                }
            }
            cuts.sort()
            merged.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var e = 0
            var previous = Int.min
            var runKey: Key? = nil
            var runEnd = Int.min
            var runLength = 0
            var runEvents = 0
            runs.removeAll(keepingCapacity: true)
            for k in 0..<(cuts.count - 1) {
                let a = cuts[k], b = cuts[k + 1] - 1
                guard a != previous, a <= b, a >= c.observationStart, b <= c.observationEnd else { continue }
                previous = a
                var active: [Int32] = []
                for w in c.windows where w.from <= a && a <= w.to {
                    let p = Int32(w.parameter)
                    if !active.contains(p) { active.append(p) }
                }
                active.sort()
                let pattern: Int32
                if let existing = patternIndex[active] { pattern = existing } else {
                    pattern = Int32(out.exposurePatterns.count)
                    patternIndex[active] = pattern
                    out.exposurePatterns.append(active)
                }
                let age = Int16(adjustment.ageCutPoints.reduce(0) { $0 + (a - c.birthDay >= $1 ? 1 : 0) })
                var season: Int16 = 0
                if !months.isEmpty, let origin = c.calendarOrigin {
                    season = seasonOfMonth[Day(Int32(truncatingIfNeeded: origin + a)).civil.month]
                }
                var n = 0
                while e < events.count && events[e] < a { e += 1 }
                while e < events.count && events[e] <= b {
                    n += 1
                    e += 1
                }
                let key = Key(pattern: pattern, age: age, season: season)
                if key == runKey && a == runEnd + 1 {
                    runLength += b - a + 1
                    runEvents += n
                } else {
                    if let k = runKey, runEvents > 0 { runs.append((k, runLength, runEvents)) }
                    runKey = key
                    runLength = b - a + 1
                    runEvents = n
                }
                runEnd = b
                if let m = merged[key] {
                    merged[key] = (m.length + b - a + 1, m.events + n)
                } else {
                    merged[key] = (b - a + 1, n)
                    order.append(key)
                }
            }
            if let k = runKey, runEvents > 0 { runs.append((k, runLength, runEvents)) }
            for r in runs {
                if let total = merged[r.key]?.length, total > r.length {
                    out.counts.logLikelihoodSplitCorrection += Double(r.events) * Foundation.log(Double(r.length) / Double(total))
                }
            }
            let caseNumber = Int32(out.caseIDs.count)
            out.caseIDs.append(c.id)
            out.counts.cases += 1
            out.counts.events += events.count
            for key in order {
                guard let m = merged[key] else { continue }
                out.counts.personDays += m.length
                out.caseIndex.append(caseNumber)
                out.length.append(Int32(m.length))
                out.events.append(Int32(m.events))
                out.exposurePattern.append(key.pattern)
                out.ageGroup.append(key.age)
                out.seasonGroup.append(key.season)
            }
        }
        guard out.counts.cases > 0 else { throw .noCases }
        return out
    }

    struct Key: Hashable {
        var pattern: Int32
        var age: Int16
        var season: Int16
    }

    private init(parameterNames: [String], adjustment: SCCSAdjustment) {
        self.parameterNames = parameterNames
        self.adjustment = adjustment
    }
}
