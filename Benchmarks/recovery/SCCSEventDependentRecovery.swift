// Recovery of the SCCS relative incidence when the event changes what follows it (issue 14), by simulated case
// series (not sample networks): `pvrecovery sccs-eventdep [--runs 500] [--persons 300] [--seed 1]`, or
// `make recovery-sccs-eventdep`.
//
// Each replicate simulates `persons` cases on ages 366..730 days with one dose at a uniform age in 426..606, a risk
// window of days 0-27 after it with true RI 2, and a constant baseline; the event day is drawn from the intensity.
// - Exposure scenario: an event before the dose prevents it (as death stops vaccination). The standard SCCS is biased
//   upwards; `SCCSEventDependentExposure` should recover RI 2.
// - Observation scenario (as nrtdat): observation starts on the dose day and would last 365 days; after the event it
//   ends after an exponential time of mean 30 days with probability 0.6 (`cen` 1 when that end falls before the
//   nominal end). `SCCSEventDependentObservation` (its EWI model contains this process) should recover RI 2.
import Dispatch
import Foundation
import SampleData
import SignalStats

struct EventDependentReplicate: Sendable {
    /// (log RI, lower, upper) of the standard and the corrected fits; nil where no estimate exists.
    var standard: (Double, Double, Double)?
    var corrected: (Double, Double, Double)?
}

private func uniform(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

/// An event day on `start...end` drawn from intensity 1, or `ri` on `window`.
private func eventDay(start: Int, end: Int, window: ClosedRange<Int>, ri: Double, rng: inout SplitMix64) -> Int {
    while true {
        let d = start + Int(uniform(&rng) * Double(end - start + 1))
        let rate = window.contains(d) ? ri : 1
        if uniform(&rng) * max(ri, 1) < rate { return min(d, end) }
    }
}

private func interval(_ r: RegressionResult, _ term: String, se: Double? = nil) -> (Double, Double, Double)? {
    guard let k = r.index(of: term) else { return nil }
    let b = r.coefficients[k], s = se ?? r.standardErrors[k]
    guard b.isFinite, s.isFinite else { return nil }
    return (b, b - 1.959963985 * s, b + 1.959963985 * s)
}

func eventDependentReplicate(scenario: String, persons: Int, seed: UInt64) -> EventDependentReplicate {
    var rng = SplitMix64(seed: seed)
    let ri = 2.0, start = 366, nominalEnd = 730
    var ids: [String] = [], ends: [Int] = [], events: [Int] = [], doses: [Int?] = [], cen: [Int?] = []
    var starts: [Int] = []
    for i in 0..<persons {
        let u = 426 + Int(uniform(&rng) * 181)
        var first = start, end = nominalEnd
        var dose: Int? = u
        let t: Int
        if scenario == "exposure" {
            t = eventDay(start: first, end: end, window: u...(u + 27), ri: ri, rng: &rng)
            if t < u { dose = nil }
        } else {
            // As nrtdat: observation starts on the dose day and would last a year.
            first = u
            end = u + 364
            t = eventDay(start: first, end: end, window: u...(u + 27), ri: ri, rng: &rng)
            if uniform(&rng) < 0.6 {
                let gap = Int((-30 * Foundation.log(1 - uniform(&rng))).rounded())
                end = min(end, t + gap)
            }
        }
        starts.append(first)
        cen.append(end < (scenario == "exposure" ? nominalEnd : u + 364) ? 1 : 0)
        ids.append("\(i + 1)")
        ends.append(end)
        events.append(t)
        doses.append(dose)
    }
    let data = SCCSPreparedData(
        indiv: ids, start: starts, end: ends, event: events,
        columns: ["dose": doses, "cen": cen])
    let x = SCCSExposureDefinition(name: "d", doseColumns: ["dose"], cutPoints: [0], endOffset: 27)
    var out = EventDependentReplicate()
    if let fit = try? data.model(exposures: [x]).fit(profile: false) { out.standard = interval(fit.regression, "d1") }
    if scenario == "exposure" {
        if let fit = try? SCCSEventDependentExposure(data: data, exposure: x).fit() { out.corrected = interval(fit.regression, "d1") }
    } else if let model = try? SCCSEventDependentObservation(data: data, exposures: [x], censorColumn: "cen"),
        let fit = try? model.fit()
    {
        out.corrected = interval(fit.regression, "d1")
    }
    return out
}

final class EventDependentResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [EventDependentReplicate]
    init(_ n: Int) { values = Array(repeating: EventDependentReplicate(), count: n) }
    func set(_ i: Int, _ v: EventDependentReplicate) {
        lock.lock()
        values[i] = v
        lock.unlock()
    }
}

func sccsEventDependentRecovery(runs: Int, persons: Int, seed: UInt64) {
    let truth = Foundation.log(2.0)
    let clock = ContinuousClock()
    for scenario in ["exposure", "observation"] {
        let start = clock.now
        let results = EventDependentResults(runs)
        DispatchQueue.concurrentPerform(iterations: runs) { r in
            results.set(r, eventDependentReplicate(scenario: scenario, persons: persons, seed: seed &+ UInt64(r)))
        }
        print("SCCS event-dependent \(scenario): \(runs) simulated series of \(persons) cases (seeds \(seed)...\(seed &+ UInt64(runs - 1))), true RI 2")
        for (label, pick) in [("standard SCCS", { (r: EventDependentReplicate) in r.standard }), ("corrected", { (r: EventDependentReplicate) in r.corrected })] {
            let e = results.values.compactMap(pick)
            let covered = e.filter { $0.1 <= truth && truth <= $0.2 }.count
            let bias = e.map { $0.0 - truth }.reduce(0, +) / Double(max(e.count, 1))
            print(String(format: "  %@: estimate in %d of %d runs; coverage of the 95%% interval %.1f%%; mean bias of log RI %+.4f",
                         label, e.count, runs, 100 * Double(covered) / Double(max(e.count, 1)), bias))
        }
        print("  elapsed \(clock.now - start)")
    }
}
