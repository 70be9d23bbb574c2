/// One source row as byte ranges, with typed accessors that throw a ``RowIssue`` naming the column.
///
/// Columns are addressed by their position in the ``TableLayout``; `position[c]` is the field slot holding
/// layout column `c`, or −1 when the file lacks that (optional) column, which then reads as missing.
struct SourceRow {
    let b: UnsafePointer<UInt8>
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let escaped: UnsafeMutablePointer<Bool>
    let position: UnsafePointer<Int>
    /// The site of the row's person, once known (set by the decoder, also for rows it then rejects).
    var site: Int32? = nil

    @inline(__always)
    func has(_ c: Int) -> Bool { position[c] >= 0 }

    /// Byte range of column `c` (empty when the column is absent).
    @inline(__always)
    func range(_ c: Int) -> (Int, Int) {
        let p = position[c]
        return p < 0 ? (0, 0) : (starts[p], ends[p])
    }

    @inline(__always)
    func isMissing(_ c: Int) -> Bool {
        let (s, e) = range(c)
        return FieldParsing.isMissing(b, s, e)
    }

    /// The raw bytes of column `c` (a quoted field's doubled quotes stay doubled, so equal text has equal bytes).
    @inline(__always)
    func bytes(_ c: Int) -> UnsafeBufferPointer<UInt8> {
        let (s, e) = range(c)
        return UnsafeBufferPointer(start: b + s, count: e - s)
    }

    /// Whether column `c` is a quoted field with doubled quotes (its bytes differ from its text).
    @inline(__always)
    func isEscaped(_ c: Int) -> Bool {
        let p = position[c]
        return p >= 0 && escaped[p]
    }

    /// The text of column `c`, quotes undoubled.
    func text(_ c: Int) -> String {
        let p = position[c]
        guard p >= 0 else { return "" }
        return RecordScanner.text(b, starts[p], ends[p], escaped: escaped[p])
    }

    /// The bytes of a required field; `missing value` when empty or `NA`.
    @inline(__always)
    func required(_ c: Int) throws(RowIssue) -> UnsafeBufferPointer<UInt8> {
        if isMissing(c) { throw RowIssue(c, .missingValue) }
        return bytes(c)
    }

    @inline(__always)
    func day(_ c: Int) throws(RowIssue) -> Day {
        let (s, e) = range(c)
        if FieldParsing.isMissing(b, s, e) { throw RowIssue(c, .missingValue) }
        guard let d = FieldParsing.day(b, s, e) else { throw RowIssue(c, .unparseableDate) }
        return d
    }

    @inline(__always)
    func optionalDay(_ c: Int) throws(RowIssue) -> Day? {
        let (s, e) = range(c)
        if FieldParsing.isMissing(b, s, e) { return nil }
        guard let d = FieldParsing.day(b, s, e) else { throw RowIssue(c, .unparseableDate) }
        return d
    }

    @inline(__always)
    func optionalInt(_ c: Int) throws(RowIssue) -> Int? {
        let (s, e) = range(c)
        if FieldParsing.isMissing(b, s, e) { return nil }
        guard let v = FieldParsing.int(b, s, e) else { throw RowIssue(c, .unparseableNumber) }
        return v
    }

    @inline(__always)
    func double(_ c: Int) throws(RowIssue) -> Double {
        guard let v = try optionalDouble(c) else { throw RowIssue(c, .missingValue) }
        return v
    }

    @inline(__always)
    func optionalDouble(_ c: Int) throws(RowIssue) -> Double? {
        let (s, e) = range(c)
        if FieldParsing.isMissing(b, s, e) { return nil }
        guard let v = FieldParsing.double(b, s, e) else { throw RowIssue(c, .unparseableNumber) }
        return v
    }

    /// Whether column `c` is exactly `word`.
    @inline(__always)
    func equals(_ c: Int, _ word: StaticString) -> Bool {
        let (s, e) = range(c)
        return FieldParsing.equals(b, s, e, word)
    }
}

/// Why a row is rejected: the layout column at fault (−1 for none) and the reason.
struct RowIssue: Error {
    let column: Int
    let reason: RejectionReason
    var detail: String?

    init(_ column: Int, _ reason: RejectionReason, detail: String? = nil) {
        self.column = column
        self.reason = reason
        self.detail = detail
    }
}

/// Turns valid rows of one table into model rows.
protocol RowDecoder {
    /// Decodes one row and stores it when valid (nothing is stored when it throws). Sets `row.site` as soon as
    /// the row's person (or hospital) is known.
    mutating func decode(_ row: inout SourceRow) throws(RowIssue)
}

/// What happened to one table's source rows: per site bucket (`0..<siteCount` and `siteCount` for an unknown
/// site) rows read and rows stored, and the rejections in file order.
struct TableTally: Sendable {
    var source: [Int]
    var stored: [Int]
    var rejections: [LoadReport.Rejection] = []
    /// What became of the file's physical lines (CSV only).
    var lineAccount: LoadReport.LineAccount? = nil

    init(siteCount: Int) {
        source = [Int](repeating: 0, count: siteCount + 1)
        stored = source
    }

