/// The loaded persons, for resolving the person ids of event rows: a byte-keyed id lookup whose payload holds
/// each person's birth date and site, so resolving a row's person touches one table record. Read-only once the
/// persons table is loaded, so threads share it.
struct PersonDirectory: Sendable {
    var ids = ByteKeyTable(capacity: 1024)

    /// A resolved person: index, birth date, site, and the checksum hash of the id computed from the row's own
    /// bytes (so the reconciliation does not depend on the lookup).
    struct Resolved {
        let index: Int
        let birth: Day
        let site: Int32
        let hash: UInt64
    }

    static func payload(birth: Day, site: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: birth.rawValue)) | UInt64(UInt32(bitPattern: site)) << 32
    }

    /// Adds a person (the next index).
    mutating func add(_ key: UnsafeBufferPointer<UInt8>, birth: Day, site: Int32) {
        ids.insert(key, payload: Self.payload(birth: birth, site: site))
    }

    /// The person in layout column `c`; sets `row.site`.
    ///
    /// - Throws: `missing value`, `unknown person`.
    @inline(__always)
    func resolve(_ row: inout SourceRow, column c: Int) throws(RowIssue) -> Resolved {
        let key = try row.required(c)
        guard let (p, payload) = ids.lookup(key) else { throw RowIssue(c, .unknownPerson) }
        let site = Int32(bitPattern: UInt32(truncatingIfNeeded: payload >> 32))
        row.site = site
        return Resolved(
            index: p, birth: Day(Int32(bitPattern: UInt32(truncatingIfNeeded: payload))), site: site,
            hash: row.isEscaped(c) ? Checksum.fnv1a(row.text(c)) : Checksum.fnv1a(key))
    }
}

/// Codes met in one table (or one chunk of it), looked up by their bytes: each distinct code is checked
/// against its system's format once, and gets a global concept id only when a stored row uses it.
struct CodeCache: Sendable {
    struct Entry: Sendable {
        let system: CodeSystem
        let code: String
        /// ``CodeSystem/formatProblem(_:)`` of the code, `nil` when valid.
        let problem: String?
        var used = false
    }

    /// One byte-keyed table per code system; a key's payload is its entry number.
    private var tables = [ByteKeyTable](repeating: ByteKeyTable(), count: CodeSystem.allCases.count)
    private(set) var entries: [Entry] = []
    /// Entries in the order stored rows first used them.
    private(set) var useOrder: [Int32] = []

    static func ordinal(_ s: CodeSystem) -> Int {
        switch s {
        case .icd10: return 0
        case .atc: return 1
        case .yj: return 2
        case .hot: return 3
        case .receipt: return 4
        case .jlac10: return 5
        case .omop: return 6
        }
    }

    /// The entry for the code in column `c` of `row` (creating and checking it when new), and the checksum hash
    /// of `SYSTEM:code` computed from the row's own bytes (so the reconciliation does not depend on this cache).
    ///
    /// - Throws: `missing value`; `unknown code` (with the format problem as detail).
    @inline(__always)
    mutating func entry(_ row: SourceRow, column c: Int, system: CodeSystem) throws(RowIssue) -> (entry: Int, hash: UInt64) {
        let key = try row.required(c)
        let t = Self.ordinal(system)
        let e: Int
        if let (_, payload) = tables[t].lookup(key) {
            e = Int(payload)
        } else {
            let code = row.text(c)
            e = entries.count
            tables[t].insert(key, payload: UInt64(e))
            entries.append(Entry(system: system, code: code, problem: system.formatProblem(code)))
        }
        if let problem = entries[e].problem { throw RowIssue(c, .unknownCode, detail: problem) }
        return (e, row.isEscaped(c) ? Checksum.code(row.text(c), system: system) : Checksum.code(key, system: system))
    }

    /// Marks entry `e` as used by a stored row.
    @inline(__always)
    mutating func use(_ e: Int) {
        if !entries[e].used {
            entries[e].used = true
            useOrder.append(Int32(e))
        }
    }

