import Foundation
@testable import StudyKit

/// A hand-made, fully populated results model (all three designs, some suppressed cells) for the report tests.
/// The numbers are illustrative, not estimates from data.
enum ReportFixtures {
    static func ratio(_ e: Double, _ lo: Double, _ hi: Double, p: Double? = nil) -> RatioEstimate {
        RatioEstimate(estimate: e, logEstimate: Foundation.log(e), standardError: (Foundation.log(hi) - Foundation.log(lo)) / 3.92,
                      lower: lo, upper: hi, pValue: p)
    }

    static var sccs: DesignResult {
        let estimates = [
            SCCSDesignResult.WindowEstimate(exposure: "amoxicillin", window: "risk 1-28 d", term: "amox_risk", start: 1, end: 28,
                startAnchor: "era start", endAnchor: "era start", relativeIncidence: ratio(2.41, 1.82, 3.19, p: 1e-6),
                notEstimated: nil, cases: 312, events: 340, personDays: 8_736),
            SCCSDesignResult.WindowEstimate(exposure: "amoxicillin", window: "pre-exposure -30 to -1 d", term: "amox_pre",
                start: -30, end: -1, startAnchor: "era start", endAnchor: "era start", relativeIncidence: ratio(1.08, 0.71, 1.64, p: 0.71),
                notEstimated: nil, cases: 41, events: 43, personDays: 9_300),
            SCCSDesignResult.WindowEstimate(exposure: "amoxicillin", window: "late 29-60 d", term: "amox_late", start: 29, end: 60,
                startAnchor: "era start", endAnchor: "era start", relativeIncidence: nil, notEstimated: "no events",
                cases: .suppressed(threshold: 10), events: 0, personDays: 1_200),
        ]
        let ageBands: [(Double, Double)] = [(18, 40), (40, 60), (60, 75), (75, 90)]
        let age = ageBands.enumerated().map { i, r -> SCCSDesignResult.EffectGroup in
            let k = Double(i)
            let ri: RatioEstimate? = i == 0 ? nil : ratio(1 + 0.3 * k, 0.8 + 0.2 * k, 1.3 + 0.5 * k)
            return SCCSDesignResult.EffectGroup(label: "\(Int(r.0))-\(Int(r.1))", from: r.0, to: r.1, isReference: i == 0,
                                                relativeIncidence: ri)
        }
        let season = (1...12).map { m -> SCCSDesignResult.EffectGroup in
            let wave: Double = 0.4 * sin(Double(m) / 2)
            let ri: RatioEstimate? = m == 1 ? nil : ratio(1 + wave, 0.7 + wave, 1.4 + wave)
            return SCCSDesignResult.EffectGroup(label: "month \(m)", from: Double(m), to: Double(m + 1), isReference: m == 1,
                                                relativeIncidence: ri)
        }
        let result = SCCSDesignResult(outcome: "acute liver injury (ALT > 3×ULN)",
            counts: .init(cases: 1_204, events: 1_311, intervals: 17_458, personDays: 2_933_118),
            estimates: estimates, ageEffects: age, seasonEffects: season,
            diagnostics: [StudyDiagnostic(name: "pre-exposure gain", value: 1.08, lower: 0.71, upper: 1.64, threshold: "CI contains 1", passed: true),
                          StudyDiagnostic(name: "event-dependent observation end", value: 0.3, threshold: "p > 0.05 <ok> & fine", passed: false, note: "check deaths")],
            convergence: ConvergenceInfo(converged: true, iterations: 5, logLikelihood: -4_102.345))
        let attrition = AttritionTable(columns: ["cases"], steps: [
            ("Persons with the outcome", [2_001]), ("Exposed during observation", [1_215]), ("Outcome after 18th birthday", [1_204]),
        ])
        return DesignResult(name: "amoxicillin-ali", kind: .sccs, attrition: attrition, sccs: result)
    }

