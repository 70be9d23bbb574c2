import SignalStatsCore
import CohortModel

/// Per-person first start dates of an index and a marker drug: the input of a sequence symmetry analysis,
/// as parallel arrays (struct of arrays).
///
/// Use it directly for prepared extracts (one row per person, each drug's incident start or `nil`); extraction
/// from a `Network` (``SSASequences/init(network:index:marker:design:)``) produces the same table after
/// applying the observation and washout rules. The optional columns enable stratification by site, sex and age.
///
/// ```swift
/// let starts = try SSAFirstStarts(
///     indexStart: [Day("2020-04-01"), Day("2021-06-01"), nil],
///     markerStart: [Day("2020-12-30"), Day("2021-05-25"), Day("2020-02-29")])
/// ```
public struct SSAFirstStarts: Sendable, Equatable {
    /// The marker for "no start" in the day columns.
    static let noStart = Int32.min

    /// Person ids (the network's person index, or any id of the caller's choosing).
    public private(set) var person: [Int32]
    /// Day numbers of the index drug's first start (``noStart`` for none).
    var indexDay: [Int32]
    /// Day numbers of the marker drug's first start (``noStart`` for none).
    var markerDay: [Int32]
    /// Each person's site, an index into ``siteNames``; `nil` when unknown.
    public private(set) var site: [Int32]?
    /// Names of the sites (hospital ids) that ``site`` indexes.
    public private(set) var siteNames: [String]
    /// Each person's sex; `nil` when unknown.
    public private(set) var sex: [Sex]?
    /// Day numbers of birth; `nil` when unknown.
    var birthDay: [Int32]?
    /// Number of index and marker records per person (network extraction only), for the attrition table.
    var records: [Int32]?

    /// Number of persons.
    public var count: Int { person.count }

    /// First starts of the index drug (`nil` where the person has none).
    public var indexStart: [Day?] { indexDay.map { $0 == Self.noStart ? nil : Day($0) } }
    /// First starts of the marker drug (`nil` where the person has none).
    public var markerStart: [Day?] { markerDay.map { $0 == Self.noStart ? nil : Day($0) } }
    /// Dates of birth, if known.
    public var birthDate: [Day]? { birthDay.map { $0.map(Day.init) } }

    /// A table of first starts, one row per person.
    ///
    /// - Parameters:
    ///   - person: Person ids; default `0..<indexStart.count`.
    ///   - indexStart: Each person's incident start of the index drug, or `nil`.
    ///   - markerStart: Each person's incident start of the marker drug, or `nil`.
    ///   - site: Optional site of each person (an index into `siteNames`; names default to the numbers).
    ///   - siteNames: Names of the sites.
    ///   - sex: Optional sex of each person.
    ///   - birthDate: Optional date of birth of each person (for age groups).
    /// - Throws: ``SSAError/lengthMismatch(name:count:expected:)`` when a column's length differs from
    ///   `indexStart`'s, ``SSAError/invalidDesign(_:)`` for a negative site.
    public init(
        person: [Int32]? = nil, indexStart: [Day?], markerStart: [Day?], site: [Int32]? = nil,
        siteNames: [String] = [], sex: [Sex]? = nil, birthDate: [Day]? = nil
    ) throws(SSAError) {
        let n = indexStart.count
        func check(_ name: String, _ count: Int?) throws(SSAError) {
            if let count, count != n { throw .lengthMismatch(name: name, count: count, expected: n) }
        }
        try check("person", person?.count)
        try check("markerStart", markerStart.count)
        try check("site", site?.count)
        try check("sex", sex?.count)
        try check("birthDate", birthDate?.count)
        self.person = person ?? (0..<n).map { Int32(truncatingIfNeeded: $0) }
        indexDay = indexStart.map { $0?.rawValue ?? Self.noStart }
        markerDay = markerStart.map { $0?.rawValue ?? Self.noStart }
        self.site = site
        var names = siteNames
        if let site {
            if let bad = site.first(where: { $0 < 0 }) { throw .invalidDesign("site \(bad) is negative") }
            let top = Int(site.max() ?? -1)
            if names.count <= top { names += (names.count...top).map { "site \($0)" } }
        }
        self.siteNames = names
        self.sex = sex
        birthDay = birthDate?.map(\.rawValue)
        records = nil
    }

    /// A table from raw columns (extraction).
    init(
        person: [Int32], indexDay: [Int32], markerDay: [Int32], site: [Int32]?, siteNames: [String], sex: [Sex]?,
        birthDay: [Int32]?, records: [Int32]?
    ) {
        self.person = person
        self.indexDay = indexDay
        self.markerDay = markerDay
        self.site = site
        self.siteNames = siteNames
        self.sex = sex
        self.birthDay = birthDay
        self.records = records
    }

    /// The rows `keep` (in order).
    func subset(_ keep: [Int]) -> SSAFirstStarts {
        SSAFirstStarts(
            person: keep.map { person[$0] }, indexDay: keep.map { indexDay[$0] }, markerDay: keep.map { markerDay[$0] },
            site: site.map { s in keep.map { s[$0] } }, siteNames: siteNames, sex: sex.map { s in keep.map { s[$0] } },
            birthDay: birthDay.map { b in keep.map { b[$0] } }, records: records.map { r in keep.map { r[$0] } })
    }

    /// The earliest and latest start in the table, if any.
    var span: ClosedRange<Day>? {
        var lo = Int32.max, hi = Int32.min
        for d in indexDay where d != Self.noStart {
            lo = min(lo, d)
            hi = max(hi, d)
        }
        for d in markerDay where d != Self.noStart {
            lo = min(lo, d)
            hi = max(hi, d)
        }
        return lo <= hi ? Day(lo)...Day(hi) : nil
    }
}
