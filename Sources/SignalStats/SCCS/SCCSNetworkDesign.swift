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
public struct SCCSNetworkDesign: Sendable, Equatable, Codable {
    /// One exposure: a drug concept set turned into eras, and the windows after it.
    public struct Exposure: Sendable, Equatable, Codable {
        public var name: String
        public var drugs: ConceptSet
        public var windows: [SCCSRiskWindow]
        public init(name: String, drugs: ConceptSet, windows: [SCCSRiskWindow]) {
            self.name = name
            self.drugs = drugs
            self.windows = windows
        }
    }

    public var exposures: [Exposure]
    /// How exposure records become eras.
    public var eras: DrugEraOptions
    /// Days at the start of each observation period excluded from the analysis (events and time).
    public var naivePeriodDays: Int
    /// Keep only each case's first outcome event.
    public var firstOutcomeOnly: Bool
    /// Ages in whole years at which a new age group starts.
    public var ageCutPointsYears: [Int]
    /// Calendar months at which a new season group starts (cyclic); empty for none.
    public var seasonStartMonths: [Int]
    /// Restrict time and events to this period.
    public var studyStart: Day?
    public var studyEnd: Day?
    /// Age, season and calendar-time splines (OHDSI style) for ``SCCSSplineModel/init(_:)``; `nil` for step functions
    /// only (``SCCSModel``).
    public var splines: SCCSSplineAdjustment?

    public init(
        exposures: [Exposure], eras: DrugEraOptions = .init(persistenceGap: 30), naivePeriodDays: Int = 0,
        firstOutcomeOnly: Bool = false, ageCutPointsYears: [Int] = [], seasonStartMonths: [Int] = [],
        studyStart: Day? = nil, studyEnd: Day? = nil, splines: SCCSSplineAdjustment? = nil
    ) {
        self.exposures = exposures
        self.eras = eras
        self.naivePeriodDays = naivePeriodDays
        self.firstOutcomeOnly = firstOutcomeOnly
        self.ageCutPointsYears = ageCutPointsYears
        self.seasonStartMonths = seasonStartMonths
        self.studyStart = studyStart
        self.studyEnd = studyEnd
        self.splines = splines
    }

    /// The parameter names: `"<exposure> <window label>"`.
    public var parameterNames: [String] {
        exposures.flatMap { x in x.windows.map { "\(x.name) \($0.label)" } }
    }

    /// Cases, intervals and attrition from a network and the outcome's events.
    ///
    /// - Parameters:
    ///   - outcomePersons: person index of each outcome event (any order).
    ///   - outcomeDates: date of each outcome event.
    /// - Throws: ``SCCSError/invalidDesign(_:)`` for mismatched inputs, ``SCCSError/noCases`` when no person has an
    ///   outcome in observation.
    public func prepare(network: Network, outcomePersons: [Int32], outcomeDates: [Day]) throws(SCCSError) -> SCCSPrepared {
        guard outcomePersons.count == outcomeDates.count else {
            throw .invalidDesign("outcome persons (\(outcomePersons.count)) and dates (\(outcomeDates.count)) differ in length")
        }
        var eventsOf: [Int32: [Int]] = [:]
        for (p, d) in zip(outcomePersons, outcomeDates) where p >= 0 && Int(p) < network.personCount {
            eventsOf[p, default: []].append(Int(d.rawValue))
        }
        let eras = DrugEras.build(network: network, groups: exposures.map(\.drugs), options: self.eras)
        var attrition = Attrition()
        let allEvents = outcomePersons.count
        attrition.record("persons with the outcome", persons: eventsOf.count, records: allEvents)
        var inObservation = 0, inObservationEvents = 0
        var afterRestriction = 0, afterRestrictionEvents = 0
        var cases: [SCCSCase] = []
        let obs = network.observationPeriods
        let lo = studyStart.map { Int($0.rawValue) } ?? Int.min
        let hi = studyEnd.map { Int($0.rawValue) } ?? Int.max
        var casePersons = Set<Int32>()
        for p in eventsOf.keys.sorted() {
            guard let days = eventsOf[p]?.sorted() else { continue }
            let person = Int(p)
            // Each observation period with an event is its own case (stratum), as in OHDSI's SCCS.
            var personInObservation = false, personKept = false
            for period in obs.rows(ofPerson: person) {
                let obsStart = Int(obs.table.start[period].rawValue), obsEnd = Int(obs.table.end[period].rawValue)
                let inPeriod = days.filter { obsStart <= $0 && $0 <= obsEnd }
                guard !inPeriod.isEmpty else { continue }
                personInObservation = true
                inObservationEvents += inPeriod.count
                let start = max(obsStart + naivePeriodDays, lo), end = min(obsEnd, hi)
                let kept = inPeriod.filter { start <= $0 && $0 <= end }
                guard start <= end, !kept.isEmpty else { continue }
                personKept = true
                afterRestrictionEvents += kept.count
                var windows: [SCCSWindow] = []
                var parameter = 0
                for (g, x) in exposures.enumerated() {
                    let personEras = eras.rows(ofPerson: person).filter { eras.table.group[$0] == Int32(g) }
                        .map { (start: Int(eras.table.start[$0].rawValue), end: Int(eras.table.end[$0].rawValue)) }
                    for w in x.windows {
                        windows += SCCSRiskWindow.windows(eras: personEras, window: w, parameter: parameter)
                        parameter += 1
                    }
                }
                let id = network.persons.sourceID[person]
                cases.append(SCCSCase(
                    id: casePersons.contains(p) ? "\(id)#\(period)" : id, observationStart: start, observationEnd: end,
                    events: kept, windows: windows, birthDay: Int(network.persons.birthDate[person].rawValue),
                    calendarOrigin: 0))
                casePersons.insert(p)
            }
            if personInObservation { inObservation += 1 }
            if personKept { afterRestriction += 1 }
        }
        attrition.record("outcome inside an observation period", persons: inObservation, records: inObservationEvents)
        attrition.record(
            "outcome after the \(naivePeriodDays)-day naive period and inside the study period",
            persons: afterRestriction, records: afterRestrictionEvents)
        let intervals = try SCCSIntervals.build(
            cases: cases, parameterNames: parameterNames,
            adjustment: SCCSAdjustment(
                ageCutPoints: ageCutPointsYears.map { Int((Double($0) * 365.25).rounded()) },
                seasonStartMonths: seasonStartMonths),
            firstOutcomeOnly: firstOutcomeOnly)
        attrition.record(
            firstOutcomeOnly ? "cases (first outcome per observation period)" : "cases", persons: casePersons.count,
            records: intervals.counts.events)
        return SCCSPrepared(
            intervals: intervals, attrition: attrition, cases: cases, splines: splines, firstOutcomeOnly: firstOutcomeOnly)
    }
}

/// The analysis data of a network SCCS and how the cases were reached.
public struct SCCSPrepared: Sendable {
    public var intervals: SCCSIntervals
    public var attrition: Attrition
    /// The cases the intervals were built from (for refits such as ``SCCSDiagnostics/endOfObservation(cases:parameterNames:adjustment:days:)``).
    public var cases: [SCCSCase] = []
    /// The design's spline adjustment, if any (for ``SCCSSplineModel/init(_:)``).
    public var splines: SCCSSplineAdjustment?
    /// Whether the design keeps only each case's first outcome.
    public var firstOutcomeOnly = false
}
