import Dispatch
import Foundation

/// Cox proportional hazards regression for right-censored data, with Efron or Breslow ties, optional strata, case
/// weights and a robust (sandwich) variance clustered on an id.
///
/// **Estimand.** `exp(β_j)` is the hazard ratio for a unit increase of covariate `j` with the others fixed, assumed
/// constant over time (proportional hazards): `λ(t | x) = λ₀(t) exp(x'β)`, with `λ₀` left unspecified. With
/// `strata`, each stratum has its own baseline hazard `λ₀ₛ(t)` and the hazard ratio is conditional on the stratum
/// (for matched sets, a within-set comparison). With inverse-probability `weights`, the fit estimates the marginal
/// hazard ratio of the weighted pseudo-population; use the robust variance then.
///
/// **Assumptions.** Censoring independent of the event given the covariates (and strata); proportional hazards
/// (see ``CoxResult/proportionalHazardsTest(transform:)``); a log-linear effect of each covariate.
///
/// **Method.** Newton–Raphson on the partial likelihood (Cox 1972), ties by Efron (1977) or Breslow (1974) as
/// R `survival::coxph` computes them (with case weights, Efron's tied terms carry the events' average weight).
/// Standard errors from the inverse information; the robust variance is Lin & Wei's (1989) sandwich `V B V` with
/// `B = Σ_clusters s_c s_c'`, `s_c` the sum of the case-weighted score residuals in cluster `c` (R's
/// `coxph(..., cluster = id)`, which treats each row as its own cluster under `robust = TRUE` without an id).
///
/// ```swift
/// let design = try DesignMatrix(covariates: [.numeric(name: "treated", values: treated)], intercept: false)
/// let fit = try CoxRegression(time: days, status: event, design: design, cluster: matchedSet).fit()
/// print(fit.summary())   // hazard ratio with robust 95% interval
/// ```
///
/// - Complexity: sorting is O(n log n) once; each Newton iteration reads the design twice (O(n p) plus one `dsyrk`,
///   O(n p²) flops in BLAS) and does O(events · p) work for the risk-set means.
public struct CoxRegression: Sendable {
    /// The design in analysis order (by stratum, latest time first), columns centred on their weighted means; an
    /// intercept is dropped (the baseline hazard absorbs it).
    public let design: DesignMatrix
    /// Tie handling.
    public let ties: CoxTies
    /// Whether the robust variance is computed.
    public let robust: Bool
    /// Row `k` of the analysis order is input row `rowOrder[k]`.
    public let rowOrder: [Int]
    /// Number of strata (1 without strata).
    public let strataCount: Int
    /// Number of clusters for the robust variance (`nil` without it).
    public let clusterCount: Int?
    /// The centring constants subtracted from each design column.
    public let columnMeans: [Double]

    let likelihood: CoxPartialLikelihood
    let clusterIndex: [Int]?
    let input: Input

    /// The caller's data, kept (without copying) for per-arm counts.
    struct Input: Sendable {
        var time: [Double]
        var status: [Double]
        var weights: [Double]?
        var design: DesignMatrix
    }

    /// Sets up the model, checking the inputs.
    ///
    /// - Parameters:
    ///   - time: follow-up time of each row (event or censoring time), finite and `≥ 0`.
    ///   - status: 1 for an event at `time`, 0 for censoring.
    ///   - design: covariates; an intercept column, if any, is dropped.
    ///   - strata: optional stratum label per row (matched set, PS stratum, site): a separate baseline hazard each.
    ///   - weights: optional case weights, finite and `≥ 0` (inverse-probability or matching weights); rows with
    ///     weight 0 contribute nothing.
    ///   - cluster: optional cluster id per row (matched set or person) for the robust variance; giving it implies
    ///     `robust`.
    ///   - robust: compute the robust variance; without `cluster` each row is its own cluster.
    ///   - ties: Efron (default, as R) or Breslow.
    ///   - partitions: number of stratum blocks evaluated in parallel (default one per core; one without strata).
    /// - Throws: ``RegressionError`` for mismatched lengths, non-finite or negative times, a status other than 0/1,
    ///   invalid weights, or no events.
    public init(
        time: [Double], status: [Double], design: DesignMatrix, strata: [Int]? = nil, weights: [Double]? = nil,
        cluster: [Int]? = nil, robust: Bool = false, ties: CoxTies = .efron, partitions: Int? = nil
    ) throws(RegressionError) {
        let n = design.rows
        try checkFinite(time, name: "time", rows: n)
        if let i = time.firstIndex(where: { $0 < 0 }) { throw .invalidResponse(row: i, value: time[i], expected: "a time >= 0") }
        try checkFinite(status, name: "status", rows: n)
        if let i = status.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidResponse(row: i, value: status[i], expected: "status 0 (censored) or 1 (event)")
        }
        try checkWeights(weights, rows: n)
        if let strata, strata.count != n { throw .lengthMismatch(name: "strata", count: strata.count, expected: n) }
        if let cluster, cluster.count != n { throw .lengthMismatch(name: "cluster", count: cluster.count, expected: n) }
        var hasEvent = false
        for i in 0..<n where status[i] == 1 && (weights?[i] ?? 1) > 0 {
            hasEvent = true
            break
        }
        guard hasEvent else { throw .noVariationInResponse("there are no events (every status is 0)") }

