import SignalStatsCore
import CohortModel
import Foundation

/// Persons, outcomes and follow-up in one arm.
public struct PSArmCounts: Sendable, Equatable {
    /// Persons (matched-set memberships after matching with replacement).
    public let persons: Int
    /// Persons with an outcome in their time at risk.
    public let events: Int
    /// Days at risk.
    public let personDays: Double
    /// Outcomes per 1,000 person-years.
    public var ratePer1000PersonYears: Double { personDays > 0 ? Double(events) / personDays * 365.25 * 1000 : .nan }
}

/// Everything a ``PSCohortStudyDesign`` run produces: the population and its attrition, the propensity model and its
/// diagnostics, the matched cohort and its balance, and the outcome models.
public struct PSCohortStudyResult: Sendable {
    /// The study population (before matching).
    public let population: PSStudyPopulation
    /// Attrition per arm, through matching.
    public let attrition: [PSAttritionStep]
    /// The covariates' names (columns of the propensity model and the balance table).
    public let covariateNames: [String]
    /// Covariates the extractor removed as constant or rare.
    public let covariatesRemoved: Int
    /// Propensity scores of the population.
    public let propensityScore: PropensityScore
    /// Preference-score equipoise (share in 0.3–0.7).
    public let equipoise: Equipoise
    /// The matched cohort.
    public let matching: MatchedCohort
    /// Covariate balance before and after matching (ATT SMDs), including the propensity score as `propensity score`.
    public let balance: BalanceTable
    /// Unadjusted Cox model of the population before matching (`treated` only).
    public let crude: CoxResult
    /// Cox model on the matched cohort without strata, robust variance clustered on matched sets: the marginal
    /// hazard ratio.
    public let marginal: CoxResult
    /// Cox model on the matched cohort stratified by matched set: the conditional hazard ratio.
    public let conditional: CoxResult
    /// Poisson regression of outcomes on `treated` with log person-days as offset, matched cohort: the incidence
    /// rate ratio.
    public let incidenceRateRatio: RegressionResult
    /// The proportional-hazards test of the marginal model.
    public let proportionalHazards: ProportionalHazardsTest?
    /// Counts before matching, per arm.
    public let countsBefore: (target: PSArmCounts, comparator: PSArmCounts)
    /// Counts in the matched cohort, per arm.
    public let countsAfter: (target: PSArmCounts, comparator: PSArmCounts)
    /// The covariates the extractor removed, with the reason (constant, or below the minimum prevalence).
    public internal(set) var removedCovariates: [RemovedCovariate] = []
    /// The regularized propensity model (penalty, cross-validation grid and scores), when the design used one.
    public internal(set) var regularizedPropensityModel: RegularizedPropensityModel? = nil

    /// Whether the propensity model's linear predictor separates the arms completely: a typed flag, never read from
    /// diagnostic text. A dense unpenalized model that separates fails instead (``RegressionError/separation(covariates:iterations:)``);
    /// a penalized one reports it here (the penalty is what keeps its estimate finite).
    public var propensityModelSeparates: Bool {
        if let r = regularizedPropensityModel { return r.fit.separated }
        let treated = propensityScore.treatment, logit = propensityScore.logit
        var minTreated = Double.infinity, maxComparator = -Double.infinity
        for (t, x) in zip(treated, logit) {
            if t { minTreated = min(minTreated, x) } else { maxComparator = max(maxComparator, x) }
        }
        return minTreated > maxComparator
    }

    /// The three hazard ratios of `treated`: crude, marginal (matched, robust) and conditional (matched, stratified).
    public func hazardRatios(level: Double = 0.95) throws(RegressionError) -> (
        crude: HazardRatioEstimate, marginal: HazardRatioEstimate, conditional: HazardRatioEstimate
    ) {
        func hr(_ r: CoxResult) throws(RegressionError) -> HazardRatioEstimate {
            guard let h = try r.hazardRatio("treated", level: level) else {
                throw .singularInformation("`treated` was not estimated")
            }
            return h
        }
        return (try hr(crude), try hr(marginal), try hr(conditional))
    }

