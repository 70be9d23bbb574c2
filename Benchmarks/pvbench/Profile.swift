import Foundation
import SignalStats

/// `pvbench profile`: repeats one likelihood evaluation, for `perf record` / `valgrind --tool=callgrind`.
enum Profile {
    static func run(data dir: String, model: String, count: Int, rows: Int?) throws {
        let m = try Manifest.load(dir)
        switch model {
        case "logistic":
            let lg = m.logistic
            let n = min(rows ?? lg.rows, lg.rows)
            var x = try BinaryIO.read(dir + "/" + lg.x, count: lg.rows * lg.cols)
            if n < lg.rows {  // the first n rows of each column
                x = (0..<lg.cols).flatMap { j in x[(j * lg.rows)..<(j * lg.rows + n)] }
            }
            let y = Array(try BinaryIO.read(dir + "/" + lg.y, count: lg.rows)[0..<n])
            let lik = GLMLikelihood(
                family: .binomialLogit, design: try Matrix(rows: n, columns: lg.cols, columnMajor: x), response: y,
                partitions: 2)
            let beta = [Double](repeating: 0.01, count: lg.cols)
            let (times, _) = timed(count) { lik.evaluate(at: beta, derivatives: true) }
            print(String(format: "logistic evaluate %d x %d: best %.2f ms, median %.2f ms over %d", n, lg.cols,
                         (times.min() ?? .nan) * 1000, times.sorted()[times.count / 2] * 1000, count))
        case "conditional-poisson":
            let cp = m.conditionalPoisson
            let cx = try BinaryIO.read(dir + "/" + cp.x, count: cp.rows * cp.cols)
            let cy = try BinaryIO.read(dir + "/" + cp.y, count: cp.rows)
            let clen = try BinaryIO.read(dir + "/" + cp.length, count: cp.rows)
            let cstr = try BinaryIO.read(dir + "/" + cp.stratum, count: cp.rows).map { Int($0) }
            let design = try DesignMatrix(
                matrix: Matrix(rows: cp.rows, columns: cp.cols, columnMajor: cx), columnNames: cp.columnNames,
                hasIntercept: false)
            let model = try ConditionalPoissonRegression(counts: cy, strata: cstr, exposureTime: clen, design: design)
            let lik = ConditionalPoissonLikelihood(
                design: model.design.matrix, counts: model.counts, offset: model.offset,
                strataStarts: model.strataStarts, partitions: 2)
            let beta = [Double](repeating: 0.1, count: cp.cols)
            let (times, _) = timed(count) { lik.evaluate(at: beta, derivatives: true) }
            print(String(format: "conditional Poisson evaluate %d rows: best %.2f ms, median %.2f ms over %d", cp.rows,
                         (times.min() ?? .nan) * 1000, times.sorted()[times.count / 2] * 1000, count))
        default:
            throw BenchError("profile: model must be logistic or conditional-poisson")
        }
    }
}