    static var ps: DesignResult {
        let edges = (0...20).map { Double($0) / 20 }
        func hist(_ center: Double, _ n: Double) -> [CellCount] {
            (0..<20).map { b in
                let x = (Double(b) + 0.5) / 20
                let v = Int((n * Foundation.exp(-pow((x - center) / 0.15, 2))).rounded())
                return v > 0 && v < 10 ? .suppressed(threshold: 10) : .value(v)
            }
        }
        let km: [PSDesignResult.SurvivalCurve] = [("target", 0.00020), ("comparator", 0.00012)].map { arm, rate in
            PSDesignResult.SurvivalCurve(arm: arm, points: stride(from: 0.0, through: 360, by: 30).map { d in
                let s = Foundation.exp(-rate * d)
                return PSDesignResult.SurvivalPoint(day: d, survival: s, lower: s - 0.004 * d / 360, upper: min(1, s + 0.004 * d / 360),
                                                    atRisk: .value(Int(5_000 - 8 * d)), events: 3)
            }, truncatedAfterDay: 365)
        }
        let result = PSDesignResult(target: "celecoxib", comparator: "diclofenac", outcome: "GI bleeding",
            propensityModel: .init(covariates: 48, covariatesRemoved: 2, l2Penalty: 0.01,
                                   convergence: ConvergenceInfo(converged: true, iterations: 7), separation: false),
            preferenceScore: .init(edges: edges, before: .init(target: hist(0.6, 600), comparator: hist(0.4, 800)),
                                   after: .init(target: hist(0.5, 500), comparator: hist(0.5, 500))),
            equipoise: .init(lower: 0.3, upper: 0.7, share: 0.71, targetShare: 0.68, comparatorShare: 0.74, passed: true),
            balance: .init(threshold: 0.1, maxAbsSMDBefore: 0.42, maxAbsSMDAfter: 0.12, passed: false,
                           covariates: (0..<30).map { i in .init(name: "covariate \(i) <age & sex>", smdBefore: 0.014 * Double(i) - 0.1,
                                                                smdAfter: i == 29 ? 0.12 : 0.002 * Double(i) - 0.02) }),
            matching: .init(method: "1:1 greedy nearest neighbour on the logit PS (ATT)", caliper: 0.2, matchedSets: 5_000,
                            matchedTarget: 5_000, matchedComparator: 5_000, unmatchedTarget: 412),
            counts: .init(targetBefore: .init(persons: 5_412, events: 61, personDays: 1_600_000, ratePer1000PersonYears: 13.9),
                          comparatorBefore: .init(persons: 9_230, events: 70, personDays: 2_900_000, ratePer1000PersonYears: 8.8),
                          targetMatched: .init(persons: 5_000, events: 55, personDays: 1_500_000, ratePer1000PersonYears: 13.4),
                          comparatorMatched: .init(persons: 5_000, events: .suppressed(threshold: 10), personDays: 1_480_000,
                                                   ratePer1000PersonYears: nil)),
            kaplanMeier: km,
            hazardRatios: .init(primary: "marginal", crude: ratio(1.58, 1.12, 2.22), marginal: ratio(1.52, 1.05, 2.20, p: 0.027),
                                conditional: ratio(1.49, 1.01, 2.19)),
            incidenceRateRatio: ratio(1.55, 1.07, 2.24),
            proportionalHazards: .init(transform: "km", chiSquare: 1.2, degreesOfFreedom: 1, pValue: 0.27, passed: true),
            diagnostics: [StudyDiagnostic(name: "equipoise", value: 0.71, threshold: "≥ 0.5", passed: true)])
        let attrition = AttritionTable(columns: ["target", "comparator"], steps: [
            ("New users of either drug", [6_000, 10_000]), ("365 days observed before index", [5_600, 9_500]),
            ("No prior outcome", [5_412, 9_230]), ("Matched", [5_000, 5_000]),
        ])
        return DesignResult(name: "celecoxib-vs-diclofenac", kind: .psCohort, attrition: attrition, psCohort: result)
    }

    static var ssa: DesignResult {
        let bins = stride(from: 0, to: 360, by: 30).map { from in
            SSADesignResult.TimeHistogram.Bin(from: from, to: from + 29,
                indexFirst: from < 60 ? .value(90 - from) : from > 300 ? .suppressed(threshold: 10) : .value(30),
                markerFirst: from > 300 ? .suppressed(threshold: 10) : .value(28))
        }
        let pair = SSADesignResult.Pair(index: "amlodipine", marker: "furosemide",
            counts: .init(indexUsers: 20_000, markerUsers: 12_000, pairs: 900, indexFirst: 520, markerFirst: 380, sameDay: 12,
                          gapTooShort: 0, gapTooLong: 33),
            crude: ratio(1.37, 1.20, 1.56), nullEffectRatio: 1.02, adjusted: ratio(1.34, 1.17, 1.53),
            timeToSecond: .init(binDays: 30, bins: bins), notes: [])
        let rows = (1...50).map { i in
            SSADesignResult.Screening.Row(rank: i, index: "class \(i)", marker: "class \(i + 1)", indexFirst: .value(100 + i),
                markerFirst: i % 7 == 0 ? .suppressed(threshold: 10) : .value(60), crudeRatio: 1.5, nullEffectRatio: 1.01,
                adjusted: ratio(1.49, 1.1, 2.0), qValue: 0.001 * Double(i), flagged: i < 5)
        }
        let result = SSADesignResult(settings: .init(washoutDays: 365, minimumGapDays: 0, maximumGapDays: 365,
                                                     studyStart: "2015-01-01", studyEnd: "2022-12-31"),
            pairs: [pair],
            screening: .init(classes: "ATC level-3 classes", classCount: 40, pairsTested: 50, untested: 1510,
                             falseDiscoveryRate: 0.05, flagged: 4, rows: rows))
        let attrition = AttritionTable(columns: ["pairs"], steps: [("Users of both drugs", [1_200]), ("Incident (washout)", [945]),
                                                                   ("Within the gap window", [900])])
        return DesignResult(name: "ccb-loop-diuretic", kind: .ssa, attrition: attrition, ssa: result)
    }

    static var results: StudyResults {
        let data = DataFingerprint(source: "sample", path: nil, sample: .init(persons: 20_000, seed: 42), rejectedRows: 0,
            tables: [TableFingerprint(table: "persons", rows: 20_000, checksums: ["person_id": "ab12cd34", "birth_date": "0099ffee"]),
                     TableFingerprint(table: "drugs", rows: 512_331, checksums: ["yj_code": "1234abcd"])])
        let quality = DataQualitySummary(extractionDate: "2024-03-31", sites: 10, persons: 20_000, checks: [
            .init(id: "plausible-birth", category: "plausibility", label: "Birth date plausible", description: "birth before 1900 or after extraction",
                  thresholdPercent: 0.1, failingPercent: 0.0, passed: true, sitesPassed: 10, sitesFailed: 0),
            .init(id: "lab-units", category: "conformance", label: "Lab units known", description: "unit maps to UCUM",
                  thresholdPercent: 1, failingPercent: 2.5, passed: false, sitesPassed: 8, sitesFailed: 2),
        ])
        return StudyResults(study: "Demo study <all designs>", description: "Three designs on the sample network & friends.",
            provenance: Provenance(libraryVersion: "0.9.0", studySHA256: String(repeating: "0f", count: 32), seed: 42, data: data),
            output: .init(smallCellThreshold: 10, suppressed: true), dataQuality: quality,
            designs: [sccs, ps, ssa])
    }
}
