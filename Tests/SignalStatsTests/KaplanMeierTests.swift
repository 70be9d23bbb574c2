import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Reference: R 4 `survival` 3.5.3 `survfit(Surv(time, status) ~ 1)` (default `conf.type = "log"`), printed by
/// `scripts/reference/kaplan-meier.R` (output in `scripts/reference/kaplan-meier.out`). Tolerance 1e-9 absolute.
@Suite struct KaplanMeierTests {
    @Test func amlMaintainedMatchesSurvfit() throws {
        let time: [Double] = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161]
        let status: [Double] = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]
        let km = try KaplanMeier(time: time, status: status)
        let expected: [(t: Double, n: Double, s: Double, se: Double, lo: Double, hi: Double)] = [
            (9, 11, 0.9090909091, 0.0953462589, 0.7541338451, 1), (13, 10, 0.8181818182, 0.1421338109, 0.6192489874, 1),
            (18, 8, 0.7159090909, 0.1950875779, 0.4884262874, 1), (23, 7, 0.6136363636, 0.2487341691, 0.3768670595, 0.9991576002),
            (28, 6, 0.6136363636, 0.2487341691, 0.3768670595, 0.9991576002), (31, 5, 0.4909090909, 0.3344677666, 0.2548599512, 0.9455849552),
            (34, 4, 0.3681818182, 0.4418167269, 0.1548771179, 0.8752606781), (45, 3, 0.3681818182, 0.4418167269, 0.1548771179, 0.8752606781),
            (48, 2, 0.1840909091, 0.8337877549, 0.0359178985, 0.9435257695), (161, 1, 0.1840909091, 0.8337877549, 0.0359178985, 0.9435257695),
        ]
        #expect(km.points.count == expected.count)
        for (p, e) in zip(km.points, expected) {
            #expect(p.time == e.t && p.atRisk == e.n)
            #expect(abs(p.survival - e.s) < 1e-9 && abs(p.standardErrorLog - e.se) < 1e-9)
            #expect(abs(p.lower - e.lo) < 1e-9 && abs(p.upper - e.hi) < 1e-9)
        }
    }

    @Test func weightedMatchesSurvfit() throws {
        let km = try KaplanMeier(
            time: [1, 2, 2, 3, 4, 5, 5, 6], status: [1, 1, 0, 1, 0, 1, 1, 0], weights: [1, 2, 1, 1, 3, 1, 2, 1])
        let expected: [(n: Double, d: Double, s: Double, lo: Double, hi: Double)] = [
            (12, 1, 0.9166666667, 0.7729009737, 1), (11, 2, 0.75, 0.5409963556, 1), (8, 1, 0.65625, 0.4317504722, 0.9974837094),
            (7, 0, 0.65625, 0.4317504722, 0.9974837094), (4, 3, 0.1640625, 0.0285595542, 0.9424693313), (1, 0, 0.1640625, 0.0285595542, 0.9424693313),
        ]
        for (p, e) in zip(km.points, expected) {
            #expect(p.atRisk == e.n && p.events == e.d)
            #expect(abs(p.survival - e.s) < 1e-9 && abs(p.lower - e.lo) < 1e-9 && abs(p.upper - e.hi) < 1e-9)
        }
    }

    @Test func badInputIsAnError() {
        #expect(throws: RegressionError.self) { try KaplanMeier(time: [1, -2], status: [1, 0]) }
        #expect(throws: RegressionError.self) { try KaplanMeier(time: [1, 2], status: [1, 2]) }
        #expect(throws: RegressionError.self) { try KaplanMeier(time: [1], status: [1, 0]) }
    }
}
