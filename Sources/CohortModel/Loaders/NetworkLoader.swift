import Foundation

/// Loads a network from its exported tables: a directory of CSV files or one SQLite file, with the same
/// layout (`docs/data-model.md`), the same checks and the same report.
///
/// Every source row is either stored or rejected with its file, line (the SQLite rowid), column, value and
/// reason (``RejectionReason``); per table and site `sourceRows == storedRows + rejections`, and
/// ``LoadReport/reconciliation`` compares per-column checksums of the accepted source values with the same
/// values recomputed from the built network (MID-NET's source-versus-stored consistency check).
///
/// ```swift
/// let loaded = try NetworkLoader.loadCSV(directory: exportDir, options: .lenient)
/// print(loaded.network.personCount, loaded.report.summary())
/// ```
public enum NetworkLoader {
    /// Loads the CSV files of a network from `directory`.
    ///
    /// Files: `sites.csv`, `persons.csv`, `observation_periods.csv`, `drug_exposures.csv`, `diagnoses.csv`,
    /// `lab_results.csv`, `admissions.csv` (all required), and optionally `concepts.csv` and `units.csv` (the
    /// vocabulary and unit lists in id order, as ``NetworkWriter`` writes them). The drug exposures are parsed
    /// on ``LoadOptions/parallelism`` threads.
    ///
    /// Each file is read as a whole, and only when it is a regular file (or a symbolic link to one). Besides the
    /// rows, the report counts each file's physical lines and what became of them (``LoadReport/lineAccounts``), so
    /// a row cannot vanish unnoticed: a quoted field that does not close where a field may end costs the one line it
    /// opened on (``RejectionReason/unterminatedQuote``), not the rest of the file.
    ///
    /// - Throws: ``CohortModelError/notADirectory(path:)``, ``CohortModelError/missingTable(table:file:)``,
    ///   ``CohortModelError/notARegularFile(path:kind:)``, ``CohortModelError/missingColumn(name:file:)``,
    ///   ``CohortModelError/unexpectedColumn(name:file:)`` and ``CohortModelError/csv(_:)`` (unreadable file, empty
    ///   file, malformed header) in either mode; ``CohortModelError/rejectedRow(_:)`` for the first bad row in
    ///   strict mode.
    /// - Complexity: O(bytes + rows), plus O(n log n) within a person's rows when a file is not sorted by person and
    ///   date.
    public static func loadCSV(directory: URL, options: LoadOptions = .strict) throws(CohortModelError) -> LoadedNetwork {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .notADirectory(path: directory.path)
        }
        let source = CSVDirectorySource(
            directory: directory, allowExtraColumns: options.allowExtraColumns, quotedFieldLimits: options.quotedFieldLimits)
        var session = LoadSession(source: source, options: options)
        return try session.load()
    }

    /// Loads a network from an SQLite file with one table per CSV file of ``loadCSV(directory:options:)`` (same
    /// table and column names; `concepts` and `units` optional). Values may be stored as text, integers or reals;
    /// rejections give the table as `sqlite:<table>` and the rowid as line.
    ///
    /// - Throws: as ``loadCSV(directory:options:)``, and ``CohortModelError/sqlite(file:message:)`` when the file
    ///   cannot be opened or read.
    public static func loadSQLite(file: URL, options: LoadOptions = .strict) throws(CohortModelError) -> LoadedNetwork {
        let source = try SQLiteSource(file: file, allowExtraColumns: options.allowExtraColumns)
        var session = LoadSession(source: source, options: options)
        return try session.load()
    }
}

/// Where the tables come from.
protocol RowSource {
    /// Runs decoders over the rows of `layout`'s table: one decoder for a sequential run, or one per chunk (in file
    /// order) when the source parses in parallel. `nil` when the table is absent and optional.
    func run<D: RowDecoder & Sendable>(
        _ layout: TableLayout, strict: Bool, siteCount: Int, parallelism: Int, make: @escaping @Sendable (Int) -> D
    ) throws(CohortModelError) -> (decoders: [D], tally: TableTally)?
}

