// A self-controlled case series: does levofloxacin raise the incidence of tendon rupture in the 30 days after a
// prescription? Each case is compared with itself at other times, so fixed confounders cancel.
//
//   swift run example-sccs                    # 20,000 persons, seed 2018
//   swift run example-sccs --persons 100000
//
// See docs/sccs.md for every option of the design and the checks behind the numbers.
import CohortModel
import Foundation
import SampleData
import SignalStats

// 1. Data: the synthetic sample network. It was generated with a known effect (its ground truth), so the estimate
//    can be checked. A real study would load its network instead (see Examples/CSVFolderStudy).
let persons = commandLineOption("--persons").flatMap { Int($0) } ?? 20_000
let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: 2018))
let network = sample.network
print("Network: \(network.personCount) persons in \(network.sites.count) hospitals")

// 2. The outcome: every day with a confirmed diagnosis of tendon rupture (ICD-10 M66.3). Recurrent events count.
let tendonRupture = OutcomeDefinition.diagnosis(DiagnosisOutcome(
    concepts: ConceptSet(name: "tendon rupture", include: [.init(system: .icd10, code: "M66.3")]),
    occurrences: .everyDay))

// 3. The exposure and its risk windows: levofloxacin (YJ ingredient code 6241013, every product below it). Days 0-29
//    after each course start are the risk window; days -30 to -1 are a pre-exposure window, a diagnostic for
//    event-dependent exposure. Age (10-year groups) and season (calendar month) adjust for time-varying confounding.
let levofloxacin = ConceptSet(name: "levofloxacin", include: [.init(system: .yj, code: "6241013", descendants: true)])
let design = SCCSNetworkDesign(
    exposures: [.init(name: "levofloxacin", drugs: levofloxacin, windows: [
        SCCSRiskWindow(label: "0-29", start: 0, end: 29, endAnchor: .eraStart),
    ])],
    ageCutPointsYears: Array(stride(from: 10, through: 90, by: 10)),
    seasonStartMonths: Array(1...12), preExposureDays: 30)

do {
    // 4. Run the design: cases, intervals (exposure windows, age and season groups), the fit and every diagnostic,
    //    as `pvstudy run` does for a study file with the same settings.
    let study = try design.run(on: network, outcome: try tendonRupture.events(in: network))
    print("\nAttrition:\n" + study.attrition.summary())
    let result = study.fit
    print("\n" + result.summary())

    // 5. Diagnostics: power (minimum detectable RI), event-dependent exposure, time trend, end of observation, rarity
    //    of the outcome; each with its verdict, or the reason it could not be computed.
    print("\nDiagnostics:")
    for d in study.diagnostics {
        let verdict: String
        switch d.verdict {
        case .pass: verdict = "pass"
        case .fail: verdict = "FAIL"
        case .notComputed(let reason): verdict = "not computed (\(reason))"
        }
        print("  \(verdict)  \(d.name) = \(String(format: "%.3g", d.value))  (\(d.threshold))")
    }

    // 6. The estimate beside the effect the network was generated with.
    if let e = study.windows.first(where: { $0.window.label == "0-29" })?.estimate {
        let truth = sample.truth.sccs.relativeIncidence
        print(String(format: "\nRelative incidence, days 0-29: %.2f (95%% CI %.2f-%.2f); injected truth %.2f: %@",
                     e.relativeIncidence, e.waldLower, e.waldUpper, truth,
                     e.waldLower <= truth && truth <= e.waldUpper ? "covered" : "not covered"))
    }

    // 7. The same study with OHDSI-style splines instead of step functions: age (quadratic B-spline, 5 knots at
    //    quantiles of the event ages), season (cyclic, 5 knots) and calendar time (5 knots), time split by calendar
    //    month. Then the time-trend stability check: observed against expected events per calendar month.
    var splineDesign = design
    splineDesign.splines = SCCSSplineAdjustment(age: .count(5), season: .count(5), calendarTime: .count(5))
    let splineModel = try SCCSSplineModel(try splineDesign.prepare(network: network, outcome: tendonRupture))
    let splineResult = try splineModel.fit()
    if let e = splineResult.estimate("levofloxacin 0-29"), let lo = e.profileLower, let hi = e.profileUpper {
        print(String(format: "\nWith splines (%d month-split intervals): RI days 0-29 %.2f (profile 95%% CI %.2f-%.2f)",
                     splineModel.intervals.count, e.relativeIncidence, lo, hi))
    }
    let stability = try SCCSDiagnostics.timeStability(splineModel, result: splineResult)
    let d = stability.diagnostic
    print("  \(d.passed ? "pass" : "FAIL")  \(d.name): \(d.note)  (\(d.threshold))")
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
