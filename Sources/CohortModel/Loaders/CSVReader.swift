import Foundation

/// A CSV file read into memory: its header and typed access to its columns.
///
/// The reader follows RFC 4180 (comma-separated fields; fields may be enclosed in double quotes, and
/// must be when they contain a comma, a quote or a line break; a quote inside a quoted field is doubled)
/// and accepts what R's `write.csv` and spreadsheets produce:
///
/// - lines end in LF, CRLF or a lone CR; the last line may lack its line break;
/// - a UTF-8 byte-order mark before the header is skipped;
/// - blank lines (no bytes at all between two line breaks) are skipped, as R's `read.csv` does;
/// - the first non-blank line is the header; every later row must have as many fields.
///
/// Reading scans the bytes once and records where each field starts and ends; nothing is converted
/// until a column is asked for, and numeric columns are parsed straight from the bytes without
/// creating a `String` per field. Field text must be valid UTF-8 (checked while scanning).
///
/// Missing values: where a caller allows them (`allowMissing: true`), an empty field and the text `NA`
/// (quoted or not, as R writes and reads missing values) are missing.
///
/// ```swift
/// let table = try CSVTable.read(contentsOf: url)
/// let age = try table.doubles("age")                       // [Double]; NA is an error
/// let dose = try table.doubles("dose", allowMissing: true) // [Double?]
/// let race = try table.strings("race")                      // [String]
/// ```
public struct CSVTable: Sendable {
    /// The name used in error messages: the file's last path component.
    public let source: String
    /// Column names, in file order.
    public let header: [String]
    /// Number of data rows (the header and blank lines not counted).
    public let rowCount: Int

    /// Number of columns.
    public var columnCount: Int { header.count }

    /// The file's bytes, followed by one NUL byte (so `strtod` always stops inside the buffer).
    let bytes: [UInt8]
    /// Start and end (exclusive) of each field's text, row-major: field `(r, c)` is at `r * columnCount + c`.
    /// For a quoted field the range excludes the enclosing quotes.
    let starts: [Int]
    let ends: [Int]
    /// Bit set over fields (row-major): quoted fields that contain doubled quotes, to be unescaped on access.
    let escaped: [UInt64]
    /// The 1-based line on which each row starts.
    let lines: [Int]
    /// Position of each column by name.
    let columnIndex: [String: Int]

    // MARK: - Reading

    /// Reads and indexes a CSV file.
    ///
    /// Only a regular file (or a symbolic link to one) is read: a directory, FIFO, device or socket is
    /// ``CSVError/Reason/notARegularFile(path:kind:)``, found before the file is opened.
    ///
    /// - Throws: ``CSVError`` naming the file and, for a malformed row or field, its line and column:
    ///   ``CSVError/Reason/unreadableFile(_:)``, ``CSVError/Reason/notARegularFile(path:kind:)``,
    ///   ``CSVError/Reason/emptyFile``,
    ///   ``CSVError/Reason/invalidUTF8``, ``CSVError/Reason/unterminatedQuote``,
    ///   ``CSVError/Reason/misplacedQuote``, ``CSVError/Reason/wrongColumnCount(expected:found:)``,
    ///   ``CSVError/Reason/truncatedRow(expected:found:)``, ``CSVError/Reason/duplicateColumnName``.
    public static func read(contentsOf url: URL) throws(CSVError) -> CSVTable {
        let name = url.lastPathComponent
        let bytes: [UInt8]
        do throws(RegularFile.Failure) {
            bytes = try RegularFile.read(url.path)
        } catch {
            switch error {
            case .notRegular(let kind): throw CSVError(file: name, reason: .notARegularFile(path: url.path, kind: kind))
            case .system(let message): throw CSVError(file: name, reason: .unreadableFile(message))
            }
        }
        return try CSVTable(parsing: bytes, source: name)
    }

    /// Indexes CSV text held in memory.
    ///
    /// - Parameters:
    ///   - data: the CSV text, UTF-8.
    ///   - source: the name to use in error messages.
    /// - Throws: as ``read(contentsOf:)``.
    public init(parsing data: Data, source: String) throws(CSVError) {
        let count = data.count
        let buffer = [UInt8](unsafeUninitializedCapacity: count + 1) { buf, initialized in
            let copied = data.copyBytes(to: buf)
            buf[copied] = 0
            initialized = copied + 1
        }
        try self.init(terminated: buffer, source: source)
    }

