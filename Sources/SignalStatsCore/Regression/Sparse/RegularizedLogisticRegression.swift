import Foundation

/// Large-scale L1/L2-regularized logistic regression on a sparse design, by cyclic coordinate descent: the
/// propensity model OHDSI CohortMethod fits with Cyclops (Suchard et al. 2013, ACM TOMACS 23:10) on thousands of
/// sparse covariates.
///
/// Minimizes `−ℓ(β₀, β) + λ₁ Σ fⱼ|βⱼ| + (λ₂/2) Σ fⱼ βⱼ²` (see ``LogisticPenalty`` for the scale and the conversions
/// from glmnet, scikit-learn and Cyclops), the intercept unpenalized, `fⱼ = 0` for the columns named in
/// `unpenalized` (for example demographics). The algorithm is glmnet's (Friedman, Hastie & Tibshirani 2010, J Stat
/// Softw 33:1): outer quadratic approximations of the log-likelihood, inner cyclic coordinate sweeps with the
/// soft-thresholded Newton step over an active set on the column form of the design, a full-gradient KKT check on
/// the row form, and step halving if an outer step raises the objective. Fits converge on the relative change of
/// the penalized objective (``CoordinateDescentOptions``) and report the iterations used.
///
/// **Estimand.** Penalized estimates are shrunk towards 0 on purpose (better predictions, a propensity score that
/// exists when the maximum-likelihood one does not); they are not for inference, and no standard errors are given.
///
/// **Degenerate input.** Columns with no non-zero value and columns with one value in every row (collinear with the
/// intercept) are left out and listed in ``RegularizedLogisticFit/excluded``; columns whose non-zero values all lie
/// in one response class are counted (their unpenalized estimate would be infinite); a fitted linear predictor that
/// separates the classes completely is reported (the penalty is what keeps the estimate finite).
///
/// ```swift
/// let x = try SparseDesign(rows: n, columns: p, rowOffsets: offsets, columnIndices: cols, names: names)
/// let model = try RegularizedLogisticRegression(response: treated, design: x)
/// let fit = try model.fit(penalty: .lasso(20))
/// print(fit.summary(maxRows: 10))
/// ```
///
/// - Complexity: per outer iteration, one pass over the active columns' entries per sweep and one pass over all
///   entries for the KKT check (parallel over row blocks); memory is the design in both forms plus O(n + p).
public struct RegularizedLogisticRegression: Sendable {
    /// The covariates (no intercept column; the model adds the intercept).
    public let design: SparseDesign
    /// 0/1 response.
    public let response: [Double]
    /// Case weights (default all 1).
    public let weights: [Double]
    /// Penalty factor per column: 0 for unpenalized columns, 1 otherwise.
    public let penaltyFactors: [Double]
    /// Columns left out: no non-zero value, or one value in every row.
    public let excluded: [ExcludedColumn]
    /// Columns whose non-zero values all lie in one response class (rows with response 1 only, or 0 only).
    public let oneClassColumns: [Int]

