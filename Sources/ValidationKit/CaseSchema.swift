import Foundation

/// Tolerance of one expected value. A value passes iff `|obtained − expected| ≤ bound`, where the bound
/// is the absolute tolerance itself, or the relative tolerance times `|expected|`. A non-finite obtained
/// value never passes.
///
/// In `case.json`: `{"relative": 1e-6}` or `{"absolute": 0.0005}` (exactly one key, a finite number ≥ 0).
public enum Tolerance: Codable, Sendable, Equatable, CustomStringConvertible {
    /// A fraction of `|expected|`.
    case relative(Double)
    /// A fixed amount.
    case absolute(Double)

    /// The largest accepted `|obtained − expected|`.
    public func bound(expected: Double) -> Double {
        switch self {
        case .relative(let r): return r * abs(expected)
        case .absolute(let a): return a
        }
    }

    /// Whether `obtained` is within tolerance of `expected`.
    public func accepts(obtained: Double, expected: Double) -> Bool {
        obtained.isFinite && abs(obtained - expected) <= bound(expected: expected)
    }

    /// `rel 1e-06` or `abs 0.0005`.
    public var description: String {
        switch self {
        case .relative(let r): return "rel \(formatTolerance(r))"
        case .absolute(let a): return "abs \(formatTolerance(a))"
        }
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case relative, absolute
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "tolerance")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let relative = try c.decodeIfPresent(Double.self, forKey: .relative)
        let absolute = try c.decodeIfPresent(Double.self, forKey: .absolute)
        switch (relative, absolute) {
        case (let r?, nil): self = .relative(r)
        case (nil, let a?): self = .absolute(a)
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath,
                      debugDescription: "a tolerance has exactly one of \"relative\" or \"absolute\""))
        }
        let v = relative ?? absolute ?? 0
        guard v.isFinite, v >= 0 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a tolerance must be a finite number >= 0"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .relative(let r): try c.encode(r, forKey: .relative)
        case .absolute(let a): try c.encode(a, forKey: .absolute)
        }
    }
}

/// One expected number of a case: what it is, its value, how close the method must come, and where the
/// value was published or produced.
public struct ExpectedValue: Codable, Sendable, Equatable {
    /// The quantity's name, defined by the method (for regressions: `coefficient`, `expCiLower`,
    /// `logLikelihood`, …).
    public var quantity: String
    /// The model term the quantity belongs to (for example `mmr1`); `nil` for model-level quantities.
    public var term: String?
    /// Confidence level of an interval quantity (default 0.95 where the method uses one).
    public var level: Double?
    /// The expected value.
    public var value: Double
    /// How close the obtained value must be.
    public var tolerance: Tolerance
    /// Citation of the value's source (publication, package and version, script); required, free text.
    public var source: String
    /// An optional remark for readers of `case.json` (not used by the runner).
    public var note: String?

    public init(
        quantity: String, term: String? = nil, level: Double? = nil, value: Double, tolerance: Tolerance,
        source: String, note: String? = nil
    ) {
        self.quantity = quantity
        self.term = term
        self.level = level
        self.value = value
        self.tolerance = tolerance
        self.source = source
        self.note = note
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case quantity, term, level, value, tolerance, source, note
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "an expected value")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        quantity = try c.decode(String.self, forKey: .quantity)
        term = try c.decodeIfPresent(String.self, forKey: .term)
        level = try c.decodeIfPresent(Double.self, forKey: .level)
        value = try c.decode(Double.self, forKey: .value)
        tolerance = try c.decode(Tolerance.self, forKey: .tolerance)
        source = try c.decode(String.self, forKey: .source)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        guard value.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "must be a finite number")
        }
        guard !source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .source, in: c, debugDescription: "every expected value needs a source citation")
        }
        if let level, !(level > 0 && level < 1) {
            throw DecodingError.dataCorruptedError(forKey: .level, in: c, debugDescription: "must be between 0 and 1")
        }
    }

    /// `term quantity (level)` for messages.
    public var label: String {
        var s = term.map { "\($0) \(quantity)" } ?? quantity
        if let level { s += " (\(formatLevel(level)))" }
        return s
    }
}