    var sourceRows: Int { source.reduce(0, +) }
    var storedRows: Int { stored.reduce(0, +) }

    mutating func merge(_ other: TableTally) {
        for k in source.indices {
            source[k] += other.source[k]
            stored[k] += other.stored[k]
        }
        rejections += other.rejections
    }
}

/// Where a table's rows come from, for rejection messages.
struct TableContext {
    let layout: TableLayout
    /// The name put in ``LoadReport/Rejection/file``.
    let file: String
    let strict: Bool
    let siteCount: Int

    func rejection(line: Int, column: String?, value: String?, reason: RejectionReason, site: Int32?, detail: String?)
        -> LoadReport.Rejection
    {
        var r = LoadReport.Rejection(
            table: layout.name, file: file, line: line, column: column, value: value, reason: reason.rawValue, site: site)
        r.detail = detail
        return r
    }

    /// Runs `decoder` over a row and counts the outcome; returns `false` when the row was rejected.
    @inline(__always)
    func process<D: RowDecoder>(_ decoder: inout D, _ row: inout SourceRow, line: Int, tally: inout TableTally) -> Bool {
        do {
            try decoder.decode(&row)
            let bucket = row.site.map(Int.init) ?? siteCount
            tally.source[bucket] += 1
            tally.stored[bucket] += 1
            return true
        } catch {
            let bucket = row.site.map(Int.init) ?? siteCount
            tally.source[bucket] += 1
            let c = error.column
            let name = c >= 0 ? layout.columns[c].name : nil
            var value: String? = nil
            if c >= 0 && row.has(c) {
                let (s, e) = row.range(c)
                value = FieldParsing.display(row.b, s, e)
            }
            tally.rejections.append(
                rejection(line: line, column: name, value: value, reason: error.reason, site: row.site, detail: error.detail))
            return false
        }
    }
}

/// What became of the physical lines of a CSV file (or of one chunk of it), as its rows are read.
struct LineTally: Sendable {
    var blankLines = 0
    var storedRows = 0
    var storedLines = 0
    var rejectedRows = 0
    var multiLineRows = 0
    var firstMultiLineRow: Int?
    /// Continuation lines of rejected rows: (first, last, the rejected row's line).
    var unaccounted: [(first: Int, last: Int, row: Int)] = []
    /// Lines read after resynchronising: (first, last, the line of the unterminated quote).
    var resynchronised: [(first: Int, last: Int, row: Int)] = []

    /// A row stored: it accounts for every line it spans.
    @inline(__always)
    mutating func stored(_ s: RecordScanner) {
        storedRows += 1
        let span = s.recordLastLine - s.recordLine + 1
        storedLines += span
        if span > 1 {
            multiLineRows += 1
            if firstMultiLineRow == nil { firstMultiLineRow = s.recordLine }
        }
    }

    /// A row rejected: it accounts for its first line; lines after it that its quoted fields spanned are not
    /// accounted for, and lines a broken quote covered are marked as read after resynchronising.
    mutating func rejected(_ s: RecordScanner) {
        rejectedRows += 1
        if s.recordLastLine > s.recordLine { unaccounted.append((s.recordLine + 1, s.recordLastLine, s.recordLine)) }
        if let broken = s.broken, broken.lastLine > s.recordLine {
            resynchronised.append((s.recordLine + 1, broken.lastLine, s.recordLine))
        }
    }

    mutating func shift(by offset: Int) {
        firstMultiLineRow = firstMultiLineRow.map { $0 + offset }
        unaccounted = unaccounted.map { ($0.first + offset, $0.last + offset, $0.row + offset) }
        resynchronised = resynchronised.map { ($0.first + offset, $0.last + offset, $0.row + offset) }
    }

    mutating func merge(_ o: LineTally) {
        blankLines += o.blankLines
        storedRows += o.storedRows
        storedLines += o.storedLines
        rejectedRows += o.rejectedRows
        multiLineRows += o.multiLineRows
        if firstMultiLineRow == nil { firstMultiLineRow = o.firstMultiLineRow }
        unaccounted += o.unaccounted
        resynchronised += o.resynchronised
    }

    /// The account of a whole file.
    func account(table: String, file: String, lines: Int, headerLines: Int) -> LoadReport.LineAccount {
        LoadReport.LineAccount(
            table: table, file: file, lines: lines, headerLines: headerLines, blankLines: blankLines, storedRows: storedRows,
            storedLines: storedLines, rejectedRows: rejectedRows, multiLineRows: multiLineRows, firstMultiLineRow: firstMultiLineRow,
            unaccounted: unaccounted.map {
                LoadReport.LineRange(
                    table: table, file: file, first: $0.first, last: $0.last,
                    note: "inside a quoted field of the row at line \($0.row), which was rejected: these lines may hold rows")
            },
            resynchronised: resynchronised.map {
                LoadReport.LineRange(
                    table: table, file: file, first: $0.first, last: $0.last,
                    note: "read as rows after the unterminated quote on line \($0.row), which was rejected alone")
            })
    }
}
