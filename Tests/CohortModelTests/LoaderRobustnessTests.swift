import Foundation
import Testing

@testable import CohortModel

/// Rows cannot vanish and only regular files are read: the regression tests of the 2026-12 reliability review
/// (`reliability-reproducers/csv_unclosed_quote_silent_row_loss.sh`, `csv_table_is_directory.sh`, findings L1, L2,
/// L3, L5), on small hand-made files.
@Suite("Loaders: robustness")
struct LoaderRobustnessTests {
    static let drugHeader = "person_id,drug_code,code_system,start_date,days_supply,end_date,quantity,route,setting\n"

    /// `count` valid drug rows of P1 (one a day from 2016-01-01), as lines without line breaks.
    static func drugLines(_ count: Int) -> [String] {
        let start = Day("2016-01-01")!
        return (0..<count).map { k in "P1,1149019F1560,YJ,\(start + k),14,,42,oral,outpatient" }
    }

    /// Loads the fixture with `drug_exposures.csv` replaced by `text`, leniently.
    static func loadDrugs(_ text: String, limits: QuotedFieldLimits = .standard, parallelism: Int = 1) throws -> LoadedNetwork {
        let dir = try Fixture.write(replace: ["drug_exposures.csv": Array(text.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = LoadOptions(mode: .lenient, parallelism: parallelism)
        options.quotedFieldLimits = limits
        return try NetworkLoader.loadCSV(directory: dir, options: options)
    }

    /// Physical lines as `wc -l` counts them, plus a last line without a line break (LF, CRLF and lone CR).
    static func physicalLines(_ bytes: [UInt8]) -> Int {
        var n = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                n += 1
            } else if bytes[i] == 0x0D {
                n += 1
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        if let last = bytes.last, last != 0x0A && last != 0x0D { n += 1 }
        return n
    }

    static func account(_ r: LoadReport, _ table: String) -> LoadReport.LineAccount? { r.lineAccounts.first { $0.table == table } }

    // MARK: - Unterminated quotes (L1)

    /// The reproducer's case in small: one `"` before field 4 of line 101 of a quote-free file. Before, the scanner
    /// read to the end of the file as one truncated record: 1 rejection, 200 rows gone, every check passing.
    @Test func unclosedQuoteCostsOneLineNotTheRestOfTheFile() throws {
        var lines = Self.drugLines(300)
        lines[99] = lines[99].replacingOccurrences(of: ",2016-", with: ",\"2016-")  // line 101 (header is line 1)
        let loaded = try Self.loadDrugs(Self.drugHeader + lines.joined(separator: "\n") + "\n")
        let r = loaded.report
        #expect(loaded.network.drugs.table.count == 299)
        #expect(r.rejections(of: "drug_exposures").count == 1)
        let rejection = try #require(r.rejections(of: "drug_exposures").first)
        #expect(rejection.line == 101)
        #expect(rejection.column == "start_date")
        #expect(rejection.reason == RejectionReason.unterminatedQuote.rawValue)
        #expect(rejection.detail?.contains("not closed within 100 line breaks (lines 101–201)") == true, "\(rejection.detail ?? "")")
        let a = try #require(Self.account(r, "drug_exposures"))
        #expect(a.lines == 301 && a.headerLines == 1 && a.dataLines == 300)
        #expect(a.storedRows == 299 && a.storedLines == 299 && a.rejectedRows == 1 && a.blankLines == 0)
        #expect(a.isComplete && a.isBalanced)
        #expect(a.resynchronised == [.init(table: "drug_exposures", file: "drug_exposures.csv", first: 102, last: 201,
                                           note: "read as rows after the unterminated quote on line 101, which was rejected alone")])
        #expect(r.isConsistent)
        #expect(!r.hasUnaccountedLines && r.lostRows == 1)

        // The quality report fails and names the range.
        let q = QualityReport.build(network: loaded.network, loadReport: r)
        let check = try #require(q.check("line_accounting", table: "drug_exposures"))
        #expect(!check.passed && check.overall.failing == 100 && check.overall.denominator == 300)
        #expect(check.note?.contains("lines 102–201") == true)
        #expect(!q.allPassed)
        #expect(q.load?.rejections.first?.first.first == .init(file: "drug_exposures.csv", line: 101, column: "start_date", reason: "unterminated quote"))
    }

