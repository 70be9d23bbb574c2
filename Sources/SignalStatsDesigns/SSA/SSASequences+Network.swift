import SignalStatsCore
import CohortModel

/// Whether a first start is an incident start: inside an observation period, after the washout.
enum IncidentStatus {
    case outsideObservation, shortWashout, incident

    /// The status of person `p`'s first start on day `d`.
    @inline(__always)
    static func of(
        person p: Int, day d: Int32, observation obs: PersonIndexed<ObservationPeriodTable>, washoutDays: Int
    ) -> IncidentStatus {
        let t = obs.table
        for o in obs.rows(ofPerson: p) {
            let s = t.start[o].rawValue
            if s <= d && d <= t.end[o].rawValue {
                return Int(d) - Int(s) >= washoutDays ? .incident : .shortWashout
            }
        }
        return .outsideObservation
    }
}

extension Network {
    /// The span of the observation periods, if any.
    var observationSpan: ClosedRange<Day>? {
        let t = observationPeriods.table
        guard let lo = t.start.min(), let hi = t.end.max(), lo <= hi else { return nil }
        return lo...hi
    }
}

extension SSASequences {
    /// Incident sequences of two concept sets in a network.
    ///
    /// For each person, the first record of any concept in `index` and the first of any concept in `marker`
    /// are the first starts; each is incident if it lies inside an observation period at least
    /// ``SSADesign/washoutDays`` days after the period began. Then the study period and the gap apply (see
    /// ``SSADesign``). The attrition follows the persons with records of both drugs: records of both; both first
    /// records inside observation; both after the washout; both inside the study period; different days;
    /// inside the gap.
    ///
    /// - Parameters:
    ///   - network: The network (drug records sorted by person and date, as `Network` guarantees).
    ///   - index: The index drug (suspected cause).
    ///   - marker: The marker drug (suspected treatment of the adverse effect).
    ///   - design: Washout, gap and study period.
    /// - Throws: ``SSAError/invalidDesign(_:)``, ``SSAError/studyPeriodShorterThanGap(periodDays:minimumGapDays:)``,
    ///   ``SSAError/overlappingConceptSets(concept:)``.
    /// - Complexity: one pass over the drug records, O(records + persons), split over the cores.
    public init(network: Network, index: ConceptSet, marker: ConceptSet, design: SSADesign = .init()) throws(SSAError) {
        try design.validate()
        let vocabulary = network.vocabulary
        let inIndex = index.resolve(in: vocabulary), inMarker = marker.resolve(in: vocabulary)
        var role = [UInt8](repeating: 0, count: vocabulary.count)
        for c in 0..<vocabulary.count {
            if inIndex[c] && inMarker[c] {
                let concept = vocabulary[Int32(c)]
                throw .overlappingConceptSets(concept: "\(concept.system) \(concept.code)")
            }
            role[c] = inIndex[c] ? 1 : (inMarker[c] ? 2 : 0)
        }
        let blocks = rowBlocks(network.personCount, count: max(1, defaultPartitionCount))
        let washout = design.washoutDays
        let roleOf = role
        let parts = parallelMap(count: blocks.count) { b in
            Self.extract(network: network, role: roleOf, persons: blocks[b], washoutDays: washout)
        }
        var tally = ExtractionTally()
        var person: [Int32] = [], indexDay: [Int32] = [], markerDay: [Int32] = []
        var site: [Int32] = [], sex: [Sex] = [], birth: [Int32] = [], records: [Int32] = []
        for part in parts {
            tally.add(part.tally)
            person += part.person
            indexDay += part.indexDay
            markerDay += part.markerDay
            records += part.records
        }
        let persons = network.persons
        site.reserveCapacity(person.count)
        sex.reserveCapacity(person.count)
        birth.reserveCapacity(person.count)
        for p in person {
            site.append(persons.site[Int(p)])
            sex.append(persons.sex[Int(p)])
            birth.append(persons.birthDate[Int(p)].rawValue)
        }
        var attrition = Attrition()
        attrition.record("persons in the network", persons: network.personCount, records: tally.allRecords)
        attrition.record(
            "with records of both \(index.name) and \(marker.name)", persons: tally.both, records: tally.bothRecords)
        attrition.record(
            "both first records inside an observation period", persons: tally.bothInObservation,
            records: tally.bothInObservationRecords)
        attrition.record(
            "both first starts after \(washout) days of observation (washout)", persons: tally.bothIncident,
            records: tally.bothIncidentRecords)
        let starts = SSAFirstStarts(
            person: person, indexDay: indexDay, markerDay: markerDay, site: site,
            siteNames: network.sites.map(\.hospitalID), sex: sex, birthDay: birth, records: records)
        var notes: [String] = []
        if tally.indexOutside + tally.markerOutside > 0 {
            notes.append(
                "\(tally.indexOutside) first \(index.name) and \(tally.markerOutside) first \(marker.name) records lie outside every observation period and were not counted as incident starts")
        }
        try self.init(
            restricting: starts, indexName: index.name, markerName: marker.name, design: design, attrition: attrition,
            dataSpan: network.observationSpan, diagnostics: notes)
    }

