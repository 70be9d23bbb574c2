import CohortModel
import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Sequence symmetry analysis on hand-made first starts, with the right answers worked out in the comments.
/// R values: R 4.2.2 (`qbeta`, `binom.test`, `p.adjust`, `dbinom`, `glm`), printed to 12 significant digits.
@Suite struct SSATests {
    static func day(_ s: String) -> Day { Day(s)! }
    static func days(_ s: [String?]) -> [Day?] { s.map { $0.map(day) } }

    /// Every attrition step's `removedPersons` is the previous step's persons minus its own.
    static func expectAttritionAddsUp(_ a: Attrition, sourceLocation: SourceLocation = #_sourceLocation) {
        for (prev, step) in zip(a.steps, a.steps.dropFirst()) {
            #expect(step.removedPersons == prev.persons - step.persons, "\(step.description)", sourceLocation: sourceLocation)
            #expect(step.persons <= prev.persons, sourceLocation: sourceLocation)
        }
    }

    /// Every pair is in exactly one class.
    static func expectCountsAddUp(_ c: SSACounts, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(c.pairs == c.indexFirst + c.markerFirst + c.sameDay + c.gapTooShort + c.gapTooLong, sourceLocation: sourceLocation)
    }

    // MARK: - Incident sequences from prepared data

    /// CohortSymmetry's "testing CI" case (shared/reference/ssa/cohortsymmetry_test_ci_case.csv): subjects 1, 2, 5
    /// index-first (gaps 273, 9, 298 days), 4 marker-first (7 days), 3 same day, 6-10 more than 365 days apart,
    /// 11 marker only.
    static let cohortSymmetry = try! SSAFirstStarts(
        indexStart: days([
            "2020-04-01", "2022-05-22", "2010-01-01", "2021-06-01", "2019-08-01", "2010-09-09", "2019-04-07",
            "2021-01-01", "2008-02-02", "2021-01-01", nil,
        ]),
        markerStart: days([
            "2020-12-30", "2022-05-31", "2010-01-01", "2021-05-25", "2020-05-25", "2021-01-01", "2022-05-25",
            "2010-09-30", "2022-05-25", "2019-05-25", "2020-02-29",
        ]))

    @Test func cohortSymmetryCaseCountsAndIntervals() throws {
        let s = try SSASequences(firstStarts: Self.cohortSymmetry)
        let c = s.counts
        #expect(c.indexFirst == 3 && c.markerFirst == 1 && c.sameDay == 1 && c.gapTooLong == 5 && c.gapTooShort == 0)
        #expect(c.pairs == 10 && c.indexUsers == 10 && c.markerUsers == 11)
        Self.expectCountsAddUp(c)
        // The study period defaults to the data span: first start 2008-02-02, last 2022-05-31.
        #expect(s.studyPeriod == Self.day("2008-02-02")...Self.day("2022-05-31"))
        let crude = try SSAModel(s).crudeRatio()
        #expect(crude.ratio == 3)
        // Reference: 0.39616 - 34.1236 (CohortSymmetry); R qbeta(0.025 / 0.975, 3.5, 1.5) -> p/(1-p).
        expectClose(crude.betaInterval.lower, 0.396163832389, relative: 1e-9)
        expectClose(crude.betaInterval.upper, 34.1235883855, relative: 1e-9)
        // R binom.test(3, 4)$conf.int -> p/(1-p): 0.2408802278, 157.4920883.
        expectClose(crude.exactInterval.lower, 0.2408802278, relative: 1e-9)
        expectClose(crude.exactInterval.upper, 157.4920883, relative: 1e-9)
        // Attrition: 11 persons, 10 with both, all inside the period, 9 on different days, 4 inside the gap.
        #expect(s.attrition.steps.map(\.persons) == [11, 10, 10, 9, 4])
        Self.expectAttritionAddsUp(s.attrition)
    }

