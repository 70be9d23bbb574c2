/// A count that may be suppressed as a small cell.
///
/// MID-NET publishes counts from 1 to 9 as "<10": a published table must not reveal that one to nine persons share
/// a characteristic. A `CellCount` holds either the count or the fact that it was suppressed below a threshold.
/// In JSON it is a number (`1234`, `0`) or a string (`"<10"`).
public enum CellCount: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The count as computed.
    case value(Int)
    /// A count from 1 to `threshold − 1`, withheld.
    case suppressed(threshold: Int)

    /// The count, or `nil` when suppressed.
    public var value: Int? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// Whether the count was withheld.
    public var isSuppressed: Bool { value == nil }

    /// `"1234"`, `"0"` or `"<10"`.
    public var description: String {
        switch self {
        case .value(let v): return String(v)
        case .suppressed(let t): return "<\(t)"
        }
    }

    /// The count with small-cell suppression applied: counts from 1 to `threshold − 1` become `<threshold`; 0 stays 0.
    /// A threshold of 0 or 1 suppresses nothing.
    public func suppressed(below threshold: Int) -> CellCount {
        guard case .value(let v) = self, threshold > 1, v >= 1, v < threshold else { return self }
        return .suppressed(threshold: threshold)
    }

    /// Decodes a number or a `"<N"` string.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Int.self) {
            self = .value(v)
            return
        }
        let s = try c.decode(String.self)
        guard s.hasPrefix("<"), let t = Int(s.dropFirst()) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a count or \"<N\", found \"\(s)\"")
        }
        self = .suppressed(threshold: t)
    }

    /// Encodes a number, or `"<N"` when suppressed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .value(let v): try c.encode(v)
        case .suppressed: try c.encode(description)
        }
    }
}

extension CellCount: ExpressibleByIntegerLiteral {
    /// A count written as a literal.
    public init(integerLiteral value: Int) { self = .value(value) }
}
