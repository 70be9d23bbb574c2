import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Every bad input named in the foundation issue gets a typed error or a result that names the problem.
@Suite struct BadInputTests {
    let x: [Double] = [0.5, 1.2, -0.3, 2.2, 0.1, -1.4, 0.9, 1.7, -0.8, 0.3]
    let y: [Double] = [0, 1, 0, 1, 1, 0, 0, 1, 0, 1]

    @Test func nonFiniteValuesAreRejected() throws {
        var bad = x
        bad[3] = .nan
        do {
            _ = try DesignMatrix(covariates: [.numeric(name: "x", values: bad)])
            Issue.record("expected an error for NaN")
        } catch {
            guard case .nonFiniteValue(let name, let row, let value) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(name == "x" && row == 3 && value.isNaN)
            #expect(error.description == "`x` row 4 is nan: values must be finite")
        }
        var badY = y
        badY[0] = .infinity
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x)])
        #expect(throws: RegressionError.self) { _ = try LogisticRegression(response: badY, design: design) }
    }

    @Test func constantCovariateIsNamedAsNoVariation() throws {
        let design = try DesignMatrix(covariates: [
            .numeric(name: "x", values: x), .numeric(name: "flat", values: [Double](repeating: 2, count: 10)),
        ])
        let fit = try LogisticRegression(response: y, design: design).fit()
        #expect(fit.aliased == [AliasedTerm(name: "flat", reason: .noVariation)])
        #expect(fit.terms == ["(Intercept)", "x"])
        #expect(fit.summary().contains("flat"))
    }

    @Test func collinearCovariatesAreNamed() throws {
        let design = try DesignMatrix(covariates: [
            .numeric(name: "x", values: x), .numeric(name: "x_doubled_plus_1", values: x.map { 2 * $0 + 1 }),
        ])
        let fit = try PoissonRegression(counts: y, design: design).fit()
        #expect(fit.aliased == [AliasedTerm(name: "x_doubled_plus_1", reason: .collinear)])
        // With the alias dropped the fit equals the fit without that column.
        let plain = try PoissonRegression(counts: y, design: try DesignMatrix(covariates: [.numeric(name: "x", values: x)])).fit()
        expectClose(fit.coefficients, plain.coefficients, relative: 1e-12)
    }

    @Test func completeSeparationIsReported() throws {
        // y = 1 exactly when x > 0.4: the MLE does not exist.
        let sepY = x.map { $0 > 0.4 ? 1.0 : 0.0 }
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x)])
        do {
            _ = try LogisticRegression(response: sepY, design: design).fit()
            Issue.record("expected a separation error")
        } catch {
            guard case .separation(let names, let iterations) = error else {
                Issue.record("expected separation, got \(error)")
                return
            }
            #expect(names == ["x"])
            #expect(iterations > 0)
            #expect(error.description.contains("separation suspected for `x`"))
        }
    }

    @Test func quasiCompleteSeparationIsReported() throws {
        // A binary covariate whose level 1 always has y = 1 (quasi-complete separation), plus a normal one.
        let z: [Double] = [0, 1, 0, 1, 0, 0, 0, 1, 0, 1]
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x), .numeric(name: "z", values: z)])
        #expect {
            _ = try LogisticRegression(response: y, design: design).fit()
        } throws: { error in
            guard let e = error as? RegressionError, case .separation(let names, _) = e else { return false }
            return names.contains("z")
        }
    }

    @Test func noEventsAndNoVariation() throws {
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x)])
        #expect(throws: RegressionError.noVariationInResponse("no row has response 1")) {
            _ = try LogisticRegression(response: [Double](repeating: 0, count: 10), design: design)
        }
        #expect(throws: RegressionError.noVariationInResponse("there are no events (all counts 0)")) {
            _ = try PoissonRegression(counts: [Double](repeating: 0, count: 10), design: design)
        }
        #expect(throws: RegressionError.invalidResponse(row: 1, value: 2, expected: "0 or 1")) {
            _ = try LogisticRegression(response: [0, 2, 0, 1, 1, 0, 0, 1, 0, 1], design: design)
        }
    }

    @Test func nonPositiveExposureTime() throws {
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x)])
        var t = [Double](repeating: 5, count: 10)
        t[4] = 0
        #expect(throws: RegressionError.nonPositiveExposure(row: 4, value: 0)) {
            _ = try PoissonRegression(counts: y, exposureTime: t, design: design)
        }
        t[4] = -2
        #expect(throws: RegressionError.nonPositiveExposure(row: 4, value: -2)) {
            _ = try ConditionalPoissonRegression(
                counts: y, strata: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5], exposureTime: t,
                design: try DesignMatrix(covariates: [.numeric(name: "x", values: x)], intercept: false))
        }
    }

    @Test func emptyDesign() throws {
        #expect(throws: RegressionError.emptyDesign) { _ = try DesignMatrix(covariates: [], intercept: false) }
        #expect(throws: RegressionError.emptyDesign) {
            _ = try DesignMatrix(covariates: [.numeric(name: "x", values: [])])
        }
        // A conditional model whose only column is the intercept has nothing left to estimate.
        #expect(throws: RegressionError.emptyDesign) {
            _ = try ConditionalPoissonRegression(
                counts: [1, 0], strata: [1, 1], design: try DesignMatrix(covariates: [], intercept: true))
        }
    }

    @Test func stratumWithNoEventsAndCovariateWithoutWithinStratumVariation() throws {
        // Stratum 1 has events; stratum 2 has none (counted, not used). `sex` is constant within each stratum:
        // strata absorb it, and it is named as aliased instead of producing a singular fit.
        let design = try DesignMatrix(
            covariates: [
                .numeric(name: "exposed", values: [0, 1, 0, 1, 0, 1]),
                .numeric(name: "sex", values: [1, 1, 1, 0, 0, 0]),
            ], intercept: false)
        let fit = try ConditionalPoissonRegression(
            counts: [1, 2, 1, 0, 0, 0], strata: [1, 1, 1, 2, 2, 2], exposureTime: [10, 10, 20, 10, 10, 20],
            design: design
        ).fit()
        #expect(fit.aliased == [AliasedTerm(name: "sex", reason: .noVariationWithinStrata)])
        #expect(fit.strata?.total == 2)
        #expect(fit.strata?.withEvents == 1)
        #expect(fit.observations == 3)
        // Closed form: exposed time 10 with 2 events vs unexposed time 30 with 2 events: RI = (2/10)/(2/30) = 3.
        expectClose(fit.coefficients, [Foundation.log(3)], relative: 1e-10)
    }

    @Test func invalidConfidenceLevel() throws {
        let fit = try LogisticRegression(
            response: y, design: try DesignMatrix(covariates: [.numeric(name: "x", values: x)])
        ).fit()
        #expect(throws: RegressionError.invalidLevel(1.5)) { _ = try fit.confidenceIntervals(level: 1.5) }
    }
}
