import CohortModel
import Foundation

/// Reads an OMOP CDM v5.3 or v5.4 instance into the network model.
///
/// Tables: `person`, `observation_period`, `drug_exposure`, `condition_occurrence`, `measurement` and
/// `visit_occurrence` are required; `cdm_source`, `care_site`, `location`, `death`, `drug_era`, `concept`,
/// `concept_ancestor`, `concept_relationship` and `source_to_concept_map` are read when present. `docs/omop.md`
/// lists how each column becomes the model's, and what is not imported.
///
/// Every source row is stored, rejected (``LoadReport/Rejection`` with table, line, column, value and reason; in
/// strict mode the first one is thrown) or counted in ``OMOPLoadedNetwork/notImported``.
///
/// ```swift
/// let omop = try await OMOPReader.loadCSV(directory: dir, options: OMOPReadOptions(mode: .lenient, cdmVersion: .v5_3))
/// print(omop.network.personCount, omop.report.summary())
/// ```
public enum OMOPReader {
    /// Reads the OMOP CSV files of `directory` (see ``OMOPCSVSource``).
    ///
    /// - Throws: ``OMOPError``: a missing table or column, an unknown CDM version, a malformed file, and in strict
    ///   mode the first rejected row.
    public static func loadCSV(directory: URL, options: OMOPReadOptions = .init()) async throws(OMOPError) -> OMOPLoadedNetwork {
        try await load(from: OMOPCSVSource(directory: directory), options: options)
    }

    /// Reads an OMOP instance from any row source (CSV folder, PostgreSQL).
    ///
    /// - Throws: as ``loadCSV(directory:options:)``; a source's own failures as ``OMOPError/database(connection:message:)``.
    public static func load(from source: some OMOPRowSource, options: OMOPReadOptions = .init()) async throws(OMOPError)
        -> OMOPLoadedNetwork
    {
        var session = OMOPReadSession(source: source, options: options)
        do {
            return try await session.run()
        } catch let e as OMOPError {
            throw e
        } catch let e as CohortModelError {
            throw .model(e)
        } catch {
            throw .database(connection: source.location, message: String(describing: error))
        }
    }
}

/// One row's problem, turned into a rejection by the session.
struct RowIssue: Error {
    var column: String?
    var value: String?
    var reason: String
    var detail: String?
    init(_ column: String?, _ value: String?, _ reason: RejectionReason, _ detail: String? = nil) {
        self.column = column
        self.value = value
        self.reason = reason.rawValue
        self.detail = detail
    }
    init(_ column: String?, _ value: String?, omop reason: OMOPRejection, _ detail: String? = nil) {
        self.column = column
        self.value = value
        self.reason = reason.rawValue
        self.detail = detail
    }
}

/// A row's fields by the table's column names.
struct OMOPFields {
    let row: OMOPRow
    let positions: [String: Int]

    /// The value of `column` (`nil` when empty, NULL or the column is absent).
    func text(_ column: String) -> String? {
        guard let k = positions[column], let v = row.values[k] else { return nil }
        let t = v.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    func required(_ column: String) throws(RowIssue) -> String {
        guard let v = text(column) else { throw RowIssue(column, nil, .missingValue) }
        return v
    }

    func int(_ column: String) throws(RowIssue) -> Int64? {
        guard let v = text(column) else { return nil }
        if let i = Int64(v) { return i }
        if let d = Double(v), d.isFinite, d == d.rounded(), abs(d) < 9e15 { return Int64(d) }
        throw RowIssue(column, v, .unparseableNumber)
    }

    func requiredInt(_ column: String) throws(RowIssue) -> Int64 {
        guard let i = try int(column) else { throw RowIssue(column, nil, .missingValue) }
        return i
    }

    func double(_ column: String) throws(RowIssue) -> Double? {
        guard let v = text(column) else { return nil }
        guard let d = Double(v), d.isFinite else { throw RowIssue(column, v, .unparseableNumber) }
        return d
    }

    /// A date from `YYYY-MM-DD` or the date part of a timestamp.
    func date(_ column: String) throws(RowIssue) -> Day? {
        guard let v = text(column) else { return nil }
        guard let d = Day(String(v.prefix(10))) else { throw RowIssue(column, v, .unparseableDate) }
        return d
    }

    func requiredDate(_ column: String) throws(RowIssue) -> Day {
        guard let d = try date(column) else { throw RowIssue(column, nil, .missingValue) }
        return d
    }
}
