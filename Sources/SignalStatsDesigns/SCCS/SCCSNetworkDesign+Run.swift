import CohortModel
import SignalStatsCore

extension SCCSNetworkDesign {
    /// Runs the design on a network: eras, cases, intervals, the fit (step functions, or splines when ``splines`` is
    /// set), typed estimates per window, age and season effects, and every diagnostic.
    ///
    /// ```swift
    /// let design = try JSONDecoder().decode(SCCSNetworkDesign.self, from: json).resolved(in: conceptSets)
    /// let study = try design.run(on: network, outcome: try tendonRupture.events(in: network))
    /// for w in study.windows { print(w.term, w.estimate?.relativeIncidence ?? .nan) }
    /// ```
    ///
    /// A diagnostic that cannot be computed is reported with ``Diagnostic/Verdict/notComputed(reason:)``.
    ///
    /// - Parameters:
    ///   - network: the network.
    ///   - outcome: the outcome's events (`OutcomeDefinition.events(in:)`).
    /// - Throws: ``SCCSRunError`` with the attrition reached (no cases, a fit that fails, an unresolved concept set).
    public func run(on network: Network, outcome: OutcomeEvents) throws(SCCSRunError) -> SCCSStudyResult {
        let prepared: SCCSPrepared
        do { prepared = try prepare(network: network, outcomePersons: outcome.person, outcomeDates: outcome.date) } catch {
            throw SCCSRunError(error: error, attrition: nil)
        }
        let result: SCCSResult
        var splineModel: SCCSSplineModel? = nil
        do {
            if splines != nil {
                let model = try SCCSSplineModel(prepared)
                splineModel = model
                result = try model.fit()
            } else {
                result = try SCCSModel(prepared.intervals).fit()
            }
        } catch {
            throw SCCSRunError(error: error, attrition: prepared.attrition)
        }
        let windows = windowEstimates(result)
        let age = splines == nil ? ageEffects(result, present: Set(prepared.intervals.ageGroup)) : []
        let season = splines == nil ? seasonEffects(result, present: Set(prepared.intervals.seasonGroup)) : []
        let diagnostics = self.diagnostics(
            result: result, windows: windows, prepared: prepared, splineModel: splineModel, population: network.personCount)
        return SCCSStudyResult(
            design: self, attrition: prepared.attrition, fit: result, windows: windows, ageEffects: age, seasonEffects: season,
            diagnostics: diagnostics, splineKnots: splineModel?.knots)
    }

