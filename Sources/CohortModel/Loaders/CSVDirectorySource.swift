import Dispatch
import Foundation

/// Reads each table from `<directory>/<table>.csv`.
///
/// A file is read into memory once and scanned record by record (``RecordScanner``); a malformed record
/// becomes a rejection, not an error. When asked for parallelism, a large file without double quotes (so no
/// record can span lines) is cut at line breaks into one chunk per thread, each parsed by its own decoder.
struct CSVDirectorySource: RowSource {
    let directory: URL
    let allowExtraColumns: Bool
    var quotedFieldLimits: QuotedFieldLimits = .standard

    /// Columns a header may have.
    static let maxColumns = 1024

    /// Smallest file worth cutting into chunks.
    static let parallelThreshold = 1 << 20

    func run<D: RowDecoder & Sendable>(
        _ layout: TableLayout, strict: Bool, siteCount: Int, parallelism: Int, make: @escaping @Sendable (Int) -> D
    ) throws(CohortModelError) -> (decoders: [D], tally: TableTally)? {
        let url = directory.appendingPathComponent(layout.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if layout.requiredTable { throw .missingTable(table: layout.name, file: layout.fileName) }
            return nil
        }
        let bytes = try Self.readAll(url, name: layout.fileName)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CohortModelError) -> (decoders: [D], tally: TableTally)? in
            try parse(buffer, layout: layout, strict: strict, siteCount: siteCount, parallelism: parallelism, make: make)
        }
    }

    private func parse<D: RowDecoder & Sendable>(
        _ buffer: UnsafeBufferPointer<UInt8>, layout: TableLayout, strict: Bool, siteCount: Int, parallelism: Int,
        make: @escaping @Sendable (Int) -> D
    ) throws(CohortModelError) -> (decoders: [D], tally: TableTally) {
        let file = layout.fileName
        guard let b = buffer.baseAddress, buffer.count > 0 else { throw .csv(CSVError(file: file, reason: .emptyFile)) }
        let n = buffer.count

        // Header.
        var start = 0
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { start = 3 }
        let headerSlots = FieldSlots(capacity: Self.maxColumns)
        var headerScan = RecordScanner(
            bytes: b, from: start, to: n, firstLine: 1, slots: headerSlots, expected: nil, limits: quotedFieldLimits)
        guard headerScan.next() else { throw .csv(CSVError(file: file, reason: .emptyFile)) }
        let headerLine = headerScan.recordLine
        if headerScan.fieldCount > headerSlots.capacity {
            throw .csv(CSVError(file: file, line: headerLine, reason: .tooManyColumns(found: headerScan.fieldCount, limit: headerSlots.capacity)))
        }
        if headerScan.problem != .none {
            let (s, e) = headerScan.problemRange
            let reason: CSVError.Reason
            switch headerScan.problem {
            case .invalidUTF8: reason = .invalidUTF8
            case .misplacedQuote: reason = .misplacedQuote
            default: reason = .unterminatedQuote
            }
            throw .csv(CSVError(file: file, line: headerLine, column: headerScan.problemField + 1,
                                value: FieldParsing.display(b, s, e), reason: reason))
        }
        let header = (0..<headerScan.fieldCount).map { headerScan.text($0) }
        var seen = Set<String>()
        for (k, name) in header.enumerated() where !seen.insert(name).inserted {
            throw .csv(CSVError(file: file, line: headerLine, column: k + 1, columnName: name, value: name, reason: .duplicateColumnName))
        }
        let positions = try resolveHeader(header, layout: layout, file: file, allowExtraColumns: allowExtraColumns)
        let dataStart = headerScan.position
        let dataLine = headerScan.line
        let headerLines = headerScan.recordLastLine
        let context = TableContext(layout: layout, file: file, strict: strict, siteCount: siteCount)

        // Chunks: cut at line breaks when the data has no quotes (a quoted field may hold a line break).
        var bounds = [dataStart]
        let dataBytes = n - dataStart
        if parallelism > 1 && dataBytes >= Self.parallelThreshold && memchr(b + dataStart, 0x22, dataBytes) == nil {
            for k in 1..<parallelism {
                let target = max(bounds[bounds.count - 1], dataStart + dataBytes * k / parallelism)
                guard target < n, let lf = memchr(b + target, 0x0A, n - target) else { break }
                let cut = UnsafePointer<UInt8>(lf.assumingMemoryBound(to: UInt8.self)) - b + 1
                if cut < n && cut > bounds[bounds.count - 1] { bounds.append(cut) }
            }
        }
        bounds.append(n)
        let chunks = bounds.count - 1
        let job = ChunkJob<D>(
            base: b, bounds: bounds, firstLine: dataLine, header: header, positions: positions, context: context,
            limits: quotedFieldLimits, make: make)
        if chunks == 1 {
            job.run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { k in job.run(k) }
        }
        // Line numbers of later chunks were counted from 0: shift them by the lines before the chunk.
        var decoders: [D] = []
        var tally = TableTally(siteCount: siteCount)
        var lines = LineTally()
        var offset = 0
        for k in 0..<chunks {
            guard let result = job.result(k) else { continue }
            var t = result.tally
            var l = result.lines
            if k > 0 {
                for r in t.rejections.indices { t.rejections[r].line += offset }
                l.shift(by: offset)
            }
            offset = k == 0 ? result.endLine : offset + result.endLine
            tally.merge(t)
            lines.merge(l)
            decoders.append(result.decoder)
        }
        // `offset` is now the line after the last byte: the last line itself when the file does not end in a break.
        let physical = b[n - 1] == 0x0A || b[n - 1] == 0x0D ? offset - 1 : offset
        tally.lineAccount = lines.account(table: layout.name, file: file, lines: max(physical, headerLines), headerLines: headerLines)
        return (decoders, tally)
    }

    /// Reads a whole file, which must be a regular file (or a symbolic link to one).
    ///
    /// - Throws: ``CohortModelError/notARegularFile(path:kind:)`` for a directory, FIFO, device or socket (before
    ///   opening it, so a FIFO cannot block the load); ``CohortModelError/csv(_:)`` with
    ///   ``CSVError/Reason/unreadableFile(_:)`` when the system cannot read it.
    static func readAll(_ url: URL, name: String) throws(CohortModelError) -> [UInt8] {
        do throws(RegularFile.Failure) {
            return try RegularFile.read(url.path)
        } catch {
            switch error {
            case .notRegular(let kind): throw .notARegularFile(path: url.path, kind: kind)
            case .system(let message): throw .csv(CSVError(file: name, reason: .unreadableFile(message)))
            }
        }
    }
}

