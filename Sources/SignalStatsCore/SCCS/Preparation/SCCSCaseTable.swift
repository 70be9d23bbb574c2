/// The cases of a network SCCS in struct-of-arrays form, kept by interval construction without one allocation per
/// case; ``cases`` materializes them as ``SCCSCase`` values when a refit needs them (for example the end-of-observation
/// diagnostic).
package struct SCCSCaseTable: Sendable {
    package init() {}
    package var ids: [String] = []
    package var start: [Int] = []
    package var end: [Int] = []
    package var birthDay: [Int] = []
    /// Calendar origin, or `Int.min` for none.
    package var origin: [Int] = []
    package var eventOffsets: [Int] = [0]
    package var eventDays: [Int] = []
    package var windowOffsets: [Int] = [0]
    package var windows: [SCCSWindow] = []
    /// Per case: the end is administrative (``SCCSCase/administrativeEnd``).
    package var administrativeEnd: [Bool] = []

    package var count: Int { ids.count }

    package mutating func append(id: String, start: Int, end: Int, events: [Int], windows: [SCCSWindow], birthDay: Int, calendarOrigin: Int?) {
        ids.append(id)
        administrativeEnd.append(false)
        self.start.append(start)
        self.end.append(end)
        self.birthDay.append(birthDay)
        origin.append(calendarOrigin ?? Int.min)
        eventDays.append(contentsOf: events)
        eventOffsets.append(eventDays.count)
        self.windows.append(contentsOf: windows)
        windowOffsets.append(self.windows.count)
    }

    package mutating func append(contentsOf other: SCCSCaseTable) {
        let e = eventDays.count, w = windows.count
        ids.append(contentsOf: other.ids)
        administrativeEnd.append(contentsOf: other.administrativeEnd)
        start.append(contentsOf: other.start)
        end.append(contentsOf: other.end)
        birthDay.append(contentsOf: other.birthDay)
        origin.append(contentsOf: other.origin)
        eventDays.append(contentsOf: other.eventDays)
        eventOffsets.append(contentsOf: other.eventOffsets.dropFirst().map { $0 + e })
        windows.append(contentsOf: other.windows)
        windowOffsets.append(contentsOf: other.windowOffsets.dropFirst().map { $0 + w })
    }

    /// Marks the last case appended as ending administratively.
    package mutating func markLastAdministrativeEnd() {
        if !administrativeEnd.isEmpty { administrativeEnd[administrativeEnd.count - 1] = true }
    }

    /// The cases as values.
    package var cases: [SCCSCase] {
        (0..<count).map { i in
            SCCSCase(
                id: ids[i], observationStart: start[i], observationEnd: end[i],
                events: Array(eventDays[eventOffsets[i]..<eventOffsets[i + 1]]),
                windows: Array(windows[windowOffsets[i]..<windowOffsets[i + 1]]), birthDay: birthDay[i],
                calendarOrigin: origin[i] == Int.min ? nil : origin[i], administrativeEnd: administrativeEnd[i])
        }
    }
}
