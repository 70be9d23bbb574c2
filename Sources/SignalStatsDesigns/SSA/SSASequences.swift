import SignalStatsCore
import CohortModel

/// The incident sequences of an index and a marker drug: who started which first, inside the study period,
/// with the attrition that led there. The prepared-data step of a sequence symmetry analysis (Hallas 1996).
///
/// Build it from a `Network` with concept sets (``init(network:index:marker:design:)``), or from prepared
/// first starts (``init(firstStarts:indexName:markerName:design:)``). Then estimate with ``SSAModel``:
///
/// ```swift
/// let sequences = try SSASequences(network: network, index: amlodipine, marker: furosemide)
/// print(sequences.attrition.summary())
/// let result = try SSAModel(sequences).fit()
/// print(result.summary())
/// ```
///
/// The table ``firstStarts`` keeps every person with at least one incident start inside the study period
/// (starts outside it are removed), since the null-effect ratio needs the incidence of each drug among all
/// its incident users, not only among the pairs.
public struct SSASequences: Sendable {
    /// Name of the index drug (the suspected cause), for reports.
    public let indexName: String
    /// Name of the marker drug (the suspected treatment of the adverse effect), for reports.
    public let markerName: String
    /// The design the sequences were built with.
    public let design: SSADesign
    /// The study period used (the design's, or the data span when the design leaves it open).
    public let studyPeriod: ClosedRange<Day>
    /// Persons with at least one incident start inside the study period; starts outside it are `nil`.
    public let firstStarts: SSAFirstStarts
    /// Incident users of each drug and the classification of the pairs.
    public let counts: SSACounts
    /// Persons (and index and marker records) after each step, for the pairs; the last step leaves the
    /// ordered pairs `counts.indexFirst + counts.markerFirst`.
    public let attrition: Attrition
    /// Non-fatal findings about the design and data, in words.
    public let diagnostics: [String]

    /// Sequences from prepared first starts (taken as incident starts: no washout is applied).
    ///
    /// - Parameters:
    ///   - firstStarts: One row per person with each drug's first start or `nil`.
    ///   - indexName: Name of the index drug for reports.
    ///   - markerName: Name of the marker drug for reports.
    ///   - design: Gap and study period (``SSADesign/washoutDays`` does not apply: prepared starts are assumed
    ///     incident already).
    /// - Throws: ``SSAError/invalidDesign(_:)`` for bad settings or when there is no study period to take
    ///   from empty data, ``SSAError/studyPeriodShorterThanGap(periodDays:minimumGapDays:)``.
    /// - Complexity: O(n) in the number of persons.
    public init(
        firstStarts: SSAFirstStarts, indexName: String = "index", markerName: String = "marker",
        design: SSADesign = .init()
    ) throws(SSAError) {
        try design.validate()
        var attrition = Attrition()
        var starts = 0, both = 0
        for i in 0..<firstStarts.count {
            let hasIndex = firstStarts.indexDay[i] != SSAFirstStarts.noStart
            let hasMarker = firstStarts.markerDay[i] != SSAFirstStarts.noStart
            starts += (hasIndex ? 1 : 0) + (hasMarker ? 1 : 0)
            if hasIndex && hasMarker { both += 1 }
        }
        attrition.record("persons in the prepared data", persons: firstStarts.count, records: starts)
        attrition.record("with first starts of both \(indexName) and \(markerName)", persons: both, records: 2 * both)
        try self.init(
            restricting: firstStarts, indexName: indexName, markerName: markerName, design: design,
            attrition: attrition, dataSpan: firstStarts.span)
    }

    /// The common last steps: study period, same day, gap.
    init(
        restricting all: SSAFirstStarts, indexName: String, markerName: String, design: SSADesign,
        attrition: Attrition, dataSpan: ClosedRange<Day>?, diagnostics: [String] = []
    ) throws(SSAError) {
        guard let period = design.studyPeriod ?? dataSpan else {
            throw .invalidDesign("no study period: the design leaves it open and the data has no dates to take it from")
        }
        try design.validate(period: period)
        let lo = period.lowerBound.rawValue, hi = period.upperBound.rawValue
        let none = SSAFirstStarts.noStart
        var keep: [Int] = []
        var indexDay: [Int32] = []
        var markerDay: [Int32] = []
        var counts = SSACounts()
        var pairRecords = 0, differentDayRecords = 0, orderedRecords = 0
        let gap = design.gap
        for i in 0..<all.count {
            var a = all.indexDay[i], b = all.markerDay[i]
            if a != none && (a < lo || a > hi) { a = none }
            if b != none && (b < lo || b > hi) { b = none }
            if a == none && b == none { continue }
            keep.append(i)
            indexDay.append(a)
            markerDay.append(b)
            if a != none { counts.indexUsers += 1 }
            if b != none { counts.markerUsers += 1 }
            if a != none && b != none {
                let before = counts
                counts.classify(gap: Int(b) - Int(a), design: gap)
                let r = all.records.map { Int($0[i]) } ?? 2
                pairRecords += r
                if counts.sameDay == before.sameDay { differentDayRecords += r }
                if counts.ordered > before.ordered { orderedRecords += r }
            }
        }
        var starts = all.subset(keep)
        starts.indexDay = indexDay
        starts.markerDay = markerDay
        var attrition = attrition
        attrition.record("both first starts inside the study period", persons: counts.pairs, records: pairRecords)
        attrition.record("first starts on different days", persons: counts.pairs - counts.sameDay, records: differentDayRecords)
        attrition.record(
            "second start \(gap.lowerBound)...\(gap.upperBound) days after the first", persons: counts.ordered,
            records: orderedRecords)
        var notes = diagnostics
        let days = period.upperBound - period.lowerBound + 1
        if days - 1 < design.maximumGapDays {
            notes.append(
                "the study period (\(days) days) is shorter than the maximum gap (\(design.maximumGapDays) days): every pair's window is cut by the period; the null-effect ratio accounts for the cut")
        }
        self.indexName = indexName
        self.markerName = markerName
        self.design = design
        self.studyPeriod = period
        self.firstStarts = starts
        self.counts = counts
        self.attrition = attrition
        self.diagnostics = notes
    }

    /// Number of days in the study period.
    public var studyDays: Int { studyPeriod.upperBound - studyPeriod.lowerBound + 1 }
}
