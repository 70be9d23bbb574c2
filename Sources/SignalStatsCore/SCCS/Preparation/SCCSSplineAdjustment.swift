import Foundation

/// Age, season and calendar-time adjustment by splines, as OHDSI `SelfControlledCaseSeries` defines it
/// (`createAgeCovariateSettings(ageKnots)`, `createSeasonalityCovariateSettings(seasonKnots)`,
/// `createCalendarTimeCovariateSettings(calendarTimeKnots)`):
///
/// - **age**: a quadratic B-spline (`splines::bs(degree = 2)`) of age in days, evaluated on the first day of each
///   month; `.count(k)` places `k` knots at the 1st…99th percentiles (`quantile(ages, seq(0.01, 0.99,
///   length.out = k))`, type 7, duplicates removed) of the ages at the events; the first and last knots are the
///   boundary and ages outside are clamped to it. `k` columns (`age spline 1…k`).
/// - **season**: a cyclic quadratic spline (`cyclicSplineDesign`, mgcv's `cSplineDes` with `ord = 3`) of the month
///   of year 1…12; `.count(k)` places knots at `0.5 + (0…k−1) · 12/(k−1)`. Its `k − 1` columns sum to 1, which a
///   conditional model cannot separate from the case, so the first is left out (`season spline 2…k−1`).
/// - **calendar time**: a quadratic B-spline of the calendar month `year × 12 + month − 1`; `.count(k)` places knots
///   where the cumulative count of cases observed per month reaches `0.5%, …, 99.5%` of its total (OHDSI's rule for
///   one study period; linear when only the two boundary knots remain), months outside clamped.
///
/// Explicit knots (`.at`) are in days of age, months of the year (0.5…12.5) and month indices respectively.
public struct SCCSSplineAdjustment: Sendable, Equatable, Codable {
    /// How knots are given: a number placed from the data, or the knots themselves.
    public enum Knots: Sendable, Equatable, Codable {
        case count(Int)
        case at([Double])
    }

    public var age: Knots?
    public var season: Knots?
    public var calendarTime: Knots?

    public init(age: Knots? = nil, season: Knots? = nil, calendarTime: Knots? = nil) {
        self.age = age
        self.season = season
        self.calendarTime = calendarTime
    }

    /// OHDSI's defaults: five age knots and five season knots.
    public static let ohdsiDefault = SCCSSplineAdjustment(age: .count(5), season: .count(5))

    /// Whether any spline is requested.
    public var isEmpty: Bool { age == nil && season == nil && calendarTime == nil }
}

/// The knots a spline adjustment resolved to on one data set.
public struct SCCSSplineKnots: Sendable, Equatable, Codable {
    /// Age knots in days (first and last are the boundary), or `nil`.
    public var age: [Double]?
    /// Season knots in months of the year, or `nil`.
    public var season: [Double]?
    /// Calendar-time knots as month indices `year × 12 + month − 1`, or `nil`.
    public var calendarTime: [Double]?

    /// Degree of the age and calendar-time B-splines (OHDSI: 2; 1 for calendar time without interior knots).
    public static let degree = 2

