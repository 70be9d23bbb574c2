import Foundation

/// Conditional Poisson regression: Poisson counts with one nuisance intercept per stratum, eliminated by
/// conditioning on each stratum's total. This is the self-controlled case series likelihood
/// (Farrington 1995; Whitaker et al. 2006, Stat Med 25:1768), where a stratum is a case (or, in R
/// `SCCS::formatdata` layout, one event of a case) and rows are its intervals with log length as offset.
///
/// Fitted directly on stratum-grouped rows, without expanding to conditional-logistic form, so strata with
/// several events and strata whose rows all have the same count are handled exactly (they agree with
/// R `gnm(..., eliminate = )` and `survival::clogit`). Strata with no events carry no information and are
/// counted, not used. See ``ConditionalPoissonLikelihood`` for the formulas.
///
/// ```swift
/// let model = try ConditionalPoissonRegression(
///     counts: events, strata: caseIDs, exposureTime: intervalDays, design: design)
/// let fit = try model.fit()
/// fit.summary()   // relative incidences with Wald intervals
/// ```
public struct ConditionalPoissonRegression: Sendable {
    /// The design, rows grouped by stratum (intercept-free: an intercept is absorbed by the strata).
    public let design: DesignMatrix
    /// Counts, grouped by stratum.
    public let counts: [Double]
    /// Log exposure time, grouped by stratum.
    public let offset: [Double]?
    /// First row of each stratum, then the row count.
    public let strataStarts: [Int]
    public let partitions: Int
    /// Row `k` of the grouped data came from input row `rowOrder[k]`.
    public let rowOrder: [Int]

