import SignalStatsCore
import CohortModel

/// An SCCS design on a MID-NET-style network: cases are persons with the outcome inside observation, exposures are
/// drug eras of concept sets, and risk windows are anchored at era start or end with offsets (OHDSI style).
///
/// ```swift
/// let design = SCCSNetworkDesign(
///     exposures: [.init(name: "levofloxacin", drugs: levofloxacin,
///                       windows: [SCCSRiskWindow(label: "0-29", start: 0, end: 29, endAnchor: .eraStart)])],
///     ageCutPointsYears: Array(stride(from: 5, through: 95, by: 5)), seasonStartMonths: Array(1...12))
/// let prepared = try design.prepare(network: network, outcomePersons: events.person, outcomeDates: events.date)
/// let result = try SCCSModel(prepared.intervals).fit()
/// ```
public struct SCCSNetworkDesign: Sendable, Equatable {
    /// One exposure: a drug concept set turned into eras, and the risk windows after it.
    public struct Exposure: Sendable, Equatable {
        /// The exposure's name in parameter names and results (the concept set's name in a study file).
        public var name: String
        /// The drugs: a concept set, or in a study file the name of one the study defines.
        public var drugs: ConceptSetReference
        /// Risk windows relative to each era (at least one).
        public var windows: [SCCSRiskWindow]

        /// An exposure to the drugs of `drugs`.
        public init(name: String, drugs: ConceptSet, windows: [SCCSRiskWindow]) {
            self.init(name: name, drugs: .defined(drugs), windows: windows)
        }

        /// An exposure to a concept set given by reference (resolved by ``SCCSNetworkDesign/resolved(in:)``).
        public init(name: String, drugs: ConceptSetReference, windows: [SCCSRiskWindow]) {
            self.name = name
            self.drugs = drugs
            self.windows = windows
        }
    }

    /// The exposures, each with its windows; parameters are numbered exposure by exposure, window by window.
    public var exposures: [Exposure]
    /// How exposure records become eras (persistence gap, default 30 days).
    public var eras: DrugEraOptions
    /// Days at the start of each observation period excluded from the analysis (events and time).
    public var naivePeriodDays: Int
    /// Keep only each case's first outcome event.
    public var firstOutcomeOnly: Bool
    /// Ages in whole years at which a new age group starts.
    public var ageCutPointsYears: [Int]
    /// Calendar months at which a new season group starts (cyclic); empty for none.
    public var seasonStartMonths: [Int]
    /// First day of the study period (events and time before it are not used).
    public var studyStart: Day?
    /// Last day of the study period.
    public var studyEnd: Day?
    /// Age, season and calendar-time splines (OHDSI style) for ``SCCSSplineModel/init(_:)``; `nil` for step functions
    /// only (``SCCSModel``).
    public var splines: SCCSSplineAdjustment?
    /// Days of the pre-exposure window `[-days, -1]` before the first exposure's eras, estimated as a term of its own
    /// and checked by the pre-exposure diagnostic (`nil`: none).
    public var preExposureDays: Int?
    /// Days at the end of observation for the end-of-observation diagnostic (default 30; 0 skips it).
    public var endOfObservationDays: Int
    /// Fit the modified SCCS for event-dependent observation periods (OHDSI's `eventDependentObservation`):
    /// ``SCCSPrepared/eventDependentObservationModel()``. `nil` or `false`: the standard SCCS. Ends at `studyEnd` or
    /// at the network's extraction date (its latest observation end) are administrative (``SCCSCase/administrativeEnd``).
    public var eventDependentObservation: Bool?