    /// Sets up the model.
    ///
    /// - Parameters:
    ///   - response: 0/1 per row.
    ///   - design: the sparse covariates.
    ///   - weights: optional non-negative case weights.
    ///   - unpenalized: names of columns to leave unpenalized (for example age and sex).
    /// - Throws: ``RegressionError/lengthMismatch(name:count:expected:)``, ``RegressionError/invalidResponse(row:value:expected:)``,
    ///   ``RegressionError/invalidWeight(row:value:)``, ``RegressionError/noVariationInResponse(_:)`` (an empty arm),
    ///   ``RegressionError/unknownLevel(name:level:)`` for an unpenalized name that is not a column.
    public init(
        response: [Double], design: SparseDesign, weights: [Double]? = nil, unpenalized: Set<String> = []
    ) throws(RegressionError) {
        try checkFinite(response, name: "response", rows: design.rows)
        if let i = response.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidResponse(row: i, value: response[i], expected: "0 or 1")
        }
        try checkWeights(weights, rows: design.rows)
        let c = weights ?? [Double](repeating: 1, count: design.rows)
        var pos = 0.0, tot = 0.0
        for i in 0..<design.rows {
            pos += c[i] * response[i]
            tot += c[i]
        }
        guard pos > 0, pos < tot else {
            throw .noVariationInResponse(pos == 0 ? "no row has response 1 (an empty arm)" : "every row has response 1 (an empty arm)")
        }
        var factors = [Double](repeating: 1, count: design.columns)
        for name in unpenalized {
            guard let j = design.names.firstIndex(of: name) else { throw .unknownLevel(name: "unpenalized", level: name) }
            factors[j] = 0
        }
        // Degenerate columns, one pass over the column form.
        var excluded: [ExcludedColumn] = []
        var oneClass: [Int] = []
        for j in 0..<design.columns {
            let lo = design.columnOffsets[j], hi = design.columnOffsets[j + 1]
            if hi == lo {
                excluded.append(ExcludedColumn(name: design.names[j], column: j, reason: .allZero))
                continue
            }
            if hi - lo == design.rows {
                let first = design.columnValues?[lo] ?? 1
                if design.columnValues.map({ v in !v[lo..<hi].contains { $0 != first } }) ?? true {
                    excluded.append(ExcludedColumn(name: design.names[j], column: j, reason: .constant))
                    continue
                }
            }
            var ones = 0
            for k in lo..<hi where response[Int(design.rowIndices[k])] == 1 { ones += 1 }
            if ones == 0 || ones == hi - lo { oneClass.append(j) }
        }
        self.design = design
        self.response = response
        self.weights = c
        self.penaltyFactors = factors
        self.excluded = excluded
        self.oneClassColumns = oneClass
    }

    /// Convenience: a `Bool` response (`true` = 1).
    public init(treatment: [Bool], design: SparseDesign, weights: [Double]? = nil, unpenalized: Set<String> = []) throws(RegressionError) {
        try self.init(response: treatment.map { $0 ? 1 : 0 }, design: design, weights: weights, unpenalized: unpenalized)
    }

    /// The smallest L1 weight at which every penalized coefficient is 0 (the start of a lasso path): the largest
    /// `|∂ℓ/∂βⱼ|` over penalized columns at the fit with only the intercept and the unpenalized columns.
    public func lambdaMax(options: CoordinateDescentOptions = .init()) throws(RegressionError) -> Double {
        let f = try fit(penalty: LogisticPenalty(l1: 1e300), options: options)
        return f.maxPenalizedGradient
    }

    /// Fits at one penalty.
    ///
    /// - Parameters:
    ///   - penalty: L1 and L2 weights (on the sum scale; see ``LogisticPenalty``).
    ///   - options: tolerance and iteration caps.
    ///   - start: a previous fit to start from (a warm start along a penalty path).
    /// - Throws: ``RegressionError/invalidOption(name:value:reason:)`` for a negative or non-finite penalty or tolerance,
    ///   ``RegressionError/lengthMismatch(name:count:expected:)`` for a start from a design with other columns.
    public func fit(
        penalty: LogisticPenalty, options: CoordinateDescentOptions = .init(), start: RegularizedLogisticFit? = nil
    ) throws(RegressionError) -> RegularizedLogisticFit {
        try path(penalties: [penalty], options: options, start: start)[0]
    }

    /// Fits along a sequence of penalties (best in decreasing order), each fit starting from the previous one.
    ///
    /// - Throws: as ``fit(penalty:options:start:)``.
    public func path(
        penalties: [LogisticPenalty], options: CoordinateDescentOptions = .init(), start: RegularizedLogisticFit? = nil
    ) throws(RegressionError) -> [RegularizedLogisticFit] {
        try checkOptions(options)
        for q in penalties { try q.check() }
        if let start, start.coefficients.count != design.columns {
            throw .lengthMismatch(name: "start.coefficients", count: start.coefficients.count, expected: design.columns)
        }
        return path(penalties: penalties, options: options, caseWeights: weights, start: start).map(\.fit)
    }

    func checkOptions(_ o: CoordinateDescentOptions) throws(RegressionError) {
        guard o.tolerance.isFinite, o.tolerance > 0 else {
            throw .invalidOption(name: "tolerance", value: o.tolerance, reason: "must be finite and > 0")
        }
        guard o.maxIterations >= 1, o.maxSweeps >= 1 else {
            throw .invalidOption(name: "maxIterations/maxSweeps", value: Double(min(o.maxIterations, o.maxSweeps)), reason: "must be >= 1")
        }
    }

    /// The path with given case weights; also returns each fit's linear predictor on every row (held-out rows too).
    func path(
        penalties: [LogisticPenalty], options: CoordinateDescentOptions, caseWeights: [Double], start: RegularizedLogisticFit?
    ) -> [(fit: RegularizedLogisticFit, eta: [Double])] {
        var skip = [Bool](repeating: false, count: design.columns)
        for e in excluded { skip[e.column] = true }
        var pos = 0.0, tot = 0.0
        for i in 0..<design.rows {
            pos += caseWeights[i] * response[i]
            tot += caseWeights[i]
        }
        let b0 = start?.intercept ?? Foundation.log(pos / (tot - pos))
        let b = start?.coefficients ?? [Double](repeating: 0, count: design.columns)
        let parts = options.partitions ?? defaultPartitionCount
        return design.withView { view in
            let cd = LogisticCoordinateDescent(
                view: view, response: response, caseWeights: caseWeights, penaltyFactor: penaltyFactors, skip: skip,
                partitions: parts)
            cd.start(intercept: b0, beta: b)
            var out: [(RegularizedLogisticFit, [Double])] = []
            for q in penalties {
                let o = cd.run(l1: q.l1, l2: q.l2, options: options)
                out.append((makeFit(o, penalty: q, caseWeights: caseWeights), o.eta))
            }
            return out
        }
    }

    private func makeFit(_ o: CoordinateDescentOutcome, penalty: LogisticPenalty, caseWeights: [Double]) -> RegularizedLogisticFit {
        var nonZero = 0
        var maxPenalizedGradient = 0.0, maxViolation = 0.0
        var skip = [Bool](repeating: false, count: design.columns)
        for e in excluded { skip[e.column] = true }
        for j in 0..<design.columns where !skip[j] {
            if o.beta[j] != 0 { nonZero += 1 }
            let f = penaltyFactors[j]
            if f > 0 { maxPenalizedGradient = max(maxPenalizedGradient, abs(o.gradient[j]) / f) }
            // KKT: gⱼ = λ₁ fⱼ sign(βⱼ) + λ₂ fⱼ βⱼ when βⱼ ≠ 0, |gⱼ| ≤ λ₁ fⱼ when βⱼ = 0.
            let g = o.gradient[j], bj = o.beta[j]
            let v = bj != 0
                ? abs(g - penalty.l1 * f * (bj > 0 ? 1 : -1) - penalty.l2 * f * bj)
                : max(0, abs(g) - penalty.l1 * f)
            maxViolation = max(maxViolation, v)
        }
        // Separation: the fitted linear predictor puts every class-1 row above every class-0 row.
        var minOne = Double.infinity, maxZero = -Double.infinity, rows = 0, events = 0.0
        for i in 0..<design.rows where caseWeights[i] > 0 {
            rows += 1
            events += caseWeights[i] * response[i]
            if response[i] == 1 { minOne = min(minOne, o.eta[i]) } else { maxZero = max(maxZero, o.eta[i]) }
        }
        let separated = minOne > maxZero
        var diagnostics: [String] = []
        if !o.status.isConverged { diagnostics.append(o.status.description) }
        if separated {
            diagnostics.append(
                "the fitted linear predictor separates the classes completely (every response-1 row above every "
                    + "response-0 row): the unpenalized maximum-likelihood estimate does not exist; the penalty is binding")
        }
        if !oneClassColumns.isEmpty {
            diagnostics.append(
                "\(oneClassColumns.count) column\(oneClassColumns.count == 1 ? "" : "s") with non-zero values in one response class only "
                    + "(unpenalized, their estimates would be infinite)")
        }
        if !excluded.isEmpty {
            let zero = excluded.filter { $0.reason == .allZero }.count, const = excluded.count - zero
            diagnostics.append("\(excluded.count) column\(excluded.count == 1 ? "" : "s") left out (\(zero) with no non-zero value, \(const) constant)")
        }
        return RegularizedLogisticFit(
            names: design.names, intercept: o.intercept, coefficients: o.beta, penalty: penalty,
            logLikelihood: o.logLikelihood, objective: o.objective, nonZero: nonZero, convergence: o.status,
            sweeps: o.sweeps, gradientPasses: o.gradientPasses, observations: rows, events: events,
            excluded: excluded, oneClassColumns: oneClassColumns.count, separated: separated,
            maxPenalizedGradient: maxPenalizedGradient, kktViolation: maxViolation, diagnostics: diagnostics)
    }
}

