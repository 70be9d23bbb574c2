// A sequence symmetry screen: for every pair of drugs in the network, is one started before the other more often than
// the drugs' incidence alone predicts? A drug whose adverse effect is treated by another (a prescribing cascade:
// amlodipine causes ankle oedema, treated with furosemide) shows as an excess of index-then-marker sequences.
//
//   swift run example-ssa-screen                   # 20,000 persons, seed 2018
//   swift run example-ssa-screen --persons 100000
//
// See docs/ssa.md for the design, the ratios and their intervals.
import CohortModel
import Foundation
import SampleData
import SignalStats

// 1. Data: the synthetic sample network, generated with a known cascade (its ground truth).
let persons = commandLineOption("--persons").flatMap { Int($0) } ?? 20_000
let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: 2018))
let network = sample.network
print("Network: \(network.personCount) persons in \(network.sites.count) hospitals")

// 2. The drugs to screen: one concept set per ingredient (the first 7 characters of a YJ code), named by the drug.
let ingredients = SampleNetwork.drugCatalog.map { drug in
    ConceptSet(name: drug.name, include: [.init(system: .yj, code: String(drug.yj.prefix(7)), descendants: true)])
}

do {
    // 3. The screen: incident first starts after 365 days of observation, the second drug 1-365 days after the first,
    //    adjusted for each drug's trend in incidence; pairs flagged at a false-discovery rate of 5%.
    let classes = try SSADrugClasses(conceptSets: ingredients, in: network.vocabulary)
    let sequences = try SSAClassSequences(network: network, classes: classes, design: SSADesign())
    let screening = try sequences.screen(SSAScreeningOptions(falseDiscoveryRate: 0.05))
    print("\n" + screening.summary(top: 10))
    print("\nFlagged: " + screening.signals.map { "\($0.index) -> \($0.marker)" }.joined(separator: ", "))

    // 4. One pair in detail: the full analysis (attrition, crude, null-effect and adjusted ratios, exact test).
    let truth = sample.truth.ssa
    let index = ingredients.first { $0.name == truth.index }, marker = ingredients.first { $0.name == truth.marker }
    if let index, let marker {
        let result = try SSAModel(SSASequences(network: network, index: index, marker: marker)).fit()
        print("\n" + result.summary())
        let ci = result.adjusted.betaInterval
        print(String(format: "\nAdjusted sequence ratio %.2f (95%% CI %.2f-%.2f); injected truth %.2f: %@; "
                     + "rank %d of %d pairs",
                     result.adjusted.ratio, ci.lower, ci.upper, truth.sequenceRatio,
                     ci.lower <= truth.sequenceRatio && truth.sequenceRatio <= ci.upper ? "covered" : "not covered",
                     screening.rank(of: truth.index, truth.marker) ?? 0, screening.pairs.count))
    }
} catch {
    print("The study failed: \(error)")
    exit(1)
}

/// The value after `name` on the command line (`--persons 100000`), if any.
func commandLineOption(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
