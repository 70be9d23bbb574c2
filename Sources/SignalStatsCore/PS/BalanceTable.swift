import Foundation

/// The causal contrast an adjustment targets; it fixes the denominator of the standardized mean difference.
public enum PSEstimand: String, Sendable, Equatable, Codable, CaseIterable {
    /// Average treatment effect in the treated (matching, ATT weights).
    case att
    /// Average treatment effect in the whole population (inverse-probability weights).
    case ate
    /// Average effect in the overlap population (overlap weights, Li, Morgan & Zaslavsky 2018).
    case overlap
}

/// One covariate's balance before and after adjustment.
public struct BalanceRow: Sendable, Equatable {
    /// The covariate.
    public let name: String
    /// Whether it is 0/1 (its standard deviation is then `√(p(1 − p))`).
    public let isBinary: Bool
    /// Unadjusted mean in the treated (target) arm.
    public let treatedMeanBefore: Double
    /// Unadjusted mean in the comparator arm.
    public let comparatorMeanBefore: Double
    /// Adjusted (weighted or matched) mean in the treated arm.
    public let treatedMeanAfter: Double
    /// Adjusted mean in the comparator arm.
    public let comparatorMeanAfter: Double
    /// The standardization denominator (see ``BalanceTable``).
    public let standardDeviation: Double
    /// Standardized mean difference before adjustment, treated minus comparator.
    public let smdBefore: Double
    /// Standardized mean difference after adjustment (same denominator).
    public let smdAfter: Double
}

/// Standardized mean differences of covariates between arms, before and after adjustment (matching, weighting or
/// stratification weights), with MatchIt's definitions (Greifer, MatchIt documentation, "Assessing Balance"):
///
/// - `SMD = (mean₁ − mean₀) / s`, treated minus comparator, the same `s` before and after adjustment;
/// - for the ATT, `s` is the standard deviation of the **treated** units before adjustment;
/// - for the ATE and overlap weights, `s` is the pooled `√((s₁² + s₀²)/2)` of the two arms before adjustment;
/// - a continuous covariate's standard deviation is the sample one (`n − 1`); a 0/1 covariate's is `√(p(1 − p))`;
/// - if the treated standard deviation is 0 (ATT, a covariate constant among the treated), the pooled one is used.
///
/// Adjusted means are weighted means over units with positive weight. Balance passes when every `|SMD|` after
/// adjustment is below ``threshold`` (0.1, Austin 2009; OHDSI's diagnostic).
///
/// - Complexity: one pass over each column (columns in parallel): 1M units x 100 covariates in well under a second.
public struct BalanceTable: Sendable {
    /// The estimand that fixed the denominators.
    public let estimand: PSEstimand
    /// One row per covariate, in input order.
    public let rows: [BalanceRow]
    /// The pass threshold on `|SMD|` after adjustment.
    public let threshold: Double

    /// Largest `|SMD|` before adjustment.
    public var maxAbsSMDBefore: Double { rows.map { abs($0.smdBefore) }.max() ?? 0 }
    /// Largest `|SMD|` after adjustment.
    public var maxAbsSMDAfter: Double { rows.map { abs($0.smdAfter) }.max() ?? 0 }
    /// Whether every `|SMD|` after adjustment is below ``threshold``.
    public var passes: Bool { rows.allSatisfy { abs($0.smdAfter) < threshold } }
    /// Covariates with `|SMD|` after adjustment at or above ``threshold``.
    public var imbalanced: [String] { rows.filter { !(abs($0.smdAfter) < threshold) }.map(\.name) }
    /// The row of covariate `name`.
    public func row(_ name: String) -> BalanceRow? { rows.first { $0.name == name } }

