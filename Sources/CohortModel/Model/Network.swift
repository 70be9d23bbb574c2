/// A hospital network's standardized data: sites, persons and their records, columnar and sorted by person.
///
/// Every event table is sorted by person, then date, and carries per-person row ranges, so a method walks
/// one person's records contiguously: `network.drugs.rows(ofPerson: p)`. Build one with ``NetworkBuilder``
/// or a loader.
public struct Network: Sendable, Equatable {
    public var sites: [Site]
    public var persons: PersonTable
    public var observationPeriods: PersonIndexed<ObservationPeriodTable>
    public var drugs: PersonIndexed<DrugExposureTable>
    public var diagnoses: PersonIndexed<DiagnosisTable>
    public var labs: PersonIndexed<LabResultTable>
    public var admissions: PersonIndexed<AdmissionTable>
    /// Every code used by the tables.
    public var vocabulary: Vocabulary
    /// Lab units by id (harmonized names such as `mg/dL`).
    public var units: [String]

    /// Number of persons.
    public var personCount: Int { persons.count }

    /// A network from tables that are already sorted by person and date and indexed (generators and loaders
    /// that produce persons in order use this; others use ``NetworkBuilder``).
    public init(
        sites: [Site], persons: PersonTable, observationPeriods: PersonIndexed<ObservationPeriodTable>,
        drugs: PersonIndexed<DrugExposureTable>, diagnoses: PersonIndexed<DiagnosisTable>,
        labs: PersonIndexed<LabResultTable>, admissions: PersonIndexed<AdmissionTable>, vocabulary: Vocabulary,
        units: [String]
    ) {
        self.sites = sites
        self.persons = persons
        self.observationPeriods = observationPeriods
        self.drugs = drugs
        self.diagnoses = diagnoses
        self.labs = labs
        self.admissions = admissions
        self.vocabulary = vocabulary
        self.units = units
    }
}

/// A table sorted by person, with the row range of each person.
public struct PersonIndexed<Table: Sendable & Equatable>: Sendable, Equatable {
    /// The rows, sorted by person then date.
    public var table: Table
    /// `offsets[p]..<offsets[p + 1]` are person `p`'s rows (`persons + 1` entries).
    public var offsets: [Int]

    /// A table with its person offsets.
    public init(table: Table, offsets: [Int]) {
        self.table = table
        self.offsets = offsets
    }

    /// Person `p`'s rows.
    @inlinable
    public func rows(ofPerson p: Int) -> Range<Int> { offsets[p]..<offsets[p + 1] }
}

/// Person-ordered offsets from a person column sorted ascending: `offsets[p]..<offsets[p + 1]` are person `p`'s rows.
public func personOffsets(_ person: [Int32], personCount: Int) -> [Int] {
    var offsets = [Int](repeating: 0, count: personCount + 1)
    for p in person { offsets[Int(p) + 1] += 1 }
    for i in 0..<personCount { offsets[i + 1] += offsets[i] }
    return offsets
}

/// The permutation that sorts rows by `(person, date)`, stable.
func sortPermutation(person: [Int32], date: [Day]) -> [Int] {
    let n = person.count
    var keys = [UInt64](repeating: 0, count: n)
    for i in 0..<n {
        keys[i] = UInt64(UInt32(bitPattern: person[i])) << 32 | UInt64(UInt32(bitPattern: date[i].rawValue &+ Int32.min))
    }
    var sortedAlready = true
    for i in 1..<max(n, 1) where keys[i - 1] > keys[i] {
        sortedAlready = false
        break
    }
    if sortedAlready { return Array(0..<n) }
    return (0..<n).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
}

extension Array {
    /// The elements in the order of `permutation`.
    func permuted(_ permutation: [Int]) -> [Element] { permutation.map { self[$0] } }
}
