import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

// Tests of Sources/SignalStats/Distributions against R.
//
// The literals in `DistributionReference` (bottom of this file) were generated
// with R 4.2.2 by scripts/reference/distribution_reference.R; rerun it to
// regenerate them. Every value must agree to 1e-10 relative error (absolute
// 1e-300 where R returns 0).

/// Expects |actual − expected| ≤ tolerance·|expected| (≤ 1e-300 when expected is 0;
/// exact equality for infinities).
private func expectAgrees(
    _ actual: Double, _ expected: Double, tolerance: Double = 1e-10,
    _ context: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let ok: Bool
    if expected.isInfinite || expected == 0 && actual.isInfinite {
        ok = actual == expected
    } else if expected == 0 {
        ok = abs(actual) <= 1e-300
    } else {
        ok = abs(actual - expected) <= tolerance * abs(expected)
    }
    #expect(ok, "\(context()): got \(actual), expected \(expected), relative error \(abs(actual - expected) / abs(expected))",
            sourceLocation: sourceLocation)
}

/// Expects `x` to be the quantile of the monotone tail function `tail` at
/// `target` to within one ulp: the root of tail(x) = target must lie between
/// x.nextDown and x.nextUp (allowing 1e-12 relative error in the tail values).
/// This is the right criterion where the quantile is ill-conditioned in x
/// (x within 1e-10 of 1) or underflows.
private func expectRoot(
    _ x: Double, target: Double, increasing: Bool, _ context: @autoclosure () -> String,
    sourceLocation: SourceLocation = #_sourceLocation, tail: (Double) throws -> Double
) {
    do {
        let below = try tail(x.nextDown), at = try tail(x), above = try tail(x.nextUp)
        let (low, high) = increasing ? (below, above) : (above, below)
        let ok = low <= target * (1 + 1e-12) && high >= target * (1 - 1e-12)
        #expect(ok, "\(context()): x = \(x), tail at x⁻, x, x⁺ = \(below), \(at), \(above), target \(target)",
                sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

/// Runs a throwing computation for a reference case, recording an issue if it throws.
private func value(_ body: () throws -> Double, sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    do { return try body() } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return .nan
    }
}

@Suite struct DistributionTests {
    // MARK: - Agreement with R

    @Test func normalAgreesWithR() {
        for c in DistributionReference.pnorm { expectAgrees(Normal.cdf(c.x), c.expected, "pnorm(\(c.x))") }
        for c in DistributionReference.pnormUpper { expectAgrees(Normal.survival(c.x), c.expected, "pnorm(\(c.x), lower = F)") }
        for c in DistributionReference.dnorm {
            expectAgrees(Normal.pdf(c.x), c.expected, "dnorm(\(c.x))")
            expectAgrees(Normal.logPDF(c.x), .log(c.expected), "log dnorm(\(c.x))")
        }
        for c in DistributionReference.qnorm { expectAgrees(value { try Normal.quantile(c.p) }, c.expected, "qnorm(\(c.p))") }
        for c in DistributionReference.qnormUpper {
            expectAgrees(value { try Normal.inverseSurvival(c.q) }, c.expected, "qnorm(\(c.q), lower = F)")
        }
    }

    @Test func chiSquaredAgreesWithR() {
        for c in DistributionReference.pchisq {
            expectAgrees(value { try ChiSquared.cdf(c.x, degreesOfFreedom: c.df) }, c.expected, "pchisq(\(c.x), \(c.df))")
        }
        for c in DistributionReference.pchisqUpper {
            expectAgrees(value { try ChiSquared.survival(c.x, degreesOfFreedom: c.df) }, c.expected,
                         "pchisq(\(c.x), \(c.df), lower = F)")
        }
        for c in DistributionReference.qchisq {
            expectAgrees(value { try ChiSquared.quantile(c.p, degreesOfFreedom: c.df) }, c.expected, "qchisq(\(c.p), \(c.df))")
        }
        for c in DistributionReference.qchisqUpper {
            expectAgrees(value { try ChiSquared.inverseSurvival(c.q, degreesOfFreedom: c.df) }, c.expected,
                         "qchisq(\(c.q), \(c.df), lower = F)")
        }
    }

    @Test func gammaAgreesWithR() {
        for c in DistributionReference.pgamma {
            expectAgrees(value { try GammaDistribution.cdf(c.x, shape: c.shape, rate: c.rate) }, c.expected,
                         "pgamma(\(c.x), \(c.shape), \(c.rate))")
        }
        for c in DistributionReference.pgammaUpper {
            expectAgrees(value { try GammaDistribution.survival(c.x, shape: c.shape, rate: c.rate) }, c.expected,
                         "pgamma(\(c.x), \(c.shape), \(c.rate), lower = F)")
        }
        for c in DistributionReference.qgamma {
            expectAgrees(value { try GammaDistribution.quantile(c.p, shape: c.shape, rate: c.rate) }, c.expected,
                         "qgamma(\(c.p), \(c.shape), \(c.rate))")
        }
        for c in DistributionReference.qgammaUpper {
            expectAgrees(value { try GammaDistribution.inverseSurvival(c.q, shape: c.shape, rate: c.rate) }, c.expected,
                         "qgamma(\(c.q), \(c.shape), \(c.rate), lower = F)")
        }
    }

    @Test func betaAgreesWithR() {
        for c in DistributionReference.pbeta {
            expectAgrees(value { try BetaDistribution.cdf(c.x, alpha: c.alpha, beta: c.beta) }, c.expected,
                         "pbeta(\(c.x), \(c.alpha), \(c.beta))")
        }
        for c in DistributionReference.pbetaUpper {
            expectAgrees(value { try BetaDistribution.survival(c.x, alpha: c.alpha, beta: c.beta) }, c.expected,
                         "pbeta(\(c.x), \(c.alpha), \(c.beta), lower = F)")
        }
        for c in DistributionReference.qbeta {
            expectAgrees(value { try BetaDistribution.quantile(c.p, alpha: c.alpha, beta: c.beta) }, c.expected,
                         "qbeta(\(c.p), \(c.alpha), \(c.beta))")
        }
        for c in DistributionReference.qbetaUpper {
            expectAgrees(value { try BetaDistribution.inverseSurvival(c.q, alpha: c.alpha, beta: c.beta) }, c.expected,
                         "qbeta(\(c.q), \(c.alpha), \(c.beta), lower = F)")
        }
    }

    @Test func discreteAgreeWithR() {
        for c in DistributionReference.pbinom {
            expectAgrees(value { try BinomialDistribution.cdf(Int(c.k), n: Int(c.n), p: c.p) }, c.expected,
                         "pbinom(\(c.k), \(c.n), \(c.p))")
        }
        for c in DistributionReference.pbinomUpper {
            expectAgrees(value { try BinomialDistribution.survival(Int(c.k), n: Int(c.n), p: c.p) }, c.expected,
                         "pbinom(\(c.k), \(c.n), \(c.p), lower = F)")
        }
        for c in DistributionReference.ppois {
            expectAgrees(value { try PoissonDistribution.cdf(Int(c.k), mean: c.mean) }, c.expected, "ppois(\(c.k), \(c.mean))")
        }
        for c in DistributionReference.ppoisUpper {
            expectAgrees(value { try PoissonDistribution.survival(Int(c.k), mean: c.mean) }, c.expected,
                         "ppois(\(c.k), \(c.mean), lower = F)")
        }
    }

    // MARK: - Values used elsewhere in the package

    @Test func valuesUsedByMethods() throws {
        // Wald intervals: R qnorm(0.975).
        #expect(try Normal.quantile(0.975) == 1.9599639845400536)
        #expect(abs(try Normal.quantile(0.975) - 1.959963984540054) < 1e-15)
        // Sequence symmetry analysis crude-ratio CI: bounds p/(1 − p) of the Beta(3.5, 1.5) quantiles.
        let lower = try BetaDistribution.quantile(0.025, alpha: 3.5, beta: 1.5)
        let upper = try BetaDistribution.quantile(0.975, alpha: 3.5, beta: 1.5)
        expectAgrees(lower / (1 - lower), DistributionReference.crudeRatioCI.lower, "SSA lower")
        expectAgrees(upper / (1 - upper), DistributionReference.crudeRatioCI.upper, "SSA upper")
        #expect(abs(lower / (1 - lower) - 0.39616) < 5e-6)
        #expect(abs(upper / (1 - upper) - 34.1236) < 5e-5)
        // Information component credibility limits, O = 10, E = 5.
        let ic025 = Double.log2(try GammaDistribution.quantile(0.025, shape: 10.5, rate: 5.5))
        let ic975 = Double.log2(try GammaDistribution.quantile(0.975, shape: 10.5, rate: 5.5))
        expectAgrees(ic025, DistributionReference.informationComponentCI.lower, "IC025")
        expectAgrees(ic975, DistributionReference.informationComponentCI.upper, "IC975")
        #expect(abs(ic025 - -0.09725664) < 1e-8)
        #expect(abs(ic975 - 1.689457) < 1e-6)
    }

    // MARK: - Closed forms and identities

    @Test func closedForms() throws {
        for x in [1e-8, 0.1, 1, 5, 30, 200, 700] {
            // Exponential: Gamma(1, 1).
            expectAgrees(try GammaDistribution.survival(x, shape: 1), .exp(-x), tolerance: 1e-13, "exp survival \(x)")
            // Chi-squared with 2 df: P(X > x) = exp(−x/2).
            expectAgrees(try ChiSquared.survival(x, degreesOfFreedom: 2), .exp(-x / 2), tolerance: 1e-13, "chisq2 \(x)")
            expectAgrees(try ChiSquared.cdf(x, degreesOfFreedom: 2), -Double.expMinusOne(-x / 2), tolerance: 1e-13,
                         "chisq2 cdf \(x)")
        }
        for x in [1e-100, 1e-10, 0.3, 0.5, 0.999] {
            expectAgrees(try BetaDistribution.cdf(x, alpha: 1, beta: 1), x, tolerance: 1e-13, "uniform \(x)")
            // Beta(a, 1): I_x = x^a.
            expectAgrees(try BetaDistribution.cdf(x, alpha: 2.5, beta: 1), .pow(x, 2.5), tolerance: 1e-13, "power \(x)")
            expectAgrees(try BetaDistribution.quantile(.pow(x, 2.5), alpha: 2.5, beta: 1), x, tolerance: 1e-13, "power q \(x)")
        }
        // Chi-squared with 1 df is a squared standard normal.
        for z in [0.1, 1, 3, 10, 30] {
            expectAgrees(try ChiSquared.survival(z * z, degreesOfFreedom: 1), 2 * Normal.survival(z), tolerance: 1e-13, "chisq1 \(z)")
        }
        // Binomial(n, p) at k = n − 1: 1 − p^n.
        expectAgrees(try BinomialDistribution.cdf(9, n: 10, p: 0.3), 1 - .pow(0.3, 10), tolerance: 1e-14, "binom")
        expectAgrees(try PoissonDistribution.cdf(0, mean: 3.2), .exp(-3.2), tolerance: 1e-14, "poisson 0")
    }

    @Test func tailsAreComplementary() throws {
        for (a, b) in [(0.5, 0.5), (3.5, 1.5), (1000, 2000), (0.05, 20)] {
            for x in [0.001, 0.2, 0.5, 0.8, 0.999] {
                let p = try BetaDistribution.cdf(x, alpha: a, beta: b)
                let q = try BetaDistribution.survival(x, alpha: a, beta: b)
                #expect(abs(p + q - 1) <= 4 * Double.ulpOfOne, "beta(\(a), \(b)) at \(x)")
            }
        }
        for a in [0.05, 0.5, 10.5, 1e4] {
            for x in [0.01, 1, a, 2 * a + 3] {
                let p = try GammaDistribution.cdf(x, shape: a)
                let q = try GammaDistribution.survival(x, shape: a)
                #expect(abs(p + q - 1) <= 4 * Double.ulpOfOne, "gamma(\(a)) at \(x)")
            }
        }
        for x in [-40.0, -5, -1, 0, 0.5, 7] {
            #expect(abs(Normal.cdf(x) + Normal.survival(x) - 1) <= 2 * Double.ulpOfOne)
            #expect(Normal.cdf(x) == Normal.survival(-x))
        }
    }

    // MARK: - Quantiles where R is not accurate: round trips

    @Test func quantileRoundTrips() throws {
        // Upper-tail probabilities handed over exactly (R's qgamma/qchisq with
        // lower.tail = TRUE lose ~1e-8 relative for p within 1e-13 of 1), and
        // lower-tail quantiles down to underflow (qgamma(1e-300, 0.05) = 0 in R too).
        for shape in [0.05, 0.5, 3.9, 147.6, 2.0e4] {
            for q in [1e-300, 1e-100, 1e-14, 1e-3, 0.3] {
                let x = try GammaDistribution.inverseSurvival(q, shape: shape)
                expectRoot(x, target: q, increasing: false, "Q(\(shape), x) = \(q)") {
                    try GammaDistribution.survival($0, shape: shape)
                }
            }
            for p in [1e-300, 1e-20, 1e-5, 0.3] {
                let x = try GammaDistribution.quantile(p, shape: shape)
                expectRoot(x, target: p, increasing: true, "P(\(shape), x) = \(p)") {
                    try GammaDistribution.cdf($0, shape: shape)
                }
            }
        }
        #expect(try GammaDistribution.quantile(1e-300, shape: 0.05) == 0)
        // Extreme beta tails (R's qbeta returns 1.1e-308, 1 or NaN for some of these).
        for (a, b) in [(30.0, 1e6), (668_758.0, 31.88), (0.88, 594_288), (0.5, 0.5), (1e4, 1e4), (3.5, 1.5)] {
            for t in [1e-300, 1e-150, 1e-12, 0.01, 0.4] {
                let xq = try BetaDistribution.inverseSurvival(t, alpha: a, beta: b)
                expectRoot(xq, target: t, increasing: false, "1 - I(\(a), \(b)) = \(t)") {
                    try BetaDistribution.survival($0, alpha: a, beta: b)
                }
                let xp = try BetaDistribution.quantile(t, alpha: a, beta: b)
                expectRoot(xp, target: t, increasing: true, "I(\(a), \(b)) = \(t)") {
                    try BetaDistribution.cdf($0, alpha: a, beta: b)
                }
            }
        }
        // R agrees on the pbeta side: pbeta(0.0008135653819129502, 30, 1e6, lower = F) = 9.9999999999994731e-301.
        expectAgrees(try BetaDistribution.inverseSurvival(1e-300, alpha: 30, beta: 1e6), 0.0008135653819129502,
                     tolerance: 1e-12, "qbeta(1e-300, 30, 1e6, lower = F)")
        // Quantiles closer to 1 than half an ulp round to 1; below the smallest double, to 0.
        #expect(try BetaDistribution.inverseSurvival(1e-12, alpha: 0.5, beta: 0.5) == 1)
        #expect(try BetaDistribution.quantile(1e-300, alpha: 0.5, beta: 0.5) == 0)
        for p in [1e-300, 1e-12, 0.3, 0.5, 0.975] {
            expectAgrees(Normal.cdf(try Normal.quantile(p)), p, tolerance: 1e-13, "Phi(Phi^-1(\(p)))")
        }
    }

    // MARK: - Boundaries and invalid arguments

    @Test func boundaries() throws {
        #expect(try Normal.quantile(0) == -.infinity)
        #expect(try Normal.quantile(1) == .infinity)
        #expect(try Normal.inverseSurvival(0) == .infinity)
        #expect(Normal.cdf(-.infinity) == 0 && Normal.cdf(.infinity) == 1)
        #expect(Normal.survival(.infinity) == 0)
        #expect(Normal.cdf(.nan).isNaN && Normal.survival(.nan).isNaN && Normal.pdf(.nan).isNaN)
        #expect(try ChiSquared.quantile(0, degreesOfFreedom: 3) == 0)
        #expect(try ChiSquared.quantile(1, degreesOfFreedom: 3) == .infinity)
        #expect(try ChiSquared.inverseSurvival(0, degreesOfFreedom: 3) == .infinity)
        #expect(try ChiSquared.cdf(-1, degreesOfFreedom: 3) == 0)
        #expect(try ChiSquared.survival(0, degreesOfFreedom: 3) == 1)
        #expect(try ChiSquared.cdf(.infinity, degreesOfFreedom: 3) == 1)
        #expect(try GammaDistribution.quantile(0, shape: 2, rate: 3) == 0)
        #expect(try GammaDistribution.quantile(1, shape: 2, rate: 3) == .infinity)
        #expect(try GammaDistribution.cdf(-.infinity, shape: 2) == 0)
        #expect(try GammaDistribution.survival(.infinity, shape: 2) == 0)
        #expect(try BetaDistribution.quantile(0, alpha: 2, beta: 3) == 0)
        #expect(try BetaDistribution.quantile(1, alpha: 2, beta: 3) == 1)
        #expect(try BetaDistribution.inverseSurvival(0, alpha: 2, beta: 3) == 1)
        #expect(try BetaDistribution.cdf(-0.5, alpha: 2, beta: 3) == 0)
        #expect(try BetaDistribution.cdf(1.5, alpha: 2, beta: 3) == 1)
        #expect(try BetaDistribution.survival(1, alpha: 2, beta: 3) == 0)
        #expect(try BinomialDistribution.cdf(-1, n: 10, p: 0.3) == 0)
        #expect(try BinomialDistribution.cdf(10, n: 10, p: 0.3) == 1)
        #expect(try BinomialDistribution.cdf(3, n: 10, p: 0) == 1)
        #expect(try BinomialDistribution.cdf(3, n: 10, p: 1) == 0)
        #expect(try BinomialDistribution.cdf(0, n: 0, p: 0.5) == 1)
        #expect(try PoissonDistribution.cdf(0, mean: 0) == 1)
        #expect(try PoissonDistribution.survival(-1, mean: 2) == 1)
    }

    @Test func invalidArgumentsThrowTypedErrors() {
        #expect(throws: DistributionError.probabilityOutOfRange(1.5)) { try Normal.quantile(1.5) }
        #expect(throws: DistributionError.probabilityOutOfRange(-0.1)) { try Normal.quantile(-0.1) }
        #expect(throws: DistributionError.notANumber(name: "p")) { try Normal.quantile(.nan) }
        #expect(throws: DistributionError.notANumber(name: "q")) { try Normal.inverseSurvival(.nan) }
        #expect(throws: DistributionError.invalidParameter(name: "degreesOfFreedom", value: 0)) {
            try ChiSquared.cdf(1, degreesOfFreedom: 0)
        }
        #expect(throws: DistributionError.invalidParameter(name: "degreesOfFreedom", value: -2)) {
            try ChiSquared.quantile(0.5, degreesOfFreedom: -2)
        }
        #expect(throws: DistributionError.notANumber(name: "x")) { try ChiSquared.survival(.nan, degreesOfFreedom: 1) }
        #expect(throws: DistributionError.probabilityOutOfRange(2)) { try ChiSquared.quantile(2, degreesOfFreedom: 1) }
        #expect(throws: DistributionError.invalidParameter(name: "shape", value: 0)) { try GammaDistribution.cdf(1, shape: 0) }
        #expect(throws: DistributionError.invalidParameter(name: "shape", value: .infinity)) {
            try GammaDistribution.quantile(0.5, shape: .infinity)
        }
        #expect(throws: DistributionError.invalidParameter(name: "rate", value: -1)) {
            try GammaDistribution.survival(1, shape: 2, rate: -1)
        }
        #expect(throws: DistributionError.notANumber(name: "rate")) { try GammaDistribution.cdf(1, shape: 2, rate: .nan) }
        #expect(throws: DistributionError.probabilityOutOfRange(-1e-300)) {
            try GammaDistribution.quantile(-1e-300, shape: 2)
        }
        #expect(throws: DistributionError.invalidParameter(name: "alpha", value: 0)) {
            try BetaDistribution.cdf(0.5, alpha: 0, beta: 1)
        }
        #expect(throws: DistributionError.notANumber(name: "beta")) { try BetaDistribution.quantile(0.5, alpha: 1, beta: .nan) }
        #expect(throws: DistributionError.notANumber(name: "x")) { try BetaDistribution.survival(.nan, alpha: 1, beta: 1) }
        #expect(throws: DistributionError.probabilityOutOfRange(1.0000000000000002)) {
            try BetaDistribution.quantile(1.0000000000000002, alpha: 2, beta: 2)
        }
        #expect(throws: DistributionError.invalidParameter(name: "n", value: -1)) { try BinomialDistribution.cdf(0, n: -1, p: 0.5) }
        #expect(throws: DistributionError.probabilityOutOfRange(1.2)) { try BinomialDistribution.survival(0, n: 3, p: 1.2) }
        #expect(throws: DistributionError.invalidParameter(name: "mean", value: -3)) { try PoissonDistribution.cdf(1, mean: -3) }
        #expect(throws: DistributionError.notANumber(name: "mean")) { try PoissonDistribution.survival(1, mean: .nan) }
        #expect(DistributionError.probabilityOutOfRange(1.5).description == "probability 1.5 is outside [0, 1]")
        #expect(DistributionError.notANumber(name: "x") == .notANumber(name: "x"))
    }
}

