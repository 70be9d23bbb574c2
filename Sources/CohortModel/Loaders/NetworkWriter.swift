import Foundation

/// Writes a network in the layout the loaders read (`docs/data-model.md`), so that the files load back to an
/// equal ``Network``: a directory of CSV files or one SQLite file.
///
/// Besides the seven tables the writer stores `concepts` (the vocabulary in concept-id order) and `units`
/// (the lab units in id order), so ids survive the round trip even for concepts no row uses. Lab values are
/// written as stored, in their harmonized units, so loading them applies factor 1. Drug exposures are written
/// with `days_supply` (no `end_date`).
///
/// ```swift
/// try NetworkWriter.writeCSV(network, to: dir)
/// let back = try NetworkLoader.loadCSV(directory: dir).network   // back == network
/// ```
///
/// A round trip is exact for networks whose dates fall in years 0–9999, whose ids and codes are not `NA` or
/// empty, whose codes pass their format checks, and whose lab units are already harmonized (every loaded
/// network qualifies).
public enum NetworkWriter {
    /// Writes `<table>.csv` for every table into `directory` (created if needed), replacing existing files.
    ///
    /// - Throws: ``CohortModelError/writeFailed(file:message:)``.
    /// - Complexity: O(rows); about 50 bytes a drug-exposure row.
    public static func writeCSV(_ network: Network, to directory: URL) throws(CohortModelError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(file: directory.path, message: (error as NSError).localizedDescription)
        }
        let n = network
        let personID = n.persons.sourceID.map(CSVSink.field)
        let conceptCode = n.vocabulary.concepts.map { CSVSink.field($0.code) }
        let conceptSystem = n.vocabulary.concepts.map { Array($0.system.rawValue.utf8) }

        try write(directory, TableLayout.concepts) { out in
            for c in n.vocabulary.concepts {
                out.text(c.system.rawValue)
                out.comma()
                out.text(c.code)
                out.newline()
            }
        }
        try write(directory, TableLayout.units) { out in
            for u in n.units {
                // A lone empty field would be a blank line (skipped), so quote it.
                if u.isEmpty { out.raw(Array("\"\"".utf8)) } else { out.text(u) }
                out.newline()
            }
        }
        try write(directory, TableLayout.sites) { out in
            for s in n.sites {
                out.text(s.hospitalID)
                out.comma()
                out.text(s.organizationID)
                out.comma()
                out.text(s.name)
                out.newline()
            }
        }
        let hospital = n.sites.map { CSVSink.field($0.hospitalID) }
        try write(directory, TableLayout.persons) { out in
            let t = n.persons
            for p in 0..<t.count {
                out.raw(personID[p])
                out.comma()
                out.raw(hospital[Int(t.site[p])])
                out.comma()
                out.day(t.birthDate[p])
                out.comma()
                out.raw(sexText(t.sex[p]))
                out.newline()
            }
        }
        try write(directory, TableLayout.observationPeriods) { out in
            let t = n.observationPeriods.table
            for i in 0..<t.count {
                out.raw(personID[Int(t.person[i])])
                out.comma()
                out.day(t.start[i])
                out.comma()
                out.day(t.end[i])
                out.newline()
            }
        }
        try write(directory, header: ["person_id", "drug_code", "code_system", "start_date", "days_supply", "quantity", "route", "setting"],
                  file: TableLayout.drugExposures.fileName) { out in
            let t = n.drugs.table
            for i in 0..<t.count {
                let c = Int(t.drug[i])
                out.raw(personID[Int(t.person[i])])
                out.comma()
                out.raw(conceptCode[c])
                out.comma()
                out.raw(conceptSystem[c])
                out.comma()
                out.day(t.start[i])
                out.comma()
                out.int(Int(t.daysSupply[i]))
                out.comma()
                out.float(t.quantity[i])
                out.comma()
                out.raw(routeText(t.route[i]))
                out.comma()
                out.raw(settingText(t.setting[i]))
                out.newline()
            }
        }
        try write(directory, TableLayout.diagnoses) { out in
            let t = n.diagnoses.table
            for i in 0..<t.count {
                out.raw(personID[Int(t.person[i])])
                out.comma()
                out.raw(conceptCode[Int(t.code[i])])
                out.comma()
                out.day(t.date[i])
                out.comma()
                out.int(t.suspected[i] ? 1 : 0)
                out.comma()
                out.raw(settingText(t.setting[i]))
                out.newline()
            }
        }
        let unitText = n.units.map(CSVSink.field)
        try write(directory, TableLayout.labResults) { out in
            let t = n.labs.table
            for i in 0..<t.count {
                out.raw(personID[Int(t.person[i])])
                out.comma()
                out.raw(conceptCode[Int(t.code[i])])
                out.comma()
                out.day(t.date[i])
                out.comma()
                out.double(t.value[i])
                out.comma()
                out.raw(unitText[Int(t.unit[i])])
                out.comma()
                out.double(t.referenceLow[i])
                out.comma()
                out.double(t.referenceHigh[i])
                out.comma()
                out.raw(abnormalText(t.abnormal[i]))
                out.newline()
            }
        }
        try write(directory, TableLayout.admissions) { out in
            let t = n.admissions.table
            for i in 0..<t.count {
                out.raw(personID[Int(t.person[i])])
                out.comma()
                out.day(t.admission[i])
                out.comma()
                out.day(t.discharge[i])
                out.newline()
            }
        }
    }

    private static func write(_ directory: URL, _ layout: TableLayout, _ body: (CSVSink) -> Void) throws(CohortModelError) {
        try write(directory, header: layout.columns.map(\.name), file: layout.fileName, body)
    }

    private static func write(_ directory: URL, header: [String], file: String, _ body: (CSVSink) -> Void) throws(CohortModelError) {
        let url = directory.appendingPathComponent(file)
        let out = try CSVSink(path: url.path, name: file)
        out.raw(Array(header.joined(separator: ",").utf8))
        out.newline()
        body(out)
        try out.close()
    }

    static func sexText(_ s: Sex) -> [UInt8] {
        switch s {
        case .female: return [0x46]
        case .male: return [0x4D]
        case .unknown: return [0x55]
        }
    }

    static func routeText(_ r: Route) -> [UInt8] { Array(routeName(r).utf8) }

    static func routeName(_ r: Route) -> String {
        switch r {
        case .oral: return "oral"
        case .injection: return "injection"
        case .external: return "external"
        case .other: return "other"
        }
    }

    static func settingText(_ s: CareSetting) -> [UInt8] { Array(settingName(s).utf8) }

    static func settingName(_ s: CareSetting) -> String {
        switch s {
        case .outpatient: return "outpatient"
        case .inpatient: return "inpatient"
        case .unknown: return "unknown"
        }
    }

    static func abnormalText(_ f: AbnormalFlag) -> [UInt8] { Array(abnormalName(f).utf8) }

    static func abnormalName(_ f: AbnormalFlag) -> String {
        switch f {
        case .normal: return "N"
        case .low: return "L"
        case .high: return "H"
        case .unknown: return ""
        }
    }
}

