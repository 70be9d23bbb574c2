/// The counts behind a sequence ratio: incident users of each drug in the study period and how their pairs
/// were classified.
///
/// Every pair is in exactly one class: `pairs == indexFirst + markerFirst + sameDay + gapTooShort + gapTooLong`.
public struct SSACounts: Sendable, Equatable, Codable {
    /// Incident users of the index drug whose first start lies in the study period.
    public var indexUsers: Int = 0
    /// Incident users of the marker drug whose first start lies in the study period.
    public var markerUsers: Int = 0
    /// Persons with incident starts of both drugs in the study period.
    public var pairs: Int = 0
    /// Pairs with the marker started inside the allowed gap after the index drug.
    public var indexFirst: Int = 0
    /// Pairs with the index drug started inside the allowed gap after the marker.
    public var markerFirst: Int = 0
    /// Pairs that started both drugs on the same day (excluded: no order).
    public var sameDay: Int = 0
    /// Pairs with the starts fewer than the minimum gap apart (excluded; none with the default gap of 1 day).
    public var gapTooShort: Int = 0
    /// Pairs with the starts more than the maximum gap apart (excluded).
    public var gapTooLong: Int = 0

    /// All counts zero.
    public init() {}

    /// Ordered pairs: `indexFirst + markerFirst`, the binomial denominator.
    public var ordered: Int { indexFirst + markerFirst }
    /// Excluded pairs: `sameDay + gapTooShort + gapTooLong`.
    public var excluded: Int { sameDay + gapTooShort + gapTooLong }

    /// Classifies one pair by `gap = marker start − index start` in days.
    @inline(__always)
    package mutating func classify(gap d: Int, design g: ClosedRange<Int>) {
        pairs += 1
        if d == 0 {
            sameDay += 1
            return
        }
        let m = d < 0 ? -d : d
        if m < g.lowerBound {
            gapTooShort += 1
        } else if m > g.upperBound {
            gapTooLong += 1
        } else if d > 0 {
            indexFirst += 1
        } else {
            markerFirst += 1
        }
    }

    static func + (a: SSACounts, b: SSACounts) -> SSACounts {
        var c = SSACounts()
        c.indexUsers = a.indexUsers + b.indexUsers
        c.markerUsers = a.markerUsers + b.markerUsers
        c.pairs = a.pairs + b.pairs
        c.indexFirst = a.indexFirst + b.indexFirst
        c.markerFirst = a.markerFirst + b.markerFirst
        c.sameDay = a.sameDay + b.sameDay
        c.gapTooShort = a.gapTooShort + b.gapTooShort
        c.gapTooLong = a.gapTooLong + b.gapTooLong
        return c
    }
}
