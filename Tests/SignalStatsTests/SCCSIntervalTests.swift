import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Every case of OHDSI SelfControlledCaseSeries `tests/testthat/test-eraConstruction.R`, as listed in
/// shared/reference/sccs/ohdsi_sccs_era_construction_cases.csv: expected rows are one covariate pattern per person
/// (non-adjacent periods of one pattern merged), compared as sets of (days, events, covariates).
@Suite struct SCCSIntervalConstructionTests {
    struct Case {
        var name: String
        var obs: (Int, Int)
        var outcomes: [Int]
        var eras: [(start: Int, end: Int, drug: Int)]
        var window: SCCSRiskWindow
        var firstOnly: Bool
        var expected: [(days: Int, events: Int, covariates: Set<Int>)]
    }

    static let eraEnd = SCCSRiskWindow(label: "risk", start: 0, end: 0)
    static let cases: [Case] = [
        Case(name: "Simple era construction", obs: (1, 100), outcomes: [50], eras: [(25, 75, 11)], window: eraEnd, firstOnly: false,
             expected: [(49, 0, []), (51, 1, [1000])]),
        Case(name: "Outcome on boundary (outcome = exposure start)", obs: (1, 100), outcomes: [25], eras: [(25, 75, 11)], window: eraEnd, firstOnly: false,
             expected: [(49, 0, []), (51, 1, [1000])]),
        Case(name: "Outcome on boundary (day before exposure)", obs: (1, 100), outcomes: [24], eras: [(25, 75, 11)], window: eraEnd, firstOnly: false,
             expected: [(49, 1, []), (51, 0, [1000])]),
        Case(name: "Outcome on boundary (outcome = exposure end)", obs: (1, 100), outcomes: [75], eras: [(25, 75, 11)], window: eraEnd, firstOnly: false,
             expected: [(49, 0, []), (51, 1, [1000])]),
        Case(name: "Outcome on boundary (day after exposure end)", obs: (1, 100), outcomes: [76], eras: [(25, 75, 11)], window: eraEnd, firstOnly: false,
             expected: [(49, 1, []), (51, 0, [1000])]),
        Case(name: "One day era", obs: (1, 100), outcomes: [50], eras: [(25, 25, 11)], window: eraEnd, firstOnly: false,
             expected: [(99, 1, []), (1, 0, [1000])]),
        Case(name: "Merging overlapping eras", obs: (1, 100), outcomes: [50], eras: [(25, 75, 11), (70, 80, 11)], window: eraEnd, firstOnly: false,
             expected: [(44, 0, []), (56, 1, [1000])]),
        Case(name: "Merging overlapping eras same start", obs: (1, 100), outcomes: [50], eras: [(25, 75, 11), (25, 50, 11)], window: eraEnd, firstOnly: false,
             expected: [(49, 0, []), (51, 1, [1000])]),
        Case(name: "Concomitant drug use", obs: (1, 100), outcomes: [50], eras: [(25, 75, 11), (60, 70, 12)], window: eraEnd, firstOnly: false,
             expected: [(49, 0, []), (40, 1, [1000]), (11, 0, [1000, 1001])]),
        Case(name: "Concomitant drug use (3 drugs)", obs: (1, 100), outcomes: [50, 85], eras: [(25, 75, 11), (70, 80, 12), (70, 77, 13)],
             window: eraEnd, firstOnly: false,
             expected: [(44, 1, []), (45, 1, [1000]), (3, 0, [1001]), (2, 0, [1001, 1002]), (6, 0, [1000, 1001, 1002])]),
        Case(name: "Start risk window at day 1 not 0", obs: (1, 100), outcomes: [50], eras: [(50, 75, 11)],
             window: SCCSRiskWindow(label: "risk", start: 1, end: 0), firstOnly: false,
             expected: [(75, 1, []), (25, 0, [1000])]),
        Case(name: "Two HOIs keeping both", obs: (1, 100), outcomes: [25, 50], eras: [(30, 60, 11)], window: eraEnd, firstOnly: false,
             expected: [(69, 1, []), (31, 1, [1000])]),
        Case(name: "Two HOIs keeping first", obs: (1, 100), outcomes: [25, 50], eras: [(30, 60, 11)], window: eraEnd, firstOnly: true,
             expected: [(69, 1, []), (31, 0, [1000])]),
    ]

    @Test(arguments: cases.indices)
    func ohdsiEraConstruction(_ k: Int) throws {
        let c = Self.cases[k]
        // Drug ids map to covariate ids 1000, 1001, … in order of id, as in the OHDSI test.
        let drugs = Set(c.eras.map(\.drug)).sorted()
        var windows: [SCCSWindow] = []
        for (p, drug) in drugs.enumerated() {
            let eras = c.eras.filter { $0.drug == drug }.map { (start: $0.start, end: $0.end) }
            windows += SCCSRiskWindow.windows(eras: eras, window: c.window, parameter: p)
        }
        let intervals = try SCCSIntervals.build(
            cases: [SCCSCase(id: "1", observationStart: c.obs.0, observationEnd: c.obs.1, events: c.outcomes, windows: windows)],
            parameterNames: drugs.map { "drug\($0)" }, firstOutcomeOnly: c.firstOnly)
        struct Row: Hashable { var days: Int; var events: Int; var covariates: Set<Int> }
        let got = Set((0..<intervals.count).map { i in
            Row(days: Int(intervals.length[i]), events: Int(intervals.events[i]),
                covariates: Set(intervals.exposurePatterns[Int(intervals.exposurePattern[i])].map { 1000 + Int($0) }))
        })
        let want = Set(c.expected.map { Row(days: $0.days, events: $0.events, covariates: $0.covariates) })
        #expect(got == want, "\(c.name)")
        #expect(intervals.count == c.expected.count, "\(c.name)")
    }

