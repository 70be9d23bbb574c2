import ArgumentParser
import Foundation
import Logging
import SignalStats
import StudyKit

/// `pvstudy run STUDY --out DIR [--force] [--quiet] [--threads N]`: runs a study file and writes results.json, the
/// CSV tables and report.html.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a study file: results.json, CSV tables and report.html in an output folder.",
        discussion: """
            STUDY is a JSON study specification (docs/study-spec.md). Relative data paths in it are relative to the \
            study file. The output folder must be new or empty, or hold an earlier run's outputs (its manifest.json) \
            and --force be given; --force replaces only the files that manifest lists. The outputs are staged beside \
            the folder and renamed into place, manifest.json last, so an interrupted or failed run leaves the \
            previous outputs as they were. Small counts are suppressed in every output (the study's \
            output.smallCellThreshold, default 10). A progress bar shows on standard error when it is a terminal; \
            the log goes to DIR/run.log.

            Exit status: 0 when every design ran, 2 when some design failed (its error is in results.json), 1 when \
            the study file or the data cannot be read or the outputs cannot be written.
            """)

    @Argument(help: ArgumentHelp("The study file (JSON).", valueName: "study"))
    var study: String

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String

    @Flag(help: "Replace the outputs of an earlier run in the output folder (only the files its manifest.json lists).")
    var force = false

    @Flag(help: "No progress bar and no log on the terminal (errors still print).")
    var quiet = false

    @Option(help: "Worker threads for OpenBLAS (default: as the environment sets OPENBLAS_NUM_THREADS).")
    var threads: Int?

    @Flag(help: "Print the log (info and above) on standard error.")
    var verbose = false

    /// Exit status when some design failed.
    static let designFailed = ExitCode(2)

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        installInterruptHandlers()
        let studyURL = URL(fileURLWithPath: study)
        let outURL = URL(fileURLWithPath: out)
        do { try StudyOutput.checkTarget(outURL, overwrite: force) } catch { fail("run: \(error)") }
        if let threads { setBLASThreads(threads) }
        let loaded: (spec: StudySpec, bytes: Data)
        do { loaded = try StudySpec.load(contentsOf: studyURL) } catch { fail("run: \(study): \(error)") }
        let outcome = try runStudy(
            spec: loaded.spec, bytes: loaded.bytes, baseDirectory: studyURL.deletingLastPathComponent(), out: outURL, overwrite: force,
            quiet: quiet, verbose: verbose)
        if !quiet { print(outcome.summary) }
        if outcome.failedDesigns > 0 { throw Self.designFailed }
    }
}

/// What `runStudy` did.
struct StudyRunOutcome {
    var run: StudyRunner.Run
    var written: [URL]
    var failedDesigns: Int
    var summary: String
}

/// Runs a study with a progress bar and a run log, and writes its outputs (shared by `run` and `demo`).
func runStudy(
    spec: StudySpec, bytes: Data, baseDirectory: URL, out: URL, overwrite: Bool, quiet: Bool, verbose: Bool
) throws -> StudyRunOutcome {
    let store = RunLogHandler.Store()
    let bar = ProgressBar(enabled: !quiet)
    store.progress = bar
    let consoleLevel: Logger.Level = verbose && !quiet ? .info : .error
    let logger = Logger(label: "pvstudy.run") { label in RunLogHandler(label: label, store: store, consoleLevel: consoleLevel) }
    let runner = StudyRunner(
        spec: spec, studyBytes: bytes, baseDirectory: baseDirectory, progress: { bar.update($0) }, logger: logger)
    bar.begin()
    let result: StudyRunner.Run
    do { result = try runner.run() } catch {
        bar.finish()
        fail("run: \(error)")
    }
    bar.finish()
    let written: [URL]
    do {
        let files = try StudyOutput.files(result.results, options: spec.output)
        logger.info("writing \(files.count + 2) files to \(out.path) (with run.log and manifest.json)")
        let log: (path: String, data: Data) = ("run.log", Data(store.text.utf8))
        written = try OutputFolder.write(
            files + [log], to: out, overwrite: overwrite, study: result.results.study,
            studySHA256: result.results.provenance.studySHA256)
    } catch {
        fail("run: \(error)")
    }
    let failed = result.results.designs.filter { $0.error != nil }
    var lines = ["\(spec.name): \(result.results.designs.count) designs, \(failed.count) failed"]
    for d in failed { lines.append("  \(d.name): \(d.error ?? "")") }
    let report = out.appendingPathComponent("report.html")
    lines.append("results: \(out.appendingPathComponent("results.json").path)")
    if FileManager.default.fileExists(atPath: report.path) { lines.append("report:  \(report.path)") }
    return StudyRunOutcome(run: result, written: written, failedDesigns: failed.count, summary: lines.joined(separator: "\n"))
}

/// On SIGINT or SIGTERM: removes the staging folder of an output write in progress (the output folder itself is
/// left as it was, or, mid-swap, for the next write to roll back) and exits with 128 + the signal.
func installInterruptHandlers() {
    for sig in [SIGINT, SIGTERM] {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            OutputFolder.abandonStaging()
            Foundation.exit(128 + sig)
        }
        source.resume()
        InterruptSources.keep(source)
    }
}

/// Keeps the signal sources alive for the life of the process.
enum InterruptSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    static func keep(_ s: any DispatchSourceSignal) { sources.append(s) }
}

/// Prints `message` on standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    Foundation.exit(1)
}

/// Sets OpenBLAS's thread count.
func setBLASThreads(_ n: Int) { BLAS.setThreadCount(n) }