/// A column a ``RegularizedLogisticRegression`` left out.
public struct ExcludedColumn: Sendable, Equatable {
    /// Why.
    public enum Reason: String, Sendable, Equatable {
        /// No row has a non-zero value.
        case allZero = "no non-zero value"
        /// Every row has the same value (collinear with the intercept).
        case constant = "one value in every row"
    }
    /// The column's name.
    public let name: String
    /// Its index in the design.
    public let column: Int
    /// Why it was left out.
    public let reason: Reason
}

/// A regularized logistic fit at one penalty.
public struct RegularizedLogisticFit: Sendable {
    /// Column names (as the design).
    public let names: [String]
    /// The intercept (unpenalized).
    public let intercept: Double
    /// One coefficient per design column (0 for left-out columns and for columns the L1 penalty set to 0).
    public let coefficients: [Double]
    /// The penalty fitted.
    public let penalty: LogisticPenalty
    /// `ℓ` at the estimate, without the penalty (over rows with positive weight).
    public let logLikelihood: Double
    /// The minimized penalized objective `−ℓ + penalty`.
    public let objective: Double
    /// Number of non-zero coefficients (intercept not counted).
    public let nonZero: Int
    /// How the outer iterations ended.
    public let convergence: ConvergenceStatus
    /// Coordinate sweeps over the active set, in total.
    public let sweeps: Int
    /// Passes over all entries (full-gradient KKT checks).
    public let gradientPasses: Int
    /// Rows with positive weight.
    public let observations: Int
    /// Weighted count of response-1 rows.
    public let events: Double
    /// Columns left out of the fit.
    public let excluded: [ExcludedColumn]
    /// Number of columns with non-zero values in one response class only.
    public let oneClassColumns: Int
    /// Whether the fitted linear predictor separates the classes completely (the penalty keeps the fit finite).
    public let separated: Bool
    /// The largest `|∂ℓ/∂βⱼ| / fⱼ` over penalized columns at the estimate (at an all-zero fit, λ_max).
    public let maxPenalizedGradient: Double
    /// The largest violation of the optimality (KKT) conditions at the estimate, on the gradient scale.
    public let kktViolation: Double
    /// Non-fatal findings, in words.
    public let diagnostics: [String]

