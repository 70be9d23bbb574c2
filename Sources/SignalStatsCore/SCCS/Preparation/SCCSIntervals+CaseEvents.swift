extension SCCSIntervals {
    /// Rejects a case whose observation is inverted or whose windows name a parameter that does not exist: the
    /// checks every interval construction (step-function and month-split) applies to each case before using it.
    ///
    /// - Throws: ``SCCSError/invalidObservation(caseID:start:end:)``, ``SCCSError/invalidDesign(_:)``.
    static func validateCase(
        id: String, start: Int, end: Int, windows: [SCCSWindow], parameterCount: Int
    ) throws(SCCSError) {
        guard end >= start else { throw .invalidObservation(caseID: id, start: start, end: end) }
        for w in windows where w.parameter < 0 || w.parameter >= parameterCount {
            throw .invalidDesign("case \(id): a window refers to parameter \(w.parameter) of \(parameterCount)")
        }
    }
}

extension SCCSIntervals.Counts {
    /// Puts the events of one case that fall inside its observation `[start, end]` into `kept`, sorted (only the
    /// first with `firstOutcomeOnly`), and counts what it leaves out: events outside observation, later events dropped
    /// by `firstOutcomeOnly`, and the case itself when no event remains.
    ///
    /// `kept` is cleared first and keeps its capacity, so a caller looping over many cases reuses one buffer.
    ///
    /// - Returns: `false` when the case has no event in observation (it contributes nothing to the likelihood).
    mutating func keepEvents(
        _ raw: [Int], start: Int, end: Int, firstOutcomeOnly: Bool, into kept: inout [Int]
    ) -> Bool {
        kept.removeAll(keepingCapacity: true)
        for d in raw where d >= start && d <= end { kept.append(d) }
        eventsOutsideObservation += raw.count - kept.count
        if kept.count > 1 { kept.sort() }
        if firstOutcomeOnly && kept.count > 1 {
            eventsDroppedAfterFirst += kept.count - 1
            kept.removeLast(kept.count - 1)
        }
        guard !kept.isEmpty else {
            casesWithoutEventsInObservation += 1
            return false
        }
        return true
    }
}
