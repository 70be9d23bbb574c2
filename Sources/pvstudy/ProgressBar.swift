import Foundation
import StudyKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error: stage name, share done, elapsed time and an estimate of the time left.
/// Silent when standard error is not a terminal or when `enabled` is false.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let start = Date()
    private var current: StudyProgress?
    private var stageStart = Date()
    private var timer: DispatchSourceTimer?
    private var visible = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Starts redrawing every quarter second.
    func begin() {
        guard enabled else { return }
        let t = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        t.schedule(deadline: .now(), repeating: .milliseconds(250))
        t.setEventHandler { [weak self] in self?.draw() }
        t.resume()
        timer = t
    }

    /// A new stage.
    func update(_ p: StudyProgress) {
        lock.lock()
        current = p
        stageStart = Date()
        lock.unlock()
        draw()
    }

    /// Clears the line before other output.
    func clear() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if visible {
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            visible = false
        }
    }

    /// Stops and clears the bar.
    func finish() {
        timer?.cancel()
        timer = nil
        clear()
    }

    private func draw() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard let p = current else { return }
        let elapsed = Date().timeIntervalSince(start)
        // Within a stage, assume it takes its weight's share of the projected total; never claim more than 95% of it.
        let inStage = Date().timeIntervalSince(stageStart)
        let projected = p.done > 0.02 ? elapsed / p.done : nil
        let stageShare = projected.map { min(0.95, inStage / max(1e-9, $0 * p.weight)) } ?? 0
        let fraction = min(1, p.done + p.weight * stageShare)
        let width = 28
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let left = fraction > 0.02 ? " ~\(Self.clock(elapsed / fraction * (1 - fraction))) left" : ""
        let name = p.name.count > 40 ? String(p.name.prefix(39)) + "…" : p.name
        let line = String(format: "[%@] %3.0f%%  %d/%d %@  %@%@", bar, fraction * 100, p.stage + 1, p.stages, name, Self.clock(elapsed), left)
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
        visible = true
    }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 60 ? String(format: "%d:%02d", t / 60, t % 60) : "\(t)s"
    }
}
