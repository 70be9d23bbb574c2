/// One covariate (column) of a ``CovariateMatrix``.
public struct CovariateInfo: Sendable, Equatable, Codable {
    /// Whether the covariate is 0/1 or a measurement.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// 0 or 1.
        case binary
        /// A number (age, a lab's last value).
        case continuous
    }

    /// Position in the extraction's full, sorted list of candidate covariates (kept and removed), so removed
    /// covariates have ids too. Ids are stable for one network and one set of options; names are stable across
    /// networks.
    public var id: Int
    /// The column name, unique in the matrix: `age`, `ageGroup:65-69`, `sex:female`, `site:H01`, `dx:K29`,
    /// `dxSet:<name>`, `drug:YJ:2171022F2025`, `drugSet:<name>`, `lab:3B045:measured`, `lab:3B045:last`,
    /// `lab:3B045:aboveULN`, `lab:3B045:belowLLN`.
    public var name: String
    /// A readable description, with units and window.
    public var label: String
    /// The domain.
    public var domain: CovariateDomain
    /// Binary or continuous.
    public var kind: Kind
    /// Cohort members who have it: with value 1 (binary), measured (a lab's last value), or every member (age).
    public var count: Int
}

/// A covariate the extraction found but did not keep, and why.
public struct RemovedCovariate: Sendable, Equatable, Codable {
    /// Why a covariate was removed.
    public enum Reason: String, Sendable, Equatable, Codable {
        /// Every member has the same value (including a binary covariate every member has).
        case constant
        /// Fewer members than ``CovariateOptions/minimumPrevalence`` of the cohort have it.
        case belowMinimumPrevalence
        /// A lab's last value whose `measured` indicator was below the minimum prevalence.
        case measurementBelowMinimumPrevalence
    }

    /// The covariate, with its id, name and member count.
    public var covariate: CovariateInfo
    /// Why it was removed.
    public var reason: Reason
}

/// Covariates of a cohort's members at their index dates: one row per cohort member (in cohort order), one column
/// per covariate, stored sparse by row (CSR).
///
/// ```swift
/// let x = try CovariateMatrix(cohort: cohort, network: network, options: CovariateOptions(minimumPrevalence: 0.01))
/// let dense = x.dense()   // rows, columns, column-major values, names
/// // In SignalStats: try DesignMatrix(matrix: try Matrix(rows: dense.rows, columns: dense.columns, columnMajor: dense.columnMajor),
/// //                                  columnNames: dense.names, hasIntercept: false)
/// ```
///
/// Entries are stored only when non-zero; row `r`'s entries are `rowOffsets[r]..<rowOffsets[r + 1]` of
/// ``columnIndices`` and ``values``, in increasing column order.
///
/// **Missing lab values.** A lab analyte gives `lab:<code>:measured` (1 when the member has a result in the window)
/// and `lab:<code>:last` (the last result in the window); for a member without one, `last` holds the mean of the
/// measured members' last values (the missing-indicator method: with the indicator in the model, the value's
/// coefficient is estimated from measured members only). `aboveULN`/`belowLLN` flag the last value against its own
/// reference range, or, when the range is missing, the site's H/L flag; both are 0 when not measured.
public struct CovariateMatrix: Sendable, Equatable {
    /// Number of rows (cohort members).
    public let rows: Int
    /// The kept covariates, in column order.
    public let covariates: [CovariateInfo]
    /// Covariates found but removed (constant or rare), in id order.
    public let removed: [RemovedCovariate]
    /// `rows + 1` offsets into ``columnIndices`` and ``values``.
    public let rowOffsets: [Int]
    /// Column of each stored entry.
    public let columnIndices: [Int32]
    /// Value of each stored entry.
    public let values: [Double]
    /// Lab results in the window for a chosen analyte that were ignored because their unit is not the analyte's
    /// harmonized unit or their value is missing.
    public let labResultsSkipped: Int
    /// Cohort members born after their index date: their `age` is negative and they have no age group.
    public let membersBornAfterIndex: Int
    /// The options used.
    public let options: CovariateOptions

    /// Number of columns.
    public var columns: Int { covariates.count }
    /// Column names, in column order.
    public var names: [String] { covariates.map(\.name) }

    /// Row `r`'s stored entries: `(column, value)` pairs in increasing column order.
    public func entries(ofRow r: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Double>> {
        let range = rowOffsets[r]..<rowOffsets[r + 1]
        return zip(columnIndices[range], values[range])
    }

    /// The value at `(row, column)` (0 when not stored).
    ///
    /// - Complexity: O(log k) for k entries in the row.
    public func value(row: Int, column: Int) -> Double {
        var lo = rowOffsets[row], hi = rowOffsets[row + 1]
        let c = Int32(column)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowOffsets[row + 1] && columnIndices[lo] == c ? values[lo] : 0
    }

    /// The column named `name`, if kept.
    public func column(named name: String) -> Int? { covariates.firstIndex { $0.name == name } }

    /// The matrix as dense column-major values (`columnMajor[column * rows + row]`), with the column names.
    ///
    /// - Complexity: O(rows × columns) memory.
    public func dense() -> (rows: Int, columns: Int, columnMajor: [Double], names: [String]) {
        var m = [Double](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for k in rowOffsets[r]..<rowOffsets[r + 1] { m[Int(columnIndices[k]) * rows + r] = values[k] }
        }
        return (rows, columns, m, names)
    }

    /// A text table of the kept and removed covariates with their counts.
    public func summary() -> String {
        var lines = ["\(rows) members, \(columns) covariates kept, \(removed.count) removed"]
        for c in covariates {
            lines.append("  " + c.name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(c.count).leftPadded(8) + "  " + c.label)
        }
        for r in removed {
            lines.append(
                "  - " + r.covariate.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + String(r.covariate.count).leftPadded(8) + "  removed: " + r.reason.rawValue)
        }
        return lines.joined(separator: "\n")
    }
}