        // Analysis order: stratum, then time descending, then input order.
        // Keys are sorted as one contiguous array (much faster than sorting indices through the inputs): stratum,
        // time descending, events before censored rows at a tied time (the kernels rely on it), input order.
        struct Key { var stratum: Int; var time: Double; var event: Bool; var row: Int }
        var keys = (0..<n).map { i in
            Key(stratum: strata?[i] ?? 0, time: time[i], event: status[i] == 1 && (weights?[i] ?? 1) > 0, row: i)
        }
        keys.sort { a, b in
            if a.stratum != b.stratum { return a.stratum < b.stratum }
            if a.time != b.time { return a.time > b.time }
            if a.event != b.event { return a.event }
            return a.row < b.row
        }
        let order = keys.map(\.row)
        var groupStarts: [Int] = [], groupTimes: [Double] = [], groupEvents: [Int] = [], groupWeight: [Double] = []
        var strataGroupStarts: [Int] = []
        var sortedStatus = [Double](repeating: 0, count: n)
        var sortedWeights = [Double](repeating: 1, count: n)
        for k in 0..<n {
            let i = order[k]
            let newStratum = k == 0 || keys[k].stratum != keys[k - 1].stratum
            if newStratum { strataGroupStarts.append(groupStarts.count) }
            if newStratum || time[i] != time[order[k - 1]] {
                groupStarts.append(k)
                groupTimes.append(time[i])
                groupEvents.append(0)
                groupWeight.append(0)
            }
            let w = weights?[i] ?? 1
            sortedWeights[k] = w
            // A row of weight 0 contributes nothing; as censored it does not count among Efron's tied events either.
            sortedStatus[k] = keys[k].event ? 1 : 0
            if keys[k].event {
                groupEvents[groupEvents.count - 1] += 1
                groupWeight[groupWeight.count - 1] += w
            }
        }
        groupStarts.append(n)
        strataGroupStarts.append(groupTimes.count)

