import Foundation
import Testing

@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Published values of R `Sequential` 4.5.1 (Kulldorff et al., Sequential Analysis 2011;30:58), from the
/// package's documented examples, each reproduced by an independent exact recursion
/// (../shared/reference/calibration/README.md); tolerances are half a unit of the printed last digit.
@Suite("MaxSPRT (R Sequential 4.5.1)")
struct MaxSPRTTests {
    @Test func poissonContinuousCriticalValue() throws {
        let cv = try MaxSPRT.Poisson(surveillanceLength: 10).criticalValue(alpha: 0.05)
        // CV.Poisson(SampleSize = 10, alpha = 0.05): 3.467952.
        #expect(abs(cv.criticalValue - 3.467952) <= 5e-7)
        #expect(abs(cv.attainedAlpha - 0.05) <= 1e-10)
        #expect(cv.equivalentAbove == nil)
        // Sequential's precomputed table TableCV.PoissonM[T = 10, M = 1]: 3.46795158033368 (its exact solver, precision 1e-8).
        #expect(abs(cv.criticalValue - 3.46795158033368) <= 1e-7)
    }

    @Test func poissonContinuousPerformance() throws {
        let test = MaxSPRT.Poisson(surveillanceLength: 10)
        let cv = try test.criticalValue(alpha: 0.05).criticalValue
        let perf = try test.performance(criticalValue: cv, relativeRisk: 2)
        // man/Performance.Poisson.Rd: Performance.Poisson(SampleSize = 10, cv = cvt, RR = 2) with
        // cvt = CV.Poisson(SampleSize = 10, alpha = 0.05) at full precision (3.46795158…; the printed 3.467952
        // moves the power by 1e-7): power 0.6850634, E[time] 4.130985, E[sample size] 5.979353.
        #expect(abs(perf.power - 0.6850634) <= 5e-8)
        #expect(abs(perf.expectedTimeToSignal - 4.130985) <= 5e-7)
        #expect(abs(perf.expectedSampleSize - 5.979353) <= 5e-7)
    }

    @Test func binomialGroupTypeIError() throws {
        let test = try MaxSPRT.Binomial(maximumCases: 25, matchingRatio: 3.5, groupSize: 5)
        let cv = try test.criticalValue(alpha: 0.05)
        // CV.Binomial(N = 25, alpha = 0.05, M = 1, z = 3.5, GroupSizes = 5): Type I error 0.04775995; every
        // cv in (1.985199, 2.175208] gives the same alpha (reference README).
        #expect(abs(cv.attainedAlpha - 0.04775995) <= 5e-9)
        #expect(abs(cv.criticalValue - 2.175208) <= 5e-7)
        #expect(abs((cv.equivalentAbove ?? .nan) - 1.985199) <= 5e-7)
        // R's printed cv 1.9852 lies in the interval: same decisions, same alpha.
        #expect(abs(try test.typeIError(criticalValue: 1.9852) - 0.04775995) <= 5e-9)
    }

    @Test func binomialContinuousPerformance() throws {
        let perf = try MaxSPRT.Binomial(maximumCases: 30, matchingRatio: 1).performance(criticalValue: 2, relativeRisk: 2)
        // Performance.Binomial(N = 30, M = 1, cv = 2, z = 1, RR = 2): power 0.658732, E[time] 10.7893,
        // E[surveillance] 17.3453.
        #expect(abs(perf.power - 0.658732) <= 5e-7)
        #expect(abs(perf.expectedTimeToSignal - 10.7893) <= 5e-5)
        #expect(abs(perf.expectedSampleSize - 17.3453) <= 5e-5)
    }

    @Test func llrClosedForms() {
        // Poisson: 6 events against 2 expected: (2 − 6) + 6·log 3.
        #expect(abs(MaxSPRT.poissonLLR(observed: 6, expected: 2) - (-4 + 6 * Double.log(3))) <= 1e-14)
        #expect(MaxSPRT.poissonLLR(observed: 2, expected: 2) == 0)
        // Binomial, z = 1 (p = 1/2): 8 of 10 exposed: 8·log(1.6) + 2·log(0.4).
        let expected = 8 * Double.log(1.6) + 2 * Double.log(0.4)
        #expect(abs(MaxSPRT.binomialLLR(exposed: 8, total: 10, matchingRatio: 1) - expected) <= 1e-14)
        #expect(abs(MaxSPRT.binomialLLR(exposed: 5, total: 5, matchingRatio: 3) - 5 * Double.log(4)) <= 1e-14)
        #expect(MaxSPRT.binomialLLR(exposed: 1, total: 5, matchingRatio: 3) == 0)
    }

