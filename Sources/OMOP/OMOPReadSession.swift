import CohortModel

/// One read of an OMOP instance: the tables in order, then the network, report and fingerprint.
struct OMOPReadSession<Source: OMOPRowSource> {
    let source: Source
    let options: OMOPReadOptions
    var builder = NetworkBuilder()
    var vocabulary = OMOPVocabulary()
    var version: CDMVersion?
    var rejections: [LoadReport.Rejection] = []
    /// Source rows per table and site slot (sites, then the unknown slot), for the reconciliation.
    var sourceRows: [String: [Int: Int]] = [:]
    var tableOrder: [String] = []
    var notImported: [String: [String: Int]] = [:]
    /// `source_to_concept_map` entries: `SYSTEM|code` → target concept id (0 for none).
    var sourceMap: [String: Int] = [:]
    var mappingEntries: [CodeMapping.Entry] = []
    var mappingSeen: Set<CodeMapping.Entry> = []
    var conceptCache: [String: Int32] = [:]
    var careSites: [Int64: Int32] = [:]
    var unassignedSite: Int32?
    var persons: [Int64: Int32] = [:]
    var personIDs: [Int64] = []
    var drugEras: [OMOPLoadedNetwork.DrugEra] = []
    var deaths: [Int32: Day] = [:]

    init(source: Source, options: OMOPReadOptions) {
        self.source = source
        self.options = options
        self.version = options.cdmVersion
    }

    var strict: Bool { options.mode == .strict }

    /// Reads `table` if present: checks the header, then calls `body` per row; a thrown ``RowIssue`` rejects the
    /// row. Returns `false` when the table is absent (an error when `tableRequired`).
    mutating func read(
        _ table: String, required: [String], optional: [String] = [], tableRequired: Bool,
        _ body: (inout Self, OMOPFields) throws(RowIssue) -> Int32?
    ) async throws -> Bool {
        let src = source
        guard let present = try await src.columns(of: table) else {
            if tableRequired { throw OMOPError.missingTable(table: table, location: src.location) }
            return false
        }
        for c in required where !present.contains(c) {
            throw OMOPError.missingColumn(table: table, column: c, location: src.tableLocation(table))
        }
        let request = required + optional.filter { present.contains($0) }
        var positions: [String: Int] = [:]
        for (k, c) in request.enumerated() { positions[c] = k }
        tableOrder.append(table)
        let place = src.tableLocation(table)
        try await src.rows(of: table, columns: request) { row in
            let fields = OMOPFields(row: row, positions: positions)
            do throws(RowIssue) {
                let site = try body(&self, fields)
                self.sourceRows[table, default: [:]][self.slot(site), default: 0] += 1
            } catch {
                let site = self.siteOfRow(fields)
                self.sourceRows[table, default: [:]][self.slot(site), default: 0] += 1
                var r = LoadReport.Rejection(
                    table: table, file: place, line: row.line, column: error.column, value: error.value,
                    reason: error.reason, site: site)
                r.detail = error.detail
                if self.strict { throw OMOPError.rejectedRow(r) }
                self.rejections.append(r)
            }
        }
        return true
    }

    /// The site slot of a row (`nil`: the unknown slot, after the sites).
    func slot(_ site: Int32?) -> Int { site.map(Int.init) ?? -1 }

    /// The site of a row's person, when its `person_id` is known.
    func siteOfRow(_ f: OMOPFields) -> Int32? {
        guard let t = f.text("person_id"), let id = Int64(t), let p = persons[id] else { return nil }
        return builder.persons.site[Int(p)]
    }

    /// Counts a row as read but not imported; with `site`, takes it out of the table's source rows (the row is then
    /// neither stored nor rejected, and the reconciliation compares only the rows meant for the network).
    mutating func skip(_ table: String, _ reason: String, site: Int32?? = nil) {
        notImported[table, default: [:]][reason, default: 0] += 1
        if let site { sourceRows[table, default: [:]][slot(site), default: 0] -= 1 }
    }

    /// The person index of a row's `person_id`.
    func person(_ f: OMOPFields) throws(RowIssue) -> Int32 {
        let id = try f.requiredInt("person_id")
        guard let p = persons[id] else { throw RowIssue("person_id", String(id), .unknownPerson) }
        return p
    }

    func site(ofPerson p: Int32) -> Int32 { builder.persons.site[Int(p)] }

    mutating func run() async throws -> OMOPLoadedNetwork {
        try await readVocabulary()
        guard let version else {
            throw OMOPError.unknownCDMVersion("none given and no cdm_source.cdm_version", location: source.location)
        }
        try await readSites()
        try await readPersons()
        try await readEvents()
        return try finish(version: version)
    }
}
