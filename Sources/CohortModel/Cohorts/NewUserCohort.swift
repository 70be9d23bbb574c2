/// Persons entering a cohort on an index date, with the end of the observation period that contains it.
public struct Cohort: Sendable, Equatable {
    public var name: String
    public var person: [Int32] = []
    public var indexDate: [Day] = []
    /// Last day of the observation period containing the index date.
    public var observationEnd: [Day] = []
    /// How the cohort was reached.
    public var attrition = Attrition()
    public var count: Int { person.count }
}

/// Inclusion rules for a new-user (incident-user) cohort.
public struct NewUserCriteria: Sendable, Equatable, Codable {
    /// Days of observation without the drug required before the first exposure (the washout), so that "first
    /// recorded" can be read as "first ever".
    public var washoutDays: Int = 365
    /// Days of observation required before the index date, whatever the drug history.
    public var requiredPriorObservationDays: Int = 0
    public init(washoutDays: Int = 365, requiredPriorObservationDays: Int = 0) {
        self.washoutDays = washoutDays
        self.requiredPriorObservationDays = requiredPriorObservationDays
    }
}

/// Builds new-user cohorts: persons whose first recorded exposure to a drug falls inside observation, after a
/// washout of observed time without it.
public enum NewUserCohort {
    /// The cohort of new users of `drug`, with its attrition.
    ///
    /// Steps (each a row of the attrition table): persons in the network; persons with an exposure to the drug;
    /// first exposure inside an observation period; prior observation at least `requiredPriorObservationDays`;
    /// washout: at least `washoutDays` of observation without the drug before the first exposure.
    public static func build(network: Network, drug: ConceptSet, criteria: NewUserCriteria = .init()) -> Cohort {
        let mask = drug.resolve(in: network.vocabulary)
        let t = network.drugs.table
        let obs = network.observationPeriods
        var cohort = Cohort(name: "new users of \(drug.name)")
        var exposedPersons = 0, exposedRecords = 0
        var inObs = 0, inObsRecords = 0
        var prior = 0, priorRecords = 0
        for p in 0..<network.personCount {
            var first: Day? = nil
            var records = 0
            for i in network.drugs.rows(ofPerson: p) where mask[Int(t.drug[i])] {
                if first == nil { first = t.start[i] }
                records += 1
            }
            guard let index = first else { continue }
            exposedPersons += 1
            exposedRecords += records
            guard let period = obs.rows(ofPerson: p).first(where: { obs.table.start[$0] <= index && index <= obs.table.end[$0] })
            else { continue }
            inObs += 1
            inObsRecords += records
            let observedBefore = index - obs.table.start[period]
            guard observedBefore >= criteria.requiredPriorObservationDays else { continue }
            prior += 1
            priorRecords += records
            guard observedBefore >= criteria.washoutDays else { continue }
            cohort.person.append(Int32(p))
            cohort.indexDate.append(index)
            cohort.observationEnd.append(obs.table.end[period])
        }
        let allRecords = t.drug.reduce(0) { $0 + (mask[Int($1)] ? 1 : 0) }
        cohort.attrition.record("persons in the network", persons: network.personCount, records: allRecords)
        cohort.attrition.record("exposed to \(drug.name)", persons: exposedPersons, records: exposedRecords)
        cohort.attrition.record("first exposure inside an observation period", persons: inObs, records: inObsRecords)
        cohort.attrition.record(
            "at least \(criteria.requiredPriorObservationDays) days of prior observation", persons: prior, records: priorRecords)
        let finalRecords = cohort.person.reduce(0) { acc, p in
            acc + network.drugs.rows(ofPerson: Int(p)).reduce(0) { $0 + (mask[Int(t.drug[$1])] ? 1 : 0) }
        }
        cohort.attrition.record(
            "washout: \(criteria.washoutDays) days observed without the drug", persons: cohort.count, records: finalRecords)
        return cohort
    }
}
