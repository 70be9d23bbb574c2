import _SignalStatsUtilities
import Foundation

/// A case series chopped at month boundaries as well as wherever an exposure or age group changes, so that each
/// interval lies in one month: the analysis data of spline adjustment (a spline value per month) and of the
/// time-stability diagnostic (observed and expected events per calendar month).
///
/// OHDSI `SelfControlledCaseSeries` splits patient time into calendar months for its age, season and calendar-time
/// splines ("During a month, the relative risk attributed to age is assumed to be constant"). Here:
/// - with a calendar origin (network data; prepared data with a date of birth) months are calendar months, indexed
///   `year × 12 + month − 1` as OHDSI's `convertDateToMonth` does;
/// - without one (prepared data on an age scale only) months are months of age, `[⌊m · 30.4375⌋, ⌊(m+1) · 30.4375⌋)`
///   days after birth; season and calendar time are then not available.
///
/// Within a case, pieces with the same exposure pattern, month and age group are merged (lengths and events added).
public struct SCCSMonthlyIntervals: Sendable {
    /// Case (stratum) of each interval, an index into ``caseIDs``.
    public var caseIndex: [Int32] = []
    /// Days in the interval.
    public var length: [Int32] = []
    /// Events in the interval.
    public var events: [Int32] = []
    /// Active exposure parameters: an index into ``exposurePatterns`` (pattern 0 is unexposed).
    public var exposurePattern: [Int32] = []
    /// Distinct sets of active exposure parameters (sorted parameter indices).
    public var exposurePatterns: [[Int32]] = [[]]
    /// Month of each interval: calendar month `year × 12 + month − 1`, or month of age without a calendar origin.
    public var month: [Int32] = []
    /// Age in days on the first day of the interval's month (the age at which an age spline is evaluated).
    public var ageDays: [Int32] = []
    /// Step-function age group (0 before the first cut point; 0 everywhere without cut points).
    public var ageGroup: [Int16] = []
    /// Whether ``month`` holds calendar months (every case had a calendar origin).
    public var isCalendar: Bool
    /// Case ids, one per case with at least one event in observation.
    public var caseIDs: [String] = []
    /// Names of the exposure parameters.
    public var parameterNames: [String]
    /// Age in days at each kept event (for age knots at quantiles, as OHDSI places them).
    public var eventAges: [Int] = []
    /// First and last month of each case's observation (for calendar-time knots at quantiles of observed cases).
    public var caseMonths: [(first: Int, last: Int)] = []
    /// What construction kept and dropped (same counts as ``SCCSIntervals/counts``; the log-likelihood split
    /// correction is not computed here and stays 0).
    public var counts = SCCSIntervals.Counts()

    /// Number of intervals.
    public var count: Int { caseIndex.count }

    /// Days in a month of age.
    public static let daysPerAgeMonth = 365.25 / 12

