// Recovery studies: simulate many small sample networks with known injected effects, estimate them, and report
// coverage of the 95% interval and the mean bias of the log estimate. Run with `make recovery` (release build).
//
//   pvrecovery sccs [--runs 1000] [--persons 4000] [--seed 1]
//   pvrecovery ps [--runs 1000] [--persons 40000] [--seed 1] [--ps-model dense-ridge|lasso-cv]
import CohortModel
import Dispatch
import Foundation
import SampleData
import SignalStats

struct Options {
    var design = "sccs"
    var runs = 1000
    var persons = 4000
    var seed: UInt64 = 1
    /// PS model: `dense-ridge` (dense Newton, ridge 1; the default) or `lasso-cv` (sparse L1, 10-fold CV, CohortMethod's).
    var psModel = "dense-ridge"
}

func parse() -> Options {
    var o = Options()
    var args = Array(CommandLine.arguments.dropFirst())
    if let first = args.first, !first.hasPrefix("--") { o.design = first; args.removeFirst() }
    var i = 0
    while i + 1 < args.count {
        switch args[i] {
        case "--runs": o.runs = Int(args[i + 1]) ?? o.runs
        case "--persons": o.persons = Int(args[i + 1]) ?? o.persons
        case "--seed": o.seed = UInt64(args[i + 1]) ?? o.seed
        case "--ps-model": o.psModel = args[i + 1]
        default: break
        }
        i += 2
    }
    return o
}

/// One SCCS replicate: log RI and its Wald 95% interval on a fresh network, or nil when no estimate exists.
func sccsReplicate(persons: Int, seed: UInt64) -> (logRI: Double, lower: Double, upper: Double)? {
    let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: seed))
    let n = sample.network, t = sample.truth.sccs
    guard let outcome = n.vocabulary.id(of: t.outcomeICD10, system: .icd10) else { return nil }
    var persons: [Int32] = [], dates: [Day] = []
    for i in 0..<n.diagnoses.table.count where n.diagnoses.table.code[i] == outcome {
        persons.append(n.diagnoses.table.person[i])
        dates.append(n.diagnoses.table.date[i])
    }
    let drug = SampleNetwork.drugs(atc: t.drugATC, name: t.drug)
    let design = SCCSNetworkDesign(
        exposures: [.init(name: t.drug, drugs: drug,
                          windows: [SCCSRiskWindow(label: "risk", start: t.riskStart, end: t.riskEnd, endAnchor: .eraStart)])],
        ageCutPointsYears: Array(stride(from: 10, through: 90, by: 10)), seasonStartMonths: [3, 6, 9, 12])
    let result: SCCSResult
    do {
        let prepared = try design.prepare(network: n, outcomePersons: persons, outcomeDates: dates)
        result = try SCCSModel(prepared.intervals).fit(profile: false)
    } catch {
        if ProcessInfo.processInfo.environment["RECOVERY_VERBOSE"] != nil { print("seed \(seed): \(error)") }
        return nil
    }
    guard result.regression.convergence.isConverged, let e = result.estimate("\(t.drug) risk") else {
        if ProcessInfo.processInfo.environment["RECOVERY_VERBOSE"] != nil { print(result.summary()) }
        return nil
    }
    return (e.logRelativeIncidence, Foundation.log(e.waldLower), Foundation.log(e.waldUpper))
}

/// One PS replicate: the matched (marginal) log HR with its interval, the crude log HR, and the network's marginal truth.
func psReplicate(persons: Int, seed: UInt64, model: String) -> (logHR: Double, lower: Double, upper: Double, crude: Double, truth: Double, maxSMD: Double)? {
    let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: seed))
    let n = sample.network, t = sample.truth.ps
    var design = PSCohortStudyDesign(target: SampleNetwork.drugs(atc: t.targetATC, name: t.target), comparator: SampleNetwork.drugs(atc: t.comparatorATC, name: t.comparator))
    design.covariates = CovariateOptions(windowStart: -36_500, windowEnd: -1, minimumPrevalence: 0.001)
    design.timeAtRisk = .onTreatment(daysAfterExposureEnd: 30)
    // Small networks leave some age groups with a handful of persons in one arm: the unpenalized PS model is then
    // separated (and says so); a small ridge keeps it finite, as OHDSI's regularized PS models do.
    design.propensityL2Penalty = 1
    if model == "lasso-cv" { design.propensityModel = .cohortMethodDefault }
    do {
        let events = try OutcomeDefinition.lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3))).events(in: n)
        let result = try design.run(network: n, outcomePersons: events.person, outcomeDates: events.date)
        let h = try result.hazardRatios()
        return (h.marginal.logHazardRatio, Foundation.log(h.marginal.lower), Foundation.log(h.marginal.upper),
                h.crude.logHazardRatio, Foundation.log(t.marginalHazardRatioATT), result.balance.maxAbsSMDAfter)
    } catch {
        if ProcessInfo.processInfo.environment["RECOVERY_VERBOSE"] != nil { print("seed \(seed): \(error)") }
        return nil
    }
}

