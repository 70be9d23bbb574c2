/// Nelder–Mead simplex minimisation (Nelder & Mead, Computer Journal 1965;7:308) with the standard
/// coefficients (reflection 1, expansion 2, contraction ½, shrink ½), restarted from the best vertex until
/// a restart no longer improves the minimum: restarts undo the simplex collapse that makes a single run
/// (such as R's `optim`) stop short. Non-finite objective values are treated as +∞ (infeasible).
enum NelderMead {
    struct Result {
        var point: [Double]
        var value: Double
    }

    static func minimise(
        start: [Double], steps: [Double], tolerance: Double = 1e-13, maxEvaluations: Int = 20_000,
        maxRestarts: Int = 20, _ f: ([Double]) -> Double
    ) -> Result {
        func g(_ p: [Double]) -> Double {
            let v = f(p)
            return v.isNaN ? .infinity : v
        }
        var best = Result(point: start, value: g(start))
        var scale = steps
        for _ in 0...maxRestarts {
            let r = run(start: best.point, steps: scale, tolerance: tolerance, maxEvaluations: maxEvaluations, g)
            let improved = r.value < best.value - tolerance * (abs(best.value) + tolerance)
            if r.value <= best.value { best = r }
            if !improved { break }
            scale = scale.map { $0 * 0.1 }
        }
        return best
    }

    private static func run(
        start: [Double], steps: [Double], tolerance: Double, maxEvaluations: Int, _ f: ([Double]) -> Double
    ) -> Result {
        let n = start.count
        var simplex: [[Double]] = [start]
        for i in 0..<n {
            var p = start
            p[i] += steps[i] == 0 ? 0.1 : steps[i]
            simplex.append(p)
        }
        var values = simplex.map(f)
        var evaluations = n + 1
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let fBest = values[0]
            let fWorst = values[n]
            var size = 0.0
            for i in 1...n {
                for j in 0..<n { size = max(size, abs(simplex[i][j] - simplex[0][j])) }
            }
            if fWorst.isFinite && abs(fWorst - fBest) <= tolerance * (abs(fBest) + tolerance) && size <= 1e-10 {
                break
            }
            if size <= 1e-15 { break }
            var centroid = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for j in 0..<n { centroid[j] += simplex[i][j] / Double(n) }
            }
            func along(_ t: Double) -> [Double] {
                (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) }
            }
            let reflected = along(-1)
            let fr = f(reflected)
            evaluations += 1
            if fr < values[0] {
                let expanded = along(-2)
                let fe = f(expanded)
                evaluations += 1
                if fe < fr {
                    simplex[n] = expanded
                    values[n] = fe
                } else {
                    simplex[n] = reflected
                    values[n] = fr
                }
            } else if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let fc = f(contracted)
                evaluations += 1
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted
                    values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = f(simplex[i])
                    }
                    evaluations += n
                }
            }
        }
        let k = values.indices.min { values[$0] < values[$1] } ?? 0
        return Result(point: simplex[k], value: values[k])
    }
}
