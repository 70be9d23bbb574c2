/// What is structurally wrong with one CSV record (row), found while scanning it.
enum RecordProblem: Sendable, Equatable {
    case none
    /// The file ends inside the record's last line: inside a quoted field that holds no line break, or before the
    /// last field (no final line break).
    case truncated
    /// A quoted field that does not close where a field may end: it is still open at the end of the file, runs past
    /// ``QuotedFieldLimits``, or closes on a later line of a row that is then malformed. The record is cut back to its
    /// first physical line, which is rejected, and reading resumes at the next line (see ``RecordScanner/broken``).
    case unterminatedQuote
    /// The record's field count differs from the header's.
    case wrongColumnCount
    /// A double quote inside an unquoted field, or text after a closing quote.
    case misplacedQuote
    /// A field's bytes are not valid UTF-8.
    case invalidUTF8
}

/// How far a quoted field may run across lines before the reader stops trusting it: at most `maxLines` line
/// breaks, and at most `maxBytes` bytes after its first line break. A field that runs further is reported as an
/// unterminated quote and the reader resynchronises at the line after the one where the field opened, so one stray
/// quote cannot swallow the rest of a file.
public struct QuotedFieldLimits: Sendable, Equatable {
    /// Line breaks a quoted field may hold (default 100).
    public var maxLines: Int
    /// Bytes a quoted field may hold after its first line break (default 1 MiB). A quoted field without a line
    /// break is not limited.
    public var maxBytes: Int

    /// Limits; both are at least 1.
    public init(maxLines: Int = 100, maxBytes: Int = 1 << 20) {
        self.maxLines = max(1, maxLines)
        self.maxBytes = max(1, maxBytes)
    }

    /// 100 lines, 1 MiB.
    public static let standard = QuotedFieldLimits()
}

/// Per-thread scratch space for the fields of one record: start and end offsets and an "has doubled quotes"
/// flag per column, plus the byte-class table the scanner's inner loop uses.
final class FieldSlots {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let escaped: UnsafeMutablePointer<Bool>
    /// `byteClass[c] != 0` for the bytes that end or complicate an unquoted field: `,` LF CR `"` and bytes ≥ 0x80.
    let byteClass: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        starts = .allocate(capacity: self.capacity)
        ends = .allocate(capacity: self.capacity)
        escaped = .allocate(capacity: self.capacity)
        starts.initialize(repeating: 0, count: self.capacity)
        ends.initialize(repeating: 0, count: self.capacity)
        escaped.initialize(repeating: false, count: self.capacity)
        byteClass = .allocate(capacity: 256)
        byteClass.initialize(repeating: 0, count: 256)
        for c in [0x2C, 0x0A, 0x0D, 0x22] { byteClass[c] = 1 }
        for c in 0x80..<0x100 { byteClass[c] = 2 }
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
        byteClass.deallocate()
    }
}

/// Reads CSV records (RFC 4180, as ``CSVTable`` does) from a byte range one at a time, without stopping at a
/// malformed one: each record comes back with its fields' offsets and, when it is malformed, a
/// ``RecordProblem`` — so a lenient loader can reject that row and go on.
///
/// Rules match ``CSVTable``: lines end in LF, CRLF or a lone CR; blank lines are skipped; quoted fields may hold
/// commas, doubled quotes and line breaks; line numbers count physical lines (every LF, CRLF and lone CR, also
/// inside quoted fields), and the scanner counts the blank lines it skips, so a caller can account for every line.
///
/// **A malformed record never covers more than one line.** When a record whose quoted field crossed a line break
/// turns out malformed (the quote never closes, runs past ``QuotedFieldLimits``, or closes on a later line of a row
/// that then has a misplaced quote, bad UTF-8 or the wrong number of fields), the scanner cuts the record back to
/// its first physical line, reports it as ``RecordProblem/unterminatedQuote`` with the span the quote covered
/// (``broken``), and resumes at the next line. One stray quote therefore costs one rejected line, not the rest of
/// the file.
struct RecordScanner {
    let b: UnsafePointer<UInt8>
    private(set) var i: Int
    let end: Int
    /// The physical line at `i`.
    private(set) var line: Int
    let slots: FieldSlots
    /// Fields the caller expects (the header's count); `nil` while reading the header.
    var expected: Int?
    let limits: QuotedFieldLimits

