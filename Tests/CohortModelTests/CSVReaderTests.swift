import Foundation
import Testing

@testable import CohortModel

/// Parses `text` (as UTF-8) under the name `t.csv`.
private func table(_ text: String) throws(CSVError) -> CSVTable {
    try CSVTable(parsing: Array(text.utf8), source: "t.csv")
}

/// The `CSVError` thrown by `body`, or `nil` when it throws none.
private func csvError<T>(_ body: () throws(CSVError) -> T) -> CSVError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

@Suite("CSV reader: structure")
struct CSVStructureTests {
    @Test func headerRowsAndTypedColumns() throws {
        let t = try table("id,x,n,label\n1,1.5,3,a\n2,-2e-3,-4,b\n3,  7 ,+5,c\n")
        #expect(t.header == ["id", "x", "n", "label"])
        #expect(t.rowCount == 3)
        #expect(t.columnCount == 4)
        #expect(try t.doubles("x") == [1.5, -0.002, 7])
        #expect(try t.ints("n") == [3, -4, 5])
        #expect(try t.strings("label") == ["a", "b", "c"])
        #expect(t.columnPosition("n") == 2)
        #expect(t.columnPosition("nope") == nil)
        #expect(t.line(ofRow: 2) == 4)
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "\"name\",\"note\",\"v\"\n\"a, b\",\"say \"\"hi\"\"\",1\n\"x\",\"two\nlines\",2\n\"\",\"\"\"\",3\nlast,plain,4\n"
        let t = try table(text)
        #expect(t.header == ["name", "note", "v"])
        #expect(try t.strings("name") == ["a, b", "x", "", "last"])
        #expect(try t.strings("note") == ["say \"hi\"", "two\nlines", "\"", "plain"])
        #expect(try t.ints("v") == [1, 2, 3, 4])
        // The row after a quoted line break starts one line later.
        #expect(t.line(ofRow: 0) == 2)
        #expect(t.line(ofRow: 1) == 3)
        #expect(t.line(ofRow: 2) == 5)
        #expect(t.line(ofRow: 3) == 6)
    }

    @Test func quotedNumbersParse() throws {
        let t = try table("\"a\",\"b\"\n\"1.25\",\"7\"\n")
        #expect(try t.doubles("a") == [1.25])
        #expect(try t.ints("b") == [7])
    }

    @Test func crlfLoneCRAndMissingFinalLineBreak() throws {
        let crlf = try table("a,b\r\n1,2\r\n3,4\r\n")
        #expect(crlf.rowCount == 2)
        #expect(try crlf.ints("b") == [2, 4])
        let cr = try table("a,b\r1,2\r3,4")
        #expect(try cr.ints("a") == [1, 3])
        #expect(cr.line(ofRow: 1) == 3)
        let noFinal = try table("a,b\n1,2\n3,4")
        #expect(try noFinal.ints("b") == [2, 4])
        // A quoted CRLF stays in the field and counts as one line.
        let quoted = try table("a,b\r\n\"x\r\ny\",1\r\nz,2\r\n")
        #expect(try quoted.strings("a") == ["x\r\ny", "z"])
        #expect(quoted.line(ofRow: 1) == 4)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let t = try CSVTable(parsing: [0xEF, 0xBB, 0xBF] + Array("\"id\",v\n1,2\n".utf8), source: "bom.csv")
        #expect(t.header == ["id", "v"])
        #expect(try t.ints("id") == [1])
    }

    @Test func blankLinesAreSkippedAndLinesStillCounted() throws {
        let t = try table("\n\na,b\n\n1,2\r\n\r\n3,4\n\n")
        #expect(t.rowCount == 2)
        #expect(t.line(ofRow: 0) == 5)
        #expect(t.line(ofRow: 1) == 7)
    }

    @Test func headerOnlyHasNoRows() throws {
        let t = try table("a,b,c\n")
        #expect(t.rowCount == 0)
        #expect(try t.doubles("a") == [])
    }

    @Test func trailingCommaMakesAnEmptyField() throws {
        let t = try table("a,b\n1,\n")
        #expect(try t.strings("b") == [""])
        #expect(try t.doubles("b", allowMissing: true) == [nil])
    }

