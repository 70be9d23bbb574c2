import Dispatch

/// The reconciliation's stored side: the checksums of ``Checksum`` and the row counts per site, recomputed from a
/// built ``Network`` (through its vocabulary, person ids and sites, not through the loader's caches).
enum ModelChecksums {
    struct Result {
        var sums: ChecksumSums
        /// Rows per bucket (sites, then unknown).
        var rows: [Int]
        func sum(bucket: Int, column: Int) -> UInt64 { sums.sum(bucket: bucket, column: column) }
    }

    static func columns(of table: String) -> [String] {
        switch table {
        case TableLayout.concepts.name: return ChecksumColumns.concepts
        case TableLayout.units.name: return ChecksumColumns.units
        case TableLayout.sites.name: return ChecksumColumns.sites
        case TableLayout.persons.name: return ChecksumColumns.persons
        case TableLayout.observationPeriods.name: return ChecksumColumns.observationPeriods
        case TableLayout.drugExposures.name: return ChecksumColumns.drugExposures
        case TableLayout.diagnoses.name: return ChecksumColumns.diagnoses
        case TableLayout.labResults.name: return ChecksumColumns.labResults
        default: return ChecksumColumns.admissions
        }
    }

    /// Checksums of `table` in `network`; for `concepts` and `units` only the first `prefix` entries (those the
    /// list files defined; later ones came from the data).
    static func sums(of table: String, in n: Network, prefix: Int) -> Result {
        let siteCount = n.sites.count
        let personHash = n.persons.sourceID.map(Checksum.fnv1a)
        let site = n.persons.site
        switch table {
        case TableLayout.concepts.name:
            var r = Result(sums: ChecksumSums(columns: 2, siteCount: 0), rows: [0])
            for id in 0..<min(prefix, n.vocabulary.count) {
                let c = n.vocabulary[Int32(id)]
                r.sums.add(bucket: 0, column: 0, Checksum.fnv1a(c.system.rawValue))
                r.sums.add(bucket: 0, column: 1, Checksum.code(c.code, system: c.system))
                r.rows[0] += 1
            }
            return r
        case TableLayout.units.name:
            var r = Result(sums: ChecksumSums(columns: 1, siteCount: 0), rows: [0])
            for u in n.units.prefix(prefix) {
                r.sums.add(bucket: 0, column: 0, Checksum.fnv1a(u))
                r.rows[0] += 1
            }
            return r
        case TableLayout.sites.name:
            var r = Result(sums: ChecksumSums(columns: 3, siteCount: 0), rows: [n.sites.count])
            for s in n.sites {
                r.sums.add(bucket: 0, column: 0, Checksum.fnv1a(s.hospitalID))
                r.sums.add(bucket: 0, column: 1, Checksum.fnv1a(s.organizationID))
                r.sums.add(bucket: 0, column: 2, Checksum.fnv1a(s.name))
            }
            return r
        case TableLayout.persons.name:
            var r = Result(sums: ChecksumSums(columns: 4, siteCount: siteCount), rows: [Int](repeating: 0, count: siteCount + 1))
            let t = n.persons
            for p in 0..<t.count {
                let h = personHash[p], s = Int(t.site[p])
                r.rows[s] += 1
                r.sums.add(bucket: s, column: 0, h)
                r.sums.add(bucket: s, column: 1, Checksum.linked(h, Checksum.fnv1a(n.sites[s].hospitalID)))
                r.sums.add(bucket: s, column: 2, Checksum.linked(h, Checksum.day(t.birthDate[p])))
                r.sums.add(bucket: s, column: 3, Checksum.linked(h, Checksum.byte(t.sex[p].rawValue)))
            }
            return r
        case TableLayout.observationPeriods.name:
            let t = n.observationPeriods.table
            return rows(t.count, columns: 3, siteCount: siteCount) { i, add in
                let p = Int(t.person[i])
                let h = personHash[p]
                add(Int(site[p]), h, Checksum.linked(h, Checksum.day(t.start[i])), Checksum.linked(h, Checksum.day(t.end[i])), 0, 0, 0, 0, 0)
            }
        case TableLayout.drugExposures.name:
            let t = n.drugs.table
            let codeHash = n.vocabulary.concepts.map { Checksum.code($0.code, system: $0.system) }
            return rows(t.count, columns: 7, siteCount: siteCount) { i, add in
                let p = Int(t.person[i])
                let h = personHash[p]
                add(Int(site[p]), h, Checksum.linked(h, codeHash[Int(t.drug[i])]), Checksum.linked(h, Checksum.day(t.start[i])),
                    Checksum.linked(h, Checksum.int32(t.daysSupply[i])), Checksum.linked(h, Checksum.float(t.quantity[i])),
                    Checksum.linked(h, Checksum.byte(t.route[i].rawValue)), Checksum.linked(h, Checksum.byte(t.setting[i].rawValue)), 0)
            }
        case TableLayout.diagnoses.name:
            let t = n.diagnoses.table
            let codeHash = n.vocabulary.concepts.map { Checksum.code($0.code, system: $0.system) }
            return rows(t.count, columns: 5, siteCount: siteCount) { i, add in
                let p = Int(t.person[i])
                let h = personHash[p]
                add(Int(site[p]), h, Checksum.linked(h, codeHash[Int(t.code[i])]), Checksum.linked(h, Checksum.day(t.date[i])),
                    Checksum.linked(h, Checksum.byte(t.suspected[i] ? 1 : 0)), Checksum.linked(h, Checksum.byte(t.setting[i].rawValue)), 0, 0, 0)
            }
        case TableLayout.labResults.name:
            let t = n.labs.table
            let codeHash = n.vocabulary.concepts.map { Checksum.code($0.code, system: $0.system) }
            let unitHash = n.units.map(Checksum.fnv1a)
            return rows(t.count, columns: 8, siteCount: siteCount) { i, add in
                let p = Int(t.person[i])
                let h = personHash[p]
                add(Int(site[p]), h, Checksum.linked(h, codeHash[Int(t.code[i])]), Checksum.linked(h, Checksum.day(t.date[i])),
                    Checksum.linked(h, Checksum.double(t.value[i])), Checksum.linked(h, unitHash[Int(t.unit[i])]),
                    Checksum.linked(h, Checksum.double(t.referenceLow[i])), Checksum.linked(h, Checksum.double(t.referenceHigh[i])),
                    Checksum.linked(h, Checksum.byte(t.abnormal[i].rawValue)))
            }
        default:
            let t = n.admissions.table
            return rows(t.count, columns: 3, siteCount: siteCount) { i, add in
                let p = Int(t.person[i])
                let h = personHash[p]
                add(Int(site[p]), h, Checksum.linked(h, Checksum.day(t.admission[i])), Checksum.linked(h, Checksum.day(t.discharge[i])), 0, 0, 0, 0, 0)
            }
        }
    }

