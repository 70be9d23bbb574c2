import Testing

@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

@Suite("Empirical null from likelihood profiles (EmpiricalCalibration fitNullNonNormalLl, grid)")
struct LikelihoodProfileNullTests {
    /// Each negative control's normal log-likelihood on the grid −2, −1.9, …, 3, as in
    /// Validation/Reference/nonnormal-null/nonnormal_null.R.
    static func profiles() throws -> [LikelihoodProfile] {
        let grid = (0...50).map { -2 + Double($0) * 0.1 }
        return try SertralineGIBleed.negativeControls.map { c throws(CalibrationError) in
            let values = grid.map { x in -0.5 * ((x - c.logRr) / c.seLogRr) * ((x - c.logRr) / c.seLogRr) }
            return try LikelihoodProfile(points: grid, values: values)
        }
    }

    @Test func matchesTheRReimplementation() throws {
        let null = try #require(try EmpiricalNull.fit(profiles: Self.profiles()).value)
        // Validation/Reference/nonnormal-null/nonnormal_null.out (R 4.2 re-implementation of fitNullNonNormalLl with piecewise
        // integrate(), rel.tol 1e-10, and optim reltol 1e-13): mean 0.7921169632, SD 0.2834220436,
        // −logLik 47.40314322. Tolerances: the R optimiser's precision on (mean, SD), integrate's on the likelihood.
        #expect(abs(null.mean - 0.7921169632) <= 1e-5)
        #expect(abs(null.sd - 0.2834220436) <= 1e-5)
        #expect(abs(-null.logLikelihood - 47.40314322) <= 1e-7)
        #expect(null.controlCount == 45)
    }

    @Test func exactSegmentIntegralMatchesAClosedForm() throws {
        // A flat profile: ∫ φ(x; μ, σ)·1 dx = 1, so the log marginal is 0 for any (μ, σ).
        let flat = try LikelihoodProfile(points: [-1, 0, 1], values: [0, 0, 0])
        #expect(abs(flat.logMarginal(mean: 0.3, sd: 0.7)) <= 1e-15)
        // A linear profile ℓ(x) = x on [−50, 50] (flat above, slope 1 below): for a null far inside, that segment
        // carries all the mass and ∫ φ(x; μ, σ) e^x dx = e^{μ + σ²/2} (the normal moment generating function).
        let line = try LikelihoodProfile(points: [-50, 50], values: [-50, 50])
        // Values are taken relative to their maximum (50), so the marginal is e^{μ + σ²/2 − 50}.
        #expect(abs(line.logMarginal(mean: 0.2, sd: 0.5) - (0.2 + 0.125 - 50)) <= 1e-12)
        // σ = 0: the interpolated log-likelihood at μ.
        #expect(abs(line.logMarginal(mean: 0.2, sd: 0) - (0.2 - 50)) <= 1e-12)
    }

    @Test func deepTailsStayFinite() throws {
        // A steep profile far from the null's mean: the per-segment normal masses underflow, but the log-scale
        // computation keeps the integral; compare with the normal-normal closed form
        // log ∫ φ(x; μ, σ) exp(−(x − m)²/(2s²)) dx = log(s/√(σ² + s²)) − (μ − m)²/(2(σ² + s²)) (Gaussian product),
        // approximated on a fine grid (spacing 1e-3 over ±3, error ≤ h²/(8s²) per point).
        let m = 2.5, s = 0.05, mu = -1.0, sigma = 0.2
        let grid = (0...6000).map { -3 + Double($0) * 0.001 }
        let p = try LikelihoodProfile(points: grid, values: grid.map { -0.5 * (($0 - m) / s) * (($0 - m) / s) })
        let v = sigma * sigma + s * s
        let exact = Double.log(s / v.squareRoot()) - (mu - m) * (mu - m) / (2 * v)
        let obtained = p.logMarginal(mean: mu, sd: sigma)
        #expect(obtained.isFinite)
        #expect(abs(obtained - exact) <= 1e-3 * abs(exact))
    }

    @Test func badProfilesAreRejected() throws {
        #expect(throws: CalibrationError.self) { try LikelihoodProfile(points: [0, 0], values: [1, 2]) }
        #expect(throws: CalibrationError.self) { try LikelihoodProfile(points: [0], values: [1]) }
        let ok = try LikelihoodProfile(points: [0, 1], values: [0, -1])
        let few = try EmpiricalNull.fit(profiles: [ok, ok, ok])
        #expect(few == .notComputed(.tooFewControls(usable: 3, required: 5, excluded: 0)))
    }
}
