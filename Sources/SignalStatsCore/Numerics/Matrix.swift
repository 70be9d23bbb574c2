/// A dense matrix of `Double` in column-major order over one contiguous buffer.
///
/// Column-major storage is what BLAS and LAPACK expect, so every wrapper in this
/// module passes `storage` to them without copying. Element `(i, j)` lives at
/// `storage[i + j * rows]`.
///
/// ```swift
/// var m = Matrix(rows: 2, columns: 2)
/// m[0, 1] = 3
/// ```
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, column after column (`rows * columns` of them).
    public var storage: [Double]

    /// A matrix of zeros (or `value`).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.storage = [Double](repeating: value, count: self.rows * self.columns)
    }

    /// A matrix over existing column-major storage.
    ///
    /// - Throws: ``NumericsError/dimensionMismatch(_:)`` when `storage.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws(NumericsError) {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw .dimensionMismatch("storage has \(storage.count) elements, expected \(rows) x \(columns)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix whose columns are the given arrays (all of one length).
    public init(columns cols: [[Double]]) throws(NumericsError) {
        let n = cols.first?.count ?? 0
        var storage = [Double]()
        storage.reserveCapacity(n * cols.count)
        for (j, c) in cols.enumerated() {
            guard c.count == n else {
                throw .dimensionMismatch("column \(j) has \(c.count) rows, expected \(n)")
            }
            storage.append(contentsOf: c)
        }
        self.rows = n
        self.columns = cols.count
        self.storage = storage
    }

    /// The identity matrix of size `n`.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// Element at row `i`, column `j`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// The main diagonal of a square matrix.
    public var diagonal: [Double] {
        (0..<min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// Copies the upper triangle into the lower one (BLAS `dsyrk` fills only one triangle).
    public mutating func symmetrizeFromUpper() {
        let n = rows
        storage.withUnsafeMutableBufferPointer { a in
            for j in 0..<n {
                for i in (j + 1)..<max(n, j + 1) where i < n {
                    a[i + j * n] = a[j + i * n]
                }
            }
        }
    }

    /// The sub-matrix of the listed rows and columns (for example, after dropping aliased columns).
    public func selecting(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
        var m = Matrix(rows: rowIndices.count, columns: columnIndices.count)
        for (jj, j) in columnIndices.enumerated() {
            for (ii, i) in rowIndices.enumerated() {
                m.storage[ii + jj * rowIndices.count] = storage[i + j * rows]
            }
        }
        return m
    }

    /// The matrix with only the listed columns, all rows kept.
    public func selecting(columns columnIndices: [Int]) -> Matrix {
        var m = Matrix(rows: rows, columns: columnIndices.count)
        m.storage.removeAll(keepingCapacity: true)
        for j in columnIndices {
            m.storage.append(contentsOf: storage[(j * rows)..<((j + 1) * rows)])
        }
        return m
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = []
        for i in 0..<rows {
            lines.append((0..<columns).map { String(format: "%12.6g", self[i, $0]) }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