    public init(
        exposures: [Exposure], eras: DrugEraOptions = .init(), naivePeriodDays: Int = 0,
        firstOutcomeOnly: Bool = false, ageCutPointsYears: [Int] = [], seasonStartMonths: [Int] = [],
        studyStart: Day? = nil, studyEnd: Day? = nil, splines: SCCSSplineAdjustment? = nil, preExposureDays: Int? = nil,
        endOfObservationDays: Int = 30,
        eventDependentObservation: Bool? = nil
    ) {
        self.eventDependentObservation = eventDependentObservation
        self.exposures = exposures
        self.eras = eras
        self.naivePeriodDays = naivePeriodDays
        self.firstOutcomeOnly = firstOutcomeOnly
        self.ageCutPointsYears = ageCutPointsYears
        self.seasonStartMonths = seasonStartMonths
        self.studyStart = studyStart
        self.studyEnd = studyEnd
        self.splines = splines
        self.preExposureDays = preExposureDays
        self.endOfObservationDays = endOfObservationDays
    }

    /// The label of the pre-exposure window.
    public static let preExposureLabel = "pre-exposure"

    /// The exposures as analysed: the pre-exposure window, when asked for, is added to the first exposure.
    public var analysedExposures: [Exposure] {
        var xs = exposures
        if let days = preExposureDays, days > 0, !xs.isEmpty {
            xs[0].windows.append(SCCSRiskWindow(label: Self.preExposureLabel, start: -days, startAnchor: .eraStart, end: -1, endAnchor: .eraStart))
        }
        return xs
    }

    /// The term of one exposure window: the one place a parameter name is made (`"<exposure> <window label>"`).
    public static func termName(exposure: String, window: String) -> String { "\(exposure) \(window)" }

    /// The parameter names, in parameter order: ``termName(exposure:window:)`` of each analysed exposure window.
    public var parameterNames: [String] {
        analysedExposures.flatMap { x in x.windows.map { Self.termName(exposure: x.name, window: $0.label) } }
    }

    /// The age and season adjustment in days, as the interval construction uses it (ages at whole-year cut points,
    /// 365.25 days a year).
    public var adjustment: SCCSAdjustment {
        SCCSAdjustment(ageCutPoints: ageCutPointsYears.map { Int((Double($0) * 365.25).rounded()) }, seasonStartMonths: seasonStartMonths)
    }

    /// The design with every concept-set name replaced by its definition in `sets`.
    ///
    /// - Throws: ``SCCSError/invalidDesign(_:)`` naming a concept set `sets` does not define.
    public func resolved(in sets: [String: ConceptSet]) throws(SCCSError) -> SCCSNetworkDesign {
        var d = self
        for k in d.exposures.indices {
            do { d.exposures[k].drugs = .defined(try d.exposures[k].drugs.resolved(in: sets)) } catch {
                throw .invalidDesign("exposure \(d.exposures[k].name): \(error)")
            }
        }
        return d
    }

    /// The exposures' concept sets, in order.
    ///
    /// - Throws: ``SCCSError/invalidDesign(_:)`` when one is only named (call ``resolved(in:)`` first).
    package func drugGroups() throws(SCCSError) -> [ConceptSet] {
        var groups: [ConceptSet] = []
        for x in exposures {
            guard let c = x.drugs.conceptSet else {
                throw .invalidDesign("exposure \(x.name) names concept set \"\(x.drugs.name)\" but does not define it (resolve the design first)")
            }
            groups.append(c)
        }
        return groups
    }

    /// Cases, intervals and attrition from a network and the outcome's events.
    ///
    /// - Parameters:
    ///   - network: the network model (persons, observation periods, drug exposures).
    ///   - outcomePersons: person index of each outcome event (any order).
    ///   - outcomeDates: date of each outcome event.
    /// - Throws: ``SCCSError/invalidDesign(_:)`` for mismatched inputs, ``SCCSError/noCases`` when no person has an
    ///   outcome in observation.
    public func prepare(network: Network, outcomePersons: [Int32], outcomeDates: [Day]) throws(SCCSError) -> SCCSPrepared {
        guard outcomePersons.count == outcomeDates.count else {
            throw .invalidDesign("outcome persons (\(outcomePersons.count)) and dates (\(outcomeDates.count)) differ in length")
        }
        let eras = DrugEras.build(network: network, groups: try drugGroups(), options: self.eras)
        return try prepare(network: network, outcomePersons: outcomePersons, outcomeDates: outcomeDates, eras: eras)
    }

