import Foundation

/// Writes a study's outputs into a folder: `results.json`, the CSV tables and `report.html`, all with small cells
/// suppressed at the study's threshold, and `manifest.json` listing them with their SHA-256 digests.
///
/// Writing is atomic per folder (``OutputFolder``): the files are staged beside the folder, renamed into place and
/// the manifest is written last, so an interrupted or failed write leaves the previous outputs as they were. An
/// earlier run's files are replaced only with `overwrite`, and only those its manifest lists: a report the new run
/// does not write (`output.report: false`) is removed with the rest of the earlier run, and files the user put in
/// the folder stay.
public enum StudyOutput {
    /// Errors writing the outputs (``OutputFolder/Error``).
    public typealias Error = OutputFolder.Error

    /// The report renderer used when none is given: ``renderHTML(_:)``.
    public static let defaultRenderer: (@Sendable (StudyResults) -> String)? = { renderHTML($0) }

    /// Whether a folder exists and holds files.
    public static func isNonEmptyFolder(_ url: URL) -> Bool {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: url.path) else {
            return FileManager.default.fileExists(atPath: url.path)
        }
        return !items.isEmpty
    }

    /// Whether outputs may be written into `directory` (see ``OutputFolder/check(_:overwrite:)``); call it before a
    /// long run to fail early.
    public static func checkTarget(_ directory: URL, overwrite: Bool) throws(Error) {
        try OutputFolder.check(directory, overwrite: overwrite)
    }

    /// The files of a study's outputs, suppressed at the study's threshold: `results.json`, `tables/*.csv` (when
    /// `options.csv`) and `report.html` (when `options.report` and a renderer is given).
    public static func files(
        _ results: StudyResults, options: OutputOptions, renderer: ((StudyResults) -> String)? = defaultRenderer
    ) throws(Error) -> [(path: String, data: Data)] {
        let published = results.suppressingSmallCells(threshold: options.smallCellThreshold)
        var files: [(path: String, data: Data)] = []
        do { files.append(("results.json", try ResultsWriter.data(published))) } catch {
            throw .write(path: "results.json", reason: "\(error)")
        }
        if options.csv {
            for t in CSVTables.tables(published) { files.append(("tables/" + t.name, Data(t.text.utf8))) }
        }
        if options.report, let renderer { files.append(("report.html", Data(renderer(published).utf8))) }
        return files
    }

    /// Suppresses small cells and writes the outputs atomically; returns the paths written (`manifest.json` last).
    ///
    /// - Parameters:
    ///   - results: results as the runner returns them (unsuppressed).
    ///   - directory: the output folder (created if needed).
    ///   - options: threshold, CSV and report switches.
    ///   - overwrite: replace the outputs of an earlier run (the files its manifest lists; others stay).
    ///   - renderer: turns the suppressed results into report.html.
    ///   - extraFiles: more files to write with the outputs (`pvstudy run` adds `run.log`).
    /// - Throws: ``OutputFolder/Error``: the folder holds an earlier run's outputs and `overwrite` is false; it holds
    ///   files but no manifest; a file to write exists and the manifest does not list it; a file cannot be written.
    ///   The folder is then unchanged.
    @discardableResult
    public static func write(
        _ results: StudyResults, to directory: URL, options: OutputOptions, overwrite: Bool,
        renderer: ((StudyResults) -> String)? = defaultRenderer, extraFiles: [(path: String, data: Data)] = []
    ) throws(Error) -> [URL] {
        try OutputFolder.check(directory, overwrite: overwrite)
        let all = try files(results, options: options, renderer: renderer) + extraFiles
        return try OutputFolder.write(
            all, to: directory, overwrite: overwrite, study: results.study, studySHA256: results.provenance.studySHA256)
    }
}
