import ArgumentParser
import CohortModel
import Foundation
import SampleData
import SignalStats

/// `pvstudy demo`: generate the sample network and run every analysis the library has on it, printing each estimate
/// beside the injected truth.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the sample network and run the library's analyses on it, estimates beside the truth.")

    @Option(help: "Number of persons in the sample network.")
    var persons: Int = 100_000

    @Option(help: "Seed of the sample network.")
    var seed: UInt64 = 2018

    func validate() throws {
        guard persons >= 1_000 else { throw ValidationError("--persons must be at least 1000") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: seed))
        let n = sample.network
        print("Sample network (seed \(seed)) generated in \(format(clock.now - t0))")
        print(networkSummary(n))
        print("")
        let q0 = clock.now
        let quality = QualityReport.build(network: n)
        print("== Data quality (\(quality.checks.count) checks, \(format(clock.now - q0)))")
        print(quality.summary().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        print("")
        try runSCCS(sample)
        print("")
        try runPS(sample)
        print("")
        try runSSA(sample)
    }

    func runPS(_ sample: SampleNetwork) throws {
        let n = sample.network, t = sample.truth.ps
        print("== Propensity-score cohort study: \(t.target) (target) vs \(t.comparator) (comparator), ALT > 3 x ULN")
        let clock = ContinuousClock()
        let t0 = clock.now
        // The outcome as a study would define it: an ALT result above 3 x the site's upper reference limit.
        let outcome = OutcomeDefinition.lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3)))
        let events = try outcome.events(in: n)
        var design = PSCohortStudyDesign(target: SampleNetwork.drugs(atc: t.targetATC, name: t.target), comparator: SampleNetwork.drugs(atc: t.comparatorATC, name: t.comparator))
        design.covariates = CovariateOptions(windowStart: -36_500, windowEnd: -1, minimumPrevalence: 0.001)
        design.timeAtRisk = .onTreatment(daysAfterExposureEnd: 30)
        let result = try design.run(network: n, outcomePersons: events.person, outcomeDates: events.date)
        let h = try result.hazardRatios()
        let elapsed = clock.now - t0
        print("  \(result.population.count) new users; \(result.matching.setCount) matched pairs; "
            + String(format: "max |SMD| %.3f before, %.3f after matching (threshold 0.1: %@); equipoise %.2f",
                     result.balance.maxAbsSMDBefore, result.balance.maxAbsSMDAfter, result.balance.passes ? "pass" : "FAIL",
                     result.equipoise.share))
        for (label, e) in [("crude", h.crude), ("matched, marginal (robust by pair)", h.marginal), ("matched, conditional (stratified by pair)", h.conditional)] {
            print(String(format: "  hazard ratio, %@: %.3f (95%% %.3f - %.3f)", label, e.hazardRatio, e.lower, e.upper))
        }
        let covered = h.marginal.lower <= t.marginalHazardRatioATT && t.marginalHazardRatioATT <= h.marginal.upper
        print(String(format: "  injected truth: marginal HR in the treated %.3f (conditional %.2f)   %@   (%@)",
                     t.marginalHazardRatioATT, t.conditionalHazardRatio, covered ? "covered" : "NOT covered", format(elapsed)))
    }

    func runSSA(_ sample: SampleNetwork) throws {
        let n = sample.network, t = sample.truth.ssa
        print("== Sequence symmetry analysis: \(t.index) (index) then \(t.marker) (marker), a prescribing cascade")
        let clock = ContinuousClock()
        let t0 = clock.now
        let sequences = try SSASequences(network: n, index: SampleNetwork.drugs(atc: t.indexATC, name: t.index), marker: SampleNetwork.drugs(atc: t.markerATC, name: t.marker))
        let result = try SSAModel(sequences).fit()
        let elapsed = clock.now - t0
        let c = result.crude, a = result.adjusted
        print(String(format: "  crude sequence ratio %.3f (95%% %.3f - %.3f); null-effect ratio %.4f (trend); adjusted %.3f (95%% %.3f - %.3f)",
                     c.ratio, c.betaInterval.lower, c.betaInterval.upper, result.nullEffect.ratio, a.ratio,
                     a.betaInterval.lower, a.betaInterval.upper))
        let covered = a.betaInterval.lower <= t.sequenceRatio && t.sequenceRatio <= a.betaInterval.upper
        print(String(format: "  injected truth on the sequence-ratio scale: %.3f = (RR·L + W − L)/W with RR %.0f, L %d, W %d   %@   (%@)",
                     t.sequenceRatio, t.hazardRatio, t.effectDays, t.windowDays, covered ? "covered" : "NOT covered", format(elapsed)))
        // Screening: every ordered pair of ingredients (7-character YJ prefixes), ranked, with FDR control.
        let s0 = clock.now
        let classes = SSADrugClasses.codePrefix(length: 7, system: .yj, in: n.vocabulary)
        let screening = try SSAClassSequences(network: n, classes: classes).screen()
        let names = Dictionary(SampleNetwork.drugCatalog.map { (String($0.yj.prefix(7)), $0.name) }, uniquingKeysWith: { a, _ in a })
        print("  screening of \(classes.count) ingredients (\(format(clock.now - s0))); top of the ranking (YJ ingredient codes: "
            + ["2171022", "2139005"].compactMap { code in names[code].map { "\(code) \($0)" } }.joined(separator: ", ") + "):")
        print(screening.summary(top: 5).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
    }

    func networkSummary(_ n: Network) -> String {
        let labTests = Set(n.labs.table.code).count
        return """
              persons \(n.personCount) in \(n.sites.count) hospitals of \(Set(n.sites.map(\.organizationID)).count) organizations
              observation periods \(n.observationPeriods.table.count), drug exposures \(n.drugs.table.count), \
            diagnoses \(n.diagnoses.table.count), lab results \(n.labs.table.count) (\(labTests) tests), \
            admissions \(n.admissions.table.count)
            """
    }

    func runSCCS(_ sample: SampleNetwork) throws {
        let n = sample.network, t = sample.truth.sccs
        print("== Self-controlled case series: \(t.drug) and \(t.outcomeICD10) (tendon rupture)")
        var persons: [Int32] = [], dates: [Day] = []
        if let outcome = n.vocabulary.id(of: t.outcomeICD10, system: .icd10) {
            for i in 0..<n.diagnoses.table.count where n.diagnoses.table.code[i] == outcome {
                persons.append(n.diagnoses.table.person[i])
                dates.append(n.diagnoses.table.date[i])
            }
        }
        let drug = SampleNetwork.drugs(atc: t.drugATC, name: t.drug)
        let design = SCCSNetworkDesign(
            exposures: [.init(name: t.drug, drugs: drug,
                              windows: [SCCSRiskWindow(label: "\(t.riskStart)-\(t.riskEnd)", start: t.riskStart, end: t.riskEnd, endAnchor: .eraStart)])],
            ageCutPointsYears: Array(stride(from: 5, through: 95, by: 5)), seasonStartMonths: Array(1...12))
        let clock = ContinuousClock()
        let t0 = clock.now
        let prepared = try design.prepare(network: n, outcomePersons: persons, outcomeDates: dates)
        let result = try SCCSModel(prepared.intervals).fit()
        let elapsed = clock.now - t0
        guard let e = result.estimate("\(t.drug) \(t.riskStart)-\(t.riskEnd)") else {
            print("  no estimate for the exposure window")
            return
        }
        print(prepared.attrition.summary().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        print(String(format: "  relative incidence, days %d-%d: %.3f  (95%% Wald %.3f - %.3f, profile %.3f - %.3f)",
                     t.riskStart, t.riskEnd, e.relativeIncidence, e.waldLower, e.waldUpper,
                     e.profileLower ?? .nan, e.profileUpper ?? .nan))
        print(String(format: "  injected truth: %.3f   %@   (%d cases, %d intervals, adjusted for 5-year age groups and month; %@)",
                     t.relativeIncidence, e.waldLower <= t.relativeIncidence && t.relativeIncidence <= e.waldUpper ? "covered" : "NOT covered",
                     result.construction.cases, result.regression.observations, format(elapsed)))
        let mdrr = try SCCSDiagnostics.minimumDetectableRelativeIncidence(result, term: e.term)
        let rare = SCCSDiagnostics.rareOutcome(personsWithOutcome: prepared.attrition.steps.first?.persons ?? 0, population: n.personCount)
        for d in [mdrr, rare] {
            print(String(format: "  diagnostic: %@ = %.4g (%@: %@)", d.name, d.value, d.threshold, d.passed ? "pass" : "FAIL"))
        }
    }
}

func format(_ d: Duration) -> String {
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    return s < 1 ? String(format: "%.0f ms", s * 1000) : String(format: "%.2f s", s)
}
