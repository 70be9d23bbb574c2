import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Cox regression against R `survival::coxph` (values from `scripts/reference/cox_reference.R`), invariances of the
/// partitioned likelihood, derivatives against finite differences, and bad input. The public-data comparisons
/// (lung, veteran, ovarian) are the `cox-*` validation cases.
@Suite struct CoxTests {
    // survival's weighted test data ("Tests of the weighted Cox model").
    let w1Time: [Double] = [1, 1, 2, 2, 2, 2, 3, 4, 5]
    let w1Status: [Double] = [1, 0, 1, 1, 1, 0, 0, 1, 0]
    let w1X: [Double] = [2, 0, 1, 1, 0, 1, 0, 1, 0]
    let w1Weight: [Double] = [1, 2, 3, 4, 3, 2, 1, 2, 1]

    // Two strata, ties, weights and clusters.
    let tTime: [Double] = [5, 8, 8, 8, 12, 15, 3, 3, 6, 9, 9, 14]
    let tStatus: [Double] = [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0]
    let tX1: [Double] = [0.5, 1.2, -0.3, 0.8, 2.0, -1.0, 1.5, 0.1, -0.7, 0.9, 0.4, -0.2]
    let tX2: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0]
    let tStrata = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]
    let tWeight: [Double] = [1, 2, 1.5, 1, 0.5, 1, 2, 1, 1, 3, 1, 1]
    let tCluster = [1, 2, 3, 1, 2, 3, 4, 5, 4, 5, 6, 6]

    func tinyDesign() throws -> DesignMatrix {
        try DesignMatrix(covariates: [.numeric(name: "x1", values: tX1), .numeric(name: "x2", values: tX2)], intercept: false)
    }

    @Test func weightedTiesMatchR() throws {
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: w1X)], intercept: false)
        let efron = try CoxRegression(time: w1Time, status: w1Status, design: design, weights: w1Weight).fit()
        expectClose(efron.coefficients, [0.872604246398], relative: 1e-9)
        expectClose(efron.regression.covariance.storage, [0.507756626964], relative: 1e-9)
        expectClose([efron.nullLogLikelihood, efron.logLikelihood], [-30.2921796059, -29.4167846001], relative: 1e-10)
        let breslow = try CoxRegression(time: w1Time, status: w1Status, design: design, weights: w1Weight, ties: .breslow).fit()
        expectClose(breslow.coefficients, [0.859557444507], relative: 1e-9)
        expectClose(breslow.regression.covariance.storage, [0.508503337522], relative: 1e-9)
        expectClose([breslow.nullLogLikelihood, breslow.logLikelihood], [-32.8675507789, -32.0210462764], relative: 1e-10)
        #expect(efron.events == 5 && efron.weightedEvents == 13)
    }

    @Test func stratifiedWeightedClusteredMatchesR() throws {
        let fit = try CoxRegression(
            time: tTime, status: tStatus, design: tinyDesign(), strata: tStrata, weights: tWeight, cluster: tCluster
        ).fit()
        expectClose(fit.coefficients, [0.702018506088, 0.814682634658], relative: 1e-9)
        expectClose(fit.regression.covariance.storage, [0.20294289888, 0.0761793991379, 0.0761793991379, 0.408149017165], relative: 1e-9)
        let robust = try #require(fit.robustCovariance)
        expectClose(robust.storage, [0.0837095286808, 0.0518561319496, 0.0518561319496, 0.0923519872796], relative: 1e-9)
        expectClose([fit.nullLogLikelihood, fit.logLikelihood], [-19.5506217934, -17.6568266226], relative: 1e-10)
        #expect(fit.clusterCount == 6 && fit.strataCount == 2)
        let identity = try fit.proportionalHazardsTest(transform: .identity)
        expectClose(identity.terms.map(\.chiSquare) + [identity.global.chiSquare], [0.0152511588463, 0.192516656755, 0.210460169407], relative: 1e-8)
        let km = try fit.proportionalHazardsTest(transform: .km)
        expectClose(km.terms.map(\.chiSquare) + [km.global.chiSquare], [0.142376719808, 0.102809488849, 0.250806805651], relative: 1e-8)
        #expect(fit.summary().contains("robust"))
        // Robust intervals use the robust standard error.
        let hr = try #require(try fit.hazardRatio("x1"))
        #expect(hr.isRobust && abs(hr.standardError - 0.0837095286808.squareRoot()) < 1e-9)
    }

    @Test func partitionsAndRowOrderDoNotChangeTheAnswer() throws {
        // 40 strata of 25 rows, so partitions hold several strata each.
        var rng = CoxTestRandom(state: 7)
        let n = 1000
        var time = [Double](), status = [Double](), x1 = [Double](), x2 = [Double](), strata = [Int]()
        for i in 0..<n {
            let a = rng.uniform() * 2 - 1, b = rng.uniform() < 0.4 ? 1.0 : 0.0
            let hazard = Foundation.exp(0.7 * a - 0.5 * b)
            time.append((-Foundation.log(rng.uniform()) / hazard * 10).rounded())  // rounded: many ties
            status.append(rng.uniform() < 0.8 ? 1 : 0)
            x1.append(a)
            x2.append(b)
            strata.append(i % 40)
        }
        let design = try DesignMatrix(covariates: [.numeric(name: "x1", values: x1), .numeric(name: "x2", values: x2)], intercept: false)
        let one = try CoxRegression(time: time, status: status, design: design, strata: strata, partitions: 1).fit()
        let many = try CoxRegression(time: time, status: status, design: design, strata: strata, partitions: 7).fit()
        expectClose(many.coefficients, one.coefficients, relative: 1e-12)
        expectClose(many.standardErrors, one.standardErrors, relative: 1e-12)
        expectClose(many.logLikelihood, one.logLikelihood, relative: 1e-12)
        // Reversed input order.
        let rev = Array((0..<n).reversed())
        let designR = try DesignMatrix(
            covariates: [.numeric(name: "x1", values: rev.map { x1[$0] }), .numeric(name: "x2", values: rev.map { x2[$0] })],
            intercept: false)
        let reversed = try CoxRegression(
            time: rev.map { time[$0] }, status: rev.map { status[$0] }, design: designR, strata: rev.map { strata[$0] }
        ).fit()
        expectClose(reversed.coefficients, one.coefficients, relative: 1e-11)
        expectClose(reversed.logLikelihood, one.logLikelihood, relative: 1e-12)
    }

    @Test func derivativesMatchFiniteDifferences() throws {
        let model = try CoxRegression(time: tTime, status: tStatus, design: tinyDesign(), strata: tStrata, weights: tWeight)
        let l = model.likelihood
        let beta = [0.3, -0.4]
        let c = l.evaluate(at: beta)
        let h = 1e-6
        for j in 0..<2 {
            var up = beta, down = beta
            up[j] += h
            down[j] -= h
            let g = (l.evaluate(at: up, derivatives: false).logLikelihood - l.evaluate(at: down, derivatives: false).logLikelihood) / (2 * h)
            #expect(abs(g - c.gradient[j]) < 1e-7, "gradient \(j): \(c.gradient[j]) vs \(g)")
            let gu = l.evaluate(at: up).gradient, gd = l.evaluate(at: down).gradient
            for k in 0..<2 {
                let info = -(gu[k] - gd[k]) / (2 * h)
                #expect(abs(info - c.information[k, j]) < 1e-6, "information \(k),\(j): \(c.information[k, j]) vs \(info)")
            }
        }
    }

    @Test func efronEqualsBreslowWithoutTies() throws {
        let time: [Double] = [3, 5, 7, 11, 13, 17, 19, 23]
        let status: [Double] = [1, 1, 0, 1, 1, 0, 1, 1]
        let x: [Double] = [1, 0, 1, 1, 0, 0, 1, 0]
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x)], intercept: false)
        let e = try CoxRegression(time: time, status: status, design: design).fit()
        let b = try CoxRegression(time: time, status: status, design: design, ties: .breslow).fit()
        expectClose(e.coefficients, b.coefficients, relative: 1e-12)
        expectClose(e.logLikelihood, b.logLikelihood, relative: 1e-12)
    }

    @Test func zeroWeightRowsAreTheSameAsDroppedRows() throws {
        var w = tWeight
        w[4] = 0
        w[9] = 0
        let withZero = try CoxRegression(time: tTime, status: tStatus, design: tinyDesign(), strata: tStrata, weights: w).fit()
        let keep = (0..<tTime.count).filter { w[$0] > 0 }
        let design = try DesignMatrix(
            covariates: [.numeric(name: "x1", values: keep.map { tX1[$0] }), .numeric(name: "x2", values: keep.map { tX2[$0] })],
            intercept: false)
        let dropped = try CoxRegression(
            time: keep.map { tTime[$0] }, status: keep.map { tStatus[$0] }, design: design, strata: keep.map { tStrata[$0] },
            weights: keep.map { w[$0] }
        ).fit()
        expectClose(withZero.coefficients, dropped.coefficients, relative: 1e-11)
        expectClose(withZero.logLikelihood, dropped.logLikelihood, relative: 1e-12)
    }

    @Test func armCountsAddUp() throws {
        let design = try DesignMatrix(covariates: [.numeric(name: "x2", values: tX2)], intercept: false)
        let fit = try CoxRegression(time: tTime, status: tStatus, design: design, weights: tWeight).fit()
        let arms = try #require(fit.armCounts(term: "x2"))
        #expect(arms.map(\.rows) == [6, 6])
        #expect(arms.map(\.events) == [4, 4])
        #expect(abs(arms[0].personTime + arms[1].personTime - fit.personTime) < 1e-12)
        #expect(fit.armCounts(term: "nope") == nil)
    }

    // MARK: - Bad input

    @Test func badInputIsNamed() throws {
        let design = try tinyDesign()
        var t = tTime
        t[2] = -1
        #expect(throws: RegressionError.invalidResponse(row: 2, value: -1, expected: "a time >= 0")) {
            _ = try CoxRegression(time: t, status: tStatus, design: design)
        }
        var s = tStatus
        s[0] = 2
        #expect(throws: RegressionError.invalidResponse(row: 0, value: 2, expected: "status 0 (censored) or 1 (event)")) {
            _ = try CoxRegression(time: tTime, status: s, design: design)
        }
        #expect(throws: RegressionError.noVariationInResponse("there are no events (every status is 0)")) {
            _ = try CoxRegression(time: tTime, status: [Double](repeating: 0, count: 12), design: design)
        }
        #expect(throws: RegressionError.lengthMismatch(name: "strata", count: 3, expected: 12)) {
            _ = try CoxRegression(time: tTime, status: tStatus, design: design, strata: [1, 2, 3])
        }
        var w = tWeight
        w[1] = -1
        #expect(throws: RegressionError.invalidWeight(row: 1, value: -1)) {
            _ = try CoxRegression(time: tTime, status: tStatus, design: design, weights: w)
        }
    }

    @Test func constantCovariatesAreAliased() throws {
        let design = try DesignMatrix(
            covariates: [.numeric(name: "x1", values: tX1), .numeric(name: "flat", values: [Double](repeating: 3, count: 12))],
            intercept: true)
        let fit = try CoxRegression(time: tTime, status: tStatus, design: design).fit()
        #expect(fit.terms == ["x1"])
        #expect(fit.regression.aliased == [AliasedTerm(name: "flat", reason: .noVariation)])
        // Constant within each stratum (the stratum indicator itself): aliased within strata.
        let byStratum = try DesignMatrix(
            covariates: [.numeric(name: "x1", values: tX1), .numeric(name: "s", values: tStrata.map(Double.init))],
            intercept: false)
        let stratified = try CoxRegression(time: tTime, status: tStatus, design: byStratum, strata: tStrata).fit()
        #expect(stratified.regression.aliased == [AliasedTerm(name: "s", reason: .noVariationWithinStrata)])
    }

    @Test func noEventsInOneArmIsFlaggedAsMonotone() throws {
        // Every event is in arm 0: the hazard ratio of arm 1 is 0 (coefficient → −∞).
        let arm: [Double] = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
        let time: [Double] = [2, 4, 6, 8, 10, 3, 5, 7, 9, 11]
        let status: [Double] = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]
        let design = try DesignMatrix(covariates: [.numeric(name: "arm", values: arm)], intercept: false)
        let fit = try CoxRegression(time: time, status: status, design: design).fit()
        #expect(fit.possiblyInfinite == ["arm"])
        #expect(fit.summary().contains("coefficient may be infinite"))
    }
}

/// A small deterministic generator for test data (SplitMix64).
struct CoxTestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }
}
