import CohortModel
import Foundation
import SampleData
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The comparative cohort study on the sample network: pioglitazone (target) versus sitagliptin (comparator), outcome
/// ALT above 3 x the row's upper reference limit, confounded by age, liver and kidney disease.
@Suite struct PSCohortStudyTests {
    static let pioglitazone = ConceptSet(name: "pioglitazone", include: [.init(system: .yj, code: "3969007", descendants: true)])
    static let sitagliptin = ConceptSet(name: "sitagliptin", include: [.init(system: .yj, code: "3969010", descendants: true)])

    /// ALT (JLAC10 3B045000002327201) results above 3 x the row's `referenceHigh`: the sample network's PS outcome.
    static func altAbove3xULN(_ network: Network) -> (persons: [Int32], dates: [Day]) {
        let labs = network.labs.table
        guard let alt = network.vocabulary.id(of: "3B045000002327201", system: .jlac10) else { return ([], []) }
        var persons: [Int32] = [], dates: [Day] = []
        for i in 0..<labs.count where labs.code[i] == alt && labs.referenceHigh[i].isFinite && labs.value[i] > 3 * labs.referenceHigh[i] {
            persons.append(labs.person[i])
            dates.append(labs.date[i])
        }
        return (persons, dates)
    }

    static func design() -> PSCohortStudyDesign {
        var d = PSCohortStudyDesign(target: pioglitazone, comparator: sitagliptin)
        // Chronic conditions are diagnosed early in observation, often more than a year before the index date: look
        // back over all prior observation.
        d.covariates = CovariateOptions(windowStart: -36_500, windowEnd: -1, minimumPrevalence: 0.001)
        d.timeAtRisk = .onTreatment(daysAfterExposureEnd: 30)
        return d
    }

    /// One network for the suite (generating it dominates the run time in debug builds).
    static let sample = SampleNetwork.generate(SampleConfiguration(persons: 40_000, seed: 2018))
    static let outcome = altAbove3xULN(sample.network)

    @Test func matchedHazardRatioCoversTheMarginalTruth() throws {
        let network = Self.sample.network
        let result = try Self.design().run(network: network, outcomePersons: Self.outcome.persons, outcomeDates: Self.outcome.dates)
        let truth = Self.sample.truth.ps
        let h = try result.hazardRatios()
        if ProcessInfo.processInfo.environment["PS_PRINT"] != nil { print(result.summary()); print(truth) }
        // The 95% interval of the matched (marginal) hazard ratio covers the generator's marginal ATT hazard ratio for
        // this seed (coverage over many seeds is the recovery study).
        #expect(h.marginal.lower < truth.marginalHazardRatioATT && truth.marginalHazardRatioATT < h.marginal.upper, "\(result.summary())")
        // Confounding by age, liver and kidney disease: the crude estimate is further from the truth.
        let logTruth = Foundation.log(truth.marginalHazardRatioATT)
        #expect(abs(h.crude.logHazardRatio - logTruth) > abs(h.marginal.logHazardRatio - logTruth) + 0.05)
        #expect(result.balance.maxAbsSMDBefore > 0.5)
        #expect(result.balance.passes, "\(result.balance.summary(maxRows: 10))")
        #expect(h.marginal.isRobust && !h.conditional.isRobust)
        #expect(result.marginal.clusterCount == result.matching.setCount)
        #expect(result.conditional.strataCount == result.matching.setCount)
        #expect(result.proportionalHazards != nil)
        // Attrition and counts add up.
        let pop = result.population
        let last = try #require(pop.attrition.last)
        #expect(last.target + last.comparator == pop.count)
        #expect(result.attrition.last == PSAttritionStep(description: "matched", target: result.matching.setCount, comparator: result.matching.matchedComparators))
        #expect(result.countsBefore.target.events + result.countsBefore.comparator.events == Int(pop.status.reduce(0, +)))
        #expect(result.countsAfter.target.persons == result.matching.setCount)
        // Every outcome counted is an ALT result above 3 x ULN inside the person's time at risk.
        for k in 0..<pop.count {
            if let d = pop.outcomeDate[k] { #expect(d >= pop.riskStart[k] && d <= pop.riskEnd[k]) }
        }
        let summary = result.summary()
        #expect(summary.contains("marginal (matched, robust by set)") && summary.contains("equipoise"))
    }

    @Test func populationFollowsTheDesign() throws {
        let network = Self.sample.network
        var itt = Self.design()
        itt.timeAtRisk = .intentionToTreat()
        let onTreatment = try Self.design().population(network: network, outcomePersons: Self.outcome.persons, outcomeDates: Self.outcome.dates)
        let intention = try itt.population(network: network, outcomePersons: Self.outcome.persons, outcomeDates: Self.outcome.dates)
        #expect(onTreatment.count == intention.count)
        // Intention to treat follows everyone at least as long, so it counts at least as many outcomes.
        #expect(zip(intention.riskEnd, onTreatment.riskEnd).allSatisfy { $0 >= $1 })
        #expect(intention.status.reduce(0, +) >= onTreatment.status.reduce(0, +))
        #expect(onTreatment.attrition.map(\.description).first == "new users (washout 365 days)")
        #expect(onTreatment.attritionSummary().contains("at least 1 day at risk"))
    }

    // MARK: - Bad input

    @Test func noOutcomesInOneArmIsReported() throws {
        let network = Self.sample.network
        let pop = try Self.design().population(network: network, outcomePersons: [], outcomeDates: [])
        // Outcomes only for target-drug users: the comparator arm has none.
        var persons: [Int32] = [], dates: [Day] = []
        for k in 0..<pop.count where pop.treated[k] && persons.count < 30 {
            persons.append(pop.person[k])
            dates.append(pop.riskStart[k] + 10)
        }
        do {
            _ = try Self.design().run(network: network, outcomePersons: persons, outcomeDates: dates)
            Issue.record("expected an error")
        } catch {
            guard case .study(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.contains("no outcomes in the comparator arm of the matched cohort"), "\(message)")
        }
    }

    @Test func anEmptyArmIsReported() throws {
        var d = Self.design()
        d.comparator = ConceptSet(name: "nothing", include: [.init(system: .yj, code: "0000000", descendants: true)])
        do {
            _ = try d.population(network: Self.sample.network, outcomePersons: [], outcomeDates: [])
            Issue.record("expected an error")
        } catch {
            guard case .study(let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(message.hasPrefix("after \"new users\" an arm is empty") && message.hasSuffix(" target and 0 comparator persons"))
        }
    }
}