    /// The coefficient of the column named `name` (0 if the penalty removed it), or `nil` for an unknown name.
    public func coefficient(_ name: String) -> Double? { names.firstIndex(of: name).map { coefficients[$0] } }

    /// A report: penalty, convergence, counts, diagnostics and the largest coefficients.
    public func summary(maxRows: Int = 20) -> String {
        var out = ["Regularized logistic regression (cyclic coordinate descent), penalty \(penalty.description), intercept unpenalized"]
        out.append("observations: \(observations)   events: \(formatCount(events))   columns: \(names.count)   non-zero: \(nonZero)")
        out.append(String(format: "log-likelihood: %.6f   objective: %.6f   ", logLikelihood, objective)
            + "\(convergence.description), \(sweeps) coordinate sweeps, \(gradientPasses) full-gradient passes")
        out.append(String(format: "intercept: %.6f", intercept))
        let order = coefficients.indices.filter { coefficients[$0] != 0 }.sorted { abs(coefficients[$0]) > abs(coefficients[$1]) }
        for j in order.prefix(maxRows) { out.append(pad(names[j], 36) + lpad(String(format: "%.6f", coefficients[j]), 12)) }
        if order.count > maxRows { out.append("... \(order.count - maxRows) more non-zero") }
        for d in diagnostics { out.append("note: \(d)") }
        return out.joined(separator: "\n")
    }
}