    /// Adds up `rowHashes` over rows `0..<count` in blocks on all cores. The closure gets a row and an `add`
    /// taking the row's bucket and up to eight column hashes (columns beyond `columns` ignored).
    private static func rows(
        _ count: Int, columns: Int, siteCount: Int,
        _ rowHashes: @Sendable (Int, (Int, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) -> Void) -> Void
    ) -> Result {
        let blocks = count < 100_000 ? 1 : max(1, ProcessInfoCores.activeProcessorCount)
        let results = ResultSlots(count: blocks, columns: columns, siteCount: siteCount)
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            var r = Result(sums: ChecksumSums(columns: columns, siteCount: siteCount), rows: [Int](repeating: 0, count: siteCount + 1))
            let lo = count * b / blocks, hi = count * (b + 1) / blocks
            for i in lo..<hi {
                rowHashes(i) { s, h0, h1, h2, h3, h4, h5, h6, h7 in
                    r.rows[s] += 1
                    r.sums.add(bucket: s, column: 0, h0)
                    r.sums.add(bucket: s, column: 1, h1)
                    r.sums.add(bucket: s, column: 2, h2)
                    if columns > 3 { r.sums.add(bucket: s, column: 3, h3) }
                    if columns > 4 { r.sums.add(bucket: s, column: 4, h4) }
                    if columns > 5 { r.sums.add(bucket: s, column: 5, h5) }
                    if columns > 6 { r.sums.add(bucket: s, column: 6, h6) }
                    if columns > 7 { r.sums.add(bucket: s, column: 7, h7) }
                }
            }
            results.set(b, r)
        }
        var total = Result(sums: ChecksumSums(columns: columns, siteCount: siteCount), rows: [Int](repeating: 0, count: siteCount + 1))
        for r in results.values {
            total.sums.merge(r.sums)
            for k in total.rows.indices { total.rows[k] += r.rows[k] }
        }
        return total
    }

    /// One result per block, written from concurrent iterations (each to its own slot).
    private final class ResultSlots: @unchecked Sendable {
        private let slots: UnsafeMutablePointer<Result?>
        let count: Int
        init(count: Int, columns: Int, siteCount: Int) {
            self.count = max(1, count)
            slots = .allocate(capacity: self.count)
            slots.initialize(repeating: nil, count: self.count)
        }
        deinit {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        func set(_ i: Int, _ r: Result) { slots[i] = r }
        var values: [Result] { (0..<count).compactMap { slots[$0] } }
    }
}
