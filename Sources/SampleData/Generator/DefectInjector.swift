import CohortModel

/// Injects data defects at the configured rates, from its own random stream, and counts them.
struct DefectInjector {
    let config: SampleConfiguration

    func inject(into network: inout Network) -> [DefectCount] {
        let r = config.defects
        var rng = Xoshiro256StarStar(seed: config.seed ^ 0xDEFE_C7DE_FEC7)
        var counts: [DefectCount] = []

        // Invalid drug codes: the YJ check digit is changed.
        var n = 0
        let drugs = network.drugs.table.count
        if r.invalidCode > 0 {
            for i in 0..<drugs where rng.nextBernoulli(p: r.invalidCode) {
                let concept = network.vocabulary[network.drugs.table.drug[i]]
                guard let last = concept.code.last?.wholeNumberValue else { continue }
                let broken = String(concept.code.dropLast()) + String((last + 1) % 10)
                network.drugs.table.drug[i] = network.vocabulary.intern(broken, system: concept.system)
                n += 1
            }
        }
        counts.append(DefectCount(kind: "invalid code", table: "drug_exposures", rate: r.invalidCode, eligible: drugs, injected: n))

        // Lab values a thousand times too large.
        n = 0
        let labs = network.labs.table.count
        if r.outOfRangeLab > 0 {
            for i in 0..<labs where rng.nextBernoulli(p: r.outOfRangeLab) {
                network.labs.table.value[i] *= 1000
                network.labs.table.abnormal[i] = .high
                n += 1
            }
        }
        counts.append(DefectCount(kind: "out-of-range lab value", table: "lab_results", rate: r.outOfRangeLab, eligible: labs, injected: n))

        // Creatinine recorded in mg/L.
        n = 0
        let creatinine = network.vocabulary.id(of: LabCatalog.labs[LabCatalog.creatinine].jlac10, system: .jlac10)
        var eligible = 0
        if let creatinine {
            var wrongUnit: Int32? = nil
            for i in 0..<labs where network.labs.table.code[i] == creatinine {
                eligible += 1
                guard r.unitMismatch > 0, rng.nextBernoulli(p: r.unitMismatch) else { continue }
                if wrongUnit == nil {
                    network.units.append("mg/L")
                    wrongUnit = Int32(network.units.count - 1)
                }
                network.labs.table.unit[i] = wrongUnit ?? 0
                n += 1
            }
        }
        counts.append(DefectCount(kind: "unit mismatch", table: "lab_results", rate: r.unitMismatch, eligible: eligible, injected: n))

        // Discharge before admission.
        n = 0
        let admissions = network.admissions.table.count
        if r.endBeforeStart > 0 {
            for i in 0..<admissions where rng.nextBernoulli(p: r.endBeforeStart) {
                network.admissions.table.discharge[i] = network.admissions.table.admission[i] - (1 + rng.nextInt(below: 5))
                n += 1
            }
        }
        counts.append(DefectCount(kind: "end before start", table: "admissions", rate: r.endBeforeStart, eligible: admissions, injected: n))

        // Drug records moved after the end of the person's last observation period.
        n = 0
        if r.outsideObservation > 0 {
            for p in 0..<network.personCount {
                let rows = network.drugs.rows(ofPerson: p)
                guard !rows.isEmpty, let lastPeriod = network.observationPeriods.rows(ofPerson: p).last else { continue }
                var moved = false
                for i in rows where rng.nextBernoulli(p: r.outsideObservation) {
                    network.drugs.table.start[i] = network.observationPeriods.table.end[lastPeriod] + (30 + rng.nextInt(below: 170))
                    n += 1
                    moved = true
                }
                if moved { sortByStart(&network.drugs.table, rows) }
            }
        }
        counts.append(DefectCount(kind: "outside observation", table: "drug_exposures", rate: r.outsideObservation, eligible: drugs, injected: n))
        return counts
    }

    /// Restores date order within one person's drug rows.
    private func sortByStart(_ t: inout DrugExposureTable, _ rows: Range<Int>) {
        let order = rows.sorted { (t.start[$0], $0) < (t.start[$1], $1) }
        let drug = order.map { t.drug[$0] }, start = order.map { t.start[$0] }, days = order.map { t.daysSupply[$0] }
        let qty = order.map { t.quantity[$0] }, route = order.map { t.route[$0] }, setting = order.map { t.setting[$0] }
        for (k, i) in rows.enumerated() {
            t.drug[i] = drug[k]
            t.start[i] = start[k]
            t.daysSupply[i] = days[k]
            t.quantity[i] = qty[k]
            t.route[i] = route[k]
            t.setting[i] = setting[k]
        }
    }
}
