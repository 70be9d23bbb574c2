import Foundation
import Logging

/// A swift-log handler for `pvstudy run` and `demo`: every message at `info` or above goes to the run log (with
/// the seconds since the start), and messages at `consoleLevel` or above also go to standard error.
struct RunLogHandler: LogHandler {
    /// The collected log lines (shared by every logger the handler creates).
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        let start = Date()
        var progress: ProgressBar?
        func append(_ line: String) {
            lock.lock()
            lines.append(line)
            lock.unlock()
        }
        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    let label: String
    let store: Store
    let consoleLevel: Logger.Level
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let t = String(format: "%8.3f", Date().timeIntervalSince(store.start))
        let line = "\(t)s \(event.level) \(event.message)"
        store.append(line)
        if event.level >= consoleLevel {
            store.progress?.clear()
            FileHandle.standardError.write(Data("\(event.level): \(event.message)\n".utf8))
        }
    }
}
