import Testing

@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

@Suite("Empirical null (EmpiricalCalibration fitNull, calibrateP, EASE)")
struct EmpiricalNullTests {
    let logRr = SertralineGIBleed.negativeControls.map(\.logRr)
    let seLogRr = SertralineGIBleed.negativeControls.map(\.seLogRr)

    func null() throws -> EmpiricalNull {
        try #require(try EmpiricalNull.fit(logRr: logRr, seLogRr: seLogRr).value)
    }

    @Test func sertralineNullMatchesTheVignette() throws {
        let null = try null()
        // Published: EmpiricalCalibration 3.1.4 vignette "Empirical calibration of p-values": mean 0.7922,
        // SD 0.2834 (R optim Nelder–Mead, which stops ~1e-4 short; ../shared/reference/calibration/README.md).
        #expect(abs(null.mean - 0.7922) <= 5e-4)
        #expect(abs(null.sd - 0.2834) <= 5e-4)
        #expect(null.controlCount == 45)
        #expect(null.excludedCount == 0)
    }

    @Test func sertralineNullIsTheExactMaximum() throws {
        let null = try null()
        // Exact MLE by scipy (reference README): mean 0.7921165019, SD 0.2834228775, min −logLik 24.9298169165.
        #expect(abs(-null.logLikelihood - 24.9298169165) <= 1e-6)
        #expect(abs(null.mean - 0.7921165019) <= 1e-6)
        #expect(abs(null.sd - 0.2834228775) <= 1e-6)
    }

    @Test func sertralineCalibratedP() throws {
        let null = try null()
        let p = null.calibratedP(logRr: SertralineGIBleed.sertraline.logRr, seLogRr: SertralineGIBleed.sertraline.seLogRr)
        // Published: vignette calibrateP(null, logRr, seLogRr) = 0.8389142 (Nelder–Mead null).
        #expect(abs(p - 0.8389142) <= 5e-4)
        // Exact-MLE null (scipy, reference README): 0.8390180.
        #expect(abs(p - 0.8390180) <= 5e-7)
        // Closed form at the vignette's printed null (mean 0.7922, SD 0.2834): 2·Φ((0.7326235 − 0.7922)/√(0.2834² + 0.07371708²)).
        let hand = EmpiricalNull(mean: 0.7922, sd: 0.2834)
        let v = (0.2834 * 0.2834 + 0.07371708 * 0.07371708).squareRoot()
        #expect(abs(hand.calibratedP(logRr: 0.7326235, seLogRr: 0.07371708) - 2 * Normal.cdf((0.7326235 - 0.7922) / v)) <= 1e-15)
    }

    @Test func oneSidedPValuesAddToOne() {
        let null = EmpiricalNull(mean: 0.1, sd: 0.2)
        let upper = null.calibratedP(logRr: 0.5, seLogRr: 0.1, sides: .upper)
        let lower = null.calibratedP(logRr: 0.5, seLogRr: 0.1, sides: .lower)
        // Closed form: Φ(x) + Φ(−x) = 1.
        #expect(abs(upper + lower - 1) <= 1e-15)
        #expect(null.calibratedP(logRr: .infinity, seLogRr: 0.1).isNaN)
    }

    @Test func easeIsTheFoldedNormalMean() {
        // E|X| for X ~ N(μ, σ²) by numerical integration (scipy.integrate.quad of |x|·φ(x; μ, σ), epsrel 1e-13):
        // 0.7925554806710224 at (0.7921165019, 0.2834228775) and 0.2525416685794432 at (−0.1, 0.3).
        #expect(abs(EmpiricalNull(mean: 0.7921165019, sd: 0.2834228775).expectedAbsoluteSystematicError
            - 0.7925554806710224) <= 1e-12)
        #expect(abs(EmpiricalNull(mean: -0.1, sd: 0.3).expectedAbsoluteSystematicError - 0.2525416685794432) <= 1e-12)
        // Closed forms: σ·√(2/π) at μ = 0; |μ| at σ = 0.
        #expect(abs(EmpiricalNull(mean: 0, sd: 0.5).expectedAbsoluteSystematicError - 0.5 * (2 / Double.pi).squareRoot()) <= 1e-15)
        #expect(EmpiricalNull(mean: -0.3, sd: 0).expectedAbsoluteSystematicError == 0.3)
    }

    @Test func fewerThanFiveUsableControlsIsNotComputed() throws {
        let outcome = try EmpiricalNull.fit(logRr: Array(logRr.prefix(4)), seLogRr: Array(seLogRr.prefix(4)))
        #expect(outcome == .notComputed(.tooFewControls(usable: 4, required: 5, excluded: 0)))
        // Unusable controls (infinite SE, NaN estimate, |logRr| > log 100) are dropped first, as fitNull drops them.
        let x = Array(logRr.prefix(5)) + [.nan, 5.0, 0.1]
        let s = Array(seLogRr.prefix(5)) + [0.1, 0.2, .infinity]
        #expect(try EmpiricalNull.fit(logRr: Array(x.dropFirst()), seLogRr: Array(s.dropFirst()))
            == .notComputed(.tooFewControls(usable: 4, required: 5, excluded: 3)))
        let five = try #require(try EmpiricalNull.fit(logRr: x, seLogRr: s).value)
        #expect(five.controlCount == 5 && five.excludedCount == 3)
        #expect(throws: CalibrationError.self) { try EmpiricalNull.fit(logRr: [0, 1], seLogRr: [0.1]) }
    }

    @Test func nullAtZeroSpreadIsTheWeightedMean() throws {
        // Controls whose spread is below their sampling error: the MLE has SD 0 and the mean is the
        // inverse-variance weighted mean (closed form). Estimates 0.1, 0.12, 0.08, 0.11, 0.09 with SE 0.2.
        let x = [0.1, 0.12, 0.08, 0.11, 0.09]
        let null = try #require(try EmpiricalNull.fit(logRr: x, seLogRr: Array(repeating: 0.2, count: 5)).value)
        #expect(null.sd <= 1e-6)
        #expect(abs(null.mean - 0.1) <= 1e-12)
    }
}
