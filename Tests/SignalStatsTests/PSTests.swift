import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Propensity scores, matching (against a brute-force greedy reference, with ties), balance, weights and strata, and
/// bad input. The lalonde comparisons with MatchIt and R are the `ps-lalonde-*` validation cases.
@Suite struct PSTests {
    /// Brute-force greedy matching: treated in the same order, each round scanning every available comparator in input
    /// order and keeping the first strictly nearest one.
    func bruteForce(
        _ ps: PropensityScore, options: MatchingOptions, caliper: Double?
    ) -> [(treated: Int, comparator: Int)] {
        let v = options.scale == .logit ? ps.logit : ps.score
        var treated = (0..<ps.count).filter { ps.treatment[$0] }
        switch options.order {
        case .descendingScore: treated.sort { v[$0] != v[$1] ? v[$0] > v[$1] : $0 < $1 }
        case .ascendingScore: treated.sort { v[$0] != v[$1] ? v[$0] < v[$1] : $0 < $1 }
        case .dataOrder: break
        case .random: return []  // not compared here
        }
        let comparators = (0..<ps.count).filter { !ps.treatment[$0] }
        let k: Int
        switch options.ratio {
        case .fixed(let r), .variable(let r): k = r
        }
        var pairs: [(Int, Int)] = []
        if options.replacement {
            for t in treated {
                let near = comparators.sorted { a, b in
                    let da = abs(v[t] - v[a]), db = abs(v[t] - v[b])
                    return da != db ? da < db : a < b
                }
                for c in near.prefix(k) where caliper.map({ abs(v[t] - v[c]) <= $0 }) ?? true { pairs.append((t, c)) }
            }
            return pairs
        }
        var available = Set(comparators)
        var active = treated
        for _ in 0..<k {
            var next: [Int] = []
            for t in active {
                var best: Int? = nil
                for c in comparators where available.contains(c) {
                    if best == nil || abs(v[t] - v[c]) < abs(v[t] - v[best!]) { best = c }
                }
                guard let b = best, caliper.map({ abs(v[t] - v[b]) <= $0 }) ?? true else { continue }
                available.remove(b)
                pairs.append((t, b))
                next.append(t)
            }
            active = next
        }
        return pairs
    }

    /// Units with scores rounded to 2 decimals (many exact ties, within and across arms).
    func tiedScores(n: Int, seed: UInt64) throws -> PropensityScore {
        var rng = CoxTestRandom(state: seed)
        var t: [Bool] = [], e: [Double] = []
        for _ in 0..<n {
            let treated = rng.uniform() < 0.35
            let base = treated ? 0.2 + 0.6 * rng.uniform() : 0.05 + 0.6 * rng.uniform()
            t.append(treated)
            e.append((base * 100).rounded() / 100)
        }
        return try PropensityScore(treatment: t, score: e)
    }

    @Test func greedyMatchingEqualsBruteForceWithTies() throws {
        for seed in [1, 2, 3] as [UInt64] {
            let ps = try tiedScores(n: 300, seed: seed)
            let variants: [MatchingOptions] = [
                MatchingOptions(scale: .probability, caliper: .none),
                MatchingOptions(scale: .logit, caliper: .standardDeviations(0.2)),
                MatchingOptions(scale: .probability, caliper: .absolute(0.01), ratio: .variable(max: 3)),
                MatchingOptions(scale: .logit, caliper: .none, ratio: .variable(max: 2), order: .ascendingScore),
                MatchingOptions(scale: .probability, caliper: .absolute(0.02), ratio: .variable(max: 3), replacement: true),
                MatchingOptions(scale: .logit, caliper: .none, order: .dataOrder),
            ]
            for options in variants {
                let m = try PSMatching(ps, options: options).match()
                let expected = bruteForce(ps, options: options, caliper: m.caliper)
                // Compare as sets of pairs grouped by treated unit, in the order chosen.
                let got = m.pairs
                #expect(got.count == expected.count, "\(options)")
                let key = { (p: (treated: Int, comparator: Int)) in "\(p.treated)-\(p.comparator)" }
                #expect(Set(got.map(key)) == Set(expected.map(key)), "\(options)")
            }
        }
    }