/// The chunks of one table and their results, shared by the threads that parse them (each writes only its
/// own result slot).
private final class ChunkJob<D: RowDecoder & Sendable>: @unchecked Sendable {
    struct Result {
        var decoder: D
        var tally: TableTally
        /// What became of the chunk's lines (absolute for chunk 0, else counted from 0).
        var lines: LineTally
        /// The scanner's line after the chunk (absolute for chunk 0, else counted from 0).
        var endLine: Int
    }

    let base: UnsafePointer<UInt8>
    let bounds: [Int]
    let firstLine: Int
    let header: [String]
    let positions: [Int]
    let context: TableContext
    let limits: QuotedFieldLimits
    let make: @Sendable (Int) -> D
    /// One slot per chunk, each written by the one thread that parses that chunk.
    private let resultSlots: UnsafeMutablePointer<Result?>
    let chunkCount: Int

    init(base: UnsafePointer<UInt8>, bounds: [Int], firstLine: Int, header: [String], positions: [Int],
         context: TableContext, limits: QuotedFieldLimits, make: @escaping @Sendable (Int) -> D) {
        self.base = base
        self.bounds = bounds
        self.firstLine = firstLine
        self.header = header
        self.positions = positions
        self.context = context
        self.limits = limits
        self.make = make
        chunkCount = bounds.count - 1
        resultSlots = .allocate(capacity: max(1, chunkCount))
        resultSlots.initialize(repeating: nil, count: max(1, chunkCount))
    }

    deinit {
        resultSlots.deinitialize(count: max(1, chunkCount))
        resultSlots.deallocate()
    }

    /// The result of chunk `k` (after ``run(_:)`` returned for it).
    func result(_ k: Int) -> Result? { resultSlots[k] }

