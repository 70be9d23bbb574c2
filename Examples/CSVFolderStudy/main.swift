// A study on data loaded from disk: a folder of CSV tables in the documented layout (docs/data-model.md), checked
// for quality, then analysed. Here the folder holds the sample network written by `pvstudy generate`, whose
// ground_truth.json says what the analysis should find; with a real extract, only the truth is missing.
//
//   swift run pvstudy generate --persons 10000 --out data/
//   swift run example-csv-folder data/
import CohortModel
import Foundation
import SampleData
import SignalStats

let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "data")
guard FileManager.default.fileExists(atPath: folder.path) else {
    print("No folder \(folder.path): write one with `swift run pvstudy generate --persons 10000 --out \(folder.path)`")
    exit(1)
}

do {
    // 1. Load. Lenient mode stores every row it can and rejects the others with their file, line and reason;
    //    strict mode (`.strict`) stops at the first bad row instead.
    let loaded = try NetworkLoader.loadCSV(directory: folder, options: .lenient)
    let network = loaded.network
    print("Loaded \(network.personCount) persons in \(network.sites.count) hospitals from \(folder.path)\n")
    print(loaded.report.summary())

    // 2. Check data quality: reconciliation with the source, conformance, completeness, plausibility.
    let quality = QualityReport.build(network: network, loadReport: loaded.report)
    print("\nData quality: \(quality.checks.count) checks, \(quality.failedChecks.count) failed"
        + quality.failedChecks.map { "\n  failed: \($0.id) (\($0.table))" }.joined())

    // 3. Analyse: the self-controlled case series of Examples/SCCSStudy on the loaded network.
    let design = SCCSNetworkDesign(
        exposures: [.init(
            name: "levofloxacin",
            drugs: ConceptSet(name: "levofloxacin", include: [.init(system: .yj, code: "6241013", descendants: true)]),
            windows: [SCCSRiskWindow(label: "0-29", start: 0, end: 29, endAnchor: .eraStart)])],
        ageCutPointsYears: Array(stride(from: 10, through: 90, by: 10)), seasonStartMonths: [3, 6, 9, 12])
    let tendonRupture = OutcomeDefinition.diagnosis(DiagnosisOutcome(
        concepts: ConceptSet(name: "tendon rupture", include: [.init(system: .icd10, code: "M66.3")]),
        occurrences: .everyDay))
    let result = try SCCSModel(design.prepare(network: network, outcome: tendonRupture).intervals).fit()
    guard let e = result.estimate("levofloxacin 0-29") else {
        print("No estimate for levofloxacin 0-29:\n" + result.summary())
        exit(1)
    }
    print(String(format: "\nRelative incidence of tendon rupture, days 0-29 after levofloxacin: %.2f "
                     + "(95%% CI %.2f-%.2f); %d cases",
                 e.relativeIncidence, e.waldLower, e.waldUpper, result.construction.cases))

    // 4. The truth, when the folder came from `pvstudy generate`.
    let truthFile = folder.appendingPathComponent("ground_truth.json")
    if let data = try? Data(contentsOf: truthFile) {
        let truth = try JSONDecoder().decode(GroundTruth.self, from: data).sccs.relativeIncidence
        let covered = e.waldLower <= truth && truth <= e.waldUpper
        print(String(format: "Injected truth %.2f: %@", truth, covered ? "covered" : "not covered"))
    }
} catch {
    print("The study failed: \(error)")
    exit(1)
}