    @Test func tiesGoToTheFirstComparatorInInputOrder() throws {
        // Treated at 0.5; comparators at 0.4 (unit 1), 0.6 (unit 2), 0.4 (unit 3): all at distance 0.1 on the
        // probability scale. Unit 1 is first in input order.
        let t = [true, false, false, false]
        let e = [0.5, 0.4, 0.6, 0.4]
        let ps = try PropensityScore(treatment: t, score: e)
        let m = try PSMatching(ps, options: .matchItNearest).match()
        #expect(m.pairs.map(\.comparator) == [1])
        // Reverse the input order of the comparators: now the 0.6 one (unit 1) is first.
        let ps2 = try PropensityScore(treatment: [true, false, false, false], score: [0.5, 0.6, 0.4, 0.4])
        #expect(try PSMatching(ps2, options: .matchItNearest).match().pairs.map(\.comparator) == [1])
        // Treated units with equal scores choose in input order.
        let ps3 = try PropensityScore(treatment: [true, true, false, false], score: [0.5, 0.5, 0.52, 0.45])
        let m3 = try PSMatching(ps3, options: .matchItNearest).match()
        #expect(m3.pairs.map { [$0.treated, $0.comparator] } == [[0, 2], [1, 3]])
    }

    @Test func fixedRatioDropsIncompleteSetsAndVariableKeepsThem() throws {
        // 3 treated, 4 comparators: 1:2 without replacement cannot give every treated unit two.
        let t = [true, true, true, false, false, false, false]
        let e = [0.70, 0.50, 0.30, 0.69, 0.51, 0.52, 0.29]
        let ps = try PropensityScore(treatment: t, score: e)
        let fixed = try PSMatching(ps, options: MatchingOptions(scale: .probability, caliper: .none, ratio: .fixed(2))).match()
        let variable = try PSMatching(ps, options: MatchingOptions(scale: .probability, caliper: .none, ratio: .variable(max: 2))).match()
        #expect(variable.setCount == 3 && variable.count == 7)
        #expect(fixed.setCount == 1 && fixed.treatedBelowRatio == 2)
        // Matching weights: 1/k per comparator; unit weights sum to the matched comparators.
        let w = variable.unitWeights(count: 7)
        #expect(abs(w[3...].reduce(0, +) - Double(variable.matchedComparators)) < 1e-12)
        #expect(variable.summary().contains("variable"))
    }

    @Test func withReplacementReusesComparators() throws {
        let ps = try PropensityScore(treatment: [true, true, true, false, false], score: [0.5, 0.51, 0.49, 0.5, 0.9])
        let m = try PSMatching(ps, options: MatchingOptions(scale: .probability, caliper: .none, replacement: true)).match()
        #expect(m.pairs.map(\.comparator) == [3, 3, 3])
        #expect(m.matchedComparators == 1 && m.unmatchedComparators == 1)
        #expect(m.unitWeights(count: 5)[3] == 1)
    }

    @Test func meanDifferenceIsTheMatchedATT() throws {
        let ps = try PropensityScore(treatment: [true, true, false, false, false], score: [0.6, 0.4, 0.58, 0.41, 0.1])
        let m = try PSMatching(ps, options: .matchItNearest).match()
        let y: [Double] = [10, 20, 7, 15, 100]
        #expect(try m.meanDifference(y, units: 5) == (30.0 / 2 - 22.0 / 2))
        #expect(throws: PSError.lengthMismatch(name: "outcome", count: 2, expected: 5)) { _ = try m.meanDifference([1, 2], units: 5) }
    }

    // MARK: - Bad input