    /// Builds the month-split intervals.
    ///
    /// - Parameters:
    ///   - cases: the cases with their windows.
    ///   - parameterNames: names of the exposure parameters the windows refer to.
    ///   - ageCutPoints: optional step-function age groups (days of age), also split at.
    ///   - firstOutcomeOnly: keep only each case's first event.
    /// - Throws: ``SCCSError/invalidObservation(caseID:start:end:)``, ``SCCSError/invalidDesign(_:)`` for a window
    ///   naming an unknown parameter or unsorted cut points, ``SCCSError/noCases``.
    public static func build(
        cases: [SCCSCase], parameterNames: [String], ageCutPoints: [Int] = [], firstOutcomeOnly: Bool = false
    ) throws(SCCSError) -> SCCSMonthlyIntervals {
        guard zip(ageCutPoints, ageCutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("age cut points must increase: \(ageCutPoints)")
        }
        let calendar = !cases.isEmpty && cases.allSatisfy { $0.calendarOrigin != nil }
        var out = SCCSMonthlyIntervals(isCalendar: calendar, parameterNames: parameterNames)
        out.counts.casesGiven = cases.count
        var patternIndex: [[Int32]: Int32] = [[]: 0]
        struct Key: Hashable { var pattern: Int32; var month: Int32; var age: Int16 }
        var cuts: [Int] = []
        var events: [Int] = []  // the current case's events in observation (buffer reused across cases)
        var merged: [Key: (length: Int, events: Int, ageDays: Int)] = [:]
        var order: [Key] = []
        for c in cases {
            try SCCSIntervals.validateCase(
                id: c.id, start: c.observationStart, end: c.observationEnd, windows: c.windows,
                parameterCount: parameterNames.count)
            guard out.counts.keepEvents(
                c.events, start: c.observationStart, end: c.observationEnd, firstOutcomeOnly: firstOutcomeOnly,
                into: &events)
            else { continue }
            // Month of a day and the first day of a month, on this case's day scale.
            let origin = c.calendarOrigin ?? 0
            func monthOf(_ day: Int) -> Int {
                if calendar {
                    let civil = CivilCalendar.civil(Int32(truncatingIfNeeded: origin + day))
                    return civil.year * 12 + civil.month - 1
                }
                return Int(((Double(day - c.birthDay) + 1) / daysPerAgeMonth).rounded(.up)) - 1
            }
            func firstDay(ofMonth m: Int) -> Int {
                if calendar {
                    let year = Int((Double(m) / 12).rounded(.down))
                    let start = CivilCalendar.dayNumber(year: year, month: m - year * 12 + 1, day: 1).map { Int($0) } ?? (origin + c.observationStart)
                    return start - origin
                }
                return c.birthDay + Int((Double(m) * daysPerAgeMonth).rounded(.down))
            }
            cuts.removeAll(keepingCapacity: true)
            cuts.append(c.observationStart)
            cuts.append(c.observationEnd + 1)
            for w in c.windows {
                cuts.append(w.from)
                cuts.append(w.to + 1)
            }
            for a in ageCutPoints { cuts.append(c.birthDay + a) }
            let firstMonth = monthOf(c.observationStart), lastMonth = monthOf(c.observationEnd)
            if lastMonth > firstMonth {
                for m in (firstMonth + 1)...lastMonth { cuts.append(firstDay(ofMonth: m)) }
            }
            cuts.sort()
            merged.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var e = 0
            var previous = Int.min
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
                let month = monthOf(a)
                let age = Int16(ageCutPoints.reduce(0) { $0 + (a - c.birthDay >= $1 ? 1 : 0) })
                var n = 0
                while e < events.count && events[e] < a { e += 1 }
                while e < events.count && events[e] <= b {
                    n += 1
                    e += 1
                }
                let key = Key(pattern: pattern, month: Int32(month), age: age)
                if let m = merged[key] {
                    merged[key] = (m.length + b - a + 1, m.events + n, m.ageDays)
                } else {
                    merged[key] = (b - a + 1, n, firstDay(ofMonth: month) - c.birthDay)
                    order.append(key)
                }
            }
            let caseNumber = Int32(out.caseIDs.count)
            out.caseIDs.append(c.id)
            out.caseMonths.append((firstMonth, lastMonth))
            out.counts.cases += 1
            out.counts.events += events.count
            out.eventAges += events.map { $0 - c.birthDay }
            for key in order {
                guard let m = merged[key] else { continue }
                out.counts.personDays += m.length
                out.caseIndex.append(caseNumber)
                out.length.append(Int32(m.length))
                out.events.append(Int32(m.events))
                out.exposurePattern.append(key.pattern)
                out.month.append(key.month)
                out.ageDays.append(Int32(clamping: m.ageDays))
                out.ageGroup.append(key.age)
            }
        }
        guard out.counts.cases > 0 else { throw .noCases }
        return out
    }

    private init(isCalendar: Bool, parameterNames: [String]) {
        self.isCalendar = isCalendar
        self.parameterNames = parameterNames
    }
}
