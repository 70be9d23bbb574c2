import Foundation
import Testing

/// `pvstudy run` end to end, through the built executable (as swift-argument-parser's example tests do): exit
/// statuses, the --force guard, error messages, byte-identical reruns.
@Suite(.serialized) struct PVStudyRunCommandTests {
    /// `.build/<config>/pvstudy`, next to the test bundle.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        while dir.pathExtension == "xctest" || dir.lastPathComponent == "Contents" || dir.lastPathComponent == "MacOS" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("pvstudy")
    }

    static let study = """
        {"name": "small SSA", "data": {"sample": {"persons": 2000, "seed": 7}},
         "conceptSets": [{"name": "amlodipine", "include": [{"system": "YJ", "code": "2171022", "descendants": true}]},
                         {"name": "furosemide", "include": [{"system": "YJ", "code": "2139005", "descendants": true}]}],
         "designs": [{"name": "cascade", "type": "ssa", "pairs": [{"index": "amlodipine", "marker": "furosemide"}]}]}
        """

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = Self.executable
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func runWritesOutputsRefusesToOverwriteAndRerunsIdentically() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build pvstudy first (swift build)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pvstudy-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let studyFile = dir.appendingPathComponent("study.json")
        try Data(Self.study.utf8).write(to: studyFile)
        let out = dir.appendingPathComponent("out").path

        let first = try run(["run", studyFile.path, "--out", out, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let results = try Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))
        for f in ["report.html", "run.log", "tables/design1_cascade_pairs.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + f), "\(f)")
        }

        let again = try run(["run", studyFile.path, "--out", out, "--quiet"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("holds the outputs of an earlier run (use --force to replace them)"))

        let forced = try run(["run", studyFile.path, "--out", out, "--quiet", "--force"])
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/results.json")) == results)
    }

    @Test func badStudyFilesAndDataPathsAreClearErrors() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build pvstudy first (swift build)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pvstudy-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let syntax = dir.appendingPathComponent("syntax.json")
        try Data("{\"name\": \"x\",\n  \"data\": {\"csv\": \"d\"}\n  \"designs\": []}".utf8).write(to: syntax)
        let r1 = try run(["run", syntax.path, "--out", dir.appendingPathComponent("o1").path])
        #expect(r1.status == 1)
        #expect(r1.stderr.contains("line 3, column 3: JSON syntax error"))

        let missing = dir.appendingPathComponent("missing.json")
        try Data(Self.study.replacingOccurrences(of: "{\"sample\": {\"persons\": 2000, \"seed\": 7}}", with: "{\"csv\": \"no-such-folder\"}").utf8)
            .write(to: missing)
        let r2 = try run(["run", missing.path, "--out", dir.appendingPathComponent("o2").path])
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("no-such-folder does not exist"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("o2").path))
    }
}

/// `pvstudy check`: validates a study file without data; 0 when valid, 1 with the key path when not.
@Suite struct PVStudyCheckCommandTests {
    @Test func checkAcceptsTheExamplesAndRejectsAMistakeWithItsKeyPath() throws {
        let cli = PVStudyRunCommandTests()
        try #require(FileManager.default.isExecutableFile(atPath: PVStudyRunCommandTests.executable.path), "build pvstudy first")
        for file in ["sccs.json", "sccs-splines.json", "sccs-grid.json", "ps-cohort.json", "ps-cohort-options.json", "ssa.json", "demo.json"] {
            let r = try cli.run(["check", StudyRunTests.examples.appendingPathComponent(file).path])
            #expect(r.status == 0, "\(file): \(r.stderr)")
            #expect(r.stdout.contains("valid"))
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pvstudy-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try Data(StudyGrammarTests.valid.replacingOccurrences(of: "[20, 40]", with: "[20, 200]").utf8).write(to: bad)
        let r = try cli.run(["check", bad.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("designs[0].ageCutPointsYears"), "\(r.stderr)")
    }
}
