import Foundation
import Testing
@testable import CohortModel

/// Hand-made networks whose right answers are worked out in the comments.
@Suite struct OutcomeTests {
    func day(_ s: String) -> Day { Day(s)! }
    func dates(_ e: OutcomeEvents, _ p: Int) -> [String] { e.dates(ofPerson: p).map(\.description) }

    let toxicLiver = ConceptSet(name: "toxic liver disease", include: [.init(system: .icd10, code: "K71", descendants: true)])
    // ALT codes: two full JLAC10 codes of analyte 3B045 (different result ids); AST, T-Bil, ALP, creatinine, platelets.
    let alt1 = "3B045000002327201", alt2 = "3B045000002327101", ast = "3B035000002327201"
    let tbil = "3J010000002327101", alp = "3B070000002327101", cre = "3C015000002327101", plt = "2A050000001930101"

    func builder(persons: Int) throws -> NetworkBuilder {
        var b = NetworkBuilder()
        let s = b.addSite(Site(hospitalID: "H01", organizationID: "O01", name: "North"))
        for k in 0..<persons {
            try b.addPerson(id: "P\(k)", site: s, birthDate: day("1950-01-01"), sex: k % 2 == 0 ? .female : .male)
        }
        return b
    }

    // MARK: - Diagnoses

    /// Person 0: K71.0 suspected 01-05; confirmed 01-10 twice; 01-25; inpatient 02-15; gastritis K29 01-01 (not in set).
    /// Person 1: K71.0 suspected only.
    func diagnosisNetwork() throws -> Network {
        var b = try builder(persons: 2)
        b.addDiagnosis(person: 0, code: "K29", date: day("2020-01-01"))
        b.addDiagnosis(person: 0, code: "K71.0", date: day("2020-01-05"), suspected: true)
        b.addDiagnosis(person: 0, code: "K71.0", date: day("2020-01-10"))
        b.addDiagnosis(person: 0, code: "K710", date: day("2020-01-10"))
        b.addDiagnosis(person: 0, code: "K71.0", date: day("2020-01-25"))
        b.addDiagnosis(person: 0, code: "K71.0", date: day("2020-02-15"), setting: .inpatient)
        b.addDiagnosis(person: 1, code: "K71.0", date: day("2020-03-01"), suspected: true)
        return b.build()
    }