    // The record just read.
    private(set) var recordLine = 0
    /// The physical line on which the record ends (`recordLine` unless a quoted field holds line breaks).
    private(set) var recordLastLine = 0
    private(set) var recordStart = 0
    private(set) var recordEnd = 0
    /// Fields in the record (only the first `slots.capacity` are stored).
    private(set) var fieldCount = 0
    private(set) var problem = RecordProblem.none
    /// The 0-based field the problem is in (for a wrong column count: the first missing or extra field).
    private(set) var problemField = 0
    /// Byte range of the offending field, for messages.
    private(set) var problemRange = (0, 0)
    /// For ``RecordProblem/unterminatedQuote``: how the quoted field that opened on `recordLine` ran before the
    /// scanner gave up on it (`lastLine` is the last line it covered), and why it was not accepted.
    private(set) var broken: BrokenQuote?
    /// Blank lines skipped so far.
    private(set) var blankLines = 0
    /// The record's first line break inside a quoted field (where its second line starts, the byte where its first
    /// line ends, the field and the quote that crossed it), and why a quoted field was given up on.
    private var crossing = Crossing()

    private struct Crossing {
        var secondLine = -1
        var firstLineEnd = -1
        var field = 0
        var quote = 0
        var openCause: BrokenQuote.Cause? = nil
    }

    /// A quoted field the scanner did not accept across lines.
    struct BrokenQuote: Sendable, Equatable {
        enum Cause: Sendable, Equatable {
            /// Still open at the end of the range (the file).
            case endOfFile
            /// More line breaks than ``QuotedFieldLimits/maxLines``.
            case lineLimit(Int)
            /// More bytes after its first line break than ``QuotedFieldLimits/maxBytes``.
            case byteLimit(Int)
            /// It closed on a later line, but the row it belongs to is malformed (the problem found there).
            case malformedRow(RecordProblem)
        }
        var lastLine: Int
        var cause: Cause
    }

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    init(
        bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, firstLine: Int, slots: FieldSlots, expected: Int?,
        limits: QuotedFieldLimits = .standard
    ) {
        b = bytes
        i = start
        self.end = end
        line = firstLine
        self.slots = slots
        self.expected = expected
        self.limits = limits
    }

    /// The byte offset where the next record (or blank line) starts.
    var position: Int { i }

    /// Reads the next record; `false` at the end of the range.
    mutating func next() -> Bool {
        let b = self.b, end = self.end
        // Blank lines.
        while i < end {
            let c = b[i]
            if c == Self.lf {
                i += 1
                line += 1
                blankLines += 1
            } else if c == Self.cr {
                i += (i + 1 < end && b[i + 1] == Self.lf) ? 2 : 1
                line += 1
                blankLines += 1
            } else {
                break
            }
        }
        guard i < end else { return false }
        recordLine = line
        recordStart = i
        fieldCount = 0
        problem = .none
        if broken != nil { broken = nil }
        if crossing.secondLine >= 0 || crossing.openCause != nil { crossing = Crossing() }
        var truncated = false
        var quoteProblem = false
        var utfProblem = false
        let cap = slots.capacity
        let cls = slots.byteClass

        while true {
            let k = fieldCount
            var s = i, e = i
            var esc = false
            var high = false
            if i < end && b[i] == Self.quote {
                let q = scanQuoted(field: k)
                s = q.start
                esc = q.escaped
                high = q.high
                let closed = q.closed
                e = i
                if !closed {
                    if crossing.openCause == nil { crossing.openCause = i < end ? .byteLimit(limits.maxBytes) : .endOfFile }
                    if !truncated {
                        truncated = true
                        problemField = k
                        problemRange = (s - 1, e)
                    }
                    // A field given up on ends the record: the caller resynchronises (or the file ended).
                    if k < cap {
                        slots.starts[k] = s
                        slots.ends[k] = e
                        slots.escaped[k] = esc
                    }
                    fieldCount += 1
                    break
                } else {
                    i += 1  // the closing quote
                    if i < end && b[i] != Self.comma && b[i] != Self.lf && b[i] != Self.cr {
                        var j = i
                        while j < end && b[j] != Self.comma && b[j] != Self.lf && b[j] != Self.cr { j += 1 }
                        if !quoteProblem && !truncated {
                            quoteProblem = true
                            problemField = k
                            problemRange = (s - 1, j)
                        }
                        i = j
                    }
                }
            } else {
                while i < end {
                    let c = b[i]
                    let k2 = cls[Int(c)]
                    if k2 == 0 {
                        i += 1
                        continue
                    }
                    if k2 == 2 {
                        high = true
                        i += 1
                        continue
                    }
                    if c == Self.quote {
                        if !quoteProblem && !truncated {
                            quoteProblem = true
                            problemField = k
                            var j = i
                            while j < end && b[j] != Self.comma && b[j] != Self.lf && b[j] != Self.cr { j += 1 }
                            problemRange = (s, j)
                        }
                        i += 1
                        continue
                    }
                    break
                }
                e = i
            }
            if high && !utfProblem && !quoteProblem && !truncated {
                if String(validating: UnsafeBufferPointer(start: b + s, count: e - s), as: UTF8.self) == nil {
                    utfProblem = true
                    problemField = k
                    problemRange = (s, e)
                }
            }
            if k < cap {
                slots.starts[k] = s
                slots.ends[k] = e
                slots.escaped[k] = esc
            }
            fieldCount += 1
            if i < end && b[i] == Self.comma {
                i += 1
                continue
            }
            break
        }
        recordEnd = i
        // The last line the record covered: its first, unless a quoted field crossed a line break; then the current
        // one, or the one before when the scan gave up just after a line break.
        recordLastLine =
            crossing.secondLine < 0 ? recordLine : (b[i - 1] == Self.lf || b[i - 1] == Self.cr) ? line - 1 : line
        // Unless a quoted field was given up on, the fields stop at a line break or the end.
        let terminated = i < end && !truncated
        if terminated {
            i += (b[i] == Self.cr && i + 1 < end && b[i + 1] == Self.lf) ? 2 : 1
            line += 1
        }
        if truncated {
            problem = .truncated
        } else if let expected, fieldCount != expected {
            if fieldCount < expected && !terminated {
                problem = .truncated
            } else {
                problem = .wrongColumnCount
            }
            problemField = min(fieldCount, expected)
            problemRange = (recordStart, recordEnd)
        } else if quoteProblem {
            problem = .misplacedQuote
        } else if utfProblem {
            problem = .invalidUTF8
        }
        // A malformed record that crossed a line break: keep only its first line and read on from the second.
        if problem != .none && crossing.secondLine >= 0 {
            broken = BrokenQuote(lastLine: recordLastLine, cause: crossing.openCause ?? .malformedRow(problem))
            problem = .unterminatedQuote
            problemField = crossing.field
            problemRange = (crossing.quote, crossing.firstLineEnd)
            recordEnd = crossing.firstLineEnd
            recordLastLine = recordLine
            i = crossing.secondLine
            line = recordLine + 1
        }
        return true
    }

