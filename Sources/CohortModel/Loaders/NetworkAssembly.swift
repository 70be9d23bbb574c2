/// Builds the sorted, person-indexed ``Network`` from loaded rows, as ``NetworkBuilder/build()`` does (rows
/// ordered by person, then date, ties in source order) but in linear time for the usual case: a counting sort
/// by person, then a sort by date only within the persons whose rows are out of date order, and no copying at
/// all when a table is already in order.
enum NetworkAssembly {
    static func build(
        sites: [Site], persons: PersonTable, observation: ObservationPeriodTable, drugs: DrugExposureTable,
        diagnoses: DiagnosisTable, labs: LabResultTable, admissions: AdmissionTable, vocabulary: Vocabulary,
        units: [String], personCount n: Int
    ) -> Network {
        var obs = observation
        if let p = order(person: obs.person, date: obs.start, personCount: n) {
            obs = ObservationPeriodTable(person: gather(obs.person, p), start: gather(obs.start, p), end: gather(obs.end, p))
        }
        var d = drugs
        if let p = order(person: d.person, date: d.start, personCount: n) {
            d = DrugExposureTable(
                person: gather(d.person, p), drug: gather(d.drug, p), start: gather(d.start, p),
                daysSupply: gather(d.daysSupply, p), quantity: gather(d.quantity, p), route: gather(d.route, p),
                setting: gather(d.setting, p))
        }
        var dx = diagnoses
        if let p = order(person: dx.person, date: dx.date, personCount: n) {
            dx = DiagnosisTable(
                person: gather(dx.person, p), code: gather(dx.code, p), date: gather(dx.date, p),
                suspected: gather(dx.suspected, p), setting: gather(dx.setting, p))
        }
        var l = labs
        if let p = order(person: l.person, date: l.date, personCount: n) {
            l = LabResultTable(
                person: gather(l.person, p), code: gather(l.code, p), date: gather(l.date, p), value: gather(l.value, p),
                unit: gather(l.unit, p), referenceLow: gather(l.referenceLow, p), referenceHigh: gather(l.referenceHigh, p),
                abnormal: gather(l.abnormal, p))
        }
        var a = admissions
        if let p = order(person: a.person, date: a.admission, personCount: n) {
            a = AdmissionTable(person: gather(a.person, p), admission: gather(a.admission, p), discharge: gather(a.discharge, p))
        }
        return Network(
            sites: sites, persons: persons,
            observationPeriods: PersonIndexed(table: obs, offsets: personOffsets(obs.person, personCount: n)),
            drugs: PersonIndexed(table: d, offsets: personOffsets(d.person, personCount: n)),
            diagnoses: PersonIndexed(table: dx, offsets: personOffsets(dx.person, personCount: n)),
            labs: PersonIndexed(table: l, offsets: personOffsets(l.person, personCount: n)),
            admissions: PersonIndexed(table: a, offsets: personOffsets(a.person, personCount: n)),
            vocabulary: vocabulary, units: units)
    }

    /// The stable permutation ordering rows by `(person, date)`; `nil` when they are in order already.
    ///
    /// - Precondition: every person is in `0..<personCount` (the loader only stores resolved persons).
    static func order(person: [Int32], date: [Day], personCount: Int) -> [Int32]? {
        let n = person.count
        var sorted = true
        person.withUnsafeBufferPointer { p in
            date.withUnsafeBufferPointer { d in
                var i = 1
                while i < n {
                    if p[i - 1] > p[i] || (p[i - 1] == p[i] && d[i - 1] > d[i]) {
                        sorted = false
                        break
                    }
                    i += 1
                }
            }
        }
        if sorted { return nil }
        // Counting sort by person (stable).
        var next = [Int](repeating: 0, count: personCount + 1)
        for q in person { next[Int(q) + 1] += 1 }
        for k in 0..<personCount { next[k + 1] += next[k] }
        let starts = next
        var perm = [Int32](repeating: 0, count: n)
        perm.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                let q = Int(person[i])
                out[next[q]] = Int32(i)
                next[q] += 1
            }
        }
        // Within each person, by date (ties keep source order).
        for q in 0..<personCount {
            let lo = starts[q], hi = starts[q + 1]
            guard hi - lo > 1 else { continue }
            var inOrder = true
            for k in (lo + 1)..<hi where date[Int(perm[k - 1])] > date[Int(perm[k])] {
                inOrder = false
                break
            }
            if inOrder { continue }
            perm[lo..<hi].sort { a, b in
                let da = date[Int(a)], db = date[Int(b)]
                return da < db || (da == db && a < b)
            }
        }
        return perm
    }

    /// `a` reordered by `perm`.
    static func gather<T>(_ a: [T], _ perm: [Int32]) -> [T] {
        a.withUnsafeBufferPointer { src in
            [T](unsafeUninitializedCapacity: perm.count) { out, count in
                for (k, i) in perm.enumerated() { out.initializeElement(at: k, to: src[Int(i)]) }
                count = perm.count
            }
        }
    }
}