final class PSResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [(Double, Double, Double, Double, Double, Double)?]
    init(_ n: Int) { values = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ v: (Double, Double, Double, Double, Double, Double)?) {
        lock.lock()
        values[i] = v
        lock.unlock()
    }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [(Double, Double, Double)?]
    init(_ n: Int) { values = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ v: (Double, Double, Double)?) {
        lock.lock()
        values[i] = v
        lock.unlock()
    }
}

let options = parse()
let clock = ContinuousClock()
let start = clock.now
let results = Results(options.runs)
switch options.design {
case "sccs":
    let truth = Foundation.log(SampleConfiguration().sccs.relativeIncidence)
    DispatchQueue.concurrentPerform(iterations: options.runs) { r in
        results.set(r, sccsReplicate(persons: options.persons, seed: options.seed &+ UInt64(r)))
    }
    let estimates = results.values.compactMap { $0 }
    let covered = estimates.filter { $0.1 <= truth && truth <= $0.2 }.count
    let bias = estimates.map { $0.0 - truth }.reduce(0, +) / Double(max(estimates.count, 1))
    let coverage = Double(covered) / Double(max(estimates.count, 1))
    let elapsed = clock.now - start
    print("SCCS recovery: \(options.runs) networks of \(options.persons) persons (seeds \(options.seed)...\(options.seed &+ UInt64(options.runs - 1)))")
    print("  estimate exists in \(estimates.count) of \(options.runs) runs")
    print(String(format: "  coverage of the 95%% Wald interval: %.1f%% (target 93.5-96.5%%)", 100 * coverage))
    print(String(format: "  mean bias of log RI: %+.4f (target |bias| < 0.05); truth RI %.2f", bias, Foundation.exp(truth)))
    print("  \(covered) covered; elapsed \(elapsed)")
    let pass = coverage >= 0.935 && coverage <= 0.965 && abs(bias) < 0.05
    print(pass ? "PASS" : "MISS")
case "ps":
    let ps = PSResults(options.runs)
    DispatchQueue.concurrentPerform(iterations: options.runs) { r in
        ps.set(r, psReplicate(persons: options.persons, seed: options.seed &+ UInt64(r), model: options.psModel))
    }
    let estimates = ps.values.compactMap { $0 }
    let covered = estimates.filter { $0.1 <= $0.4 && $0.4 <= $0.2 }.count
    let coverage = Double(covered) / Double(max(estimates.count, 1))
    let bias = estimates.map { $0.0 - $0.4 }.reduce(0, +) / Double(max(estimates.count, 1))
    let crudeBias = estimates.map { $0.3 - $0.4 }.reduce(0, +) / Double(max(estimates.count, 1))
    let meanTruth = estimates.map { Foundation.exp($0.4) }.reduce(0, +) / Double(max(estimates.count, 1))
    print("PS recovery: \(options.runs) networks of \(options.persons) persons (seeds \(options.seed)...\(options.seed &+ UInt64(options.runs - 1))), PS model \(options.psModel)")
    print("  estimate exists in \(estimates.count) of \(options.runs) runs")
    print(String(format: "  coverage of each network's marginal ATT hazard ratio (mean %.3f) by the matched 95%% interval: %.1f%% (target 93.5-96.5%%)",
                 meanTruth, 100 * coverage))
    print(String(format: "  mean bias of the log HR: matched %+.4f, crude %+.4f (the crude estimate is confounded)", bias, crudeBias))
    let smd = estimates.map(\.5).sorted()
    if !smd.isEmpty {
        print(String(format: "  max |SMD| after matching: median %.3f, 90th percentile %.3f; balance passes (all < 0.1) in %d of %d runs",
                     smd[smd.count / 2], smd[min(smd.count - 1, smd.count * 9 / 10)], smd.filter { $0 < 0.1 }.count, smd.count))
    }
    print("  \(covered) covered; elapsed \(clock.now - start)")
    print(coverage >= 0.935 && coverage <= 0.965 ? "PASS" : "MISS")
case "sccs-eventdep":
    // Issue 14: SCCSEventDependentRecovery.swift (simulated case series, `make recovery-sccs-eventdep`).
    sccsEventDependentRecovery(runs: options.runs, persons: options.persons, seed: options.seed)
default:
    print("unknown design \(options.design); available: sccs, ps, sccs-eventdep")
}