// MARK: - Reference values

/// Generated by scripts/reference/distribution_reference.R (R 4.2.2).
enum DistributionReference {
    // R 4.2.2 pnorm(x)
    static let pnorm: [(x: Double, expected: Double)] = [
        (-37.5, 4.6053530095819552e-308),
        (-30, 4.9067139271481872e-198),
        (-20, 2.7536241186062337e-89),
        (-10, 7.6198530241605269e-24),
        (-8.5, 9.4795348222033192e-18),
        (-5, 2.8665157187919391e-07),
        (-3, 0.0013498980316300946),
        (-1.959963984540054, 0.025000000000000012),
        (-1, 0.15865525393145705),
        (-0.5, 0.30853753872598694),
        (0, 0.5),
        (0.29999999999999999, 0.61791142218895267),
        (1, 0.84134474606854293),
        (2.5, 0.99379033467422384),
        (5, 0.99999971334842808),
        (8.25, 0.99999999999999989),
    ]

    // R 4.2.2 pnorm(x, lower.tail = FALSE)
    static let pnormUpper: [(x: Double, expected: Double)] = [
        (-3, 0.9986501019683699),
        (0, 0.5),
        (1, 0.15865525393145705),
        (1.96, 0.024997895148220428),
        (3, 0.0013498980316300946),
        (5, 2.8665157187919391e-07),
        (10, 7.6198530241605269e-24),
        (20, 2.7536241186062337e-89),
        (30, 4.9067139271481872e-198),
        (37, 5.7255712225245771e-300),
    ]

