import SignalStatsCore
import CohortModel

extension SCCSNetworkDesign {
    /// Cases, intervals and attrition from a network and an outcome definition.
    ///
    /// Evaluates `outcome` on the whole record (`OutcomeDefinition.events(in:)`) and prepares the analysis data from
    /// its events exactly as ``prepare(network:outcomePersons:outcomeDates:)`` does: events outside observation, in the
    /// naive period or outside the study period are counted in ``SCCSPrepared/attrition``, not used.
    ///
    /// ```swift
    /// let tendonRupture = OutcomeDefinition.diagnosis(DiagnosisOutcome(
    ///     concepts: ConceptSet(name: "tendon rupture", include: [.init(system: .icd10, code: "M66.3")]),
    ///     occurrences: .everyDay))
    /// let prepared = try design.prepare(network: network, outcome: tendonRupture)
    /// let result = try SCCSModel(prepared.intervals).fit()
    /// ```
    ///
    /// - Parameters:
    ///   - network: the network to analyse.
    ///   - outcome: what counts as an outcome event; use `occurrences: .everyDay` (or a minimum gap) for recurrent
    ///     events, `.first` (or ``firstOutcomeOnly``) for first events only.
    /// - Throws: an `OutcomeError` for a malformed definition (checked before any record is read), then the
    ///   ``SCCSError``s of ``prepare(network:outcomePersons:outcomeDates:)`` (``SCCSError/noCases`` when no person has an
    ///   event in observation).
    public func prepare(network: Network, outcome: OutcomeDefinition) throws -> SCCSPrepared {
        let events = try outcome.events(in: network)
        return try prepare(network: network, outcomePersons: events.person, outcomeDates: events.date)
    }
}
