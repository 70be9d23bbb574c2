import Foundation

/// Writes a set of files into an output folder so that the folder never holds a partial or mixed set:
///
/// 1. every file is written (and flushed to disk) into a staging folder beside the target, named
///    `.<folder>.pvstudy-staging-<pid>-<random>`; a failure there (a full disk, say) removes the staging folder and
///    leaves the target untouched;
/// 2. the target's manifest is replaced by one in state `replacing` that lists the previous run's files and the
///    staging folder; each previous file is moved into the staging folder (`previous/`), each new file is renamed
///    into place, and the new `manifest.json` is renamed in last;
/// 3. the staging folder is removed.
///
/// A run killed during step 1 leaves the target as it was (the staging folder beside it is removed by the next
/// write). A run killed during step 2 leaves a manifest in state `replacing`; the next write into the folder, or
/// ``recover(_:)``, moves the previous files back and restores the previous manifest before doing anything else.
///
/// Ownership: a folder that does not exist or is empty may be written. A folder that holds files but no manifest is
/// refused (nothing says those files are ours). A folder with a manifest is refused unless `overwrite` is set, and
/// then only the files its manifest lists are replaced or removed: every other file stays, and a new file that
/// would land on a path the manifest does not list is refused before anything is written.
public enum OutputFolder {
    /// Why outputs cannot be written, or were not.
    public enum Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The folder holds the outputs of an earlier run (it has a manifest) and overwriting was not allowed.
        case folderNotEmpty(String)
        /// The folder holds files but no `manifest.json`: they were not written by this tool, so nothing may replace
        /// them, with or without overwriting.
        case notOwned(folder: String, entries: [String])
        /// Files this run would write already exist and the folder's manifest does not list them.
        case foreignFiles(folder: String, paths: [String])
        /// The path exists and is not a folder.
        case notAFolder(String)
        /// A file could not be written or moved.
        case write(path: String, reason: String)
        /// An earlier run into the folder was interrupted while replacing files, and it cannot be undone (its staging
        /// folder is gone).
        case cannotRecover(folder: String, reason: String)