    /// Sets up the model; rows need not be sorted by stratum (they are grouped, keeping order within a stratum).
    ///
    /// - Parameters:
    ///   - counts: non-negative event counts per row.
    ///   - strata: a stratum label per row (for example the case id).
    ///   - exposureTime: positive length of each row's interval (its log becomes the offset).
    ///   - offset: an additional fixed term in the linear predictor (for example a coefficient held fixed while
    ///     profiling the likelihood), added to the log exposure time.
    ///   - design: covariates; an intercept column, if present, is dropped (the strata absorb it).
    ///   - partitions: the number of stratum blocks the likelihood is summed over (default: one per core).
    /// - Throws: ``RegressionError`` for negative counts, non-positive exposure time, no events at all, or
    ///   mismatched lengths.
    public init(
        counts: [Double], strata: [Int], exposureTime: [Double]? = nil, offset: [Double]? = nil, design: DesignMatrix,
        partitions: Int? = nil
    ) throws(RegressionError) {
        let n = design.rows
        try checkFinite(counts, name: "counts", rows: n)
        guard strata.count == n else { throw .lengthMismatch(name: "strata", count: strata.count, expected: n) }
        if let i = counts.firstIndex(where: { $0 < 0 || $0 != $0.rounded() }) {
            throw .invalidResponse(row: i, value: counts[i], expected: "a non-negative whole count")
        }
        if let t = exposureTime {
            try checkFinite(t, name: "exposure time", rows: n)
            if let i = t.firstIndex(where: { $0 <= 0 }) { throw .nonPositiveExposure(row: i, value: t[i]) }
        }
        if let offset { try checkFinite(offset, name: "offset", rows: n) }
        guard counts.contains(where: { $0 > 0 }) else { throw .noVariationInResponse("there are no events (all counts 0)") }

        // Group rows by stratum label in order of first appearance, stable within a stratum. Rows already sorted by
        // stratum (the usual layout) skip the grouping.
        if zip(strata, strata.dropFirst()).allSatisfy({ $0 <= $1 }) {
            var starts = [0]
            for i in 1..<max(n, 1) where strata[i] != strata[i - 1] { starts.append(i) }
            starts.append(n)
            var d = design
            if d.hasIntercept { d = d.keeping(columns: Array(1..<d.columns)) }
            guard d.columns > 0 else { throw .emptyDesign }
            self.design = d
            self.counts = counts
            var total = exposureTime.map { $0.map { Foundation.log($0) } }
            if let extra = offset { total = total.map { zip($0, extra).map { $0 + $1 } } ?? extra }
            self.offset = total
            self.strataStarts = starts
            self.partitions = partitions ?? defaultPartitionCount
            self.rowOrder = Array(0..<n)
            return
        }
        var firstSeen: [Int: Int] = [:]
        var label = [Int](repeating: 0, count: n)
        for i in 0..<n {
            if let k = firstSeen[strata[i]] { label[i] = k } else {
                label[i] = firstSeen.count
                firstSeen[strata[i]] = firstSeen.count
            }
        }
        var sizes = [Int](repeating: 0, count: firstSeen.count)
        for l in label { sizes[l] += 1 }
        var starts = [Int](repeating: 0, count: sizes.count + 1)
        for s in 0..<sizes.count { starts[s + 1] = starts[s] + sizes[s] }
        var next = starts
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            order[next[label[i]]] = i
            next[label[i]] += 1
        }
        let sorted = order.enumerated().allSatisfy { $0.offset == $0.element }
        var d = design
        if d.hasIntercept { d = d.keeping(columns: Array(1..<d.columns)) }
        guard d.columns > 0 else { throw .emptyDesign }
        if !sorted { d = d.reorderingRows(order) }
        self.design = d
        self.counts = sorted ? counts : order.map { counts[$0] }
        var total = exposureTime.map { t in (sorted ? t : order.map { t[$0] }).map { Foundation.log($0) } }
        if let extra = offset {
            let e = sorted ? extra : order.map { extra[$0] }
            total = total.map { zip($0, e).map { $0 + $1 } } ?? e
        }
        self.offset = total
        self.strataStarts = starts
        self.partitions = partitions ?? defaultPartitionCount
        self.rowOrder = order
    }

    /// Fits the model from β = 0.
    public func fit(options: NewtonOptions = .init()) throws(RegressionError) -> RegressionResult {
        let y = counts, o = offset, starts = strataStarts, parts = partitions
        let fitting = ModelFitting<ConditionalPoissonLikelihood>(
            modelName: "conditional Poisson regression", design: design,
            makeLikelihood: {
                ConditionalPoissonLikelihood(design: $0, counts: y, offset: o, strataStarts: starts, partitions: parts)
            },
            start: { [Double](repeating: 0, count: $0.columns) },
            aliasReason: { j, info in info[j, j] <= 1e-12 ? .noVariationWithinStrata : .collinear },
            ridge: { _ in nil })
        let f = try fitting.run(options: options)
        var withEvents = 0
        var events = 0.0
        var informativeRows = 0
        for s in 0..<(starts.count - 1) {
            var e = 0.0
            for r in starts[s]..<starts[s + 1] { e += y[r] }
            if e > 0 {
                withEvents += 1
                informativeRows += starts[s + 1] - starts[s]
            }
            events += e
        }
        var notes: [String] = []
        if withEvents < starts.count - 1 {
            notes.append("\(starts.count - 1 - withEvents) strata have no events and contribute nothing")
        }
        if !f.newton.status.isConverged { notes.append(f.newton.status.description) }
        return RegressionResult(
            model: "conditional poisson", terms: f.design.columnNames, coefficients: f.newton.estimate,
            covariance: f.covariance, logLikelihood: f.newton.logLikelihood, convergence: f.newton.status,
            iterations: f.newton.trace.count - 1, observations: informativeRows, events: events,
            strata: (starts.count - 1, withEvents), aliased: f.aliased, l2Penalty: 0, diagnostics: notes)
    }
}

extension DesignMatrix {
    /// The design with rows permuted: row `k` of the result is row `order[k]` of this one.
    func reorderingRows(_ order: [Int]) -> DesignMatrix {
        keepingRows(order)
    }
}