    @Test func singleLookIsAnExactPoissonTest() throws {
        // One look at T: signal iff the count reaches the threshold c*, so the Type I error is P(Poisson(T) ≥ c*)
        // (closed form). T = 4: LLR(9, 4) = −5 + 9 log(9/4) ≈ 2.298 and LLR(10, 4) ≈ 3.163, so cv = 3 needs 10 events.
        let test = MaxSPRT.Poisson(surveillanceLength: 4, groupSizes: [4])
        let alpha = try test.typeIError(criticalValue: 3)
        #expect(abs(alpha - (try PoissonDistribution.survival(9, mean: 4))) <= 1e-15)
    }

    @Test func monitorReportsEachLook() throws {
        let looks = try MaxSPRT.Poisson.monitor(
            expected: [1, 2, 3.5], observed: [2, 8, 9], criticalValue: 3.467952)
        // Closed forms: LLR(2, 1) = −1 + 2 log 2 ≈ 0.386; LLR(8, 2) = −6 + 8 log 4 ≈ 5.09; LLR(9, 3.5) ≈ 3.00.
        #expect(looks.map(\.signalled) == [false, true, false])
        #expect(looks.map(\.signalledByNow) == [false, true, true])
        #expect(abs(looks[1].llr - (-6 + 8 * Double.log(4))) <= 1e-14)
        #expect(throws: MaxSPRTError.self) {
            try MaxSPRT.Poisson.monitor(expected: [1, 2], observed: [3, 2], criticalValue: 3)
        }
        let binomial = try MaxSPRT.Binomial.monitor(
            cases: [5, 10], exposed: [4, 9], matchingRatio: 1, criticalValue: 2)
        // LLR(4 of 5) = 4 log 1.6 + log 0.4 ≈ 0.96; LLR(9 of 10) = 9 log 1.8 + log 0.2 ≈ 3.68.
        #expect(binomial.map(\.signalled) == [false, true])
    }

    @Test func badArgumentsThrow() {
        #expect(throws: MaxSPRTError.self) { try MaxSPRT.Poisson(surveillanceLength: 0).criticalValue(alpha: 0.05) }
        #expect(throws: MaxSPRTError.self) {
            try MaxSPRT.Poisson(surveillanceLength: 10, groupSizes: [5, 4]).criticalValue(alpha: 0.05)
        }
        #expect(throws: MaxSPRTError.self) { try MaxSPRT.Binomial(maximumCases: 25, matchingRatio: 1, groupSize: 4) }
        // Too short to see 5 events with probability 0.05 under the null: no solution (R: "Does not have solution").
        #expect(throws: MaxSPRTError.self) {
            try MaxSPRT.Poisson(surveillanceLength: 0.5, minimumEvents: 5).criticalValue(alpha: 0.05)
        }
    }
}

/// R `Sequential` 4.5.1 ships a table of exact continuous Poisson critical values for alpha 0.05
/// (R/CV.Poisson.R, `TableCV.PoissonM`, rows T, columns M = 1, 2, 3, 4, 6, 8, 10), computed by its solver
/// to precision 1e-8 in the Type I error; each entry is checked at 1e-6.
@Suite("MaxSPRT Poisson critical values against Sequential's table")
struct MaxSPRTTableTests {
    @Test(arguments: [
        (1.0, 1, 2.85393700326128), (2.0, 2, 2.68935364101625), (5.0, 3, 2.80395477091307),
        (20.0, 4, 3.17637032177521), (100.0, 1, 3.95232090599911), (100.0, 6, 3.52008147061398),
        (300.0, 10, 3.66182960350214),
    ])
    func tableValue(length: Double, minimumEvents: Int, expected: Double) throws {
        let cv = try MaxSPRT.Poisson(surveillanceLength: length, minimumEvents: minimumEvents).criticalValue(alpha: 0.05)
        #expect(abs(cv.criticalValue - expected) <= 1e-6, "T = \(length), M = \(minimumEvents)")
    }
}

@Suite("MaxSPRT group sequential Poisson")
struct MaxSPRTGroupPoissonTests {
    @Test func matchesAnIndependentRecursion() throws {
        // Validation/Reference/maxsprt-group/group_poisson.py (scipy, all paths up to 200 events, every attainable
        // LLR scanned) on the design of man/Performance.Poisson.Rd example 2: SampleSize 30, GroupSizes 6 × 5.
        let test = MaxSPRT.Poisson(surveillanceLength: 30, groupSizes: [6, 6, 6, 6, 6])
        let cv = try test.criticalValue(alpha: 0.05)
        #expect(abs(cv.criticalValue - 2.31776616672) <= 1e-10)
        #expect(abs((cv.equivalentAbove ?? .nan) - 2.21651247532) <= 1e-10)
        #expect(abs(cv.attainedAlpha - 0.046062278355) <= 1e-11)
        let perf = try test.performance(criticalValue: cv.criticalValue, relativeRisk: 1.5)
        #expect(abs(perf.power - 0.706356845054) <= 1e-11)
        #expect(abs(perf.expectedTimeToSignal - 16.1314439718) <= 1e-9)
        #expect(abs(perf.expectedSampleSize - 20.2038505185) <= 1e-9)
    }