    /// ``prepare(network:outcomePersons:outcomeDates:)`` with the exposures' eras already built (one group per
    /// exposure, in order), so a benchmark can time the stages apart.
    ///
    /// Persons with events are processed in blocks in parallel (each block builds its cases' intervals directly,
    /// with reused buffers: no per-case arrays), and the blocks are merged in person order.
    package func prepare(
        network: Network, outcomePersons: [Int32], outcomeDates: [Day], eras: PersonIndexed<DrugEraTable>
    ) throws(SCCSError) -> SCCSPrepared {
        guard outcomePersons.count == outcomeDates.count else {
            throw .invalidDesign("outcome persons (\(outcomePersons.count)) and dates (\(outcomeDates.count)) differ in length")
        }
        let adjustment = self.adjustment
        try SCCSIntervals.validate(adjustment)
        let exposures = analysedExposures
        // Events grouped by person (counting sort), each person's days sorted.
        let personCount = network.personCount
        var eventOffsets = [Int](repeating: 0, count: personCount + 1)
        for p in outcomePersons where p >= 0 && Int(p) < personCount { eventOffsets[Int(p) + 1] += 1 }
        for i in 0..<personCount { eventOffsets[i + 1] += eventOffsets[i] }
        var eventDays = [Int](repeating: 0, count: eventOffsets[personCount])
        var fill = eventOffsets
        for (p, d) in zip(outcomePersons, outcomeDates) where p >= 0 && Int(p) < personCount {
            eventDays[fill[Int(p)]] = Int(d.rawValue)
            fill[Int(p)] += 1
        }
        fill = []
        var casePersons: [Int32] = []
        for p in 0..<personCount where eventOffsets[p + 1] > eventOffsets[p] {
            casePersons.append(Int32(p))
            if eventOffsets[p + 1] - eventOffsets[p] > 1 { eventDays[eventOffsets[p]..<eventOffsets[p + 1]].sort() }
        }
        var attrition = Attrition()
        attrition.record("persons with the outcome", persons: casePersons.count, records: outcomePersons.count)
        let obs = network.observationPeriods
        let lo = studyStart.map { Int($0.rawValue) } ?? Int.min
        let hi = studyEnd.map { Int($0.rawValue) } ?? Int.max
        // The extraction date: the latest observation end in the network (an end there is administrative).
        let extraction = obs.table.end.max().map { Int($0.rawValue) } ?? Int.max
        let perBlock = SCCSIntervals.casesPerBlock
        let blockCount = max(1, (casePersons.count + perBlock - 1) / perBlock)
        var caseTable = SCCSCaseTable()
        let (intervals, tallies) = try SCCSIntervals.buildBlocks(
            blockCount: blockCount, parameterNames: parameterNames, adjustment: adjustment, firstOutcomeOnly: firstOutcomeOnly,
            recordCases: true, caseTable: &caseTable
        ) { [eventDays, eventOffsets, casePersons, exposures, naivePeriodDays, extraction] b, block throws(SCCSError) -> PrepareTally in
            var tally = PrepareTally()
            var windows: [SCCSWindow] = [], personEras: [(start: Int, end: Int)] = [], kept: [Int] = []
            for p in casePersons[(b * perBlock)..<min(casePersons.count, (b + 1) * perBlock)] {
                let person = Int(p)
                let days = eventDays[eventOffsets[person]..<eventOffsets[person + 1]]
                // Each observation period with an event is its own case (stratum), as in OHDSI's SCCS.
                var personInObservation = false, personKept = false, windowsBuilt = false
                for period in obs.rows(ofPerson: person) {
                    let obsStart = Int(obs.table.start[period].rawValue), obsEnd = Int(obs.table.end[period].rawValue)
                    let inPeriod = days.reduce(0) { $0 + (obsStart <= $1 && $1 <= obsEnd ? 1 : 0) }
                    guard inPeriod > 0 else { continue }
                    personInObservation = true
                    tally.inObservationEvents += inPeriod
                    let start = max(obsStart + naivePeriodDays, lo), end = min(obsEnd, hi)
                    kept.removeAll(keepingCapacity: true)
                    for d in days where start <= d && d <= end { kept.append(d) }
                    guard start <= end, !kept.isEmpty else { continue }
                    tally.afterRestrictionEvents += kept.count
                    if !windowsBuilt {
                        windows.removeAll(keepingCapacity: true)
                        var parameter = 0
                        for (g, x) in exposures.enumerated() {
                            personEras.removeAll(keepingCapacity: true)
                            for r in eras.rows(ofPerson: person) where eras.table.group[r] == Int32(g) {
                                personEras.append((Int(eras.table.start[r].rawValue), Int(eras.table.end[r].rawValue)))
                            }
                            for w in x.windows {
                                SCCSRiskWindow.appendWindows(sortedEras: personEras, window: w, parameter: parameter, into: &windows)
                                parameter += 1
                            }
                        }
                        windowsBuilt = true
                    }
                    let id = network.persons.sourceID[person]
                    try block.add(
                        id: personKept ? "\(id)#\(period)" : id, start: start, end: end, events: kept, windows: windows,
                        birthDay: Int(network.persons.birthDate[person].rawValue), calendarOrigin: 0)
                    if hi <= obsEnd || obsEnd >= extraction { block.markLastCaseAdministrativeEnd() }
                    personKept = true
                }
                if personInObservation { tally.inObservation += 1 }
                if personKept { tally.afterRestriction += 1 }
            }
            return tally
        }
        let total = tallies.reduce(into: PrepareTally()) { t, x in
            t.inObservation += x.inObservation
            t.inObservationEvents += x.inObservationEvents
            t.afterRestriction += x.afterRestriction
            t.afterRestrictionEvents += x.afterRestrictionEvents
        }
        attrition.record("outcome inside an observation period", persons: total.inObservation, records: total.inObservationEvents)
        attrition.record(
            "outcome after the \(naivePeriodDays)-day naive period and inside the study period",
            persons: total.afterRestriction, records: total.afterRestrictionEvents)
        guard intervals.counts.cases > 0 else { throw .noCases }
        attrition.record(
            firstOutcomeOnly ? "cases (first outcome per observation period)" : "cases", persons: total.afterRestriction,
            records: intervals.counts.events)
        return SCCSPrepared(
            intervals: intervals, attrition: attrition, caseTable: caseTable, splines: splines, firstOutcomeOnly: firstOutcomeOnly)
    }
}

