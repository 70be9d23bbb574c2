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
    /// `drug` holds ``CodeCache`` entry numbers until the session maps them to concept ids.
    var table = DrugExposureTable()
    var sums: ChecksumSums

    init(persons: PersonDirectory, siteCount: Int, expectedRows: Int = 0) {
        self.persons = persons
        sums = ChecksumSums(columns: 7, siteCount: siteCount)
        if expectedRows > 0 {
            table.person.reserveCapacity(expectedRows)
            table.drug.reserveCapacity(expectedRows)
            table.start.reserveCapacity(expectedRows)
            table.daysSupply.reserveCapacity(expectedRows)
            table.quantity.reserveCapacity(expectedRows)
            table.route.reserveCapacity(expectedRows)
            table.setting.reserveCapacity(expectedRows)
        }
    }

    mutating func decode(_ row: inout SourceRow) throws(RowIssue) {
        let (p, h) = try persons.resolve(&row, column: Self.person)
        let system = try EnumFields.drugSystem(row, Self.system)
        let (code, codeHash) = try codes.entry(row, column: Self.code, system: system)
        let start = try row.day(Self.start)
        if start < persons.birth[p] { throw RowIssue(Self.start, .dateBeforeBirth) }
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
        table.person.append(Int32(p))
        table.drug.append(Int32(code))
        table.start.append(start)
        table.daysSupply.append(supply32)
        table.quantity.append(quantity)
        table.route.append(route)
        table.setting.append(setting)
        let s = Int(persons.site[p])
        sums.add(bucket: s, column: 0, h)
        sums.add(bucket: s, column: 1, Checksum.linked(h, codeHash))
        sums.add(bucket: s, column: 2, Checksum.linked(h, Checksum.day(start)))
        sums.add(bucket: s, column: 3, Checksum.linked(h, Checksum.int32(supply32)))
        sums.add(bucket: s, column: 4, Checksum.linked(h, Checksum.float(quantity)))
        sums.add(bucket: s, column: 5, Checksum.linked(h, Checksum.byte(route.rawValue)))
        sums.add(bucket: s, column: 6, Checksum.linked(h, Checksum.byte(setting.rawValue)))
    }
}
