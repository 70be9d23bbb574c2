import Dispatch

/// Wall-clock seconds since an arbitrary origin (monotonic).
func wallClock() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
}

/// Runs `body` `repetitions` times and returns every wall-clock time and the last result.
func timed<T>(_ repetitions: Int, _ body: () throws -> T) rethrows -> (times: [Double], result: T) {
    var t0 = wallClock()
    var last = try body()
    var times = [wallClock() - t0]
    for _ in 1..<max(repetitions, 1) {
        t0 = wallClock()
        last = try body()
        times.append(wallClock() - t0)
    }
    return (times, last)
}

/// Formats seconds for a table: `1.234 s` or `12.3 ms`.
func formatSeconds(_ s: Double) -> String {
    if !s.isFinite { return "-" }
    return s >= 1 ? String(format: "%.3f s", s) : String(format: "%.1f ms", s * 1000)
}
