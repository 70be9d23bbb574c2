import CohortModel

/// The records of a block of consecutive persons, already sorted by person and date; blocks are concatenated in
/// order to make the network, so no global sort is needed.
struct Fragment: Sendable {
    var persons = PersonTable()
    var observation = ObservationPeriodTable()
    var drugs = DrugExposureTable()
    var diagnoses = DiagnosisTable()
    var labs = LabResultTable()
    var admissions = AdmissionTable()
    var tally = Tally()

    /// Counts behind the ground truth, summed over blocks.
    struct Tally: Sendable {
        var sccsCases = 0
        var sccsEvents = 0
        var targetUsers = 0
        var comparatorUsers = 0
        var targetEvents = 0
        var comparatorEvents = 0
        /// Potential-outcome events and person-days of the target drug's users under each treatment.
        var attEventsTarget = 0.0
        var attTimeTarget = 0.0
        var attEventsComparator = 0.0
        var attTimeComparator = 0.0

        mutating func add(_ o: Tally) {
            sccsCases += o.sccsCases
            sccsEvents += o.sccsEvents
            targetUsers += o.targetUsers
            comparatorUsers += o.comparatorUsers
            targetEvents += o.targetEvents
            comparatorEvents += o.comparatorEvents
            attEventsTarget += o.attEventsTarget
            attTimeTarget += o.attTimeTarget
            attEventsComparator += o.attEventsComparator
            attTimeComparator += o.attTimeComparator
        }
    }
}

/// One person's records before sorting by date.
struct PersonScratch {
    var drugs: [(drug: Int32, start: Int32, days: Int32, route: Route, setting: CareSetting)] = []
    var diagnoses: [(code: Int32, date: Int32, suspected: Bool, setting: CareSetting)] = []
    var labs: [(code: Int32, date: Int32, value: Double, unit: Int32, low: Double, high: Double)] = []
    var admissions: [(start: Int32, end: Int32)] = []

    mutating func clear() {
        drugs.removeAll(keepingCapacity: true)
        diagnoses.removeAll(keepingCapacity: true)
        labs.removeAll(keepingCapacity: true)
        admissions.removeAll(keepingCapacity: true)
    }

    /// Reused index buffer for sorting one person's rows.
    var order: [Int] = []

    /// Sorts `order` to the stable date order of `count` rows.
    private mutating func sortOrder(count: Int, date: (Int) -> Int32) {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: 0..<count)
        // Insertion sort: a person has few rows per table and they are often nearly sorted; stable.
        if count > 1 {
            for i in 1..<count {
                let v = order[i]
                let d = date(v)
                var j = i - 1
                while j >= 0 && date(order[j]) > d {
                    order[j + 1] = order[j]
                    j -= 1
                }
                order[j + 1] = v
            }
        }
    }

    /// Appends the person's records to the fragment, each table sorted by date (stable).
    mutating func flush(person p: Int32, into f: inout Fragment) {
        let drugs = self.drugs, diagnoses = self.diagnoses, labs = self.labs
        sortOrder(count: drugs.count) { drugs[$0].start }
        for k in order {
            let d = drugs[k]
            f.drugs.person.append(p)
            f.drugs.drug.append(d.drug)
            f.drugs.start.append(Day(d.start))
            f.drugs.daysSupply.append(d.days)
            f.drugs.quantity.append(Float(d.days))
            f.drugs.route.append(d.route)
            f.drugs.setting.append(d.setting)
        }
        sortOrder(count: diagnoses.count) { diagnoses[$0].date }
        for k in order {
            let d = diagnoses[k]
            f.diagnoses.person.append(p)
            f.diagnoses.code.append(d.code)
            f.diagnoses.date.append(Day(d.date))
            f.diagnoses.suspected.append(d.suspected)
            f.diagnoses.setting.append(d.setting)
        }
        sortOrder(count: labs.count) { labs[$0].date }
        for k in order {
            let l = labs[k]
            f.labs.person.append(p)
            f.labs.code.append(l.code)
            f.labs.date.append(Day(l.date))
            f.labs.value.append(l.value)
            f.labs.unit.append(l.unit)
            f.labs.referenceLow.append(l.low)
            f.labs.referenceHigh.append(l.high)
            f.labs.abnormal.append(l.value > l.high ? .high : (l.value < l.low ? .low : .normal))
        }
        for a in admissions.sorted(by: { $0.start < $1.start }) {
            f.admissions.person.append(p)
            f.admissions.admission.append(Day(a.start))
            f.admissions.discharge.append(Day(a.end))
        }
    }
}
