/// How an outcome definition met the records: how many it read, used, could not use, and why.
///
/// For a combination, record counts are the sums over its components (a result read by two components counts
/// twice); ``personsWithEvents`` and ``events`` are the combination's own.
public struct OutcomeCounts: Sendable, Equatable, Codable {
    /// Persons with at least one event.
    public var personsWithEvents = 0
    /// Events (person-days).
    public var events = 0
    /// Records tested against the rule (diagnoses after the filters, lab results with what the rule needs,
    /// admissions).
    public var recordsEvaluated = 0
    /// Lab results that could not be tested: missing value, or a missing or negative reference limit that the rule
    /// needs, or a non-positive baseline; admissions discharged before admission.
    public var notEvaluable = 0
    /// Lab results for a baseline rule with no result of the analyte in the look-back window.
    public var withoutBaseline = 0
    /// Lab results not compared because their unit is not the analyte's harmonized unit (absolute and baseline rules).
    public var skippedForUnit = 0
    /// Diagnoses in the concept set removed by the suspected (疑い) or inpatient filter.
    public var excludedByFilter = 0
    /// Events removed by ``OutcomeEvents/insideObservation(of:)`` because no observation period contains them.
    public var outsideObservation = 0

    /// Zero counts.
    public init() {}

    mutating func addRecords(_ o: OutcomeCounts) {
        recordsEvaluated += o.recordsEvaluated
        notEvaluable += o.notEvaluable
        withoutBaseline += o.withoutBaseline
        skippedForUnit += o.skippedForUnit
        excludedByFilter += o.excludedByFilter
        outsideObservation += o.outsideObservation
    }

    /// A two-column text table.
    public func summary() -> String {
        let rows: [(String, Int)] = [
            ("persons with an event", personsWithEvents), ("events", events), ("records evaluated", recordsEvaluated),
            ("not evaluable", notEvaluable), ("without baseline", withoutBaseline), ("skipped for unit", skippedForUnit),
            ("excluded by filter", excludedByFilter), ("outside observation", outsideObservation),
        ]
        return rows.map { $0.0.padding(toLength: 24, withPad: " ", startingAt: 0) + String($0.1).leftPadded(10) }
            .joined(separator: "\n")
    }
}

/// Outcome events: one row per person and day, sorted by person then date, with per-person row ranges.
///
/// `rows(ofPerson: p)` gives person `p`'s events, as ``PersonIndexed`` does for the network's tables.
public struct OutcomeEvents: Sendable, Equatable {
    /// Person index of each event.
    public var person: [Int32]
    /// Date of each event.
    public var date: [Day]
    /// `offsets[p]..<offsets[p + 1]` are person `p`'s events (`persons + 1` entries).
    public var offsets: [Int]
    /// What was read and what was found.
    public var counts: OutcomeCounts

    /// Number of events.
    public var count: Int { person.count }

    /// Person `p`'s event rows.
    @inlinable
    public func rows(ofPerson p: Int) -> Range<Int> { offsets[p]..<offsets[p + 1] }

    /// Person `p`'s event dates, ascending.
    public func dates(ofPerson p: Int) -> ArraySlice<Day> { date[rows(ofPerson: p)] }

    /// The events that fall inside one of the person's observation periods (ends included).
    ///
    /// The others are not dropped silently: their number is added to ``OutcomeCounts/outsideObservation``, and
    /// ``OutcomeCounts/personsWithEvents`` and ``OutcomeCounts/events`` are recomputed.
    ///
    /// - Complexity: O(events × periods per person).
    public func insideObservation(of network: Network) -> OutcomeEvents {
        let obs = network.observationPeriods
        var out = EventBuilder(personCount: offsets.count - 1, occurrences: .everyDay)
        var removed = 0
        for p in 0..<(offsets.count - 1) {
            let periods = p < network.personCount ? obs.rows(ofPerson: p) : 0..<0
            for i in rows(ofPerson: p) {
                let d = date[i]
                if periods.contains(where: { obs.table.start[$0] <= d && d <= obs.table.end[$0] }) {
                    out.offer(Int32(p), d)
                } else {
                    removed += 1
                }
            }
            out.endPerson()
        }
        var c = counts
        c.outsideObservation += removed
        return out.build(counts: c)
    }
}

/// Collects one person at a time, in date order, keeping the days the occurrence rule selects.
struct EventBuilder {
    var person: [Int32] = []
    var date: [Day] = []
    var offsets: [Int]
    let firstOnly: Bool
    let gap: Int
    private var last: Int32?

    init(personCount: Int, occurrences: OutcomeOccurrences) {
        offsets = [0]
        offsets.reserveCapacity(personCount + 1)
        switch occurrences {
        case .first: firstOnly = true; gap = 1
        case .all(let g): firstOnly = false; gap = max(g, 1)
        }
    }

    /// Offers a qualifying day of person `p` (days must not decrease within a person).
    @inline(__always)
    mutating func offer(_ p: Int32, _ d: Day) {
        if let l = last {
            if firstOnly || Int(d.rawValue) - Int(l) < gap { return }
        }
        last = d.rawValue
        person.append(p)
        date.append(d)
    }

    /// Closes the current person (call once per person, in person order, even with no events).
    mutating func endPerson() {
        offsets.append(person.count)
        last = nil
    }

    func build(counts: OutcomeCounts) -> OutcomeEvents {
        var c = counts
        c.events = person.count
        var persons = 0
        for p in 0..<(offsets.count - 1) where offsets[p + 1] > offsets[p] { persons += 1 }
        c.personsWithEvents = persons
        return OutcomeEvents(person: person, date: date, offsets: offsets, counts: c)
    }
}