    @Test func firstConfirmedDiagnosisExcludesSuspected() throws {
        let n = try diagnosisNetwork()
        let e = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver)).events(in: n)
        // Suspected 01-05 is skipped; the first confirmed is 01-10. Person 1 has only a suspected record.
        #expect(dates(e, 0) == ["2020-01-10"])
        #expect(e.rows(ofPerson: 1).isEmpty)
        #expect(e.counts.events == 1 && e.counts.personsWithEvents == 1)
        // Confirmed in the set: 01-10 (two codes), 01-25, 02-15 = 4; suspected: 2.
        #expect(e.counts.recordsEvaluated == 4)
        #expect(e.counts.excludedByFilter == 2)

        let withSuspected = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, confirmedOnly: false)).events(in: n)
        #expect(dates(withSuspected, 0) == ["2020-01-05"])
        #expect(dates(withSuspected, 1) == ["2020-03-01"])
        #expect(withSuspected.counts.recordsEvaluated == 6 && withSuspected.counts.excludedByFilter == 0)
    }

    @Test func allOccurrencesWithAndWithoutGap() throws {
        let n = try diagnosisNetwork()
        // Every distinct day: 01-10 (two records, one event), 01-25, 02-15.
        let every = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, occurrences: .everyDay)).events(in: n)
        #expect(dates(every, 0) == ["2020-01-10", "2020-01-25", "2020-02-15"])
        #expect(every.counts.events == 3)
        // Gap 30: 01-10 counts; 01-25 is 15 days later (no); 02-15 is 36 days after the counted 01-10 (yes).
        let gap30 = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, occurrences: .all(minimumGapDays: 30)))
            .events(in: n)
        #expect(dates(gap30, 0) == ["2020-01-10", "2020-02-15"])
        // Gap 36 still admits 02-15 (exactly 36 days); gap 37 does not.
        let gap36 = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, occurrences: .all(minimumGapDays: 36)))
            .events(in: n)
        #expect(dates(gap36, 0) == ["2020-01-10", "2020-02-15"])
        let gap37 = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, occurrences: .all(minimumGapDays: 37)))
            .events(in: n)
        #expect(dates(gap37, 0) == ["2020-01-10"])
    }

    @Test func inpatientOnly() throws {
        let n = try diagnosisNetwork()
        let e = try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, occurrences: .everyDay, inpatientOnly: true))
            .events(in: n)
        // Only the 02-15 record is inpatient; the other five in the set are excluded (suspected or outpatient).
        #expect(dates(e, 0) == ["2020-02-15"])
        #expect(e.counts.recordsEvaluated == 1 && e.counts.excludedByFilter == 5)
    }

    // MARK: - Lab rules

    @Test func upperLimitMultipleAroundTheCutoff() throws {
        var b = try builder(persons: 2)
        // Person 0, ULN 40 so the cutoff is 120 (strictly above):
        b.addLab(person: 0, code: alt1, date: day("2020-03-01"), value: 120, unit: "U/L", referenceHigh: 40)  // = 120: no
        b.addLab(person: 0, code: alt1, date: day("2020-03-02"), value: 120.5, unit: "U/L", referenceHigh: 40)  // event
        b.addLab(person: 0, code: alt1, date: day("2020-03-03"), value: 200, unit: "U/L")  // ULN missing: not evaluable
        b.addLab(person: 0, code: alt1, date: day("2020-03-04"), value: 119.9, unit: "U/L", referenceHigh: 40)  // no
        // Person 1: another ALT code, ULN 42 (cutoff 126), in IU/L: a ULN multiple is unit-free, so it is evaluated.
        b.addLab(person: 1, code: alt2, date: day("2020-03-01"), value: 130, unit: "IU/L", referenceHigh: 42)  // event
        b.addLab(person: 1, code: ast, date: day("2020-03-05"), value: 500, unit: "U/L", referenceHigh: 40)  // AST: not read
        let n = b.build()
        let e = try OutcomeDefinition.lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3))).events(in: n)
        #expect(dates(e, 0) == ["2020-03-02"])
        #expect(dates(e, 1) == ["2020-03-01"])
        #expect(e.counts.recordsEvaluated == 4)
        #expect(e.counts.notEvaluable == 1)
        #expect(e.counts.skippedForUnit == 0)
        #expect(e.counts.personsWithEvents == 2 && e.counts.events == 2)
    }

    @Test func absoluteThresholdIsUnitAware() throws {
        var b = try builder(persons: 2)
        b.addLab(person: 0, code: plt, date: day("2020-04-01"), value: 5.0, unit: "10^4/µL")  // = 5.0: not below
        b.addLab(person: 0, code: plt, date: day("2020-04-02"), value: 4.9, unit: "10^4/µL")  // event
        b.addLab(person: 0, code: plt, date: day("2020-04-03"), value: 30000, unit: "/µL")  // other unit: skipped
        b.addLab(person: 0, code: plt, date: day("2020-04-04"), value: .nan, unit: "10^4/µL")  // no value: not evaluable
        // Same unit spelled with a superscript and a Greek mu: normalized equal.
        b.addLab(person: 1, code: plt, date: day("2020-04-01"), value: 4.99, unit: "10⁴/μL")  // event
        let n = b.build()
        let e = try OutcomeDefinition.lab(LabOutcome(analyte: .platelets, rule: .below(5.0, unit: "10^4/µL"))).events(in: n)
        #expect(dates(e, 0) == ["2020-04-02"])
        #expect(dates(e, 1) == ["2020-04-01"])
        #expect(e.counts.recordsEvaluated == 3)
        #expect(e.counts.skippedForUnit == 1)
        #expect(e.counts.notEvaluable == 1)

        // A threshold in /µL against platelets harmonized to 10^4/µL is refused, naming both units.
        let wrong = OutcomeDefinition.lab(LabOutcome(analyte: .platelets, rule: .below(50_000, unit: "/µL")))
        #expect(throws: OutcomeError.unitMismatch(analyte: "2A050", thresholdUnit: "/µL", harmonizedUnit: "10^4/µL")) {
            try wrong.events(in: n)
        }
    }

    /// Creatinine (mg/dL), rule value ≥ 1.5 × baseline, baseline from the 7 days before (days d−7 … d−1).
    /// Person 0: 05-01 0.8, 05-03 1.0, 05-06 1.5, 05-08 1.3, 05-09 1.25, 05-20 2.0.
    /// Person 1: 05-01 88 µmol/L (other unit), 05-02 0.9 and 1.6 (same day), 05-04 1.4.
    func creatinineNetwork() throws -> Network {
        var b = try builder(persons: 2)
        for (d, v) in [("2020-05-01", 0.8), ("2020-05-03", 1.0), ("2020-05-06", 1.5), ("2020-05-08", 1.3), ("2020-05-09", 1.25),
                       ("2020-05-20", 2.0)] {
            b.addLab(person: 0, code: cre, date: day(d), value: v, unit: "mg/dL")
        }
        b.addLab(person: 1, code: cre, date: day("2020-05-01"), value: 88, unit: "µmol/L")
        b.addLab(person: 1, code: cre, date: day("2020-05-02"), value: 0.9, unit: "mg/dL")
        b.addLab(person: 1, code: cre, date: day("2020-05-02"), value: 1.6, unit: "mg/dL")
        b.addLab(person: 1, code: cre, date: day("2020-05-04"), value: 1.4, unit: "mg/dL")
        return b.build()
    }

    @Test func riseFromMostRecentBaseline() throws {
        let n = try creatinineNetwork()
        let e = try OutcomeDefinition.lab(LabOutcome(
            analyte: .creatinine, rule: .riseFromBaseline(ratio: 1.5, lookBackDays: 7, baseline: .mostRecent))).events(in: n)
        // Person 0: 05-01 no baseline; 05-03 vs 0.8 (1.0 < 1.2); 05-06 vs 1.0 (1.5 ≥ 1.5: event); 05-08 vs 1.5 (no);
        //           05-09 vs 1.3 (no); 05-20 nothing in 05-13…05-19: no baseline.
        // Person 1: 05-01 other unit: skipped; 05-02 both: the same day is no baseline and 05-01 is in µmol/L, so no
        //           baseline; 05-04 vs the most recent, 1.6 (last of 05-02): 1.4 < 2.4, no.
        #expect(dates(e, 0) == ["2020-05-06"])
        #expect(e.rows(ofPerson: 1).isEmpty)
        #expect(e.counts.recordsEvaluated == 5)
        #expect(e.counts.withoutBaseline == 4)
        #expect(e.counts.skippedForUnit == 1)
        #expect(e.counts.notEvaluable == 0)
    }

    @Test func riseFromMinimumBaseline() throws {
        let n = try creatinineNetwork()
        let e = try OutcomeDefinition.lab(LabOutcome(
            analyte: .creatinine, rule: .riseFromBaseline(ratio: 1.5, lookBackDays: 7, baseline: .minimum))).events(in: n)
        // Person 0: 05-03 min 0.8 (no); 05-06 min 0.8 (1.5 ≥ 1.2: event); 05-08 window 05-01…05-07 still holds 0.8
        //           (d − 7 is inside): 1.3 ≥ 1.2, event; 05-09 window 05-02…05-08, min 1.0: 1.25 < 1.5, no.
        // Person 1: 05-04 min of 05-02 is 0.9: 1.4 ≥ 1.35, event.
        #expect(dates(e, 0) == ["2020-05-06", "2020-05-08"])
        #expect(dates(e, 1) == ["2020-05-04"])
        #expect(e.counts.recordsEvaluated == 5 && e.counts.withoutBaseline == 4 && e.counts.skippedForUnit == 1)
        #expect(e.counts.events == 3 && e.counts.personsWithEvents == 2)
    }

    // MARK: - Hy's law

    /// Window 14 days. ULNs: ALT/AST 40, T-Bil 1.2, ALP 340.
    /// Person 0 (inside): ALT 150 on 01-01, T-Bil 2.5 on 01-10, ALP 300 on 01-15 (span 14), ALT 150 again on 01-16.
    /// Person 1 (outside): AST 200 on 01-01, T-Bil 3.0 on 01-10, ALP 300 on 01-16 (span 15).
    /// Person 2 (cholestatic): ALT 150, T-Bil 2.5 and ALP 700 (≥ 2 × ULN) on 01-05.
    /// Person 3: ALT 300 without a ULN, T-Bil 2.5 and ALP 300 on 01-05.
    func hyNetwork() throws -> Network {
        var b = try builder(persons: 4)
        b.addLab(person: 0, code: alt1, date: day("2021-01-01"), value: 150, unit: "U/L", referenceHigh: 40)
        b.addLab(person: 0, code: tbil, date: day("2021-01-10"), value: 2.5, unit: "mg/dL", referenceHigh: 1.2)
        b.addLab(person: 0, code: alp, date: day("2021-01-15"), value: 300, unit: "U/L", referenceHigh: 340)
        b.addLab(person: 0, code: alt1, date: day("2021-01-16"), value: 150, unit: "U/L", referenceHigh: 40)
        b.addLab(person: 1, code: ast, date: day("2021-01-01"), value: 200, unit: "U/L", referenceHigh: 40)
        b.addLab(person: 1, code: tbil, date: day("2021-01-10"), value: 3.0, unit: "mg/dL", referenceHigh: 1.2)
        b.addLab(person: 1, code: alp, date: day("2021-01-16"), value: 300, unit: "U/L", referenceHigh: 340)
        b.addLab(person: 2, code: alt1, date: day("2021-01-05"), value: 150, unit: "U/L", referenceHigh: 40)
        b.addLab(person: 2, code: tbil, date: day("2021-01-05"), value: 2.5, unit: "mg/dL", referenceHigh: 1.2)
        b.addLab(person: 2, code: alp, date: day("2021-01-05"), value: 700, unit: "U/L", referenceHigh: 340)
        b.addLab(person: 3, code: alt1, date: day("2021-01-05"), value: 300, unit: "U/L")
        b.addLab(person: 3, code: tbil, date: day("2021-01-05"), value: 2.5, unit: "mg/dL", referenceHigh: 1.2)
        b.addLab(person: 3, code: alp, date: day("2021-01-05"), value: 300, unit: "U/L", referenceHigh: 340)
        return b.build()
    }

    @Test func hysLawInsideAndOutsideTheWindow() throws {
        let n = try hyNetwork()
        let e = try OutcomeDefinition.hysLaw(HysLawOutcome(windowDays: 14)).events(in: n)
        // Person 0: dated when the last criterion (ALP, 01-15) is met; first occurrence only.
        #expect(dates(e, 0) == ["2021-01-15"])
        #expect(e.rows(ofPerson: 1).isEmpty)  // span 15 > 14
        #expect(e.rows(ofPerson: 2).isEmpty)  // ALP ≥ 2 × ULN
        #expect(e.rows(ofPerson: 3).isEmpty)  // ALT not evaluable
        // Records read by the four leaves: ALT 4 (one not evaluable), AST 1, T-Bil 4, ALP 4.
        #expect(e.counts.recordsEvaluated == 3 + 1 + 4 + 4)
        #expect(e.counts.notEvaluable == 1)

        // Every occurrence: 01-16 (ALT again, T-Bil 6 days and ALP 1 day before) also counts.
        let all = try OutcomeDefinition.hysLaw(HysLawOutcome(windowDays: 14, occurrences: .everyDay)).events(in: n)
        #expect(dates(all, 0) == ["2021-01-15", "2021-01-16"])
        // A 15-day window takes person 1 in, on 01-16.
        let wide = try OutcomeDefinition.hysLaw(HysLawOutcome(windowDays: 15)).events(in: n)
        #expect(dates(wide, 1) == ["2021-01-16"])
        // Without the ALP criterion: person 0 on T-Bil's day 01-10, person 2 on 01-05, person 3 still not evaluable.
        let noALP = try OutcomeDefinition.hysLaw(HysLawOutcome(windowDays: 14, requireALP: false)).events(in: n)
        #expect(dates(noALP, 0) == ["2021-01-10"])
        #expect(dates(noALP, 2) == ["2021-01-05"])
        #expect(noALP.rows(ofPerson: 3).isEmpty)
        // The expanded definition gives the same events.
        #expect(try HysLawOutcome(windowDays: 14).expanded.events(in: n) == e)
    }

    // MARK: - Admissions

    @Test func admissionsWithMinimumStay() throws {
        var b = try builder(persons: 3)
        b.addAdmission(person: 0, admission: day("2020-06-01"), discharge: day("2020-06-01"))  // 1 day
        b.addAdmission(person: 0, admission: day("2020-07-01"), discharge: day("2020-07-05"))  // 5 days
        b.addAdmission(person: 1, admission: day("2020-06-10"), discharge: day("2020-06-12"))  // 3 days
        b.addAdmission(person: 2, admission: day("2020-06-10"), discharge: day("2020-06-09"))  // discharge first
        let n = b.build()
        let any = try OutcomeDefinition.admission(AdmissionOutcome()).events(in: n)
        #expect(dates(any, 0) == ["2020-06-01", "2020-07-01"])
        #expect(dates(any, 1) == ["2020-06-10"])
        #expect(any.counts.recordsEvaluated == 3 && any.counts.notEvaluable == 1)
        let three = try OutcomeDefinition.admission(AdmissionOutcome(minimumStayDays: 3)).events(in: n)
        #expect(dates(three, 0) == ["2020-07-01"])
        #expect(dates(three, 1) == ["2020-06-10"])  // exactly 3 days counts
        let four = try OutcomeDefinition.admission(AdmissionOutcome(minimumStayDays: 4)).events(in: n)
        #expect(four.counts.events == 1 && four.counts.personsWithEvents == 1)
    }

    // MARK: - Combinations and observation

    /// Person 0: K71 on 01-10, ALT > 3 × ULN on 01-20. Person 1: K71 on 01-10, ALT high on 03-01.
    /// Person 2: ALT high on 02-01. Observation: person 0 01-01…01-15, person 1 none, person 2 02-01…12-31.
    func comboNetwork() throws -> Network {
        var b = try builder(persons: 3)
        b.addDiagnosis(person: 0, code: "K71.0", date: day("2020-01-10"))
        b.addDiagnosis(person: 1, code: "K71.0", date: day("2020-01-10"))
        b.addLab(person: 0, code: alt1, date: day("2020-01-20"), value: 200, unit: "U/L", referenceHigh: 40)
        b.addLab(person: 1, code: alt1, date: day("2020-03-01"), value: 200, unit: "U/L", referenceHigh: 40)
        b.addLab(person: 2, code: alt1, date: day("2020-02-01"), value: 200, unit: "U/L", referenceHigh: 40)
        b.addObservationPeriod(person: 0, start: day("2020-01-01"), end: day("2020-01-15"))
        b.addObservationPeriod(person: 2, start: day("2020-02-01"), end: day("2020-12-31"))
        return b.build()
    }

    var dx: OutcomeDefinition { .diagnosis(DiagnosisOutcome(concepts: toxicLiver)) }
    var altHigh: OutcomeDefinition { .lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3))) }

    @Test func anyOfAndAllOf() throws {
        let n = try comboNetwork()
        let any = try OutcomeDefinition.anyOf([dx, altHigh]).events(in: n)
        #expect(dates(any, 0) == ["2020-01-10", "2020-01-20"])
        #expect(dates(any, 1) == ["2020-01-10", "2020-03-01"])
        #expect(dates(any, 2) == ["2020-02-01"])
        #expect(any.counts.events == 5 && any.counts.personsWithEvents == 3)
        #expect(any.counts.recordsEvaluated == 2 + 3)  // two diagnoses, three ALT results
        let firstAny = try OutcomeDefinition.anyOf([dx, altHigh], occurrences: .first).events(in: n)
        #expect(firstAny.date.map(\.description) == ["2020-01-10", "2020-01-10", "2020-02-01"])

        // All of them within 10 days: person 0 on 01-20 (diagnosis 10 days before); person 1's are 51 days apart.
        let all10 = try OutcomeDefinition.allOf([dx, altHigh], withinDays: 10).events(in: n)
        #expect(dates(all10, 0) == ["2020-01-20"])
        #expect(all10.counts.events == 1)
        let all9 = try OutcomeDefinition.allOf([dx, altHigh], withinDays: 9).events(in: n)
        #expect(all9.count == 0)
    }

    @Test func eventsOutsideObservationAreCounted() throws {
        let n = try comboNetwork()
        let any = try OutcomeDefinition.anyOf([dx, altHigh]).events(in: n).insideObservation(of: n)
        // Person 0 keeps 01-10 (01-20 is after the period); person 1 has no period; person 2's 02-01 is its first day.
        #expect(dates(any, 0) == ["2020-01-10"])
        #expect(any.rows(ofPerson: 1).isEmpty)
        #expect(dates(any, 2) == ["2020-02-01"])
        #expect(any.counts.outsideObservation == 3)
        #expect(any.counts.events == 2 && any.counts.personsWithEvents == 2)
        #expect(any.offsets == [0, 1, 1, 2])
    }

    // MARK: - Definitions as values

    @Test func codableRoundTrip() throws {
        let def = OutcomeDefinition.anyOf([
            .allOf([dx, .lab(LabOutcome(analyte: .platelets, rule: .below(5, unit: "10^4/µL")))], withinDays: 30, occurrences: .first),
            .hysLaw(HysLawOutcome(windowDays: 30)),
            .admission(AdmissionOutcome(minimumStayDays: 2)),
            .lab(LabOutcome(analyte: .creatinine, rule: .riseFromBaseline(ratio: 1.5, lookBackDays: 7, baseline: .minimum))),
        ], occurrences: .all(minimumGapDays: 30))
        let data = try JSONEncoder().encode(def)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\"anyOf\":"))
        #expect(try JSONDecoder().decode(OutcomeDefinition.self, from: data) == def)
        let twoKinds = Data(#"{"lab": {}, "admission": {}}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OutcomeDefinition.self, from: twoKinds) }
    }

    @Test func documentedJSONDecodes() throws {
        // The example in docs/cohorts.md.
        let json = #"""
            {"allOf": {"withinDays": 14, "occurrences": {"all": {"minimumGapDays": 1}},
                       "outcomes": [{"lab": {"analyte": {"code": "3B045", "name": "ALT", "unit": "U/L", "specimens": []},
                                             "rule": {"referenceLimit": {"limit": "upper", "multiple": 3, "comparison": ">"}},
                                             "occurrences": {"all": {"minimumGapDays": 1}}}},
                                    {"admission": {"minimumStayDays": 2, "occurrences": {"first": {}}}}]}}
            """#
        let def = try JSONDecoder().decode(OutcomeDefinition.self, from: Data(json.utf8))
        #expect(def == .allOf([altHigh, .admission(AdmissionOutcome(minimumStayDays: 2, occurrences: .first))], withinDays: 14))
    }

    @Test func malformedDefinitionsThrow() throws {
        let n = try comboNetwork()
        #expect(throws: OutcomeError.emptyCombination("anyOf")) { try OutcomeDefinition.anyOf([]).events(in: n) }
        let badCode = LabAnalyte(code: "3b045", name: "ALT", unit: "U/L")
        #expect(throws: OutcomeError.self) { try OutcomeDefinition.lab(LabOutcome(analyte: badCode, rule: .aboveUpperLimit(3))).events(in: n) }
        #expect(throws: OutcomeError.invalidParameter(name: "diagnosis minimumGapDays", value: -1, reason: "must be 0 or more")) {
            try OutcomeDefinition.diagnosis(DiagnosisOutcome(concepts: toxicLiver, occurrences: .all(minimumGapDays: -1))).events(in: n)
        }
        #expect(throws: OutcomeError.self) { try OutcomeDefinition.allOf([dx], withinDays: -1).events(in: n) }
        #expect(throws: OutcomeError.self) {
            try OutcomeDefinition.lab(LabOutcome(analyte: .creatinine, rule: .riseFromBaseline(ratio: 1.5, lookBackDays: 0))).events(in: n)
        }
    }

    @Test func unitSpellingsNormalize() {
        #expect(LabUnit.normalized("10⁴/μL") == LabUnit.normalized("10^4/uL"))
        #expect(LabUnit.normalized("mg/dl") == LabUnit.normalized("mg/dL"))
        #expect(LabUnit.normalized("mL/min/1.73m²") == LabUnit.normalized("mL/min/1.73m^2"))
        #expect(LabUnit.normalized("U/L") != LabUnit.normalized("IU/L"))
        #expect(LabUnit.normalized("/µL") != LabUnit.normalized("10^4/µL"))
    }
}