/// Per-block attrition counts of ``SCCSNetworkDesign/prepare(network:outcomePersons:outcomeDates:eras:)``.
private struct PrepareTally: Sendable {
    var inObservation = 0, inObservationEvents = 0, afterRestriction = 0, afterRestrictionEvents = 0
}

/// The analysis data of a network SCCS and how the cases were reached.
public struct SCCSPrepared: Sendable {
    public var intervals: SCCSIntervals
    public var attrition: Attrition
    /// The cases the intervals were built from (for refits such as ``SCCSDiagnostics/endOfObservation(cases:parameterNames:adjustment:days:)``).
    /// Kept compactly by construction and made into values when read.
    public var cases: [SCCSCase] {
        get { assignedCases ?? caseTable.cases }
        set { assignedCases = newValue }
    }
    /// The design's spline adjustment, if any (for ``SCCSSplineModel/init(_:)``).
    public var splines: SCCSSplineAdjustment?
    /// Whether the design keeps only each case's first outcome.
    public var firstOutcomeOnly = false
    var caseTable = SCCSCaseTable()
    private var assignedCases: [SCCSCase]? = nil

    init(
        intervals: SCCSIntervals, attrition: Attrition, caseTable: SCCSCaseTable, splines: SCCSSplineAdjustment?,
        firstOutcomeOnly: Bool
    ) {
        self.intervals = intervals
        self.attrition = attrition
        self.caseTable = caseTable
        self.splines = splines
        self.firstOutcomeOnly = firstOutcomeOnly
    }
}
