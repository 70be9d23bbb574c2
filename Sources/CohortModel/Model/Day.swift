import _SignalStatsUtilities

/// A calendar date as a day number: days since 1970-01-01 (proleptic Gregorian), stored in 4 bytes.
///
/// Day numbers make date arithmetic integer arithmetic: the length of an inclusive interval `[a, b]` is
/// `b - a + 1` days, as R `SCCS` and OHDSI count them.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var rawValue: Int32

    /// The day with the given day number.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The day for a civil date; `nil` when the month or day is out of range.
    ///
    /// Uses Howard Hinnant's `days_from_civil` algorithm (public domain), exact over ±5 million years.
    public init?(year: Int, month: Int, day: Int) {
        guard let v = CivilCalendar.dayNumber(year: year, month: month, day: day) else { return nil }
        rawValue = v
    }

    /// Parses `YYYY-MM-DD` (or `YYYYMMDD`, the SS-MIX2 form) from ASCII bytes; `nil` if malformed.
    public init?<C: Collection>(isoBytes s: C) where C.Element == UInt8 {
        var digits: [Int] = []
        digits.reserveCapacity(8)
        var dashes = 0
        for b in s {
            if b >= 48 && b <= 57 { digits.append(Int(b) - 48) } else if b == 45 { dashes += 1 } else { return nil }
        }
        guard digits.count == 8, dashes == 0 || dashes == 2 else { return nil }
        if dashes == 2 {
            let a = Array(s)
            guard a.count == 10, a[4] == 45, a[7] == 45 else { return nil }
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        self.init(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD`.
    public init?(_ text: String) { self.init(isoBytes: Array(text.utf8)) }

    /// The civil date `(year, month, day)`.
    public var civil: (year: Int, month: Int, day: Int) { CivilCalendar.civil(rawValue) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = civil
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }

    public static func < (a: Day, b: Day) -> Bool { a.rawValue < b.rawValue }

    /// The day `n` days later.
    public static func + (a: Day, n: Int) -> Day { Day(a.rawValue &+ Int32(truncatingIfNeeded: n)) }
    /// The day `n` days earlier.
    public static func - (a: Day, n: Int) -> Day { Day(a.rawValue &- Int32(truncatingIfNeeded: n)) }
    /// Days from `b` to `a`.
    public static func - (a: Day, b: Day) -> Int { Int(a.rawValue) - Int(b.rawValue) }

    static func daysIn(month: Int, year: Int) -> Int { CivilCalendar.daysIn(month: month, year: year) }
}
