import Foundation
import GRDB

extension NetworkWriter {
    /// Writes every table into a new SQLite file at `file` (an existing file is replaced), in the layout
    /// ``NetworkLoader/loadSQLite(file:options:)`` reads: text ids, codes and ISO dates; `days_supply` and
    /// `suspected` as integers; quantities, values and reference limits as reals (NULL when missing).
    ///
    /// - Throws: ``CohortModelError/writeFailed(file:message:)`` when an existing file cannot be removed,
    ///   ``CohortModelError/sqlite(file:message:)`` for SQLite errors.
    public static func writeSQLite(_ network: Network, to file: URL) throws(CohortModelError) {
        let name = file.lastPathComponent
        let fm = FileManager.default
        for suffix in ["", "-journal", "-wal", "-shm"] where fm.fileExists(atPath: file.path + suffix) {
            do {
                try fm.removeItem(atPath: file.path + suffix)
            } catch {
                throw .writeFailed(file: name, message: (error as NSError).localizedDescription)
            }
        }
        do {
            let queue = try DatabaseQueue(path: file.path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.inTransaction {
                    try createTables(db)
                    try insertRows(network, db)
                    return .commit
                }
            }
            try queue.close()
        } catch {
            throw .sqlite(file: name, message: SQLiteSource.message(error))
        }
    }

    private static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE concepts (code_system TEXT NOT NULL, code TEXT NOT NULL);
            CREATE TABLE units (unit TEXT NOT NULL);
            CREATE TABLE sites (hospital_id TEXT NOT NULL, organization_id TEXT NOT NULL, name TEXT NOT NULL);
            CREATE TABLE persons (person_id TEXT NOT NULL, hospital_id TEXT NOT NULL, birth_date TEXT NOT NULL,
                sex TEXT NOT NULL);
            CREATE TABLE observation_periods (person_id TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL);
            CREATE TABLE drug_exposures (person_id TEXT NOT NULL, drug_code TEXT NOT NULL, code_system TEXT NOT NULL,
                start_date TEXT NOT NULL, days_supply INTEGER NOT NULL, quantity REAL, route TEXT NOT NULL, setting TEXT);
            CREATE TABLE diagnoses (person_id TEXT NOT NULL, icd10_code TEXT NOT NULL, date TEXT NOT NULL,
                suspected INTEGER NOT NULL, setting TEXT);
            CREATE TABLE lab_results (person_id TEXT NOT NULL, jlac10_code TEXT NOT NULL, date TEXT NOT NULL,
                value REAL, unit TEXT NOT NULL, reference_low REAL, reference_high REAL, abnormal_flag TEXT);
            CREATE TABLE admissions (person_id TEXT NOT NULL, admission_date TEXT NOT NULL, discharge_date TEXT NOT NULL);
            """)
    }

    private static func real(_ v: Double) -> DatabaseValue { v.isNaN ? .null : v.databaseValue }

    private static func insertRows(_ n: Network, _ db: Database) throws {
        let pid = n.persons.sourceID
        let concepts = n.vocabulary.concepts
        var st = try db.makeStatement(sql: "INSERT INTO concepts VALUES (?, ?)")
        for c in concepts { try st.execute(arguments: [c.system.rawValue, c.code]) }
        st = try db.makeStatement(sql: "INSERT INTO units VALUES (?)")
        for u in n.units { try st.execute(arguments: [u]) }
        st = try db.makeStatement(sql: "INSERT INTO sites VALUES (?, ?, ?)")
        for s in n.sites { try st.execute(arguments: [s.hospitalID, s.organizationID, s.name]) }
        st = try db.makeStatement(sql: "INSERT INTO persons VALUES (?, ?, ?, ?)")
        let p = n.persons
        for i in 0..<p.count {
            let sex = String(decoding: sexText(p.sex[i]), as: UTF8.self)
            try st.execute(arguments: [pid[i], n.sites[Int(p.site[i])].hospitalID, p.birthDate[i].description, sex])
        }
        st = try db.makeStatement(sql: "INSERT INTO observation_periods VALUES (?, ?, ?)")
        let o = n.observationPeriods.table
        for i in 0..<o.count {
            try st.execute(arguments: [pid[Int(o.person[i])], o.start[i].description, o.end[i].description])
        }
        st = try db.makeStatement(sql: "INSERT INTO drug_exposures VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let d = n.drugs.table
        for i in 0..<d.count {
            let c = concepts[Int(d.drug[i])]
            try st.execute(arguments: [
                pid[Int(d.person[i])], c.code, c.system.rawValue, d.start[i].description, Int(d.daysSupply[i]),
                real(Double(d.quantity[i])), routeName(d.route[i]), settingName(d.setting[i]),
            ])
        }
        st = try db.makeStatement(sql: "INSERT INTO diagnoses VALUES (?, ?, ?, ?, ?)")
        let x = n.diagnoses.table
        for i in 0..<x.count {
            try st.execute(arguments: [
                pid[Int(x.person[i])], concepts[Int(x.code[i])].code, x.date[i].description, x.suspected[i] ? 1 : 0,
                settingName(x.setting[i]),
            ])
        }
        st = try db.makeStatement(sql: "INSERT INTO lab_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let l = n.labs.table
        for i in 0..<l.count {
            let flag = abnormalName(l.abnormal[i])
            try st.execute(arguments: [
                pid[Int(l.person[i])], concepts[Int(l.code[i])].code, l.date[i].description, real(l.value[i]),
                n.units[Int(l.unit[i])], real(l.referenceLow[i]), real(l.referenceHigh[i]),
                flag.isEmpty ? DatabaseValue.null : flag.databaseValue,
            ])
        }
        st = try db.makeStatement(sql: "INSERT INTO admissions VALUES (?, ?, ?)")
        let a = n.admissions.table
        for i in 0..<a.count {
            try st.execute(arguments: [pid[Int(a.person[i])], a.admission[i].description, a.discharge[i].description])
        }
    }
}
