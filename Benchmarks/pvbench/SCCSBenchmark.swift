import CohortModel
import Foundation
import SampleData
import SignalStats

/// `pvbench sccs`: SCCS with exposure + 10 age groups + 11 season groups (22 parameters), the shape of the peer
/// figures in the team notes. Generates the cases, builds the intervals (timed apart), fits (timed), and writes the
/// intervals for the R peers (`Benchmarks/peers/r_sccs.R`).
enum SCCSBenchmark {
    static func run(out: String, cases: Int, repetitions: Int, writeIntervals: Bool) throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var rng = Xoshiro256StarStar(seed: 515)
        // Observation: one year of age [0, 364]; age cut every 33 days (11 groups); season by calendar month from a
        // random date of birth; one 28-day risk window after a random exposure day; one event per case.
        let ageCuts = (1...10).map { $0 * 33 }
        let trueLogRI = Foundation.log(2.0)
        var built: [SCCSCase] = []
        built.reserveCapacity(cases)
        let origin = Int(Day(year: 2015, month: 1, day: 1)?.rawValue ?? 16436)
        for c in 0..<cases {
            let birth = origin + rng.nextInt(below: 3650)
            let exposure = rng.nextInt(below: 365)
            let window = SCCSWindow(from: exposure, to: min(364, exposure + 27), parameter: 0)
            // Event day by rejection: rate ∝ RI in window × age effect × season effect.
            var event = 0
            while true {
                let d = rng.nextInt(below: 365)
                var rate = (d >= window.from && d <= window.to) ? Foundation.exp(trueLogRI) : 1
                rate *= Foundation.exp(-0.002 * Double(d))
                let month = Day(Int32(birth + d)).civil.month
                rate *= Foundation.exp(0.3 * Foundation.cos(2 * Double.pi * Double(month - 1) / 12))
                if rng.nextUniform() * 2.7 < rate {
                    event = d
                    break
                }
            }
            built.append(SCCSCase(id: String(c), observationStart: 0, observationEnd: 364, events: [event], windows: [window],
                                  birthDay: 0, calendarOrigin: birth))
        }
        let adjustment = SCCSAdjustment(ageCutPoints: ageCuts, seasonStartMonths: Array(1...12))
        // Memory: one pass (intervals, model, fit with profile interval) with the peak reset after the cases exist.
        let base = ProcessMemory.read().current
        ProcessMemory.resetPeak()
        do {
            let once = try SCCSIntervals.build(cases: built, parameterNames: ["exposure"], adjustment: adjustment)
            _ = try SCCSModel(once).fit(profile: true)
        }
        let memory = ProcessMemory.read()
        let (buildTimes, buildCPU, intervals) = try timedCPU(repetitions) {
            try SCCSIntervals.build(cases: built, parameterNames: ["exposure"], adjustment: adjustment)
        }
        let (setupTimes, setupCPU, model) = try timedCPU(repetitions) { try SCCSModel(intervals) }
        let (evalTimes, evalCPU, _) = timedCPU(5) { model.likelihood.evaluate(at: [Double](repeating: 0.1, count: model.parameterNames.count)) }
        let (fitTimes, fitCPU, result) = try timedCPU(repetitions) { () -> SCCSResult in
            try SCCSModel(intervals).fit(profile: false)
        }
        let (profileTimes, profileCPU, profiled) = try timedCPU(repetitions) { () -> SCCSResult in try SCCSModel(intervals).fit(profile: true) }
        let bytesPerInterval = 4 * 3 + 4 + 2 + 2 + 4  // case index, length, events; pattern; age; season; key
        print(String(format: "SCCS %d cases, %d intervals (%.1f per case), %d parameters",
                     cases, intervals.count, Double(intervals.count) / Double(cases), result.regression.terms.count))
        print("  interval construction (best of \(repetitions)): \(formatWallCPU(buildTimes, buildCPU))")
        print("  model set-up: \(formatWallCPU(setupTimes, setupCPU)); one likelihood evaluation: \(formatWallCPU(evalTimes, evalCPU))")
        let fit = fitTimes.min() ?? .nan
        print("  fit from prepared intervals, model set-up included (best of \(repetitions)): \(formatWallCPU(fitTimes, fitCPU)), "
            + "\(result.regression.iterations) iterations\(cases >= 1_000_000 ? "  target <= 1 s: \(fit <= 1 ? "PASS" : "MISS")" : "")")
        print("  fit with the profile interval of the exposure: \(formatWallCPU(profileTimes, profileCPU))")
        print(String(format: "  exposure RI %.6f (truth 2.0), log-likelihood %.10f; interval data %d bytes per interval",
                     result.estimate("exposure")?.relativeIncidence ?? .nan, result.regression.logLikelihood, bytesPerInterval))
        if let p = profiled.estimate("exposure") {
            print(String(format: "  profile 95%%: %.6f - %.6f", p.profileLower ?? .nan, p.profileUpper ?? .nan))
        }
        print(String(format: "  peak memory of the process (cases, intervals, model, fit): %.0f MB = %.1f bytes per interval; "
                     + "above the cases (%.0f MB): %.1f bytes per interval",
                     Double(memory.peak) / 1e6, Double(memory.peak) / Double(max(intervals.count, 1)), Double(base) / 1e6,
                     Double(memory.peak - base) / Double(max(intervals.count, 1))))
        var lines = ["cases \(cases)", "intervals \(intervals.count)", String(format: "fit_seconds %.6f", fitTimes.min() ?? .nan),
                     String(format: "build_seconds %.6f", buildTimes.min() ?? .nan), "iterations \(result.regression.iterations)",
                     String(format: "fit_profile_seconds %.6f", profileTimes.min() ?? .nan), "peak_bytes \(memory.peak)"]
        for (k, name) in result.regression.terms.enumerated() { lines.append(String(format: "coef_%@ %.12g", name, result.regression.coefficients[k])) }
        try lines.joined(separator: "\n").appending("\n").write(toFile: out + "/sccs-signalstats.txt", atomically: true, encoding: .utf8)
        guard writeIntervals else { return }
        try BinaryIO.write(intervals.caseIndex.map(Double.init), to: out + "/sccs_case.f64")
        try BinaryIO.write(intervals.length.map(Double.init), to: out + "/sccs_len.f64")
        try BinaryIO.write(intervals.events.map(Double.init), to: out + "/sccs_event.f64")
        try BinaryIO.write(intervals.exposurePattern.map { intervals.exposurePatterns[Int($0)].isEmpty ? 0 : 1 }, to: out + "/sccs_expo.f64")
        try BinaryIO.write(intervals.ageGroup.map(Double.init), to: out + "/sccs_age.f64")
        try BinaryIO.write(intervals.seasonGroup.map(Double.init), to: out + "/sccs_season.f64")
        try "rows \(intervals.count)\n".write(toFile: out + "/sccs_manifest.txt", atomically: true, encoding: .utf8)
    }
}

