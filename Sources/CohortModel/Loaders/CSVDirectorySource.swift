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

    /// Smallest file worth cutting into chunks.
    static let parallelThreshold = 1 << 20

    func run<D: RowDecoder & Sendable>(
        _ layout: TableLayout, strict: Bool, siteCount: Int, parallelism: Int, make: @escaping @Sendable (Int) -> D
    ) throws(CohortModelError) -> (decoders: [D], tally: TableTally)? {
        let url = directory.appendingPathComponent(layout.fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
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
        let headerSlots = FieldSlots(capacity: 1024)
        var headerScan = RecordScanner(bytes: b, from: start, to: n, firstLine: 1, slots: headerSlots, expected: nil)
        guard headerScan.next() else { throw .csv(CSVError(file: file, reason: .emptyFile)) }
        let headerLine = headerScan.recordLine
        if headerScan.fieldCount > headerSlots.capacity {
            throw .csv(CSVError(file: file, line: headerLine, reason: .wrongColumnCount(expected: headerSlots.capacity, found: headerScan.fieldCount)))
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
            base: b, bounds: bounds, firstLine: dataLine, header: header, positions: positions, context: context, make: make)
        if chunks == 1 {
            job.run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { k in job.run(k) }
        }
        // Line numbers of later chunks were counted from 0: shift them by the lines before the chunk.
        var decoders: [D] = []
        var tally = TableTally(siteCount: siteCount)
        var offset = 0
        for k in 0..<chunks {
            guard let result = job.result(k) else { continue }
            var t = result.tally
            if k > 0 {
                for r in t.rejections.indices { t.rejections[r].line += offset }
            }
            offset = k == 0 ? result.endLine : offset + result.endLine
            tally.merge(t)
            decoders.append(result.decoder)
        }
        return (decoders, tally)
    }

    /// Reads a whole file (into uninitialized memory: no zero-filling of a large buffer first).
    static func readAll(_ url: URL, name: String) throws(CohortModelError) -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
            let fd = handle.fileDescriptor
            var failure: String?
            let out = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                count = 0
                guard let base = buffer.baseAddress else { return }
                while count < size {
                    let r = read(fd, base + count, size - count)
                    if r < 0 {
                        if errno == EINTR { continue }
                        failure = String(cString: strerror(errno))
                        return
                    }
                    if r == 0 { return }
                    count += r
                }
            }
            if let failure { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: failure]) }
            return out
        } catch {
            throw .csv(CSVError(file: name, reason: .unreadableFile((error as NSError).localizedDescription)))
        }
    }
}

/// The chunks of one table and their results, shared by the threads that parse them (each writes only its
/// own result slot).
private final class ChunkJob<D: RowDecoder & Sendable>: @unchecked Sendable {
    struct Result {
        var decoder: D
        var tally: TableTally
        /// The scanner's line after the chunk (absolute for chunk 0, else counted from 0).
        var endLine: Int
    }

    let base: UnsafePointer<UInt8>
    let bounds: [Int]
    let firstLine: Int
    let header: [String]
    let positions: [Int]
    let context: TableContext
    let make: @Sendable (Int) -> D
    /// One slot per chunk, each written by the one thread that parses that chunk.
    private let resultSlots: UnsafeMutablePointer<Result?>
    let chunkCount: Int

    init(base: UnsafePointer<UInt8>, bounds: [Int], firstLine: Int, header: [String], positions: [Int],
         context: TableContext, make: @escaping @Sendable (Int) -> D) {
        self.base = base
        self.bounds = bounds
        self.firstLine = firstLine
        self.header = header
        self.positions = positions
        self.context = context
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
        var scanner = RecordScanner(bytes: b, from: lo, to: hi, firstLine: k == 0 ? firstLine : 0, slots: slots, expected: header.count)
        let strict = context.strict
        positions.withUnsafeBufferPointer { pos in
            guard let position = pos.baseAddress else { return }
            while scanner.next() {
                if scanner.problem != .none {
                    tally.source[context.siteCount] += 1
                    tally.rejections.append(structural(scanner, b))
                    if strict { break }
                    continue
                }
                var row = SourceRow(b: b, starts: slots.starts, ends: slots.ends, escaped: slots.escaped, position: position)
                if !context.process(&decoder, &row, line: scanner.recordLine, tally: &tally) && strict { break }
            }
        }
        let result = Result(decoder: decoder, tally: tally, endLine: scanner.line)
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