    /// Resolves the knots of `adjustment` on `intervals`.
    ///
    /// - Throws: ``SCCSError/invalidDesign(_:)`` when fewer than two distinct knots remain, when knots are unsorted,
    ///   or when season or calendar time is asked for without calendar dates.
    public init(_ adjustment: SCCSSplineAdjustment, intervals: SCCSMonthlyIntervals) throws(SCCSError) {
        func increasing(_ k: [Double], _ what: String, minimum: Int) throws(SCCSError) -> [Double] {
            guard k.count >= minimum, zip(k, k.dropFirst()).allSatisfy({ $0 < $1 }), k.allSatisfy(\.isFinite) else {
                throw .invalidDesign("\(what) spline needs at least \(minimum) increasing knots, got \(k)")
            }
            return k
        }
        switch adjustment.age {
        case nil: age = nil
        case .at(let k): age = try increasing(k, "age", minimum: 2)
        case .count(let n):
            guard n >= 2 else { throw .invalidDesign("age spline needs at least 2 knots, got \(n)") }
            let sorted = intervals.eventAges.map(Double.init).sorted()
            let probs = (0..<n).map { 0.01 + 0.98 * Double($0) / Double(n - 1) }
            var knots: [Double] = []
            for p in probs {
                let q = Self.quantile(sorted, p)
                if !knots.contains(q) { knots.append(q) }
            }
            age = try increasing(knots, "age (too few distinct event ages)", minimum: 2)
        }
        if adjustment.season != nil || adjustment.calendarTime != nil, !intervals.isCalendar {
            throw .invalidDesign("season and calendar-time splines need calendar dates (a date of birth on prepared data)")
        }
        switch adjustment.season {
        case nil: season = nil
        case .at(let k): season = try increasing(k, "season", minimum: 4)
        case .count(let n):
            guard n >= 4 else { throw .invalidDesign("a cyclic quadratic season spline needs at least 4 knots, got \(n)") }
            season = (0..<n).map { 0.5 + 12 * Double($0) / Double(n - 1) }
        }
        switch adjustment.calendarTime {
        case nil: calendarTime = nil
        case .at(let k): calendarTime = try increasing(k, "calendar time", minimum: 2)
        case .count(let n):
            guard n >= 2 else { throw .invalidDesign("calendar-time spline needs at least 2 knots, got \(n)") }
            guard let lo = intervals.caseMonths.map(\.first).min(), let hi = intervals.caseMonths.map(\.last).max() else {
                throw .noCases
            }
            var observed = [Double](repeating: 0, count: hi - lo + 1)
            for m in intervals.caseMonths {
                for k in m.first...m.last { observed[k - lo] += 1 }
            }
            let total = observed.reduce(0, +)
            var cumulative = [Double](repeating: 0, count: observed.count)
            var running = 0.0
            for (i, o) in observed.enumerated() {
                running += o
                cumulative[i] = running
            }
            var knots: [Double] = []
            for j in 0..<n {
                let cutoff = total * (0.005 + 0.99 * Double(j) / Double(n - 1))
                let month = Double(lo + (cumulative.firstIndex { $0 >= cutoff } ?? (observed.count - 1)))
                if !knots.contains(month) { knots.append(month) }
            }
            calendarTime = try increasing(knots, "calendar time (too few distinct months)", minimum: 2)
        }
    }

    /// R's default (type 7) quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        guard lo + 1 < sorted.count else { return sorted.last ?? first }
        return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
    }

    /// The spline columns of one interval: age, season (first column left out), calendar time.
    func basis(ageDays: Double, month: Int, isCalendar: Bool) throws(SCCSError) -> [Double] {
        var out: [Double] = []
        do {
            if let k = age, let lo = k.first, let hi = k.last {
                let x = min(max(ageDays, lo), hi)
                out += try SplineBasis.bSpline(x, interiorKnots: Array(k.dropFirst().dropLast()), boundaryKnots: (lo, hi), degree: Self.degree)
            }
            if let k = season {
                let monthOfYear = Double(((month % 12) + 12) % 12 + 1)
                out += try SplineBasis.cyclic(monthOfYear, knots: k, order: 3).dropFirst()
            }
            if let k = calendarTime, let lo = k.first, let hi = k.last {
                let x = min(max(Double(month), lo), hi)
                let interior = Array(k.dropFirst().dropLast())
                out += try SplineBasis.bSpline(x, interiorKnots: interior, boundaryKnots: (lo, hi), degree: interior.isEmpty ? 1 : Self.degree)
            }
        } catch {
            throw .invalidDesign(error.description)
        }
        return out
    }

    /// Names of the spline columns, in the order of ``basis(ageDays:month:isCalendar:)``.
    var columnNames: [String] {
        var names: [String] = []
        if let k = age { names += (1...k.count).map { "age spline \($0)" } }
        if let k = season, k.count > 2 { names += (2...(k.count - 1)).map { "season spline \($0)" } }
        if let k = calendarTime { names += (1...(k.count - 2 + (k.count > 2 ? Self.degree : 1))).map { "calendar spline \($0)" } }
        return names
    }
}