    // R 4.2.2 dnorm(x)
    static let dnorm: [(x: Double, expected: Double)] = [
        (-30, 1.4736461348785476e-196),
        (-5, 1.4867195147342977e-06),
        (-1, 0.24197072451914337),
        (0, 0.3989422804014327),
        (0.5, 0.35206532676429952),
        (2, 0.053990966513188063),
        (10, 7.6945986267064199e-23),
    ]

    // R 4.2.2 qnorm(p)
    static let qnorm: [(p: Double, expected: Double)] = [
        (1e-300, -37.047096299361201),
        (1e-100, -21.273453560965319),
        (9.9999999999999995e-21, -9.2623400897984052),
        (9.9999999999999998e-13, -7.0344838253011321),
        (1e-08, -5.61200124417479),
        (0.0001, -3.71901648545568),
        (0.001, -3.0902323061678132),
        (0.01, -2.3263478740408408),
        (0.025000000000000001, -1.9599639845400538),
        (0.050000000000000003, -1.6448536269514726),
        (0.10000000000000001, -1.2815515655446008),
        (0.25, -0.67448975019608171),
        (0.40000000000000002, -0.25334710313579978),
        (0.5, 0),
        (0.59999999999999998, 0.25334710313579978),
        (0.75, 0.67448975019608171),
        (0.90000000000000002, 1.2815515655446008),
        (0.94999999999999996, 1.6448536269514715),
        (0.97499999999999998, 1.9599639845400536),
        (0.98999999999999999, 2.3263478740408408),
        (0.999, 3.0902323061678132),
        (0.99999999999900002, 7.0344869100478356),
    ]