    /// Computes the table.
    ///
    /// - Parameters:
    ///   - columns: the covariates, one column per covariate (units x covariates, column-major).
    ///   - names: covariate names, one per column.
    ///   - treatment: arm of each unit.
    ///   - weights: adjustment weight of each unit (matching weights from ``MatchedCohort/unitWeights(count:)``, or
    ///     inverse-probability weights); units with weight 0 are outside the adjusted sample.
    ///   - estimand: fixes the denominator (ATT for matching).
    ///   - threshold: the pass threshold (default 0.1).
    /// - Throws: ``PSError/lengthMismatch(name:count:expected:)``, ``PSError/emptyArm(treated:comparator:)`` (before or
    ///   after adjustment), ``PSError/invalidParameter(name:value:reason:)`` for negative or non-finite weights.
    public init(
        columns: Matrix, names: [String], treatment: [Bool], weights: [Double], estimand: PSEstimand = .att,
        threshold: Double = 0.1
    ) throws(PSError) {
        let n = treatment.count
        guard columns.rows == n else { throw .lengthMismatch(name: "columns", count: columns.rows, expected: n) }
        guard names.count == columns.columns else {
            throw .lengthMismatch(name: "names", count: names.count, expected: columns.columns)
        }
        guard weights.count == n else { throw .lengthMismatch(name: "weights", count: weights.count, expected: n) }
        if let i = weights.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw .invalidParameter(name: "weights[\(i)]", value: weights[i], reason: "weights must be finite and >= 0")
        }
        var nt = 0, wt = 0.0, wc = 0.0
        for i in 0..<n {
            if treatment[i] { nt += 1; wt += weights[i] } else { wc += weights[i] }
        }
        guard nt > 0, nt < n else { throw .emptyArm(treated: nt, comparator: n - nt) }
        guard wt > 0, wc > 0 else {
            throw .emptyArm(treated: wt > 0 ? nt : 0, comparator: wc > 0 ? n - nt : 0)
        }
        let p = columns.columns
        let blocks = rowBlocks(p, count: min(p, 4 * defaultPartitionCount))
        let parts = parallelMap(count: blocks.count) { b in
            blocks[b].map { j in
                columns.storage.withUnsafeBufferPointer { xb in
                    Self.balance(
                        column: UnsafeBufferPointer(rebasing: xb[(j * n)..<((j + 1) * n)]), name: names[j],
                        treatment: treatment, weights: weights, estimand: estimand)
                }
            }
        }
        self.rows = parts.flatMap { $0 }
        self.estimand = estimand
        self.threshold = threshold
    }

    /// A convenience over named columns.
    public init(
        covariates: [(name: String, values: [Double])], treatment: [Bool], weights: [Double],
        estimand: PSEstimand = .att, threshold: Double = 0.1
    ) throws(PSError) {
        var storage: [Double] = []
        storage.reserveCapacity(covariates.count * treatment.count)
        for c in covariates {
            guard c.values.count == treatment.count else {
                throw .lengthMismatch(name: c.name, count: c.values.count, expected: treatment.count)
            }
            storage.append(contentsOf: c.values)
        }
        let m: Matrix
        do { m = try Matrix(rows: treatment.count, columns: covariates.count, columnMajor: storage) } catch {
            throw .lengthMismatch(name: "covariates", count: storage.count, expected: treatment.count * covariates.count)
        }
        try self.init(
            columns: m, names: covariates.map(\.name), treatment: treatment, weights: weights, estimand: estimand,
            threshold: threshold)
    }

    static func balance(
        column x: UnsafeBufferPointer<Double>, name: String, treatment: [Bool], weights: [Double], estimand: PSEstimand
    ) -> BalanceRow {
        // Sums shifted by the first value (exact for 0/1, stable for large values).
        let shift = x.first ?? 0
        var n = [0.0, 0.0], s = [0.0, 0.0], ss = [0.0, 0.0], w = [0.0, 0.0], sw = [0.0, 0.0]
        var binary = true
        for i in 0..<x.count {
            let v = x[i]
            if v != 0 && v != 1 { binary = false }
            let a = treatment[i] ? 1 : 0
            let d = v - shift
            n[a] += 1
            s[a] += d
            ss[a] += d * d
            let wi = weights[i]
            w[a] += wi
            sw[a] += wi * d
        }
        let mean = [s[0] / n[0] + shift, s[1] / n[1] + shift]
        func variance(_ a: Int) -> Double {
            if binary {
                let p = mean[a]
                return p * (1 - p)
            }
            guard n[a] > 1 else { return 0 }
            let m = s[a] / n[a]
            return max(0, (ss[a] - n[a] * m * m) / (n[a] - 1))
        }
        let pooled = ((variance(1) + variance(0)) / 2).squareRoot()
        var sd = estimand == .att ? variance(1).squareRoot() : pooled
        if sd == 0 { sd = pooled }
        let after = [sw[0] / w[0] + shift, sw[1] / w[1] + shift]
        func smd(_ diff: Double) -> Double { sd > 0 ? diff / sd : (diff == 0 ? 0 : .infinity) }
        return BalanceRow(
            name: name, isBinary: binary, treatedMeanBefore: mean[1], comparatorMeanBefore: mean[0],
            treatedMeanAfter: after[1], comparatorMeanAfter: after[0], standardDeviation: sd,
            smdBefore: smd(mean[1] - mean[0]), smdAfter: smd(after[1] - after[0]))
    }

    /// A text table: means and SMDs before and after, the maximum `|SMD|` and whether balance passes.
    public func summary(maxRows: Int = 40) -> String {
        let denominator = estimand == .att ? "treated SD before" : "pooled SD before"
        var lines = ["Covariate balance (\(estimand.rawValue.uppercased()); SMD = difference / \(denominator))"]
        lines.append(
            pad("covariate", 28) + lpad("treated", 11) + lpad("comparator", 11) + lpad("SMD", 9) + lpad("treated", 11)
                + lpad("comparator", 11) + lpad("SMD", 9))
        lines.append(pad("", 28) + lpad("before", 11) + lpad("before", 11) + lpad("before", 9) + lpad("after", 11) + lpad("after", 11) + lpad("after", 9))
        let shown = rows.sorted { abs($0.smdBefore) > abs($1.smdBefore) }.prefix(maxRows)
        for r in shown {
            lines.append(
                pad(String(r.name.prefix(27)), 28) + lpad(fmt(r.treatedMeanBefore), 11) + lpad(fmt(r.comparatorMeanBefore), 11)
                    + lpad(String(format: "%.4f", r.smdBefore), 9) + lpad(fmt(r.treatedMeanAfter), 11)
                    + lpad(fmt(r.comparatorMeanAfter), 11) + lpad(String(format: "%.4f", r.smdAfter), 9))
        }
        if rows.count > shown.count { lines.append("(\(rows.count - shown.count) more covariates)") }
        lines.append(
            String(format: "max |SMD|: %.4f before, %.4f after; ", maxAbsSMDBefore, maxAbsSMDAfter)
                + (passes ? "balance passes (all below \(threshold))" : "balance FAILS for \(imbalanced.count) covariate(s) at \(threshold)"))
        return lines.joined(separator: "\n")
    }
}
