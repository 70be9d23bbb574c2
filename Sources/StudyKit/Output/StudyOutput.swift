import Foundation

/// Writes a study's outputs into a folder: `results.json`, the CSV tables and `report.html`, all with small cells
/// suppressed at the study's threshold.
public enum StudyOutput {
    /// Errors writing the outputs.
    public enum Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        /// The folder exists and is not empty, and overwriting was not allowed.
        case folderNotEmpty(String)
        /// A file could not be written.
        case write(path: String, reason: String)

        /// One line.
        public var description: String {
            switch self {
            case .folderNotEmpty(let p): return "the output folder \(p) exists and is not empty (use --force to overwrite it)"
            case .write(let p, let r): return "cannot write \(p): \(r)"
            }
        }
    }

    /// The report renderer used when none is given: ``renderHTML(_:)``.
    public static let defaultRenderer: (@Sendable (StudyResults) -> String)? = { renderHTML($0) }

    /// Whether a folder exists and holds files.
    public static func isNonEmptyFolder(_ url: URL) -> Bool {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            return FileManager.default.fileExists(atPath: url.path)
        }
        return !items.isEmpty
    }

    /// Suppresses small cells and writes the outputs; returns the paths written.
    ///
    /// - Parameters:
    ///   - results: results as the runner returns them (unsuppressed).
    ///   - directory: the output folder (created if needed).
    ///   - options: threshold, CSV and report switches.
    ///   - overwrite: replace the files of a non-empty folder (otherwise ``Error/folderNotEmpty(_:)``); CSV files
    ///     left in `tables/` by an earlier run are removed, other files are left alone.
    ///   - renderer: turns the suppressed results into report.html.
    @discardableResult
    public static func write(
        _ results: StudyResults, to directory: URL, options: OutputOptions, overwrite: Bool,
        renderer: ((StudyResults) -> String)? = defaultRenderer
    ) throws(Error) -> [URL] {
        if isNonEmptyFolder(directory) && !overwrite { throw .folderNotEmpty(directory.path) }
        let published = results.suppressingSmallCells(threshold: options.smallCellThreshold)
        var files: [(String, Data)] = []
        do { files.append(("results.json", try ResultsWriter.data(published))) } catch {
            throw .write(path: directory.appendingPathComponent("results.json").path, reason: "\(error)")
        }
        if options.csv {
            for t in CSVTables.tables(published) { files.append(("tables/" + t.name, Data(t.text.utf8))) }
        }
        if options.report, let renderer { files.append(("report.html", Data(renderer(published).utf8))) }
        var written: [URL] = []
        let fm = FileManager.default
        // Tables of an earlier run (for example of a design since removed) would be mistaken for this run's.
        let tables = directory.appendingPathComponent("tables")
        for name in (try? fm.contentsOfDirectory(atPath: tables.path)) ?? [] where name.hasSuffix(".csv") {
            try? fm.removeItem(at: tables.appendingPathComponent(name))
        }
        for (name, data) in files {
            let url = directory.appendingPathComponent(name)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            } catch {
                throw .write(path: url.path, reason: error.localizedDescription)
            }
            written.append(url)
        }
        return written
    }
}