/// The data file(s) of a case: one file name, or named files for methods that read several tables.
/// Paths are relative to the case folder and may not leave it.
public enum DataFiles: Codable, Sendable, Equatable {
    /// `"data": "lalonde.csv"`.
    case single(String)
    /// `"data": {"persons": "persons.csv", "exposures": "exposures.csv"}`.
    case named([String: String])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .single(s)
        } else if let d = try? c.decode([String: String].self) {
            self = .named(d)
        } else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "\"data\" is a file name or an object of role: file name")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .single(let s): try c.encode(s)
        case .named(let d): try c.encode(d)
        }
    }
}

/// The method-independent part of `case.json`.
struct CaseEnvelope: Decodable {
    var schemaVersion: Int
    var title: String?
    var description: String?
    var method: String
    var data: DataFiles?
    var expected: [ExpectedValue]

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case schemaVersion, title, description, method, data, model, expected
    }

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "a case")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        guard schemaVersion == 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: c, debugDescription: "this runner reads schema version 1")
        }
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        method = try c.decode(String.self, forKey: .method)
        data = try c.decodeIfPresent(DataFiles.self, forKey: .data)
        expected = try c.decode([ExpectedValue].self, forKey: .expected)
        guard !expected.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .expected, in: c, debugDescription: "a case needs at least one expected value")
        }
    }
}

/// One validation case, read from its `case.json`: the method, its data, and the expected values. A
/// method handler reads its own model specification with ``model(as:)``.
public struct ValidationCase: Sendable {
    /// The case's name: its folder's path relative to the directory searched.
    public let name: String
    /// The folder holding `case.json` and the data.
    public let directory: URL
    /// The registered method that runs the case.
    public let method: String
    /// Optional short title.
    public let title: String?
    /// The data file(s), if the case has any.
    public let data: DataFiles?
    /// The expected values, in file order.
    public let expected: [ExpectedValue]
    /// The bytes of `case.json`, for ``model(as:)``.
    public let json: Data

    /// Reads and checks `case.json` in `directory`.
    ///
    /// - Throws: ``ValidationError/invalidCase(_:)`` when the file cannot be read or does not follow the
    ///   schema (the message names the key path).
    public init(directory: URL, name: String) throws(ValidationError) {
        let file = directory.appendingPathComponent("case.json")
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            throw .invalidCase("cannot read \(file.path): \(error.localizedDescription)")
        }
        let envelope: CaseEnvelope
        do {
            envelope = try JSONDecoder().decode(CaseEnvelope.self, from: bytes)
        } catch {
            throw .invalidCase(describeDecodingError(error, json: bytes))
        }
        self.name = name
        self.directory = directory
        self.method = envelope.method
        self.title = envelope.title
        self.data = envelope.data
        self.expected = envelope.expected
        self.json = bytes
    }

    /// Decodes the case's `model` object as the method's specification type.
    ///
    /// - Throws: ``ValidationError/invalidCase(_:)`` naming the key path (for example
    ///   `model.covariates[1].reference`) when `model` is absent or does not match `Spec`.
    public func model<Spec: Decodable>(as spec: Spec.Type) throws(ValidationError) -> Spec {
        do {
            return try JSONDecoder().decode(ModelEnvelope<Spec>.self, from: json).model
        } catch {
            throw .invalidCase(describeDecodingError(error, json: json))
        }
    }

    /// The URL of the case's data file: the single file, or the file of the given role.
    ///
    /// - Throws: ``ValidationError/invalidCase(_:)`` when the case has no such file or its path is absolute
    ///   or leaves the case folder, ``ValidationError/data(_:)`` when the file does not exist.
    public func dataFile(role: String? = nil) throws(ValidationError) -> URL {
        let path: String
        switch (data, role) {
        case (nil, _):
            throw .invalidCase("\"data\" is missing: this method reads a data file")
        case (.single(let p)?, nil):
            path = p
        case (.single?, let r?):
            throw .invalidCase("\"data\" must be an object with a \"\(r)\" file for this method")
        case (.named(let files)?, let r):
            guard let r else {
                throw .invalidCase("\"data\" must be a single file name for method \(method)")
            }
            guard let p = files[r] else { throw .invalidCase("\"data\" has no \"\(r)\" file") }
            path = p
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(".."), !parts.contains("~") else {
            throw .invalidCase(
                "data path \"\(path)\" must be relative to the case folder and stay inside it")
        }
        let url = directory.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else {
            throw .data("data file \"\(path)\" not found in the case folder \(directory.path)")
        }
        return url
    }
}