    // R 4.2.2 qnorm(q, lower.tail = FALSE)
    static let qnormUpper: [(q: Double, expected: Double)] = [
        (1e-300, 37.047096299361201),
        (9.9999999999999998e-13, 7.0344838253011321),
        (0.025000000000000001, 1.9599639845400538),
        (0.5, 0),
        (0.90000000000000002, -1.2815515655446008),
    ]

    // R 4.2.2 pchisq(x, df)
    static let pchisq: [(x: Double, df: Double, expected: Double)] = [
        (9.9999999999999995e-07, 0.5, 0.029337383225123085),
        (0.5, 0.5, 0.74367794473146109),
        (1, 0.5, 0.84648640419167742),
        (3.8414588206941236, 0.5, 0.98085471868436735),
        (10, 0.5, 0.99950797487555365),
        (50, 0.5, 0.99999999999966704),
        (200, 0.5, 1),
        (9.9999999999999995e-07, 1, 0.00079788442782212506),
        (0.5, 1, 0.52049987781304652),
        (1, 1, 0.68268949213708596),
        (3.8414588206941236, 1, 0.95000000000000007),
        (10, 1, 0.9984345977419975),
        (50, 1, 0.99999999999846256),
        (200, 1, 1),
        (9.9999999999999995e-07, 2, 4.9999987500002081e-07),
        (0.5, 2, 0.22119921692859512),
        (1, 2, 0.39346934028736658),
        (3.8414588206941236, 2, 0.85349993551391568),
        (10, 2, 0.99326205300091452),
        (50, 2, 0.99999999998611211),
        (200, 2, 1),
        (9.9999999999999995e-07, 3, 2.6596144047917997e-10),
        (0.5, 3, 0.081108588345324154),
        (1, 3, 0.1987480430987992),
        (3.8414588206941236, 3, 0.72089953621640235),
        (10, 3, 0.9814338645369568),
        (50, 3, 0.99999999992010824),
        (200, 3, 1),
        (9.9999999999999995e-07, 10, 2.6041655815974551e-34),
        (0.5, 10, 6.6117105610342458e-06),
        (1, 10, 0.00017211562995584072),
        (3.8414588206941236, 10, 0.045784270445334251),
        (10, 10, 0.55950671493478754),
        (50, 10, 0.99999973309165746),
        (200, 10, 1),
        (9.9999999999999995e-07, 100, 0),
        (0.5, 100, 2.029952461864641e-95),
        (1, 100, 1.7887765104351365e-80),
        (3.8414588206941236, 100, 7.4598756081389916e-52),
        (10, 100, 2.1810592140784885e-32),
        (50, 100, 6.9533052476160996e-06),
        (200, 100, 0.99999998821549929),
        (9.9999999999999995e-07, 1000, 0),
        (0.5, 1000, 0),
        (1, 1000, 0),
        (3.8414588206941236, 1000, 0),
        (10, 1000, 0),
        (50, 1000, 0),
        (200, 1000, 3.8087542289264636e-178),
    ]

    // R 4.2.2 pchisq(x, df, lower.tail = FALSE)
    static let pchisqUpper: [(x: Double, df: Double, expected: Double)] = [
        (9.9999999999999995e-07, 0.5, 0.97066261677487686),
        (0.5, 0.5, 0.25632205526853896),
        (1, 0.5, 0.15351359580832244),
        (3.8414588206941236, 0.5, 0.019145281315632676),
        (10, 0.5, 0.00049202512444633994),
        (50, 0.5, 3.3298347276499373e-13),
        (200, 0.5, 3.2207510388544155e-46),
        (9.9999999999999995e-07, 1, 0.99920211557217786),
        (0.5, 1, 0.47950012218695348),
        (1, 1, 0.31731050786291415),
        (3.8414588206941236, 1, 0.049999999999999982),
        (10, 1, 0.0015654022580025519),
        (50, 1, 1.5374597944280343e-12),
        (200, 1, 2.0884875837625449e-45),
        (9.9999999999999995e-07, 2, 0.99999950000012505),
        (0.5, 2, 0.77880078307140488),
        (1, 2, 0.60653065971263342),
        (3.8414588206941236, 2, 0.14650006448608435),
        (10, 2, 0.006737946999085467),
        (50, 2, 1.3887943864964021e-11),
        (200, 2, 3.7200759760208361e-44),
        (9.9999999999999995e-07, 3, 0.99999999973403864),
        (0.5, 3, 0.91889141165467592),
        (1, 3, 0.80125195690120077),
        (3.8414588206941236, 3, 0.27910046378359765),
        (10, 3, 0.018566135463043233),
        (50, 3, 7.9891792449514704e-11),
        (200, 3, 4.2185411071920418e-43),
        (9.9999999999999995e-07, 10, 1),
        (0.5, 10, 0.99999338828943896),
        (1, 10, 0.99982788437004411),
        (3.8414588206941236, 10, 0.95421572955466571),
        (10, 10, 0.44049328506521246),
        (50, 10, 2.6690834249044957e-07),
        (200, 10, 1.6139305336977309e-37),
        (9.9999999999999995e-07, 100, 1),
        (0.5, 100, 1),
        (1, 100, 1),
        (3.8414588206941236, 100, 1),
        (10, 100, 1),
        (50, 100, 0.99999304669475242),
        (200, 100, 1.178450072097942e-08),
        (9.9999999999999995e-07, 1000, 1),
        (0.5, 1000, 1),
        (1, 1000, 1),
        (3.8414588206941236, 1000, 1),
        (10, 1000, 1),
        (50, 1000, 1),
        (200, 1000, 1),
        (1370, 1, 6.9429373646436158e-300),
        (1390, 10, 1.430758001751815e-292),
        (1500, 100, 2.5254320288863705e-248),
        (2700, 1000, 3.5617837917226463e-156),
    ]

    // R 4.2.2 qchisq(p, df)
    static let qchisq: [(p: Double, df: Double, expected: Double)] = [
        (9.9999999999999998e-13, 0.5, 1.3499395786223585e-48),
        (1.0000000000000001e-05, 0.5, 1.3499395786223428e-20),
        (0.025000000000000001, 0.5, 5.2732025912599957e-07),
        (0.050000000000000003, 0.5, 8.4371508405259836e-06),
        (0.5, 0.5, 0.087347604705746873),
        (0.94999999999999996, 0.5, 2.4202322748895178),
        (0.97499999999999998, 0.5, 3.4332352999607787),
        (0.999, 0.5, 8.7528885157733711),
        (9.9999999999999998e-13, 1, 1.5707963267948977e-24),
        (1.0000000000000001e-05, 1, 1.5707963268771409e-10),
        (0.025000000000000001, 1, 0.00098206911717525617),
        (0.050000000000000003, 1, 0.0039321400000195249),
        (0.5, 1, 0.45493642311957283),
        (0.94999999999999996, 1, 3.841458820694124),
        (0.97499999999999998, 1, 5.0238861873148846),
        (0.999, 1, 10.827566170662729),
        (9.9999999999999998e-13, 2, 2.000000000001e-12),
        (1.0000000000000001e-05, 2, 2.0000100000666674e-05),
        (0.025000000000000001, 2, 0.050635615968579753),
        (0.050000000000000003, 2, 0.10258658877510107),
        (0.5, 2, 1.3862943611198906),
        (0.94999999999999996, 2, 5.9914645471079799),
        (0.97499999999999998, 2, 7.3777589082278707),
        (0.999, 2, 13.815510557964272),
        (9.9999999999999998e-13, 3, 2.4179879427180364e-08),
        (1.0000000000000001e-05, 3, 0.0011225825800018484),
        (0.025000000000000001, 3, 0.21579528262389788),
        (0.050000000000000003, 3, 0.35184631774927144),
        (0.5, 3, 2.3659738843753377),
        (0.94999999999999996, 3, 7.8147279032511792),
        (0.97499999999999998, 3, 9.3484036044961449),
        (0.999, 3, 16.266236196238129),
        (9.9999999999999998e-13, 10, 0.0207786897050036),
        (1.0000000000000001e-05, 10, 0.54516954087895153),
        (0.025000000000000001, 10, 3.2469727802368413),
        (0.050000000000000003, 10, 3.9402991361190605),
        (0.5, 10, 9.3418177655919692),
        (0.94999999999999996, 10, 18.307038053275146),
        (0.97499999999999998, 10, 20.483177350807395),
        (0.999, 10, 29.588298445074418),
        (9.9999999999999998e-13, 100, 30.084167586161843),
        (1.0000000000000001e-05, 100, 50.710937545634103),
        (0.025000000000000001, 100, 74.221927474923717),
        (0.050000000000000003, 100, 77.929465165017263),
        (0.5, 100, 99.334129235988485),
        (0.94999999999999996, 100, 124.34211340400408),
        (0.97499999999999998, 100, 129.56119718583659),
        (0.999, 100, 149.44925277903869),
        (9.9999999999999998e-13, 1000, 716.94947878949768),
        (1.0000000000000001e-05, 1000, 820.60365703137779),
        (0.025000000000000001, 1000, 914.25715379925896),
        (0.050000000000000003, 1000, 927.59436302097902),
        (0.5, 1000, 999.33341240338098),
        (0.94999999999999996, 1000, 1074.6794488034409),
        (0.97499999999999998, 1000, 1089.5309127749135),
        (0.999, 1000, 1143.9170926196791),
    ]

