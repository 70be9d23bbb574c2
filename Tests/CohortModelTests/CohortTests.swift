import Testing
@testable import CohortModel

/// Hand-made networks whose right answers are worked out in the comments.
@Suite struct CohortTests {
    func day(_ s: String) -> Day { Day(s)! }

    /// Person A: amlodipine 2020-01-01 x30 (ends 01-30), 2020-02-10 x30 (gap 10 days: 01-31..02-09), 2020-05-01 x30.
    /// Person B: amlodipine 2019-06-01 x30 and 2019-06-20 x30 (overlap 11 days); loxoprofen 2019-06-05 x7.
    func network() throws -> Network {
        var b = NetworkBuilder()
        let s = b.addSite(Site(hospitalID: "H01", organizationID: "O01", name: "North"))
        let a = try b.addPerson(id: "A", site: s, birthDate: day("1950-01-01"), sex: .female)
        let bb = try b.addPerson(id: "B", site: s, birthDate: day("1960-01-01"), sex: .male)
        _ = try b.addPerson(id: "C", site: s, birthDate: day("1970-01-01"), sex: .male)
        b.addObservationPeriod(person: a, start: day("2018-01-01"), end: day("2021-12-31"))
        b.addObservationPeriod(person: bb, start: day("2019-01-01"), end: day("2021-12-31"))
        b.addDrug(person: a, code: "2171022F2025", system: .yj, start: day("2020-01-01"), daysSupply: 30)
        b.addDrug(person: a, code: "2171022F2025", system: .yj, start: day("2020-02-10"), daysSupply: 30)
        b.addDrug(person: a, code: "2171022F2025", system: .yj, start: day("2020-05-01"), daysSupply: 30)
        b.addDrug(person: bb, code: "2171022F2025", system: .yj, start: day("2019-06-01"), daysSupply: 30)
        b.addDrug(person: bb, code: "2171022F2025", system: .yj, start: day("2019-06-20"), daysSupply: 30)
        b.addDrug(person: bb, code: "1149019F1560", system: .yj, start: day("2019-06-05"), daysSupply: 7)
        return b.build()
    }

    let amlodipine = ConceptSet(name: "amlodipine", include: [.init(system: .yj, code: "2171", descendants: true)])

    @Test func erasMergeWithinPersistenceGap() throws {
        let n = try network()
        let eras = DrugEras.build(network: n, groups: [amlodipine], options: DrugEraOptions(persistenceGap: 30))
        // A: the 10-day gap merges the first two (01-01..03-10); 05-01 starts 51 days after 03-10: new era.
        // B: overlapping fills merge to 06-01..07-19 (the second ends 06-20 + 29).
        #expect(eras.rows(ofPerson: 0).count == 2)
        #expect(eras.table.start.map(\.description) == ["2020-01-01", "2020-05-01", "2019-06-01"])
        #expect(eras.table.end.map(\.description) == ["2020-03-10", "2020-05-30", "2019-07-19"])
        #expect(eras.table.exposures == [2, 1, 2])
        #expect(eras.rows(ofPerson: 2).isEmpty)
        // With a gap of 5 days A's first two fills stay apart.
        let tight = DrugEras.build(network: n, groups: [amlodipine], options: DrugEraOptions(persistenceGap: 5))
        #expect(tight.rows(ofPerson: 0).count == 3)
    }

    @Test func stockpilingAccumulatesSupply() throws {
        let n = try network()
        let eras = DrugEras.build(network: n, groups: [amlodipine], options: DrugEraOptions(persistenceGap: 0, stockpiling: true))
        // B: 30 days from 06-01 end 06-30; the refill on 06-20 starts 07-01 and ends 07-30.
        let r = eras.rows(ofPerson: 1)
        #expect(eras.table.end[r.lowerBound].description == "2019-07-30")
    }

    @Test func newUserCohortWithAttrition() throws {
        let n = try network()
        let cohort = NewUserCohort.build(network: n, drug: amlodipine, criteria: NewUserCriteria(washoutDays: 365))
        // A: index 2020-01-01, 730 days observed before: kept. B: index 2019-06-01, 151 days observed: washout fails.
        // C: never exposed.
        #expect(cohort.person == [0])
        #expect(cohort.indexDate == [day("2020-01-01")])
        #expect(cohort.observationEnd == [day("2021-12-31")])
        let steps = cohort.attrition.steps
        #expect(steps.map(\.persons) == [3, 2, 2, 2, 1])
        #expect(steps.map(\.removedPersons) == [0, 1, 0, 0, 1])
        #expect(steps.map(\.records) == [5, 5, 5, 5, 3])
        // Counts add up exactly.
        #expect(steps.first!.persons - steps.map(\.removedPersons).reduce(0, +) == steps.last!.persons)
    }

    @Test func conceptSetDescendantsAndExclusions() throws {
        var v = Vocabulary()
        let a = v.intern("C09AA05", system: .atc)
        let b = v.intern("C09CA01", system: .atc)
        let c = v.intern("C09AA02", system: .atc)
        let d = v.intern("K29.7", system: .icd10)
        let set = ConceptSet(
            name: "ACE inhibitors but not enalapril", include: [.init(system: .atc, code: "C09A", descendants: true)],
            exclude: [.init(system: .atc, code: "C09AA02")])
        let mask = set.resolve(in: v)
        #expect(mask[Int(a)] && !mask[Int(b)] && !mask[Int(c)] && !mask[Int(d)])
        let gastritis = ConceptSet(name: "gastritis", include: [.init(system: .icd10, code: "K29", descendants: true)])
        #expect(gastritis.resolve(in: v)[Int(d)])
    }
}
