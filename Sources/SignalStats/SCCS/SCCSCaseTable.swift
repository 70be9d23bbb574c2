/// The cases of a network SCCS in struct-of-arrays form, kept by interval construction without one allocation per
/// case; ``cases`` materializes them as ``SCCSCase`` values when a refit needs them (for example the end-of-observation
/// diagnostic).
struct SCCSCaseTable: Sendable {
    var ids: [String] = []
    var start: [Int] = []
    var end: [Int] = []
    var birthDay: [Int] = []
    /// Calendar origin, or `Int.min` for none.
    var origin: [Int] = []
    var eventOffsets: [Int] = [0]
    var eventDays: [Int] = []
    var windowOffsets: [Int] = [0]
    var windows: [SCCSWindow] = []
    /// Per case: the end is administrative (``SCCSCase/administrativeEnd``).
    var administrativeEnd: [Bool] = []

    var count: Int { ids.count }

    mutating func append(id: String, start: Int, end: Int, events: [Int], windows: [SCCSWindow], birthDay: Int, calendarOrigin: Int?) {
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

    mutating func append(contentsOf other: SCCSCaseTable) {
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
    mutating func markLastAdministrativeEnd() {
        if !administrativeEnd.isEmpty { administrativeEnd[administrativeEnd.count - 1] = true }
    }

    /// The cases as values.
    var cases: [SCCSCase] {
        (0..<count).map { i in
            SCCSCase(
                id: ids[i], observationStart: start[i], observationEnd: end[i],
                events: Array(eventDays[eventOffsets[i]..<eventOffsets[i + 1]]),
                windows: Array(windows[windowOffsets[i]..<windowOffsets[i + 1]]), birthDay: birthDay[i],
                calendarOrigin: origin[i] == Int.min ? nil : origin[i], administrativeEnd: administrativeEnd[i])
        }
    }
}
