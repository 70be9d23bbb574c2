/// Sex as recorded.
public enum Sex: UInt8, Sendable, Codable, CaseIterable {
    case female = 0, male = 1, unknown = 2
}

/// Where a record arose.
public enum CareSetting: UInt8, Sendable, Codable, CaseIterable {
    case outpatient = 0, inpatient = 1, unknown = 2
}

/// A hospital of the network and the healthcare organization it belongs to.
public struct Site: Sendable, Equatable, Codable {
    public var hospitalID: String
    public var organizationID: String
    public var name: String
    public init(hospitalID: String, organizationID: String, name: String) {
        self.hospitalID = hospitalID
        self.organizationID = organizationID
        self.name = name
    }
}

/// Persons, one row each, as parallel arrays (struct of arrays). Row index is the person index used by every
/// other table.
public struct PersonTable: Sendable, Equatable {
    /// The source system's person id.
    public var sourceID: [String]
    /// Index into ``Network/sites``.
    public var site: [Int32]
    public var birthDate: [Day]
    public var sex: [Sex]
    public var count: Int { sourceID.count }
}

/// Observation periods: the spans in which a person's records are captured.
public struct ObservationPeriodTable: Sendable, Equatable {
    public var person: [Int32]
    public var start: [Day]
    public var end: [Day]
    public var count: Int { person.count }
}

/// Drug exposures (prescriptions and injections): 23 bytes a row.
public struct DrugExposureTable: Sendable, Equatable {
    public var person: [Int32]
    /// Concept id in the network's ``Vocabulary`` (YJ, HOT, receipt or ATC code).
    public var drug: [Int32]
    public var start: [Day]
    /// Days supplied (≥ 1); the exposure covers `[start, start + daysSupply − 1]`.
    public var daysSupply: [Int32]
    public var quantity: [Float]
    /// Route as a small code (see ``Route``).
    public var route: [Route]
    public var setting: [CareSetting]
    public var count: Int { person.count }

    /// The last day covered by exposure `i`.
    public func end(_ i: Int) -> Day { start[i] + Int(daysSupply[i]) - 1 }
}

/// Route of administration.
public enum Route: UInt8, Sendable, Codable, CaseIterable {
    case oral = 0, injection = 1, external = 2, other = 3
}

/// Diagnoses (ICD-10), with the suspected-diagnosis flag (疑い) that Japanese records carry.
public struct DiagnosisTable: Sendable, Equatable {
    public var person: [Int32]
    public var code: [Int32]
    public var date: [Day]
    public var suspected: [Bool]
    public var setting: [CareSetting]
    public var count: Int { person.count }
}

/// Laboratory results (JLAC10), with the site's reference range; values are in the harmonized unit.
public struct LabResultTable: Sendable, Equatable {
    public var person: [Int32]
    public var code: [Int32]
    public var date: [Day]
    public var value: [Double]
    /// Unit id in ``Network/units``.
    public var unit: [Int32]
    /// Lower and upper limit of the site's reference range (NaN when not reported), in the same unit as `value`.
    public var referenceLow: [Double]
    public var referenceHigh: [Double]
    /// The site's abnormal flag: `L`, `H` or none.
    public var abnormal: [AbnormalFlag]
    public var count: Int { person.count }
}

/// A lab result's abnormal flag as the site reported it.
public enum AbnormalFlag: UInt8, Sendable, Codable, CaseIterable {
    case normal = 0, low = 1, high = 2, unknown = 3
}

/// Hospital admissions.
public struct AdmissionTable: Sendable, Equatable {
    public var person: [Int32]
    public var admission: [Day]
    public var discharge: [Day]
    public var count: Int { person.count }
}

// Public empty initializers live in extensions so the structs keep their memberwise initializers.
extension PersonTable {
    /// An empty table.
    public init() {
        sourceID = []
        site = []
        birthDate = []
        sex = []
    }
}

extension ObservationPeriodTable {
    /// An empty table.
    public init() {
        person = []
        start = []
        end = []
    }
}

extension DrugExposureTable {
    /// An empty table.
    public init() {
        person = []
        drug = []
        start = []
        daysSupply = []
        quantity = []
        route = []
        setting = []
    }
}

extension DiagnosisTable {
    /// An empty table.
    public init() {
        person = []
        code = []
        date = []
        suspected = []
        setting = []
    }
}

extension LabResultTable {
    /// An empty table.
    public init() {
        person = []
        code = []
        date = []
        value = []
        unit = []
        referenceLow = []
        referenceHigh = []
        abnormal = []
    }
}

extension AdmissionTable {
    /// An empty table.
    public init() {
        person = []
        admission = []
        discharge = []
    }
}

