import CohortModel
import Foundation
import SignalStats

extension DesignContext {
    /// Runs an SCCS design (`SCCSNetworkDesign.run(on:outcome:)`) and maps its result to the
    /// results model.
    func runSCCS(_ name: String, outcome outcomeName: String, _ s: SCCSNetworkDesign) throws -> DesignResult {
        let events = try outcome(outcomeName)
        let design: SCCSNetworkDesign
        do { design = try s.resolved(in: conceptSets) } catch { throw DesignFailure(message: "\(error)") }
        let study: SCCSStudyResult
        do { study = try design.run(on: network, outcome: events) } catch {
            throw DesignFailure(message: error.description, attrition: error.attrition.map { AttritionTable($0, records: "events") })
        }
        let result = study.fit
        let level = result.level
        func ratio(_ e: SCCSResult.Estimate) -> RatioEstimate {
            RatioEstimate(
                estimate: e.relativeIncidence, logEstimate: e.logRelativeIncidence, standardError: e.standardError, lower: e.waldLower,
                upper: e.waldUpper, level: level, intervalMethod: "wald", profileLower: e.profileLower, profileUpper: e.profileUpper,
                pValue: e.pValue)
        }
        let estimates = study.windows.map { w in
            SCCSDesignResult.WindowEstimate(
                exposure: w.exposure, window: w.window.label, term: w.term, start: w.window.start, end: w.window.end,
                startAnchor: w.window.startAnchor.rawValue, endAnchor: w.window.endAnchor.rawValue, relativeIncidence: w.estimate.map(ratio),
                notEstimated: w.notEstimated, cases: .value(w.casesWithEvents), events: .value(w.events), personDays: w.personDays)
        }
        func groups(_ g: [SCCSStudyResult.GroupEffect]) -> [SCCSDesignResult.EffectGroup] {
            g.map { .init(label: $0.label, from: $0.from, to: $0.to, isReference: $0.isReference, relativeIncidence: $0.estimate.map(ratio)) }
        }
        let r = result.regression
        let convergence = ConvergenceInfo(
            converged: r.convergence.isConverged, iterations: r.iterations, logLikelihood: result.logLikelihood,
            notes: r.aliased.map(\.description) + r.diagnostics + result.zeroEventParameters.map { "\($0): no events (RI 0)" })
        let sccs = SCCSDesignResult(
            outcome: outcomeName,
            counts: .init(cases: .value(result.construction.cases), events: .value(result.construction.events), intervals: r.observations,
                          personDays: result.construction.personDays),
            estimates: estimates, ageEffects: groups(study.ageEffects), seasonEffects: groups(study.seasonEffects),
            diagnostics: study.diagnostics.map(StudyDiagnostic.init), convergence: convergence)
        logger.info("SCCS \(name): \(result.construction.cases) cases, \(result.construction.events) events")
        return DesignResult(name: name, kind: .sccs, attrition: AttritionTable(study.attrition, records: "events"), sccs: sccs)
    }
}

extension StudyDiagnostic {
    /// The results form of a design's diagnostic: a check that could not be computed keeps its reason.
    init(_ d: Diagnostic) {
        self.init(name: d.name, value: d.value, lower: d.lower, upper: d.upper, threshold: d.threshold, passed: d.passed, note: d.note)
        if case .notComputed(let reason) = d.verdict { notComputed = reason }
    }
}