    // R 4.2.2 qchisq(q, df, lower.tail = FALSE)
    static let qchisqUpper: [(q: Double, df: Double, expected: Double)] = [
        (1e-300, 1, 1373.8726312223939),
        (9.9999999999999998e-13, 1, 50.844127911818148),
        (0.050000000000000003, 1, 3.8414588206941258),
        (1e-300, 2, 1381.5510557964274),
        (9.9999999999999998e-13, 2, 55.262042231857095),
        (0.050000000000000003, 2, 5.991464547107979),
        (1e-300, 10, 1427.7719561298886),
        (9.9999999999999998e-13, 10, 78.471646562845237),
        (0.050000000000000003, 10, 18.307038053275146),
        (1e-300, 1000, 3672.3665445566476),
        (9.9999999999999998e-13, 1000, 1347.6200538569046),
        (0.050000000000000003, 1000, 1074.6794488034409),
    ]

    // R 4.2.2 pgamma(x, shape, rate)
    static let pgamma: [(x: Double, shape: Double, rate: Double, expected: Double)] = [
        (5.0000000000000002e-05, 0.050000000000000003, 1, 0.62605084693222302),
        (0.0050000000000000001, 0.050000000000000003, 1, 0.78796578130807182),
        (0.025000000000000001, 0.050000000000000003, 1, 0.853188733804361),
        (0.044999999999999998, 0.050000000000000003, 1, 0.87781253407764215),
        (0.050000000000000003, 0.050000000000000003, 1, 0.88224356388566805),
        (0.055, 0.050000000000000003, 1, 0.88625196834714048),
        (0.10000000000000001, 0.050000000000000003, 1, 0.91125762523751963),
        (0.25, 0.050000000000000003, 1, 0.94770882017331859),
        (0.00050000000000000001, 0.5, 1, 0.025227120630039609),
        (0.050000000000000003, 0.5, 1, 0.24817036595415071),
        (0.25, 0.5, 1, 0.52049987781304652),
        (0.45000000000000001, 0.5, 1, 0.65721828885208855),
        (0.5, 0.5, 1, 0.68268949213708596),
        (0.55000000000000004, 0.5, 1, 0.70573389569503708),
        (1, 0.5, 1, 0.84270079294971556),
        (2.5, 0.5, 1, 0.97465268132253169),
        (0.001, 1, 1, 0.00099950016662500823),
        (0.10000000000000001, 1, 1, 0.095162581964040427),
        (0.5, 1, 1, 0.39346934028736658),
        (0.90000000000000002, 1, 1, 0.59343034025940089),
        (1, 1, 1, 0.63212055882855767),
        (1.1000000000000001, 1, 1, 0.6671289163019205),
        (2, 1, 1, 0.8646647167633873),
        (5, 1, 1, 0.99326205300091452),
        (0.0025000000000000001, 2.5, 1, 9.3863846829480648e-08),
        (0.25, 2.5, 1, 0.0078767067673704057),
        (1.25, 2.5, 1, 0.22350492887667725),
        (2.25, 2.5, 1, 0.52011656188670063),
        (2.5, 2.5, 1, 0.58411981300449201),
        (2.75, 2.5, 1, 0.64205411914904154),
        (5, 2.5, 1, 0.92476475385348778),
        (12.5, 2.5, 1, 0.99986066620881442),
        (0.010500000000000001, 10.5, 1, 1.3893073199048519e-28),
        (1.05, 10.5, 1, 5.3975152356366561e-08),
        (5.25, 10.5, 1, 0.028338355123332683),
        (9.4499999999999993, 10.5, 1, 0.40844499715608124),
        (10.5, 10.5, 1, 0.54105579110717805),
        (11.550000000000001, 10.5, 1, 0.66133014569265447),
        (21, 10.5, 1, 0.99579225180731334),
        (52.5, 10.5, 1, 0.9999999999996273),
        (0.10000000000000001, 100, 1, 9.7050348771256882e-259),
        (10, 100, 1, 5.3985897281395815e-63),
        (50, 100, 1, 3.2000653245851258e-10),
        (90, 100, 1, 0.15822098918643021),
        (100, 100, 1, 0.51329879827914882),
        (110, 100, 1, 0.841721329939913),
        (200, 100, 1, 0.99999999999999811),
        (500, 100, 1, 1),
        (10, 10000, 1, 0),
        (1000, 10000, 1, 0),
        (5000, 10000, 1, 0),
        (9000, 10000, 1, 2.0732992024339752e-25),
        (10000, 10000, 1, 0.50132980833995511),
        (11000, 10000, 1, 1),
        (20000, 10000, 1, 1),
        (50000, 10000, 1, 1),
        (0.5, 10.5, 5.5, 0.00028756857356556167),
        (1, 10.5, 5.5, 0.03721318351396239),
        (2, 10.5, 5.5, 0.60049011443875133),
        (4, 10.5, 5.5, 0.99766182880028187),
        (7000, 10000, 1, 9.7116724377058533e-249),
        (13000, 10000, 1, 1),
        (0.29999999999999999, 3, 2.5, 0.040505439744813868),
        (2, 3, 2.5, 0.87534798051691887),
    ]

