/// `drug_exposures`: person_id, drug_code, code_system, start_date, route, and optionally days_supply,
/// end_date, quantity, setting.
///
/// The loader's hot path: every field is read from bytes, codes are looked up by their bytes (a `String` is
/// made only for a code not seen before), and one decoder runs per chunk of the file on each core.
struct DrugDecoder: RowDecoder {
    static let person = 0, code = 1, system = 2, start = 3, route = 4, daysSupply = 5, endDate = 6, quantity = 7,
        setting = 8
    /// Longest supply accepted, in days (100 years).
    static let maxDaysSupply = 36_500

    let persons: PersonDirectory
    var codes = CodeCache()
    /// The stored rows, one record each (one append per row while parsing, and one memory access per row when
    /// they are reordered by person); `drug` holds ``CodeCache`` entry numbers until the session maps them to
    /// concept ids.
    var rows: [DrugRecord] = []
    var sums: ChecksumSums

    init(persons: PersonDirectory, siteCount: Int, expectedRows: Int = 0) {
        self.persons = persons
        sums = ChecksumSums(columns: 7, siteCount: siteCount)
        if expectedRows > 0 { rows.reserveCapacity(expectedRows) }
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let person = try persons.resolve(&row, column: Self.person)
        let p = person.index, h = person.hash
        let system = try EnumFields.drugSystem(row, Self.system)
        let (code, codeHash) = try codes.entry(row, column: Self.code, system: system)
        let start = try row.day(Self.start)
        if start < person.birth { throw RowIssue(Self.start, .dateBeforeBirth) }
        let supply = try row.optionalInt(Self.daysSupply)
        let end = try row.optionalDay(Self.endDate)
        let days: Int
        if let supply {
            guard supply >= 1, supply <= Self.maxDaysSupply else { throw RowIssue(Self.daysSupply, .outOfRange) }
            days = supply
            if let end, end - start + 1 != supply {
                throw RowIssue(
                    Self.endDate, end < start ? .endBeforeStart : .inconsistentEndDate,
                    detail: "start_date + days_supply − 1 is \(start + (supply - 1))")
            }
        } else if let end {
            if end < start { throw RowIssue(Self.endDate, .endBeforeStart) }
            days = end - start + 1
            guard days <= Self.maxDaysSupply else { throw RowIssue(Self.endDate, .outOfRange) }
        } else {
            throw RowIssue(row.has(Self.daysSupply) ? Self.daysSupply : Self.endDate, .missingValue,
                           detail: "days_supply or end_date is required")
        }
        var quantity = Float.nan
        if let q = try row.optionalDouble(Self.quantity) {
            quantity = Float(q)
            guard q >= 0, quantity.isFinite else { throw RowIssue(Self.quantity, .outOfRange) }
        }
        let route = try EnumFields.route(row, Self.route)
        let setting = try EnumFields.setting(row, Self.setting)

        codes.use(code)
        let supply32 = Int32(days)
        rows.append(DrugRecord(
            person: Int32(p), drug: Int32(code), start: start, daysSupply: supply32, quantity: quantity, route: route,
            setting: setting))
        sums.add(
            bucket: Int(person.site),
            h, Checksum.linked(h, codeHash), Checksum.linked(h, Checksum.day(start)),
            Checksum.linked(h, Checksum.int32(supply32)), Checksum.linked(h, Checksum.float(quantity)),
            Checksum.linked(h, Checksum.byte(route.rawValue)), Checksum.linked(h, Checksum.byte(setting.rawValue)))
    }
}

/// One drug exposure while loading (24 bytes).
struct DrugRecord: Sendable {
    var person: Int32
    var drug: Int32
    var start: Day
    var daysSupply: Int32
    var quantity: Float
    var route: Route
    var setting: CareSetting
}

extension DrugExposureTable {
    /// The table of `chunks`' records (in chunk order) ordered by person, then start date, ties in source order:
    /// copied straight through when already in order, else scattered by person (a counting sort, moving whole
    /// records) and sorted by date within each person.
    ///
    /// - Complexity: O(n) plus O(k log k) for each person's k rows that are out of date order.
    static func ordered(_ chunks: [[DrugRecord]], personCount: Int) -> DrugExposureTable {
        let n = chunks.reduce(0) { $0 + $1.count }
        var inOrder = true
        var last: (Int32, Int32) = (.min, .min)
        check: for c in chunks {
            for r in c {
                let key = (r.person, r.start.rawValue)
                if key < last {
                    inOrder = false
                    break check
                }
                last = key
            }
        }
        if inOrder { return columns(of: chunks, count: n) }

        var next = [Int](repeating: 0, count: personCount + 1)
        for c in chunks { for r in c { next[Int(r.person) + 1] += 1 } }
        for k in 0..<personCount { next[k + 1] += next[k] }
        let starts = next
        var sorted = [DrugRecord](unsafeUninitializedCapacity: n) { out, count in
            for c in chunks {
                for r in c {
                    let q = Int(r.person)
                    out.initializeElement(at: next[q], to: r)
                    next[q] += 1
                }
            }
            count = n
        }
        sorted.withUnsafeMutableBufferPointer { rows in
            for q in 0..<personCount {
                let lo = starts[q], hi = starts[q + 1]
                if hi - lo < 2 { continue }
                var ordered = true
                for k in (lo + 1)..<hi where rows[k - 1].start > rows[k].start {
                    ordered = false
                    break
                }
                if ordered { continue }
                if hi - lo <= 48 {
                    // Insertion sort: stable.
                    for k in (lo + 1)..<hi {
                        let r = rows[k]
                        var j = k
                        while j > lo && rows[j - 1].start > r.start {
                            rows[j] = rows[j - 1]
                            j -= 1
                        }
                        rows[j] = r
                    }
                } else {
                    let slice = Array(rows[lo..<hi])
                    let order = slice.indices.sorted { a, b in
                        slice[a].start < slice[b].start || (slice[a].start == slice[b].start && a < b)
                    }
                    for (k, i) in order.enumerated() { rows[lo + k] = slice[i] }
                }
            }
        }
        return columns(of: [sorted], count: n)
    }

    /// Records to columns, in order.
    private static func columns(of chunks: [[DrugRecord]], count n: Int) -> DrugExposureTable {
        var t = DrugExposureTable()
        t.person = [Int32](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.person); k += 1 } }
            c = n
        }
        t.drug = [Int32](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.drug); k += 1 } }
            c = n
        }
        t.start = [Day](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.start); k += 1 } }
            c = n
        }
        t.daysSupply = [Int32](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.daysSupply); k += 1 } }
            c = n
        }
        t.quantity = [Float](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.quantity); k += 1 } }
            c = n
        }
        t.route = [Route](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.route); k += 1 } }
            c = n
        }
        t.setting = [CareSetting](unsafeUninitializedCapacity: n) { out, c in
            var k = 0
            for ch in chunks { for r in ch { out.initializeElement(at: k, to: r.setting); k += 1 } }
            c = n
        }
        return t
    }
}
