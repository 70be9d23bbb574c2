extension SCCSIntervalBlock {
    /// Marks the case added last as ending administratively (``SCCSCase/administrativeEnd``), for the network entry
    /// point's event-dependent observation model.
    package mutating func markLastCaseAdministrativeEnd() {
        caseTable.markLastAdministrativeEnd()
    }
}
