import CohortModel
import Foundation

/// Writes any network as OMOP CDM CSV files (v5.3 or v5.4), with its codes as source values and standard concepts
/// from an ``OMOPCodeMap`` (concept id 0 where the map has none).
///
/// Tables written: `cdm_source`, `location` (one per organization), `care_site` (one per hospital), `person`,
/// `observation_period`, `drug_exposure`, `condition_occurrence`, `measurement`, `visit_occurrence` (the
/// admissions, as inpatient visits), an empty `death`, `source_to_concept_map` (every concept of the network's
/// vocabulary, in id order, with its target) and `concept` (the targets). ``OMOPReader`` reads the folder back into
/// a network with the same fingerprint. `docs/omop.md` gives every column's origin.
///
/// ```swift
/// let summary = try OMOPWriter.write(sample.network, to: dir, version: .v5_4, codeMap: .sampleNetwork)
/// print(summary.unmapped)   // codes written with concept id 0
/// ```
public enum OMOPWriter {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        /// Rows per table file.
        public var rows: [String: Int]
        /// Vocabulary concepts with no standard concept (written with concept id 0), in vocabulary order.
        public var unmapped: [Vocabulary.Concept]
    }

    /// Writes `network` into `directory` (created if needed; existing files of the same names are replaced).
    /// Concepts of system ``CodeSystem/omop`` (a network read from OMOP) are written as their own concept ids, with
    /// their `concept` rows from `omopVocabulary` where it has them.
    ///
    /// - Throws: ``OMOPError/io(path:message:)`` when a file cannot be written.
    @discardableResult
    public static func write(
        _ network: Network, to directory: URL, version: CDMVersion = .v5_4, codeMap: OMOPCodeMap = OMOPCodeMap(),
        omopVocabulary: OMOPVocabulary = OMOPVocabulary()
    ) throws(OMOPError) -> Summary {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: directory.path, message: error.localizedDescription)
        }
        var w = Writing(network: network, directory: directory, version: version, codeMap: codeMap, omopVocabulary: omopVocabulary)
        try w.all()
        return Summary(rows: w.rows, unmapped: w.unmapped)
    }
}

/// One write: the tables in turn.
private struct Writing {
    let network: Network
    let directory: URL
    let version: CDMVersion
    let codeMap: OMOPCodeMap
    let omopVocabulary: OMOPVocabulary
    var rows: [String: Int] = [:]
    var unmapped: [Vocabulary.Concept] = []
    /// Target concept id per vocabulary id (0 when unmapped).
    var target: [Int] = []

    init(network: Network, directory: URL, version: CDMVersion, codeMap: OMOPCodeMap, omopVocabulary: OMOPVocabulary) {
        self.omopVocabulary = omopVocabulary
        self.network = network
        self.directory = directory
        self.version = version
        self.codeMap = codeMap
        target = network.vocabulary.concepts.map { c in
            c.system == .omop ? Int(c.code) ?? 0 : codeMap.target(of: c)?.conceptID ?? 0
        }
        unmapped = network.vocabulary.concepts.filter { $0.system != .omop && codeMap.target(of: $0) == nil }
    }

    mutating func table(_ name: String, _ header: [String], _ body: (inout OMOPCSVFileWriter) throws(OMOPError) -> Void) throws(OMOPError) {
        var f = try OMOPCSVFileWriter(url: directory.appendingPathComponent(name + ".csv"), header: header)
        try body(&f)
        try f.close()
        rows[name] = f.rows
    }

    func s(_ v: Int) -> String { String(v) }
    func s(_ d: Day) -> String { d.description }
    func number(_ v: Double) -> String? { v.isNaN ? nil : String(v) }

