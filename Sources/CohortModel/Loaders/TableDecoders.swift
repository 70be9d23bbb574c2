// Row decoders of the small tables; the drug exposures have their own file (their loader is the fast path).
// Layout column numbers follow `TableLayout` (required columns first, then optional ones).

/// `concepts`: code_system, code — the vocabulary in id order (optional; written by ``NetworkWriter`` so that
/// concept ids survive a round trip).
struct ConceptsDecoder: RowDecoder {
    var vocabulary: Vocabulary
    var sums = ChecksumSums(columns: 2, siteCount: 0)

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let system = try EnumFields.anySystem(row, 0)
        _ = try row.required(1)
        let code = row.text(1)
        if let problem = system.formatProblem(code) { throw RowIssue(1, .unknownCode, detail: problem) }
        if vocabulary.id(of: code, system: system) != nil { throw RowIssue(1, .duplicateID) }
        _ = vocabulary.intern(code, system: system)
        sums.add(bucket: 0, column: 0, Checksum.fnv1a(system.rawValue))
        sums.add(bucket: 0, column: 1, Checksum.code(code, system: system))
    }
}

/// `units`: unit — the lab unit list in id order (optional, like `concepts`).
struct UnitsDecoder: RowDecoder {
    var units: [String]
    var index: [String: Int32]
    var sums = ChecksumSums(columns: 1, siteCount: 0)

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let unit = row.text(0)
        if index[unit] != nil { throw RowIssue(0, .duplicateID) }
        index[unit] = Int32(units.count)
        units.append(unit)
        sums.add(bucket: 0, column: 0, Checksum.fnv1a(unit))
    }
}

/// `sites`: hospital_id, organization_id, name.
struct SitesDecoder: RowDecoder {
    var sites: [Site] = []
    var ids = ByteKeyTable()
    var sums = ChecksumSums(columns: 3, siteCount: 0)

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let key = try row.required(0)
        _ = try row.required(1)
        if ids.find(key) != nil { throw RowIssue(0, .duplicateID) }
        let site = Site(hospitalID: row.text(0), organizationID: row.text(1), name: row.text(2))
        ids.insert(key)
        sites.append(site)
        sums.add(bucket: 0, column: 0, Checksum.fnv1a(site.hospitalID))
        sums.add(bucket: 0, column: 1, Checksum.fnv1a(site.organizationID))
        sums.add(bucket: 0, column: 2, Checksum.fnv1a(site.name))
    }
}

/// `persons`: person_id, hospital_id, birth_date, sex.
struct PersonsDecoder: RowDecoder {
    let siteIDs: ByteKeyTable
    var table = PersonTable()
    var directory = PersonDirectory()
    var sums: ChecksumSums

    init(siteIDs: ByteKeyTable) {
        self.siteIDs = siteIDs
        sums = ChecksumSums(columns: 4, siteCount: siteIDs.count)
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let key = try row.required(0)
        let hospital = try row.required(1)
        guard let site = siteIDs.find(hospital) else { throw RowIssue(1, .unknownHospital) }
        row.site = Int32(site)
        if directory.ids.find(key) != nil { throw RowIssue(0, .duplicateID) }
        let birth = try row.day(2)
        let sex = try EnumFields.sex(row, 3)
        let id = row.text(0)
        let h = Checksum.fnv1a(id)
        directory.add(key, birth: birth, site: Int32(site))
        table.sourceID.append(id)
        table.site.append(Int32(site))
        table.birthDate.append(birth)
        table.sex.append(sex)
        sums.add(bucket: site, column: 0, h)
        sums.add(bucket: site, column: 1, Checksum.linked(h, Checksum.fnv1a(row.text(1))))
        sums.add(bucket: site, column: 2, Checksum.linked(h, Checksum.day(birth)))
        sums.add(bucket: site, column: 3, Checksum.linked(h, Checksum.byte(sex.rawValue)))
    }
}

/// `observation_periods`: person_id, start_date, end_date.
struct ObservationDecoder: RowDecoder {
    let persons: PersonDirectory
    var table = ObservationPeriodTable()
    var sums: ChecksumSums

    init(persons: PersonDirectory, siteCount: Int) {
        self.persons = persons
        sums = ChecksumSums(columns: 3, siteCount: siteCount)
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let span = try decodePersonSpan(&row, persons: persons, sums: &sums)
        table.person.append(span.person)
        table.start.append(span.start)
        table.end.append(span.end)
    }
}

/// `diagnoses`: person_id, icd10_code, date, suspected, setting.
struct DiagnosisDecoder: RowDecoder {
    let persons: PersonDirectory
    var codes = CodeCache()
    /// `code` holds ``CodeCache`` entry numbers until the session maps them to concept ids.
    var table = DiagnosisTable()
    var sums: ChecksumSums

    init(persons: PersonDirectory, siteCount: Int) {
        self.persons = persons
        sums = ChecksumSums(columns: 5, siteCount: siteCount)
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let person = try persons.resolve(&row, column: 0)
        let p = person.index, h = person.hash
        let (code, codeHash) = try codes.entry(row, column: 1, system: .icd10)
        let date = try row.day(2)
        if date < person.birth { throw RowIssue(2, .dateBeforeBirth) }
        let suspected = try EnumFields.flag(row, 3)
        let setting = try EnumFields.setting(row, 4)
        codes.use(code)
        table.person.append(Int32(p))
        table.code.append(Int32(code))
        table.date.append(date)
        table.suspected.append(suspected)
        table.setting.append(setting)
        let s = Int(person.site)
        sums.add(bucket: s, column: 0, h)
        sums.add(bucket: s, column: 1, Checksum.linked(h, codeHash))
        sums.add(bucket: s, column: 2, Checksum.linked(h, Checksum.day(date)))
        sums.add(bucket: s, column: 3, Checksum.linked(h, Checksum.byte(suspected ? 1 : 0)))
        sums.add(bucket: s, column: 4, Checksum.linked(h, Checksum.byte(setting.rawValue)))
    }
}

