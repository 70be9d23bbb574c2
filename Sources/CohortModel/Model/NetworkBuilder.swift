/// Collects a network's rows in any order and builds the sorted, indexed ``Network``.
///
/// ```swift
/// var b = NetworkBuilder()
/// let site = b.addSite(Site(hospitalID: "H01", organizationID: "O01", name: "North"))
/// let p = try b.addPerson(id: "P1", site: site, birthDate: Day("1950-04-01")!, sex: .female)
/// b.addObservationPeriod(person: p, start: Day("2015-01-01")!, end: Day("2020-12-31")!)
/// b.addDrug(person: p, code: "1149019F1560", system: .yj, start: Day("2016-03-02")!, daysSupply: 14)
/// let network = b.build()
/// ```
public struct NetworkBuilder: Sendable {
    public private(set) var sites: [Site] = []
    public private(set) var persons = PersonTable()
    var personIndex: [String: Int32] = [:]
    var observation = ObservationPeriodTable()
    var drugs = DrugExposureTable()
    var diagnoses = DiagnosisTable()
    var labs = LabResultTable()
    var admissions = AdmissionTable()
    public private(set) var vocabulary = Vocabulary()
    var units: [String] = []
    var unitIndex: [String: Int32] = [:]

    public init() {}

    /// Adds a site; returns its index.
    @discardableResult
    public mutating func addSite(_ site: Site) -> Int32 {
        sites.append(site)
        return Int32(sites.count - 1)
    }

    /// Adds a person; returns the person index.
    ///
    /// - Throws: ``CohortModelError/duplicateID(table:id:)`` for a repeated id,
    ///   ``CohortModelError/unknownSite(_:)`` for a site index that does not exist.
    @discardableResult
    public mutating func addPerson(id: String, site: Int32, birthDate: Day, sex: Sex) throws(CohortModelError) -> Int32 {
        guard personIndex[id] == nil else { throw .duplicateID(table: "persons", id: id) }
        guard site >= 0, Int(site) < sites.count else { throw .unknownSite(Int(site)) }
        let p = Int32(persons.count)
        personIndex[id] = p
        persons.sourceID.append(id)
        persons.site.append(site)
        persons.birthDate.append(birthDate)
        persons.sex.append(sex)
        return p
    }

    /// The person index of a source id.
    public func person(id: String) -> Int32? { personIndex[id] }

    public mutating func addObservationPeriod(person: Int32, start: Day, end: Day) {
        observation.person.append(person)
        observation.start.append(start)
        observation.end.append(end)
    }

    public mutating func addDrug(
        person: Int32, code: String, system: CodeSystem, start: Day, daysSupply: Int, quantity: Float = .nan,
        route: Route = .oral, setting: CareSetting = .outpatient
    ) {
        addDrug(person: person, drug: vocabulary.intern(code, system: system), start: start, daysSupply: daysSupply,
                quantity: quantity, route: route, setting: setting)
    }

    /// Adds a drug exposure by concept id (fast path for generators).
    public mutating func addDrug(
        person: Int32, drug: Int32, start: Day, daysSupply: Int, quantity: Float = .nan, route: Route = .oral,
        setting: CareSetting = .outpatient
    ) {
        drugs.person.append(person)
        drugs.drug.append(drug)
        drugs.start.append(start)
        drugs.daysSupply.append(Int32(clamping: daysSupply))
        drugs.quantity.append(quantity)
        drugs.route.append(route)
        drugs.setting.append(setting)
    }

    public mutating func addDiagnosis(
        person: Int32, code: String, date: Day, suspected: Bool = false, setting: CareSetting = .outpatient
    ) {
        diagnoses.person.append(person)
        diagnoses.code.append(vocabulary.intern(code, system: .icd10))
        diagnoses.date.append(date)
        diagnoses.suspected.append(suspected)
        diagnoses.setting.append(setting)
    }

    public mutating func addLab(
        person: Int32, code: String, date: Day, value: Double, unit: String, referenceLow: Double = .nan,
        referenceHigh: Double = .nan, abnormal: AbnormalFlag = .unknown
    ) {
        labs.person.append(person)
        labs.code.append(vocabulary.intern(code, system: .jlac10))
        labs.date.append(date)
        labs.value.append(value)
        labs.unit.append(internUnit(unit))
        labs.referenceLow.append(referenceLow)
        labs.referenceHigh.append(referenceHigh)
        labs.abnormal.append(abnormal)
    }

    public mutating func addAdmission(person: Int32, admission: Day, discharge: Day) {
        admissions.person.append(person)
        admissions.admission.append(admission)
        admissions.discharge.append(discharge)
    }

    /// Interns a concept (to refer to it in concept sets before any row uses it).
    public mutating func intern(_ code: String, system: CodeSystem) -> Int32 { vocabulary.intern(code, system: system) }

    mutating func internUnit(_ unit: String) -> Int32 {
        if let u = unitIndex[unit] { return u }
        let u = Int32(units.count)
        units.append(unit)
        unitIndex[unit] = u
        return u
    }

    /// Sorts every table by person and date and indexes it.
    ///
    /// - Complexity: O(n log n) per table.
    public func build() -> Network {
        let n = persons.count
        var obs = observation
        let po = sortPermutation(person: obs.person, date: obs.start)
        obs = ObservationPeriodTable(person: obs.person.permuted(po), start: obs.start.permuted(po), end: obs.end.permuted(po))
        var d = drugs
        let pd = sortPermutation(person: d.person, date: d.start)
        d = DrugExposureTable(
            person: d.person.permuted(pd), drug: d.drug.permuted(pd), start: d.start.permuted(pd),
            daysSupply: d.daysSupply.permuted(pd), quantity: d.quantity.permuted(pd), route: d.route.permuted(pd),
            setting: d.setting.permuted(pd))
        var dx = diagnoses
        let px = sortPermutation(person: dx.person, date: dx.date)
        dx = DiagnosisTable(
            person: dx.person.permuted(px), code: dx.code.permuted(px), date: dx.date.permuted(px),
            suspected: dx.suspected.permuted(px), setting: dx.setting.permuted(px))
        var l = labs
        let pl = sortPermutation(person: l.person, date: l.date)
        l = LabResultTable(
            person: l.person.permuted(pl), code: l.code.permuted(pl), date: l.date.permuted(pl),
            value: l.value.permuted(pl), unit: l.unit.permuted(pl), referenceLow: l.referenceLow.permuted(pl),
            referenceHigh: l.referenceHigh.permuted(pl), abnormal: l.abnormal.permuted(pl))
        var a = admissions
        let pa = sortPermutation(person: a.person, date: a.admission)
        a = AdmissionTable(person: a.person.permuted(pa), admission: a.admission.permuted(pa), discharge: a.discharge.permuted(pa))
        return Network(
            sites: sites, persons: persons,
            observationPeriods: PersonIndexed(table: obs, offsets: personOffsets(obs.person, personCount: n)),
            drugs: PersonIndexed(table: d, offsets: personOffsets(d.person, personCount: n)),
            diagnoses: PersonIndexed(table: dx, offsets: personOffsets(dx.person, personCount: n)),
            labs: PersonIndexed(table: l, offsets: personOffsets(l.person, personCount: n)),
            admissions: PersonIndexed(table: a, offsets: personOffsets(a.person, personCount: n)),
            vocabulary: vocabulary, units: units)
    }
}