    func run(_ k: Int) {
        let lo = bounds[k], hi = bounds[k + 1]
        let b = base
        var decoder = make(Self.estimateRows(b, lo, hi))
        var tally = TableTally(siteCount: context.siteCount)
        let slots = FieldSlots(capacity: header.count)
        var scanner = RecordScanner(
            bytes: b, from: lo, to: hi, firstLine: k == 0 ? firstLine : 0, slots: slots, expected: header.count, limits: limits)
        var lines = LineTally()
        let strict = context.strict
        positions.withUnsafeBufferPointer { pos in
            guard let position = pos.baseAddress else { return }
            while scanner.next() {
                if scanner.problem != .none {
                    tally.source[context.siteCount] += 1
                    tally.rejections.append(structural(scanner, b))
                    lines.rejected(scanner)
                    if strict { break }
                    continue
                }
                var row = SourceRow(b: b, starts: slots.starts, ends: slots.ends, escaped: slots.escaped, position: position)
                let stored = context.process(&decoder, &row, line: scanner.recordLine, tally: &tally)
                if stored {
                    lines.stored(scanner)
                } else {
                    lines.rejected(scanner)
                    if strict { break }
                }
            }
        }
        lines.blankLines = scanner.blankLines
        let result = Result(decoder: decoder, tally: tally, lines: lines, endLine: scanner.line)
        resultSlots[k] = result
    }

    /// The rejection of a structurally malformed record.
    private func structural(_ s: RecordScanner, _ b: UnsafePointer<UInt8>) -> LoadReport.Rejection {
        let reason: RejectionReason
        var detail: String? = nil
        var column: String? = s.problemField < header.count ? header[s.problemField] : nil
        switch s.problem {
        case .truncated:
            reason = .truncatedFile
            detail = "the file ends inside this row (\(s.fieldCount) of \(header.count) fields)"
        case .unterminatedQuote:
            reason = .unterminatedQuote
            detail = Self.explain(s)
        case .wrongColumnCount:
            reason = .wrongColumnCount
            detail = "the row has \(s.fieldCount) field\(s.fieldCount == 1 ? "" : "s"), the header \(header.count)"
            column = nil
        case .misplacedQuote:
            reason = .misplacedQuote
            detail = "a field containing quotes must be quoted, with each quote doubled"
        default:
            reason = .invalidUTF8
        }
        let (lo, hi) = s.problemRange
        return context.rejection(
            line: s.recordLine, column: column, value: FieldParsing.display(b, lo, hi), reason: reason, site: nil,
            detail: detail)
    }

    /// Why a quoted field was given up on, and what the reader did instead.
    static func explain(_ s: RecordScanner) -> String {
        let next = s.recordLine + 1
        guard let broken = s.broken else { return "the quoted field is not closed on its line" }
        let cause: String
        switch broken.cause {
        case .endOfFile: cause = "is not closed before the end of the file (line \(broken.lastLine))"
        case .lineLimit(let n): cause = "is not closed within \(n) line break\(n == 1 ? "" : "s") (lines \(s.recordLine)–\(broken.lastLine))"
        case .byteLimit(let n): cause = "is not closed within \(n) bytes after its first line break (lines \(s.recordLine)–\(broken.lastLine))"
        case .malformedRow(let p):
            let what: String
            switch p {
            case .misplacedQuote: what = "a misplaced quote"
            case .invalidUTF8: what = "invalid UTF-8"
            case .wrongColumnCount: what = "the wrong number of fields"
            case .truncated: what = "the end of the file inside the row"
            default: what = "a malformed row"
            }
            cause = "closes only on line \(broken.lastLine), in a row with \(what)"
        }
        return "the quoted field opened on this line \(cause); the row was read as this line alone and reading resumed at line \(next)"
    }

    /// Rows in `lo..<hi`, estimated from the line length of its first 64 KiB (with 10% to spare).
    static func estimateRows(_ b: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        let sample = min(hi - lo, 1 << 16)
        guard sample > 0 else { return 0 }
        var lines = 0
        for i in lo..<(lo + sample) where b[i] == 0x0A { lines += 1 }
        guard lines > 0 else { return 0 }
        return Int(Double(hi - lo) * Double(lines) / Double(sample) * 1.1)
    }
}
