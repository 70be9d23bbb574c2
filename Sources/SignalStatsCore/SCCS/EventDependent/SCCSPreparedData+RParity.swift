import _SignalStatsUtilities

/// A season boundary of R `SCCS`'s `seasongrp`: a day of the year (`ddmm`, for example 1510 for 15 October) on which a
/// new season group starts, every calendar year.
public struct SCCSSeasonStart: Sendable, Equatable, Codable, Comparable {
    public var day: Int
    public var month: Int

    /// - Throws: ``SCCSError/invalidDesign(_:)`` for a day that no year has (29 February is refused: R's boundaries
    ///   recur every year).
    public init(day: Int, month: Int) throws(SCCSError) {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: 2001) else {
            throw .invalidDesign("season start \(day)/\(month) is not a day of every year")
        }
        self.day = day
        self.month = month
    }

    /// From R's `ddmm` number (0101 is 101).
    public init(ddmm: Int) throws(SCCSError) { try self.init(day: ddmm / 100, month: ddmm % 100) }

    public static func < (a: Self, b: Self) -> Bool { (a.month, a.day) < (b.month, b.day) }
}

extension SCCSPreparedData {
    /// R `standardsccs` options beyond ``model(exposures:ageCutPoints:seasonStartMonths:layout:)``: season groups with
    /// boundaries on any day of the year, placed through each case's date of birth (R's `seasongrp` with `dob`), and a
    /// chosen reference age group (R's `relevel`).
    ///
    /// The season levels are numbered in calendar order of their start within the year (level 1, the reference, is
    /// the first start in the year), and the date of age-day `d` is `dateOfBirth + d`, as in R. Season and (with a
    /// chosen reference) age groups enter the model as indicator windows named `seasonK` and `ageK`; levels without
    /// observation time are left out.
    ///
    /// - Parameters:
    ///   - dateOfBirth: per row, the calendar day number (days since 1970-01-01, CohortModel's `Day.rawValue`) of the date of birth; required with
    ///     `seasonStarts`.
    ///   - referenceAgeGroup: 1-based age group to use as reference; `nil`: the first present.
    /// - Throws: ``SCCSError/invalidDesign(_:)`` for missing birth dates or unsorted cut points.
    public func model(
        exposures: [SCCSExposureDefinition], ageCutPoints: [Int], referenceAgeGroup: Int?, seasonStarts: [SCCSSeasonStart],
        dateOfBirth: [Int]?, layout: SCCSDataLayout = .multi
    ) throws(SCCSError) -> SCCSModel {
        var (cases, names) = try cases(exposures: exposures, layout: layout)
        guard zip(ageCutPoints, ageCutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("age cut points must increase: \(ageCutPoints)")
        }
        let starts = seasonStarts.sorted()
        guard zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("season starts must be distinct days of the year")
        }
        var dobOf: [String: Int] = [:]
        if !starts.isEmpty {
            guard let dob = dateOfBirth, dob.count == indiv.count else {
                throw .invalidDesign("season groups from a date of birth need one birth date per row")
            }
            for (r, id) in indiv.enumerated() where dobOf[id] == nil { dobOf[id] = dob[r] }
        }
        // Extra windows per case, with provisional parameter keys; keys become parameters in level order.
        var extra: [[(from: Int, to: Int, key: String)]] = Array(repeating: [], count: cases.count)
        let ageGroups = ageCutPoints.count + 1
        if let reference = referenceAgeGroup {
            guard (1...ageGroups).contains(reference) else {
                throw .invalidDesign("reference age group \(reference): there are \(ageGroups) age groups")
            }
            let bounds = [Int.min] + ageCutPoints + [Int.max]
            for (c, x) in cases.enumerated() {
                for g in 0..<ageGroups where g + 1 != reference {
                    let from = max(x.observationStart, bounds[g]), to = min(x.observationEnd, bounds[g + 1] == Int.max ? Int.max : bounds[g + 1] - 1)
                    if from <= to { extra[c].append((from, to, "age\(g + 1)")) }
                }
            }
        }
        if !starts.isEmpty {
            for (c, x) in cases.enumerated() {
                guard let dob = dobOf[x.id] else { continue }
                let first = CivilCalendar.civil(Int32(truncatingIfNeeded: dob + x.observationStart)).year - 1
                let last = CivilCalendar.civil(Int32(truncatingIfNeeded: dob + x.observationEnd)).year
                for year in first...last {
                    for (k, s) in starts.enumerated() where k > 0 {
                        guard let begin = CivilCalendar.dayNumber(year: year, month: s.month, day: s.day) else { continue }
                        let next = k + 1 < starts.count ? CivilCalendar.dayNumber(year: year, month: starts[k + 1].month, day: starts[k + 1].day)
                            : CivilCalendar.dayNumber(year: year + 1, month: starts[0].month, day: starts[0].day)
                        guard let next else { continue }
                        let from = max(x.observationStart, Int(begin) - dob)
                        let to = min(x.observationEnd, Int(next) - dob - 1)
                        if from <= to { extra[c].append((from, to, "season\(starts[k].month)#\(k + 1)")) }
                    }
                }
            }
        }
        // Parameters: age groups in order, then season levels in calendar order; only those with time.
        var used = Set<String>()
        for e in extra { for w in e { used.insert(w.key) } }
        var keyOrder = (0..<ageGroups).map { "age\($0 + 1)" }.filter { used.contains($0) }
        keyOrder += starts.indices.map { "season\(starts[$0].month)#\($0 + 1)" }.filter { used.contains($0) }
        var parameterOf: [String: Int] = [:]
        for key in keyOrder {
            parameterOf[key] = names.count
            // R names season levels by their number in calendar order (`season2`…).
            names.append(key.hasPrefix("season") ? "season" + (key.split(separator: "#").last.map(String.init) ?? "") : key)
        }
        for c in cases.indices {
            for w in extra[c] {
                if let p = parameterOf[w.key] { cases[c].windows.append(SCCSWindow(from: w.from, to: w.to, parameter: p)) }
            }
        }
        let intervals = try SCCSIntervals.build(
            cases: cases, parameterNames: names,
            adjustment: SCCSAdjustment(ageCutPoints: referenceAgeGroup == nil ? ageCutPoints : []))
        return try SCCSModel(intervals)
    }
}

extension SCCSPreparedData {
    /// Calendar day numbers from R's `ddmmyyyy` dates (for example 30092010).
    ///
    /// - Throws: ``SCCSError/invalidDesign(_:)`` naming the first value that is not a date.
    public static func days(ddmmyyyy values: [Int]) throws(SCCSError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(values.count)
        for (r, v) in values.enumerated() {
            guard let d = CivilCalendar.dayNumber(year: v % 10_000, month: (v / 10_000) % 100, day: v / 1_000_000) else {
                throw .invalidDesign("row \(r + 1): \(v) is not a ddmmyyyy date")
            }
            out.append(Int(d))
        }
        return out
    }
}