    @Test func nonASCIIText() throws {
        let t = try table("name,v\n\"Zürich, 東京\",1\nå,2\n")
        #expect(try t.strings("name") == ["Zürich, 東京", "å"])
    }

    @Test func specialNumbers() throws {
        let t = try table("x\nInf\n-Inf\n1e308\n0.1\n-0\n")
        let x = try t.doubles("x")
        #expect(x[0] == .infinity && x[1] == -.infinity && x[2] == 1e308 && x[3] == 0.1 && x[4] == 0)
        let n = try table("n\n9223372036854775807\n-9223372036854775808\n")
        #expect(try n.ints("n") == [Int.max, Int.min])
    }

    @Test func readsFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvreader-\(UUID().uuidString).csv")
        try Data("a,b\n1,2\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let t = try CSVTable.read(contentsOf: url)
        #expect(t.source == url.lastPathComponent)
        #expect(try t.ints("b") == [2])
    }
}

@Suite("CSV reader: missing values")
struct CSVMissingTests {
    let t: CSVTable

    init() throws {
        t = try table("x,s,n\n1.5,a,1\nNA,NA,NA\n,,\n\"NA\",\"\",2\n")
    }

    @Test func allowedMissingBecomesNil() throws {
        #expect(try t.doubles("x", allowMissing: true) == [1.5, nil, nil, nil])
        #expect(try t.strings("s", allowMissing: true) == ["a", nil, nil, nil])
        #expect(try t.ints("n", allowMissing: true) == [1, nil, nil, 2])
    }

    @Test func rawStringsKeepNA() throws {
        #expect(try t.strings("s") == ["a", "NA", "", ""])
    }

    @Test func disallowedMissingNamesTheField() {
        let e = csvError { () throws(CSVError) in try t.doubles("x") }
        #expect(e == CSVError(file: "t.csv", line: 3, column: 1, columnName: "x", value: "NA", reason: .missingValue))
        let e2 = csvError { () throws(CSVError) in try t.ints("n", allowMissing: false) }
        #expect(e2?.line == 3 && e2?.column == 3 && e2?.columnName == "n" && e2?.reason == .missingValue)
        let e3 = csvError { () throws(CSVError) in try t.strings("s", allowMissing: false) }
        #expect(e3?.line == 3 && e3?.column == 2 && e3?.reason == .missingValue)
        #expect(e?.description == "t.csv:3: column 1 (x): missing value (\"NA\") not allowed")
    }
}

@Suite("CSV reader: errors name file, line, column and value")
struct CSVErrorTests {
    @Test func tooManyFields() {
        let e = csvError { () throws(CSVError) in try table("a,b\n1,2\n3,4,5,6\n") }
        #expect(e?.file == "t.csv")
        #expect(e?.line == 3)
        #expect(e?.column == 3)
        #expect(e?.value == "5,6")
        #expect(e?.reason == .wrongColumnCount(expected: 2, found: 4))
        #expect(e?.description == "t.csv:3: column 3: the row has 4 fields, the header 2")
    }

    @Test func tooFewFields() {
        let e = csvError { () throws(CSVError) in try table("a,b,c\n1,2,3\n\n4,5\n6,7,8\n") }
        #expect(e?.line == 4)
        #expect(e?.column == 3)
        #expect(e?.columnName == "c")
        #expect(e?.reason == .wrongColumnCount(expected: 3, found: 2))
    }

    @Test func truncatedLastRow() {
        let e = csvError { () throws(CSVError) in try table("a,b,c\n1,2,3\n4,5") }
        #expect(e?.line == 3)
        #expect(e?.column == 3)
        #expect(e?.columnName == "c")
        #expect(e?.reason == .truncatedRow(expected: 3, found: 2))
        #expect(e?.description.contains("truncated") == true)
    }

    @Test func unterminatedQuote() {
        // Reported at the line where the quoted field starts.
        let e = csvError { () throws(CSVError) in try table("a,b\n1,2\n3,\"open\n4,5\n") }
        #expect(e?.line == 3)
        #expect(e?.column == 2)
        #expect(e?.columnName == "b")
        #expect(e?.reason == .unterminatedQuote)
        #expect(e?.value?.hasPrefix("open") == true)
    }