    @Test func codableRoundTrip() throws {
        let test = MaxSPRT.Poisson(surveillanceLength: 30, minimumEvents: 2, groupSizes: [10, 20])
        let data = try JSONEncoder().encode(test)
        #expect(try JSONDecoder().decode(MaxSPRT.Poisson.self, from: data) == test)
        let null = EmpiricalNull(mean: 0.1, sd: 0.2, controlCount: 30, excludedCount: 1, logLikelihood: -3)
        let outcome = CalibrationOutcome<EmpiricalNull>.computed(null)
        #expect(try JSONDecoder().decode(CalibrationOutcome<EmpiricalNull>.self, from: JSONEncoder().encode(outcome)) == outcome)
    }
}

@Suite("MaxSPRT critical values calibrated by the empirical null")
struct MaxSPRTCalibratedTests {
    @Test func calibratedTypeIErrorMatchesAnIndependentIntegral() throws {
        // Validation/Reference/maxsprt-group/calibrated_group_poisson.py: the group design of group_poisson.py at
        // cv 2.31776616672, null N(0.2, 0.3²), power at RR exp(e) integrated with scipy quad: 0.367682616816;
        // at sd 0 (no integral) the power at RR exp(0.2): 0.236111189392.
        let test = MaxSPRT.Poisson(surveillanceLength: 30, groupSizes: [6, 6, 6, 6, 6])
        let calibrated = try test.typeIError(criticalValue: 2.31776616672, null: EmpiricalNull(mean: 0.2, sd: 0.3))
        #expect(abs(calibrated - 0.367682616816) <= 1e-9)
        let shifted = try test.typeIError(criticalValue: 2.31776616672, null: EmpiricalNull(mean: 0.2, sd: 0))
        #expect(abs(shifted - 0.236111189392) <= 1e-11)
    }

    @Test func aNullWithoutErrorGivesTheUncalibratedCriticalValue() throws {
        // Closed form: with mean 0 and SD 0 the calibrated test is the plain test (R Sequential's 3.46795158033368).
        let cv = try MaxSPRT.Poisson(surveillanceLength: 10).criticalValue(alpha: 0.05, null: EmpiricalNull(mean: 0, sd: 0))
        #expect(abs(cv.criticalValue - 3.46795158033368) <= 1e-7)
        let binomial = try MaxSPRT.Binomial(maximumCases: 25, matchingRatio: 3.5, groupSize: 5)
            .criticalValue(alpha: 0.05, null: EmpiricalNull(mean: 0, sd: 0))
        #expect(abs(binomial.attainedAlpha - 0.04775995) <= 5e-9)  // CV.Binomial.Rd
    }

    @Test func systematicErrorRaisesTheCriticalValue() throws {
        let plain = try MaxSPRT.Poisson(surveillanceLength: 10).criticalValue(alpha: 0.05)
        let calibrated = try MaxSPRT.Poisson(surveillanceLength: 10).criticalValue(
            alpha: 0.05, null: EmpiricalNull(mean: 0.1, sd: 0.2))
        #expect(calibrated.criticalValue > plain.criticalValue)
        #expect(abs(calibrated.attainedAlpha - 0.05) <= 1e-9)
    }

    @Test func gaussHermiteIsExactForPolynomials() {
        // E[X²] = μ² + σ², E[X⁴] = μ⁴ + 6μ²σ² + 3σ⁴ for X ~ N(μ, σ²) (closed forms).
        let q = GaussHermite(count: 64)
        let (mu, sigma) = (0.3, 0.7)
        #expect(abs(q.expectation(mean: mu, sd: sigma) { $0 * $0 } - (mu * mu + sigma * sigma)) <= 1e-13)
        let fourth = mu * mu * mu * mu + 6 * mu * mu * sigma * sigma + 3 * sigma * sigma * sigma * sigma
        #expect(abs(q.expectation(mean: mu, sd: sigma) { $0 * $0 * $0 * $0 } - fourth) <= 1e-13)
        #expect(abs(q.expectation(mean: mu, sd: sigma) { _ in 1 } - 1) <= 1e-14)
    }
}