/// Checks a header against the layout; returns, for each layout column, its position in the header or −1.
func resolveHeader(_ names: [String], layout: TableLayout, file: String, allowExtraColumns: Bool) throws(CohortModelError)
    -> [Int]
{
    var positions = [Int](repeating: -1, count: layout.columns.count)
    // A name that is a layout column but for invisible characters (a second byte-order mark, a zero-width space):
    // say so, rather than report the column as unknown or the real one as missing.
    for name in names where layout.index(of: name) == nil && VisibleText.stripped(name) != name
        && layout.index(of: VisibleText.stripped(name)) != nil
    {
        throw .unexpectedColumn(name: name, file: file)
    }
    for (k, name) in names.enumerated() {
        if let c = layout.index(of: name) {
            positions[c] = k
        } else if !allowExtraColumns {
            throw .unexpectedColumn(name: name, file: file)
        }
    }
    for (c, column) in layout.columns.enumerated() where column.required && positions[c] < 0 {
        throw .missingColumn(name: column.name, file: file)
    }
    if layout.name == TableLayout.drugExposures.name
        && positions[DrugDecoder.daysSupply] < 0 && positions[DrugDecoder.endDate] < 0
    {
        throw .missingColumn(name: "days_supply", file: file)
    }
    return positions
}

/// One load: runs the tables in order, then assembles the network and the report.
struct LoadSession<Source: RowSource> {
    let source: Source
    let options: LoadOptions
    private var report = LoadReport()
    /// Tables loaded, in order, with their tallies and source checksums.
    private var tables: [(layout: TableLayout, tally: TableTally, sums: ChecksumSums)] = []

    init(source: Source, options: LoadOptions) {
        self.source = source
        self.options = options
    }

    private var strict: Bool { options.mode == .strict }

    private mutating func record(_ layout: TableLayout, _ tally: TableTally, _ sums: ChecksumSums) throws(CohortModelError) {
        if strict, let first = tally.rejections.first { throw .rejectedRow(first) }
        report.rejections += tally.rejections
        if let lines = tally.lineAccount { report.lineAccounts.append(lines) }
        tables.append((layout, tally, sums))
    }

    private func run<D: RowDecoder & Sendable>(
        _ layout: TableLayout, siteCount: Int, parallelism: Int = 1, _ make: @escaping @Sendable (Int) -> D
    ) throws(CohortModelError) -> (decoders: [D], tally: TableTally)? {
        try source.run(layout, strict: strict, siteCount: siteCount, parallelism: parallelism, make: make)
    }

    mutating func load() throws(CohortModelError) -> LoadedNetwork {
        // Vocabulary and units lists (optional): ids in file order.
        var vocabulary = Vocabulary()
        if let (d, tally) = try run(.concepts, siteCount: 0, { [vocabulary] _ in ConceptsDecoder(vocabulary: vocabulary) }) {
            vocabulary = d[0].vocabulary
            try record(.concepts, tally, d[0].sums)
        }
        var units: [String] = []
        var unitIndex: [String: Int32] = [:]
        if let (d, tally) = try run(.units, siteCount: 0, { _ in UnitsDecoder(units: [], index: [:]) }) {
            units = d[0].units
            unitIndex = d[0].index
            try record(.units, tally, d[0].sums)
        }

        // Sites, persons.
        guard let (sd, siteTally) = try run(.sites, siteCount: 0, { _ in SitesDecoder() }) else {
            throw .missingTable(table: "sites", file: TableLayout.sites.fileName)
        }
        try record(.sites, siteTally, sd[0].sums)
        let sites = sd[0].sites
        let siteIDs = sd[0].ids
        let siteCount = sites.count
        guard let (pd, personTally) = try run(.persons, siteCount: siteCount, { _ in PersonsDecoder(siteIDs: siteIDs) }) else {
            throw .missingTable(table: "persons", file: TableLayout.persons.fileName)
        }
        try record(.persons, personTally, pd[0].sums)
        let persons = pd[0].table
        let directory = pd[0].directory
        let personCount = persons.count

        // Event tables.
        var observation = ObservationPeriodTable()
        if let (d, tally) = try run(.observationPeriods, siteCount: siteCount, { _ in ObservationDecoder(persons: directory, siteCount: siteCount) }) {
            try record(.observationPeriods, tally, d[0].sums)
            observation = d[0].table
        }
        var drugs = DrugExposureTable()
        if case (var chunks, let tally)? = try run(.drugExposures, siteCount: siteCount, parallelism: options.parallelism, { rows in
            DrugDecoder(persons: directory, siteCount: siteCount, expectedRows: rows)
        }) {
            var sums = ChecksumSums(columns: 7, siteCount: siteCount)
            for c in chunks { sums.merge(c.sums) }
            try record(.drugExposures, tally, sums)
            drugs = Self.merge(&chunks, into: &vocabulary, personCount: personCount)
        }
        var diagnoses = DiagnosisTable()
        if let (d, tally) = try run(.diagnoses, siteCount: siteCount, { _ in DiagnosisDecoder(persons: directory, siteCount: siteCount) }) {
            try record(.diagnoses, tally, d[0].sums)
            diagnoses = d[0].table
            let ids = d[0].codes.intern(into: &vocabulary)
            for i in diagnoses.code.indices { diagnoses.code[i] = ids[Int(diagnoses.code[i])] }
        }
        var labs = LabResultTable()
        let conversions = options.unitConversions
        if let (d, tally) = try run(.labResults, siteCount: siteCount, { [units, unitIndex] _ in
            LabDecoder(persons: directory, siteCount: siteCount, conversions: conversions, units: units, unitIndex: unitIndex)
        }) {
            try record(.labResults, tally, d[0].sums)
            labs = d[0].table
            units = d[0].units
            let ids = d[0].codes.intern(into: &vocabulary)
            for i in labs.code.indices { labs.code[i] = ids[Int(labs.code[i])] }
        }
        var admissions = AdmissionTable()
        if let (d, tally) = try run(.admissions, siteCount: siteCount, { _ in AdmissionDecoder(persons: directory, siteCount: siteCount) }) {
            try record(.admissions, tally, d[0].sums)
            admissions = d[0].table
        }

        let network = NetworkAssembly.build(
            sites: sites, persons: persons, observation: observation, drugs: drugs, diagnoses: diagnoses, labs: labs,
            admissions: admissions, vocabulary: vocabulary, units: units, personCount: personCount)
        report.reconciliation = reconcile(network)
        if let mapping = options.drugCodeMapping {
            report.unmappedDrugCodes = Self.unmapped(network, mapping)
        }
        return LoadedNetwork(network: network, report: report, codeMapping: options.drugCodeMapping)
    }