    /// Indexes CSV text held in memory.
    ///
    /// - Parameters:
    ///   - bytes: the CSV text, UTF-8.
    ///   - source: the name to use in error messages.
    /// - Throws: as ``read(contentsOf:)``.
    public init(parsing bytes: [UInt8], source: String) throws(CSVError) {
        var buffer = bytes
        buffer.append(0)
        try self.init(terminated: buffer, source: source)
    }

    /// Indexes `buffer`, whose last byte is an added NUL (not part of the text).
    private init(terminated buffer: [UInt8], source: String) throws(CSVError) {
        let scan = try Scanner.scan(buffer, count: buffer.count - 1, source: source)
        self.source = source
        self.bytes = buffer
        self.header = scan.header
        self.rowCount = scan.lines.count
        self.starts = scan.starts
        self.ends = scan.ends
        self.escaped = scan.escaped
        self.lines = scan.lines
        var index: [String: Int] = [:]
        for (k, name) in scan.header.enumerated() {
            if index[name] != nil {
                throw CSVError(
                    file: source, line: scan.headerLine, column: k + 1, columnName: name, value: name,
                    reason: .duplicateColumnName)
            }
            index[name] = k
        }
        self.columnIndex = index
    }

    // MARK: - Columns

    /// The 0-based position of the column named `name`, or `nil` if the header has no such column.
    public func columnPosition(_ name: String) -> Int? { columnIndex[name] }

    /// The 0-based position of the column named `name`.
    ///
    /// - Throws: ``CSVError/Reason/missingColumn(available:)``.
    public func requireColumn(_ name: String) throws(CSVError) -> Int {
        guard let k = columnIndex[name] else {
            throw CSVError(file: source, columnName: name, reason: .missingColumn(available: header))
        }
        return k
    }

    /// Checks that every named column is present (for example, before a loader starts converting).
    ///
    /// - Throws: ``CSVError/Reason/missingColumn(available:)`` for the first absent name.
    public func requireColumns(_ names: [String]) throws(CSVError) {
        for name in names { _ = try requireColumn(name) }
    }

    /// The 1-based line on which data row `row` (0-based) starts.
    public func line(ofRow row: Int) -> Int? { lines.indices.contains(row) ? lines[row] : nil }

    /// The text of every field of a column, quotes removed and doubled quotes undoubled. Nothing is
    /// treated as missing: an empty field is `""` and `NA` is `"NA"`.
    ///
    /// - Throws: ``CSVError/Reason/missingColumn(available:)``.
    public func strings(_ column: String) throws(CSVError) -> [String] {
        let c = try requireColumn(column)
        return (0..<rowCount).map { text(at: $0 * columnCount + c) }
    }