    /// A report: attrition, propensity diagnostics, balance summary, counts and the hazard ratios.
    public func summary() -> String {
        var out: [String] = ["Comparative cohort study: target (treated = 1) versus comparator", ""]
        out.append(pad("step", 52) + lpad("target", 9) + lpad("comparator", 12))
        for s in attrition { out.append(pad(s.description, 52) + lpad(String(s.target), 9) + lpad(String(s.comparator), 12)) }
        out.append("")
        let constant = removedCovariates.filter { $0.reason == .constant }.count
        out.append("covariates: \(covariateNames.count) in the propensity model (\(covariatesRemoved) removed: "
            + "\(constant) constant, \(covariatesRemoved - constant) below the minimum prevalence)")
        if let r = regularizedPropensityModel { out.append(r.line) }
        out.append(
            String(format: "equipoise: %.1f%% of persons with preference score in 0.3-0.7 (target %.1f%%, comparator %.1f%%)",
                   100 * equipoise.share, 100 * equipoise.treatedShare, 100 * equipoise.comparatorShare))
        out.append(matching.summary())
        out.append(
            String(format: "balance: max |SMD| %.3f before, %.3f after matching (%@ at 0.1)", balance.maxAbsSMDBefore,
                   balance.maxAbsSMDAfter, balance.passes ? "passes" : "FAILS: \(balance.imbalanced.prefix(5).joined(separator: ", "))"))
        out.append("")
        out.append(pad("", 22) + lpad("persons", 10) + lpad("events", 8) + lpad("person-years", 14) + lpad("per 1000 PY", 13))
        for (label, c) in [
            ("target, before", countsBefore.target), ("comparator, before", countsBefore.comparator),
            ("target, matched", countsAfter.target), ("comparator, matched", countsAfter.comparator),
        ] {
            out.append(
                pad(label, 22) + lpad(String(c.persons), 10) + lpad(String(c.events), 8)
                    + lpad(String(format: "%.1f", c.personDays / 365.25), 14) + lpad(String(format: "%.3f", c.ratePer1000PersonYears), 13))
        }
        out.append("")
        if let h = try? hazardRatios() {
            out.append("hazard ratio (95% CI), target versus comparator:")
            out.append(String(format: "  crude (all persons, unadjusted)          %.3f (%.3f - %.3f)", h.crude.hazardRatio, h.crude.lower, h.crude.upper))
            out.append(String(format: "  marginal (matched, robust by set)        %.3f (%.3f - %.3f)", h.marginal.hazardRatio, h.marginal.lower, h.marginal.upper))
            out.append(String(format: "  conditional (matched, stratified by set) %.3f (%.3f - %.3f)", h.conditional.hazardRatio, h.conditional.lower, h.conditional.upper))
        }
        if let ci = try? incidenceRateRatio.confidenceIntervals(), let k = incidenceRateRatio.index(of: "treated") {
            out.append(String(format: "incidence rate ratio (matched, Poisson)    %.3f (%.3f - %.3f)",
                              Foundation.exp(incidenceRateRatio.coefficients[k]), Foundation.exp(ci[k].lower), Foundation.exp(ci[k].upper)))
        }
        if let ph = proportionalHazards, let r = ph.row("treated") {
            out.append(String(format: "proportional hazards (marginal model, g(t) = %@): chi-square %.3f, p = %.4f",
                              ph.transform.rawValue, r.chiSquare, r.pValue))
        }
        return out.joined(separator: "\n")
    }
}

extension PSCohortStudyDesign {
    /// Runs the study: population, covariates, propensity model, matching, balance and outcome models.
    ///
    /// - Throws: ``PSError/study(_:)`` when a step leaves an arm empty or an arm of the matched cohort has no outcome
    ///   (the hazard ratio is then not estimable), ``PSError/regression(_:)`` for a failed model (separation in the
    ///   propensity model: the covariates predict the drug, no overlap), ``PSError/noMatches(treated:comparators:caliper:)``.
    public func run(network: Network, outcomePersons: [Int32], outcomeDates: [Day]) throws(PSError) -> PSCohortStudyResult {
        let pop = try population(network: network, outcomePersons: outcomePersons, outcomeDates: outcomeDates)
        return try analyze(pop, network: network)
    }

