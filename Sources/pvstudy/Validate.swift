import ArgumentParser
import Foundation
import ValidationKit

/// `pvstudy validate [DIR] [--json FILE]`: runs every validation case below DIR against its published or
/// reference-package values.
///
/// Prints the comparison table, then a final line `validation: N passed, M failed`. Exits with
/// `ExitCode.failure` when any row fails or no case is found.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the validation cases against their reference results.",
        discussion: """
            Finds every case.json below DIR (sorted by folder), fits each case's model on its data and \
            compares every expected value with the obtained one. The case format is documented in \
            docs/validation.md. Exits non-zero if any value fails or no case is found.
            """
    )

    @Argument(help: "Directory searched recursively for case.json files.")
    var directory: String = "Validation/Cases"

    @Option(name: .customLong("json"), help: ArgumentHelp("Also write the report as JSON to this file.", valueName: "file"))
    var jsonPath: String?

    func run() throws {
        let report = ValidationRunner.run(directory: URL(fileURLWithPath: directory))
        var ok = report.allPassed
        if report.cases.isEmpty {
            printError("validate: no case.json found below \(directory)")
        }
        if !report.rows.isEmpty {
            print(report.renderTable())
            print("")
        }
        if let jsonPath {
            do {
                try report.jsonData().write(to: URL(fileURLWithPath: jsonPath))
            } catch {
                printError("validate: cannot write \(jsonPath): \(error.localizedDescription)")
                ok = false
            }
        }
        print("validation: \(report.passed) passed, \(report.failed) failed")
        if !ok { throw ExitCode.failure }
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