        /// One line (two for a refused folder: what is wrong, then what to do).
        public var description: String {
            switch self {
            case .folderNotEmpty(let p):
                return "the output folder \(p) holds the outputs of an earlier run (use --force to replace them)"
            case .notOwned(let p, let entries):
                let shown = entries.prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
                return "the output folder \(p) is not empty (\(shown)) and has no \(OutputManifest.fileName), so its files "
                    + "were not written by a run of this tool and will not be replaced, even with --force: "
                    + "choose a new or empty folder, or move those files away"
            case .foreignFiles(let p, let paths):
                return "cannot write into \(p): \(paths.joined(separator: ", ")) already exist\(paths.count == 1 ? "s" : "") "
                    + "but \(OutputManifest.fileName) does not list \(paths.count == 1 ? "it" : "them") (not written by the "
                    + "earlier run): move \(paths.count == 1 ? "it" : "them") away or choose another folder"
            case .notAFolder(let p): return "the output path \(p) exists and is not a folder"
            case .write(let p, let r): return "cannot write \(p): \(r)"
            case .cannotRecover(let p, let r):
                return "the output folder \(p) was left half-replaced by an interrupted run and cannot be restored: \(r)"
            }
        }
    }

    /// Where a write stands, for a signal handler that must not leave a staging folder behind.
    enum Phase: Sendable {
        case idle
        /// Writing into this staging folder: safe to remove it.
        case staging(URL)
        /// Moving files: leave everything for ``recover(_:)``.
        case swapping
    }

    nonisolated(unsafe) private static var phase: Phase = .idle
    private static let lock = NSLock()

    private static func setPhase(_ p: Phase) {
        lock.lock()
        phase = p
        lock.unlock()
    }

    /// For an interrupt handler: removes the staging folder of a write that is still writing it, and returns
    /// whether the handler may exit now. A write that is swapping files in is left alone (the next write rolls it
    /// back); the handler may exit then too.
    @discardableResult
    public static func abandonStaging() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if case .staging(let url) = phase { try? FileManager.default.removeItem(at: url) }
        phase = .idle
        return true
    }

    // MARK: - Checks

    /// Whether outputs may be written into `folder` (call it before a long run, to fail early). Rolls back a
    /// replacement an earlier run left half done.
    ///
    /// - Throws: ``Error/notAFolder(_:)``, ``Error/notOwned(folder:entries:)``, ``Error/folderNotEmpty(_:)`` (when
    ///   `overwrite` is false and the folder holds an earlier run's outputs), ``Error/cannotRecover(folder:reason:)``.
    public static func check(_ folder: URL, overwrite: Bool) throws(Error) {
        _ = try owned(folder, overwrite: overwrite)
    }

    /// The paths the folder's manifest lists (empty for a new or empty folder), after recovery; throws when the
    /// folder may not be written.
    static func owned(_ folder: URL, overwrite: Bool) throws(Error) -> (paths: Set<String>, manifest: OutputManifest?) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return ([], nil) }
        guard isDirectory.boolValue else { throw .notAFolder(folder.path) }
        try recover(folder)
        let entries = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        if entries.isEmpty { return ([], nil) }
        guard let manifest = OutputManifest.read(folder: folder) else { throw .notOwned(folder: folder.path, entries: entries) }
        if !overwrite { throw .folderNotEmpty(folder.path) }
        return (Set(manifest.paths), manifest)
    }

    // MARK: - Writing

    /// Writes `files` into `folder` (see the type's description) with a manifest listing them; returns the paths
    /// written, the manifest last.
    ///
    /// - Parameters:
    ///   - files: relative paths (`/`-separated, no `..`, not `manifest.json`) and contents.
    ///   - folder: the output folder; created (with its parents) when missing.
    ///   - overwrite: replace the outputs of an earlier run (the files its manifest lists).
    ///   - study: the study name and study-file hash recorded in the manifest.
    /// - Throws: the refusals of ``check(_:overwrite:)``, ``Error/foreignFiles(folder:paths:)``, and
    ///   ``Error/write(path:reason:)``; the folder is then as it was.
    @discardableResult
    public static func write(
        _ files: [(path: String, data: Data)], to folder: URL, overwrite: Bool, study: String? = nil, studySHA256: String? = nil
    ) throws(Error) -> [URL] {
        // Stage beside the real folder (a symbolic link's target), so the renames stay on one file system.
        let folder = folder.standardizedFileURL.resolvingSymlinksInPath()
        let fm = FileManager.default
        var seen = Set<String>()
        for f in files {
            let parts = f.path.split(separator: "/", omittingEmptySubsequences: false)
            if f.path.isEmpty || f.path.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
                || f.path == OutputManifest.fileName || !seen.insert(f.path).inserted
            {
                throw .write(path: folder.appendingPathComponent(f.path).path, reason: "not a valid output path (or written twice)")
            }
        }
        let (owned, previousManifest) = try owned(folder, overwrite: overwrite)
        let foreign = files.map(\.path).filter { !owned.contains($0) && fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if !foreign.isEmpty { throw .foreignFiles(folder: folder.path, paths: foreign) }
        removeStaleStaging(beside: folder)

        // 1. Stage.
        let parent = folder.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw .write(path: parent.path, reason: describe(error))
        }
        let staging = parent.appendingPathComponent(stagingPrefix(folder) + "\(getpid())-\(UUID().uuidString.prefix(8))")
        let new = staging.appendingPathComponent("new")
        setPhase(.staging(staging))
        var entries: [OutputManifest.File] = []
        do throws(Error) {
            for (k, f) in files.enumerated() {
                try writeFile(f.data, to: new.appendingPathComponent(f.path))
                entries.append(.init(path: f.path, bytes: f.data.count, sha256: SHA256.hex(f.data)))
                if k == 0 { TestHook.pause(.staging) }
            }
            let manifest = OutputManifest(files: entries, study: study, studySHA256: studySHA256)
            try writeFile(try encode(manifest, at: new), to: new.appendingPathComponent(OutputManifest.fileName))
        } catch {
            try? fm.removeItem(at: staging)
            setPhase(.idle)
            throw error
        }

        // 2. Swap.
        setPhase(.swapping)
        defer { setPhase(.idle) }
        if !fm.fileExists(atPath: folder.path) {
            // A new folder appears whole: one rename.
            do throws(Error) {
                try move(new, to: folder)
            } catch {
                try? fm.removeItem(at: staging)
                throw error
            }
            try? fm.removeItem(at: staging)
            return files.map { folder.appendingPathComponent($0.path) } + [folder.appendingPathComponent(OutputManifest.fileName)]
        }
        let previousPaths = previousManifest?.paths ?? []
        var transition = OutputManifest(files: [], study: study, studySHA256: studySHA256)
        transition.state = .replacing
        let union = Set(previousPaths).union(files.map(\.path)).sorted()
        transition.files = union.map { OutputManifest.File(path: $0, bytes: 0, sha256: "") }
        transition.previous = previousPaths
        transition.staging = staging.lastPathComponent
        let previousDir = staging.appendingPathComponent("previous")
        do throws(Error) {
            if let previousManifest {
                try writeFile(try encode(previousManifest, at: previousDir), to: previousDir.appendingPathComponent(OutputManifest.fileName))
            }
            let transitionFile = staging.appendingPathComponent("transition.json")
            try writeFile(try encode(transition, at: staging), to: transitionFile)
            try move(transitionFile, to: folder.appendingPathComponent(OutputManifest.fileName))
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        do throws(Error) {
            for p in previousPaths where fm.fileExists(atPath: folder.appendingPathComponent(p).path) {
                try move(folder.appendingPathComponent(p), to: previousDir.appendingPathComponent(p))
            }
            for (k, f) in files.enumerated() {
                try move(new.appendingPathComponent(f.path), to: folder.appendingPathComponent(f.path))
                if k == 0 { TestHook.pause(.swap) }
            }
            try move(new.appendingPathComponent(OutputManifest.fileName), to: folder.appendingPathComponent(OutputManifest.fileName))
        } catch {
            // Undo what was moved; the manifest in state `replacing` says how.
            try? recover(folder)
            throw error
        }
        removeEmptyDirectories(previousPaths.filter { !files.map(\.path).contains($0) }, in: folder)
        try? fm.removeItem(at: staging)
        return files.map { folder.appendingPathComponent($0.path) } + [folder.appendingPathComponent(OutputManifest.fileName)]
    }

    // MARK: - Recovery

    /// Rolls back a replacement that an interrupted run left half done (a manifest in state `replacing`): the
    /// previous run's files are moved back from the staging folder, files of the interrupted run are removed, and
    /// the previous manifest is restored. Does nothing for a folder without such a manifest.
    ///
    /// - Throws: ``Error/cannotRecover(folder:reason:)`` when the staging folder is gone.
    public static func recover(_ folder: URL) throws(Error) {
        let fm = FileManager.default
        guard let m = OutputManifest.read(folder: folder), m.state == .replacing else { return }
        guard let name = m.staging, !name.contains("/"), let previous = m.previous else {
            throw .cannotRecover(folder: folder.path, reason: "its manifest does not name a staging folder")
        }
        let staging = folder.deletingLastPathComponent().appendingPathComponent(name)
        let previousDir = staging.appendingPathComponent("previous")
        let previousManifest = previousDir.appendingPathComponent(OutputManifest.fileName)
        if !previous.isEmpty && !fm.fileExists(atPath: previousManifest.path) {
            throw .cannotRecover(
                folder: folder.path,
                reason: "the staging folder \(staging.path) that held the previous files is gone; the files "
                    + m.paths.joined(separator: ", ") + " may come from two runs: remove them and run again")
        }
        let before = Set(previous)
        for p in m.paths {
            let target = folder.appendingPathComponent(p)
            let saved = previousDir.appendingPathComponent(p)
            if before.contains(p) {
                if fm.fileExists(atPath: saved.path) {
                    try? fm.removeItem(at: target)
                    try move(saved, to: target)
                }
                // Otherwise it was never moved out: still the previous file.
            } else {
                try? fm.removeItem(at: target)
            }
        }
        let manifest = folder.appendingPathComponent(OutputManifest.fileName)
        if previous.isEmpty {
            try? fm.removeItem(at: manifest)
        } else {
            try move(previousManifest, to: manifest)
        }
        removeEmptyDirectories(m.paths.filter { !before.contains($0) }, in: folder)
        try? fm.removeItem(at: staging)
    }

    // MARK: - Helpers

    static func stagingPrefix(_ folder: URL) -> String { ".\(folder.lastPathComponent).pvstudy-staging-" }

    /// Removes staging folders beside `folder` left by runs that no longer exist (killed while staging), except one
    /// the folder's manifest still needs for recovery.
    static func removeStaleStaging(beside folder: URL) {
        let fm = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let prefix = stagingPrefix(folder)
        let needed = OutputManifest.read(folder: folder)?.staging
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) && name != needed {
            let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap { Int32($0) } ?? 0
            if pid > 0 && pid != getpid() && (kill(pid, 0) == 0 || errno == EPERM) { continue }  // a live run's
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    private static func encode(_ m: OutputManifest, at dir: URL) throws(Error) -> Data {
        do { return try m.data() } catch { throw .write(path: dir.appendingPathComponent(OutputManifest.fileName).path, reason: "\(error)") }
    }

    /// Writes `data` to `url` (creating parent folders) and flushes it to disk.
    static func writeFile(_ data: Data, to url: URL) throws(Error) {
        let fm = FileManager.default
        do { try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw .write(path: url.path, reason: describe(error))
        }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .write(path: url.path, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let r = Foundation.write(fd, base + done, raw.count - done)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                done += r
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw .write(path: url.path, reason: failure) }
    }

    /// Renames `from` to `to` (replacing a file there), creating `to`'s parent folders.
    static func move(_ from: URL, to: URL) throws(Error) {
        do { try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw .write(path: to.path, reason: describe(error))
        }
        if rename(from.path, to.path) != 0 { throw .write(path: to.path, reason: String(cString: strerror(errno))) }
    }

    /// Removes the folders of `paths` (deepest first) that are left empty.
    static func removeEmptyDirectories(_ paths: [String], in folder: URL) {
        var dirs = Set<String>()
        for p in paths {
            var parts = p.split(separator: "/").dropLast()
            while !parts.isEmpty {
                dirs.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        for d in dirs.sorted(by: { $0.count > $1.count }) {
            let url = folder.appendingPathComponent(d)
            if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true { rmdir(url.path) }
        }
    }

    static func describe(_ error: any Swift.Error) -> String {
        let ns = error as NSError
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let posix = POSIXErrorCode(rawValue: Int32(u.code)), u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        return ns.localizedDescription
    }

    /// Pauses for a test that interrupts a write at a known point: `SIGNALSTATS_OUTPUT_TEST_PAUSE=staging:<ms>` waits
    /// after the first file is staged, `swap:<ms>` after the first file is moved into place.
    enum TestHook {
        enum Point: String { case staging, swap }
        static func pause(_ point: Point) {
            guard let spec = ProcessInfo.processInfo.environment["SIGNALSTATS_OUTPUT_TEST_PAUSE"] else { return }
            let parts = spec.split(separator: ":")
            guard parts.count == 2, parts[0] == point.rawValue, let ms = UInt32(parts[1]) else { return }
            usleep(ms * 1000)
        }
    }
}
