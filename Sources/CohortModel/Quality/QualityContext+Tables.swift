extension QualityContext {
    /// Persons: birth dates in the valid window, sex recorded, at least one observation period.
    func personChecks() -> [QualityCheck] {
        let persons = network.persons
        let obsOffsets = network.observationPeriods.offsets
        var birthRange = SiteTally(slots: slots)
        var sexUnknown = SiteTally(slots: slots)
        var noObservation = SiteTally(slots: slots)
        let lo = earliest, hi = latest
        for p in 0..<persons.count {
            let s = slotOfPerson[p]
            let b = persons.birthDate[p]
            if b < lo || b > hi { birthRange.failing[s] += 1 }
            if persons.sex[p] == .unknown { sexUnknown.failing[s] += 1 }
            if p + 1 >= obsOffsets.count || obsOffsets[p] == obsOffsets[p + 1] { noObservation.failing[s] += 1 }
        }
        let perSlot = personsPerSlot()
        birthRange.denominator = perSlot
        sexUnknown.denominator = perSlot
        noObservation.denominator = perSlot
        let t = QualityTable.persons
        return [
            check(
                "date_range", .conformance, table: t, column: "birth_date",
                description: "birth date before \(earliest) or after the extraction date \(latest)", tally: birthRange),
            check("missing_value", .completeness, table: t, column: "sex", description: "sex unknown", tally: sexUnknown),
            check(
                "persons_without_observation", .completeness, table: t, column: nil,
                description: "person without any observation period", tally: noObservation),
        ]
    }

    /// Observation periods: dates, order, age at the end.
    func observationChecks() -> [QualityCheck] {
        let obs = network.observationPeriods
        let t = QualityTable.observationPeriods
        var checks = recordDateChecks(
            table: t, dateColumn: "start_date", ageColumn: "end_date", offsets: obs.offsets, date: obs.table.start,
            ageDate: obs.table.end, againstObservation: false)
        checks.append(check(
            "date_range", .conformance, table: t, column: "end_date",
            description: "date before \(earliest) or after the extraction date \(latest)",
            tally: tallyDateRange(offsets: obs.offsets, date: obs.table.end)))
        var order = SiteTally(slots: slots)
        let start = obs.table.start, end = obs.table.end
        forEachPerson(offsets: obs.offsets) { s, rows in
            var bad = 0
            for i in rows where end[i] < start[i] { bad += 1 }
            order.failing[s] += bad
            order.denominator[s] += rows.count
        }
        checks.append(check(
            "end_not_before_start", .conformance, table: t, column: "end_date", description: "end before start",
            tally: order))
        return checks
    }

    /// Drug exposures: dates, code formats, days supplied, quantity.
    func drugChecks() -> [QualityCheck] {
        let drugs = network.drugs
        let t = QualityTable.drugExposures
        var checks = recordDateChecks(
            table: t, dateColumn: "start_date", ageColumn: "start_date", offsets: drugs.offsets, date: drugs.table.start,
            ageDate: drugs.table.start, againstObservation: true)
        checks += codeFormatChecks(table: t, column: "drug_code", offsets: drugs.offsets, codes: drugs.table.drug)
        var nonPositive = SiteTally(slots: slots)
        var tooLong = SiteTally(slots: slots)
        var quantityMissing = SiteTally(slots: slots)
        let days = drugs.table.daysSupply, quantity = drugs.table.quantity
        let maxDays = Int32(clamping: thresholds.maxDaysSupply)
        forEachPerson(offsets: drugs.offsets) { s, rows in
            var low = 0, high = 0, missing = 0
            for i in rows {
                let d = days[i]
                if d < 1 { low += 1 } else if d > maxDays { high += 1 }
                if quantity[i].isNaN { missing += 1 }
            }
            nonPositive.failing[s] += low
            tooLong.failing[s] += high
            quantityMissing.failing[s] += missing
        }
        let rows = rowsPerSlot(offsets: drugs.offsets)
        nonPositive.denominator = rows
        tooLong.denominator = rows
        quantityMissing.denominator = rows
        checks.append(check(
            "days_supply_positive", .conformance, table: t, column: "days_supply", description: "days supplied < 1",
            tally: nonPositive))
        checks.append(check(
            "missing_value", .completeness, table: t, column: "quantity", description: "quantity missing",
            tally: quantityMissing))
        checks.append(check(
            "days_supply_plausible", .plausibility, table: t, column: "days_supply",
            description: "days supplied > \(thresholds.maxDaysSupply)", tally: tooLong))
        return checks
    }

    /// Diagnoses: dates and code formats.
    func diagnosisChecks() -> [QualityCheck] {
        let dx = network.diagnoses
        let t = QualityTable.diagnoses
        return recordDateChecks(
            table: t, dateColumn: "date", ageColumn: "date", offsets: dx.offsets, date: dx.table.date,
            ageDate: dx.table.date, againstObservation: true)
            + codeFormatChecks(table: t, column: "icd10_code", offsets: dx.offsets, codes: dx.table.code)
    }

    /// Admissions: dates, order and length of stay.
    func admissionChecks() -> [QualityCheck] {
        let a = network.admissions
        let t = QualityTable.admissions
        var checks = recordDateChecks(
            table: t, dateColumn: "admission_date", ageColumn: "admission_date", offsets: a.offsets, date: a.table.admission,
            ageDate: a.table.admission, againstObservation: true)
        checks.append(check(
            "date_range", .conformance, table: t, column: "discharge_date",
            description: "date before \(earliest) or after the extraction date \(latest)",
            tally: tallyDateRange(offsets: a.offsets, date: a.table.discharge)))
        var order = SiteTally(slots: slots)
        var tooLong = SiteTally(slots: slots)
        let admission = a.table.admission, discharge = a.table.discharge
        let maxDays = thresholds.maxAdmissionDays
        forEachPerson(offsets: a.offsets) { s, rows in
            var backwards = 0, long = 0
            for i in rows {
                let stay = discharge[i] - admission[i]
                if stay < 0 { backwards += 1 } else if stay > maxDays { long += 1 }
            }
            order.failing[s] += backwards
            tooLong.failing[s] += long
        }
        let rows = rowsPerSlot(offsets: a.offsets)
        order.denominator = rows
        tooLong.denominator = rows
        checks.append(check(
            "end_not_before_start", .conformance, table: t, column: "discharge_date",
            description: "discharge before admission", tally: order))
        checks.append(check(
            "admission_length_plausible", .plausibility, table: t, column: "discharge_date",
            description: "stay (discharge − admission) longer than \(maxDays) days", tally: tooLong))
        return checks
    }

    /// For each table, the sites (hospitals) without a single row.
    func siteCoverageChecks() -> [QualityCheck] {
        let perTable: [(String, [Int])] = [
            (QualityTable.persons, personsPerSlot()),
            (QualityTable.observationPeriods, rowsPerSlot(offsets: network.observationPeriods.offsets)),
            (QualityTable.drugExposures, rowsPerSlot(offsets: network.drugs.offsets)),
            (QualityTable.diagnoses, rowsPerSlot(offsets: network.diagnoses.offsets)),
            (QualityTable.labResults, rowsPerSlot(offsets: network.labs.offsets)),
            (QualityTable.admissions, rowsPerSlot(offsets: network.admissions.offsets)),
        ]
        return perTable.map { table, rows in
            var tally = SiteTally(slots: slots)
            for s in 0..<siteCount {
                tally.denominator[s] = 1
                tally.failing[s] = rows[s] == 0 ? 1 : 0
            }
            return check(
                "site_without_records", .completeness, table: table, column: nil,
                description: "site (hospital) with no row in the table", tally: tally)
        }
    }

    /// Calls `body(slot, rows)` for each person with rows, in person order.
    func forEachPerson(offsets: [Int], _ body: (Int, Range<Int>) -> Void) {
        let personCount = min(slotOfPerson.count, offsets.count - 1)
        for p in 0..<max(personCount, 0) {
            let first = offsets[p], last = offsets[p + 1]
            if first < last { body(slotOfPerson[p], first..<last) }
        }
    }
}
