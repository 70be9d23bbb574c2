import CohortModel

extension OMOPReadSession {
    /// The concept a row is recorded with: its source value as a code of the network's systems when
    /// `source_to_concept_map` lists it (or the options name the column's system and the value passes its format
    /// check), mapped to the row's standard concept; otherwise the standard concept id itself (system
    /// ``CodeSystem/omop``), which must be in `concept` when that table was loaded.
    ///
    /// - Throws: `unknown concept` for a concept id not in `concept`, or 0 with no usable source code.
    mutating func recordedConcept(
        _ f: OMOPFields, conceptColumn: String, sourceColumn: String, systems: [CodeSystem], configured: CodeSystem?
    ) throws(RowIssue) -> Int32 {
        let conceptID = Int(try f.int(conceptColumn) ?? 0)
        let sourceValue = f.text(sourceColumn)
        let cacheKey = conceptColumn + "|" + String(conceptID) + "|" + (sourceValue ?? "")
        if let id = conceptCache[cacheKey] { return id }
        var result: Int32?
        if let sourceValue {
            for system in systems {
                let key = system.rawValue + "|" + sourceValue
                if let target = sourceMap[key] {
                    result = builder.intern(sourceValue, system: system)
                    if target == 0 && conceptID > 0 { addMapping(code: sourceValue, system: system, target: conceptID) }
                    break
                }
            }
            if result == nil, let configured, configured.isValid(sourceValue) {
                result = builder.intern(sourceValue, system: configured)
                if conceptID > 0 { addMapping(code: sourceValue, system: configured, target: conceptID) }
            }
        }
        if result == nil {
            guard conceptID > 0 else {
                throw RowIssue(
                    conceptColumn, f.text(conceptColumn), omop: .unknownConcept,
                    "concept_id 0 (no standard concept) and \(sourceColumn) \(sourceValue.map { "\"\($0)\"" } ?? "empty") is not a code of a known source vocabulary")
            }
            if !vocabulary.isEmpty && vocabulary.concepts[conceptID] == nil {
                throw RowIssue(conceptColumn, String(conceptID), omop: .unknownConcept, "concept_id \(conceptID) is not in the concept table")
            }
            result = builder.intern(String(conceptID), system: .omop)
        }
        let id = result ?? 0
        conceptCache[cacheKey] = id
        return id
    }

    /// The network, the report (rejections; source and stored rows per table and site) and the fingerprint.
    func finish(version: CDMVersion) throws -> OMOPLoadedNetwork {
        let network = builder.build()
        var report = LoadReport()
        report.rejections = rejections
        let siteOf = network.persons.site
        func stored(_ persons: [Int32]) -> [Int: Int] {
            var out: [Int: Int] = [:]
            for p in persons { out[Int(siteOf[Int(p)]), default: 0] += 1 }
            return out
        }
        // Reconciliation rows are named by the model's tables (as the native loaders name them), so the quality
        // report's row checks apply; rejections keep the OMOP table names.
        let storedByTable: [String: (model: String, rows: [Int: Int])] = [
            "person": ("persons", stored((0..<Int32(network.personCount)).map { $0 })),
            "observation_period": ("observation_periods", stored(network.observationPeriods.table.person)),
            "drug_exposure": ("drug_exposures", stored(network.drugs.table.person)),
            "condition_occurrence": ("diagnoses", stored(network.diagnoses.table.person)),
            "measurement": ("lab_results", stored(network.labs.table.person)),
            "visit_occurrence": ("admissions", stored(network.admissions.table.person)),
        ]
        for table in tableOrder {
            guard let (model, storedRows) = storedByTable[table] else { continue }
            let source = sourceRows[table] ?? [:]
            for slot in Set(source.keys).union(storedRows.keys).sorted() {
                report.reconciliation.append(LoadReport.Reconciliation(
                    table: model, site: slot < 0 ? nil : Int32(slot), sourceRows: source[slot] ?? 0,
                    storedRows: storedRows[slot] ?? 0, checksumMismatches: []))
            }
        }
        let mapping: CodeMapping
        do { mapping = try CodeMapping(mappingEntries) } catch { throw OMOPError.model(error) }
        var skipped: [OMOPLoadedNetwork.NotImported] = []
        for table in tableOrder {
            for (reason, n) in (notImported[table] ?? [:]).sorted(by: { $0.key < $1.key }) {
                skipped.append(.init(table: table, reason: reason, rows: n))
            }
        }
        return OMOPLoadedNetwork(
            loaded: LoadedNetwork(built: network, report: report, codeMapping: mapping), sourceMapping: mapping,
            vocabulary: vocabulary, cdmVersion: version, personIDs: personIDs, drugEras: drugEras, deaths: deaths,
            notImported: skipped, fingerprint: network.fingerprint())
    }
}
