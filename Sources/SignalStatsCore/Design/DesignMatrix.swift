/// A model matrix with named columns, built from named covariates.
///
/// ```swift
/// let design = try DesignMatrix(
///     covariates: [.numeric(name: "age", values: age),
///                  .categorical(name: "race", values: race, reference: "black")],
///     intercept: true)
/// design.columnNames  // ["(Intercept)", "age", "racehispan", "racewhite"]
/// ```
public struct DesignMatrix: Sendable, Equatable {
    /// The matrix, one row per observation, column-major.
    public let matrix: Matrix
    /// Column names, in column order.
    public let columnNames: [String]
    /// Whether column 0 is an intercept.
    public let hasIntercept: Bool
    /// For each categorical covariate, its reference level.
    public let referenceLevels: [String: String]

    /// Number of rows.
    public var rows: Int { matrix.rows }
    /// Number of columns.
    public var columns: Int { matrix.columns }

    /// Builds the matrix.
    ///
    /// - Throws: ``RegressionError/emptyDesign`` with no rows or no columns,
    ///   ``RegressionError/lengthMismatch(name:count:expected:)`` when covariates differ in length,
    ///   ``RegressionError/nonFiniteValue(name:row:value:)`` for NaN or infinity,
    ///   ``RegressionError/unknownLevel(name:level:)`` when a reference or listed level is absent,
    ///   ``RegressionError/duplicateName(_:)`` when two columns would share a name.
    public init(covariates: [Covariate], intercept: Bool = true) throws(RegressionError) {
        let n = covariates.first?.count ?? 0
        guard n > 0, intercept || !covariates.isEmpty else { throw .emptyDesign }
        var names: [String] = []
        var cols: [[Double]] = []
        var refs: [String: String] = [:]
        if intercept {
            names.append("(Intercept)")
            cols.append([Double](repeating: 1, count: n))
        }
        for c in covariates {
            guard c.count == n else { throw .lengthMismatch(name: c.name, count: c.count, expected: n) }
            switch c {
            case .numeric(let name, let values):
                if let i = values.firstIndex(where: { !$0.isFinite }) {
                    throw .nonFiniteValue(name: name, row: i, value: values[i])
                }
                names.append(name)
                cols.append(values)
            case .categorical(let name, let values, let givenLevels, let reference):
                let present = Set(values)
                let levels = givenLevels ?? present.sorted()
                for l in present where !levels.contains(l) { throw .unknownLevel(name: name, level: l) }
                let ref = reference ?? levels.first ?? ""
                guard levels.contains(ref) else { throw .unknownLevel(name: name, level: ref) }
                refs[name] = ref
                for level in levels where level != ref {
                    names.append(name + level)
                    cols.append(values.map { $0 == level ? 1 : 0 })
                }
            }
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw .duplicateName(name) }
        guard !cols.isEmpty else { throw .emptyDesign }
        do {
            matrix = try Matrix(columns: cols)
        } catch {
            throw .emptyDesign
        }
        columnNames = names
        hasIntercept = intercept
        referenceLevels = refs
    }

    /// A design over an existing matrix (for example, from a covariate extractor or a benchmark).
    public init(matrix: Matrix, columnNames: [String], hasIntercept: Bool) throws(RegressionError) {
        guard matrix.rows > 0, matrix.columns > 0 else { throw .emptyDesign }
        guard columnNames.count == matrix.columns else {
            throw .lengthMismatch(name: "columnNames", count: columnNames.count, expected: matrix.columns)
        }
        var seen = Set<String>()
        for name in columnNames where !seen.insert(name).inserted { throw .duplicateName(name) }
        for j in 0..<matrix.columns {
            for i in 0..<matrix.rows where !matrix[i, j].isFinite {
                throw .nonFiniteValue(name: columnNames[j], row: i, value: matrix[i, j])
            }
        }
        self.matrix = matrix
        self.columnNames = columnNames
        self.hasIntercept = hasIntercept
        self.referenceLevels = [:]
    }

    /// The design restricted to the listed columns.
    func keeping(columns keep: [Int]) -> DesignMatrix {
        DesignMatrix(
            unchecked: matrix.selecting(columns: keep), columnNames: keep.map { columnNames[$0] },
            hasIntercept: hasIntercept && keep.first == 0, referenceLevels: referenceLevels)
    }

    /// The design with the listed rows, in the listed order.
    func keepingRows(_ rowIndices: [Int]) -> DesignMatrix {
        DesignMatrix(
            unchecked: matrix.selecting(rows: rowIndices, columns: Array(0..<columns)), columnNames: columnNames,
            hasIntercept: hasIntercept, referenceLevels: referenceLevels)
    }

    private init(unchecked matrix: Matrix, columnNames: [String], hasIntercept: Bool, referenceLevels: [String: String]) {
        self.matrix = matrix
        self.columnNames = columnNames
        self.hasIntercept = hasIntercept
        self.referenceLevels = referenceLevels
    }
}
