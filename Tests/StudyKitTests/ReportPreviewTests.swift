import Foundation
import Testing
@testable import StudyKit

@Suite struct ReportPreviewTests {
    /// Writes the fixture report to $REPORT_PREVIEW (for looking at it in a browser); skipped otherwise.
    @Test func writePreviewWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["REPORT_PREVIEW"] else { return }
        try renderHTML(ReportFixtures.results).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