    @Test func badInputIsReportedWithCounts() throws {
        #expect(throws: PSError.emptyArm(treated: 3, comparator: 0)) {
            _ = try PropensityScore(treatment: [true, true, true], score: [0.2, 0.3, 0.4])
        }
        #expect(throws: PSError.invalidScore(row: 1, value: 1)) {
            _ = try PropensityScore(treatment: [true, false], score: [0.2, 1])
        }
        // No overlap at all: a caliper cannot match anyone, and says why.
        let apart = try PropensityScore(treatment: [true, true, false, false], score: [0.8, 0.9, 0.1, 0.2])
        #expect(throws: PSError.noOverlap(treatedRange: 0.8...0.9, comparatorRange: 0.1...0.2)) {
            _ = try PSMatching(apart, options: MatchingOptions(scale: .probability, caliper: .absolute(0.05))).match()
        }
        // Overlapping ranges but a caliper too narrow for anyone.
        let close = try PropensityScore(treatment: [true, false, true, false], score: [0.30, 0.35, 0.60, 0.50])
        do {
            _ = try PSMatching(close, options: MatchingOptions(scale: .probability, caliper: .absolute(0.01))).match()
            Issue.record("expected noMatches")
        } catch {
            #expect(error == .noMatches(treated: 2, comparators: 2, caliper: 0.01))
            #expect(error.description.contains("no treated unit could be matched (2 treated, 2 comparators, caliper 0.01"))
        }
        #expect(throws: PSError.invalidParameter(name: "ratio", value: 0, reason: "must be at least 1")) {
            _ = try PSMatching(close, options: MatchingOptions(ratio: .fixed(0))).match()
        }
        // A covariate that predicts the arm perfectly: the propensity model reports separation.
        let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let arm = [false, false, false, false, true, true, true, true]
        let design = try DesignMatrix(covariates: [.numeric(name: "x", values: x)])
        do {
            _ = try PropensityScore.fit(treatment: arm, design: design)
            Issue.record("expected separation")
        } catch {
            guard case .regression(.separation(let covariates, _)) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(covariates == ["x"])
        }
        #expect(throws: PSError.emptyArm(treated: 0, comparator: 8)) {
            _ = try PropensityScore.fit(treatment: [Bool](repeating: false, count: 8), design: design)
        }
    }

    // MARK: - Scores, balance, weights, strata

    @Test func fittedScoresAreIdenticalForIdenticalCovariates() throws {
        let x: [Double] = [1, 2, 2, 3, 1, 2, 3, 3, 2, 1]
        let arm = [true, false, true, false, false, true, true, false, false, true]
        let ps = try PropensityScore.fit(treatment: arm, design: try DesignMatrix(covariates: [.numeric(name: "x", values: x)]))
        #expect(ps.score[1] == ps.score[2] && ps.score[2] == ps.score[5] && ps.score[0] == ps.score[4])
        #expect(ps.model?.terms == ["(Intercept)", "x"])
    }

    @Test func preferenceScoreAndEquipoise() throws {
        // With half the units treated the preference score equals the propensity score.
        let ps = try PropensityScore(treatment: [true, false, true, false], score: [0.2, 0.4, 0.6, 0.9])
        expectClose(ps.preferenceScores(), ps.score, relative: 1e-12)
        let eq = ps.equipoise()
        #expect(eq.share == 0.5 && eq.treatedShare == 0.5 && eq.comparatorShare == 0.5 && eq.isInEquipoise)
        let dist = ps.preferenceDistribution(bins: 10)
        #expect(dist.treated.reduce(0, +) == 2 && dist.comparator[9] == 1)
    }

    @Test func balanceUsesMatchItDenominators() throws {
        let t = [true, true, true, true, false, false, false, false]
        let binary: [Double] = [1, 1, 1, 0, 0, 0, 1, 0]
        let cont: [Double] = [2, 4, 6, 8, 1, 3, 5, 20]
        let w: [Double] = [1, 1, 1, 1, 1, 0, 1, 0]
        let att = try BalanceTable(covariates: [("b", binary), ("c", cont)], treatment: t, weights: w, estimand: .att)
        let b = try #require(att.row("b")), c = try #require(att.row("c"))
        #expect(b.isBinary && !c.isBinary)
        #expect(abs(b.standardDeviation - (0.75 * 0.25).squareRoot()) < 1e-15)
        let sdT = (20.0 / 3).squareRoot()  // sample SD of 2, 4, 6, 8
        #expect(abs(c.standardDeviation - sdT) < 1e-12)
        #expect(abs(c.smdBefore - (5 - 7.25) / sdT) < 1e-12)
        #expect(abs(c.smdAfter - (5 - 3) / sdT) < 1e-12)
        let ate = try BalanceTable(covariates: [("c", cont)], treatment: t, weights: w, estimand: .ate)
        let comparatorValues: [Double] = [1, 3, 5, 20]
        var var0 = 0.0
        for v in comparatorValues { var0 += (v - 7.25) * (v - 7.25) }
        var0 /= 3
        #expect(abs(ate.rows[0].standardDeviation - ((20.0 / 3 + var0) / 2).squareRoot()) < 1e-12)
        #expect(att.maxAbsSMDAfter >= att.rows.map { abs($0.smdAfter) }.max()!)
        #expect(!att.passes && att.summary().contains("FAILS"))
        #expect(throws: PSError.emptyArm(treated: 4, comparator: 0)) {
            _ = try BalanceTable(covariates: [("c", cont)], treatment: t, weights: [1, 1, 1, 1, 0, 0, 0, 0])
        }
    }

    @Test func inverseProbabilityWeights() throws {
        let ps = try PropensityScore(treatment: [true, false, true, false], score: [0.2, 0.4, 0.8, 0.5])
        #expect(try IPTWeights(ps, estimand: .ate).weights == [5, 1 / 0.6, 1.25, 2])
        #expect(try IPTWeights(ps, estimand: .att).weights == [1, 0.4 / 0.6, 1, 1])
        expectClose(try IPTWeights(ps, estimand: .overlap).weights, [0.8, 0.4, 0.2, 0.5], relative: 1e-15)
        expectClose(try IPTWeights(ps, estimand: .ate, stabilized: true).weights, [2.5, 0.5 / 0.6, 0.625, 1], relative: 1e-15)
        let capped = try IPTWeights(ps, estimand: .ate, truncation: .maximum(2))
        #expect(capped.weights == [2, 1 / 0.6, 1.25, 2] && capped.truncated == 1)
        let q = try IPTWeights(ps, estimand: .ate, truncation: .quantiles(lower: 0, upper: 0.5))
        #expect(q.truncated == 2)
        let ess = try IPTWeights(ps, estimand: .ate).effectiveSampleSize
        #expect(abs(ess.treated - 6.25 * 6.25 / (25 + 1.5625)) < 1e-12)
        #expect(throws: PSError.self) { _ = try IPTWeights(ps, estimand: .ate, truncation: .quantiles(lower: 0.9, upper: 0.1)) }
    }

    @Test func stratificationOnQuantiles() throws {
        let score = (1...20).map { Double($0) / 21 }
        let t = (0..<20).map { $0 % 3 == 0 }
        let ps = try PropensityScore(treatment: t, score: score)
        let s = try PSStratification(ps, strata: 4)
        #expect(s.stratum == (0..<20).map { $0 / 5 })
        #expect(zip(s.treatedCounts, s.comparatorCounts).map { $0 + $1 } == [5, 5, 5, 5])
        let w = s.weights(treatment: t, estimand: .att)
        for k in 0..<4 {
            let tw = (0..<20).filter { s.stratum[$0] == k && t[$0] }.reduce(0.0) { $0 + w[$1] }
            let cw = (0..<20).filter { s.stratum[$0] == k && !t[$0] }.reduce(0.0) { $0 + w[$1] }
            #expect(abs(tw - cw) < 1e-12)
        }
        #expect(throws: PSError.self) { _ = try PSStratification(ps, strata: 1) }
    }
}
