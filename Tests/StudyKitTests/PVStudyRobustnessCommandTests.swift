import Foundation
import Testing
@testable import StudyKit

/// The reliability review's reproducers (2026-12) through the built `pvstudy`: runs killed while writing leave the
/// previous outputs intact, folders the tool does not own are refused, the unclosed-quote file fails the quality
/// report and names the line range, and a table that is a directory or a FIFO is a clean error.
@Suite(.serialized) struct PVStudyRobustnessCommandTests {
    static var executable: URL { PVStudyRunCommandTests.executable }

    static func study(seed: Int, report: Bool) -> String {
        """
        {"name": "small SSA \(seed)", "data": {"sample": {"persons": 2000, "seed": \(seed)}},
         "conceptSets": [{"name": "amlodipine", "include": [{"system": "YJ", "code": "2171022", "descendants": true}]},
                         {"name": "furosemide", "include": [{"system": "YJ", "code": "2139005", "descendants": true}]}],
         "designs": [{"name": "cascade", "type": "ssa", "pairs": [{"index": "amlodipine", "marker": "furosemide"}]}],
         "output": {"report": \(report)}}
        """
    }

    /// Starts `pvstudy` with `arguments` (output to files, so a killed process cannot block on a full pipe).
    func start(_ arguments: [String], pause: String? = nil, in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        if let pause { env["SIGNALSTATS_OUTPUT_TEST_PAUSE"] = pause }
        p.environment = env
        let log = dir.appendingPathComponent("proc-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let h = try FileHandle(forWritingTo: log)
        p.standardOutput = h
        p.standardError = h
        try p.run()
        return p
    }

    func run(_ arguments: [String], in dir: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = arguments
        let out = dir.appendingPathComponent("out-\(UUID().uuidString).txt"), err = dir.appendingPathComponent("err-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Waits (up to 120 s) until `condition` holds.
    func waitFor(_ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(120)
        while !condition() {
            if Date() > deadline { throw CancellationError() }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    func stagingFolders(beside out: URL) -> [URL] {
        let parent = out.deletingLastPathComponent()
        return ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { $0.hasPrefix(OutputFolder.stagingPrefix(out)) }.map { parent.appendingPathComponent($0) }
    }

    static func workspace() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pvstudy-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    // MARK: - Outputs

    @Test func aRunKilledWhileWritingLeavesThePreviousOutputsIntact() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build pvstudy first (swift build)")
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json"), b = dir.appendingPathComponent("b.json")
        try Data(Self.study(seed: 7, report: true).utf8).write(to: a)
        try Data(Self.study(seed: 8, report: false).utf8).write(to: b)
        let out = dir.appendingPathComponent("out")

        let first = try run(["run", a.path, "--out", out.path, "--quiet"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let runA = OutputFolderTests.snapshot(out)
        #expect(runA["report.html"] != nil && runA["manifest.json"] != nil && runA["run.log"] != nil)
        #expect(OutputManifest.read(folder: out)?.mismatches(in: out) == [])

        // 1. Killed (SIGKILL) while staging its files: the folder is exactly run A's.
        let killed = try start(["run", b.path, "--out", out.path, "--quiet", "--force"], pause: "staging:60000", in: dir)
        try waitFor("a staged file") {
            stagingFolders(beside: out).contains { FileManager.default.fileExists(atPath: $0.appendingPathComponent("new/results.json").path) }
        }
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal)
        #expect(OutputFolderTests.snapshot(out) == runA)

        // The next run removes the dead run's staging folder and replaces run A's files; run B writes no report,
        // so run A's report does not stay beside run B's results.
        let second = try run(["run", b.path, "--out", out.path, "--quiet", "--force"], in: dir)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(stagingFolders(beside: out).isEmpty)
        let runB = OutputFolderTests.snapshot(out)
        #expect(runB["report.html"] == nil && runB["results.json"] != runA["results.json"])
        #expect(OutputManifest.read(folder: out)?.mismatches(in: out) == [])

        // 2. Killed while moving its files into place: the manifest says so, and the next run rolls it back.
        let swapping = try start(["run", a.path, "--out", out.path, "--quiet", "--force"], pause: "swap:60000", in: dir)
        try waitFor("the swap") { OutputManifest.read(folder: out)?.state == .replacing }
        kill(swapping.processIdentifier, SIGKILL)
        swapping.waitUntilExit()
        #expect(OutputFolderTests.snapshot(out) != runB)  // half replaced
        let refused = try run(["run", a.path, "--out", out.path, "--quiet"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds the outputs of an earlier run (use --force to replace them)"), "\(refused.stderr)")
        #expect(OutputFolderTests.snapshot(out) == runB)
        #expect(stagingFolders(beside: out).isEmpty)

        // 3. Interrupted (SIGTERM) while staging: exits 143 and removes its staging folder.
        let terminated = try start(["run", a.path, "--out", out.path, "--quiet", "--force"], pause: "staging:60000", in: dir)
        try waitFor("a staged file") {
            stagingFolders(beside: out).contains { FileManager.default.fileExists(atPath: $0.appendingPathComponent("new/results.json").path) }
        }
        kill(terminated.processIdentifier, SIGTERM)
        terminated.waitUntilExit()
        #expect(terminated.terminationStatus == 143)
        #expect(stagingFolders(beside: out).isEmpty)
        #expect(OutputFolderTests.snapshot(out) == runB)
    }

    @Test func foldersTheToolDoesNotOwnAreRefused() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build pvstudy first (swift build)")
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("s.json")
        try Data(Self.study(seed: 7, report: true).utf8).write(to: study)
        let out = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("tables"), withIntermediateDirectories: true)
        try Data("patients\n".utf8).write(to: out.appendingPathComponent("tables/patients.csv"))
        try Data("{}\n".utf8).write(to: out.appendingPathComponent("results.json"))
        let before = OutputFolderTests.snapshot(out)
        for args in [["run", study.path, "--out", out.path, "--quiet", "--force"], ["demo", "--persons", "1000", "--out", out.path, "--quiet"]] {
            let r = try run(args, in: dir)
            #expect(r.status == 1, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("has no manifest.json"), "\(args[0]): \(r.stderr)")
            #expect(OutputFolderTests.snapshot(out) == before)
        }
    }

    // MARK: - Loader reproducers

    /// `csv_unclosed_quote_silent_row_loss.sh`: one `"` before field 4 of a lab line used to lose the rest of the file
    /// with every check passing and exit 0.
    @Test func anUnclosedQuoteFailsTheQualityReportAndNamesTheLines() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build pvstudy first (swift build)")
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let generated = try run(["generate", "--persons", "1000", "--out", data.path], in: dir)
        #expect(generated.status == 0, "\(generated.stderr)")
        let labs = data.appendingPathComponent("lab_results.csv")
        var lines = try String(contentsOf: labs, encoding: .utf8).components(separatedBy: "\n")
        let physical = lines.last == "" ? lines.count - 1 : lines.count
        try #require(physical > 20_200)
        var fields = lines[20_000].components(separatedBy: ",")  // line 20001
        fields[3] = "\"" + fields[3]
        lines[20_000] = fields.joined(separator: ",")
        try Data(lines.joined(separator: "\n").utf8).write(to: labs)

        let json = dir.appendingPathComponent("q.json")
        let q = try run(["quality", data.path, "--json", json.path], in: dir)
        #expect(q.status == 2, "\(q.stderr)")
        #expect(q.stdout.contains("lab_results: unterminated quote: 1 row\n    lab_results.csv:20001: column value"), "\(q.stdout)")
        #expect(q.stdout.contains("lab_results.csv lines 20002–20101: read as rows after the unterminated quote on line 20001"))
        #expect(q.stdout.contains("line_accounting lab_results"))
        let report = try JSONDecoder().decode(QualityJSON.self, from: Data(contentsOf: json))
        #expect(report.allPassed == false)
        #expect(report.load.rejectedRows == 1 && report.load.unaccountedLines == 0 && report.load.resynchronisedLines == 100)
        #expect(report.load.rejections.first?.first.first?.line == 20001)
        let labAccount = report.load.lines.first { $0.table == "lab_results" }
        #expect(labAccount?.storedRows == physical - 2)  // every line but the header and the one with the quote
    }

    struct QualityJSON: Decodable {
        struct Load: Decodable {
            struct Group: Decodable {
                struct Line: Decodable { var file: String; var line: Int; var column: String?; var reason: String }
                var table: String
                var reason: String
                var count: Int
                var first: [Line]
            }
            struct Account: Decodable { var table: String; var lines: Int; var storedRows: Int; var rejectedRows: Int }
            var rejectedRows: Int
            var unaccountedLines: Int
            var resynchronisedLines: Int
            var rejections: [Group]
            var lines: [Account]
        }
        var allPassed: Bool
        var load: Load
    }

    /// `csv_table_is_directory.sh` (it aborted with "failed to allocate 9223372036854775839 bytes"), and a FIFO
    /// (it hung): clean errors naming the path.
    @Test func aTableThatIsADirectoryOrAFIFOIsACleanError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build pvstudy first (swift build)")
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        #expect(try run(["generate", "--persons", "1000", "--out", data.path], in: dir).status == 0)
        let table = data.appendingPathComponent("admissions.csv")
        try FileManager.default.removeItem(at: table)
        try FileManager.default.createDirectory(at: table, withIntermediateDirectories: false)
        let r1 = try run(["quality", data.path], in: dir)
        #expect(r1.status == 1)
        #expect(r1.stderr.contains("cannot read \(table.path): it is a directory, not a regular file"), "\(r1.stderr)")

        try FileManager.default.removeItem(at: table)
        #expect(mkfifo(table.path, 0o644) == 0)
        let p = try start(["quality", data.path], in: dir)
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        try waitFor("quality to finish") { !p.isRunning }
        #expect(p.terminationStatus == 1)
    }
}
