/// The lab checks and the analytes that had no plausibility bounds.
struct LabQuality {
    var checks: [QualityCheck]
    var rowsWithoutBounds: Int
    var analytesWithoutBounds: [String]
}

extension QualityContext {
    /// Lab results: dates, code formats, harmonized units, missing values and reference ranges, and values
    /// within the physiological bounds of their analyte.
    ///
    /// Two linear passes: one counts units per analyte network-wide (to find the harmonized unit), the other
    /// counts every check per site.
    func labChecks() -> LabQuality {
        let labs = network.labs
        let table = labs.table
        let t = QualityTable.labResults
        var checks = recordDateChecks(
            table: t, dateColumn: "date", ageColumn: "date", offsets: labs.offsets, date: table.date,
            ageDate: table.date, againstObservation: true)
        checks += codeFormatChecks(table: t, column: "jlac10_code", offsets: labs.offsets, codes: table.code)

        // Analyte of each concept: the first 5 characters of the JLAC10 code.
        var analytes: [String] = []
        var analyteIndex: [String: Int] = [:]
        let analyteOfConcept: [Int] = network.vocabulary.concepts.map { c in
            let a = String(c.code.prefix(5))
            if let k = analyteIndex[a] { return k }
            analyteIndex[a] = analytes.count
            analytes.append(a)
            return analytes.count - 1
        }
        let conceptCount = analyteOfConcept.count
        let unitCount = network.units.count
        let analyteCount = analytes.count

        // Pass 1: rows per (analyte, unit) over the network; rows with an unknown concept or unit are left out.
        var unitRows = [Int](repeating: 0, count: analyteCount * max(unitCount, 1))
        var analyteRows = [Int](repeating: 0, count: analyteCount)
        let code = table.code, unit = table.unit
        for i in 0..<table.count {
            let c = Int(code[i]), u = Int(unit[i])
            guard c >= 0, c < conceptCount else { continue }
            let a = analyteOfConcept[c]
            analyteRows[a] += 1
            if u >= 0, u < unitCount { unitRows[a * unitCount + u] += 1 }
        }
        // Harmonized unit: the given one, else the most common (ties: the lower unit id, the one seen first).
        let unitID = Dictionary(network.units.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var harmonized = [Int](repeating: -1, count: analyteCount)
        for a in 0..<analyteCount {
            if let given = thresholds.harmonizedUnits[analytes[a]] {
                harmonized[a] = unitID[given] ?? -1
                continue
            }
            var best = -1, bestRows = 0
            for u in 0..<unitCount where unitRows[a * unitCount + u] > bestRows {
                best = u
                bestRows = unitRows[a * unitCount + u]
            }
            harmonized[a] = best
        }
        // Bounds per analyte, and which units each bound applies to.
        let bounds = thresholds.labBounds
        var boundOfAnalyte = [Int](repeating: -1, count: analyteCount)
        for (b, bound) in bounds.enumerated() {
            if let a = analyteIndex[bound.analyte], boundOfAnalyte[a] < 0 { boundOfAnalyte[a] = b }
        }
        let normalizedUnits = network.units.map(LabBounds.normalizedUnit)
        var boundUnit = [Bool](repeating: false, count: bounds.count * max(unitCount, 1))
        for (b, bound) in bounds.enumerated() {
            let accepted = Set(bound.units.map(LabBounds.normalizedUnit))
            for u in 0..<unitCount where accepted.contains(normalizedUnits[u]) { boundUnit[b * unitCount + u] = true }
        }

        // Pass 2: every check per site.
        let slots = self.slots
        var mismatch = SiteTally(slots: slots)
        var valueMissing = SiteTally(slots: slots)
        var rangeMissing = SiteTally(slots: slots)
        var boundFailing = [Int](repeating: 0, count: bounds.count * slots)
        var boundDenominator = [Int](repeating: 0, count: bounds.count * slots)
        var boundOtherUnit = [Int](repeating: 0, count: bounds.count)
        var rowsWithoutBounds = 0
        var mismatchRows = [Int](repeating: 0, count: analyteCount)
        let value = table.value, low = table.referenceLow, high = table.referenceHigh
        forEachPerson(offsets: labs.offsets) { s, rows in
            var unitBad = 0, nan = 0, noRange = 0
            for i in rows {
                let v = value[i]
                if v.isNaN { nan += 1 }
                if low[i].isNaN && high[i].isNaN { noRange += 1 }
                let c = Int(code[i]), u = Int(unit[i])
                guard c >= 0, c < conceptCount else {
                    unitBad += 1
                    continue
                }
                let a = analyteOfConcept[c]
                if u != harmonized[a] || u < 0 || u >= unitCount {
                    unitBad += 1
                    mismatchRows[a] += 1
                }
                let b = boundOfAnalyte[a]
                if b < 0 {
                    rowsWithoutBounds += 1
                    continue
                }
                if v.isNaN { continue }
                guard u >= 0, u < unitCount, boundUnit[b * unitCount + u] else {
                    boundOtherUnit[b] += 1
                    continue
                }
                boundDenominator[b * slots + s] += 1
                if v < bounds[b].low || v > bounds[b].high { boundFailing[b * slots + s] += 1 }
            }
            mismatch.failing[s] += unitBad
            valueMissing.failing[s] += nan
            rangeMissing.failing[s] += noRange
        }
        let rows = rowsPerSlot(offsets: labs.offsets)
        mismatch.denominator = rows
        valueMissing.denominator = rows
        rangeMissing.denominator = rows

        var mismatchNote: String?
        let affected = (0..<analyteCount).filter { mismatchRows[$0] > 0 }
        if let worst = affected.max(by: { mismatchRows[$0] < mismatchRows[$1] || (mismatchRows[$0] == mismatchRows[$1] && $0 > $1) }) {
            let unitName = harmonized[worst] >= 0 ? network.units[harmonized[worst]] : "none"
            mismatchNote = "\(affected.count) analytes affected; most rows: \(analytes[worst]) "
                + "(\(mismatchRows[worst]) rows not in \(unitName))"
        }
        checks.append(check(
            "unit_mismatch", .conformance, table: t, column: "unit",
            description: "unit is not the analyte's harmonized unit", tally: mismatch, note: mismatchNote))
        checks.append(check(
            "missing_value", .completeness, table: t, column: "value", description: "value missing (NaN)",
            tally: valueMissing))
        checks.append(check(
            "missing_reference_range", .completeness, table: t, column: "reference_low,reference_high",
            description: "no reference range (both limits missing)", tally: rangeMissing))

        for (b, bound) in bounds.enumerated() {
            guard let a = analyteIndex[bound.analyte], boundOfAnalyte[a] == b, analyteRows[a] > 0 else { continue }
            let range = (b * slots)..<((b + 1) * slots)
            let note = boundOtherUnit[b] > 0
                ? "\(boundOtherUnit[b]) rows in other units than \(bound.units.joined(separator: ", ")) not evaluated" : nil
            checks.append(check(
                "lab_value_plausible", .plausibility, table: t, column: "value", subject: bound.analyte,
                description: "\(bound.name) outside \(formatBound(bound.low))–\(formatBound(bound.high)) \(bound.units.first ?? "")",
                tally: SiteTally(failing: Array(boundFailing[range]), denominator: Array(boundDenominator[range])),
                note: note))
        }
        let unbounded = (0..<analyteCount).filter { analyteRows[$0] > 0 && boundOfAnalyte[$0] < 0 }.map { analytes[$0] }
        return LabQuality(checks: checks, rowsWithoutBounds: rowsWithoutBounds, analytesWithoutBounds: unbounded.sorted())
    }

    /// A bound without a trailing `.0`.
    private func formatBound(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