    // R 4.2.2 pgamma(x, shape, rate, lower.tail = FALSE)
    static let pgammaUpper: [(x: Double, shape: Double, rate: Double, expected: Double)] = [
        (5.0000000000000002e-05, 0.050000000000000003, 1, 0.37394915306777687),
        (0.0050000000000000001, 0.050000000000000003, 1, 0.21203421869192809),
        (0.025000000000000001, 0.050000000000000003, 1, 0.14681126619563889),
        (0.044999999999999998, 0.050000000000000003, 1, 0.12218746592235775),
        (0.050000000000000003, 0.050000000000000003, 1, 0.11775643611433192),
        (0.055, 0.050000000000000003, 1, 0.11374803165285947),
        (0.10000000000000001, 0.050000000000000003, 1, 0.088742374762480411),
        (0.25, 0.050000000000000003, 1, 0.052291179826681335),
        (0.00050000000000000001, 0.5, 1, 0.97477287936996038),
        (0.050000000000000003, 0.5, 1, 0.75182963404584935),
        (0.25, 0.5, 1, 0.47950012218695348),
        (0.45000000000000001, 0.5, 1, 0.34278171114791145),
        (0.5, 0.5, 1, 0.31731050786291415),
        (0.55000000000000004, 0.5, 1, 0.29426610430496292),
        (1, 0.5, 1, 0.15729920705028447),
        (2.5, 0.5, 1, 0.025347318677468304),
        (0.001, 1, 1, 0.99900049983337502),
        (0.10000000000000001, 1, 1, 0.90483741803595952),
        (0.5, 1, 1, 0.60653065971263342),
        (0.90000000000000002, 1, 1, 0.40656965974059911),
        (1, 1, 1, 0.36787944117144233),
        (1.1000000000000001, 1, 1, 0.33287108369807955),
        (2, 1, 1, 0.1353352832366127),
        (5, 1, 1, 0.006737946999085467),
        (0.0025000000000000001, 2.5, 1, 0.99999990613615319),
        (0.25, 2.5, 1, 0.9921232932326296),
        (1.25, 2.5, 1, 0.77649507112332272),
        (2.25, 2.5, 1, 0.47988343811329937),
        (2.5, 2.5, 1, 0.41588018699550794),
        (2.75, 2.5, 1, 0.35794588085095846),
        (5, 2.5, 1, 0.075235246146512197),
        (12.5, 2.5, 1, 0.00013933379118562616),
        (0.010500000000000001, 10.5, 1, 0.99999999999999989),
        (1.05, 10.5, 1, 0.99999994602484765),
        (5.25, 10.5, 1, 0.97166164487666729),
        (9.4499999999999993, 10.5, 1, 0.59155500284391871),
        (10.5, 10.5, 1, 0.45894420889282195),
        (11.550000000000001, 10.5, 1, 0.33866985430734553),
        (21, 10.5, 1, 0.004207748192686705),
        (52.5, 10.5, 1, 3.7264654852477579e-13),
        (0.10000000000000001, 100, 1, 1),
        (10, 100, 1, 1),
        (50, 100, 1, 0.99999999967999342),
        (90, 100, 1, 0.84177901081356976),
        (100, 100, 1, 0.48670120172085113),
        (110, 100, 1, 0.15827867006008703),
        (200, 100, 1, 1.8438936497115737e-15),
        (500, 100, 1, 1.5008794119250894e-106),
        (10, 10000, 1, 1),
        (1000, 10000, 1, 1),
        (5000, 10000, 1, 1),
        (9000, 10000, 1, 1),
        (10000, 10000, 1, 0.49867019166004478),
        (11000, 10000, 1, 1.692853149646929e-22),
        (20000, 10000, 1, 0),
        (50000, 10000, 1, 0),
        (0.5, 10.5, 5.5, 0.9997124314264344),
        (1, 10.5, 5.5, 0.96278681648603759),
        (2, 10.5, 5.5, 0.39950988556124867),
        (4, 10.5, 5.5, 0.0023381711997181361),
        (7000, 10000, 1, 1),
        (13000, 10000, 1, 4.7123471774856383e-166),
        (0.29999999999999999, 3, 2.5, 0.95949456025518609),
        (2, 3, 2.5, 0.12465201948308116),
    ]

    // R 4.2.2 qgamma(p, shape, rate)
    static let qgamma: [(p: Double, shape: Double, rate: Double, expected: Double)] = [
        (9.9999999999999998e-13, 0.050000000000000003, 1, 5.8446320572866371e-241),
        (1.0000000000000001e-05, 0.050000000000000003, 1, 5.8446320572866273e-101),
        (0.025000000000000001, 0.050000000000000003, 1, 5.3156618899143203e-33),
        (0.5, 0.050000000000000003, 1, 5.5738784407462583e-07),
        (0.97499999999999998, 0.050000000000000003, 1, 0.56717376175385836),
        (0.99999899999999997, 0.050000000000000003, 1, 8.6968626678937433),
        (9.9999999999999998e-13, 0.5, 1, 7.8539816339744886e-25),
        (1.0000000000000001e-05, 0.5, 1, 7.8539816343857047e-11),
        (0.025000000000000001, 0.5, 1, 0.00049103455858762809),
        (0.5, 0.5, 1, 0.22746821155978642),
        (0.97499999999999998, 0.5, 1, 2.5119430936574423),
        (0.99999899999999997, 0.5, 1, 11.964063488439736),
        (9.9999999999999998e-13, 1, 1, 1.0000000000005e-12),
        (1.0000000000000001e-05, 1, 1, 1.0000050000333337e-05),
        (0.025000000000000001, 1, 1, 0.025317807984289876),
        (0.5, 1, 1, 0.69314718055994529),
        (0.97499999999999998, 1, 1, 3.6888794541139354),
        (0.99999899999999997, 1, 1, 13.815510557935518),
        (9.9999999999999998e-13, 10.5, 1, 0.35011285163478667),
        (1.0000000000000001e-05, 10.5, 1, 1.8493734095663752),
        (0.025000000000000001, 10.5, 1, 5.1414488912614305),
        (0.5, 10.5, 1, 10.168613781773963),
        (0.97499999999999998, 10.5, 1, 17.739437952863625),
        (0.99999899999999997, 10.5, 1, 33.573254366196998),
        (9.9999999999999998e-13, 10000, 1, 9312.6289698542259),
        (1.0000000000000001e-05, 10000, 1, 9579.2272921651675),
        (0.025000000000000001, 10000, 1, 9804.9524672601838),
        (0.5, 10000, 1, 9999.6666686420467),
        (0.97499999999999998, 10000, 1, 10196.941824999883),
        (0.99999899999999997, 10000, 1, 10482.561164638257),
        (0.025000000000000001, 10.5, 5.5, 0.93480888932026007),
        (0.5, 10.5, 5.5, 1.8488388694134479),
        (0.97499999999999998, 10.5, 5.5, 3.2253523550661138),
        (0.050000000000000003, 0.5, 0.01, 0.19660700000097625),
        (0.94999999999999996, 0.5, 0.01, 192.07294103470619),
        (0.050000000000000003, 3, 0.01, 81.769144716395331),
        (0.94999999999999996, 3, 0.01, 629.57936218719885),
        (0.050000000000000003, 0.5, 2.5, 0.00078642800000390501),
        (0.94999999999999996, 0.5, 2.5, 0.76829176413882472),
        (0.050000000000000003, 3, 2.5, 0.32707657886558139),
        (0.94999999999999996, 3, 2.5, 2.5183174487487956),
    ]

    // R 4.2.2 qgamma(q, shape, rate, lower.tail = FALSE)
    static let qgammaUpper: [(q: Double, shape: Double, rate: Double, expected: Double)] = [
        (1e-300, 0.050000000000000003, 1, 681.60702731455831),
        (9.9999999999999998e-13, 0.050000000000000003, 1, 21.697659250395329),
        (0.050000000000000003, 0.050000000000000003, 1, 0.26593230242584193),
        (1e-300, 0.5, 1, 686.93631561119696),
        (9.9999999999999998e-13, 0.5, 1, 25.422063955909074),
        (0.050000000000000003, 0.5, 1, 1.9207294103470629),
        (1e-300, 10.5, 1, 739.60592919481985),
        (9.9999999999999998e-13, 10.5, 1, 51.297704456701659),
        (0.050000000000000003, 10.5, 1, 16.335286670458654),
        (1e-300, 10000, 1, 14175.243016921313),
        (9.9999999999999998e-13, 10000, 1, 10719.691776616655),
        (0.050000000000000003, 10000, 1, 10165.051911966126),
    ]

