import SignalStatsCore

extension SCCSPrepared {
    /// The modified SCCS for event-dependent observation periods on a network study's cases
    /// (``SCCSNetworkDesign/eventDependentObservation``): ends at the study end or the extraction date are
    /// administrative, every other end counts as possibly event-dependent. Age groups are the design's; season groups
    /// and splines are not part of this model.
    ///
    /// ```swift
    /// let prepared = try design.prepare(network: network, outcomePersons: persons, outcomeDates: dates)
    /// let result = try prepared.eventDependentObservationModel().fit()
    /// ```
    public func eventDependentObservationModel() -> SCCSEventDependentObservation {
        SCCSEventDependentObservation(
            cases: cases, parameterNames: intervals.parameterNames, ageCutPoints: intervals.adjustment.ageCutPoints)
    }

    /// Cases whose observation end is administrative (study end or extraction date).
    public var administrativeEndCount: Int { cases.reduce(0) { $0 + ($1.administrativeEnd ? 1 : 0) } }
}
