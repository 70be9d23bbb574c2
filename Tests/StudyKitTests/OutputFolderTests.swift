import Foundation
import Testing
@testable import StudyKit

/// Atomic, owned output folders (issue 20, item 4; reliability review 2026-12, O1 and O2), at the library level.
/// The end-to-end tests that kill `pvstudy run` mid-write are in `PVStudyRobustnessCommandTests`.
@Suite struct OutputFolderTests {
    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)").appendingPathComponent(name)
    }

    static func files(_ tag: String, report: Bool = true) -> [(path: String, data: Data)] {
        var f: [(path: String, data: Data)] = [
            ("results.json", Data("{\"run\": \"\(tag)\"}\n".utf8)),
            ("tables/a.csv", Data("x\n\(tag)\n".utf8)),
        ]
        if report { f.append(("report.html", Data("<p>\(tag)</p>\n".utf8))) }
        return f
    }

    /// Every file under `folder` (relative path → contents), hidden ones included.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return out }
        for case let url as URL in e {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[String(url.path.dropFirst(folder.path.count + 1))] = try? Data(contentsOf: url)
            }
        }
        return out
    }

    /// Siblings of `folder` that are staging folders.
    static func staging(beside folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(OutputFolder.stagingPrefix(folder)) }
    }

    @Test func aNewFolderGetsTheFilesAndAManifestWithDigests() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let written = try OutputFolder.write(Self.files("one"), to: out, overwrite: false, study: "s", studySHA256: "abc")
        #expect(written.last?.lastPathComponent == "manifest.json")
        let m = try #require(OutputManifest.read(folder: out))
        #expect(m.state == .complete && m.study == "s" && m.studySHA256 == "abc")
        #expect(m.paths == ["report.html", "results.json", "tables/a.csv"])
        #expect(m.files.first { $0.path == "results.json" }?.sha256 == SHA256.hex(Data("{\"run\": \"one\"}\n".utf8)))
        #expect(m.mismatches(in: out).isEmpty)
        #expect(Self.staging(beside: out).isEmpty)
    }

    @Test func anEarlierRunIsReplacedOnlyWithOverwriteAndOnlyItsOwnFiles() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try OutputFolder.write(Self.files("one"), to: out, overwrite: false)
        #expect(throws: OutputFolder.Error.folderNotEmpty(out.path)) { try OutputFolder.write(Self.files("two"), to: out, overwrite: false) }

        // The user's own files stay; the earlier report goes when the new run writes none.
        try Data("mine\n".utf8).write(to: out.appendingPathComponent("tables/my_notes.csv"))
        try Data("mine\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
        try OutputFolder.write(Self.files("two", report: false), to: out, overwrite: true)
        let after = Self.snapshot(out)
        #expect(after["results.json"] == Data("{\"run\": \"two\"}\n".utf8))
        #expect(after["report.html"] == nil)
        #expect(after["tables/my_notes.csv"] == Data("mine\n".utf8) && after["notes.txt"] == Data("mine\n".utf8))
        #expect(OutputManifest.read(folder: out)?.paths == ["results.json", "tables/a.csv"])
        #expect(Self.staging(beside: out).isEmpty)
    }

    @Test func aFolderWithoutAManifestIsRefusedEvenWithOverwrite() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: out.appendingPathComponent("tables"), withIntermediateDirectories: true)
        try Data("patients\n".utf8).write(to: out.appendingPathComponent("tables/patients.csv"))
        try Data("{}".utf8).write(to: out.appendingPathComponent("results.json"))
        for overwrite in [false, true] {
            #expect(throws: OutputFolder.Error.notOwned(folder: out.path, entries: ["results.json", "tables"])) {
                try OutputFolder.write(Self.files("one"), to: out, overwrite: overwrite)
            }
        }
        #expect(Self.snapshot(out).count == 2)
        let message = OutputFolder.Error.notOwned(folder: out.path, entries: ["results.json", "tables"]).description
        #expect(message.contains("has no manifest.json") && message.contains("even with --force"))

        // An empty folder is fine; a path that is a file is not.
        let empty = Self.temporary("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try OutputFolder.write(Self.files("one"), to: empty, overwrite: false)
        let file = empty.appendingPathComponent("results.json")
        #expect(throws: OutputFolder.Error.notAFolder(file.path)) { try OutputFolder.write(Self.files("one"), to: file, overwrite: true) }
        try? FileManager.default.removeItem(at: empty.deletingLastPathComponent())
    }

    /// A file the new run would write exists but the manifest does not list it: refused before anything is written.
    @Test func aFileTheManifestDoesNotListIsNeverReplaced() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try OutputFolder.write(Self.files("one", report: false), to: out, overwrite: false)
        try Data("the user's report\n".utf8).write(to: out.appendingPathComponent("report.html"))
        let before = Self.snapshot(out)
        #expect(throws: OutputFolder.Error.foreignFiles(folder: out.path, paths: ["report.html"])) {
            try OutputFolder.write(Self.files("two"), to: out, overwrite: true)
        }
        #expect(Self.snapshot(out) == before)
    }

    /// A write that fails partway (here a path collision in the staging folder; a full disk behaves the same)
    /// leaves the previous outputs as they were and no staging folder.
    @Test func aFailedWriteLeavesThePreviousOutputsAndNoPartialFiles() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try OutputFolder.write(Self.files("one"), to: out, overwrite: false)
        let before = Self.snapshot(out)
        let failing = Self.files("two") + [("x", Data("1".utf8)), ("x/y", Data("2".utf8))]
        #expect(throws: OutputFolder.Error.self) { try OutputFolder.write(failing, to: out, overwrite: true) }
        #expect(Self.snapshot(out) == before)
        #expect(Self.staging(beside: out).isEmpty)
        #expect(throws: OutputFolder.Error.self) {
            try OutputFolder.write([("../escape.txt", Data())], to: out, overwrite: true)
        }
    }

    /// A swap interrupted after some files moved (simulated by hand: the transition manifest, previous files in the
    /// staging folder, one new file in place) is rolled back by the next write or check.
    @Test func anInterruptedSwapIsRolledBack() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try OutputFolder.write(Self.files("one"), to: out, overwrite: false)
        try Data("mine\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let before = Self.snapshot(out)
        let previous = try #require(OutputManifest.read(folder: out))

        // The state a run killed mid-swap leaves.
        let staging = out.deletingLastPathComponent().appendingPathComponent(OutputFolder.stagingPrefix(out) + "999999-dead")
        let fm = FileManager.default
        try fm.createDirectory(at: staging.appendingPathComponent("previous/tables"), withIntermediateDirectories: true)
        try previous.data().write(to: staging.appendingPathComponent("previous/manifest.json"))
        var transition = OutputManifest(files: [])
        transition.state = .replacing
        transition.files = ["report.html", "results.json", "run.log", "tables/a.csv"].map { .init(path: $0, bytes: 0, sha256: "") }
        transition.previous = previous.paths
        transition.staging = staging.lastPathComponent
        try transition.data().write(to: out.appendingPathComponent("manifest.json"))
        for p in ["results.json", "tables/a.csv"] {
            try fm.moveItem(at: out.appendingPathComponent(p), to: staging.appendingPathComponent("previous/" + p))
        }
        try Data("{\"run\": \"two\"}\n".utf8).write(to: out.appendingPathComponent("results.json"))
        try Data("new log\n".utf8).write(to: out.appendingPathComponent("run.log"))

        #expect(throws: OutputFolder.Error.folderNotEmpty(out.path)) { try OutputFolder.check(out, overwrite: false) }
        #expect(Self.snapshot(out) == before)
        #expect(!fm.fileExists(atPath: staging.path))

        // With the staging folder gone, it cannot be undone: a clear error, nothing touched.
        try transition.data().write(to: out.appendingPathComponent("manifest.json"))
        let stuck = Self.snapshot(out)
        #expect(throws: OutputFolder.Error.self) { try OutputFolder.check(out, overwrite: true) }
        #expect(Self.snapshot(out) == stuck)
    }

    /// Staging folders of runs that were killed are removed by the next write; a live run's are not.
    @Test func staleStagingFoldersAreRemoved() throws {
        let out = Self.temporary("out")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let parent = out.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let dead = parent.appendingPathComponent(OutputFolder.stagingPrefix(out) + "999999-aaaa")
        let live = parent.appendingPathComponent(OutputFolder.stagingPrefix(out) + "1-bbbb")  // pid 1 is alive
        try FileManager.default.createDirectory(at: dead.appendingPathComponent("new"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)
        try OutputFolder.write(Self.files("one"), to: out, overwrite: false)
        #expect(Self.staging(beside: out) == [live.lastPathComponent])
    }
}