    /// The chunks' rows (in file order) with concept ids for their code entries, ordered by person and date.
    /// (The decoders' rows are moved out, not copied.)
    static func merge(_ chunks: inout [DrugDecoder], into vocabulary: inout Vocabulary, personCount: Int) -> DrugExposureTable {
        var records: [[DrugRecord]] = []
        for k in chunks.indices {
            let ids = chunks[k].codes.intern(into: &vocabulary)
            var rows = chunks[k].rows
            chunks[k].rows = []
            rows.withUnsafeMutableBufferPointer { r in
                for i in r.indices { r[i].drug = ids[Int(r[i].drug)] }
            }
            records.append(rows)
        }
        return DrugExposureTable.ordered(records, personCount: personCount)
    }

    /// Drug concepts used by stored rows that the mapping does not cover, most rows first.
    static func unmapped(_ network: Network, _ mapping: CodeMapping) -> [LoadReport.UnmappedCode] {
        var rows = [Int](repeating: 0, count: network.vocabulary.count)
        for d in network.drugs.table.drug { rows[Int(d)] += 1 }
        var out: [LoadReport.UnmappedCode] = []
        for (id, n) in rows.enumerated() where n > 0 {
            let c = network.vocabulary[Int32(id)]
            if mapping.targets(of: c).isEmpty { out.append(.init(system: c.system, code: c.code, rows: n)) }
        }
        return out.sorted { ($0.rows, $1.code) > ($1.rows, $0.code) }
    }

    /// Per table and site: source rows, stored rows and the columns whose checksums disagree.
    func reconcile(_ network: Network) -> [LoadReport.Reconciliation] {
        var out: [LoadReport.Reconciliation] = []
        for (layout, tally, sums) in tables {
            let model = ModelChecksums.sums(of: layout.name, in: network, prefix: tally.storedRows)
            let names = ModelChecksums.columns(of: layout.name)
            let personLinked = sums.buckets > 1 || ![TableLayout.concepts.name, TableLayout.units.name, TableLayout.sites.name].contains(layout.name)
            for bucket in 0..<sums.buckets {
                let isUnknown = bucket == sums.buckets - 1
                if isUnknown && personLinked && tally.source[bucket] == 0 { continue }
                var mismatches: [String] = []
                for (c, name) in names.enumerated() where sums.sum(bucket: bucket, column: c) != model.sum(bucket: bucket, column: c) {
                    mismatches.append(name)
                }
                // Stored rows as counted in the model, so a row lost after acceptance shows up.
                let stored = model.rows[bucket]
                if stored != tally.stored[bucket] && !mismatches.contains("rows") { mismatches.append("rows") }
                out.append(LoadReport.Reconciliation(
                    table: layout.name, site: isUnknown ? nil : Int32(bucket), sourceRows: tally.source[bucket],
                    storedRows: stored, checksumMismatches: mismatches))
            }
        }
        return out
    }
}
