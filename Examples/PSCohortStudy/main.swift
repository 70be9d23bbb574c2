// A new-user, active-comparator cohort study: is pioglitazone (target) associated with more liver injury (ALT above
// 3 x the upper reference limit) than sitagliptin (comparator), both started for diabetes? Confounding by age, liver
// and kidney disease is handled by matching on a propensity score.
//
//   swift run example-ps-cohort                   # 40,000 persons, seed 2018
//   swift run example-ps-cohort --persons 100000
//
// See docs/ps-cohort.md for every option of the design and the checks behind the numbers.
import CohortModel
import Foundation
import SampleData
import SignalStats

// 1. Data: the synthetic sample network, generated with a known effect (its ground truth).
let persons = commandLineOption("--persons").flatMap { Int($0) } ?? 40_000
let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: 2018))
let network = sample.network
print("Network: \(network.personCount) persons in \(network.sites.count) hospitals")

// 2. The outcome: an ALT result above 3 x the hospital's upper reference limit.
let liverInjury = OutcomeDefinition.lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3)))

// 3. The design: new users (365 days without the drug before the first prescription) of each drug, on treatment
//    until 30 days after the last prescription; covariates (age, sex, site, diagnoses, drugs, labs) from all prior
//    observation; a logistic propensity model; 1:1 nearest-neighbour matching within 0.2 SD of the logit score.
var design = PSCohortStudyDesign(
    target: ConceptSet(name: "pioglitazone", include: [.init(system: .yj, code: "3969007", descendants: true)]),
    comparator: ConceptSet(name: "sitagliptin", include: [.init(system: .yj, code: "3969010", descendants: true)]))
design.timeAtRisk = .onTreatment(daysAfterExposureEnd: 30)
design.covariates = CovariateOptions(windowStart: -36_500, windowEnd: -1, minimumPrevalence: 0.001)
design.matching = MatchingOptions(caliper: .standardDeviations(0.2), order: .random(seed: 1))

do {
    // 4. Run: population and attrition, covariates, propensity score, matching, balance, Cox models.
    let result = try design.run(network: network, outcome: liverInjury)
    print("\n" + result.summary())

    // 5. Diagnostics (the summary gives equipoise and the largest |SMD|): the covariates that were most imbalanced
    //    before matching, and after. Balance passes when every |SMD| after matching is below 0.1.
    print("\n" + result.balance.summary(maxRows: 5))
    print("equipoise (at least half of the persons with a preference score in 0.3-0.7): "
        + (result.equipoise.isInEquipoise ? "pass" : "FAIL"))

    // 6. The matched (marginal) hazard ratio beside the effect the network was generated with. The crude one is
    //    confounded: persons with liver disease more often get pioglitazone.
    let hr = try result.hazardRatios()
    let truth = sample.truth.ps.marginalHazardRatioATT
    print(String(format: "\nHazard ratio, crude: %.2f (95%% CI %.2f-%.2f)",
                 hr.crude.hazardRatio, hr.crude.lower, hr.crude.upper))
    print(String(format: "Hazard ratio, matched: %.2f (95%% CI %.2f-%.2f); injected truth %.2f: %@",
                 hr.marginal.hazardRatio, hr.marginal.lower, hr.marginal.upper, truth,
                 hr.marginal.lower <= truth && truth <= hr.marginal.upper ? "covered" : "not covered"))
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
