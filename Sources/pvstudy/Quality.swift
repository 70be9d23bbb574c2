import ArgumentParser
import CohortModel
import Foundation

/// `pvstudy quality PATH [--json FILE] [--strict]`: loads a network and prints its data-quality report.
///
/// Exit codes: 0 when every check passes at every site; 2 when some check fails or rows were lost (lines no stored
/// or rejected row accounts for); 1 when the network cannot be loaded (or, with `--strict`, a row cannot be stored)
/// or the JSON cannot be written; 64 for bad arguments.
struct Quality: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a network's data quality: reconciliation, conformance, completeness, plausibility.",
        discussion: """
            PATH is a directory of CSV tables or a SQLite file (.sqlite or .db). The network is loaded leniently \
            (rows that cannot be stored are rejected and counted) unless --strict is given, in which case the \
            first such row is an error. Prints the rows read, stored and rejected per table, the first rejected \
            lines per table and reason (file, line, column), the line ranges the reader resynchronised over or \
            could not account for, then every check over the whole network (ALL) and at each failing site, and \
            a final line "N checks, M failed". The checks are documented in docs/quality.md.

            Exit status: 0 when every check passes, 2 when some check fails or rows were lost (lines that no \
            stored or rejected row accounts for), 1 when loading fails or the JSON cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("A directory of CSV tables, or a .sqlite/.db file.", valueName: "path"))
    var path: String

    @Option(name: .customLong("json"), help: ArgumentHelp("Also write the report as JSON to this file.", valueName: "file"))
    var jsonPath: String?

    @Flag(help: "Load strictly: stop at the first row that cannot be stored.")
    var strict = false

    @Option(
        name: .customLong("extraction-date"),
        help: ArgumentHelp("The data extraction date (YYYY-MM-DD): later dates are invalid. Default: today.", valueName: "date"))
    var extractionDate: String?

    @Flag(name: .customLong("all-sites"), help: "List every site's result, not only the failing sites.")
    var allSites = false

    /// Exit status when some check fails.
    static let checksFailed = ExitCode(2)

    func validate() throws {
        if let extractionDate, Day(extractionDate) == nil {
            throw ValidationError("--extraction-date must be a date as YYYY-MM-DD, not \"\(extractionDate)\"")
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            FileHandle.standardError.write(Data("quality: \(url.path) does not exist\n".utf8))
            throw ExitCode.failure
        }
        let options = LoadOptions(mode: strict ? .strict : .lenient)
        let loaded: LoadedNetwork
        do {
            let ext = url.pathExtension.lowercased()
            if ext == "sqlite" || ext == "db" {
                loaded = try NetworkLoader.loadSQLite(file: url, options: options)
            } else {
                loaded = try NetworkLoader.loadCSV(directory: url, options: options)
            }
        } catch {
            printError("quality: cannot load \(path): \(error)")
            throw ExitCode.failure
        }

        print(rejectionSummary(loaded.report))
        print("")
        var thresholds = QualityThresholds.default
        thresholds.extractionDate = extractionDate.flatMap { Day($0) }
        let report = QualityReport.build(network: loaded.network, loadReport: loaded.report, thresholds: thresholds)
        print(report.summary(allSites: allSites))

        if let jsonPath {
            do {
                try report.jsonData().write(to: URL(fileURLWithPath: jsonPath), options: .atomic)
            } catch {
                printError("quality: cannot write \(jsonPath): \(error.localizedDescription)")
                throw ExitCode.failure
            }
        }
        if !report.allPassed || report.rowsLost { throw Self.checksFailed }
    }

    /// Rows read, stored and rejected per table, with the rejection reasons (the loader's account).
    private func rejectionSummary(_ load: LoadReport) -> String {
        let rejected = load.rejections.count
        let head = rejected == 0 ? "load: no rows rejected" : "load: \(rejected) row\(rejected == 1 ? "" : "s") rejected"
        let listing = QualityReport.LoadSummary(load).listing()
        return head + "\n" + load.summary() + (listing.isEmpty ? "" : "\n" + listing)
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
