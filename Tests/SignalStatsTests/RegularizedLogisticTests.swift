import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

private typealias RRef = RegularizedLogisticReferenceData

/// Large-scale regularized logistic regression against R glmnet 4.1-6 (`standardize = FALSE`, `thresh = 1e-15`) and
/// an independent Newton fit of the ridge objective; data and values from
/// `scripts/reference/regularized_logistic_reference.R`.
@Suite struct RegularizedLogisticTests {
    func design() throws -> SparseDesign {
        try SparseDesign(
            rows: RRef.rows, columns: RRef.names.count, rowOffsets: RRef.rowOffsets, columnIndices: RRef.columnIndices,
            values: RRef.values, names: RRef.names)
    }

    func model() throws -> RegularizedLogisticRegression {
        try RegularizedLogisticRegression(response: RRef.response, design: try design())
    }

    /// Coefficients agree with glmnet to 1e-6 relative (absolute 1e-7 near 0); glmnet's own agreement with the Newton
    /// ridge fit is about 1e-8. Zeros of the L1 fits must be exactly 0.
    func expectMatches(_ fit: RegularizedLogisticFit, _ reference: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let got = [fit.intercept] + fit.coefficients
        #expect(got.count == reference.count, sourceLocation: sourceLocation)
        for (k, (g, e)) in zip(got, reference).enumerated() {
            if e == 0 && fit.penalty.l1 > 0 {
                #expect(g == 0, "term \(k): expected exactly 0, got \(g)", sourceLocation: sourceLocation)
            } else {
                #expect(abs(g - e) <= max(1e-6 * abs(e), 1e-7), "term \(k): \(g) vs glmnet \(e)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func lassoMatchesGlmnet() throws {
        let fit = try model().fit(penalty: LogisticPenalty(l1: RRef.lassoL1, l2: RRef.lassoL2), options: .init(tolerance: 1e-14))
        expectMatches(fit, RRef.lassoCoef)
        #expect(fit.convergence.isConverged)
        expectClose(fit.objective, RRef.lassoObjective, relative: 1e-10)
        #expect(fit.nonZero == RRef.lassoCoef.dropFirst().filter { $0 != 0 }.count)
        #expect(fit.kktViolation < 1e-6)
    }

    @Test func ridgeMatchesGlmnetAndNewton() throws {
        let fit = try model().fit(penalty: .ridge(RRef.ridgeL2), options: .init(tolerance: 1e-14))
        expectMatches(fit, RRef.ridgeCoef)
        expectMatches(fit, RRef.ridgeNewtonCoef)
        expectClose(fit.objective, RRef.ridgeObjective, relative: 1e-10)
    }

    @Test func elasticNetMatchesGlmnet() throws {
        let fit = try model().fit(
            penalty: LogisticPenalty(l1: RRef.elasticNetL1, l2: RRef.elasticNetL2), options: .init(tolerance: 1e-14))
        expectMatches(fit, RRef.elasticNetCoef)
        expectClose(fit.objective, RRef.elasticNetObjective, relative: 1e-10)
    }

    @Test func penaltyConventionsConvert() {
        // glmnet lambda 0.01, alpha 1, n 600 → l1 = 6 (the fixture's mapping); sklearn C = 1/(n lambda).
        #expect(LogisticPenalty.glmnet(lambda: 0.01, alpha: 1, observations: 600) == .lasso(6))
        #expect(LogisticPenalty.scikitLearn(c: 1.0 / 6, l1: true).l1 == 6)
        // Cyclops: Laplace prior variance v ↔ l1 = sqrt(2/v); normal prior variance v ↔ l2 = 1/v.
        #expect(LogisticPenalty.laplacePrior(variance: 0.5).l1 == 2)
        #expect(LogisticPenalty.normalPrior(variance: 0.25).l2 == 4)
    }

    @Test func degenerateColumnsAreReported() throws {
        let m = try model()
        #expect(m.excluded.map(\.name) == ["empty", "constant"])
        #expect(m.excluded.map(\.reason) == [.allZero, .constant])
        let treatedOnly = try #require(RRef.names.firstIndex(of: "treatedOnly"))
        #expect(m.oneClassColumns.contains(treatedOnly))
        let fit = try m.fit(penalty: .lasso(RRef.lassoL1))
        #expect(fit.coefficient("empty") == 0 && fit.coefficient("constant") == 0)
        #expect(fit.diagnostics.contains { $0.contains("2 columns left out (1 with no non-zero value, 1 constant)") })
        #expect(fit.diagnostics.contains { $0.contains("one response class only") })
        #expect(!fit.separated)
    }

    @Test func partitionsAndWarmStartsDoNotChangeTheAnswer() throws {
        let m = try model()
        let q = LogisticPenalty.lasso(RRef.lassoL1)
        let one = try m.fit(penalty: q, options: .init(tolerance: 1e-14, partitions: 1))
        let three = try m.fit(penalty: q, options: .init(tolerance: 1e-14, partitions: 3))
        for (a, b) in zip(one.coefficients, three.coefficients) { #expect(abs(a - b) <= 1e-9) }
        let path = try m.path(penalties: [.lasso(40), .lasso(20), .lasso(10), q], options: .init(tolerance: 1e-14))
        for (a, b) in zip(path[3].coefficients, one.coefficients) { #expect(abs(a - b) <= 1e-8) }
        #expect(path.map(\.nonZero) == path.map(\.nonZero).sorted())
    }

    @Test func lambdaMaxZeroesEveryPenalizedCoefficient() throws {
        let m = try model()
        let lmax = try m.lambdaMax()
        #expect(try m.fit(penalty: .lasso(lmax * 1.001)).nonZero == 0)
        #expect(try m.fit(penalty: .lasso(lmax * 0.95)).nonZero > 0)
        // Unpenalized columns stay in: age is fitted even at lambda_max.
        let u = try RegularizedLogisticRegression(response: RRef.response, design: try design(), unpenalized: ["age"])
        let f = try u.fit(penalty: .lasso(1e6))
        #expect(f.nonZero == 1 && (f.coefficient("age") ?? 0) > 0.3)
    }

    @Test func separationIsReportedAndThePenaltyKeepsTheFitFinite() throws {
        // x1 is 1 exactly in the treated rows: complete separation.
        let x = try SparseDesign(rows: 6, columns: 2, rowOffsets: [0, 1, 2, 4, 5, 5, 6], columnIndices: [0, 0, 0, 1, 1, 1], names: ["x1", "x2"])
        let m = try RegularizedLogisticRegression(response: [1, 1, 1, 0, 0, 0], design: x)
        let fit = try m.fit(penalty: .ridge(1), options: .init(tolerance: 1e-14))
        #expect(fit.separated)
        #expect(fit.convergence.isConverged)
        #expect(fit.coefficients.allSatisfy { $0.isFinite })
        #expect(fit.diagnostics.contains { $0.contains("the penalty is binding") })
        // KKT at the ridge optimum: the gradient equals l2 * beta.
        #expect(fit.kktViolation < 1e-6)
    }

    @Test func badInputIsRejected() throws {
        let x = try design()
        #expect(throws: RegressionError.noVariationInResponse("no row has response 1 (an empty arm)")) {
            try RegularizedLogisticRegression(response: [Double](repeating: 0, count: RRef.rows), design: x)
        }
        #expect(throws: RegressionError.self) {
            try SparseDesign(rows: 2, columns: 2, rowOffsets: [0, 2, 3], columnIndices: [1, 0, 1])  // not increasing
        }
        #expect(throws: RegressionError.self) {
            try SparseDesign(rows: 1, columns: 1, rowOffsets: [0, 1], columnIndices: [0], values: [.nan])
        }
        #expect(throws: RegressionError.self) { try model().fit(penalty: .lasso(-1)) }
        #expect(throws: RegressionError.self) { try model().crossValidate(.lasso, options: .init(folds: 1)) }
    }

    @Test func sparseDesignStoresBothForms() throws {
        // [[0, 2], [0, 0], [1, 3]] with an explicit zero dropped.
        let x = try SparseDesign(rows: 3, columns: 2, rowOffsets: [0, 1, 2, 4], columnIndices: [1, 0, 0, 1], values: [2, 0, 1, 3])
        #expect(x.storedEntries == 3)
        #expect(x.value(row: 0, column: 1) == 2 && x.value(row: 1, column: 0) == 0 && x.value(row: 2, column: 1) == 3)
        #expect(x.columnOffsets == [0, 1, 3] && x.rowIndices == [2, 0, 2] && x.columnValues == [1, 2, 3])
        let binary = try SparseDesign(rows: 2, columns: 2, rowOffsets: [0, 1, 2], columnIndices: [0, 1], values: [1, 1])
        #expect(binary.values == nil)
        let sub = try x.selecting(rows: [2, 0])
        #expect(sub.value(row: 0, column: 0) == 1 && sub.value(row: 1, column: 1) == 2)
    }

    @Test func crossValidationChoosesAnInteriorPenaltyReproducibly() throws {
        let m = try model()
        let cv = try m.crossValidate(.lasso, options: .init(folds: 5, seed: 7, gridSize: 12))
        let again = try m.crossValidate(.lasso, options: .init(folds: 5, seed: 7, gridSize: 12))
        #expect(cv.chosenIndex == again.chosenIndex && cv.heldOutLogLikelihood == again.heldOutLogLikelihood)
        #expect(cv.grid.count == 12 && cv.foldLogLikelihoods.count == 5)
        #expect(cv.chosenIndex > 0 && cv.chosenIndex < 11)
        #expect(cv.heldOutLogLikelihood[cv.chosenIndex] == cv.heldOutLogLikelihood.max())
        #expect(cv.fit.penalty == cv.chosen)
        // The grid starts at lambda_max (all zero) and every held-out log-likelihood is finite and negative.
        #expect(cv.heldOutLogLikelihood.allSatisfy { $0.isFinite && $0 < 0 })
        #expect(cv.summary().contains("<- chosen"))
        let ridge = try m.crossValidate(.ridge, options: .init(folds: 5, gridSize: 8))
        #expect(ridge.grid.first?.l2 == 10_000 && ridge.fit.penalty.l1 == 0)
    }
}
