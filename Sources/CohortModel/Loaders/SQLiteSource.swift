import Foundation
import GRDB

/// Reads each table from the SQLite table of the same name, in rowid order, through GRDB.
///
/// Each value is turned into the text the CSV loader would read (NULL as an empty field, integers in decimal,
/// reals in the shortest form that reads back to the same `Double`, integral reals as integers; text and blobs
/// as their bytes), so both loaders share the row decoders and their checks. Rows are rejected with
/// `file == "sqlite:<table>"` and `line ==` rowid.
struct SQLiteSource: RowSource {
    let queue: DatabaseQueue
    let fileName: String
    let allowExtraColumns: Bool

    init(file: URL, allowExtraColumns: Bool) throws(CohortModelError) {
        fileName = file.lastPathComponent
        self.allowExtraColumns = allowExtraColumns
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw .sqlite(file: fileName, message: "no such file")
        }
        if let kind = RegularFile.nonRegularKind(atPath: file.path) { throw .notARegularFile(path: file.path, kind: kind) }
        if let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int, size == 0 {
            throw .sqlite(file: fileName, message: "the file is empty (0 bytes), not an SQLite database")
        }
        var config = Configuration()
        config.readonly = true
        do {
            queue = try DatabaseQueue(path: file.path, configuration: config)
        } catch {
            throw .sqlite(file: file.lastPathComponent, message: Self.message(error))
        }
    }

    static func message(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "\(e.resultCode)" }
        return "\(error)"
    }

    func run<D: RowDecoder & Sendable>(
        _ layout: TableLayout, strict: Bool, siteCount: Int, parallelism: Int, make: @escaping @Sendable (Int) -> D
    ) throws(CohortModelError) -> (decoders: [D], tally: TableTally)? {
        let label = "sqlite:\(layout.name)"
        let context = TableContext(layout: layout, file: label, strict: strict, siteCount: siteCount)
        let allowExtra = allowExtraColumns
        let fileName = self.fileName
        do {
            return try queue.read { db throws -> (decoders: [D], tally: TableTally)? in
                guard try db.tableExists(layout.name) else {
                    if layout.requiredTable { throw CohortModelError.missingTable(table: layout.name, file: fileName) }
                    return nil
                }
                let names = try db.columns(in: layout.name).map(\.name)
                let positions = try resolveHeader(names, layout: layout, file: label, allowExtraColumns: allowExtra)
                // Select the layout's columns that exist; slot j holds the j-th selected column.
                var selected: [String] = []
                var slotOf = [Int](repeating: -1, count: layout.columns.count)
                for (c, column) in layout.columns.enumerated() where positions[c] >= 0 {
                    slotOf[c] = selected.count
                    selected.append(column.name)
                }
                let quoted = selected.map { "\"\($0)\"" }.joined(separator: ", ")
                let sql = "SELECT rowid, \(quoted) FROM \"\(layout.name)\" ORDER BY rowid"
                var decoder = make(0)
                var tally = TableTally(siteCount: siteCount)
                let slots = FieldSlots(capacity: max(1, selected.count))
                var scratch: [UInt8] = []
                scratch.reserveCapacity(512)
                let cursor = try Row.fetchCursor(db, sql: sql)
                try slotOf.withUnsafeBufferPointer { pos in
                    guard let position = pos.baseAddress else { return }
                    while let r = try cursor.next() {
                        let rowid: Int64 = r[0]
                        let line = Int(rowid)
                        scratch.removeAll(keepingCapacity: true)
                        var badField = -1
                        for j in 0..<selected.count {
                            let start = scratch.count
                            let v: DatabaseValue = r[j + 1]
                            switch v.storage {
                            case .null: break
                            case .int64(let x): scratch.append(contentsOf: String(x).utf8)
                            case .double(let x): scratch.append(contentsOf: Self.render(x).utf8)
                            case .string:
                                try r.withUnsafeData(atIndex: j + 1) { data in
                                    if let data { scratch.append(contentsOf: data) }
                                }
                            case .blob(let data): scratch.append(contentsOf: data)
                            }
                            slots.starts[j] = start
                            slots.ends[j] = scratch.count
                            slots.escaped[j] = false
                            if badField < 0 && scratch[start...].contains(where: { $0 >= 0x80 })
                                && String(validating: scratch[start...], as: UTF8.self) == nil
                            {
                                badField = j
                            }
                        }
                        scratch.append(0)
                        let accepted: Bool = scratch.withUnsafeBufferPointer { buf in
                            guard let b = buf.baseAddress else { return false }
                            if badField >= 0 {
                                tally.source[siteCount] += 1
                                tally.rejections.append(context.rejection(
                                    line: line, column: selected[badField],
                                    value: FieldParsing.display(b, slots.starts[badField], slots.ends[badField]),
                                    reason: .invalidUTF8, site: nil, detail: nil))
                                return false
                            }
                            var row = SourceRow(b: b, starts: slots.starts, ends: slots.ends, escaped: slots.escaped, position: position)
                            return context.process(&decoder, &row, line: line, tally: &tally)
                        }
                        if !accepted && strict { break }
                    }
                }
                return ([decoder], tally)
            }
        } catch let error as CohortModelError {
            throw error
        } catch {
            throw .sqlite(file: fileName, message: Self.message(error))
        }
    }

    /// A real as the CSV text that reads back to it: integral values as integers, others in Swift's shortest
    /// round-trip form.
    static func render(_ x: Double) -> String {
        if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
