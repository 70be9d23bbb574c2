import CohortModel
import SignalStatsCore

extension SCCSPreparedData {
    /// Data from a CSV table in R `SCCS` layout; every other column is available as an exposure column.
    ///
    /// - Throws: ``SCCSError/unknownColumn(_:)``, ``SCCSError/missingValue(column:row:)`` for a missing id,
    ///   observation or event value.
    public init(table: CSVTable, indiv: String, start: String, end: String, event: String) throws(SCCSError) {
        func ints(_ name: String, required: Bool) throws(SCCSError) -> [Int?] {
            guard table.columnPosition(name) != nil else { throw .unknownColumn(name) }
            let values: [Double?]
            do { values = try table.doubles(name, allowMissing: true) } catch { throw .invalidDesign(error.description) }
            if required, let row = values.firstIndex(where: { $0 == nil }) { throw .missingValue(column: name, row: row) }
            return values.map { $0.map { Int($0.rounded()) } }
        }
        guard table.columnPosition(indiv) != nil else { throw .unknownColumn(indiv) }
        let ids: [String]
        do { ids = try table.strings(indiv) } catch { throw .invalidDesign(error.description) }
        let s = try ints(start, required: true).map { $0 ?? 0 }
        let e = try ints(end, required: true).map { $0 ?? 0 }
        let ev = try ints(event, required: true).map { $0 ?? 0 }
        var cols: [String: [Int?]] = [:]
        for name in table.header where ![indiv, start, end, event].contains(name) {
            if let c = try? ints(name, required: false) { cols[name] = c }
        }
        self.init(indiv: ids, start: s, end: e, event: ev, columns: cols)
    }
}
