import SignalStatsCore
import CohortModel

extension PSCohortStudyDesign {
    /// Runs the study with the outcome given as a definition rather than as event arrays.
    ///
    /// Evaluates `outcome` on the whole record (`OutcomeDefinition.events(in:)`) and runs
    /// ``run(network:outcomePersons:outcomeDates:)`` on its events. Only an event inside a person's time at risk is
    /// an outcome of the study; events before the index date remove the person (``priorOutcomeLookbackDays``).
    ///
    /// ```swift
    /// let altAbove3ULN = OutcomeDefinition.lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3)))
    /// let result = try design.run(network: network, outcome: altAbove3ULN)
    /// print(result.summary())
    /// ```
    ///
    /// - Throws: an `OutcomeError` for a malformed definition (checked before any record is read), then the
    ///   ``PSError``s of ``run(network:outcomePersons:outcomeDates:)``.
    public func run(network: Network, outcome: OutcomeDefinition) throws -> PSCohortStudyResult {
        let events = try outcome.events(in: network)
        return try run(network: network, outcomePersons: events.person, outcomeDates: events.date)
    }
}
