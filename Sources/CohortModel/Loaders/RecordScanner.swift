/// What is structurally wrong with one CSV record (row), found while scanning it.
enum RecordProblem: Sendable, Equatable {
    case none
    /// The file ends inside the record: inside a quoted field, or before the last field (no final line break).
    case truncated
    /// The record's field count differs from the header's.
    case wrongColumnCount
    /// A double quote inside an unquoted field, or text after a closing quote.
    case misplacedQuote
    /// A field's bytes are not valid UTF-8.
    case invalidUTF8
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
/// commas, doubled quotes and line breaks; line numbers count physical lines.
struct RecordScanner {
    let b: UnsafePointer<UInt8>
    private(set) var i: Int
    let end: Int
    /// The physical line at `i`.
    private(set) var line: Int
    let slots: FieldSlots
    /// Fields the caller expects (the header's count); `nil` while reading the header.
    var expected: Int?

    // The record just read.
    private(set) var recordLine = 0
    private(set) var recordStart = 0
    private(set) var recordEnd = 0
    /// Fields in the record (only the first `slots.capacity` are stored).
    private(set) var fieldCount = 0
    private(set) var problem = RecordProblem.none
    /// The 0-based field the problem is in (for a wrong column count: the first missing or extra field).
    private(set) var problemField = 0
    /// Byte range of the offending field, for messages.
    private(set) var problemRange = (0, 0)

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    init(bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, firstLine: Int, slots: FieldSlots, expected: Int?) {
        b = bytes
        i = start
        self.end = end
        line = firstLine
        self.slots = slots
        self.expected = expected
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
            } else if c == Self.cr {
                i += (i + 1 < end && b[i + 1] == Self.lf) ? 2 : 1
                line += 1
            } else {
                break
            }
        }
        guard i < end else { return false }
        recordLine = line
        recordStart = i
        fieldCount = 0
        problem = .none
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
                i += 1
                s = i
                var closed = false
                while i < end {
                    let c = b[i]
                    if c == Self.quote {
                        if i + 1 < end && b[i + 1] == Self.quote {
                            esc = true
                            i += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == Self.lf {
                        line += 1
                    } else if c == Self.cr && !(i + 1 < end && b[i + 1] == Self.lf) {
                        line += 1
                    } else if c >= 0x80 {
                        high = true
                    }
                    i += 1
                }
                e = i
                if !closed {
                    if !truncated {
                        truncated = true
                        problemField = k
                        problemRange = (s - 1, e)
                    }
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
        let terminated = i < end
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
        return true
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