    /// A quote left open near the end: the field runs to the end of the file (within the line limit).
    @Test func unclosedQuoteNearTheEndOfTheFile() throws {
        var lines = Self.drugLines(20)
        lines[16] = lines[16].replacingOccurrences(of: ",oral", with: ",\"oral")  // line 18
        let loaded = try Self.loadDrugs(Self.drugHeader + lines.joined(separator: "\n"))  // no final line break
        let r = loaded.report
        #expect(loaded.network.drugs.table.count == 19)
        let rejection = try #require(r.rejections.first)
        #expect(rejection.line == 18 && rejection.column == "route" && rejection.reason == "unterminated quote")
        #expect(rejection.detail?.contains("not closed before the end of the file (line 21)") == true, "\(rejection.detail ?? "")")
        let a = try #require(Self.account(r, "drug_exposures"))
        #expect(a.lines == 21 && a.dataLines == 20 && a.storedLines == 19 && a.rejectedRows == 1 && a.isComplete)
        #expect(a.resynchronised.map { [$0.first, $0.last] } == [[19, 21]])
    }

    /// A quote that opens on one line and closes on the next, followed by text (a stray quote pairing with the next
    /// line's opening quote): the first line is rejected alone, and the second, a valid row, is stored.
    @Test func strayQuotesPairingAcrossLinesAreCutBackToOneLine() throws {
        var lines = Self.drugLines(6)
        lines[1] = "P1,1149019F1560,YJ,2016-01-02,14,,\"42,oral,outpatient"       // line 3: opens a quote
        lines[2] = "P1,1149019F1560,YJ,2016-01-03,14,,\"42\",oral,outpatient"     // line 4: its quote closes the first
        let loaded = try Self.loadDrugs(Self.drugHeader + lines.joined(separator: "\n") + "\n")
        let r = loaded.report
        #expect(r.rejections.map(\.line) == [3])
        #expect(r.rejections.map(\.reason) == ["unterminated quote"])
        #expect(r.rejections.first?.column == "quantity")
        #expect(r.rejections.first?.detail?.contains("closes only on line 4, in a row with a misplaced quote") == true)
        #expect(loaded.network.drugs.table.count == 5)
        let a = try #require(Self.account(r, "drug_exposures"))
        #expect(a.storedLines == 5 && a.rejectedRows == 1 && a.isComplete)
        #expect(a.resynchronised.map { [$0.first, $0.last] } == [[4, 4]])
    }