    mutating func all() throws(OMOPError) {
        let n = network
        let version = self.version
        let codeMap = self.codeMap
        try table("cdm_source", OMOPColumns.cdmSource(version)) { f throws(OMOPError) in
            var row: [String?] = ["SignalStats network", "SignalStats", "", "written by SignalStats OMOPWriter", "", "",
                                  "", "", "v" + version.rawValue]
            if version == .v5_4 { row.append(nil) }
            row.append("none (source codes with a SignalStats mapping table)")
            f.append(row)
        }
        var organizations: [String: Int] = [:]
        for site in n.sites where organizations[site.organizationID] == nil { organizations[site.organizationID] = organizations.count + 1 }
        let locationColumns = OMOPColumns.location(version).count
        try table("location", OMOPColumns.location(version)) { f throws(OMOPError) in
            for (org, id) in organizations.sorted(by: { $0.value < $1.value }) {
                var row = [String?](repeating: nil, count: locationColumns)
                row[0] = String(id)
                row[7] = org
                f.append(row)
            }
        }
        try table("care_site", OMOPColumns.careSite) { f throws(OMOPError) in
            for (k, site) in n.sites.enumerated() {
                f.append([String(k + 1), site.name, nil, organizations[site.organizationID].map(String.init), site.hospitalID, nil])
            }
        }
        try table("person", OMOPColumns.person) { f throws(OMOPError) in
            let t = n.persons
            for p in 0..<t.count {
                let b = t.birthDate[p].civil
                let (gender, genderSource): (String, String) =
                    switch t.sex[p] {
                    case .male: (String(OMOPConcepts.male), "M")
                    case .female: (String(OMOPConcepts.female), "F")
                    case .unknown: ("0", "U")
                    }
                f.append([String(p + 1), gender, String(b.year), String(b.month), String(b.day), t.birthDate[p].description,
                          "0", "0", nil, nil, String(Int(t.site[p]) + 1), t.sourceID[p], genderSource, "0", nil, "0", nil, "0"])
                try f.flushIfFull()
            }
        }
        try table("observation_period", OMOPColumns.observationPeriod) { f throws(OMOPError) in
            let t = n.observationPeriods.table
            for i in 0..<t.count {
                f.append([String(i + 1), String(Int(t.person[i]) + 1), t.start[i].description, t.end[i].description, "44814724"])
                try f.flushIfFull()
            }
        }
        let target = self.target
        try table("drug_exposure", OMOPColumns.drugExposure) { f throws(OMOPError) in
            let t = n.drugs.table
            for i in 0..<t.count {
                let c = n.vocabulary[t.drug[i]]
                let type: String =
                    switch t.setting[i] {
                    case .outpatient: String(OMOPConcepts.drugPrescriptionWritten)
                    case .inpatient: String(OMOPConcepts.drugInpatientAdministration)
                    case .unknown: "0"
                    }
                let (route, routeSource): (Int, String) =
                    switch t.route[i] {
                    case .oral: (OMOPConcepts.routeOral, "oral")
                    case .injection: (0, "injection")
                    case .external: (OMOPConcepts.routeTopical, "external")
                    case .other: (0, "other")
                    }
                let q: String? = t.quantity[i].isNaN ? nil : String(t.quantity[i])
                f.append([String(i + 1), String(Int(t.person[i]) + 1), String(target[Int(t.drug[i])]), t.start[i].description, nil,
                          t.end(i).description, nil, nil, type, nil, nil, q, String(t.daysSupply[i]), nil, String(route), nil, nil,
                          nil, nil, c.code, "0", routeSource, nil])
                try f.flushIfFull()
            }
        }
        try table("condition_occurrence", OMOPColumns.conditionOccurrence) { f throws(OMOPError) in
            let t = n.diagnoses.table
            for i in 0..<t.count {
                let c = n.vocabulary[t.code[i]]
                let type: String =
                    switch t.setting[i] {
                    case .outpatient: String(OMOPConcepts.conditionOutpatient)
                    case .inpatient: String(OMOPConcepts.conditionInpatient)
                    case .unknown: String(OMOPConcepts.conditionEHR)
                    }
                f.append([String(i + 1), String(Int(t.person[i]) + 1), String(target[Int(t.code[i])]), t.date[i].description, nil,
                          nil, nil, type, t.suspected[i] ? String(OMOPConcepts.preliminaryDiagnosis) : "0", nil, nil, nil, nil,
                          c.code, "0", t.suspected[i] ? "suspected" : nil])
                try f.flushIfFull()
            }
        }
        let measurementColumns = OMOPColumns.measurement(version)
        let index = Dictionary(uniqueKeysWithValues: measurementColumns.enumerated().map { ($1, $0) })
        try table("measurement", measurementColumns) { f throws(OMOPError) in
            let t = n.labs.table
            var row = [String?](repeating: nil, count: measurementColumns.count)
            func set(_ column: String, _ v: String?) { if let k = index[column] { row[k] = v } }
            for i in 0..<t.count {
                for k in row.indices { row[k] = nil }
                let c = n.vocabulary[t.code[i]]
                let flag: String =
                    switch t.abnormal[i] {
                    case .high: String(OMOPConcepts.high)
                    case .low: String(OMOPConcepts.low)
                    case .normal: String(OMOPConcepts.normal)
                    case .unknown: "0"
                    }
                set("measurement_id", String(i + 1))
                set("person_id", String(Int(t.person[i]) + 1))
                set("measurement_concept_id", String(target[Int(t.code[i])]))
                set("measurement_date", t.date[i].description)
                set("measurement_type_concept_id", "5001")
                set("value_as_number", String(t.value[i]))
                set("value_as_concept_id", flag)
                set("unit_concept_id", "0")
                set("range_low", t.referenceLow[i].isNaN ? nil : String(t.referenceLow[i]))
                set("range_high", t.referenceHigh[i].isNaN ? nil : String(t.referenceHigh[i]))
                set("measurement_source_value", c.code)
                set("measurement_source_concept_id", "0")
                set("unit_source_value", n.units[Int(t.unit[i])])
                f.append(row)
                try f.flushIfFull()
            }
        }
        let visitColumns = OMOPColumns.visitOccurrence(version).count
        try table("visit_occurrence", OMOPColumns.visitOccurrence(version)) { f throws(OMOPError) in
            let t = n.admissions.table
            var row = [String?](repeating: nil, count: visitColumns)
            for i in 0..<t.count {
                row[0] = String(i + 1)
                row[1] = String(Int(t.person[i]) + 1)
                row[2] = String(OMOPConcepts.inpatientVisit)
                row[3] = t.admission[i].description
                row[5] = t.discharge[i].description
                row[7] = "44818517"
                row[9] = String(Int(n.persons.site[Int(t.person[i])]) + 1)
                f.append(row)
                try f.flushIfFull()
            }
        }
        try table("death", OMOPColumns.death) { _ throws(OMOPError) in }
        try table("source_to_concept_map", OMOPColumns.sourceToConceptMap) { f throws(OMOPError) in
            for (k, c) in n.vocabulary.concepts.enumerated() where c.system != .omop {
                let m = codeMap.target(of: c)
                f.append([c.code, "0", c.system.rawValue, nil, String(target[k]), m?.vocabulary ?? "None", "1970-01-01", "2099-12-31", nil])
            }
        }
        let omopVocabulary = self.omopVocabulary
        try table("concept", OMOPColumns.concept) { f throws(OMOPError) in
            var seen: Set<Int> = []
            for c in n.vocabulary.concepts {
                if c.system == .omop, let id = Int(c.code), seen.insert(id).inserted {
                    let v = omopVocabulary.concepts[id]
                    f.append([c.code, v?.name ?? "", v?.domain ?? "", v?.vocabulary ?? "", v?.conceptClass ?? "", v?.standard,
                              v?.code ?? "", "1970-01-01", "2099-12-31", nil])
                    continue
                }
                guard let m = codeMap.target(of: c), seen.insert(m.conceptID).inserted else { continue }
                f.append([String(m.conceptID), m.name, m.domain, m.vocabulary, m.conceptClass, "S", m.code, "1970-01-01", "2099-12-31", nil])
            }
        }
    }
}