/// `lab_results`: person_id, jlac10_code, date, value, unit, reference_low, reference_high, abnormal_flag.
/// Values and reference limits are converted to the analyte's harmonized unit.
struct LabDecoder: RowDecoder {
    let persons: PersonDirectory
    let conversions: UnitConversionTable
    var codes = CodeCache()
    var units: [String]
    var unitIndex: [String: Int32]
    /// `code` holds ``CodeCache`` entry numbers until the session maps them to concept ids.
    var table = LabResultTable()
    var sums: ChecksumSums
    /// Harmonization by (code entry, recorded unit).
    private var harmonized: [HarmonizationKey: UnitConversionTable.Harmonization] = [:]

    private struct HarmonizationKey: Hashable {
        let entry: Int
        let unit: String
    }

    init(persons: PersonDirectory, siteCount: Int, conversions: UnitConversionTable, units: [String], unitIndex: [String: Int32]) {
        self.persons = persons
        self.conversions = conversions
        self.units = units
        self.unitIndex = unitIndex
        sums = ChecksumSums(columns: 8, siteCount: siteCount)
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let person = try persons.resolve(&row, column: 0)
        let p = person.index, ph = person.hash
        let (code, codeHash) = try codes.entry(row, column: 1, system: .jlac10)
        let date = try row.day(2)
        if date < person.birth { throw RowIssue(2, .dateBeforeBirth) }
        let raw = try row.double(3)
        let recordedUnit = row.text(4)
        let key = HarmonizationKey(entry: code, unit: recordedUnit)
        let conv: UnitConversionTable.Harmonization
        if let cached = harmonized[key] {
            conv = cached
        } else {
            let codeText = codes.entries[code].code
            guard let found = conversions.harmonization(code: codeText, unit: recordedUnit) else {
                throw RowIssue(4, .unknownUnit, detail: conversions.explainUnknownUnit(code: codeText, unit: recordedUnit))
            }
            harmonized[key] = found
            conv = found
        }
        let value = conv.apply(raw)
        guard value.isFinite else { throw RowIssue(3, .outOfRange) }
        let low = try row.optionalDouble(5).map(conv.apply) ?? .nan
        let high = try row.optionalDouble(6).map(conv.apply) ?? .nan
        if low.isInfinite { throw RowIssue(5, .outOfRange) }
        if high.isInfinite { throw RowIssue(6, .outOfRange) }
        if low > high { throw RowIssue(5, .invalidReferenceRange) }
        let flag = try EnumFields.abnormal(row, 7)
        codes.use(code)
        let unitID: Int32
        if let u = unitIndex[conv.unit] {
            unitID = u
        } else {
            unitID = Int32(units.count)
            units.append(conv.unit)
            unitIndex[conv.unit] = unitID
        }
        table.person.append(Int32(p))
        table.code.append(Int32(code))
        table.date.append(date)
        table.value.append(value)
        table.unit.append(unitID)
        table.referenceLow.append(low)
        table.referenceHigh.append(high)
        table.abnormal.append(flag)
        let s = Int(person.site)
        sums.add(bucket: s, column: 0, ph)
        sums.add(bucket: s, column: 1, Checksum.linked(ph, codeHash))
        sums.add(bucket: s, column: 2, Checksum.linked(ph, Checksum.day(date)))
        sums.add(bucket: s, column: 3, Checksum.linked(ph, Checksum.double(value)))
        sums.add(bucket: s, column: 4, Checksum.linked(ph, Checksum.fnv1a(conv.unit)))
        sums.add(bucket: s, column: 5, Checksum.linked(ph, Checksum.double(low)))
        sums.add(bucket: s, column: 6, Checksum.linked(ph, Checksum.double(high)))
        sums.add(bucket: s, column: 7, Checksum.linked(ph, Checksum.byte(flag.rawValue)))
    }
}

/// `admissions`: person_id, admission_date, discharge_date.
struct AdmissionDecoder: RowDecoder {
    let persons: PersonDirectory
    var table = AdmissionTable()
    var sums: ChecksumSums

    init(persons: PersonDirectory, siteCount: Int) {
        self.persons = persons
        sums = ChecksumSums(columns: 3, siteCount: siteCount)
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let span = try decodePersonSpan(&row, persons: persons, sums: &sums)
        table.person.append(span.person)
        table.admission.append(span.start)
        table.discharge.append(span.end)
    }
}

/// The rows shared by `observation_periods` and `admissions`: person_id, a start date not before birth, an end date
/// not before the start; adds the three columns' checksums.
private func decodePersonSpan(
    _ row: inout SourceRow, persons: PersonDirectory, sums: inout ChecksumSums
) throws(RowIssue) -> (person: Int32, start: Day, end: Day) {
    let person = try persons.resolve(&row, column: 0)
    let h = person.hash
    let start = try row.day(1)
    if start < person.birth { throw RowIssue(1, .dateBeforeBirth) }
    let end = try row.day(2)
    if end < start { throw RowIssue(2, .endBeforeStart) }
    let s = Int(person.site)
    sums.add(bucket: s, column: 0, h)
    sums.add(bucket: s, column: 1, Checksum.linked(h, Checksum.day(start)))
    sums.add(bucket: s, column: 2, Checksum.linked(h, Checksum.day(end)))
    return (Int32(person.index), start, end)
}
