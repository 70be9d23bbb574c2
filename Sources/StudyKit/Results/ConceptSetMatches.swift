/// How many records and persons a study's concept set matched in the data, per table (drug exposures and diagnoses),
/// so a concept set that silently matches nothing shows in the results.
public struct ConceptSetMatches: Sendable, Equatable, Codable {
    /// The concept set's name.
    public var name: String
    /// Whether the set was expanded through the data's code mapping (for example ATC to YJ).
    public var expandedThroughMapping: Bool
    /// Drug exposure records matched.
    public var drugRecords: CellCount
    /// Persons with a matched drug exposure.
    public var drugPersons: CellCount
    /// Diagnosis records matched.
    public var diagnosisRecords: CellCount
    /// Persons with a matched diagnosis.
    public var diagnosisPersons: CellCount

    /// Creates the counts.
    public init(
        name: String, expandedThroughMapping: Bool, drugRecords: CellCount, drugPersons: CellCount, diagnosisRecords: CellCount,
        diagnosisPersons: CellCount
    ) {
        self.name = name
        self.expandedThroughMapping = expandedThroughMapping
        self.drugRecords = drugRecords
        self.drugPersons = drugPersons
        self.diagnosisRecords = diagnosisRecords
        self.diagnosisPersons = diagnosisPersons
    }

    func suppressed(below t: Int) -> ConceptSetMatches {
        var m = self
        m.drugRecords = drugRecords.suppressed(below: t)
        m.drugPersons = drugPersons.suppressed(below: t)
        m.diagnosisRecords = diagnosisRecords.suppressed(below: t)
        m.diagnosisPersons = diagnosisPersons.suppressed(below: t)
        return m
    }
}