/// CPU seconds used by this process (all threads): with the machine shared, CPU time is far less disturbed than wall
/// time, and on an idle 2-core machine wall ≈ CPU / 2 for the parallel parts.
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// `timed` that also records the CPU time of each repetition.
func timedCPU<T>(_ repetitions: Int, _ body: () throws -> T) rethrows -> (times: [Double], cpu: [Double], result: T) {
    var cpu: [Double] = []
    var c0 = processCPUSeconds()
    let (times, result) = try timed(repetitions) { () throws -> T in
        c0 = processCPUSeconds()
        let r = try body()
        cpu.append(processCPUSeconds() - c0)
        return r
    }
    return (times, cpu, result)
}

/// `1.234 s (CPU 2.1 s)`.
func formatWallCPU(_ wall: [Double], _ cpu: [Double]) -> String {
    "\(formatSeconds(wall.min() ?? .nan)) (CPU \(formatSeconds(cpu.min() ?? .nan)))"
}

/// Resident memory of this process from `/proc/self/status` (Linux); the peak can be reset between stages.
struct ProcessMemory {
    var current: Int
    var peak: Int

    static func read() -> ProcessMemory {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .init(current: 0, peak: 0) }
        func field(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return .init(current: field("VmRSS"), peak: field("VmHWM"))
    }

    /// Resets the peak to the current resident size (`/proc/self/clear_refs` value 5, Linux 4.0+).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
