import Foundation

/// Errors of the benchmark driver.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Raw little-endian float64 files: the interchange format between pvbench and the peer scripts
/// (NumPy `fromfile(dtype="<f8")`, R `readBin(what = "double", size = 8, endian = "little")`).
enum BinaryIO {
    static func write(_ values: [Double], to path: String) throws {
        guard let f = fopen(path, "wb") else { throw BenchError("cannot open \(path) for writing") }
        defer { fclose(f) }
        let written = values.map { $0.bitPattern.littleEndian }.withUnsafeBufferPointer { p in
            fwrite(p.baseAddress, 8, p.count, f)
        }
        guard written == values.count else { throw BenchError("short write to \(path)") }
    }

    static func read(_ path: String, count: Int) throws -> [Double] {
        guard let f = fopen(path, "rb") else { throw BenchError("cannot open \(path)") }
        defer { fclose(f) }
        var got = 0
        var values = [Double](unsafeUninitializedCapacity: count) { buf, initialized in
            got = fread(buf.baseAddress, 8, count, f)
            initialized = got
        }
        guard got == count else { throw BenchError("\(path): expected \(count) doubles, read \(got)") }
        if UInt16(1).littleEndian != 1 {
            for i in values.indices { values[i] = Double(bitPattern: UInt64(littleEndian: values[i].bitPattern)) }
        }
        return values
    }
}

/// What `pvbench generate` wrote (also written as `manifest.txt`, one `key value` per line, for R).
struct Manifest: Codable {
    struct Logistic: Codable {
        var rows: Int
        var cols: Int
        var x: String
        var y: String
        var columnNames: [String]
        var trueCoefficients: [Double]
    }
    struct ConditionalPoisson: Codable {
        var rows: Int
        var cols: Int
        var cases: Int
        var events: Int
        var x: String
        var y: String
        var length: String
        var stratum: String
        var columnNames: [String]
        var trueCoefficients: [Double]
    }
    var seed: UInt64
    var format: String
    var logistic: Logistic
    var conditionalPoisson: ConditionalPoisson

    static func load(_ dir: String) throws -> Manifest {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    func save(_ dir: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(self).write(to: URL(fileURLWithPath: dir + "/manifest.json"))
        let text = """
            seed \(seed)
            logistic_rows \(logistic.rows)
            logistic_cols \(logistic.cols)
            logistic_x \(logistic.x)
            logistic_y \(logistic.y)
            cp_rows \(conditionalPoisson.rows)
            cp_cols \(conditionalPoisson.cols)
            cp_cases \(conditionalPoisson.cases)
            cp_x \(conditionalPoisson.x)
            cp_y \(conditionalPoisson.y)
            cp_length \(conditionalPoisson.length)
            cp_stratum \(conditionalPoisson.stratum)
            cp_names \(conditionalPoisson.columnNames.joined(separator: ","))

            """
        try text.write(toFile: dir + "/manifest.txt", atomically: true, encoding: .utf8)
    }
}

/// One implementation's timing of one task: the JSON every runner (pvbench, the Python and R peers) writes.
struct TaskResult: Codable {
    var task: String
    var implementation: String
    /// Best wall-clock time of the runs, seconds.
    var seconds: Double
    var runs: [Double]
    var iterations: Int?
    var coefficients: [Double]
    var logLikelihood: Double?
    var notes: String?
}

/// Writes a result as JSON (`task-implementation.json`) and as text with 12 significant digits.
func saveResult(_ r: TaskResult, dir: String, file: String) throws {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    try enc.encode(r).write(to: URL(fileURLWithPath: dir + "/" + file + ".json"))
    var lines = [
        "task \(r.task)", "implementation \(r.implementation)",
        "best_seconds \(String(format: "%.6f", r.seconds))",
        "runs " + r.runs.map { String(format: "%.6f", $0) }.joined(separator: " "),
        "iterations \(r.iterations.map(String.init) ?? "NA")",
        "loglik \(r.logLikelihood.map { String(format: "%.12g", $0) } ?? "NA")",
    ]
    for (j, b) in r.coefficients.enumerated() { lines.append(String(format: "coef %d %.12g", j, b)) }
    try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/" + file + ".txt", atomically: true, encoding: .utf8)
}
