/// A sparse design matrix for large-scale regression: thousands of mostly-zero covariates (diagnoses, drugs, lab
/// flags) stored both by row (CSR) and by column (CSC), as structs of arrays.
///
/// The row form feeds the per-row-block sums (full gradient, linear predictor) that partitions compute in parallel;
/// the column form feeds cyclic coordinate descent, which visits one column's non-zero rows at a time (as OHDSI
/// Cyclops does). Values are kept only when some stored value differs from 1: a 0/1 design stores indices only.
/// No intercept column is stored; the models add it themselves.
///
/// ```swift
/// let x = try SparseDesign(rows: 3, columns: 2, rowOffsets: [0, 1, 1, 3], columnIndices: [0, 0, 1], names: ["a", "b"])
/// x.columnCount(1)   // 1
/// ```
///
/// - Complexity: O(rows + columns + stored entries) memory for each form; building the column form is one counting
///   pass and one scatter.
public struct SparseDesign: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Column names, in column order.
    public let names: [String]
    /// CSR: `rows + 1` offsets into ``columnIndices`` (and ``values``).
    public let rowOffsets: [Int]
    /// CSR: the column of each stored entry, increasing within a row.
    public let columnIndices: [Int32]
    /// CSR: the value of each stored entry, or `nil` when every stored value is 1.
    public let values: [Double]?
    /// CSC: `columns + 1` offsets into ``rowIndices`` (and ``columnValues``).
    public let columnOffsets: [Int]
    /// CSC: the row of each stored entry, increasing within a column.
    public let rowIndices: [Int32]
    /// CSC: the value of each stored entry, or `nil` when every stored value is 1.
    public let columnValues: [Double]?

    /// Number of stored (non-zero) entries.
    public var storedEntries: Int { columnIndices.count }

    /// Number of stored entries in column `j`.
    public func columnCount(_ j: Int) -> Int { columnOffsets[j + 1] - columnOffsets[j] }

    /// Builds the design from its row form (CSR); zeros among `values` are dropped.
    ///
    /// - Parameters:
    ///   - rows: number of rows.
    ///   - columns: number of columns.
    ///   - rowOffsets: `rows + 1` non-decreasing offsets starting at 0.
    ///   - columnIndices: column of each entry, in `0..<columns`, strictly increasing within each row.
    ///   - values: value of each entry (`nil`: all 1).
    ///   - names: `columns` distinct names (default `x1`, `x2`, …).
    /// - Throws: ``RegressionError/emptyDesign`` without rows, ``RegressionError/lengthMismatch(name:count:expected:)``
    ///   for inconsistent lengths, ``RegressionError/nonFiniteValue(name:row:value:)``,
    ///   ``RegressionError/duplicateName(_:)``, ``RegressionError/invalidSparseStructure(_:)`` for offsets or indices
    ///   out of order or out of range.
    public init(
        rows: Int, columns: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Double]? = nil,
        names: [String]? = nil
    ) throws(RegressionError) {
        guard rows > 0 else { throw .emptyDesign }
        guard columns >= 0 else { throw .invalidSparseStructure("negative column count \(columns)") }
        guard rowOffsets.count == rows + 1 else {
            throw .lengthMismatch(name: "rowOffsets", count: rowOffsets.count, expected: rows + 1)
        }
        guard rowOffsets[0] == 0, rowOffsets[rows] == columnIndices.count else {
            throw .invalidSparseStructure(
                "row offsets must start at 0 and end at the number of entries (\(columnIndices.count)), got "
                    + "\(rowOffsets[0]) and \(rowOffsets[rows])")
        }
        if let values, values.count != columnIndices.count {
            throw .lengthMismatch(name: "values", count: values.count, expected: columnIndices.count)
        }
        let names = names ?? (0..<columns).map { "x\($0 + 1)" }
        guard names.count == columns else { throw .lengthMismatch(name: "names", count: names.count, expected: columns) }
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { throw .duplicateName(n) }
        // Check the structure, count per column, and drop stored zeros.
        var counts = [Int](repeating: 0, count: columns + 1)
        var keepAll = true
        for r in 0..<rows {
            let lo = rowOffsets[r], hi = rowOffsets[r + 1]
            guard lo <= hi else { throw .invalidSparseStructure("row offsets decrease at row \(r + 1)") }
            var last: Int32 = -1
            for k in lo..<hi {
                let c = columnIndices[k]
                guard c > last, Int(c) < columns else {
                    throw .invalidSparseStructure(
                        "row \(r + 1): column index \(c) is out of range 0..<\(columns) or not increasing")
                }
                last = c
                if let values {
                    let v = values[k]
                    guard v.isFinite else { throw .nonFiniteValue(name: names[Int(c)], row: r, value: v) }
                    if v == 0 { keepAll = false; continue }
                }
                counts[Int(c) + 1] += 1
            }
        }
        var offsets = [0]
        var cols: [Int32] = []
        var vals: [Double]? = nil
        if keepAll {
            offsets = rowOffsets
            cols = columnIndices
            vals = values
        } else if let values {
            offsets.reserveCapacity(rows + 1)
            var v: [Double] = []
            for r in 0..<rows {
                for k in rowOffsets[r]..<rowOffsets[r + 1] where values[k] != 0 {
                    cols.append(columnIndices[k])
                    v.append(values[k])
                }
                offsets.append(cols.count)
            }
            vals = v
        }
        if let v = vals, !v.contains(where: { $0 != 1 }) { vals = nil }
        for j in 0..<columns { counts[j + 1] += counts[j] }
        // Column form: rows arrive in increasing order, so each column's rows are sorted.
        var next = counts
        var rowIdx = [Int32](repeating: 0, count: cols.count)
        var colVals: [Double]? = vals.map { [Double](repeating: 0, count: $0.count) }
        cols.withUnsafeBufferPointer { c in
            rowIdx.withUnsafeMutableBufferPointer { ri in
                for r in 0..<rows {
                    for k in offsets[r]..<offsets[r + 1] {
                        let j = Int(c[k])
                        ri[next[j]] = Int32(r)
                        if let v = vals { colVals?[next[j]] = v[k] }
                        next[j] += 1
                    }
                }
            }
        }
        self.rows = rows
        self.columns = columns
        self.names = names
        self.rowOffsets = offsets
        self.columnIndices = cols
        self.values = vals
        self.columnOffsets = counts
        self.rowIndices = rowIdx
        self.columnValues = colVals
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
        guard lo < rowOffsets[row + 1], columnIndices[lo] == c else { return 0 }
        return values?[lo] ?? 1
    }

    /// The rows `rows` of the design, in that order, as a new design (for example a cross-validation fold).
    ///
    /// - Complexity: O(entries of the selected rows).
    public func selecting(rows selected: [Int]) throws(RegressionError) -> SparseDesign {
        var offsets = [0]
        offsets.reserveCapacity(selected.count + 1)
        var cols: [Int32] = []
        var vals: [Double]? = values == nil ? nil : []
        for r in selected {
            guard r >= 0, r < rows else { throw .invalidSparseStructure("selected row \(r) is out of range 0..<\(rows)") }
            cols.append(contentsOf: columnIndices[rowOffsets[r]..<rowOffsets[r + 1]])
            if let values { vals?.append(contentsOf: values[rowOffsets[r]..<rowOffsets[r + 1]]) }
            offsets.append(cols.count)
        }
        return try SparseDesign(
            rows: selected.count, columns: columns, rowOffsets: offsets, columnIndices: cols, values: vals, names: names)
    }
}

extension SparseDesign {
    /// Each column divided by its largest absolute value, so every column lies in [−1, 1] (0/1 columns are unchanged),
    /// and the divisors. This is FeatureExtraction's covariate normalization before CohortMethod's Cyclops fit: with
    /// it one penalty weight means the same for a 0/1 flag and for age in years or a lab value. A coefficient `b` on
    /// the scaled column is `b / scale[j]` on the original one.
    ///
    /// - Complexity: O(stored entries).
    public func scaledToUnitMaximum() throws(RegressionError) -> (design: SparseDesign, scale: [Double]) {
        var scale = [Double](repeating: 1, count: columns)
        guard let values else { return (self, scale) }
        var m = [Double](repeating: 0, count: columns)
        for k in 0..<columnIndices.count {
            let j = Int(columnIndices[k])
            m[j] = max(m[j], abs(values[k]))
        }
        for j in 0..<columns where m[j] > 0 { scale[j] = m[j] }
        var v = values
        for k in 0..<v.count { v[k] /= scale[Int(columnIndices[k])] }
        let d = try SparseDesign(rows: rows, columns: columns, rowOffsets: rowOffsets, columnIndices: columnIndices, values: v, names: names)
        return (d, scale)
    }
}