/// A buffered CSV file writer that formats numbers and dates straight into bytes.
final class CSVSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let name: String
    private var failure: String?

    init(path: String, name: String) throws(CohortModelError) {
        self.name = name
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .writeFailed(file: name, message: String(cString: strerror(errno))) }
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    deinit { if fd >= 0 { posixClose(fd) } }

    /// A text field as CSV bytes: quoted (quotes doubled) when it holds a comma, quote or line break.
    static func field(_ text: String) -> [UInt8] {
        let b = Array(text.utf8)
        guard b.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return b }
        var out: [UInt8] = [0x22]
        for c in b {
            out.append(c)
            if c == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return out
    }

    @inline(__always) func raw(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    func text(_ s: String) { raw(Self.field(s)) }

    @inline(__always) func comma() { buffer.append(0x2C) }

    @inline(__always) func newline() {
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    func int(_ v: Int) {
        if v < 0 { buffer.append(0x2D) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var k = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[k] = UInt8(48 + m % 10)
                m /= 10
                k += 1
            } while m > 0
            while k > 0 {
                k -= 1
                buffer.append(d[k])
            }
        }
    }

    /// `YYYY-MM-DD`.
    func day(_ d: Day) {
        let c = d.civil
        guard (0...9999).contains(c.year) else {
            buffer.append(contentsOf: d.description.utf8)
            return
        }
        let y = c.year
        buffer.append(UInt8(48 + y / 1000))
        buffer.append(UInt8(48 + y / 100 % 10))
        buffer.append(UInt8(48 + y / 10 % 10))
        buffer.append(UInt8(48 + y % 10))
        buffer.append(0x2D)
        buffer.append(UInt8(48 + c.month / 10))
        buffer.append(UInt8(48 + c.month % 10))
        buffer.append(0x2D)
        buffer.append(UInt8(48 + c.day / 10))
        buffer.append(UInt8(48 + c.day % 10))
    }

    /// Shortest text that reads back to the same value; empty for NaN.
    func double(_ v: Double) {
        if v.isNaN { return }
        if v == v.rounded() && abs(v) < 1e15 {
            if v == 0 && v.sign == .minus { buffer.append(contentsOf: "-0".utf8) } else { int(Int(v)) }
            return
        }
        buffer.append(contentsOf: v.description.utf8)
    }

    /// Shortest text that reads back (through `Double`) to the same `Float`; empty for NaN.
    func float(_ v: Float) {
        if v.isNaN { return }
        if v == v.rounded() && abs(v) < 1e7 {
            if v == 0 && v.sign == .minus { buffer.append(contentsOf: "-0".utf8) } else { int(Int(v)) }
            return
        }
        buffer.append(contentsOf: v.description.utf8)
    }

    func flush() {
        guard failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let w = posixWrite(fd, base + done, raw.count - done)
                if w < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                done += w
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(CohortModelError) {
        flush()
        if let failure { throw .writeFailed(file: name, message: failure) }
    }
}

// File-scope wrappers, so `CSVSink`'s own `close()` does not hide the C functions.
private func posixClose(_ fd: Int32) { _ = close(fd) }
private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
