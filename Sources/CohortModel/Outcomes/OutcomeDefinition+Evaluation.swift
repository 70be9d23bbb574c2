// Evaluation of outcome definitions: one linear pass per leaf over a person-sorted table, with the concept and
// unit masks resolved once; combinations merge their components' per-person sorted events.

extension OutcomeDefinition {
    /// Evaluates a validated definition.
    func evaluate(_ network: Network) -> OutcomeEvents {
        switch self {
        case .diagnosis(let d): return d.evaluate(network)
        case .lab(let l): return l.evaluate(network)
        case .hysLaw(let h): return h.expanded.evaluate(network)
        case .admission(let a): return a.evaluate(network)
        case .anyOf(let parts, let occurrences):
            return Self.combine(parts.map { $0.evaluate(network) }, window: nil, occurrences: occurrences, network.personCount)
        case .allOf(let parts, let window, let occurrences):
            return Self.combine(parts.map { $0.evaluate(network) }, window: window, occurrences: occurrences, network.personCount)
        }
    }

    /// Any-of (`window == nil`) or all-of within `window` days.
    static func combine(_ parts: [OutcomeEvents], window: Int?, occurrences: OutcomeOccurrences, _ personCount: Int) -> OutcomeEvents {
        var b = EventBuilder(personCount: personCount, occurrences: occurrences)
        var counts = OutcomeCounts()
        for part in parts { counts.addRecords(part.counts) }
        let k = parts.count
        var cursor = [Int](repeating: 0, count: k)  // next event of each part to merge
        var latest = [Int](repeating: 0, count: k)  // all-of: first event of each part after the current day
        for p in 0..<personCount {
            for c in 0..<k {
                cursor[c] = parts[c].offsets[p]
                latest[c] = parts[c].offsets[p]
            }
            while true {
                // The smallest next date over the parts (k is small).
                var next: Int32 = .max
                var which = -1
                for c in 0..<k where cursor[c] < parts[c].offsets[p + 1] {
                    let d = parts[c].date[cursor[c]].rawValue
                    if d < next {
                        next = d
                        which = c
                    }
                }
                guard which >= 0 else { break }
                cursor[which] += 1
                let day = Day(next)
                if let w = window {
                    var all = true
                    for c in 0..<k {
                        let end = parts[c].offsets[p + 1]
                        while latest[c] < end, parts[c].date[latest[c]].rawValue <= next { latest[c] += 1 }
                        // The part's most recent event on or before `day` must be within the window.
                        if latest[c] == parts[c].offsets[p] || Int(next) - Int(parts[c].date[latest[c] - 1].rawValue) > w {
                            all = false
                        }
                    }
                    if all { b.offer(Int32(p), day) }
                } else {
                    b.offer(Int32(p), day)
                }
            }
            b.endPerson()
        }
        return b.build(counts: counts)
    }
}

extension DiagnosisOutcome {
    func evaluate(_ network: Network) -> OutcomeEvents {
        let mask = concepts.resolve(in: network.vocabulary)
        let t = network.diagnoses.table
        var b = EventBuilder(personCount: network.personCount, occurrences: occurrences)
        var counts = OutcomeCounts()
        for p in 0..<network.personCount {
            for i in network.diagnoses.rows(ofPerson: p) where mask[Int(t.code[i])] {
                if (confirmedOnly && t.suspected[i]) || (inpatientOnly && t.setting[i] != .inpatient) {
                    counts.excludedByFilter += 1
                    continue
                }
                counts.recordsEvaluated += 1
                b.offer(Int32(p), t.date[i])
            }
            b.endPerson()
        }
        return b.build(counts: counts)
    }
}

extension AdmissionOutcome {
    func evaluate(_ network: Network) -> OutcomeEvents {
        let t = network.admissions.table
        var b = EventBuilder(personCount: network.personCount, occurrences: occurrences)
        var counts = OutcomeCounts()
        for p in 0..<network.personCount {
            for i in network.admissions.rows(ofPerson: p) {
                let stay = t.discharge[i] - t.admission[i] + 1
                guard stay >= 1 else {
                    counts.notEvaluable += 1
                    continue
                }
                counts.recordsEvaluated += 1
                if let m = minimumStayDays, stay < m { continue }
                b.offer(Int32(p), t.admission[i])
            }
            b.endPerson()
        }
        return b.build(counts: counts)
    }
}