    // R 4.2.2 pbeta(x, alpha, beta)
    static let pbeta: [(x: Double, alpha: Double, beta: Double, expected: Double)] = [
        (2.4673999999999998e-20, 0.5, 0.5, 9.9999977703818344e-11),
        (0.00024672000000000002, 0.5, 0.5, 0.010000003706244362),
        (0.20610700000000001, 0.5, 0.5, 0.29999970581238794),
        (0.79389299999999996, 0.5, 0.5, 0.700000294187612),
        (0.999753, 0.5, 0.5, 0.98999432298492474),
        (0.5, 0.5, 0.5, 0.49999999999999956),
        (0.0010915600000000001, 3.5, 1.5, 1.0000098001750179e-10),
        (0.21635799999999999, 3.5, 1.5, 0.010000074734472229),
        (0.61152899999999999, 3.5, 1.5, 0.30000055888443672),
        (0.82635899999999995, 3.5, 1.5, 0.69999932329639503),
        (0.98474799999999996, 3.5, 1.5, 0.98999952264246094),
        (0.69999999999999996, 3.5, 1.5, 0.44707961346848335),
        (0.28021099999999999, 1000, 2000, 1.0000424319697974e-10),
        (0.31348199999999998, 1000, 2000, 0.009999366560206089),
        (0.328793, 1000, 2000, 0.29999887423430588),
        (0.33782000000000001, 1000, 2000, 0.70000265651925853),
        (0.35351100000000002, 1000, 2000, 0.98999934564094016),
        (0.33333299999999999, 1000, 2000, 0.50170141214481057),
        (9.711819999999996e-195, 0.050000000000000003, 0.050000000000000003, 9.9999998145188256e-11),
        (9.7118199999999999e-35, 0.050000000000000003, 0.050000000000000003, 0.0099999998145188351),
        (3.3862000000000002e-05, 0.050000000000000003, 0.050000000000000003, 0.30000000107246161),
        (0.99996600000000002, 0.050000000000000003, 0.050000000000000003, 0.69993898460702253),
        (0.5, 0.050000000000000003, 0.050000000000000003, 0.49999999999999956),
        (4.0824899999999996e-06, 2, 3, 9.9999803267541242e-11),
        (0.041998599999999997, 2, 3, 0.0099999835235681737),
        (0.27238400000000001, 2, 3, 0.30000010023803897),
        (0.508405, 2, 3, 0.70000036140817445),
        (0.85913200000000001, 2, 3, 0.98999990644415503),
        (0.40000000000000002, 2, 3, 0.52480000000000004),
        (1e-10, 1, 1, 9.9999999999999965e-11),
        (0.01, 1, 1, 0.010000000000000004),
        (0.29999999999999999, 1, 1, 0.29999999999999999),
        (0.69999999999999996, 1, 1, 0.69999999999999996),
        (0.98999999999999999, 1, 1, 0.98999999999999999),
        (0.5, 1, 1, 0.5),
        (0.656891, 50, 0.5, 9.9999165399156476e-11),
        (0.93549499999999997, 50, 0.5, 0.010000109695074774),
        (0.98926199999999997, 50, 0.5, 0.29999256462571144),
        (0.99850899999999998, 50, 0.5, 0.70000450488939037),
        (0.99999800000000005, 50, 0.5, 0.98874474977989135),
        (0.99009899999999995, 50, 0.5, 0.31972391261068678),
        (7.8540000000000003e-26, 0.5, 100000, 9.9999991921613611e-11),
        (7.8544100000000004e-10, 0.5, 100000, 0.0099999983905383876),
        (7.4236099999999996e-07, 0.5, 100000, 0.30000002124160113),
        (5.3709700000000003e-06, 0.5, 100000, 0.70000000638825521),
        (3.3173999999999998e-05, 0.5, 100000, 0.98999998240481246),
        (4.9999799999999999e-06, 0.5, 100000, 0.68268852425134408),
        (3.4418076000000002e-09, 0.001, 348654, 0.99386863400684677),
        (4.5364787503494646e-08, 0.010603899999999999, 348654, 0.96260923363263751),
    ]

    // R 4.2.2 pbeta(x, alpha, beta, lower.tail = FALSE)
    static let pbetaUpper: [(x: Double, alpha: Double, beta: Double, expected: Double)] = [
        (2.4673999999999998e-20, 0.5, 0.5, 0.99999999989999999),
        (0.00024672000000000002, 0.5, 0.5, 0.98999999629375557),
        (0.20610700000000001, 0.5, 0.5, 0.700000294187612),
        (0.79389299999999996, 0.5, 0.5, 0.29999970581238794),
        (0.999753, 0.5, 0.5, 0.010005677015075242),
        (0.5, 0.5, 0.5, 0.50000000000000044),
        (0.0010915600000000001, 3.5, 1.5, 0.99999999989999899),
        (0.21635799999999999, 3.5, 1.5, 0.98999992526552782),
        (0.61152899999999999, 3.5, 1.5, 0.69999944111556323),
        (0.82635899999999995, 3.5, 1.5, 0.30000067670360503),
        (0.98474799999999996, 3.5, 1.5, 0.010000477357539067),
        (0.69999999999999996, 3.5, 1.5, 0.55292038653151665),
        (0.28021099999999999, 1000, 2000, 0.99999999989999577),
        (0.31348199999999998, 1000, 2000, 0.99000063343979394),
        (0.328793, 1000, 2000, 0.70000112576569418),
        (0.33782000000000001, 1000, 2000, 0.29999734348074142),
        (0.35351100000000002, 1000, 2000, 0.010000654359059764),
        (0.33333299999999999, 1000, 2000, 0.49829858785518943),
        (9.711819999999996e-195, 0.050000000000000003, 0.050000000000000003, 0.99999999989999999),
        (9.7118199999999999e-35, 0.050000000000000003, 0.050000000000000003, 0.99000000018548118),
        (3.3862000000000002e-05, 0.050000000000000003, 0.050000000000000003, 0.69999999892753839),
        (0.99996600000000002, 0.050000000000000003, 0.050000000000000003, 0.30006101539297741),
        (0.5, 0.050000000000000003, 0.050000000000000003, 0.50000000000000044),
        (4.0824899999999996e-06, 2, 3, 0.99999999990000021),
        (0.041998599999999997, 2, 3, 0.99000001647643177),
        (0.27238400000000001, 2, 3, 0.69999989976196098),
        (0.508405, 2, 3, 0.29999963859182549),
        (0.85913200000000001, 2, 3, 0.010000093555844971),
        (0.40000000000000002, 2, 3, 0.47519999999999996),
        (1e-10, 1, 1, 0.99999999989999999),
        (0.01, 1, 1, 0.98999999999999999),
        (0.29999999999999999, 1, 1, 0.69999999999999996),
        (0.69999999999999996, 1, 1, 0.30000000000000004),
        (0.98999999999999999, 1, 1, 0.010000000000000004),
        (0.5, 1, 1, 0.5),
        (0.656891, 50, 0.5, 0.99999999990000088),
        (0.93549499999999997, 50, 0.5, 0.98999989030492519),
        (0.98926199999999997, 50, 0.5, 0.70000743537428856),
        (0.99850899999999998, 50, 0.5, 0.29999549511060963),
        (0.99999800000000005, 50, 0.5, 0.011255250220108639),
        (0.99009899999999995, 50, 0.5, 0.68027608738931322),
        (7.8540000000000003e-26, 0.5, 100000, 0.99999999989999999),
        (7.8544100000000004e-10, 0.5, 100000, 0.99000000160946167),
        (7.4236099999999996e-07, 0.5, 100000, 0.69999997875839881),
        (5.3709700000000003e-06, 0.5, 100000, 0.29999999361174479),
        (3.3173999999999998e-05, 0.5, 100000, 0.010000017595187522),
        (4.9999799999999999e-06, 0.5, 100000, 0.31731147574865592),
        (3.4418076000000002e-09, 0.001, 348654, 0.0061313659931532816),
        (4.5364787503494646e-08, 0.010603899999999999, 348654, 0.037390766367362438),
    ]

