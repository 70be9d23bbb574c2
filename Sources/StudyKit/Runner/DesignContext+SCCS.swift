import CohortModel
import Foundation
import SignalStats

extension DesignContext {
    /// Runs an SCCS design: eras, cases, intervals, fit, age and season curves, diagnostics.
    func runSCCS(_ name: String, _ s: SCCSSpec) throws -> DesignResult {
        let events = try outcome(s.outcome)
        var exposures: [SCCSNetworkDesign.Exposure] = []
        for (k, x) in s.exposures.enumerated() {
            var windows = x.riskWindows.map(\.riskWindow)
            if k == 0, let days = s.preExposureDays, days > 0 {
                windows.append(SCCSRiskWindow(label: "pre-exposure", start: -days, startAnchor: .eraStart, end: -1, endAnchor: .eraStart))
            }
            exposures.append(.init(name: x.conceptSet, drugs: try conceptSet(x.conceptSet), windows: windows))
        }
        let design = SCCSNetworkDesign(
            exposures: exposures, eras: DrugEraOptions(persistenceGap: s.persistenceGap), naivePeriodDays: s.naivePeriodDays,
            firstOutcomeOnly: s.firstOutcomeOnly, ageCutPointsYears: s.ageCutPointsYears, seasonStartMonths: s.seasonStartMonths,
            studyStart: s.studyStart.flatMap { Day($0) }, studyEnd: s.studyEnd.flatMap { Day($0) })
        let prepared: SCCSPrepared
        do { prepared = try design.prepare(network: network, outcomePersons: events.person, outcomeDates: events.date) } catch {
            throw DesignFailure(message: "\(error)")
        }
        let attrition = AttritionTable(prepared.attrition, records: "events")
        let result: SCCSResult
        do { result = try SCCSModel(prepared.intervals).fit() } catch {
            throw DesignFailure(message: "\(error)", attrition: attrition)
        }
        let level = result.level
        func ratio(_ e: SCCSResult.Estimate) -> RatioEstimate {
            RatioEstimate(
                estimate: e.relativeIncidence, logEstimate: e.logRelativeIncidence, standardError: e.standardError, lower: e.waldLower,
                upper: e.waldUpper, level: level, intervalMethod: "wald", profileLower: e.profileLower, profileUpper: e.profileUpper,
                pValue: 2 * Normal.survival(abs(e.logRelativeIncidence / e.standardError)))
        }
        let windowCounts = Dictionary(result.windows.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var estimates: [SCCSDesignResult.WindowEstimate] = []
        for x in exposures {
            for w in x.windows {
                let term = "\(x.name) \(w.label)"
                let e = result.estimate(term)
                let c = windowCounts[term]
                let reason: String? = e != nil ? nil
                    : result.zeroEventParameters.contains(term) ? "no events in the window (RI 0)"
                    : result.regression.aliased.first { $0.name == term }.map { "not identifiable (\($0.reason.rawValue))" } ?? "not estimated"
                estimates.append(.init(
                    exposure: x.name, window: w.label, term: term, start: w.start, end: w.end, startAnchor: w.startAnchor.rawValue,
                    endAnchor: w.endAnchor.rawValue, relativeIncidence: e.map(ratio), notEstimated: reason,
                    cases: .value(c?.casesWithEvents ?? 0), events: .value(c?.events ?? 0), personDays: c?.personDays ?? 0))
            }
        }
        // Age and season step functions: group g is estimated as term "age<g+1>" / "season<g+1>"; the present group
        // without a term is the reference.
        func groups(_ present: Set<Int16>, prefix: String, bounds: (Int) -> (label: String, from: Double, to: Double)) -> [SCCSDesignResult.EffectGroup] {
            present.sorted().map { g in
                let b = bounds(Int(g))
                let e = result.estimate("\(prefix)\(Int(g) + 1)")
                return .init(label: b.label, from: b.from, to: b.to, isReference: e == nil && !result.zeroEventParameters.contains("\(prefix)\(Int(g) + 1)"),
                             relativeIncidence: e.map(ratio))
            }
        }
        let cuts = s.ageCutPointsYears
        let ageEffects = cuts.isEmpty ? [] : groups(Set(prepared.intervals.ageGroup), prefix: "age") { g in
            let from = g == 0 ? 0 : cuts[g - 1]
            let to = g < cuts.count ? cuts[g] : from + max(1, cuts.count > 1 ? cuts[cuts.count - 1] - cuts[cuts.count - 2] : 5)
            return (g < cuts.count ? "\(from)-\(to - 1)" : "\(from)+", Double(from), Double(to))
        }
        let months = s.seasonStartMonths
        let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let seasonEffects = months.isEmpty ? [] : groups(Set(prepared.intervals.seasonGroup), prefix: "season") { g in
            let from = months[g]
            let to = g + 1 < months.count ? months[g + 1] : months[0] + 12
            let last = (to - 2) % 12
            let label = to - from == 1 ? monthNames[from - 1] : "\(monthNames[from - 1])-\(monthNames[last])"
            return (label, Double(from), Double(to))
        }
        // Diagnostics.
        var diagnostics: [StudyDiagnostic] = []
        func add(_ d: SCCSDiagnostic) {
            diagnostics.append(StudyDiagnostic(name: d.name, value: d.value, lower: d.lower, upper: d.upper, threshold: d.threshold, passed: d.passed, note: d.note))
        }
        for e in estimates where e.window != "pre-exposure" && (windowCounts[e.term]?.personDays ?? 0) > 0 {
            if let d = try? SCCSDiagnostics.minimumDetectableRelativeIncidence(result, term: e.term) { add(d) }
        }
        if s.preExposureDays != nil, let first = exposures.first, let d = try? SCCSDiagnostics.preExposure(result, term: "\(first.name) pre-exposure") {
            add(d)
        }
        let adjustment = SCCSAdjustment(
            ageCutPoints: s.ageCutPointsYears.map { Int((Double($0) * 365.25).rounded()) }, seasonStartMonths: s.seasonStartMonths)
        if let t = try? SCCSDiagnostics.timeStability(
            cases: prepared.cases, result: result, adjustment: adjustment, firstOutcomeOnly: s.firstOutcomeOnly) {
            add(t.diagnostic)
        }
        if s.endOfObservationDays > 0 {
            if let d = try? SCCSDiagnostics.endOfObservation(
                cases: prepared.cases, parameterNames: design.parameterNames, adjustment: adjustment, days: s.endOfObservationDays) {
                add(d)
            }
        }
        add(SCCSDiagnostics.rareOutcome(personsWithOutcome: prepared.attrition.steps.first?.persons ?? 0, population: network.personCount))
        let r = result.regression
        let convergence = ConvergenceInfo(
            converged: r.convergence.isConverged, iterations: r.iterations, logLikelihood: result.logLikelihood,
            notes: r.aliased.map(\.description) + r.diagnostics + result.zeroEventParameters.map { "\($0): no events (RI 0)" })
        let sccs = SCCSDesignResult(
            outcome: s.outcome,
            counts: .init(cases: .value(result.construction.cases), events: .value(result.construction.events), intervals: r.observations,
                          personDays: result.construction.personDays),
            estimates: estimates, ageEffects: ageEffects, seasonEffects: seasonEffects, diagnostics: diagnostics, convergence: convergence)
        logger.info("SCCS \(name): \(result.construction.cases) cases, \(result.construction.events) events")
        return DesignResult(name: name, kind: .sccs, attrition: attrition, sccs: sccs)
    }
}
