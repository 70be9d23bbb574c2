/// Adding diagnoses and lab results by concept id, for loaders whose codes are not ICD-10 and JLAC10 (the OMOP
/// reader records OMOP standard concepts when a row has no Japanese source code).
extension NetworkBuilder {
    /// Adds a diagnosis by concept id (any code system, interned with ``intern(_:system:)``).
    public mutating func addDiagnosis(
        person: Int32, concept: Int32, date: Day, suspected: Bool = false, setting: CareSetting = .outpatient
    ) {
        diagnoses.person.append(person)
        diagnoses.code.append(concept)
        diagnoses.date.append(date)
        diagnoses.suspected.append(suspected)
        diagnoses.setting.append(setting)
    }

    /// Adds a lab result by concept id (any code system), with its unit as text (interned into ``Network/units``).
    public mutating func addLab(
        person: Int32, concept: Int32, date: Day, value: Double, unit: String, referenceLow: Double = .nan,
        referenceHigh: Double = .nan, abnormal: AbnormalFlag = .unknown
    ) {
        labs.person.append(person)
        labs.code.append(concept)
        labs.date.append(date)
        labs.value.append(value)
        labs.unit.append(internUnit(unit))
        labs.referenceLow.append(referenceLow)
        labs.referenceHigh.append(referenceHigh)
        labs.abnormal.append(abnormal)
    }

    /// Interns a lab unit ahead of any row (so a loader can keep a unit list's order); returns its id.
    @discardableResult
    public mutating func intern(unit: String) -> Int32 { internUnit(unit) }
}

extension LoadedNetwork {
    /// A loaded network from another module's loader (the OMOP reader).
    public init(built network: Network, report: LoadReport, codeMapping: CodeMapping?) {
        self.network = network
        self.report = report
        self.codeMapping = codeMapping
    }
}
