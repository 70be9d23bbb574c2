// pvbench: benchmarks of SignalStats against peers (scikit-learn, R glm / gnm / clogit).
//
//   pvbench generate --out DIR [--seed N] [--logistic-rows N] [--cases N]
//   pvbench swift --data DIR [--results DIR] [--repetitions N] [--skip-hardware]
//   pvbench report --results DIR
//   pvbench profile --data DIR --model logistic|conditional-poisson [--count N] [--rows N]
//   pvbench sccs [--out DIR] [--cases N] [--repetitions N] [--no-write]   (prepared intervals; writes them for R)
//   pvbench sccs-network [--cases N] [--repetitions N]                     (end to end from the network model)
//   pvbench lsps-generate --out DIR [--persons N] [--covariates P] [--seed N]
//   pvbench lsps --data DIR [--results DIR] [--l1 X] [--repetitions N] [--tolerance T]
//
// Benchmarks/run.sh runs all of it; see docs/performance.md.
import Foundation

func usage() -> String {
    """
    usage:
      pvbench generate --out DIR [--seed N] [--logistic-rows N] [--cases N]
      pvbench swift --data DIR [--results DIR] [--repetitions N] [--skip-hardware]
      pvbench report --results DIR
      pvbench profile --data DIR --model logistic|conditional-poisson [--count N] [--rows N]
      pvbench ps [--data DIR] [--results DIR] [--persons N] [--subset N] [--seed N] [--repetitions N]
      pvbench ps-report --results DIR
      pvbench sccs [--out DIR] [--cases N] [--repetitions N] [--no-write]
      pvbench sccs-network [--cases N] [--repetitions N]
      pvbench lsps-generate --out DIR [--persons 1000000] [--covariates 10000] [--seed 606]
      pvbench lsps --data DIR [--results DIR] [--l1 100] [--repetitions 1] [--tolerance 1e-8]
    """
}

/// `--key value` pairs and `--flag`s after the subcommand.
func parseOptions(_ args: ArraySlice<String>) throws -> [String: String] {
    var out: [String: String] = [:]
    var i = args.startIndex
    while i < args.endIndex {
        let a = args[i]
        guard a.hasPrefix("--") else { throw BenchError("unexpected argument \(a)\n" + usage()) }
        let key = String(a.dropFirst(2))
        if i + 1 < args.endIndex, !args[i + 1].hasPrefix("--") {
            out[key] = args[i + 1]
            i += 2
        } else {
            out[key] = ""
            i += 1
        }
    }
    return out
}

func intOption(_ o: [String: String], _ key: String, default d: Int) throws -> Int {
    guard let s = o[key] else { return d }
    guard let v = Int(s), v > 0 else { throw BenchError("--\(key) needs a positive integer, got \(s)") }
    return v
}

let arguments = CommandLine.arguments
do {
    guard arguments.count >= 2 else { throw BenchError(usage()) }
    let options = try parseOptions(arguments.dropFirst(2))
    switch arguments[1] {
    case "generate":
        guard let out = options["out"], !out.isEmpty else { throw BenchError("generate needs --out DIR") }
        try Generate.run(
            out: out, seed: UInt64(try intOption(options, "seed", default: 20_240_801)),
            logisticRows: try intOption(options, "logistic-rows", default: Generate.logisticRows),
            cases: try intOption(options, "cases", default: Generate.cases))
    case "swift":
        guard let data = options["data"], !data.isEmpty else { throw BenchError("swift needs --data DIR") }
        try SwiftRun.run(
            data: data, results: options["results"] ?? (data + "/results"),
            repetitions: try intOption(options, "repetitions", default: 3), skipHardware: options["skip-hardware"] != nil)
    case "report":
        guard let dir = options["results"], !dir.isEmpty else { throw BenchError("report needs --results DIR") }
        try Report.run(results: dir)
    case "profile":
        guard let data = options["data"], !data.isEmpty else { throw BenchError("profile needs --data DIR") }
        try Profile.run(
            data: data, model: options["model"] ?? "logistic", count: try intOption(options, "count", default: 20),
            rows: options["rows"] == nil ? nil : try intOption(options, "rows", default: 1))
    case "sccs":
        try SCCSBenchmark.run(
            out: options["out"] ?? "bench-data/sccs", cases: try intOption(options, "cases", default: 100_000),
            repetitions: try intOption(options, "repetitions", default: 3), writeIntervals: options["no-write"] == nil)
    case "ps":
        try PSBenchmark.run(
            data: options["data"] ?? "bench-data/ps", results: options["results"] ?? "bench-data/results",
            persons: try intOption(options, "persons", default: 1_000_000),
            subset: try intOption(options, "subset", default: 100_000),
            seed: UInt64(try intOption(options, "seed", default: 20_241_124)),
            repetitions: try intOption(options, "repetitions", default: 3))
    case "ps-report":
        try PSReport.run(results: options["results"] ?? "bench-data/results")
    case "sccs-network":
        try SCCSNetworkBenchmark.run(
            cases: try intOption(options, "cases", default: 1_000_000), repetitions: try intOption(options, "repetitions", default: 3))
    case "data":
        let results = options["results"] ?? "bench-data/results"
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        try DataBenchmarks.run(
            results: results, persons: try intOption(options, "persons", default: 1_000_000),
            drugRows: try intOption(options, "drug-rows", default: 10_000_000))
    case "lsps-generate":
        guard let out = options["out"], !out.isEmpty else { throw BenchError("lsps-generate needs --out DIR") }
        try LargeScalePSBenchmark.generate(
            out: out, persons: try intOption(options, "persons", default: 1_000_000),
            covariates: try intOption(options, "covariates", default: 10_000),
            seed: UInt64(try intOption(options, "seed", default: 606)))
    case "lsps":
        guard let data = options["data"], !data.isEmpty else { throw BenchError("lsps needs --data DIR") }
        guard let l1 = Double(options["l1"] ?? "100"), l1 > 0,
              let tol = Double(options["tolerance"] ?? "1e-8"), tol > 0
        else { throw BenchError("--l1 and --tolerance need positive numbers") }
        try LargeScalePSBenchmark.run(
            data: data, results: options["results"] ?? (data + "/results"), l1: l1,
            repetitions: try intOption(options, "repetitions", default: 1), tolerance: tol)
    case "-h", "--help", "help":
        print(usage())
    default:
        throw BenchError("unknown subcommand \(arguments[1])\n" + usage())
    }
} catch {
    FileHandle.standardError.write(Data("pvbench: \(error)\n".utf8))
    exit(1)
}
