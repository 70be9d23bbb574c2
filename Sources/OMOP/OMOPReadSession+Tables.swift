import CohortModel

extension OMOPReadSession {
    /// `cdm_source`, `concept`, `concept_ancestor`, `concept_relationship`, `source_to_concept_map`.
    mutating func readVocabulary() async throws {
        var found: String?
        _ = try await read("cdm_source", required: ["cdm_version"], tableRequired: false) { s, f throws(RowIssue) in
            if found == nil, let v = f.text("cdm_version") { found = v }
            return nil
        }
        if let found {
            guard let v = CDMVersion(parsing: found) else {
                throw OMOPError.unknownCDMVersion(found, location: source.tableLocation("cdm_source"))
            }
            if version == nil { version = v }
        }
        _ = try await read(
            "concept", required: ["concept_id", "concept_name", "domain_id", "vocabulary_id", "concept_class_id", "concept_code"],
            optional: ["standard_concept"], tableRequired: false
        ) { s, f throws(RowIssue) in
            let id = try f.requiredInt("concept_id")
            s.vocabulary.add(OMOPVocabulary.Concept(
                id: Int(id), name: f.text("concept_name") ?? "", domain: f.text("domain_id") ?? "",
                vocabulary: f.text("vocabulary_id") ?? "", conceptClass: f.text("concept_class_id") ?? "",
                standard: f.text("standard_concept"), code: f.text("concept_code") ?? ""))
            return nil
        }
        _ = try await read("concept_ancestor", required: ["ancestor_concept_id", "descendant_concept_id"], tableRequired: false) {
            s, f throws(RowIssue) in
            s.vocabulary.addAncestor(Int(try f.requiredInt("ancestor_concept_id")), descendant: Int(try f.requiredInt("descendant_concept_id")))
            return nil
        }
        _ = try await read("concept_relationship", required: ["concept_id_1", "concept_id_2", "relationship_id"], tableRequired: false) {
            s, f throws(RowIssue) in
            if f.text("relationship_id") == "Maps to" {
                s.vocabulary.addMapsTo(source: Int(try f.requiredInt("concept_id_1")), target: Int(try f.requiredInt("concept_id_2")))
            } else {
                s.skip("concept_relationship", "relationship other than Maps to")
            }
            return nil
        }
        _ = try await read(
            "source_to_concept_map", required: ["source_code", "source_vocabulary_id", "target_concept_id"], tableRequired: false
        ) { s, f throws(RowIssue) in
            let code = try f.required("source_code")
            let vocab = try f.required("source_vocabulary_id")
            let target = Int(try f.int("target_concept_id") ?? 0)
            guard let system = CodeSystem(rawValue: vocab), system != .omop else {
                s.skip("source_to_concept_map", "source vocabulary not one of the network's code systems")
                return nil
            }
            if let p = system.formatProblem(code) { throw RowIssue("source_code", code, .unknownCode, p) }
            s.sourceMap[system.rawValue + "|" + code] = target
            // Interned in file order, so a written network's concept list comes back in its order.
            let id = s.builder.intern(code, system: system)
            s.conceptCache[system.rawValue + "|" + code] = id
            if target > 0 { s.addMapping(code: code, system: system, target: target) }
            return nil
        }
    }

    mutating func addMapping(code: String, system: CodeSystem, target: Int) {
        let e = CodeMapping.Entry(source: .init(system: system, code: code), target: .init(system: .omop, code: String(target)))
        if mappingSeen.insert(e).inserted { mappingEntries.append(e) }
    }

    /// `location`, `care_site`.
    mutating func readSites() async throws {
        var organizations: [Int64: String] = [:]
        _ = try await read("location", required: ["location_id"], optional: ["location_source_value"], tableRequired: false) {
            s, f throws(RowIssue) in
            let id = try f.requiredInt("location_id")
            organizations[id] = f.text("location_source_value") ?? String(id)
            return nil
        }
        _ = try await read(
            "care_site", required: ["care_site_id"], optional: ["care_site_name", "location_id", "care_site_source_value"],
            tableRequired: false
        ) { s, f throws(RowIssue) in
            let id = try f.requiredInt("care_site_id")
            guard s.careSites[id] == nil else { throw RowIssue("care_site_id", String(id), .duplicateID) }
            let org = try f.int("location_id").map { organizations[$0] ?? String($0) } ?? ""
            let site = s.builder.addSite(Site(
                hospitalID: f.text("care_site_source_value") ?? String(id), organizationID: org, name: f.text("care_site_name") ?? ""))
            s.careSites[id] = site
            return nil
        }
    }

    /// `person`: the source id is `person_source_value` (or `person_id` when empty); the birth date is
    /// year/month/day of birth, else `birth_datetime`, else 1 July of the year of birth.
    mutating func readPersons() async throws {
        _ = try await read(
            "person", required: ["person_id", "gender_concept_id", "year_of_birth"],
            optional: ["month_of_birth", "day_of_birth", "birth_datetime", "care_site_id", "person_source_value", "gender_source_value"],
            tableRequired: true
        ) { s, f throws(RowIssue) in
            let id = try f.requiredInt("person_id")
            guard s.persons[id] == nil else { throw RowIssue("person_id", String(id), .duplicateID) }
            let year = try f.requiredInt("year_of_birth")
            let month = try f.int("month_of_birth"), day = try f.int("day_of_birth")
            var birth: Day?
            if let month, let day {
                guard let d = Day(year: Int(year), month: Int(month), day: Int(day)) else {
                    throw RowIssue("day_of_birth", "\(year)-\(month)-\(day)", .unparseableDate, "year, month and day of birth are not a calendar date")
                }
                birth = d
            }
            if birth == nil { birth = try f.date("birth_datetime") }
            if birth == nil { birth = Day(year: Int(year), month: 7, day: 1) }
            guard let birth else { throw RowIssue("year_of_birth", String(year), .unparseableDate) }
            let sex: Sex
            switch try f.int("gender_concept_id") ?? 0 {
            case 8507: sex = .male
            case 8532: sex = .female
            default: sex = .unknown
            }
            var site: Int32
            if let cs = try f.int("care_site_id") {
                guard let k = s.careSites[cs] else { throw RowIssue("care_site_id", String(cs), .unknownHospital) }
                site = k
            } else if let k = s.unassignedSite {
                site = k
            } else {
                site = s.builder.addSite(Site(hospitalID: "unassigned", organizationID: "", name: "persons without a care site"))
                s.unassignedSite = site
            }
            let sourceID = f.text("person_source_value") ?? String(id)
            let p: Int32
            do { p = try s.builder.addPerson(id: sourceID, site: site, birthDate: birth, sex: sex) } catch {
                throw RowIssue("person_source_value", sourceID, .duplicateID)
            }
            s.persons[id] = p
            s.personIDs.append(id)
            return site
        }
    }
}