    /// Interns the used codes into `vocabulary` in first-use order; returns the concept id of each entry
    /// (−1 for unused ones).
    func intern(into vocabulary: inout Vocabulary) -> [Int32] {
        var ids = [Int32](repeating: -1, count: entries.count)
        for e in useOrder {
            let entry = entries[Int(e)]
            ids[Int(e)] = vocabulary.intern(entry.code, system: entry.system)
        }
        return ids
    }
}

/// Parses the enumerations of the layout from a field's bytes.
enum EnumFields {
    @inline(__always)
    static func sex(_ row: SourceRow, _ c: Int) throws(RowIssue) -> Sex {
        if row.isMissing(c) { throw RowIssue(c, .missingValue) }
        if row.equals(c, "F") { return .female }
        if row.equals(c, "M") { return .male }
        if row.equals(c, "U") { return .unknown }
        throw RowIssue(c, .invalidValue, detail: "sex is F, M or U")
    }

    /// `outpatient`, `inpatient`, `unknown`; empty or an absent column is `unknown`.
    @inline(__always)
    static func setting(_ row: SourceRow, _ c: Int) throws(RowIssue) -> CareSetting {
        if row.isMissing(c) { return .unknown }
        if row.equals(c, "outpatient") { return .outpatient }
        if row.equals(c, "inpatient") { return .inpatient }
        if row.equals(c, "unknown") { return .unknown }
        throw RowIssue(c, .invalidValue, detail: "setting is outpatient, inpatient or unknown")
    }

    @inline(__always)
    static func route(_ row: SourceRow, _ c: Int) throws(RowIssue) -> Route {
        if row.isMissing(c) { throw RowIssue(c, .missingValue) }
        if row.equals(c, "oral") { return .oral }
        if row.equals(c, "injection") { return .injection }
        if row.equals(c, "external") { return .external }
        if row.equals(c, "other") { return .other }
        throw RowIssue(c, .invalidValue, detail: "route is oral, injection, external or other")
    }

    /// `YJ`, `HOT`, `RECEIPT`, `ATC`.
    @inline(__always)
    static func drugSystem(_ row: SourceRow, _ c: Int) throws(RowIssue) -> CodeSystem {
        if row.isMissing(c) { throw RowIssue(c, .missingValue) }
        if row.equals(c, "YJ") { return .yj }
        if row.equals(c, "HOT") { return .hot }
        if row.equals(c, "RECEIPT") { return .receipt }
        if row.equals(c, "ATC") { return .atc }
        throw RowIssue(c, .invalidValue, detail: "drug code_system is YJ, HOT, RECEIPT or ATC")
    }

    /// Any ``CodeSystem`` raw value.
    static func anySystem(_ row: SourceRow, _ c: Int) throws(RowIssue) -> CodeSystem {
        if row.isMissing(c) { throw RowIssue(c, .missingValue) }
        guard let s = CodeSystem(rawValue: row.text(c)) else {
            throw RowIssue(c, .invalidValue, detail: "code_system is one of " + CodeSystem.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return s
    }

    /// `0` or `1`; an absent column is 0.
    @inline(__always)
    static func flag(_ row: SourceRow, _ c: Int) throws(RowIssue) -> Bool {
        guard row.has(c) else { return false }
        if row.isMissing(c) { throw RowIssue(c, .missingValue) }
        if row.equals(c, "0") { return false }
        if row.equals(c, "1") { return true }
        throw RowIssue(c, .invalidValue, detail: "suspected is 0 or 1")
    }

    /// `L`, `H`, `N`; empty or an absent column is unknown.
    @inline(__always)
    static func abnormal(_ row: SourceRow, _ c: Int) throws(RowIssue) -> AbnormalFlag {
        if row.isMissing(c) { return .unknown }
        if row.equals(c, "L") { return .low }
        if row.equals(c, "H") { return .high }
        if row.equals(c, "N") { return .normal }
        throw RowIssue(c, .invalidValue, detail: "abnormal_flag is L, H, N or empty")
    }
}