    /// p0 gap +1 (index-first, the smallest gap); p1 2020-01-01 -> 2020-12-31 is +365 (2020 is a leap year: the
    /// largest gap, counted); p2 2020-01-01 -> 2021-01-01 is +366 (too long); p3 same day; p4 marker 01-01, index
    /// 01-08: -7 (marker-first); p5 index only.
    static let gaps = try! SSAFirstStarts(
        indexStart: days(["2020-01-01", "2020-01-01", "2020-01-01", "2020-03-01", "2020-01-08", "2020-02-01"]),
        markerStart: days(["2020-01-02", "2020-12-31", "2021-01-01", "2020-03-01", "2020-01-01", nil]))

    @Test func gapBoundsAndSameDay() throws {
        let s = try SSASequences(firstStarts: Self.gaps)
        #expect(s.counts.indexFirst == 2)  // p0, p1
        #expect(s.counts.markerFirst == 1)  // p4
        #expect(s.counts.sameDay == 1)  // p3
        #expect(s.counts.gapTooLong == 1)  // p2
        #expect(s.counts.pairs == 5 && s.counts.indexUsers == 6 && s.counts.markerUsers == 5)
        Self.expectCountsAddUp(s.counts)
        Self.expectAttritionAddsUp(s.attrition)
        // Gaps 8...365: p0 (1 day) and p4 (7 days) become too short; p1 stays.
        let wide = try SSASequences(firstStarts: Self.gaps, design: SSADesign(minimumGapDays: 8, maximumGapDays: 365))
        #expect(wide.counts.indexFirst == 1 && wide.counts.markerFirst == 0 && wide.counts.gapTooShort == 2)
        Self.expectCountsAddUp(wide.counts)
        #expect(wide.attrition.steps.last?.persons == 1)
        Self.expectAttritionAddsUp(wide.attrition)
        // Gaps 1...364: p1 (365 days) becomes too long.
        let short = try SSASequences(firstStarts: Self.gaps, design: SSADesign(maximumGapDays: 364))
        #expect(short.counts.indexFirst == 1 && short.counts.gapTooLong == 2)
    }

    @Test func studyPeriodRestrictsStartsAndPairs() throws {
        // 2020-01-01 ... 2020-06-30: every index start is inside (6 users); marker starts inside: p0 01-02,
        // p3 03-01, p4 01-01 (3 users); p1's and p2's markers fall after the period, so they are not pairs.
        let period = Self.day("2020-01-01")...Self.day("2020-06-30")
        let s = try SSASequences(firstStarts: Self.gaps, design: SSADesign(studyPeriod: period))
        #expect(s.counts.indexUsers == 6 && s.counts.markerUsers == 3)
        #expect(s.counts.pairs == 3 && s.counts.indexFirst == 1 && s.counts.markerFirst == 1 && s.counts.sameDay == 1)
        #expect(s.attrition.steps.map(\.persons) == [6, 5, 3, 2, 2])
        Self.expectAttritionAddsUp(s.attrition)
        // Starts outside the period are removed from the table (p1, p2 keep their index start only).
        #expect(s.firstStarts.count == 6)
        #expect(s.firstStarts.markerStart.compactMap { $0 }.count == 3)
        // A start before the period is not replaced: in 2020-12-01 ... 2021-12-31 p1's and p2's marker starts fall
        // inside but their index starts (2020-01-01) before: they are prevalent index users, not pairs.
        let late = try SSASequences(
            firstStarts: Self.gaps, design: SSADesign(studyPeriod: Self.day("2020-12-01")...Self.day("2021-12-31")))
        #expect(late.counts.pairs == 0 && late.counts.markerUsers == 2 && late.counts.indexUsers == 0)
    }