        // Design: drop an intercept, reorder, centre; a column constant within every stratum is zeroed exactly so that
        // its information is exactly 0 and the fit reports it as aliased. Columns are prepared in parallel.
        let cols = design.hasIntercept ? Array(1..<design.columns) : Array(0..<design.columns)
        guard !cols.isEmpty else { throw .emptyDesign }
        let strataRows = (0..<(strataGroupStarts.count - 1)).map {
            groupStarts[strataGroupStarts[$0]]..<groupStarts[strataGroupStarts[$0 + 1]]
        }
        let (x, means) = Self.prepareColumns(design.matrix, columns: cols, order: order, weights: sortedWeights, strataRows: strataRows)
        let names = cols.map { design.columnNames[$0] }
        self.design = try DesignMatrix(matrix: x, columnNames: names, hasIntercept: false)
        self.columnMeans = means
        self.ties = ties
        self.rowOrder = order
        self.strataCount = strataGroupStarts.count - 1
        let parts = strata == nil ? 1 : (partitions ?? defaultPartitionCount)
        self.likelihood = CoxPartialLikelihood(
            x: x, weights: sortedWeights, status: sortedStatus, groupStarts: groupStarts, groupTimes: groupTimes,
            groupEvents: groupEvents, groupEventWeight: groupWeight, strataGroupStarts: strataGroupStarts, ties: ties,
            partitions: parts)
        self.robust = robust || cluster != nil
        if self.robust {
            // Clusters numbered in order of first appearance (by array when the labels are small non-negative
            // integers, as matched-set and person ids are; by dictionary otherwise).
            var index = [Int](repeating: 0, count: n)
            var count = 0
            let labels = cluster ?? []
            if let cluster, let lo = cluster.min(), let hi = cluster.max(), lo >= 0, hi < 4 * n + 1024 {
                var id = [Int](repeating: -1, count: hi + 1)
                for k in 0..<n {
                    let label = cluster[order[k]]
                    if id[label] < 0 {
                        id[label] = count
                        count += 1
                    }
                    index[k] = id[label]
                }
            } else if cluster == nil {
                for k in 0..<n { index[k] = k }
                count = n
            } else {
                var ids: [Int: Int] = [:]
                for k in 0..<n {
                    let label = labels[order[k]]
                    if let c = ids[label] { index[k] = c } else {
                        index[k] = count
                        ids[label] = count
                        count += 1
                    }
                }
            }
            self.clusterIndex = index
            self.clusterCount = count
        } else {
            self.clusterIndex = nil
            self.clusterCount = nil
        }
        self.input = Input(time: time, status: status, weights: weights, design: design)
    }

    /// Fits the model by Newton–Raphson from β = 0.
    ///
    /// - Throws: ``RegressionError/allColumnsAliased(_:)`` when no covariate varies (within strata),
    ///   ``RegressionError/singularInformation(_:)``.
    public func fit(options: NewtonOptions = .init()) throws(RegressionError) -> CoxResult {
        let base = likelihood
        let stratified = strataCount > 1
        let fitting = ModelFitting<CoxPartialLikelihood>(
            modelName: "Cox regression", design: design,
            makeLikelihood: { base.replacingDesign($0) },
            start: { [Double](repeating: 0, count: $0.columns) },
            aliasReason: { j, info in
                info[j, j] == 0 ? (stratified ? .noVariationWithinStrata : .noVariation) : .collinear
            },
            ridge: { _ in nil })
        let f = try fitting.run(options: options)
        let estimate = f.newton.estimate
        let null = f.likelihood.evaluate(at: [Double](repeating: 0, count: estimate.count), derivatives: false)

        var robustCovariance: Matrix? = nil
        if let clusterIndex, let clusterCount {
            let sums = f.likelihood.clusterScoreSums(at: estimate, cluster: clusterIndex, clusterCount: clusterCount)
            var middle = Matrix(rows: estimate.count, columns: estimate.count)
            do {
                try BLAS.syrkTransposed(sums, &middle)
                middle.symmetrizeFromUpper()
                var left = Matrix(rows: estimate.count, columns: estimate.count)
                try BLAS.gemm(f.covariance, middle, &left)
                var sandwich = Matrix(rows: estimate.count, columns: estimate.count)
                try BLAS.gemm(left, f.covariance, &sandwich)
                robustCovariance = sandwich
            } catch {
                throw .numerics(error)
            }
        }

        // Counts.
        var events = 0
        var weightedEvents = 0.0, personTime = 0.0
        for i in 0..<input.time.count {
            let w = input.weights?[i] ?? 1
            personTime += w * input.time[i]
            if input.status[i] == 1 {
                weightedEvents += w
                if w > 0 { events += 1 }
            }
        }
        var strataWithEvents = 0
        for s in 0..<strataCount {
            let g = likelihood.strataGroupStarts[s]..<likelihood.strataGroupStarts[s + 1]
            if g.contains(where: { likelihood.groupEvents[$0] > 0 }) { strataWithEvents += 1 }
        }

        var notes: [String] = []
        if !f.newton.status.isConverged { notes.append(f.newton.status.description) }
        // Monotone likelihood: a coefficient whose standard error spans e^±20 per standard deviation of its covariate
        // (R: "Loglik converged before variable ...; coefficient may be infinite").
        let sd = columnStandardDeviations(f.design.matrix, weights: likelihood.weights)
        var infinite: [String] = []
        for j in 0..<estimate.count where f.covariance[j, j].squareRoot() * sd[j] > 10 {
            infinite.append(f.design.columnNames[j])
        }
        if !infinite.isEmpty {
            notes.append(
                "the partial likelihood is monotone in " + infinite.map { "`\($0)`" }.joined(separator: ", ")
                    + ": coefficient may be infinite (for example, no events in one arm)")
        }
        let regression = RegressionResult(
            model: "cox", terms: f.design.columnNames, coefficients: estimate, covariance: f.covariance,
            logLikelihood: f.newton.logLikelihood, convergence: f.newton.status, iterations: f.newton.trace.count - 1,
            observations: input.time.count, events: Double(events),
            strata: strataCount > 1 ? (strataCount, strataWithEvents) : nil, aliased: f.aliased, l2Penalty: 0,
            diagnostics: notes)
        return CoxResult(
            regression: regression, robustCovariance: robustCovariance, ties: ties, nullLogLikelihood: null.logLikelihood,
            weightedEvents: weightedEvents, personTime: personTime, strataCount: strataCount, clusterCount: clusterCount,
            possiblyInfinite: infinite, likelihood: f.likelihood, input: input)
    }
}

