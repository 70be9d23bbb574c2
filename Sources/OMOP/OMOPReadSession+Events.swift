import CohortModel

/// OMOP concept ids the reader and writer give a fixed meaning (`docs/omop.md` lists their sources).
enum OMOPConcepts {
    static let male = 8507, female = 8532
    static let inpatientVisit = 9201, erAndInpatientVisit = 262
    static let routeOral = 4132161, routeIntravenous = 4171047, routeIntramuscular = 4302612, routeSubcutaneous = 4142048
    static let routeTopical = 4263689
    /// Drug type: "Prescription written" (outpatient), "Inpatient administration".
    static let drugPrescriptionWritten = 38000177, drugInpatientAdministration = 38000180
    /// Condition type: "Inpatient header - primary", "Outpatient header - 1st position", "EHR encounter diagnosis".
    static let conditionInpatient = 38000199, conditionOutpatient = 38000230, conditionEHR = 32020
    /// Condition status: "Preliminary diagnosis" (the Japanese suspected-diagnosis flag).
    static let preliminaryDiagnosis = 32899
    /// Measurement value as concept: "High", "Low", "Normal".
    static let high = 4328749, low = 4267416, normal = 4124457
}

extension OMOPReadSession {
    /// The observation periods, drugs, conditions, measurements, visits, deaths and drug eras.
    mutating func readEvents() async throws {
        try await readObservationPeriods()
        _ = try await read(
            "drug_exposure", required: ["person_id", "drug_concept_id", "drug_exposure_start_date"],
            optional: ["drug_exposure_end_date", "days_supply", "quantity", "route_concept_id", "route_source_value",
                       "drug_type_concept_id", "drug_source_value"],
            tableRequired: true
        ) { s, f throws(RowIssue) in try s.drug(f) }
        _ = try await read(
            "condition_occurrence", required: ["person_id", "condition_concept_id", "condition_start_date"],
            optional: ["condition_type_concept_id", "condition_status_concept_id", "condition_status_source_value",
                       "condition_source_value"],
            tableRequired: true
        ) { s, f throws(RowIssue) in try s.condition(f) }
        _ = try await read(
            "measurement", required: ["person_id", "measurement_concept_id", "measurement_date", "value_as_number"],
            optional: ["unit_concept_id", "unit_source_value", "range_low", "range_high", "value_as_concept_id",
                       "measurement_source_value"],
            tableRequired: true
        ) { s, f throws(RowIssue) in try s.measurement(f) }
        _ = try await read(
            "visit_occurrence", required: ["person_id", "visit_concept_id", "visit_start_date", "visit_end_date"], tableRequired: true
        ) { s, f throws(RowIssue) in
            let p = try s.person(f)
            let kind = Int(try f.int("visit_concept_id") ?? 0)
            guard kind == OMOPConcepts.inpatientVisit || kind == OMOPConcepts.erAndInpatientVisit else {
                s.skip("visit_occurrence", "not an inpatient visit (visit_concept_id other than 9201, 262)", site: s.site(ofPerson: p))
                return s.site(ofPerson: p)
            }
            let start = try f.requiredDate("visit_start_date"), end = try f.requiredDate("visit_end_date")
            guard end >= start else { throw RowIssue("visit_end_date", f.text("visit_end_date"), .endBeforeStart) }
            s.builder.addAdmission(person: p, admission: start, discharge: end)
            return s.site(ofPerson: p)
        }
        _ = try await read("death", required: ["person_id", "death_date"], tableRequired: false) { s, f throws(RowIssue) in
            let p = try s.person(f)
            s.deaths[p] = try f.requiredDate("death_date")
            s.skip("death", "kept in OMOPLoadedNetwork.deaths (the network model has no death table)")
            return s.site(ofPerson: p)
        }
        _ = try await read(
            "drug_era", required: ["person_id", "drug_concept_id", "drug_era_start_date", "drug_era_end_date"], tableRequired: false
        ) { s, f throws(RowIssue) in
            let p = try s.person(f)
            s.drugEras.append(.init(
                person: p, concept: Int(try f.requiredInt("drug_concept_id")), start: try f.requiredDate("drug_era_start_date"),
                end: try f.requiredDate("drug_era_end_date")))
            s.skip("drug_era", "kept in OMOPLoadedNetwork.drugEras (the network derives its own eras)")
            return s.site(ofPerson: p)
        }
    }

