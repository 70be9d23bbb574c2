import Testing

@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Reference values: Validation/Cases/calibration-error-model/reference.R (R 4.2, Debian r-base-core), a
/// RE-IMPLEMENTATION of EmpiricalCalibration 3.1.4's fitSystematicErrorModel and calibrateConfidenceInterval
/// (the package is not in Debian) with its optimisers run to convergence; output in reference.out.
@Suite("Systematic error model and CI calibration (EmpiricalCalibration re-implemented in R)")
struct SystematicErrorModelTests {
    /// The 45 sertraline negative controls plus the script's 45 synthetic positive controls: control i gets
    /// t_i = log(1.5, 2, 4)[(i − 1) mod 3], estimate logRr_i + 0.9·t_i, standard error 1.1·se_i.
    static func controls() -> (logRr: [Double], se: [Double], truth: [Double]) {
        let neg = SertralineGIBleed.negativeControls
        let effects = [Double.log(1.5), Double.log(2.0), Double.log(4.0)]
        let t = neg.indices.map { effects[$0 % 3] }
        let logRr = neg.map(\.logRr) + neg.indices.map { neg[$0].logRr + 0.9 * t[$0] }
        let se = neg.map(\.seLogRr) + neg.map { 1.1 * $0.seLogRr }
        return (logRr, se, Array(repeating: 0, count: neg.count) + t)
    }

    func model() throws -> SystematicErrorModel {
        let c = Self.controls()
        return try #require(try SystematicErrorModel.fit(logRr: c.logRr, seLogRr: c.se, trueLogRr: c.truth).value)
    }

    @Test func fitMatchesTheRReimplementation() throws {
        let m = try model()
        // reference.out: meanIntercept 0.8238302734, meanSlope 0.8273002164, sdIntercept 0.2871896228,
        // sdSlope −0.03414595142, −logLik 49.53872168.
        #expect(abs(-m.logLikelihood - 49.53872168) <= 1e-7)
        #expect(abs(m.meanIntercept - 0.8238302734) <= 1e-5)
        #expect(abs(m.meanSlope - 0.8273002164) <= 1e-5)
        #expect(abs(m.sdIntercept - 0.2871896228) <= 1e-5)
        #expect(abs(m.sdSlope - -0.03414595142) <= 1e-5)
        #expect(m.controlCount == 90)
    }

    @Test func calibratedIntervalMatchesTheRReimplementation() throws {
        let m = try model()
        let e = try m.calibrate(logRr: SertralineGIBleed.sertraline.logRr, seLogRr: SertralineGIBleed.sertraline.seLogRr)
        // reference.out: calibrated log RR −0.1102462378, 95% bounds −0.7538005676 and 0.5492496688,
        // SE 0.3324168828 (uniroot to 1e-13 at the R fit).
        #expect(abs(e.logRr - -0.1102462378) <= 1e-4)
        #expect(abs(e.logLower - -0.7538005676) <= 1e-4)
        #expect(abs(e.logUpper - 0.5492496688) <= 1e-4)
        #expect(abs(e.seLogRr - 0.3324168828) <= 1e-4)
    }

    @Test func calibrationWithTheRModelIsExact() throws {
        // The same bounds at R's printed model coefficients isolate the root finding from the fit.
        let m = SystematicErrorModel(
            meanIntercept: 0.8238302734, meanSlope: 0.8273002164, sdIntercept: 0.2871896228, sdSlope: -0.03414595142)
        let e = try m.calibrate(logRr: SertralineGIBleed.sertraline.logRr, seLogRr: SertralineGIBleed.sertraline.seLogRr)
        #expect(abs(e.logRr - -0.1102462378) <= 1e-9)
        #expect(abs(e.logLower - -0.7538005676) <= 1e-9)
        #expect(abs(e.logUpper - 0.5492496688) <= 1e-9)
    }

    @Test func nullModelClosedForm() throws {
        // convertNullToErrorModel: mean slope 1, constant SD. Then the calibrated estimate is logRr − mean and
        // the bounds are logRr − mean ∓ z·√(sd² + se²) (closed form).
        let m = SystematicErrorModel(null: EmpiricalNull(mean: 0.2, sd: 0.3))
        let e = try m.calibrate(logRr: 1.0, seLogRr: 0.4, level: 0.9)
        let z = 1.6448536269514722  // Φ⁻¹(0.95), R qnorm(0.95)
        #expect(abs(e.logRr - 0.8) <= 1e-12)
        #expect(abs(e.logLower - (0.8 - z * 0.5)) <= 1e-12)
        #expect(abs(e.logUpper - (0.8 + z * 0.5)) <= 1e-12)
        #expect(abs(e.seLogRr - 0.5) <= 1e-12)
        #expect(throws: CalibrationError.self) { try m.calibrate(logRr: 1, seLogRr: 0.4, level: 1.2) }
        #expect(try m.calibrate(logRr: .nan, seLogRr: 0.4).logRr.isNaN)
    }

    @Test func negativeControlsAloneAreNotEnough() throws {
        let neg = SertralineGIBleed.negativeControls
        let outcome = try SystematicErrorModel.fit(
            logRr: neg.map(\.logRr), seLogRr: neg.map(\.seLogRr), trueLogRr: Array(repeating: 0, count: neg.count))
        #expect(outcome == .notComputed(.noDistinctTrueEffects(value: 0)))
        let few = try SystematicErrorModel.fit(logRr: [0, 1, 2], seLogRr: [0.1, 0.1, 0.1], trueLogRr: [0, 0.7, 1.4])
        #expect(few == .notComputed(.tooFewControls(usable: 3, required: 5, excluded: 0)))
    }
}
