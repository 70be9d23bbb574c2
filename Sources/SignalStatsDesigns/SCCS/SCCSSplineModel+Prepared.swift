import SignalStatsCore

extension SCCSSplineModel {
    /// The spline model of a network design prepared with ``SCCSNetworkDesign/splines`` set.
    ///
    /// - Throws: ``SCCSError/invalidDesign(_:)`` when the design had no splines.
    public init(_ prepared: SCCSPrepared) throws(SCCSError) {
        // `cases` rebuilds the case values from the compact case table on every read: read it once.
        let cases = prepared.cases
        guard let splines = prepared.splines, !cases.isEmpty else {
            throw .invalidDesign("the network design has no splines (set SCCSNetworkDesign.splines)")
        }
        try self.init(
            cases: cases, parameterNames: prepared.intervals.parameterNames, splines: splines,
            firstOutcomeOnly: prepared.firstOutcomeOnly)
    }
}
