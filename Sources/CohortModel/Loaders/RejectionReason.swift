/// The reasons a loader rejects a source row; ``LoadReport/Rejection/reason`` holds the raw value.
///
/// A row with several problems is rejected once, for the first problem found: the row's structure first,
/// then its references (person, hospital), then its columns in layout order.
public enum RejectionReason: String, Sendable, CaseIterable, Codable {
    /// The row has more or fewer fields than the header.
    case wrongColumnCount = "wrong column count"
    /// The file ends inside the row: inside a quoted field, or before its last field with no final line break.
    case truncatedFile = "truncated file"
    /// A quoted field that does not close where a field may end: still open at the end of the file, open for more
    /// than ``QuotedFieldLimits`` allows, or closed on a later line of a row that is malformed. Only the line the
    /// quote opened on is rejected; reading resumes at the next line (``LoadReport/LineAccount/resynchronised``).
    case unterminatedQuote = "unterminated quote"
    /// A double quote inside an unquoted field, or text after a closing quote.
    case misplacedQuote = "misplaced quote"
    /// A field's bytes are not valid UTF-8.
    case invalidUTF8 = "invalid UTF-8"
    /// A required field is empty (or `NA`).
    case missingValue = "missing value"
    /// A date that is not `YYYY-MM-DD` (or `YYYYMMDD`) or not a calendar date.
    case unparseableDate = "unparseable date"
    /// A number (or integer) that does not parse, or is infinite or NaN.
    case unparseableNumber = "unparseable number"
    /// A value outside a column's list of allowed values (sex, route, setting, code system, flags).
    case invalidValue = "invalid value"
    /// A number outside its column's range (days supply 1 to 36 500, quantity ≥ 0, a lab value that overflows
    /// when converted).
    case outOfRange = "out of range"
    /// An event dated before the person's birth.
    case dateBeforeBirth = "date before birth"
    /// An end (end date, discharge) before its start.
    case endBeforeStart = "end before start"
    /// A drug exposure whose `end_date` disagrees with its `days_supply`.
    case inconsistentEndDate = "inconsistent end date"
    /// A lab reference range whose lower limit exceeds its upper limit.
    case invalidReferenceRange = "invalid reference range"
    /// A code that fails its code system's format check (``CodeSystem/formatProblem(_:)``).
    case unknownCode = "unknown code"
    /// A lab unit with no conversion to the analyte's harmonized unit (``UnitConversionTable``).
    case unknownUnit = "unknown unit"
    /// A second row with an id that must be unique (site, person, concept, unit).
    case duplicateID = "duplicate id"
    /// A record for a person id not in `persons`.
    case unknownPerson = "unknown person"
    /// A person at a hospital id not in `sites`.
    case unknownHospital = "unknown hospital"
}