    @Test func laterDoseEndsEarlierWindowsAndDifferentExposuresOverlap() throws {
        // R SCCS rule, by hand: dose 1 at day 10 with windows 0-3 and 4-14, dose 2 at day 20 (window end 34).
        // Dose 1's second window is cut at day 19 by dose 2. Exposure B at day 12-13 overlaps dose 1's window 2.
        let data = SCCSPreparedData(
            indiv: ["a"], start: [1], end: [60], event: [15],
            columns: ["d1": [10], "d2": [20], "b": [12]])
        let (cases, names) = try data.cases(exposures: [
            SCCSExposureDefinition(name: "a", doseColumns: ["d1", "d2"], cutPoints: [0, 4], endOffset: 14),
            SCCSExposureDefinition(name: "b", doseColumns: ["b"], cutPoints: [0], endOffset: 1),
        ])
        #expect(names == ["a1", "a2", "b1"])
        #expect(Set(cases[0].windows) == Set([
            SCCSWindow(from: 10, to: 13, parameter: 0), SCCSWindow(from: 14, to: 19, parameter: 1),
            SCCSWindow(from: 20, to: 23, parameter: 0), SCCSWindow(from: 24, to: 34, parameter: 1),
            SCCSWindow(from: 12, to: 13, parameter: 2),
        ]))
        let intervals = try SCCSIntervals.build(cases: cases, parameterNames: names)
        // Days: unexposed 1-9 and 35-60 (35 days), a1 only 10-11 and 20-23 (6), a1+b 12-13 (2), a2 14-19 and 24-34 (17).
        var byPattern: [[Int32]: (Int, Int)] = [:]
        for i in 0..<intervals.count {
            byPattern[intervals.exposurePatterns[Int(intervals.exposurePattern[i])]] = (Int(intervals.length[i]), Int(intervals.events[i]))
        }
        #expect(byPattern[[]]! == (35, 0))
        #expect(byPattern[[0]]! == (6, 0))
        #expect(byPattern[[0, 2]]! == (2, 0))
        #expect(byPattern[[1]]! == (17, 1))
    }

    @Test func eventsOutsideObservationAndEmptyCasesAreCounted() throws {
        let intervals = try SCCSIntervals.build(
            cases: [
                SCCSCase(id: "1", observationStart: 1, observationEnd: 100, events: [50, 150], windows: []),
                SCCSCase(id: "2", observationStart: 1, observationEnd: 100, events: [200], windows: []),
            ], parameterNames: [])
        #expect(intervals.counts.cases == 1)
        #expect(intervals.counts.eventsOutsideObservation == 2)
        #expect(intervals.counts.casesWithoutEventsInObservation == 1)
        #expect(throws: SCCSError.noCases) {
            _ = try SCCSIntervals.build(cases: [SCCSCase(id: "2", observationStart: 1, observationEnd: 100, events: [200], windows: [])], parameterNames: [])
        }
        #expect(throws: SCCSError.invalidObservation(caseID: "3", start: 10, end: 5)) {
            _ = try SCCSIntervals.build(cases: [SCCSCase(id: "3", observationStart: 10, observationEnd: 5, events: [7], windows: [])], parameterNames: [])
        }
    }

    @Test func ageAndSeasonGroups() throws {
        // Birth at day 0 (calendar origin 2020-01-01 = day 18262); observation 2020-01-01..2020-12-31 (366 days).
        // Age cut at 100 days; season starts in months 3 and 9: Jan-Feb and Sep-Dec are group 2 (index 1), Mar-Aug group 1 (index 0).
        let c = SCCSCase(id: "1", observationStart: 0, observationEnd: 365, events: [10, 200], windows: [], birthDay: 0, calendarOrigin: 18262)
        let intervals = try SCCSIntervals.build(
            cases: [c], parameterNames: [], adjustment: SCCSAdjustment(ageCutPoints: [100], seasonStartMonths: [3, 9]))
        var days: [String: Int] = [:]
        for i in 0..<intervals.count { days["\(intervals.ageGroup[i])-\(intervals.seasonGroup[i])", default: 0] += Int(intervals.length[i]) }
        // Jan 1 - Feb 29 (60 days) age0/season1; Mar 1 - Apr 9 (40) age0/season0; Apr 10 - Aug 31 (144) age1/season0;
        // Sep 1 - Dec 31 (122) age1/season1.
        #expect(days == ["0-1": 60, "0-0": 40, "1-0": 144, "1-1": 122])
    }
}
