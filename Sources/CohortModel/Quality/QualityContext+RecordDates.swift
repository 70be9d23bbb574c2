/// The date checks every record table shares, counted in one pass per table.
struct RecordDateTallies {
    var rows: [Int]
    var dateRange: [Int]
    var beforeBirth: [Int]
    var outsideObservation: [Int]
    var tooOld: [Int]
}

extension QualityContext {
    /// Counts, per slot, the rows of a person-indexed table whose `date` is outside the valid window, before the
    /// person's birth, or (when `againstObservation`) outside every observation period of the person, and whose
    /// `ageDate` is after the person's oldest plausible age.
    ///
    /// - Complexity: O(rows × observation periods per person), one pass in person order.
    func tallyRecordDates(offsets: [Int], date: [Day], ageDate: [Day], againstObservation: Bool) -> RecordDateTallies {
        var t = RecordDateTallies(
            rows: [Int](repeating: 0, count: slots), dateRange: [Int](repeating: 0, count: slots),
            beforeBirth: [Int](repeating: 0, count: slots), outsideObservation: [Int](repeating: 0, count: slots),
            tooOld: [Int](repeating: 0, count: slots))
        let birth = network.persons.birthDate
        let ageLimit = self.ageLimit
        let slotOfPerson = self.slotOfPerson
        let obs = network.observationPeriods
        let obsStart = obs.table.start, obsEnd = obs.table.end, obsOffsets = obs.offsets
        let lo = earliest, hi = latest
        let personCount = min(slotOfPerson.count, offsets.count - 1, obsOffsets.count - 1)
        for p in 0..<max(personCount, 0) {
            let first = offsets[p], last = offsets[p + 1]
            if first == last { continue }
            let b = birth[p], old = ageLimit[p]
            let o0 = obsOffsets[p], o1 = obsOffsets[p + 1]
            var range = 0, before = 0, outside = 0, aged = 0
            for i in first..<last {
                let d = date[i]
                if d < lo || d > hi { range += 1 }
                if d < b { before += 1 }
                if ageDate[i] >= old { aged += 1 }
                if againstObservation {
                    var inside = false
                    var k = o0
                    while k < o1 {
                        if obsStart[k] <= d && d <= obsEnd[k] {
                            inside = true
                            break
                        }
                        k += 1
                    }
                    if !inside { outside += 1 }
                }
            }
            let s = slotOfPerson[p]
            t.rows[s] += last - first
            t.dateRange[s] += range
            t.beforeBirth[s] += before
            t.outsideObservation[s] += outside
            t.tooOld[s] += aged
        }
        return t
    }

    /// The shared date checks of one record table.
    func recordDateChecks(
        table: String, dateColumn: String, ageColumn: String, offsets: [Int], date: [Day], ageDate: [Day],
        againstObservation: Bool
    ) -> [QualityCheck] {
        let t = tallyRecordDates(offsets: offsets, date: date, ageDate: ageDate, againstObservation: againstObservation)
        var checks = [
            check(
                "date_range", .conformance, table: table, column: dateColumn,
                description: "date before \(earliest) or after the extraction date \(latest)",
                tally: SiteTally(failing: t.dateRange, denominator: t.rows)),
            check(
                "before_birth", .conformance, table: table, column: dateColumn,
                description: "record dated before the person's birth",
                tally: SiteTally(failing: t.beforeBirth, denominator: t.rows)),
        ]
        if againstObservation {
            checks.append(check(
                "outside_observation", .conformance, table: table, column: dateColumn,
                description: "record outside every observation period of the person",
                tally: SiteTally(failing: t.outsideObservation, denominator: t.rows)))
        }
        checks.append(check(
            "age_plausible", .plausibility, table: table, column: ageColumn,
            description: "person older than \(thresholds.maxAgeYears) years at the record",
            tally: SiteTally(failing: t.tooOld, denominator: t.rows)))
        return checks
    }

    /// Per slot, rows of `date` outside the valid window (for a table's second date column).
    func tallyDateRange(offsets: [Int], date: [Day]) -> SiteTally {
        var tally = SiteTally(slots: slots)
        let lo = earliest, hi = latest
        let personCount = min(slotOfPerson.count, offsets.count - 1)
        for p in 0..<max(personCount, 0) {
            let first = offsets[p], last = offsets[p + 1]
            if first == last { continue }
            var bad = 0
            for i in first..<last where date[i] < lo || date[i] > hi { bad += 1 }
            let s = slotOfPerson[p]
            tally.failing[s] += bad
            tally.denominator[s] += last - first
        }
        return tally
    }

    /// One `code_format` check per code system used in a coded column.
    func codeFormatChecks(table: String, column: String, offsets: [Int], codes: [Int32]) -> [QualityCheck] {
        let systems = CodeSystem.allCases
        let systemIndex = network.vocabulary.concepts.map { c in systems.firstIndex(of: c.system) ?? 0 }
        let invalid = conceptProblem.map { $0 != nil }
        let conceptCount = invalid.count
        let slots = self.slots
        var failing = [Int](repeating: 0, count: systems.count * slots)
        var denominator = [Int](repeating: 0, count: systems.count * slots)
        var invalidRows = [Int](repeating: 0, count: conceptCount)
        var unknownConcepts = [Int](repeating: 0, count: slots)
        let personCount = min(slotOfPerson.count, offsets.count - 1)
        for p in 0..<max(personCount, 0) {
            let s = slotOfPerson[p]
            for i in offsets[p]..<offsets[p + 1] {
                let c = Int(codes[i])
                guard c >= 0, c < conceptCount else {
                    unknownConcepts[s] += 1
                    continue
                }
                let k = systemIndex[c] * slots + s
                denominator[k] += 1
                if invalid[c] {
                    failing[k] += 1
                    invalidRows[c] += 1
                }
            }
        }
        var checks: [QualityCheck] = []
        for (j, system) in systems.enumerated() {
            let range = (j * slots)..<((j + 1) * slots)
            let den = Array(denominator[range])
            guard den.reduce(0, +) > 0 else { continue }
            var note: String?
            var worst = -1
            for c in 0..<conceptCount where systemIndex[c] == j && invalidRows[c] > 0 {
                if worst < 0 || invalidRows[c] > invalidRows[worst] { worst = c }
            }
            if worst >= 0, let problem = conceptProblem[worst] {
                note = "most frequent: \"\(network.vocabulary.concepts[worst].code)\" (\(invalidRows[worst]) rows): \(problem)"
            }
            checks.append(check(
                "code_format", .conformance, table: table, column: column, subject: system.rawValue,
                description: "code does not follow the \(system.rawValue) format",
                tally: SiteTally(failing: Array(failing[range]), denominator: den), note: note))
        }
        if unknownConcepts.contains(where: { $0 > 0 }) {
            checks.append(check(
                "code_format", .conformance, table: table, column: column, subject: "unknown concept",
                description: "concept id not in the vocabulary",
                tally: SiteTally(failing: unknownConcepts, denominator: rowsPerSlot(offsets: offsets))))
        }
        return checks
    }
}
