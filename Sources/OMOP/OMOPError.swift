import CohortModel

/// Errors from reading or writing an OMOP CDM instance; each message names the table, column, file, row or
/// connection concerned.
public enum OMOPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A table the reader needs is absent (a CSV file not in the folder, a table not in the schema).
    case missingTable(table: String, location: String)
    /// A table lacks a column the reader needs.
    case missingColumn(table: String, column: String, location: String)
    /// A CDM version other than 5.3 and 5.4 (given by the caller or found in `cdm_source.cdm_version`).
    case unknownCDMVersion(String, location: String)
    /// A malformed CSV file (file, line, column and reason).
    case csv(CSVError)
    /// A source row a strict load cannot store: the first rejection, with its table, line, column, value and
    /// reason (``OMOPRejection``).
    case rejectedRow(LoadReport.Rejection)
    /// A mapping or vocabulary file that contradicts itself or cannot be used.
    case invalidMapping(file: String, line: Int, reason: String)
    /// A file or folder could not be written or read; the system's message.
    case io(path: String, message: String)
    /// A database source failed (connection refused, authentication failed, query error); the message never holds
    /// the password.
    case database(connection: String, message: String)
    /// An error of the network model (duplicate ids and the like).
    case model(CohortModelError)

    /// A one-line message.
    public var description: String {
        switch self {
        case .missingTable(let table, let location): return "\(location): OMOP table \(table) is missing"
        case .missingColumn(let table, let column, let location):
            return "\(location): OMOP table \(table) has no column \"\(column)\""
        case .unknownCDMVersion(let v, let location):
            return "\(location): CDM version \"\(v)\" is not one the reader knows (5.3, 5.4)"
        case .csv(let e): return e.description
        case .rejectedRow(let r): return r.description
        case .invalidMapping(let file, let line, let reason): return "\(file):\(line): \(reason)"
        case .io(let path, let message): return "\(path): \(message)"
        case .database(let connection, let message): return "\(connection): \(message)"
        case .model(let e): return e.description
        }
    }
}

/// Rejection reasons the OMOP reader adds to the network loaders' ``RejectionReason`` keys.
public enum OMOPRejection: String, Sendable, CaseIterable {
    /// An observation period that overlaps an earlier one of the same person (the CDM forbids overlaps).
    case overlappingObservationPeriod = "overlapping observation period"
    /// A domain concept id that is not in the `concept` table, or 0 with no usable source code.
    case unknownConcept = "unknown concept"
}