    /// Quoted line breaks are legitimate within the limits: a stored row may span lines, and is accounted for.
    @Test func quotedLineBreaksWithinTheLimitsAreOneRow() throws {
        let sites = "hospital_id,organization_id,name\nH01,O01,\"North\nHospital\nEast wing\"\nH02,O01,South\n"
        let dir = try Fixture.write(replace: ["sites.csv": Array(sites.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let loaded = try NetworkLoader.loadCSV(directory: dir, options: .lenient)
        #expect(loaded.network.sites.map(\.name) == ["North\nHospital\nEast wing", "South"])
        let a = try #require(Self.account(loaded.report, "sites"))
        #expect(a.lines == 5 && a.storedRows == 2 && a.storedLines == 4 && a.multiLineRows == 1 && a.firstMultiLineRow == 2)
        #expect(a.isComplete && loaded.report.rejections.isEmpty)

        // With a limit of one line break, the same field is an unterminated quote and the lines after are rows.
        var options = LoadOptions(mode: .lenient)
        options.quotedFieldLimits = QuotedFieldLimits(maxLines: 1)
        let strict = try NetworkLoader.loadCSV(directory: dir, options: options)
        #expect(strict.report.rejections(of: "sites").map(\.line) == [2, 3, 4])
        #expect(strict.report.rejections(of: "sites").first?.detail?.contains("not closed within 1 line break (lines 2–3)") == true)
        #expect(Self.account(strict.report, "sites")?.isComplete == true)
    }

    /// After its first line break, a quoted field may hold at most `maxBytes` bytes.
    @Test func quotedFieldByteLimit() throws {
        let long = String(repeating: "x", count: 5000)
        var lines = Self.drugLines(4)
        lines[1] = "P1,1149019F1560,YJ,2016-01-02,14,,42,oral,\"outpatient\n" + long + "\""  // lines 3-4
        let text = Self.drugHeader + lines.joined(separator: "\n") + "\n"
        let capped = try Self.loadDrugs(text, limits: QuotedFieldLimits(maxLines: 100, maxBytes: 1000))
        #expect(capped.report.rejections.first?.detail?.contains("not closed within 1000 bytes") == true)
        #expect(capped.report.rejections.map(\.line) == [3, 4])  // line 4 then fails on its own
        #expect(capped.network.drugs.table.count == 3)
        let free = try Self.loadDrugs(text)  // within the default 1 MiB: one (rejected) row over two lines
        #expect(free.report.rejections.map(\.line) == [3])
        #expect(free.report.rejections.first?.reason == "invalid value")
        let a = try #require(Self.account(free.report, "drug_exposures"))
        #expect(a.unaccounted.map { [$0.first, $0.last] } == [[4, 4]])
    }

    /// A well-formed row whose quoted field spans lines but which is then rejected: its continuation lines may hold
    /// rows, so they are not accounted for, the quality report says rows may be lost, and an incomplete load stops
    /// a caller even when it accepts rejected rows.
    @Test func continuationLinesOfARejectedRowAreUnaccounted() throws {
        var lines = Self.drugLines(5)
        lines[2] = "P1,\"1149019F1560\nP1\",YJ,2016-01-03,14,,42,oral,outpatient"  // lines 4-5: an unknown code
        let loaded = try Self.loadDrugs(Self.drugHeader + lines.joined(separator: "\n") + "\n")
        let r = loaded.report
        #expect(r.rejections.map(\.line) == [4])
        let a = try #require(Self.account(r, "drug_exposures"))
        #expect(a.dataLines == 6 && a.storedLines == 4 && a.rejectedRows == 1)
        #expect(a.unaccounted.map { [$0.first, $0.last] } == [[5, 5]])
        #expect(a.isBalanced && !a.isComplete)
        #expect(r.hasUnaccountedLines && r.unaccountedLineCount == 1 && r.lostRows == 2)
        let q = QualityReport.build(network: loaded.network, loadReport: r)
        #expect(q.rowsLost && q.check("line_accounting", table: "drug_exposures")?.passed == false)
        #expect(q.load?.listing().contains("ROWS MAY BE LOST: 1 line is not accounted for") == true)

        #expect(throws: CohortModelError.self) { try r.requireComplete(acceptRejectedRows: true) }
        let shortfall = try #require(r.shortfall(acceptRejectedRows: true))
        #expect(shortfall.rejectedRows == 0 && shortfall.unaccountedLines == 1)
        #expect(shortfall.description.contains("drug_exposures.csv line 5: inside a quoted field of the row at line 4"))
    }

    /// `requireComplete` for a study runner: rejected rows stop it unless accepted.
    @Test func requireCompleteStopsOnRejectedRowsUnlessAccepted() throws {
        let dir = try Fixture.write(appending: "persons.csv", "P4,H99,1980-01-01,F\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try NetworkLoader.loadCSV(directory: dir, options: .lenient).report
        #expect(r.rejectedRowCount == 1 && !r.hasUnaccountedLines && r.lostRows == 1)
        #expect(loaderError { () throws(CohortModelError) in try r.requireComplete() }.map { "\($0)" }
            == "the load is incomplete: 1 row rejected (persons.csv:5: column hospital_id: unknown hospital)")
        #expect(loaderError { () throws(CohortModelError) in try r.requireComplete(acceptRejectedRows: true) } == nil)

        let clean = try NetworkLoader.loadCSV(directory: try Fixture.write(), options: .lenient).report
        #expect(clean.lostRows == 0 && clean.shortfall() == nil)
        #expect(clean.lineAccounts.count == 7 && clean.lineAccounts.allSatisfy(\.isComplete))
    }

    /// Line counts match an independent count for every line-ending style, blank lines and a missing final break,
    /// sequentially and in parallel chunks.
    @Test(arguments: ["\n", "\r\n", "\r"])
    func linesAreCountedPhysically(eol: String) throws {
        var lines = Self.drugLines(3000)
        lines.insert("", at: 10)
        lines.insert("", at: 2000)
        let text = "\n" + Self.drugHeader.replacingOccurrences(of: "\n", with: eol) + lines.joined(separator: eol)
        for parallelism in [1, 3] {
            let dir = try Fixture.write(replace: ["drug_exposures.csv": Array(text.utf8)])
            defer { try? FileManager.default.removeItem(at: dir) }
            let loaded = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .lenient, parallelism: parallelism))
            let a = try #require(Self.account(loaded.report, "drug_exposures"))
            #expect(a.lines == Self.physicalLines(Array(text.utf8)))
            #expect(a.headerLines == 2 && a.blankLines == 2 && a.storedRows == 3000 && a.isComplete)
        }
    }

    /// A file large enough to be cut into chunks parsed on several threads: the line account adds up across chunks.
    @Test func lineAccountAcrossParallelChunks() throws {
        var lines = Self.drugLines(20_000)
        lines[12_345] = "P9,1149019F1560,YJ,2016-01-02,14,,42,oral,outpatient"  // unknown person
        lines.insert("", at: 15_000)
        let text = Self.drugHeader + lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count >= CSVDirectorySource.parallelThreshold)
        let loaded = try Self.loadDrugs(text, parallelism: 4)
        let a = try #require(Self.account(loaded.report, "drug_exposures"))
        #expect(a.lines == 20_002 && a.blankLines == 1 && a.storedRows == 19_999 && a.rejectedRows == 1 && a.isComplete)
        #expect(loaded.report.rejections.map(\.line) == [12_347])
    }

    // MARK: - Only regular files (L2, L3)