    /// The text of every field of a column, with empty and `NA` fields as `nil` when `allowMissing`.
    ///
    /// - Throws: ``CSVError/Reason/missingColumn(available:)``; ``CSVError/Reason/missingValue`` for an
    ///   empty or `NA` field unless `allowMissing`.
    public func strings(_ column: String, allowMissing: Bool) throws(CSVError) -> [String?] {
        let c = try requireColumn(column)
        var out: [String?] = []
        out.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            let f = r * columnCount + c
            if isMissing(f) {
                guard allowMissing else { throw fieldError(row: r, column: c, reason: .missingValue) }
                out.append(nil)
            } else {
                out.append(text(at: f))
            }
        }
        return out
    }

    /// A numeric column. Numbers are parsed by C `strtod` (decimal or exponent notation, `Inf`, `NaN`),
    /// with spaces around the number ignored; a field of only spaces counts as missing.
    ///
    /// - Throws: ``CSVError/Reason/missingColumn(available:)``, ``CSVError/Reason/missingValue`` for an
    ///   empty or `NA` field, ``CSVError/Reason/unparseableNumber(expected:)``.
    public func doubles(_ column: String) throws(CSVError) -> [Double] {
        let c = try requireColumn(column)
        var out = [Double](repeating: 0, count: rowCount)
        for r in 0..<rowCount {
            let f = r * columnCount + c
            guard let v = try double(field: f, row: r, column: c) else {
                throw fieldError(row: r, column: c, reason: .missingValue)
            }
            out[r] = v
        }
        return out
    }

    /// A numeric column with missing values (empty or `NA`) as `nil` when `allowMissing`.
    ///
    /// - Throws: as ``doubles(_:)``; ``CSVError/Reason/missingValue`` only when `allowMissing` is false.
    public func doubles(_ column: String, allowMissing: Bool) throws(CSVError) -> [Double?] {
        let c = try requireColumn(column)
        var out = [Double?](repeating: nil, count: rowCount)
        for r in 0..<rowCount {
            let v = try double(field: r * columnCount + c, row: r, column: c)
            if v == nil && !allowMissing { throw fieldError(row: r, column: c, reason: .missingValue) }
            out[r] = v
        }
        return out
    }

    /// An integer column: optional sign and decimal digits, with spaces around ignored.
    ///
    /// - Throws: ``CSVError/Reason/missingColumn(available:)``, ``CSVError/Reason/missingValue`` for an
    ///   empty or `NA` field, ``CSVError/Reason/unparseableNumber(expected:)`` for anything else
    ///   (including `2.5`, `1e3` and values outside `Int`).
    public func ints(_ column: String) throws(CSVError) -> [Int] {
        let c = try requireColumn(column)
        var out = [Int](repeating: 0, count: rowCount)
        for r in 0..<rowCount {
            guard let v = try int(field: r * columnCount + c, row: r, column: c) else {
                throw fieldError(row: r, column: c, reason: .missingValue)
            }
            out[r] = v
        }
        return out
    }

    /// An integer column with missing values (empty or `NA`) as `nil` when `allowMissing`.
    ///
    /// - Throws: as ``ints(_:)``; ``CSVError/Reason/missingValue`` only when `allowMissing` is false.
    public func ints(_ column: String, allowMissing: Bool) throws(CSVError) -> [Int?] {
        let c = try requireColumn(column)
        var out = [Int?](repeating: nil, count: rowCount)
        for r in 0..<rowCount {
            let v = try int(field: r * columnCount + c, row: r, column: c)
            if v == nil && !allowMissing { throw fieldError(row: r, column: c, reason: .missingValue) }
            out[r] = v
        }
        return out
    }

    // MARK: - Single fields

    // For loaders that reject single rows rather than whole columns: one field, by 0-based row and
    // column position (see `columnPosition(_:)`). Positions must be in range, as with an array subscript.

    /// The text of one field, quotes removed; nothing is treated as missing.
    public func string(row: Int, column: Int) -> String { text(at: row * columnCount + column) }

    /// Whether one field is missing (empty or `NA`).
    public func isMissing(row: Int, column: Int) -> Bool { isMissing(row * columnCount + column) }

    /// One field as a number, `nil` when missing.
    ///
    /// - Throws: ``CSVError/Reason/unparseableNumber(expected:)`` naming the field.
    public func double(row: Int, column: Int) throws(CSVError) -> Double? {
        try double(field: row * columnCount + column, row: row, column: column)
    }

    /// One field as an integer, `nil` when missing.
    ///
    /// - Throws: ``CSVError/Reason/unparseableNumber(expected:)`` naming the field.
    public func int(row: Int, column: Int) throws(CSVError) -> Int? {
        try int(field: row * columnCount + column, row: row, column: column)
    }

    // MARK: - Field access

    /// Whether field `f` is empty or `NA`.
    func isMissing(_ f: Int) -> Bool {
        let s = starts[f], e = ends[f]
        return s == e || (e - s == 2 && bytes[s] == 0x4E && bytes[s + 1] == 0x41)
    }

    /// Whether field `f` holds doubled quotes.
    func isEscaped(_ f: Int) -> Bool {
        let word = f >> 6
        return word < escaped.count && escaped[word] & (1 << UInt64(f & 63)) != 0
    }

    /// The text of field `f` (valid UTF-8, checked when scanning).
    func text(at f: Int) -> String {
        let s = starts[f], e = ends[f]
        if isEscaped(f) {
            var out: [UInt8] = []
            out.reserveCapacity(e - s)
            var i = s
            while i < e {
                out.append(bytes[i])
                i += bytes[i] == 0x22 ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<e]), as: UTF8.self) }
    }

    /// The field's bytes for an error message, decoded leniently and shortened.
    func displayValue(_ f: Int) -> String {
        bytes.withUnsafeBufferPointer { Self.display($0, starts[f], ends[f]) }
    }

    /// Bytes `s..<e` decoded leniently (invalid UTF-8 becomes U+FFFD) and cut to 80 characters.
    static func display(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
        let limit = 80
        let lo = max(0, min(s, bytes.count)), hi = max(lo, min(e, lo + limit * 4, bytes.count))
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        return text.count > limit || hi < e ? String(text.prefix(limit)) + "…" : text
    }

    func fieldError(row: Int, column: Int, reason: CSVError.Reason) -> CSVError {
        CSVError(
            file: source, line: lines[row], column: column + 1, columnName: header[column],
            value: displayValue(row * columnCount + column), reason: reason)
    }

    /// Field `f` as a double; `nil` when missing (empty, blank or `NA`).
    func double(field f: Int, row: Int, column: Int) throws(CSVError) -> Double? {
        if isMissing(f) { return nil }
        var s = starts[f], e = ends[f]
        while s < e && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
        while e > s && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
        if s == e { return nil }
        // Text that strtod would read past the field end cannot occur: every byte after a field is a
        // delimiter, a quote, a line break or the final NUL, none of which continues a number.
        let (value, consumed): (Double, Int) = bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return (0, 0) }
            let start = UnsafeRawPointer(base + s).assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(start, &end)
            guard let end else { return (v, 0) }
            return (v, UnsafeRawPointer(end) - UnsafeRawPointer(start))
        }
        guard consumed == e - s, consumed > 0 else {
            throw fieldError(row: row, column: column, reason: .unparseableNumber(expected: "a number"))
        }
        return value
    }

    /// Field `f` as an integer; `nil` when missing (empty, blank or `NA`).
    func int(field f: Int, row: Int, column: Int) throws(CSVError) -> Int? {
        if isMissing(f) { return nil }
        var s = starts[f], e = ends[f]
        while s < e && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
        while e > s && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
        if s == e { return nil }
        var negative = false
        if bytes[s] == 0x2D || bytes[s] == 0x2B {
            negative = bytes[s] == 0x2D
            s += 1
        }
        guard s < e else { throw fieldError(row: row, column: column, reason: .unparseableNumber(expected: "an integer")) }
        var value = 0
        for i in s..<e {
            let d = Int(bytes[i]) - 0x30
            guard d >= 0, d <= 9 else {
                throw fieldError(row: row, column: column, reason: .unparseableNumber(expected: "an integer"))
            }
            // Accumulate negatively so Int.min parses.
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.subtractingReportingOverflow(d)
            guard !o1, !o2 else {
                throw fieldError(row: row, column: column, reason: .unparseableNumber(expected: "an integer in range"))
            }
            value = a
        }
        if negative { return value }
        let (v, o) = (0).subtractingReportingOverflow(value)
        guard !o else { throw fieldError(row: row, column: column, reason: .unparseableNumber(expected: "an integer in range")) }
        return v
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return "\(ns.localizedDescription) (\(underlying.localizedDescription))"
        }
        return ns.localizedDescription
    }
}