extension CoxRegression {
    /// Column `j` of the result is column `columns[j]` of `src` in analysis order, minus its weighted mean (or all
    /// zeros when it is constant within every stratum).
    static func prepareColumns(
        _ src: Matrix, columns: [Int], order: [Int], weights: [Double], strataRows: [Range<Int>]
    ) -> (Matrix, [Double]) {
        let n = src.rows
        let totalWeight = weights.reduce(0, +)
        var x = Matrix(rows: n, columns: columns.count)
        var means = [Double](repeating: 0, count: columns.count)
        x.storage.withUnsafeMutableBufferPointer { xb in
            means.withUnsafeMutableBufferPointer { mb in
                src.storage.withUnsafeBufferPointer { sb in
                    order.withUnsafeBufferPointer { ob in
                        weights.withUnsafeBufferPointer { wb in
                            guard let xp = xb.baseAddress, let mp = mb.baseAddress, let sp = sb.baseAddress,
                                let op = ob.baseAddress, let wp = wb.baseAddress
                            else { return }
                            let shared = ColumnWriter(x: xp, means: mp)
                            let source = ColumnReader(src: sp, order: op, weights: wp)
                            DispatchQueue.concurrentPerform(iterations: columns.count) { jj in
                                // Each iteration writes only its own column and mean.
                                let dst = shared.x + jj * n
                                let col = source.src + columns[jj] * n
                                var mean = 0.0
                                for k in 0..<n {
                                    let v = col[source.order[k]]
                                    dst[k] = v
                                    mean += source.weights[k] * v
                                }
                                mean = totalWeight > 0 ? mean / totalWeight : 0
                                var constant = true
                                for r in strataRows where constant {
                                    guard let first = r.first else { continue }
                                    for k in r where dst[k] != dst[first] {
                                        constant = false
                                        break
                                    }
                                }
                                if constant {
                                    for k in 0..<n { dst[k] = 0 }
                                } else {
                                    for k in 0..<n { dst[k] -= mean }
                                }
                                shared.means[jj] = mean
                            }
                        }
                    }
                }
            }
        }
        return (x, means)
    }
}

/// Pointers shared by the column-parallel loop of ``CoxRegression/prepareColumns(_:columns:order:weights:strataRows:)``;
/// every iteration writes a disjoint column, so the accesses do not race.
private struct ColumnWriter: @unchecked Sendable {
    let x: UnsafeMutablePointer<Double>
    let means: UnsafeMutablePointer<Double>
}

private struct ColumnReader: @unchecked Sendable {
    let src: UnsafePointer<Double>
    let order: UnsafePointer<Int>
    let weights: UnsafePointer<Double>
}

/// Weighted standard deviations of centred columns.
func columnStandardDeviations(_ x: Matrix, weights: [Double]) -> [Double] {
    let total = weights.reduce(0, +)
    return (0..<x.columns).map { j in
        var s = 0.0
        for i in 0..<x.rows { s += weights[i] * x[i, j] * x[i, j] }
        return total > 0 ? (s / total).squareRoot() : 0
    }
}