    // R 4.2.2 qbeta(p, alpha, beta)
    static let qbeta: [(p: Double, alpha: Double, beta: Double, expected: Double)] = [
        (9.9999999999999998e-13, 0.5, 0.5, 2.4674011002723402e-24),
        (1.0000000000000001e-05, 0.5, 0.5, 2.4674011000694061e-10),
        (0.025000000000000001, 0.5, 0.5, 0.0015413331334360124),
        (0.5, 0.5, 0.5, 0.49999999999999989),
        (0.97499999999999998, 0.5, 0.5, 0.99845866686656404),
        (0.99999000000000005, 0.5, 0.5, 0.99999999975325993),
        (9.9999999999999998e-13, 3.5, 1.5, 0.00029280552013673315),
        (1.0000000000000001e-05, 3.5, 1.5, 0.029376467682960969),
        (0.025000000000000001, 3.5, 1.5, 0.28375167956341263),
        (0.5, 3.5, 1.5, 0.7281932573972143),
        (0.97499999999999998, 3.5, 1.5, 0.97152910491285316),
        (0.99999000000000005, 3.5, 1.5, 0.99984977829500654),
        (9.9999999999999998e-13, 1000, 2000, 0.27480933435312521),
        (1.0000000000000001e-05, 1000, 2000, 0.29731329650179344),
        (0.025000000000000001, 1000, 2000, 0.3165741299454603),
        (0.5, 1000, 2000, 0.33329629172475111),
        (0.97499999999999998, 1000, 2000, 0.35030301672720998),
        (0.99999000000000005, 1000, 2000, 0.37062472498147159),
        (9.9999999999999998e-13, 0.050000000000000003, 0.050000000000000003, 9.711823602720326e-235),
        (1.0000000000000001e-05, 0.050000000000000003, 0.050000000000000003, 9.7118236027201651e-95),
        (0.025000000000000001, 0.050000000000000003, 0.050000000000000003, 8.8328521112271927e-27),
        (0.5, 0.050000000000000003, 0.050000000000000003, 0.50000000000000033),
        (0.97499999999999998, 0.050000000000000003, 0.050000000000000003, 1),
        (0.99999000000000005, 0.050000000000000003, 0.050000000000000003, 1),
        (9.9999999999999998e-13, 2, 3, 4.0824840157503239e-07),
        (1.0000000000000001e-05, 2, 3, 0.0012921074164783167),
        (0.025000000000000001, 2, 3, 0.067585986488542957),
        (0.5, 2, 3, 0.38572756813238951),
        (0.97499999999999998, 2, 3, 0.80587955031675662),
        (0.99999000000000005, 2, 3, 0.98638138649426754),
        (9.9999999999999998e-13, 1, 1, 9.9999999999999998e-13),
        (1.0000000000000001e-05, 1, 1, 1.0000000000000001e-05),
        (0.025000000000000001, 1, 1, 0.025000000000000001),
        (0.5, 1, 1, 0.5),
        (0.97499999999999998, 1, 1, 0.97499999999999998),
        (0.99999000000000005, 1, 1, 0.99999000000000005),
        (9.9999999999999998e-13, 50, 0.5, 0.59996690217775694),
        (1.0000000000000001e-05, 50, 0.5, 0.82194966904686118),
        (0.025000000000000001, 50, 0.5, 0.95076380361572754),
        (0.5, 50, 0.5, 0.99543827752689618),
        (0.97499999999999998, 50, 0.5, 0.99999013013197957),
        (0.99999000000000005, 50, 0.5, 0.99999999999842137),
        (9.9999999999999998e-13, 0.5, 100000, 7.8540012689530783e-30),
        (1.0000000000000001e-05, 0.5, 100000, 7.854001269364341e-16),
        (0.025000000000000001, 0.5, 100000, 4.9103578496997753e-09),
        (0.5, 0.5, 100000, 2.2746852152088443e-06),
        (0.97499999999999998, 0.5, 100000, 2.5119178243257713e-05),
        (0.99999000000000005, 0.5, 100000, 9.7552590151016899e-05),
    ]

    // R 4.2.2 qbeta(q, alpha, beta, lower.tail = FALSE)
    static let qbetaUpper: [(q: Double, alpha: Double, beta: Double, expected: Double)] = [
        (1e-100, 0.5, 0.5, 1),
        (9.9999999999999998e-13, 0.5, 0.5, 1),
        (0.050000000000000003, 0.5, 0.5, 0.99384417029756889),
        (1e-100, 3.5, 0.5, 1),
        (9.9999999999999998e-13, 3.5, 0.5, 1),
        (0.050000000000000003, 3.5, 0.5, 0.99939700145779076),
        (1e-100, 1000, 0.5, 1),
        (9.9999999999999998e-13, 1000, 0.5, 1),
        (0.050000000000000003, 1000, 0.5, 0.99999803344035487),
        (1e-100, 0.5, 2000, 0.10729564555845317),
        (9.9999999999999998e-13, 0.5, 2000, 0.012632155258576749),
        (0.050000000000000003, 0.5, 2000, 0.00096002363082052468),
        (1e-100, 3.5, 2000, 0.11425321414887712),
        (9.9999999999999998e-13, 3.5, 2000, 0.017542864174339701),
        (0.050000000000000003, 3.5, 2000, 0.0035084206081926156),
        (1e-100, 1000, 2000, 0.52609524082082326),
        (9.9999999999999998e-13, 1000, 2000, 0.3954318674267927),
        (0.050000000000000003, 1000, 2000, 0.34755086473071772),
    ]

    // R 4.2.2 pbinom(k, n, p)
    static let pbinom: [(k: Double, n: Double, p: Double, expected: Double)] = [
        (0, 10, 0.29999999999999999, 0.028247524899999987),
        (2, 10, 0.29999999999999999, 0.38278278639999974),
        (3, 10, 0.29999999999999999, 0.64961071840000018),
        (5, 10, 0.29999999999999999, 0.95265101260000007),
        (9, 10, 0.29999999999999999, 0.99999409509999992),
        (0, 100, 0.01, 0.36603234127322953),
        (1, 100, 0.01, 0.73576197892295636),
        (3, 100, 0.01, 0.98162596355535037),
        (10, 100, 0.01, 0.99999999374448167),
        (400, 1000, 0.5, 1.3642320780330136e-10),
        (500, 1000, 0.5, 0.51261250908918043),
        (560, 1000, 0.5, 0.99993611784083791),
        (999, 1000, 0.5, 1),
        (5, 20000, 0.001, 7.1497486186480313e-05),
        (20, 20000, 0.001, 0.55909259164167779),
        (40, 20000, 0.001, 0.999974850288186),
    ]

    // R 4.2.2 pbinom(k, n, p, lower.tail = FALSE)
    static let pbinomUpper: [(k: Double, n: Double, p: Double, expected: Double)] = [
        (0, 10, 0.29999999999999999, 0.97175247509999996),
        (2, 10, 0.29999999999999999, 0.61721721360000026),
        (3, 10, 0.29999999999999999, 0.35038928159999977),
        (5, 10, 0.29999999999999999, 0.047348987399999952),
        (9, 10, 0.29999999999999999, 5.9048999999999915e-06),
        (0, 100, 0.01, 0.63396765872677041),
        (1, 100, 0.01, 0.26423802107704358),
        (3, 100, 0.01, 0.018374036444649671),
        (10, 100, 0.01, 6.2555183828341058e-09),
        (400, 1000, 0.5, 0.99999999986357679),
        (500, 1000, 0.5, 0.48738749091081957),
        (560, 1000, 0.5, 6.3882159162144425e-05),
        (999, 1000, 0.5, 9.3326361850325597e-302),
        (5, 20000, 0.001, 0.9999285025138136),
        (20, 20000, 0.001, 0.44090740835832215),
        (40, 20000, 0.001, 2.5149711814071799e-05),
    ]

    // R 4.2.2 ppois(k, mean)
    static let ppois: [(k: Double, mean: Double, expected: Double)] = [
        (0, 0.5, 0.60653065971263342),
        (1, 0.5, 0.90979598956895014),
        (3, 0.5, 0.9982483774437092),
        (0, 10, 4.5399929762484854e-05),
        (5, 10, 0.067085962879031791),
        (10, 10, 0.58303975019298537),
        (20, 10, 0.99841173933814198),
        (40, 10, 0.99999999999982225),
        (900, 1000, 0.0006977673277963072),
        (1000, 1000, 0.50840936716850604),
        (1100, 1000, 0.99913235903655651),
        (1300, 1000, 1),
    ]

    // R 4.2.2 ppois(k, mean, lower.tail = FALSE)
    static let ppoisUpper: [(k: Double, mean: Double, expected: Double)] = [
        (0, 0.5, 0.39346934028736658),
        (1, 0.5, 0.090204010431049877),
        (3, 0.5, 0.0017516225562908233),
        (0, 10, 0.99995460007023751),
        (5, 10, 0.93291403712096821),
        (10, 10, 0.41696024980701463),
        (20, 10, 0.0015882606618580479),
        (40, 10, 1.7773417493499443e-13),
        (900, 1000, 0.99930223267220364),
        (1000, 1000, 0.49159063283149401),
        (1100, 1000, 0.00086764096344356086),
        (1300, 1000, 5.2805260268204569e-20),
    ]

    // R 4.2.2: sequence symmetry crude-ratio CI, p/(1-p) at qbeta(c(0.025, 0.975), 3.5, 1.5)
    static let crudeRatioCI = (lower: 0.39616383238490877, upper: 34.123588385229553)
    // R 4.2.2: IC credibility limits log2(qgamma(c(0.025, 0.975), shape = 10 + 0.5, rate = 5 + 0.5))
    static let informationComponentCI = (lower: -0.09725664177081754, upper: 1.6894567770129578)
}
