import SignalStatsCore
import CohortModel
import _SignalStatsUtilities

/// How finely the incidence behind the null-effect sequence ratio is counted.
public enum NullEffectResolution: String, Sendable, Codable, CaseIterable {
    /// Incident starts per day.
    case daily
    /// Incident starts per calendar month, spread evenly over the month's days in the study period (smoother
    /// when counts are small; the gap is still applied in days).
    case monthly
}

/// The null-effect sequence ratio: the sequence ratio expected from the incidence of the two drugs alone, if
/// starting one had no effect on starting the other (Hallas 1996; Tsiropoulos et al. 2009).
///
/// A rising use of the marker drug makes marker-after-index pairs more common than the reverse even without
/// any causal link; the null-effect ratio measures that and the adjusted ratio divides it out.
///
/// **Estimand.** With `a(x)` incident starts of the index drug on day `x` and `b(t)` of the marker drug on day
/// `t` (all incident users in the study period, not only the pairs), and the allowed gap `g₁…g₂` days:
///
/// ```
/// E_index-first  = Σₓ a(x) · Σ_{t = x+g₁}^{min(x+g₂, end)}   b(t)
/// E_marker-first = Σₓ a(x) · Σ_{t = max(x−g₂, start)}^{x−g₁} b(t)
/// NSR = E_index-first / E_marker-first,   P(index first) = NSR / (1 + NSR)
/// ```
///
/// These are the expected numbers of index-first and marker-first pairs (up to a common factor) if each index
/// initiator's chance of starting the marker on day `t` were proportional to the marker's incidence `b(t)`:
/// the numerator and denominator are each summed over all index starts before forming the ratio, so days with
/// more possible pairs weigh more, and the study-period ends cut the windows exactly as they cut the pairs.
/// (Hallas 1996 gives the unrestricted form; Tsiropoulos et al. 2009 restrict it to the window.)
///
/// **Assumptions.** Given the calendar-time incidence, the two starts are independent in the population
/// studied; the incidence among the pairs' persons follows the population's (differences in observation
/// time, e.g. many persons entering or leaving at once, are not modelled).
///
/// - Complexity: O(days) with prefix sums.
public struct NullEffectSequenceRatio: Sendable, Equatable {
    /// `E_index-first / E_marker-first`.
    public let ratio: Double
    /// The expected number of index-first pairs up to a common factor (`Σ a(x) · forward marker starts`).
    public let expectedIndexFirst: Double
    /// The expected number of marker-first pairs up to the same factor.
    public let expectedMarkerFirst: Double
    /// The incidence resolution used.
    public let resolution: NullEffectResolution

    /// The probability that a pair is index-first under the null: `NSR / (1 + NSR)`.
    public var probabilityIndexFirst: Double { expectedIndexFirst / (expectedIndexFirst + expectedMarkerFirst) }

    /// The null-effect ratio of two incidence series over the same consecutive days.
    ///
    /// - Parameters:
    ///   - indexIncidence: Incident starts of the index drug on each day of the study period (day 0 first).
    ///   - markerIncidence: Incident starts of the marker drug on the same days.
    ///   - gap: The allowed gap in days (lower bound at least 1).
    /// - Throws: ``SSAError/lengthMismatch(name:count:expected:)`` for series of different lengths,
    ///   ``SSAError/invalidDesign(_:)`` for a negative or non-finite count or a gap below 1,
    ///   ``SSAError/nullEffectUndefined(expectedIndexFirst:expectedMarkerFirst:)`` when either expected count is 0.
    public init(indexIncidence: [Double], markerIncidence: [Double], gap: ClosedRange<Int>) throws(SSAError) {
        if markerIncidence.count != indexIncidence.count {
            throw .lengthMismatch(name: "markerIncidence", count: markerIncidence.count, expected: indexIncidence.count)
        }
        if gap.lowerBound < 1 { throw .invalidDesign("the gap must start at 1 day or more, not \(gap.lowerBound)") }
        for (name, series) in [("indexIncidence", indexIncidence), ("markerIncidence", markerIncidence)] {
            if let bad = series.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                throw .invalidDesign("\(name)[\(bad)] is \(series[bad]); counts must be finite and 0 or more")
            }
        }
        try self.init(checked: indexIncidence, markerIncidence, gap: gap, earlier: nil, resolution: .daily)
    }

    /// The ratio from validated series; `earlier` restricts the earlier start of the pair to those days.
    init(
        checked a: [Double], _ b: [Double], gap: ClosedRange<Int>, earlier: Range<Int>?,
        resolution: NullEffectResolution
    ) throws(SSAError) {
        let e = Self.expectedCounts(index: a, marker: b, gap: gap, earlier: earlier)
        guard e.indexFirst > 0, e.markerFirst > 0, e.indexFirst.isFinite, e.markerFirst.isFinite else {
            throw .nullEffectUndefined(expectedIndexFirst: e.indexFirst, expectedMarkerFirst: e.markerFirst)
        }
        ratio = e.indexFirst / e.markerFirst
        expectedIndexFirst = e.indexFirst
        expectedMarkerFirst = e.markerFirst
        self.resolution = resolution
    }

    /// Expected index-first and marker-first counts (up to a common factor) of two daily series.
    ///
    /// With `earlier`, only pairs whose earlier start falls in those days count (calendar strata):
    /// index-first pairs by the index day, marker-first pairs by the marker day.
    static func expectedCounts(index a: [Double], marker b: [Double], gap: ClosedRange<Int>, earlier: Range<Int>?)
        -> (indexFirst: Double, markerFirst: Double)
    {
        let u = a.count
        guard u > 0 else { return (0, 0) }
        let days = earlier.map { max(0, $0.lowerBound)..<min(u, $0.upperBound) } ?? 0..<u
        guard !days.isEmpty else { return (0, 0) }
        let prefixA = prefixSums(a), prefixB = prefixSums(b)
        let g1 = gap.lowerBound, g2 = gap.upperBound
        // Σ over days x of first(x) · [second starts in x+g1 ... x+g2].
        func forward(_ first: [Double], _ prefixSecond: [Double]) -> Double {
            var total = 0.0
            for x in days where first[x] != 0 {
                let lo = x + g1
                if lo >= u { break }
                let hi = min(u - 1, x + g2)
                total += first[x] * (prefixSecond[hi + 1] - prefixSecond[lo])
            }
            return total
        }
        // E_marker-first = Σ_t b(t) Σ_{x = t+g1}^{t+g2} a(x): the same sum with the roles swapped, which equals
        // Σₓ a(x) Σ_{t = x−g2}^{x−g1} b(t) and lets `earlier` restrict the marker (earlier) day.
        return (forward(a, prefixB), forward(b, prefixA))
    }

    static func prefixSums(_ v: [Double]) -> [Double] {
        var p = [Double](repeating: 0, count: v.count + 1)
        var s = 0.0
        for i in 0..<v.count {
            s += v[i]
            p[i + 1] = s
        }
        return p
    }

    /// Daily counts turned into monthly counts spread evenly over each calendar month's days in the series.
    static func monthlySpread(_ daily: [Double], firstDay: Day) -> [Double] {
        var out = [Double](repeating: 0, count: daily.count)
        var i = 0
        while i < daily.count {
            let c = (firstDay + i).civil
            // Days left in this calendar month, from day i.
            let monthLength = CivilCalendar.daysIn(month: c.month, year: c.year)
            let j = min(daily.count, i + monthLength - c.day + 1)
            var total = 0.0
            for k in i..<j { total += daily[k] }
            let share = total / Double(j - i)
            for k in i..<j { out[k] = share }
            i = j
        }
        return out
    }
}
