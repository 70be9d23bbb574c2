/// A network's fingerprint: rows and column checksums per table, for recording which data a result came from.
///
/// The checksums are the loader's reconciliation checksums (``LoadReport/Reconciliation``): per column, the
/// wrapping sum of 64-bit FNV-1a hashes of each row's value linked to its person, so they do not depend on row
/// order, and a loaded network and the files it came from agree.
public struct NetworkFingerprint: Sendable, Equatable, Codable {
    /// One table.
    public struct Table: Sendable, Equatable, Codable {
        /// Table name as in the CSV layout (`persons`, `drug_exposures`, …).
        public var name: String
        /// Rows in the network.
        public var rows: Int
        /// Column name → checksum.
        public var checksums: [String: UInt64]
    }

    /// The tables in layout order.
    public var tables: [Table]
}

extension Network {
    /// Row counts and column checksums of every table.
    ///
    /// - Complexity: one parallel pass over every row.
    public func fingerprint() -> NetworkFingerprint {
        NetworkFingerprint(tables: TableLayout.all.map { layout in
            let r = ModelChecksums.sums(of: layout.name, in: self, prefix: Int.max)
            let names = ModelChecksums.columns(of: layout.name)
            var sums: [String: UInt64] = [:]
            for (c, name) in names.enumerated() {
                var total: UInt64 = 0
                for bucket in 0..<r.sums.buckets { total &+= r.sum(bucket: bucket, column: c) }
                sums[name] = total
            }
            return NetworkFingerprint.Table(name: layout.name, rows: r.rows.reduce(0, +), checksums: sums)
        })
    }
}