    /// The analysis of a prepared population (see ``run(network:outcomePersons:outcomeDates:)``).
    public func analyze(_ pop: PSStudyPopulation, network: Network) throws(PSError) -> PSCohortStudyResult {
        let n = pop.count
        // Covariates.
        let cov: CovariateMatrix
        do { cov = try CovariateMatrix(cohort: pop.cohort, network: network, options: covariates) } catch {
            throw .study("covariates: \(error.description)")
        }
        let dense = cov.dense()
        var storage = [Double](repeating: 1, count: n)
        storage.append(contentsOf: dense.columnMajor)
        let design: DesignMatrix
        do {
            let m = try Matrix(rows: n, columns: dense.columns + 1, columnMajor: storage)
            design = try DesignMatrix(matrix: m, columnNames: ["(Intercept)"] + dense.names, hasIntercept: true)
        } catch let e as RegressionError {
            throw .regression(e)
        } catch {
            throw .study("covariates: \(error)")
        }

        // Propensity score, matching, balance.
        let ps: PropensityScore
        var regularized: RegularizedPropensityModel? = nil
        if propensityModel == .dense {
            ps = try PropensityScore.fit(treatment: pop.treated, design: design, l2Penalty: propensityL2Penalty)
        } else {
            let sparse: SparseDesign
            do { sparse = try SparseDesign(covariates: cov) } catch { throw .regression(error) }
            (ps, regularized) = try PropensityScore.fitRegularized(treatment: pop.treated, covariates: sparse, model: propensityModel)
        }
        let matched = try PSMatching(ps, options: matching).match()
        let unitWeights = matched.unitWeights(count: n)
        var balanceColumns = Matrix(rows: n, columns: dense.columns + 1)
        balanceColumns.storage.replaceSubrange(0..<n, with: ps.score)
        balanceColumns.storage.replaceSubrange(n..<(n * (dense.columns + 1)), with: dense.columnMajor)
        let balance = try BalanceTable(
            columns: balanceColumns, names: ["propensity score"] + dense.names, treatment: pop.treated, weights: unitWeights,
            estimand: .att)

        // Outcome data, before and after matching.
        let days = pop.daysAtRisk, status = pop.status
        let treatedValues = pop.treated.map { $0 ? 1.0 : 0.0 }
        func counts(_ rows: [Int]) -> (PSArmCounts, PSArmCounts) {
            var persons = [0, 0], events = [0, 0], time = [0.0, 0.0]
            for i in rows {
                let a = pop.treated[i] ? 1 : 0
                persons[a] += 1
                events[a] += Int(status[i])
                time[a] += days[i]
            }
            return (PSArmCounts(persons: persons[1], events: events[1], personDays: time[1]),
                    PSArmCounts(persons: persons[0], events: events[0], personDays: time[0]))
        }
        let before = counts(Array(0..<n))
        let after = counts(matched.unit)
        var attrition = pop.attrition
        attrition.append(.init(description: "matched", target: matched.matchedTreated, comparator: matched.matchedComparators))
        for (label, c) in [("matched", after)] where c.0.events == 0 || c.1.events == 0 {
            throw .study(
                "no outcomes in the \(c.0.events == 0 ? "target" : "comparator") arm of the \(label) cohort "
                    + "(target \(c.0.events) events in \(c.0.persons) persons, comparator \(c.1.events) events in \(c.1.persons) persons): "
                    + "the hazard ratio is not estimable")
        }

        let rows = matched.unit
        let mTime = rows.map { days[$0] }, mStatus = rows.map { status[$0] }, mTreated = rows.map { treatedValues[$0] }
        let allEqual = !matched.weight.contains { $0 != 1 }
        let mWeights: [Double]? = allEqual ? nil : matched.weight
        do throws(RegressionError) {
            let crudeDesign = try DesignMatrix(covariates: [.numeric(name: "treated", values: treatedValues)], intercept: false)
            let crude = try CoxRegression(time: days, status: status, design: crudeDesign, ties: ties).fit()
            let mDesign = try DesignMatrix(covariates: [.numeric(name: "treated", values: mTreated)], intercept: false)
            let marginal = try CoxRegression(
                time: mTime, status: mStatus, design: mDesign, weights: mWeights, cluster: matched.set, ties: ties
            ).fit()
            let conditional = try CoxRegression(
                time: mTime, status: mStatus, design: mDesign, strata: matched.set, weights: mWeights, ties: ties
            ).fit()
            let poissonDesign = try DesignMatrix(covariates: [.numeric(name: "treated", values: mTreated)], intercept: true)
            let irr = try PoissonRegression(counts: mStatus, exposureTime: mTime, design: poissonDesign, weights: mWeights).fit()
            let ph = try? marginal.proportionalHazardsTest(transform: proportionalHazardsTransform)
            var result = PSCohortStudyResult(
                population: pop, attrition: attrition, covariateNames: dense.names, covariatesRemoved: cov.removed.count,
                propensityScore: ps, equipoise: ps.equipoise(), matching: matched, balance: balance, crude: crude,
                marginal: marginal, conditional: conditional, incidenceRateRatio: irr, proportionalHazards: ph,
                countsBefore: before, countsAfter: after)
            result.removedCovariates = cov.removed
            result.regularizedPropensityModel = regularized
            return result
        } catch {
            throw .regression(error)
        }
    }
}