    /// Scans a quoted field whose opening quote is at `i`, leaving `i` at its closing quote (`closed`), or where the
    /// scan gave up: at the end of the range, or past ``QuotedFieldLimits`` (then `crossing.openCause` says which).
    /// Records the record's first line break in `crossing`. Kept out of line, so the loop over unquoted fields
    /// (the fast path) carries none of this.
    @inline(never)
    private mutating func scanQuoted(field k: Int) -> (start: Int, escaped: Bool, high: Bool, closed: Bool) {
        let b = self.b, end = self.end
        i += 1
        let s = i
        var esc = false, high = false
        var breaks = 0
        // Until the field's first line break the scan may run to the end; after it, `maxBytes` at most.
        var stop = end
        while i < stop {
            let c = b[i]
            if c == Self.quote {
                if i + 1 < end && b[i + 1] == Self.quote {
                    esc = true
                    i += 2
                    continue
                }
                return (s, esc, high, true)
            }
            if c == Self.lf || (c == Self.cr && !(i + 1 < end && b[i + 1] == Self.lf)) {
                line += 1
                breaks += 1
                if crossing.secondLine < 0 {
                    crossing.secondLine = i + 1
                    crossing.firstLineEnd = c == Self.lf && i > s && b[i - 1] == Self.cr ? i - 1 : i
                    crossing.field = k
                    crossing.quote = s - 1
                }
                if breaks == 1 { stop = min(end, i + 1 + limits.maxBytes) }
                if breaks > limits.maxLines {
                    crossing.openCause = .lineLimit(limits.maxLines)
                    i += 1
                    return (s, esc, high, false)
                }
            } else if c >= 0x80 {
                high = true
            }
            i += 1
        }
        return (s, esc, high, false)
    }

    /// The text of stored field `k`, quotes undoubled, as a `String` (invalid UTF-8 replaced).
    func text(_ k: Int) -> String {
        Self.text(b, slots.starts[k], slots.ends[k], escaped: slots.escaped[k])
    }

    static func text(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) -> String {
        guard escaped else { return String(decoding: UnsafeBufferPointer(start: b + s, count: e - s), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        var i = s
        while i < e {
            out.append(b[i])
            i += b[i] == quote ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