    @Test func misplacedQuotes() {
        let inside = csvError { () throws(CSVError) in try table("a,b\n1,ab\"c\n") }
        #expect(inside?.line == 2 && inside?.column == 2 && inside?.columnName == "b")
        #expect(inside?.reason == .misplacedQuote)
        #expect(inside?.value == "ab\"c")
        let after = csvError { () throws(CSVError) in try table("a,b\n\"x\"y,1\n") }
        #expect(after?.line == 2 && after?.column == 1 && after?.reason == .misplacedQuote)
    }

    @Test func invalidUTF8() {
        let bytes = Array("a,b\n1,2\n3,".utf8) + [0x66, 0xC3, 0x28] + Array("\n".utf8)
        let e = csvError { () throws(CSVError) in try CSVTable(parsing: bytes, source: "u.csv") }
        #expect(e?.file == "u.csv")
        #expect(e?.line == 3)
        #expect(e?.column == 2)
        #expect(e?.columnName == "b")
        #expect(e?.reason == .invalidUTF8)
        // A truncated multi-byte sequence at the end of the file.
        let e2 = csvError { () throws(CSVError) in try CSVTable(parsing: Array("a\n".utf8) + [0xE6, 0x9D], source: "u.csv") }
        #expect(e2?.line == 2 && e2?.reason == .invalidUTF8)
        // In the header.
        let e3 = csvError { () throws(CSVError) in try CSVTable(parsing: [0xFF] + Array(",b\n".utf8), source: "u.csv") }
        #expect(e3?.line == 1 && e3?.column == 1 && e3?.reason == .invalidUTF8)
    }

    @Test func unparseableNumber() throws {
        let t = try table("id,age,n\n1,30,1\n2,3x7,2.5\n")
        let e = csvError { () throws(CSVError) in try t.doubles("age") }
        #expect(e == CSVError(file: "t.csv", line: 3, column: 2, columnName: "age", value: "3x7", reason: .unparseableNumber(expected: "a number")))
        #expect(e?.description == "t.csv:3: column 2 (age): \"3x7\" is not a number")
        let e2 = csvError { () throws(CSVError) in try t.ints("n") }
        #expect(e2?.line == 3 && e2?.column == 3 && e2?.value == "2.5")
        #expect(e2?.reason == .unparseableNumber(expected: "an integer"))
        let big = try table("n\n9223372036854775808\n")
        let e3 = csvError { () throws(CSVError) in try big.ints("n") }
        #expect(e3?.reason == .unparseableNumber(expected: "an integer in range"))
        let quoted = try table("x\n\"1\"\"2\"\n")
        #expect(csvError { () throws(CSVError) in try quoted.doubles("x") }?.reason == .unparseableNumber(expected: "a number"))
        let sign = try table("n\n-\n")
        #expect(csvError { () throws(CSVError) in try sign.ints("n") }?.line == 2)
    }

    @Test func missingRequiredColumn() throws {
        let t = try table("a,b\n1,2\n")
        let e = csvError { () throws(CSVError) in try t.doubles("c") }
        #expect(e == CSVError(file: "t.csv", columnName: "c", reason: .missingColumn(available: ["a", "b"])))
        #expect(e?.description == "t.csv: column c: required column is missing; the header has \"a\", \"b\"")
        #expect(csvError { () throws(CSVError) in try t.requireColumns(["a", "z"]) }?.columnName == "z")
    }

    @Test func emptyFiles() {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8)] {
            let e = csvError { () throws(CSVError) in try CSVTable(parsing: bytes, source: "e.csv") }
            #expect(e == CSVError(file: "e.csv", reason: .emptyFile))
        }
    }

    @Test func duplicateColumnName() {
        let e = csvError { () throws(CSVError) in try table("a,b,a\n1,2,3\n") }
        #expect(e?.line == 1 && e?.column == 3 && e?.reason == .duplicateColumnName)
    }

    @Test func unreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/gone.csv")
        let e = csvError { () throws(CSVError) in try CSVTable.read(contentsOf: url) }
        #expect(e?.file == "gone.csv")
        if case .unreadableFile(let message)? = e?.reason {
            #expect(!message.isEmpty)
        } else {
            Issue.record("expected unreadableFile, got \(String(describing: e))")
        }
    }
}

