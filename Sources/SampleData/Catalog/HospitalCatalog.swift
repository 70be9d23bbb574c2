import CohortModel

/// The sample network's healthcare organizations and hospitals: 10 organizations with 23 hospitals, as
/// MID-NET launched with in 2018, of different sizes and reporting habits.
public struct SampleHospital: Sendable, Equatable, Codable {
    public var site: Site
    /// Share of the network's persons.
    public var weight: Double
    /// Share of diagnoses recorded as suspected (疑い).
    public var suspectedShare: Double
    /// Whether the hospital's source system reports creatinine in µmol/L rather than mg/dL (harmonized at load;
    /// the in-memory model always holds mg/dL).
    public var creatinineInMicromolar: Bool
}

enum HospitalCatalog {
    /// Hospitals per organization (sums to 23) and relative sizes.
    static let layout: [(organization: String, name: String, hospitals: [Double])] = [
        ("O01", "Tohoku University Hospital group", [3.0, 1.0]),
        ("O02", "University of Tokyo Hospital group", [3.2]),
        ("O03", "Chiba University Hospital group", [2.0, 0.8]),
        ("O04", "Hamamatsu University Hospital group", [1.6]),
        ("O05", "Kyoto University Hospital group", [2.8, 1.1]),
        ("O06", "Osaka University Hospital group", [3.0]),
        ("O07", "Kyushu University Hospital group", [2.6, 1.2, 0.9]),
        ("O08", "Saga University Hospital group", [1.2]),
        ("O09", "NTT Medical Center group", [1.0, 0.7, 0.6]),
        ("O10", "Tokushukai Medical group", [1.5, 1.3, 1.1, 0.9, 0.8, 0.7, 0.6]),
    ]

    static let hospitals: [SampleHospital] = {
        var out: [SampleHospital] = []
        var k = 0
        for org in layout {
            for (j, size) in org.hospitals.enumerated() {
                k += 1
                let id = k < 10 ? "H0\(k)" : "H\(k)"
                out.append(SampleHospital(
                    site: Site(hospitalID: id, organizationID: org.organization, name: "\(org.name) hospital \(j + 1)"),
                    weight: size,
                    suspectedShare: id == "H12" ? 0.25 : 0.06,
                    creatinineInMicromolar: id == "H07"))
            }
        }
        let total = out.reduce(0) { $0 + $1.weight }
        return out.map { var h = $0; h.weight /= total; return h }
    }()
}