    static func load(_ dir: URL) -> CohortModelError? {
        loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: dir, options: .lenient) }
    }

    @Test func aTableThatIsADirectoryIsAClearError() throws {
        let dir = try Fixture.write(omit: ["admissions.csv"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("admissions.csv")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
        #expect(Self.load(dir) == .notARegularFile(path: path.path, kind: .directory))
        #expect(Self.load(dir).map { "\($0)" } == "cannot read \(path.path): it is a directory, not a regular file")

        // A symbolic link to a directory, and one to a character device.
        try FileManager.default.removeItem(at: path)
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: dir.path)
        #expect(Self.load(dir) == .notARegularFile(path: path.path, kind: .directory))
        try FileManager.default.removeItem(at: path)
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: "/dev/null")
        #expect(Self.load(dir) == .notARegularFile(path: path.path, kind: .characterDevice))

        // A symbolic link to a regular file is read.
        try FileManager.default.removeItem(at: path)
        let real = dir.appendingPathComponent("real-admissions.txt")
        try Data(Fixture.files["admissions.csv"]!.utf8).write(to: real)
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: real.path)
        #expect(Self.load(dir) == nil)
    }

    /// A FIFO is refused before it is opened. Should the check ever regress, a writer opens and closes the FIFO
    /// after 5 s, so the test fails instead of hanging.
    @Test func aTableThatIsAFIFOIsRefusedWithoutBlocking() throws {
        let dir = try Fixture.write(omit: ["admissions.csv"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("admissions.csv").path
        #expect(mkfifo(path, 0o644) == 0)
        let guardThread = Thread {
            Thread.sleep(forTimeInterval: 5)
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        guardThread.start()
        let start = Date()
        #expect(Self.load(dir) == .notARegularFile(path: path, kind: .fifo))
        #expect(Date().timeIntervalSince(start) < 4)
        #expect(throws: CSVError(file: "admissions.csv", reason: .notARegularFile(path: path, kind: .fifo))) {
            try CSVTable.read(contentsOf: URL(fileURLWithPath: path))
        }
    }

    @Test func otherPathsThatAreNotWhatTheyShouldBe() throws {
        let dir = try Fixture.write()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A file given as the CSV folder.
        let file = dir.appendingPathComponent("persons.csv")
        #expect(loaderError { () throws(CohortModelError) in try NetworkLoader.loadCSV(directory: file) } == .notADirectory(path: file.path))
        // A folder, and an empty file, given as the SQLite file.
        #expect(loaderError { () throws(CohortModelError) in try NetworkLoader.loadSQLite(file: dir) }
            == .notARegularFile(path: dir.path, kind: .directory))
        let empty = dir.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        #expect(loaderError { () throws(CohortModelError) in try NetworkLoader.loadSQLite(file: empty) }
            == .sqlite(file: "empty.sqlite", message: "the file is empty (0 bytes), not an SQLite database"))
        // The generic reader on a directory.
        #expect(throws: CSVError(file: dir.lastPathComponent, reason: .notARegularFile(path: dir.path, kind: .directory))) {
            try CSVTable.read(contentsOf: dir)
        }
        // Files under /proc report size 0 but are read to their end.
        let status = try RegularFile.read("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).contains("VmRSS"))
    }

    // MARK: - Messages (L5)

    /// A second byte-order mark ends up in the first column's name: the message shows it and says what it is.
    @Test func aSecondByteOrderMarkIsNamed() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let dir = try Fixture.write(replace: ["persons.csv": bom + bom + Array(Fixture.files["persons.csv"]!.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        for extra in [false, true] {
            let e = loaderError { () throws(CohortModelError) in
                try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .lenient, allowExtraColumns: extra))
            }
            #expect(e.map { "\($0)" } == "persons.csv: column \"<U+FEFF>person_id\" is not part of the layout (the name begins with "
                + "U+FEFF, a byte-order mark: the file starts with a second one)")
        }
        // The generic reader's missing-column message shows it too.
        let table = try CSVTable(parsing: bom + bom + Array("a,b\n1,2\n".utf8), source: "t.csv")
        #expect(throws: CSVError.self) { try table.requireColumn("a") }
        do {
            _ = try table.requireColumn("a")
        } catch {
            #expect(error.description.contains("\"<U+FEFF>a\", \"b\" (the name begins with U+FEFF"))
        }
    }

    /// More header columns than the reader supports: the message says so (it used to read "the row has 100003
    /// fields, the header 1024").
    @Test func tooManyHeaderColumns() throws {
        let header = (0..<1500).map { "c\($0)" }.joined(separator: ",") + "\n"
        let dir = try Fixture.write(replace: ["admissions.csv": Array(header.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Self.load(dir).map { "\($0)" } == "admissions.csv:1: the header has 1500 columns; at most 1024 are supported")
    }
}
