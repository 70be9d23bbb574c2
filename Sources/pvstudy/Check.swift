import ArgumentParser
import Foundation
import StudyKit

/// `pvstudy check STUDY`: validates a study file without loading any data.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a study file without loading data: keys, types, ranges, dates, windows and references.",
        discussion: """
            Reads STUDY (docs/study-spec.md) and checks every key, type and range, sorted cut points, windows that end \
            before they start, and the references between concept sets, outcomes and designs. Nothing is loaded. \
            `pvstudy run` runs the same check first.

            Exit status: 0 when the file is valid, 1 when it is not (the message names the key path, line and column).
            """)

    @Argument(help: ArgumentHelp("The study file (JSON).", valueName: "study"))
    var study: String

    func run() throws {
        let spec: StudySpec
        do { spec = try StudySpec.load(contentsOf: URL(fileURLWithPath: study)).spec } catch {
            fail("check: \(study): \(error)")
        }
        let designs = spec.designs.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
        print("\(study): valid: \(spec.conceptSets.count) concept sets, \(spec.outcomes.count) outcomes, "
            + "\(spec.designs.count) designs: \(designs)")
    }
}