    /// One typed estimate per analysed window, with its counts and, when there is no estimate, why.
    func windowEstimates(_ result: SCCSResult) -> [SCCSStudyResult.WindowEstimate] {
        let counts = Dictionary(result.windows.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [SCCSStudyResult.WindowEstimate] = []
        for (i, x) in analysedExposures.enumerated() {
            for (k, w) in x.windows.enumerated() {
                let term = Self.termName(exposure: x.name, window: w.label)
                let e = result.estimate(term)
                let c = counts[term]
                let reason: String? = e != nil ? nil
                    : result.zeroEventParameters.contains(term) ? "no events in the window (RI 0)"
                    : result.regression.aliased.first { $0.name == term }.map { "not identifiable (\($0.reason.rawValue))" } ?? "not estimated"
                out.append(.init(
                    exposureIndex: i, windowIndex: k, exposure: x.name, window: w, term: term, estimate: e, notEstimated: reason,
                    casesWithEvents: c?.casesWithEvents ?? 0, events: c?.events ?? 0, personDays: c?.personDays ?? 0,
                    isPreExposure: i == 0 && preExposureDays != nil && w.label == Self.preExposureLabel && k == x.windows.count - 1))
            }
        }
        return out
    }

    /// Age groups: `from`–`to − 1` years, the last open (`"80+"`), its width that of the last closed group (5 years
    /// with a single cut point).
    func ageEffects(_ result: SCCSResult, present: Set<Int16>) -> [SCCSStudyResult.GroupEffect] {
        let cuts = ageCutPointsYears
        guard !cuts.isEmpty else { return [] }
        return present.sorted().map { g16 in
            let g = Int(g16)
            let from = g == 0 ? 0 : cuts[g - 1]
            let to = g < cuts.count ? cuts[g] : from + max(1, cuts.count > 1 ? cuts[cuts.count - 1] - cuts[cuts.count - 2] : 5)
            let e = result.ageGroupEstimate(g)
            return .init(
                group: g, label: g < cuts.count ? "\(from)-\(to - 1)" : "\(from)+", from: Double(from), to: Double(to),
                isReference: e == nil && !result.ageGroupHasNoEvents(g), estimate: e)
        }
    }

    /// Season groups: from a start month up to the month before the next start (cyclic).
    func seasonEffects(_ result: SCCSResult, present: Set<Int16>) -> [SCCSStudyResult.GroupEffect] {
        let months = seasonStartMonths
        guard !months.isEmpty else { return [] }
        let names = Self.monthNames
        return present.sorted().map { g16 in
            let g = Int(g16)
            let from = months[g]
            let to = g + 1 < months.count ? months[g + 1] : months[0] + 12
            let last = (to - 2) % 12
            let label = to - from == 1 ? names[from - 1] : "\(names[from - 1])-\(names[last])"
            let e = result.seasonGroupEstimate(g)
            return .init(
                group: g, label: label, from: Double(from), to: Double(to), isReference: e == nil && !result.seasonGroupHasNoEvents(g),
                estimate: e)
        }
    }

    /// Three-letter English month names, January first.
    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The design's diagnostics in a fixed order: MDRR per exposure window (pre-exposure excluded), pre-exposure,
    /// time stability, end of observation (unless ``endOfObservationDays`` is 0), rare outcome.
    func diagnostics(
        result: SCCSResult, windows: [SCCSStudyResult.WindowEstimate], prepared: SCCSPrepared, splineModel: SCCSSplineModel?,
        population: Int
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let mdrrRule = "informative when below 2 (Musonda et al. 2006, SRL1; 80% power, two-sided 5%)"
        for w in windows where !w.isPreExposure {
            guard w.personDays > 0 else {
                out.append(.notComputed("minimum detectable RI (\(w.term))", threshold: mdrrRule, reason: "the window has no case time"))
                continue
            }
            do { out.append(try SCCSDiagnostics.minimumDetectableRelativeIncidence(result, term: w.term)) } catch {
                out.append(.notComputed("minimum detectable RI (\(w.term))", threshold: mdrrRule, reason: error.description))
            }
        }
        if let pre = windows.first(where: \.isPreExposure) {
            do { out.append(try SCCSDiagnostics.preExposure(result, term: pre.term)) } catch {
                out.append(.notComputed(
                    "pre-exposure RI (\(pre.term))", threshold: "95% interval contains 1", reason: pre.notEstimated ?? error.description))
            }
        }
        do {
            if let splineModel {
                out.append(try SCCSDiagnostics.timeStability(splineModel, result: result).diagnostic)
            } else {
                out.append(try SCCSDiagnostics.timeStability(
                    cases: prepared.cases, result: result, adjustment: adjustment, firstOutcomeOnly: firstOutcomeOnly).diagnostic)
            }
        } catch {
            out.append(.notComputed(
                "time-trend stability", threshold: "every month's two-sided Poisson p-value above alpha / months (Bonferroni)",
                reason: error.description))
        }
        if endOfObservationDays > 0 {
            do {
                out.append(try SCCSDiagnostics.endOfObservation(
                    cases: prepared.cases, parameterNames: parameterNames, adjustment: adjustment, days: endOfObservationDays))
            } catch {
                out.append(.notComputed("end-of-observation RI", threshold: "95% interval contains 1", reason: error.description))
            }
        }
        out.append(SCCSDiagnostics.rareOutcome(personsWithOutcome: prepared.attrition.steps.first?.persons ?? 0, population: population))
        return out
    }
}
