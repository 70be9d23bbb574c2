import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The warm-started logistic fit (subsample start, fixed-information steps, exact information at the estimate) against
/// the ordinary Newton–Raphson path on the same data: the same estimate, standard errors and log-likelihood. The
/// ordinary path is the one validated against R `glm` and statsmodels (`RegressionTests`, validation cases).
@Suite struct LogisticWarmStartTests {
    /// 8 covariates (4 normal, 4 binary), 20,000 rows, about 30% ones.
    static func data(rows n: Int = 20_000, seed: UInt64 = 7) throws -> (LogisticData) {
        var rng = CoxTestRandom(state: seed)
        var cols = [[Double]](repeating: [], count: 8)
        var y: [Double] = []
        var w: [Double] = []
        for _ in 0..<n {
            var eta = -1.0
            for j in 0..<4 {
                let z = (-2 * Foundation.log(rng.uniform())).squareRoot() * Foundation.cos(2 * Double.pi * rng.uniform())
                cols[j].append(z)
                eta += 0.2 * Double(j + 1) * z / 4
            }
            for j in 4..<8 {
                let b: Double = rng.uniform() < 0.1 * Double(j - 2) ? 1 : 0
                cols[j].append(b)
                eta += (j % 2 == 0 ? 0.3 : -0.4) * b
            }
            y.append(rng.uniform() < 1 / (1 + Foundation.exp(-eta)) ? 1 : 0)
            w.append(0.5 + rng.uniform())
        }
        let design = try DesignMatrix(covariates: cols.enumerated().map { .numeric(name: "x\($0.offset + 1)", values: $0.element) })
        return LogisticData(design: design, y: y, w: w)
    }

    struct LogisticData {
        var design: DesignMatrix
        var y: [Double]
        var w: [Double]
    }

    func compare(_ model: LogisticRegression) throws {
        let ordinary = try model.fitted(options: .init(), warmStart: .never)
        let likelihood = GLMLikelihood(
            family: .binomialLogit, design: model.design.matrix, response: model.response, weights: model.weights,
            partitions: model.partitions)
        // The warm path itself, not the fallback.
        let direct = LogisticWarmStart(model: model, likelihood: likelihood).fit(options: .init())
        #expect(direct != nil)
        guard let warm = direct else { return }
        #expect(warm.newton.status.isConverged)
        #expect(warm.newton.decrement <= 1e-12)
        // Same maximum: both paths stop at a Newton decrement below 1e-12, so the coefficients agree to about 1e-6
        // standard errors; the tolerance is 1e-7 relative to the largest |coefficient| (about 1e-8 observed).
        let scale = ordinary.newton.estimate.map(abs).max() ?? 1
        for (a, b) in zip(warm.newton.estimate, ordinary.newton.estimate) { #expect(abs(a - b) <= 1e-7 * scale) }
        expectClose(warm.newton.logLikelihood, ordinary.newton.logLikelihood, relative: 1e-12)
        // The information (standard errors) is evaluated at the returned estimate, not carried from the subsample.
        let exact = warm.likelihood.evaluate(at: warm.newton.estimate)
        expectClose(warm.newton.information.storage, exact.information.storage.enumerated().map { k, v in
            v + (model.l2Penalty > 0 && k % (model.design.columns + 1) == 0 && k > 0 ? model.l2Penalty : 0)
        }, relative: 1e-12)
        expectClose(warm.covariance.diagonal, ordinary.covariance.diagonal, relative: 1e-6)
    }

    @Test func warmStartGivesTheOrdinaryEstimate() throws {
        let d = try Self.data()
        try compare(try LogisticRegression(response: d.y, design: d.design))
    }

    @Test func warmStartWithWeightsAndRidge() throws {
        let d = try Self.data(seed: 11)
        try compare(try LogisticRegression(response: d.y, design: d.design, weights: d.w))
        try compare(try LogisticRegression(response: d.y, design: d.design, l2Penalty: 5))
    }

    @Test func theLargeDataPathIsChosenBySize() {
        #expect(LogisticWarmStart.applies(rows: 1_000_000, columns: 101, forced: false))
        #expect(!LogisticWarmStart.applies(rows: 100_000, columns: 10, forced: false))
        #expect(!LogisticWarmStart.applies(rows: 300_000, columns: 200, forced: false))
    }

    @Test func separationIsStillReportedWhenTheWarmPathIsForced() throws {
        // x > 0 predicts y = 1 exactly: the subsample fit fails, the ordinary path runs and names x.
        let x = (0..<4000).map { Double($0 % 200) - 99.5 }
        let y = x.map { $0 > 0 ? 1.0 : 0 }
        let model = try LogisticRegression(response: y, design: try DesignMatrix(covariates: [.numeric(name: "x", values: x)]))
        do {
            _ = try model.result(try model.fitted(options: .init(), warmStart: .always))
            Issue.record("expected separation")
        } catch {
            guard case .separation(let covariates, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(covariates == ["x"])
        }
    }
}