// MARK: - Decoding helpers

/// Reads only the `model` key of a case.
private struct ModelEnvelope<Spec: Decodable>: Decodable {
    var model: Spec
}

/// A coding key for any string, to list an object's keys.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws a decoding error naming the first key of the object being decoded that is not in `allowed`
/// (a misspelt key would otherwise be ignored silently and the case would test something else).
func rejectUnknownKeys(_ decoder: any Decoder, allowed: [String], in what: String) throws {
    guard let c = try? decoder.container(keyedBy: AnyKey.self) else { return }
    let unknown = c.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
    guard let first = unknown.first else { return }
    throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath + [AnyKey(stringValue: first)],
              debugDescription: "unknown key \"\(first)\" in \(what); allowed keys: \(allowed.joined(separator: ", "))"))
}

/// A key path such as `expected[3].tolerance`.
func keyPath(_ path: [any CodingKey]) -> String {
    var out = ""
    for key in path {
        if let i = key.intValue {
            out += "[\(i)]"
        } else if key.stringValue.hasPrefix("Index "), let i = Int(key.stringValue.dropFirst(6)) {
            out += "[\(i)]"
        } else {
            out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return out.isEmpty ? "(top level)" : out
}

/// A one-line message for a JSON decoding failure, with the key path (schema errors) or the line and
/// column (syntax errors).
func describeDecodingError(_ error: any Error, json: Data) -> String {
    guard let e = error as? DecodingError else {
        return "not valid JSON: \(error.localizedDescription)"
    }
    switch e {
    case .keyNotFound(let key, let ctx):
        return "missing key \"\(key.stringValue)\" at \(keyPath(ctx.codingPath))"
    case .typeMismatch(let type, let ctx):
        return "\(keyPath(ctx.codingPath)): expected \(jsonTypeName(type))"
    case .valueNotFound(let type, let ctx):
        return "\(keyPath(ctx.codingPath)): expected \(jsonTypeName(type)), found null"
    case .dataCorrupted(let ctx):
        if ctx.codingPath.isEmpty { return "not valid JSON: " + jsonSyntaxProblem(json) }
        return "\(keyPath(ctx.codingPath)): \(ctx.debugDescription)"
    @unknown default:
        return "\(e)"
    }
}

/// Where JSON text is malformed, as JSONSerialization sees it, with a character offset turned into a
/// line and column.
func jsonSyntaxProblem(_ json: Data) -> String {
    do {
        _ = try JSONSerialization.jsonObject(with: json)
        return "the text is not a JSON object of the expected shape"
    } catch {
        let ns = error as NSError
        var detail = (ns.userInfo["NSDebugDescription"] as? String) ?? ns.localizedDescription
        if let range = detail.range(of: "character "),
            let offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
        {
            let prefix = json.prefix(offset)
            let line = prefix.filter { $0 == 0x0A }.count + 1
            let column = offset - (prefix.lastIndex(of: 0x0A).map { $0 - json.startIndex + 1 } ?? 0) + 1
            detail += " (line \(line), column \(column))"
        } else if detail.contains("end of file") {
            detail += " (an unclosed { or [ or string?)"
        }
        return detail
    }
}

private func jsonTypeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Double.Type, is Int.Type: return "a number"
    case is Bool.Type: return "true or false"
    case is [Any].Type: return "an array"
    default:
        let name = "\(type)"
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        return "an object (\(name))"
    }
}

func formatTolerance(_ v: Double) -> String { String(format: "%g", v) }

func formatLevel(_ level: Double) -> String {
    let pct = level * 100
    return pct == pct.rounded() ? "\(Int(pct))%" : String(format: "%g%%", pct)
}