/// SplitMix64: a small deterministic generator, so a failing fuzz input can be reproduced.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("CSV reader: fuzz")
struct CSVFuzzTests {
    /// Bytes that matter to the scanner, drawn more often than others.
    static let alphabet: [UInt8] = Array(",\"\n\r NA0123456789.e-+x".utf8) + [0xEF, 0xBB, 0xBF, 0xC3, 0xA9, 0x80, 0xFF, 0x00]

    /// Parses `bytes` and, if that succeeds, converts every column every way; errors are fine,
    /// crashes and inconsistent shapes are not.
    static func exercise(_ bytes: [UInt8]) -> Bool {
        guard let t = try? CSVTable(parsing: bytes, source: "fuzz.csv") else { return false }
        #expect(t.starts.count == t.rowCount * t.columnCount)
        #expect(t.ends.count == t.starts.count)
        for name in t.header {
            if let s = try? t.strings(name) { #expect(s.count == t.rowCount) }
            _ = try? t.strings(name, allowMissing: true)
            _ = try? t.doubles(name)
            if let d = try? t.doubles(name, allowMissing: true) { #expect(d.count == t.rowCount) }
            _ = try? t.ints(name)
            _ = try? t.ints(name, allowMissing: true)
        }
        return true
    }

    @Test func randomByteStrings() {
        var rng = SplitMix64(state: 20_240_601)
        var parsed = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0...120, using: &rng)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(length)
            for _ in 0..<length {
                if Bool.random(using: &rng) {
                    bytes.append(Self.alphabet.randomElement(using: &rng) ?? 0)
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                }
            }
            if Self.exercise(bytes) { parsed += 1 }
        }
        // Some inputs parse (a single-line file is a header), many do not; both paths ran.
        #expect(parsed > 0)
        #expect(parsed < 3000)
    }

    @Test func mutationsOfAValidFile() throws {
        let valid = Array(
            "\u{FEFF}\"id\",\"age\",\"race\",\"note\"\r\n\"1\",37,\"black\",\"a, b\"\r\n\"2\",NA,\"white\",\"say \"\"x\"\"\"\r\n3,22.5,hispan,\"two\nlines\"\r\n"
                .utf8)
        let base = try CSVTable(parsing: valid, source: "valid.csv")
        #expect(base.rowCount == 3)
        #expect(try base.doubles("age", allowMissing: true) == [37, nil, 22.5])
        var rng = SplitMix64(state: 7)
        var parsed = 0
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let op = Int.random(in: 0..<4, using: &rng)
                let pos = Int.random(in: 0...bytes.count, using: &rng)
                let byte = Bool.random(using: &rng)
                    ? (Self.alphabet.randomElement(using: &rng) ?? 0) : UInt8.random(in: 0...255, using: &rng)
                switch op {
                case 0: bytes.insert(byte, at: pos)
                case 1: if pos < bytes.count { bytes.remove(at: pos) }
                case 2: if pos < bytes.count { bytes[pos] = byte }
                default: bytes = Array(bytes.prefix(pos))  // truncation
                }
            }
            if Self.exercise(bytes) { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}

@Suite("CSV reader: single fields")
struct CSVFieldTests {
    @Test func fieldsByPosition() throws {
        let t = try table("id,x,n\n\"a\"\"b\",2.5,NA\nc,x1,7\n")
        let x = try #require(t.columnPosition("x"))
        #expect(t.string(row: 0, column: 0) == "a\"b")
        #expect(try t.double(row: 0, column: x) == 2.5)
        #expect(t.isMissing(row: 0, column: 2))
        #expect(try t.int(row: 0, column: 2) == nil)
        #expect(try t.int(row: 1, column: 2) == 7)
        let e = csvError { () throws(CSVError) in try t.double(row: 1, column: x) }
        #expect(e == CSVError(file: "t.csv", line: 3, column: 2, columnName: "x", value: "x1", reason: .unparseableNumber(expected: "a number")))
    }
}