extension LabOutcome {
    func evaluate(_ network: Network) -> OutcomeEvents {
        let codeMask = analyte.resolve(in: network.vocabulary)
        let unitOK = analyte.unitMask(network.units)
        let t = network.labs.table
        var b = EventBuilder(personCount: network.personCount, occurrences: occurrences)
        var counts = OutcomeCounts()
        switch rule {
        case .referenceLimit(let limit, let multiple, let comparison):
            let limits = limit == .upper ? t.referenceHigh : t.referenceLow
            for p in 0..<network.personCount {
                for i in network.labs.rows(ofPerson: p) where codeMask[Int(t.code[i])] {
                    let v = t.value[i], l = limits[i]
                    guard v.isFinite, l.isFinite, l >= 0 else {
                        counts.notEvaluable += 1
                        continue
                    }
                    counts.recordsEvaluated += 1
                    if comparison.holds(v, multiple * l) { b.offer(Int32(p), t.date[i]) }
                }
                b.endPerson()
            }
        case .absolute(let threshold, _, let comparison):
            for p in 0..<network.personCount {
                for i in network.labs.rows(ofPerson: p) where codeMask[Int(t.code[i])] {
                    guard unitOK[Int(t.unit[i])] else {
                        counts.skippedForUnit += 1
                        continue
                    }
                    let v = t.value[i]
                    guard v.isFinite else {
                        counts.notEvaluable += 1
                        continue
                    }
                    counts.recordsEvaluated += 1
                    if comparison.holds(v, threshold) { b.offer(Int32(p), t.date[i]) }
                }
                b.endPerson()
            }
        case .baselineRatio(let ratio, let lookBack, let choice, let comparison):
            // Candidate baselines enter a window queue once their day is before the current result's day; for
            // `.minimum` the queue is a monotonic deque (values increasing from head), so its head is the window's
            // minimum, and each row enters and leaves once.
            var queue: [Int] = []
            for p in 0..<network.personCount {
                let rows = network.labs.rows(ofPerson: p)
                queue.removeAll(keepingCapacity: true)
                var head = 0
                var pushed = rows.lowerBound
                var mostRecent = -1
                for i in rows where codeMask[Int(t.code[i])] {
                    let d = t.date[i]
                    while pushed < i, t.date[pushed] < d {
                        let j = pushed
                        pushed += 1
                        guard codeMask[Int(t.code[j])], unitOK[Int(t.unit[j])], t.value[j].isFinite else { continue }
                        mostRecent = j
                        if choice == .minimum {
                            while queue.count > head, let last = queue.last, t.value[last] >= t.value[j] { queue.removeLast() }
                            queue.append(j)
                        }
                    }
                    guard unitOK[Int(t.unit[i])] else {
                        counts.skippedForUnit += 1
                        continue
                    }
                    let v = t.value[i]
                    guard v.isFinite else {
                        counts.notEvaluable += 1
                        continue
                    }
                    let earliest = d - lookBack
                    let baseline: Double
                    switch choice {
                    case .mostRecent:
                        guard mostRecent >= 0, t.date[mostRecent] >= earliest else {
                            counts.withoutBaseline += 1
                            continue
                        }
                        baseline = t.value[mostRecent]
                    case .minimum:
                        while head < queue.count, t.date[queue[head]] < earliest { head += 1 }
                        guard head < queue.count else {
                            counts.withoutBaseline += 1
                            continue
                        }
                        baseline = t.value[queue[head]]
                    }
                    guard baseline > 0 else {
                        counts.notEvaluable += 1
                        continue
                    }
                    counts.recordsEvaluated += 1
                    if comparison.holds(v, ratio * baseline) { b.offer(Int32(p), d) }
                }
                b.endPerson()
            }
        }
        return b.build(counts: counts)
    }
}
