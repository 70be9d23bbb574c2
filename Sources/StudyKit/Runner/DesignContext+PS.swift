import CohortModel
import Foundation
import SignalStats

extension DesignContext {
    /// Runs a PS cohort design: new users, covariates, propensity model, matching, balance, KM curves, hazard ratios.
    func runPS(_ name: String, outcome outcomeName: String, _ s: PSCohortStudyDesign) throws -> DesignResult {
        let events = try outcome(outcomeName)
        let design: PSCohortStudyDesign
        do { design = try s.resolved(in: conceptSets) } catch { throw DesignFailure(message: "\(error)") }
        let pop: PSStudyPopulation
        do { pop = try design.population(network: network, outcomePersons: events.person, outcomeDates: events.date) } catch {
            throw DesignFailure(message: "\(error)")
        }
        func attritionTable(_ steps: [PSAttritionStep]) -> AttritionTable {
            AttritionTable(columns: ["target", "comparator"], steps: steps.map { ($0.description, [$0.target, $0.comparator]) })
        }
        let r: PSCohortStudyResult
        do { r = try design.analyze(pop, network: network) } catch {
            throw DesignFailure(message: "\(error)", attrition: attritionTable(pop.attrition))
        }
        let level = 0.95
        func hr(_ c: CoxResult) throws -> RatioEstimate {
            guard let h = try c.hazardRatio("treated", level: level) else { throw DesignFailure(message: "`treated` was not estimated") }
            return RatioEstimate(
                estimate: h.hazardRatio, logEstimate: h.logHazardRatio, standardError: h.standardError, lower: h.lower, upper: h.upper,
                level: level, intervalMethod: h.isRobust ? "robust wald" : "wald", pValue: h.pValue)
        }
        // Preference-score histograms, 50 bins over [0, 1].
        let bins = 50
        let f = r.propensityScore.preferenceScores()
        func histogram(_ units: [Int]) -> PSDesignResult.ArmHistogram {
            var t = [Int](repeating: 0, count: bins), c = t
            for i in units {
                let b = min(bins - 1, max(0, Int(f[i] * Double(bins))))
                if pop.treated[i] { t[b] += 1 } else { c[b] += 1 }
            }
            return .init(target: t.map(CellCount.value), comparator: c.map(CellCount.value))
        }
        let preference = PSDesignResult.PreferenceScoreDistribution(
            edges: (0...bins).map { Double($0) / Double(bins) }, before: histogram(Array(0..<pop.count)), after: histogram(r.matching.unit))
        let eq = r.equipoise
        let equipoise = PSDesignResult.Equipoise(
            lower: eq.range.lowerBound, upper: eq.range.upperBound, share: eq.share, targetShare: eq.treatedShare,
            comparatorShare: eq.comparatorShare, passed: eq.isInEquipoise)
        let balance = PSDesignResult.Balance(
            threshold: r.balance.threshold, maxAbsSMDBefore: r.balance.maxAbsSMDBefore, maxAbsSMDAfter: r.balance.maxAbsSMDAfter,
            passed: r.balance.passes, covariates: r.balance.rows.map { .init(name: $0.name, smdBefore: $0.smdBefore, smdAfter: $0.smdAfter) })
        let m = r.matching
        let caliperText: String
        switch m.options.caliper {
        case .none: caliperText = "no caliper"
        case .standardDeviations(let k): caliperText = "caliper \(k) SD"
        case .absolute(let a): caliperText = "caliper \(a)"
        }
        let ratioText: String
        switch m.options.ratio {
        case .fixed(let k): ratioText = "1:\(k)"
        case .variable(let k): ratioText = "1:1-\(k)"
        }
        let matching = PSDesignResult.Matching(
            method: "\(ratioText) greedy nearest neighbour on the \(m.options.scale.rawValue) score, \(caliperText), "
                + "\(m.options.replacement ? "with" : "without") replacement, order \(m.options.order.name)",
            estimand: "ATT", caliper: m.caliper, matchedSets: .value(m.setCount), matchedTarget: .value(m.matchedTreated),
            matchedComparator: .value(m.matchedComparators), unmatchedTarget: .value(m.unmatchedTreated))
        func arm(_ a: PSArmCounts) -> PSDesignResult.Arm {
            .init(persons: .value(a.persons), events: .value(a.events), personDays: a.personDays,
                  ratePer1000PersonYears: a.personDays > 0 ? a.ratePer1000PersonYears : nil)
        }
        let counts = PSDesignResult.ArmCounts(
            targetBefore: arm(r.countsBefore.target), comparatorBefore: arm(r.countsBefore.comparator),
            targetMatched: arm(r.countsAfter.target), comparatorMatched: arm(r.countsAfter.comparator))
        // Kaplan-Meier per arm in the matched cohort (matching weights; 1 each for 1:1 matching).
        let days = pop.daysAtRisk, status = pop.status
        var curves: [PSDesignResult.SurvivalCurve] = []
        for (label, treated) in [("target", true), ("comparator", false)] {
            let rows = m.unit.indices.filter { pop.treated[m.unit[$0]] == treated }
            let weights = rows.map { m.weight[$0] }
            let km = try KaplanMeier(
                time: rows.map { days[m.unit[$0]] }, status: rows.map { status[m.unit[$0]] },
                weights: weights.contains { $0 != 1 } ? weights : nil)
            var points = [PSDesignResult.SurvivalPoint(day: 0, survival: 1, lower: 1, upper: 1, atRisk: .value(Int(km.count.rounded())), events: 0)]
            // Censoring-only times are kept too: then the number at risk at any day t is `atRisk` of the first point
            // at or after t, which the report's numbers-at-risk row relies on, and the curve runs to the last follow-up.
            for p in km.points {
                points.append(.init(
                    day: p.time, survival: p.survival, lower: p.lower, upper: p.upper, atRisk: .value(Int(p.atRisk.rounded())),
                    events: .value(Int(p.events.rounded()))))
            }
            curves.append(.init(arm: label, points: points, truncatedAfterDay: nil))
        }
        let irr: RatioEstimate?
        if let k = r.incidenceRateRatio.index(of: "treated"), let ci = try? r.incidenceRateRatio.confidenceIntervals(level: level) {
            let b = r.incidenceRateRatio.coefficients[k], se = r.incidenceRateRatio.standardErrors[k]
            irr = RatioEstimate(
                estimate: Foundation.exp(b), logEstimate: b, standardError: se, lower: Foundation.exp(ci[k].lower), upper: Foundation.exp(ci[k].upper),
                level: level, intervalMethod: "wald", pValue: r.incidenceRateRatio.pValues[k])
        } else {
            irr = nil
        }
        let ph = r.proportionalHazards?.row("treated").map { row in
            PSDesignResult.ProportionalHazards(
                transform: r.proportionalHazards?.transform.rawValue ?? "identity", chiSquare: row.chiSquare,
                degreesOfFreedom: row.degreesOfFreedom, pValue: row.pValue, passed: row.pValue >= 0.05)
        }
        var diagnostics = [
            StudyDiagnostic(
                name: "covariate balance after matching (max |SMD|)", value: balance.maxAbsSMDAfter, threshold: "every |SMD| below \(balance.threshold)",
                passed: balance.passed, note: balance.passed ? "" : "imbalanced: " + r.balance.imbalanced.prefix(5).joined(separator: ", ")),
            StudyDiagnostic(
                name: "empirical equipoise (share with preference score 0.3-0.7)", value: eq.share, threshold: "at least 0.5 (Walker et al. 2013)",
                passed: eq.isInEquipoise, note: "target \(String(format: "%.3f", eq.treatedShare)), comparator \(String(format: "%.3f", eq.comparatorShare))"),
        ]
        if let ph {
            diagnostics.append(StudyDiagnostic(
                name: "proportional hazards (Schoenfeld, \(ph.transform) time)", value: ph.pValue, threshold: "p at least 0.05", passed: ph.passed,
                note: String(format: "chi-square %.3f on %d df", ph.chiSquare, ph.degreesOfFreedom)))
        }
        let model = r.propensityScore.model
        let separation = r.propensityModelSeparates
        let ps = PSDesignResult(
            target: s.target.name, comparator: s.comparator.name, outcome: outcomeName,
            propensityModel: .init(
                covariates: r.covariateNames.count, covariatesRemoved: r.covariatesRemoved, l2Penalty: model?.l2Penalty ?? 0,
                convergence: ConvergenceInfo(
                    converged: model?.convergence.isConverged ?? true, iterations: model?.iterations ?? 0, logLikelihood: model?.logLikelihood,
                    notes: (model?.aliased.map(\.description) ?? []) + (model?.diagnostics ?? [])),
                separation: separation),
            preferenceScore: preference, equipoise: equipoise, balance: balance, matching: matching, counts: counts, kaplanMeier: curves,
            hazardRatios: .init(primary: s.primaryEstimand.rawValue, crude: try hr(r.crude), marginal: try hr(r.marginal), conditional: try hr(r.conditional)),
            incidenceRateRatio: irr, proportionalHazards: ph, diagnostics: diagnostics)
        logger.info("PS \(name): \(pop.count) new users, \(m.setCount) matched sets")
        return DesignResult(name: name, kind: .psCohort, attrition: attritionTable(r.attrition), psCohort: ps)
    }
}
