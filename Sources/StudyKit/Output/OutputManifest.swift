import Foundation

/// `manifest.json`: the files one run wrote into an output folder, with their sizes and SHA-256 digests.
///
/// A folder's manifest is what makes the folder the tool's to replace: `pvstudy run --force` (and `demo`) replace
/// only the files a previous manifest lists, and refuse a non-empty folder that has none. It is written last, once
/// every file it lists is in place, so a folder whose manifest says `complete` holds exactly one run's outputs.
/// While files are being swapped the manifest says `replacing` and names the staging folder that holds the previous
/// run's files, so an interrupted swap can be rolled back (``OutputFolder``).
public struct OutputManifest: Sendable, Equatable, Codable {
    /// The manifest's file name in an output folder.
    public static let fileName = "manifest.json"
    /// The value of ``format``.
    public static let formatName = "signalstats-output-manifest"

    /// Whether the folder holds one run's complete outputs, or is in the middle of being replaced.
    public enum State: String, Sendable, Codable {
        /// Every listed file is in place with the listed digest.
        case complete
        /// A run was moving its files in; ``OutputManifest/previous`` and ``OutputManifest/staging`` say how to undo it.
        case replacing
    }

    /// One output file.
    public struct File: Sendable, Equatable, Codable {
        /// Path relative to the output folder, with `/` separators (`results.json`, `tables/data_quality.csv`).
        public var path: String
        /// Size in bytes.
        public var bytes: Int
        /// SHA-256 of the contents, 64 lower-case hex digits.
        public var sha256: String

        /// A file entry.
        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// Always ``formatName``.
    public var format: String
    /// Version of this layout (1).
    public var version: Int
    /// Complete, or being replaced.
    public var state: State
    /// The study the files belong to (its name), when known.
    public var study: String?
    /// SHA-256 of the study file, when known.
    public var studySHA256: String?
    /// The files, sorted by path. While ``State/replacing``: every path of the previous and the new run.
    public var files: [File]
    /// While ``State/replacing``: the paths the previous run owned (empty when the folder held none).
    public var previous: [String]?
    /// While ``State/replacing``: the staging folder's name (a sibling of the output folder) that holds the previous
    /// run's files under `previous/`.
    public var staging: String?

    /// A complete manifest.
    public init(files: [File], study: String? = nil, studySHA256: String? = nil) {
        format = Self.formatName
        version = 1
        state = .complete
        self.study = study
        self.studySHA256 = studySHA256
        self.files = files.sorted { $0.path < $1.path }
        previous = nil
        staging = nil
    }

    /// The listed paths.
    public var paths: [String] { files.map(\.path) }

    /// The manifest's JSON (sorted keys, two-space indentation, final newline).
    public func data() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }

    /// Reads a manifest; `nil` when `data` is not one.
    public static func read(_ data: Data) -> OutputManifest? {
        guard let m = try? JSONDecoder().decode(OutputManifest.self, from: data), m.format == formatName else { return nil }
        return m
    }

    /// Reads the manifest of an output folder; `nil` when it has none (or an unreadable one).
    public static func read(folder: URL) -> OutputManifest? {
        guard let d = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return nil }
        return read(d)
    }

    /// The listed files whose contents in `folder` are missing or differ from the listed size and digest.
    public func mismatches(in folder: URL) -> [String] {
        files.compactMap { f in
            guard let d = try? Data(contentsOf: folder.appendingPathComponent(f.path)), d.count == f.bytes, SHA256.hex(d) == f.sha256
            else { return f.path }
            return nil
        }
    }
}
