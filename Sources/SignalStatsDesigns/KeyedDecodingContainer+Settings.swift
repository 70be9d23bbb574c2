import CohortModel
import Foundation

/// The range-checked reads the designs' study-file grammars share (SCCS, PS cohort, SSA): one definition of "an
/// integer with a default that must lie in a range" and of "a `YYYY-MM-DD` date".
extension KeyedDecodingContainer {
    /// The value at `key` (or `fallback` when absent), which must lie in `range`; the error names the key and says
    /// `"<phrase> <lower> to <upper>, found <value>"`.
    func decode<T: Decodable & Comparable & CustomStringConvertible>(
        _ type: T.Type, forKey key: Key, default fallback: T, in range: ClosedRange<T>, phrase: String
    ) throws -> T {
        let v = try decodeIfPresent(T.self, forKey: key) ?? fallback
        guard range.contains(v) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\(phrase) \(range.lowerBound) to \(range.upperBound), found \(v)")
        }
        return v
    }

    /// A `YYYY-MM-DD` date at `key`, or `nil` when absent.
    func decodeDayIfPresent(forKey key: Key) throws -> Day? {
        guard let s = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let d = Day(s) else { throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected a date as YYYY-MM-DD, found \"\(s)\"") }
        return d
    }
}