    /// Observation periods; a period that overlaps an earlier one of the same person (by start date) is rejected.
    mutating func readObservationPeriods() async throws {
        var periods: [(person: Int32, start: Day, end: Day, line: Int)] = []
        _ = try await read(
            "observation_period", required: ["person_id", "observation_period_start_date", "observation_period_end_date"],
            tableRequired: true
        ) { s, f throws(RowIssue) in
            let p = try s.person(f)
            let start = try f.requiredDate("observation_period_start_date")
            let end = try f.requiredDate("observation_period_end_date")
            guard end >= start else {
                throw RowIssue("observation_period_end_date", f.text("observation_period_end_date"), .endBeforeStart)
            }
            periods.append((p, start, end, f.row.line))
            return s.site(ofPerson: p)
        }
        let order = periods.indices.sorted {
            (periods[$0].person, periods[$0].start.rawValue, $0) < (periods[$1].person, periods[$1].start.rawValue, $1)
        }
        var last: (person: Int32, end: Day)?
        for i in order {
            let x = periods[i]
            if let l = last, l.person == x.person, x.start <= l.end {
                var r = LoadReport.Rejection(
                    table: "observation_period", file: source.tableLocation("observation_period"), line: x.line,
                    column: "observation_period_start_date", value: x.start.description,
                    reason: OMOPRejection.overlappingObservationPeriod.rawValue, site: site(ofPerson: x.person))
                r.detail = "person \(personIDs[Int(x.person)]): starts on or before the end (\(l.end)) of an earlier period"
                if strict { throw OMOPError.rejectedRow(r) }
                rejections.append(r)
                continue
            }
            builder.addObservationPeriod(person: x.person, start: x.start, end: x.end)
            last = (x.person, x.end)
        }
    }

    mutating func drug(_ f: OMOPFields) throws(RowIssue) -> Int32? {
        let p = try person(f)
        let concept = try recordedConcept(
            f, conceptColumn: "drug_concept_id", sourceColumn: "drug_source_value", systems: [.yj, .hot, .receipt, .atc],
            configured: options.drugSourceSystem)
        let start = try f.requiredDate("drug_exposure_start_date")
        var days: Int64
        if let d = try f.int("days_supply"), d > 0 {
            days = d
        } else if let end = try f.date("drug_exposure_end_date") {
            guard end >= start else { throw RowIssue("drug_exposure_end_date", f.text("drug_exposure_end_date"), .endBeforeStart) }
            days = Int64(end - start) + 1
        } else {
            days = 1
        }
        guard (1...36_500).contains(days) else { throw RowIssue("days_supply", String(days), .outOfRange) }
        var quantity = Float.nan
        if let q = try f.double("quantity") {
            guard q >= 0 else { throw RowIssue("quantity", f.text("quantity"), .outOfRange) }
            quantity = Float(q)
        }
        let route: Route
        switch f.text("route_source_value") {
        case "oral": route = .oral
        case "injection": route = .injection
        case "external": route = .external
        case "other": route = .other
        default:
            switch Int(try f.int("route_concept_id") ?? 0) {
            case OMOPConcepts.routeOral: route = .oral
            case OMOPConcepts.routeIntravenous, OMOPConcepts.routeIntramuscular, OMOPConcepts.routeSubcutaneous: route = .injection
            case OMOPConcepts.routeTopical: route = .external
            default: route = .other
            }
        }
        let setting: CareSetting
        switch Int(try f.int("drug_type_concept_id") ?? 0) {
        case OMOPConcepts.drugPrescriptionWritten: setting = .outpatient
        case OMOPConcepts.drugInpatientAdministration: setting = .inpatient
        default: setting = .unknown
        }
        builder.addDrug(person: p, drug: concept, start: start, daysSupply: Int(days), quantity: quantity, route: route, setting: setting)
        return site(ofPerson: p)
    }

