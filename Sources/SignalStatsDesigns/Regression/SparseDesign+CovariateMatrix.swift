import SignalStatsCore
import CohortModel

extension SparseDesign {
    /// The covariates CohortModel extracted, as a sparse design, without densifying them: the matrix's row form is
    /// used as is (it is already CSR with increasing columns), and the column form is built from it.
    ///
    /// - Throws: ``RegressionError/emptyDesign`` for a matrix without rows; otherwise as ``init(rows:columns:rowOffsets:columnIndices:values:names:)``.
    public init(covariates x: CovariateMatrix) throws(RegressionError) {
        try self.init(
            rows: x.rows, columns: x.columns, rowOffsets: x.rowOffsets, columnIndices: x.columnIndices, values: x.values,
            names: x.names)
    }
}