// MARK: - Scanner

/// One pass over the bytes: finds the header and the start and end of every field.
private struct Scanner {
    var header: [String] = []
    var headerLine = 1
    var starts: [Int] = []
    var ends: [Int] = []
    var escaped: [UInt64] = []
    var lines: [Int] = []

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    /// - Parameters:
    ///   - buffer: the bytes with one extra NUL at the end.
    ///   - count: number of bytes of text (without the NUL).
    static func scan(_ buffer: [UInt8], count n: Int, source: String) throws(CSVError) -> Scanner {
        var result = Scanner()
        var failure: CSVError?
        buffer.withUnsafeBufferPointer { b in
            do throws(CSVError) {
                try result.run(b, n, source)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Byte classes for the unquoted-field loop: 0 ordinary ASCII, 1 delimiter or line break, 2 quote,
    /// 3 non-ASCII (UTF-8 to check).
    private static let byteClass: [UInt8] = (0..<256).map { b in
        switch UInt8(b) {
        case comma, lf, cr: return 1
        case quote: return 2
        case 0x80...: return 3
        default: return 0
        }
    }

    private mutating func run(_ b: UnsafeBufferPointer<UInt8>, _ n: Int, _ source: String) throws(CSVError) {
        var i = 0
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        var line = 1
        var columns = -1  // unknown until the header is read
        // Fields are appended to `starts` and `ends` as they are found; the header's are removed again.
        let classes = Self.byteClass
        try classes.withUnsafeBufferPointer { cls throws(CSVError) in
            while i < n {
                // Blank line: skip.
                if b[i] == Self.lf {
                    line += 1
                    i += 1
                    continue
                }
                if b[i] == Self.cr {
                    i += (i + 1 < n && b[i + 1] == Self.lf) ? 2 : 1
                    line += 1
                    continue
                }
                let recordLine = line
                let recordBase = starts.count
                let recordByte = i

                // Fields of one record.
                while true {
                    let fieldLine = line
                    let k = starts.count - recordBase
                    let start: Int, end: Int
                    var hasEscape = false
                    var highBit = false
                    if i < n && b[i] == Self.quote {
                        i += 1
                        start = i
                        while true {
                            guard i < n else {
                                throw CSVError(
                                    file: source, line: fieldLine, column: k + 1, columnName: columnName(k),
                                    value: CSVTable.display(b, start, min(n, start + 40)), reason: .unterminatedQuote)
                            }
                            let c = b[i]
                            if c == Self.quote {
                                if i + 1 < n && b[i + 1] == Self.quote {
                                    hasEscape = true
                                    i += 2
                                    continue
                                }
                                break
                            }
                            if c == Self.lf {
                                line += 1
                            } else if c == Self.cr && !(i + 1 < n && b[i + 1] == Self.lf) {
                                line += 1
                            } else if c >= 0x80 {
                                highBit = true
                            }
                            i += 1
                        }
                        end = i
                        i += 1  // closing quote
                        if i < n && cls[Int(b[i])] != 1 {
                            var j = i
                            while j < n && cls[Int(b[j])] != 1 { j += 1 }
                            throw CSVError(
                                file: source, line: line, column: k + 1, columnName: columnName(k),
                                value: CSVTable.display(b, start - 1, j), reason: .misplacedQuote)
                        }
                    } else {
                        start = i
                        while i < n {
                            let c = cls[Int(b[i])]
                            if c == 0 {
                                i += 1
                                continue
                            }
                            if c == 1 { break }
                            if c == 2 {
                                var j = i
                                while j < n && cls[Int(b[j])] != 1 { j += 1 }
                                throw CSVError(
                                    file: source, line: line, column: k + 1, columnName: columnName(k),
                                    value: CSVTable.display(b, start, j), reason: .misplacedQuote)
                            }
                            highBit = true
                            i += 1
                        }
                        end = i
                    }
                    if highBit && String(validating: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) == nil {
                        throw CSVError(
                            file: source, line: fieldLine, column: k + 1, columnName: columnName(k),
                            value: CSVTable.display(b, start, end), reason: .invalidUTF8)
                    }
                    if hasEscape {
                        let f = starts.count
                        while escaped.count <= f >> 6 { escaped.append(0) }
                        escaped[f >> 6] |= 1 << UInt64(f & 63)
                    }
                    starts.append(start)
                    ends.append(end)
                    if i < n && b[i] == Self.comma {
                        i += 1
                        continue
                    }
                    break
                }

                // End of the record: consume its line break, if any.
                let terminated = i < n
                if terminated {
                    i += (b[i] == Self.cr && i + 1 < n && b[i + 1] == Self.lf) ? 2 : 1
                    line += 1
                }

                let found = starts.count - recordBase
                if columns < 0 {
                    columns = found
                    headerLine = recordLine
                    header = (0..<columns).map { k in fieldText(b, starts[k], ends[k], escaped: isEscaped(k)) }
                    starts.removeAll(keepingCapacity: true)
                    ends.removeAll(keepingCapacity: true)
                    escaped.removeAll(keepingCapacity: true)
                    continue
                }
                if found != columns {
                    if found < columns {
                        let reason: CSVError.Reason =
                            terminated
                            ? .wrongColumnCount(expected: columns, found: found)
                            : .truncatedRow(expected: columns, found: found)
                        throw CSVError(
                            file: source, line: recordLine, column: found + 1, columnName: columnName(found),
                            value: CSVTable.display(b, starts[recordBase], ends[recordBase + found - 1]), reason: reason)
                    }
                    throw CSVError(
                        file: source, line: recordLine, column: columns + 1, columnName: nil,
                        value: CSVTable.display(b, starts[recordBase + columns], ends[recordBase + found - 1]),
                        reason: .wrongColumnCount(expected: columns, found: found))
                }
                lines.append(recordLine)
                if lines.count == 1 {
                    // Room for the rest, estimated from the first row's length (every field takes at
                    // least one byte, so this never exceeds the file's size).
                    let rowBytes = max(i - recordByte, 1)
                    let estimate = min((n - i) / rowBytes * columns * 5 / 4, n) + columns
                    starts.reserveCapacity(estimate)
                    ends.reserveCapacity(estimate)
                }
            }
        }
        if columns < 0 { throw CSVError(file: source, reason: .emptyFile) }
        // Drop trailing all-zero words so the bit set stays no longer than needed.
        while escaped.last == 0 { escaped.removeLast() }
    }

    private func isEscaped(_ f: Int) -> Bool {
        let word = f >> 6
        return word < escaped.count && escaped[word] & (1 << UInt64(f & 63)) != 0
    }

    private func columnName(_ k: Int) -> String? { k < header.count ? header[k] : nil }

    private func fieldText(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        var i = s
        while i < e {
            out.append(b[i])
            i += escaped && b[i] == Self.quote ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