    /// Counts for the pair-level attrition of the network extraction.
    struct ExtractionTally {
        var allRecords = 0
        var both = 0, bothRecords = 0
        var bothInObservation = 0, bothInObservationRecords = 0
        var bothIncident = 0, bothIncidentRecords = 0
        var indexOutside = 0, markerOutside = 0

        mutating func add(_ o: ExtractionTally) {
            allRecords += o.allRecords
            both += o.both
            bothRecords += o.bothRecords
            bothInObservation += o.bothInObservation
            bothInObservationRecords += o.bothInObservationRecords
            bothIncident += o.bothIncident
            bothIncidentRecords += o.bothIncidentRecords
            indexOutside += o.indexOutside
            markerOutside += o.markerOutside
        }
    }

    /// One block of persons' incident starts.
    struct ExtractedBlock: Sendable {
        var tally = ExtractionTally()
        var person: [Int32] = []
        var indexDay: [Int32] = []
        var markerDay: [Int32] = []
        var records: [Int32] = []
    }

    static func extract(network: Network, role: [UInt8], persons: Range<Int>, washoutDays: Int) -> ExtractedBlock {
        var out = ExtractedBlock()
        let drugs = network.drugs.table
        let none = SSAFirstStarts.noStart
        role.withUnsafeBufferPointer { roleOf in
            drugs.drug.withUnsafeBufferPointer { drug in
                drugs.start.withUnsafeBufferPointer { start in
                    for p in persons {
                        var fi = none, fm = none
                        var ri: Int32 = 0, rm: Int32 = 0
                        for r in network.drugs.rows(ofPerson: p) {
                            let k = roleOf[Int(drug[r])]
                            if k == 1 {
                                if fi == none { fi = start[r].rawValue }
                                ri += 1
                            } else if k == 2 {
                                if fm == none { fm = start[r].rawValue }
                                rm += 1
                            }
                        }
                        if fi == none && fm == none { continue }
                        out.tally.allRecords += Int(ri + rm)
                        let si: IncidentStatus? =
                            fi == none
                            ? nil
                            : IncidentStatus.of(
                                person: p, day: fi, observation: network.observationPeriods, washoutDays: washoutDays)
                        let sm: IncidentStatus? =
                            fm == none
                            ? nil
                            : IncidentStatus.of(
                                person: p, day: fm, observation: network.observationPeriods, washoutDays: washoutDays)
                        if si == .outsideObservation { out.tally.indexOutside += 1 }
                        if sm == .outsideObservation { out.tally.markerOutside += 1 }
                        if let si, let sm {
                            let r = Int(ri + rm)
                            out.tally.both += 1
                            out.tally.bothRecords += r
                            if si != .outsideObservation && sm != .outsideObservation {
                                out.tally.bothInObservation += 1
                                out.tally.bothInObservationRecords += r
                                if si == .incident && sm == .incident {
                                    out.tally.bothIncident += 1
                                    out.tally.bothIncidentRecords += r
                                }
                            }
                        }
                        let a = si == .incident ? fi : none
                        let b = sm == .incident ? fm : none
                        if a == none && b == none { continue }
                        out.person.append(Int32(truncatingIfNeeded: p))
                        out.indexDay.append(a)
                        out.markerDay.append(b)
                        out.records.append(ri + rm)
                    }
                }
            }
        }
        return out
    }
}