    mutating func condition(_ f: OMOPFields) throws(RowIssue) -> Int32? {
        let p = try person(f)
        let concept = try recordedConcept(
            f, conceptColumn: "condition_concept_id", sourceColumn: "condition_source_value", systems: [.icd10],
            configured: options.conditionSourceSystem)
        let date = try f.requiredDate("condition_start_date")
        let status = Int(try f.int("condition_status_concept_id") ?? 0)
        let suspected = f.text("condition_status_source_value") == "suspected" || status == OMOPConcepts.preliminaryDiagnosis
        let setting: CareSetting
        switch Int(try f.int("condition_type_concept_id") ?? 0) {
        case OMOPConcepts.conditionInpatient: setting = .inpatient
        case OMOPConcepts.conditionOutpatient: setting = .outpatient
        default: setting = .unknown
        }
        builder.addDiagnosis(person: p, concept: concept, date: date, suspected: suspected, setting: setting)
        return site(ofPerson: p)
    }

    /// A measurement with a numeric value; its unit is `unit_source_value`, else the `concept_code` (UCUM) of
    /// `unit_concept_id`. Values recorded with a JLAC10 code are harmonized with the unit conversion table.
    mutating func measurement(_ f: OMOPFields) throws(RowIssue) -> Int32? {
        let p = try person(f)
        let concept = try recordedConcept(
            f, conceptColumn: "measurement_concept_id", sourceColumn: "measurement_source_value", systems: [.jlac10],
            configured: options.measurementSourceSystem)
        let date = try f.requiredDate("measurement_date")
        guard var value = try f.double("value_as_number") else { throw RowIssue("value_as_number", nil, .missingValue) }
        var unit: String
        if let u = f.text("unit_source_value") {
            unit = u
        } else if let uc = try f.int("unit_concept_id"), uc != 0 {
            guard let c = vocabulary.concepts[Int(uc)] else {
                throw RowIssue("unit_concept_id", String(uc), .unknownUnit, "unit_concept_id \(uc) is not in concept and unit_source_value is empty")
            }
            unit = c.code
        } else {
            throw RowIssue("unit_concept_id", f.text("unit_concept_id"), .unknownUnit, "no unit: unit_concept_id is 0 or empty and unit_source_value is empty")
        }
        var low = try f.double("range_low") ?? .nan, high = try f.double("range_high") ?? .nan
        let recorded = builder.vocabulary[concept]
        if recorded.system == .jlac10 {
            guard let h = options.unitConversions.harmonization(code: recorded.code, unit: unit) else {
                throw RowIssue("unit_source_value", unit, .unknownUnit, options.unitConversions.explainUnknownUnit(code: recorded.code, unit: unit))
            }
            if h.multiplier != 1 || h.divisor != 1 {
                value = h.apply(value)
                low = h.apply(low)
                high = h.apply(high)
                guard value.isFinite else { throw RowIssue("value_as_number", f.text("value_as_number"), .outOfRange) }
            }
            unit = h.unit
        }
        if low > high { throw RowIssue("range_low", f.text("range_low"), .invalidReferenceRange) }
        let abnormal: AbnormalFlag
        switch Int(try f.int("value_as_concept_id") ?? 0) {
        case OMOPConcepts.high: abnormal = .high
        case OMOPConcepts.low: abnormal = .low
        case OMOPConcepts.normal: abnormal = .normal
        default: abnormal = .unknown
        }
        builder.addLab(person: p, concept: concept, date: date, value: value, unit: unit, referenceLow: low, referenceHigh: high, abnormal: abnormal)
        return site(ofPerson: p)
    }
}