    @Test func designErrorsAreTyped() throws {
        #expect(throws: SSAError.self) { try SSASequences(firstStarts: Self.gaps, design: SSADesign(minimumGapDays: 0)) }
        #expect(throws: SSAError.self) {
            try SSASequences(firstStarts: Self.gaps, design: SSADesign(minimumGapDays: 10, maximumGapDays: 5))
        }
        #expect(throws: SSAError.self) { try SSASequences(firstStarts: Self.gaps, design: SSADesign(washoutDays: -1)) }
        do {
            _ = try SSAFirstStarts(indexStart: [nil, nil], markerStart: [nil])
            Issue.record("expected a length mismatch")
        } catch {
            #expect(error == .lengthMismatch(name: "markerStart", count: 1, expected: 2))
            #expect(error.description == "`markerStart` has 1 values, expected 2 (one per person)")
        }
    }

    @Test func studyPeriodShorterThanTheGap() throws {
        // One day: no pair can be 1 day apart.
        let one = Self.day("2020-01-01")...Self.day("2020-01-01")
        do {
            _ = try SSASequences(firstStarts: Self.gaps, design: SSADesign(studyPeriod: one))
            Issue.record("expected an error")
        } catch {
            #expect(error == .studyPeriodShorterThanGap(periodDays: 1, minimumGapDays: 1))
            #expect(error.description.contains("lasts 1 day"))
        }
        // 5 days with a minimum gap of 7: too short as well.
        let five = Self.day("2020-01-01")...Self.day("2020-01-05")
        #expect(throws: SSAError.studyPeriodShorterThanGap(periodDays: 5, minimumGapDays: 7)) {
            try SSASequences(firstStarts: Self.gaps, design: SSADesign(minimumGapDays: 7, studyPeriod: five))
        }
        // 31 days with the default maximum of 365: allowed, with a note that names it.
        let month = Self.day("2020-01-01")...Self.day("2020-01-31")
        let s = try SSASequences(firstStarts: Self.gaps, design: SSADesign(studyPeriod: month))
        #expect(s.diagnostics.contains { $0.contains("shorter than the maximum gap") })
        #expect(s.counts.indexFirst == 1 && s.counts.markerFirst == 1)  // p0 and p4
    }

    // MARK: - Null-effect sequence ratio

    @Test func constantIncidenceGivesOneExactly() throws {
        // a = b = 1 on 10 days, gap 1...3: E_IF = sum_x min(3, 10 - 1 - x) over x = 0..9 = 7*3 + 2 + 1 + 0 = 24,
        // E_MF = sum_x min(3, x) = 0 + 1 + 2 + 7*3 = 24: the period's ends cut both directions alike.
        let ones = [Double](repeating: 1, count: 10)
        let nsr = try NullEffectSequenceRatio(indexIncidence: ones, markerIncidence: ones, gap: 1...3)
        #expect(nsr.ratio == 1)
        #expect(nsr.expectedIndexFirst == 24 && nsr.expectedMarkerFirst == 24)
        // Any constant levels, any gap.
        let nsr2 = try NullEffectSequenceRatio(
            indexIncidence: [Double](repeating: 3, count: 400), markerIncidence: [Double](repeating: 7, count: 400),
            gap: 5...365)
        #expect(nsr2.ratio == 1)
    }

    @Test func linearTrendGivesTheHandWorkedRatio() throws {
        // a(x) = 1, b(t) = t on days 1..6, gap 1...2 (the ssa-nsr-linear-trend validation case): each marker start
        // on day t pairs forward with the index starts on days t-2..t-1, min(2, t-1) of them, so
        // E_IF = sum_t t * min(2, t - 1) = 0 + 2 + 6 + 8 + 10 + 12 = 38, E_MF = sum_t t * min(2, 6 - t) =
        // 2 + 4 + 6 + 8 + 5 + 0 = 25; NSR = 38/25 = 1.52.
        let nsr = try NullEffectSequenceRatio(
            indexIncidence: [1, 1, 1, 1, 1, 1], markerIncidence: [1, 2, 3, 4, 5, 6], gap: 1...2)
        #expect(nsr.expectedIndexFirst == 38 && nsr.expectedMarkerFirst == 25)
        #expect(nsr.ratio == 1.52)
        #expect(nsr.probabilityIndexFirst == 38.0 / 63)
        // Exchanging the drugs gives the reciprocal.
        let swapped = try NullEffectSequenceRatio(
            indexIncidence: [1, 2, 3, 4, 5, 6], markerIncidence: [1, 1, 1, 1, 1, 1], gap: 1...2)
        #expect(swapped.ratio == 25.0 / 38)
        // A long linear trend, continuous approximation: a = 1, b(t) = 1 + c t over u days, gap 1...W with
        // W << u: E_IF - E_MF ~ c * sum over windows of W(W+1)/2 * 2 / ... ; simply check the direction and
        // that the ratio falls as the window shrinks.
        let u = 3000
        let b = (0..<u).map { 1 + 0.001 * Double($0) }
        let wide = try NullEffectSequenceRatio(indexIncidence: [Double](repeating: 1, count: u), markerIncidence: b, gap: 1...365)
        let narrow = try NullEffectSequenceRatio(indexIncidence: [Double](repeating: 1, count: u), markerIncidence: b, gap: 1...30)
        #expect(wide.ratio > narrow.ratio && narrow.ratio > 1)
    }

    @Test func linearTrendThroughTheModel() throws {
        // The same data as persons (ssa-nsr-linear-trend): P1 index day 1, marker day 3 (index-first); P2 index 4,
        // marker 3 (marker-first); P3 both day 5; P4 index 6, marker 2 (gap 4 > 2); index-only on days 2, 3; the
        // remaining 17 marker starts marker-only. Crude 1/1, NSR 1.52, adjusted 25/38.
        let s = try SSASequences(firstStarts: Self.linearTrend(), design: Self.linearTrendDesign())
        #expect(s.counts.indexUsers == 6 && s.counts.markerUsers == 21)
        let r = try SSAModel(s).fit()
        #expect(r.crude.ratio == 1)
        #expect(r.nullEffect.ratio == 1.52)
        expectClose(r.adjusted.ratio, 25.0 / 38, relative: 1e-15)
        // The adjusted intervals are the crude ones divided by the NSR (R: 0.04261201926, 10.15735683).
        expectClose(r.adjusted.betaInterval.lower, 0.04261201926, relative: 1e-9)
        expectClose(r.adjusted.betaInterval.upper, 10.15735683, relative: 1e-9)
        #expect(r.adjusted.betaInterval.lower == r.crude.betaInterval.lower / 1.52)
        // Monthly resolution: all six days are in January, so both series become flat and the NSR is 1.
        let monthly = try SSAModel(s).fit(SSAOptions(nullEffect: .monthly))
        #expect(monthly.nullEffect.ratio == 1)
        #expect(monthly.nullEffect.resolution == .monthly)
    }

    /// The linear-trend persons, starting on `first` (day 1 of the six).
    static func linearTrend(first: String = "2020-01-01") -> SSAFirstStarts {
        let d0 = day(first)
        var index: [Day?] = [d0, d0 + 3, d0 + 4, d0 + 5, d0 + 1, d0 + 2]
        var marker: [Day?] = [d0 + 2, d0 + 2, d0 + 4, d0 + 1, nil, nil]
        // Marker-only: b(t) = t minus the pairs' marker starts: days 1..6 -> 1, 1, 1, 4, 4, 6.
        for (t, k) in [(0, 1), (1, 1), (2, 1), (3, 4), (4, 4), (5, 6)] {
            for _ in 0..<k {
                index.append(nil)
                marker.append(d0 + t)
            }
        }
        return try! SSAFirstStarts(indexStart: index, markerStart: marker)
    }

    static func linearTrendDesign(first: String = "2020-01-01") -> SSADesign {
        SSADesign(maximumGapDays: 2, studyPeriod: day(first)...(day(first) + 5))
    }

    @Test func monthlySpreadKeepsMonthTotals() {
        // 2020-01-30 ... 2020-02-02: two days of January (4 starts) and two of February (2 starts).
        let spread = NullEffectSequenceRatio.monthlySpread([4, 0, 0, 2], firstDay: Self.day("2020-01-30"))
        #expect(spread == [2, 2, 1, 1])
    }

    // MARK: - Intervals and tests against R

    @Test func zeroCountsFollowCohortSymmetry() throws {
        // 0 index-first, 4 marker-first: CohortSymmetry sets the zero count to 0.5, then adds 0.5: qbeta(., 1, 4.5).
        let zero = try SequenceRatioEstimate.crude(indexFirst: 0, markerFirst: 4)
        #expect(zero.ratio == 0)
        expectClose(zero.betaInterval.lower, 0.00564203622379, relative: 1e-9)
        expectClose(zero.betaInterval.upper, 1.26993453031, relative: 1e-9)
        #expect(zero.exactInterval.lower == 0)
        expectClose(zero.exactInterval.upper, 1.51486685937, relative: 1e-9)
        // 5 index-first, 0 marker-first: qbeta(., 5.5, 1); the exact upper bound is infinite.
        let all = try SequenceRatioEstimate.crude(indexFirst: 5, markerFirst: 0)
        #expect(all.ratio == .infinity)
        expectClose(all.betaInterval.lower, 1.04644517295, relative: 1e-9)
        expectClose(all.betaInterval.upper, 216.738779732, relative: 1e-9)
        expectClose(all.exactInterval.lower, 0.916355857315, relative: 1e-9)
        #expect(all.exactInterval.upper == .infinity)
        // 138 vs 75 (the sample network): R qbeta and binom.test.
        let big = try SequenceRatioEstimate.crude(indexFirst: 138, markerFirst: 75)
        expectClose(big.betaInterval.lower, 1.39288260727, relative: 1e-9)
        expectClose(big.betaInterval.upper, 2.44462055889, relative: 1e-9)
        expectClose(big.exactInterval.lower, 1.37915459098, relative: 1e-9)
        expectClose(big.exactInterval.upper, 2.47114660893, relative: 1e-9)
        #expect(throws: SSAError.invalidLevel(1)) { try SequenceRatioEstimate.crude(indexFirst: 1, markerFirst: 1, level: 1) }
    }

    @Test func exactBinomialTestMatchesR() throws {
        // R binom.test(x, n, p)$p.value.
        let cases: [(Int, Int, Double, Double)] = [
            (7, 20, 0.3, 0.629497966677), (3, 4, 0.5, 0.625), (15, 20, 0.6, 0.25312021887), (0, 10, 0.2, 0.228248064),
            (10, 10, 0.7, 0.0388396033), (138, 213, 0.52, 0.000198741474645), (1000, 1800, 0.55, 0.652657415469),
            (2, 50, 0.01, 0.089435313096), (40, 50, 0.9, 0.0296917109119),
        ]
        for (x, n, p, expected) in cases {
            expectClose(try ExactBinomialTest.twoSidedPValue(successes: x, trials: n, probability: p), expected, relative: 1e-9)
        }
        // R dbinom.
        expectClose(ExactBinomialTest.pmf(3, 10, 0.3, 0.7), 0.266827932, relative: 1e-9)
        expectClose(ExactBinomialTest.pmf(500, 1000, 0.5, 0.5), 0.0252250181784, relative: 1e-10)
        expectClose(ExactBinomialTest.pmf(0, 10, 0.05, 0.95), 0.598736939238, relative: 1e-10)
        expectClose(ExactBinomialTest.pmf(10, 10, 0.95, 0.05), 0.598736939238, relative: 1e-10)
        #expect(try ExactBinomialTest.twoSidedPValue(successes: 0, trials: 0, probability: 0.5) == 1)
        #expect(throws: SSAError.self) { try ExactBinomialTest.twoSidedPValue(successes: 3, trials: 2, probability: 0.5) }
    }

    @Test func benjaminiHochbergMatchesR() {
        // R p.adjust(c(0.01, 0.04, 0.03, 0.2, 0.5, 0.0001, 0.04, NA, 0.9), "BH"): NA stays NA and m = 8.
        let q = FalseDiscoveryRate.benjaminiHochberg([0.01, 0.04, 0.03, 0.2, 0.5, 0.0001, 0.04, .nan, 0.9])
        let expected = [0.04, 0.064, 0.064, 0.266666666667, 0.571428571429, 0.0008, 0.064, Double.nan, 0.9]
        for (a, b) in zip(q, expected) {
            if b.isNaN { #expect(a.isNaN) } else { expectClose(a, b, relative: 1e-11) }
        }
        #expect(FalseDiscoveryRate.benjaminiHochberg([]).isEmpty)
    }

    // MARK: - Bad input

    @Test func noIncidentUsersOfOneDrug() throws {
        let starts = try SSAFirstStarts(indexStart: [nil, nil], markerStart: Self.days(["2020-01-01", "2020-02-01"]))
        let s = try SSASequences(firstStarts: starts, indexName: "amlodipine", markerName: "furosemide")
        do {
            _ = try SSAModel(s).fit()
            Issue.record("expected an error")
        } catch {
            #expect(error == .noIncidentUsers(role: "index", drug: "amlodipine"))
            #expect(error.description.contains("index drug amlodipine"))
        }
    }

    @Test func noPairsAtAll() throws {
        let starts = try SSAFirstStarts(
            indexStart: Self.days(["2020-01-01", nil]), markerStart: Self.days([nil, "2020-02-01"]))
        let s = try SSASequences(firstStarts: starts)
        #expect(throws: SSAError.noPairs(indexUsers: 1, markerUsers: 1)) { try SSAModel(s).fit() }
        #expect(throws: SSAError.noPairs(indexUsers: 1, markerUsers: 1)) { try SSAModel(s).crudeRatio() }
    }

    @Test func allPairsOnTheSameDay() throws {
        let starts = try SSAFirstStarts(
            indexStart: Self.days(["2020-01-01", "2020-03-01", "2020-06-01"]),
            markerStart: Self.days(["2020-01-01", "2020-03-01", nil]))
        let s = try SSASequences(firstStarts: starts)
        do {
            _ = try SSAModel(s).fit()
            Issue.record("expected an error")
        } catch {
            #expect(error == .allPairsOnSameDay(pairs: 2))
            #expect(error.description.contains("same day"))
        }
    }

    @Test func noPairsInsideTheGap() throws {
        // One pair on the same day, one 400 days apart: none inside 1...365.
        let starts = try SSAFirstStarts(
            indexStart: Self.days(["2020-01-01", "2020-03-01"]), markerStart: Self.days(["2020-01-01", "2021-04-05"]))
        let s = try SSASequences(firstStarts: starts)
        do {
            _ = try SSAModel(s).fit()
            Issue.record("expected an error")
        } catch {
            #expect(error == .noPairsInsideGap(pairs: 2, sameDay: 1, gapTooShort: 0, gapTooLong: 1, gap: 1...365))
            #expect(error.description.contains("none of the 2 pairs"))
        }
    }

    @Test func undefinedNullEffectRatio() throws {
        // One person, index 01-01 then marker 01-03: E_IF = a(0) b(2) = 1, but no marker start precedes any index
        // start, so E_MF = 0. The crude ratio (1/0) still exists; the adjusted one does not.
        let starts = try SSAFirstStarts(indexStart: Self.days(["2020-01-01"]), markerStart: Self.days(["2020-01-03"]))
        let s = try SSASequences(firstStarts: starts, design: SSADesign(studyPeriod: Self.day("2020-01-01")...Self.day("2020-01-10")))
        #expect(try SSAModel(s).crudeRatio().ratio == .infinity)
        #expect(throws: SSAError.nullEffectUndefined(expectedIndexFirst: 1, expectedMarkerFirst: 0)) { try SSAModel(s).fit() }
        #expect(throws: SSAError.self) {
            try NullEffectSequenceRatio(indexIncidence: [1, 0], markerIncidence: [0, 1, 2], gap: 1...2)
        }
        #expect(throws: SSAError.self) { try NullEffectSequenceRatio(indexIncidence: [-1], markerIncidence: [1], gap: 1...2) }
    }

    @Test func zeroMarkerFirstGivesAResultThatSaysSo() throws {
        // Index-first pairs only, with other marker starts before some index starts so the NSR exists:
        // P: index 01-05, marker 01-06; Q: index 01-05, marker 01-07; R: marker-only 01-02.
        let starts = try SSAFirstStarts(
            indexStart: Self.days(["2020-01-05", "2020-01-05", nil]),
            markerStart: Self.days(["2020-01-06", "2020-01-07", "2020-01-02"]))
        let s = try SSASequences(firstStarts: starts, design: SSADesign(maximumGapDays: 5))
        let r = try SSAModel(s).fit()
        #expect(r.crude.ratio == .infinity && r.adjusted.ratio == .infinity)
        #expect(r.diagnostics.contains { $0.contains("no marker-first pair") })
        // a = 2 on day 3 (01-05, counting from 01-02); b = 1 on days 0, 4, 5 (01-02, 01-06, 01-07); gap 1...5:
        // E_IF = 2 * (b4 + b5) = 4; E_MF = 2 * b0 = 2 (01-02 is 3 days before 01-05). NSR = 2.
        #expect(r.nullEffect.ratio == 2)
        #expect(r.summary().contains("inf"))
    }

    @Test func summaryNamesTheEstimates() throws {
        let r = try SSAModel(try SSASequences(firstStarts: Self.linearTrend(), design: Self.linearTrendDesign())).fit()
        let text = r.summary()
        for needle in ["index first", "marker first", "same day", "crude", "null-effect", "adjusted", "exact binomial", "CohortSymmetry", "1.5200"] {
            #expect(text.contains(needle), "\(needle)")
        }
    }

    // MARK: - Stratification and pooling

    @Test func pooledEstimateMatchesRGlm() throws {
        // Strata (x, y, NSR) = (30, 10, 1.5), (20, 20, 1.0). Mantel-Haenszel-type ratio 50 / (1.5*10 + 20) = 50/35.
        // R: glm(cbind(x, n - x) ~ 1 + offset(log(r)), binomial): exp(coef) 1.3678564928, se 0.23205139562,
        // Wald 95% 0.867996612303 - 2.15557452456; Pearson chi-square 2.0847978639 on 1 df, p 0.148771914098.
        let p = try SSAPooledEstimate(strata: [(30, 10, 1.5), (20, 20, 1.0)])
        expectClose(p.mantelHaenszelRatio, 50.0 / 35, relative: 1e-14)
        expectClose(p.ratio, 1.3678564928, relative: 1e-9)
        expectClose(p.standardErrorOfLog, 0.23205139562, relative: 1e-9)
        expectClose(p.interval.lower, 0.867996612303, relative: 1e-9)
        expectClose(p.interval.upper, 2.15557452456, relative: 1e-9)
        expectClose(p.heterogeneity.statistic, 2.0847978639, relative: 1e-9)
        expectClose(p.heterogeneity.pValue, 0.148771914098, relative: 1e-8)
        #expect(p.strataUsed == 2 && p.orderedPairs == 80)
        // One stratum: the MLE is crude / NSR.
        let one = try SSAPooledEstimate(strata: [(12, 4, 1.2)])
        expectClose(one.ratio, 3 / 1.2, relative: 1e-12)
        #expect(one.heterogeneity.degreesOfFreedom == 0 && one.heterogeneity.pValue == 1)
        // Nothing to pool.
        #expect(throws: SSAError.self) { try SSAPooledEstimate(strata: [(3, 0, 1.0), (2, 0, 1.1)]) }
        #expect(throws: SSAError.self) { try SSAPooledEstimate(strata: [(0, 0, 1.0)]) }
        #expect(throws: SSAError.self) { try SSAPooledEstimate(strata: [(1, 1, 0)]) }
    }

    @Test func calendarYearStrataUseTheEarlierStart() throws {
        // The linear-trend persons moved to 2020-12-29 ... 2021-01-03 (days 0..5; days 0-2 in 2020). Pairs by the
        // year of the earlier start: P1 (index day 0 -> marker day 2) 2020, index-first; P2 (marker day 2 ->
        // index day 3) 2020, marker-first; P4 (marker day 1, index day 5, gap 4) 2020, too long; P3 (day 4) 2021,
        // same day. NSR for 2020 (earlier start on days 0-2), b(t) = t + 1:
        //   E_IF = sum_{x=0}^{2} (b(x+1) + b(x+2)) = 5 + 7 + 9 = 21; E_MF = sum_{t=0}^{2} b(t) * #{index days t+1..t+2} = 2 + 4 + 6 = 12;
        //   NSR_2020 = 21/12 = 1.75. For 2021: E_IF = 11 + 6 + 0 = 17, E_MF = 4*2 + 5*1 + 0 = 13 (sums 38 and 25).
        let s = try SSASequences(firstStarts: Self.linearTrend(first: "2020-12-29"), design: Self.linearTrendDesign(first: "2020-12-29"))
        let strata = try SSAModel(s).stratified(by: .calendarYear)
        #expect(strata.strata.map(\.label) == ["2020", "2021"])
        let y2020 = strata.strata[0], y2021 = strata.strata[1]
        #expect(y2020.counts.indexFirst == 1 && y2020.counts.markerFirst == 1 && y2020.counts.gapTooLong == 1)
        #expect(y2021.counts.sameDay == 1 && y2021.counts.ordered == 0)
        let r2020 = try y2020.estimate.get()
        #expect(r2020.nullEffect.expectedIndexFirst == 21 && r2020.nullEffect.expectedMarkerFirst == 12)
        #expect(r2020.nullEffect.ratio == 1.75)
        #expect(throws: SSAError.allPairsOnSameDay(pairs: 1)) { try y2021.estimate.get() }
        // Counts add up over the years, incident users by the year of each start (index: 3 in 2020, 3 in 2021).
        #expect(y2020.counts.pairs + y2021.counts.pairs == s.counts.pairs)
        #expect(y2020.counts.indexUsers == 3 && y2021.counts.indexUsers == 3)
        // The pooled estimate uses 2020 only: crude 1 / 1.75.
        let pooled = try strata.pooled.get()
        #expect(pooled.strataUsed == 1)
        expectClose(pooled.ratio, 1 / 1.75, relative: 1e-12)
        #expect(strata.summary().contains("2021"))
    }

    @Test func personStrataPartitionThePersons() throws {
        // Two sites, sexes and birth dates on the CohortSymmetry persons. Site 0: subjects 1-5, site 1: 6-11.
        let base = Self.cohortSymmetry
        let starts = try SSAFirstStarts(
            indexStart: base.indexStart, markerStart: base.markerStart, site: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
            siteNames: ["H01", "H02"], sex: [.female, .male, .female, .male, .female, .male, .male, .female, .male, .female, .male],
            birthDate: [Day](repeating: Self.day("1950-06-01"), count: 11))
        let model = SSAModel(try SSASequences(firstStarts: starts))
        let bySite = try model.stratified(by: .site)
        #expect(bySite.strata.map(\.label) == ["H01", "H02"])
        // Site H01 holds every ordered pair (1, 2, 5 index-first; 4 marker-first); H02 only excluded pairs.
        #expect(bySite.strata[0].counts.indexFirst == 3 && bySite.strata[0].counts.markerFirst == 1)
        #expect(bySite.strata[1].counts.ordered == 0 && bySite.strata[1].counts.gapTooLong == 5)
        let total = bySite.strata.map(\.counts).reduce(SSACounts(), +)
        #expect(total == model.sequences.counts)
        // Sex: females are subjects 1, 3, 5, 8, 10 (1 and 5 index-first), males 2, 4, 6, 7, 9, 11 (2 index-, 4 marker-first).
        let bySex = try model.stratified(by: .sex)
        #expect(bySex.strata.map(\.label) == ["female", "male"])
        #expect(bySex.strata[0].counts.indexFirst == 2 && bySex.strata[0].counts.markerFirst == 0)
        #expect(bySex.strata[1].counts.indexFirst == 1 && bySex.strata[1].counts.markerFirst == 1)
        // Age at the earliest start, born 1950-06-01: subject 9 starts 2008-02-02 (57), subject 3 2010-01-01
        // (59, just under 60), subjects 6 and 8 2010-09-09 / 2010-09-30 (60), the others 2019-2022 (68-71).
        let byAge = try model.stratified(by: .ageGroup(boundaries: [60, 70]))
        #expect(byAge.strata.map(\.label) == ["<60", "60-69", "70+"])
        let users = byAge.strata.map { $0.counts.indexUsers + $0.counts.markerUsers }
        #expect(users.reduce(0, +) == 21)
        #expect(byAge.strata[0].counts.pairs == 2)  // subjects 3 and 9
        #expect(throws: SSAError.self) { try model.stratified(by: .ageGroup(boundaries: [70, 60])) }
        // Prepared data without the column cannot be stratified by it.
        let bare = SSAModel(try SSASequences(firstStarts: Self.cohortSymmetry))
        #expect(throws: SSAError.stratumVariableUnavailable("site")) { try bare.stratified(by: .site) }
        #expect(throws: SSAError.stratumVariableUnavailable("sex")) { try bare.stratified(by: .sex) }
    }
}
