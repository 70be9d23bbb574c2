import Foundation
import Testing
@testable import StudyKit
import SignalStats
import CohortModel

/// The design grammar (issue 12): a design's study-file object decodes into the library's own settings type, every
/// mistake is caught before data is loaded with the key path, and the options the library has are reachable.
@Suite struct StudyGrammarTests {
    static let valid = """
        {"name": "t", "data": {"sample": {"persons": 2000, "seed": 1}},
         "conceptSets": [{"name": "levo", "include": [{"system": "YJ", "code": "6241013", "descendants": true}]},
                         {"name": "tr", "include": [{"system": "ICD10", "code": "M66.3"}]}],
         "outcomes": [{"name": "tr", "diagnosis": {"conceptSet": "tr"}}],
         "designs": [{"name": "s", "type": "sccs", "outcome": "tr",
                      "exposures": [{"conceptSet": "levo", "riskWindows": [{"start": 0, "end": 29, "endAnchor": "eraStart"}]}],
                      "ageCutPointsYears": [20, 40]}]}
        """

    func message(_ text: String) -> String? {
        do {
            _ = try StudySpec.parse(Data(text.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func theStudyFilesDesignIsTheLibrarysDesign() throws {
        let spec = try StudySpec.parse(Data(Self.valid.utf8))
        let design = try #require(spec.designs[0].sccs)
        // The defaults are the library's: one definition (persistence gap 30, end-of-observation check 30 days).
        let library = SCCSNetworkDesign(
            exposures: [.init(name: "levo", drugs: .named("levo"), windows: [SCCSRiskWindow(label: "0-29", start: 0, end: 29, endAnchor: .eraStart)])],
            ageCutPointsYears: [20, 40])
        #expect(design == library)
        // Encoding and decoding again gives the same design.
        let again = try JSONDecoder().decode(SCCSNetworkDesign.self, from: JSONEncoder().encode(design))
        #expect(again == design)
    }

    @Test func aTypoNamesTheKeyAndSuggestsTheRightOne() {
        let text = Self.valid.replacingOccurrences(of: "\"riskWindows\"", with: "\"riskWindows\": [{\"start\": 0, \"end\": 1}], \"riskWindow\"")
        let m = message(text) ?? ""
        #expect(m.contains("designs[0].exposures[0].riskWindow"), "\(m)")
        #expect(m.contains("unknown key riskWindow; did you mean riskWindows?"), "\(m)")
    }

    @Test func mistakesAreCaughtBeforeDataWithTheKeyPath() {
        let cases: [(String, String, String)] = [
            ("\"start\": 0, \"end\": 29", "\"start\": 29, \"end\": 0", "the window ends (day 0) before it starts (day 29)"),
            ("\"end\": 29", "\"end\": 3000000000", "days from the anchor lie within ±36525"),
            ("[20, 40]", "[40, 20]", "age cut points are strictly increasing years"),
            ("[20, 40]", "[20, 200]", "age cut points are whole years 1 to 120, found 200"),
            ("\"ageCutPointsYears\"", "\"persistenceGap\": 10000000, \"ageCutPointsYears\"", "persistenceGap"),
            ("\"code\": \"6241013\"", "\"code\": \"\"", "a code is not empty"),
        ]
        for (from, to, expected) in cases {
            let m = message(Self.valid.replacingOccurrences(of: from, with: to))
            #expect(m?.contains(expected) == true, "\(to): \(m ?? "accepted")")
        }
        let empty = Self.valid.replacingOccurrences(
            of: Self.valid[Self.valid.range(of: "\"designs\": [")!.lowerBound...].dropLast(1), with: "\"designs\": []")
        #expect(message(empty)?.contains("a study runs at least one design") == true, "\(message(empty) ?? "accepted")")
    }

    /// Every SCCS option the library has runs from a study file (`Examples/studies/sccs-splines.json`: splines of age,
    /// season and calendar time, two exposures, windows anchored at era start and end, naive period, study period,
    /// first outcome only, pre-exposure and end-of-observation checks) on a 5,000-person network.
    @Test func theSplineExampleStudyRunsEveryOption() throws {
        let url = StudyRunTests.examples.appendingPathComponent("sccs-splines.json")
        let (spec, bytes) = try StudySpec.load(contentsOf: url)
        let data = try StudyData.load(DataSourceSpec(sample: .init(persons: StudyRunTests.persons, seed: 2018)), baseDirectory: StudyRunTests.examples)
        let run = try StudyRunTests.run(spec, bytes, data: data)
        let design = try #require(run.results.designs.first)
        #expect(design.error == nil, "\(design.error ?? "")")
        let sccs = try #require(design.sccs)
        #expect(sccs.estimates.map(\.term) == ["levofloxacin 0-29", "levofloxacin after era", "levofloxacin pre-exposure", "amlodipine on treatment"])
        // Splines replace the step functions.
        #expect(sccs.ageEffects.isEmpty && sccs.seasonEffects.isEmpty)
        // Every diagnostic is there, computed or with its reason: 3 MDRRs, pre-exposure, time trend, end of observation, rare outcome.
        #expect(sccs.diagnostics.count == 7, "\(sccs.diagnostics.map(\.name))")
        #expect(sccs.diagnostics.allSatisfy { $0.notComputed == nil || !$0.passed })
    }

    /// An ATC concept set finds the sample network's YJ-coded prescriptions through its YJ→ATC code mapping, and gives
    /// the same SCCS estimate as the YJ concept set; a concept set that matches no record fails its design, naming
    /// the set and the code systems in the data.
    @Test func atcConceptSetsFindYJPrescriptionsAndEmptySetsFailTheirDesign() throws {
        let data = try StudyData.load(DataSourceSpec(sample: .init(persons: StudyRunTests.persons, seed: 2018)), baseDirectory: StudyRunTests.examples)
        func run(_ levo: String) throws -> StudyResults {
            let text = Self.valid.replacingOccurrences(of: "{\"system\": \"YJ\", \"code\": \"6241013\", \"descendants\": true}", with: levo)
            let spec = try StudySpec.parse(Data(text.utf8))
            return try StudyRunTests.run(spec, Data(text.utf8), data: data).results
        }
        let yj = try run("{\"system\": \"YJ\", \"code\": \"6241013\", \"descendants\": true}")
        let atc = try run("{\"system\": \"ATC\", \"code\": \"J01MA12\"}")
        #expect(yj.designs[0].error == nil && atc.designs[0].error == nil)
        let a = try #require(atc.conceptSets?.first { $0.name == "levo" }), y = try #require(yj.conceptSets?.first { $0.name == "levo" })
        #expect(a.expandedThroughMapping && !y.expandedThroughMapping)
        #expect(a.drugRecords == y.drugRecords && (a.drugRecords.value ?? 0) > 0)
        #expect(atc.designs[0].sccs?.estimates == yj.designs[0].sccs?.estimates)

        let none = try run("{\"system\": \"ATC\", \"code\": \"N05BA01\"}")
        let error = try #require(none.designs[0].error)
        #expect(error.contains("concept set \"levo\" matches no drug record") && error.contains("YJ"), "\(error)")
        #expect(none.conceptSets?.first { $0.name == "levo" }?.drugRecords == .value(0))
    }

    /// The PS design's options from a study file: one caliper grammar (`caliper` with `caliperScale`), variable-ratio
    /// matching, the matching order, the regularized cross-validated propensity model and the primary estimand decode
    /// into the library's `PSCohortStudyDesign`, and `Examples/studies/ps-cohort-options.json` runs on 5,000 persons.
    @Test func psOptionsDecodeIntoTheLibraryDesignAndTheExampleRuns() throws {
        let url = StudyRunTests.examples.appendingPathComponent("ps-cohort-options.json")
        let (spec, bytes) = try StudySpec.load(contentsOf: url)
        let design = try #require(spec.designs[0].psCohort)
        #expect(design.matching.caliper == .absolute(0.05) && design.matching.scale == .logit)
        #expect(design.matching.ratio == .variable(max: 4) && design.matching.order == .descendingScore)
        #expect(design.propensityModel == .crossValidated(.lasso, CrossValidationOptions(folds: 5, seed: 1)))
        #expect(design.primaryEstimand == .conditional && design.newUsers.requiredPriorObservationDays == 30)
        #expect(design.timeAtRisk == .intentionToTreat(maximumDays: 365))
        // Defaults are the library's: a 0.2-SD caliper on the standardized logit, 1:1, random order with seed 1, and
        // FeatureExtraction's 0.001 minimum prevalence.
        let minimal = try JSONDecoder().decode(PSCohortStudyDesign.self, from: Data(#"{"target": "a", "comparator": "b"}"#.utf8))
        let library = PSCohortStudyDesign(target: ConceptSet(name: "a", include: []), comparator: ConceptSet(name: "b", include: []))
        #expect(minimal.matching == library.matching && minimal.covariates == library.covariates && minimal.timeAtRisk == library.timeAtRisk)
        #expect(minimal.matching.caliper == .standardDeviations(0.2) && minimal.covariates.minimumPrevalence == 0.001)
        // Round trip through the grammar.
        #expect(try JSONDecoder().decode(PSCohortStudyDesign.self, from: JSONEncoder().encode(design)) == design)

        let data = try StudyData.load(DataSourceSpec(sample: .init(persons: StudyRunTests.persons, seed: 2018)), baseDirectory: StudyRunTests.examples)
        let run = try StudyRunTests.run(spec, bytes, data: data)
        let ps = try #require(run.results.designs[0].psCohort, "\(run.results.designs[0].error ?? "")")
        #expect(ps.hazardRatios.primary == "conditional")
        #expect(ps.matching.method.hasPrefix("1:1-4 greedy nearest neighbour on the logit score, caliper 0.05"), "\(ps.matching.method)")
    }

    @Test func psMistakesNameTheKey() {
        let ps = #"{"name": "t", "data": {"sample": {"persons": 2000, "seed": 1}}, "conceptSets": [{"name": "a", "include": [{"system": "YJ", "code": "3969007", "descendants": true}]}, {"name": "b", "include": [{"system": "YJ", "code": "3969010", "descendants": true}]}], "outcomes": [{"name": "o", "lab": {"analyte": "ALT", "rule": "aboveUpperLimit", "value": 3}}], "designs": [{"name": "p", "type": "psCohort", "target": "a", "comparator": "b", "outcome": "o", X}]}"#
        let cases: [(String, String)] = [
            (#""caliperScale": "sd""#, #"designs[0].caliperScale"#), (#""maxRatio": 0"#, "must be 1 to 100"),
            (#""caliperSD": "allUnits""#, #"expected "pooled""#), (#""covariateWindowStart": 30"#, "must be -36525 to -1"),
            (#""propensityModel": {"penalty": "lasso"}"#, "lambda"), (#""matchingOrdre": "random""#, "did you mean matchingOrder?"),
        ]
        for (key, expected) in cases {
            let m = message(ps.replacingOccurrences(of: "X", with: key))
            #expect(m?.contains(expected) == true, "\(key): \(m ?? "accepted")")
        }
    }

    /// The SSA object's incidence rules are the library's `SSADesign`; the values the reliability review found crashing
    /// or running for minutes (`maximumGapDays: 1e7`, `screening.top: -1`) are rejected before data is loaded.
    @Test func ssaRulesAreTheLibrarysAndBounded() throws {
        let ssa = #"{"name": "t", "data": {"sample": {"persons": 2000, "seed": 1}}, "conceptSets": [{"name": "a", "include": [{"system": "YJ", "code": "2171022", "descendants": true}]}, {"name": "b", "include": [{"system": "YJ", "code": "2139005", "descendants": true}]}], "designs": [{"name": "s", "type": "ssa", "pairs": [{"index": "a", "marker": "b"}]X}]}"#
        let spec = try StudySpec.parse(Data(ssa.replacingOccurrences(of: "X", with: #", "maximumGapDays": 180, "studyStart": "2015-01-01", "studyEnd": "2020-12-31""#).utf8))
        let design = try #require(spec.designs[0].ssa?.design)
        #expect(design == SSADesign(maximumGapDays: 180, studyPeriod: Day("2015-01-01")!...Day("2020-12-31")!))
        let cases: [(String, String)] = [
            (#", "maximumGapDays": 10000000"#, "days from 1 to 3650, found 10000000"),
            (#", "screening": {"top": -1}"#, "must be 0 to 10000, found -1"),
            (#", "studyStart": "2015-01-01""#, "give both studyStart and studyEnd, or neither"),
            (#", "minimumGapDays": 30, "maximumGapDays": 10"#, "is below minimumGapDays"),
        ]
        for (key, expected) in cases {
            let m = message(ssa.replacingOccurrences(of: "X", with: key))
            #expect(m?.contains(expected) == true, "\(key): \(m ?? "accepted")")
        }
    }

    /// An analysis grid (exposures × outcomes × settings, HADES style) expands into one design per combination, and
    /// the summary table holds every estimate: `Examples/studies/sccs-grid.json` (3 exposures, 2 of them negative
    /// controls written in ATC, 1 outcome, 2 analyses) gives 6 SCCS designs and 6 summary rows.
    @Test func anAnalysisGridRunsEveryCombination() throws {
        let url = StudyRunTests.examples.appendingPathComponent("sccs-grid.json")
        let (spec, bytes) = try StudySpec.load(contentsOf: url)
        #expect(spec.designs.map(\.name) == [
            "tendon rupture screen: levofloxacin / tendon rupture / 30 days", "tendon rupture screen: omeprazole / tendon rupture / 30 days",
            "tendon rupture screen: atorvastatin / tendon rupture / 30 days", "tendon rupture screen: levofloxacin / tendon rupture / 60 days",
            "tendon rupture screen: omeprazole / tendon rupture / 60 days", "tendon rupture screen: atorvastatin / tendon rupture / 60 days",
        ])
        #expect(spec.designs[3].sccs?.endOfObservationDays == 0 && spec.designs[0].sccs?.endOfObservationDays == 30)
        let data = try StudyData.load(DataSourceSpec(sample: .init(persons: StudyRunTests.persons, seed: 2018)), baseDirectory: StudyRunTests.examples)
        let results = try StudyRunTests.run(spec, bytes, data: data).results
        for d in results.designs { #expect(d.error == nil, "\(d.name): \(d.error ?? "")") }
        let summary = try #require(results.summary)
        #expect(summary.count == 6 && summary.allSatisfy { $0.measure == "relative incidence" })
        #expect(summary.map(\.exposure) == ["levofloxacin", "omeprazole", "atorvastatin", "levofloxacin", "omeprazole", "atorvastatin"])
        // A grid naming an undefined outcome is caught with the grid's key path.
        let bad = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"outcomes\": [\"tendon rupture\"]", with: "\"outcomes\": [\"tendon\"]")
        #expect(message(bad)?.contains("grids[0].outcomes[0]: no outcome named \"tendon\"") == true, "\(message(bad) ?? "accepted")")
    }
}
