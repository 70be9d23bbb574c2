/// A `Decoder` over a parsed study file that is strict where `JSONDecoder` is lenient, and precise in its errors:
/// every error names the key path (`designs[1].exposures[0].riskWindows[0].start`), the line and column, and
/// what was expected; keys a type does not read are errors listing the keys it accepts.
struct StrictJSONDecoder {
    /// Decodes `T` from `root`.
    static func decode<T: Decodable>(_ type: T.Type, from root: JSONNode) throws(StudySpecError) -> T {
        let ledger = KeyLedger()
        let value: T
        do {
            value = try T(from: NodeDecoder(node: root, codingPath: [], ledger: ledger))
        } catch let e as StudySpecError {
            throw e
        } catch let e as DecodingError {
            throw StudySpecError(decodingError: e, root: root)
        } catch {
            throw StudySpecError.invalid(path: "", line: root.line, column: root.column, message: "\(error)")
        }
        if let unknown = ledger.firstUnknownKey(in: root) { throw unknown }
        return value
    }
}

/// The keys each object was asked for, by path: what it accepts.
final class KeyLedger: @unchecked Sendable {
    var attempted: [String: Set<String>] = [:]

    func record(_ key: String, at path: [any CodingKey]) {
        attempted[StudySpecError.format(path), default: []].insert(key)
    }

    /// The first key (in file order) of an object that was read as keyed but was not asked for.
    func firstUnknownKey(in node: JSONNode, path: [any CodingKey] = []) -> StudySpecError? {
        switch node.value {
        case .object(let members):
            let p = StudySpecError.format(path)
            if let allowed = attempted[p] {
                for m in members where !allowed.contains(m.key) {
                    return .unknownKey(
                        path: StudySpecError.format(path + [AnyKey(m.key)]), line: m.value.line, column: m.value.column,
                        allowed: allowed.sorted())
                }
            }
            for m in members {
                if let e = firstUnknownKey(in: m.value, path: path + [AnyKey(m.key)]) { return e }
            }
        case .array(let items):
            for (k, item) in items.enumerated() {
                if let e = firstUnknownKey(in: item, path: path + [AnyKey(index: k)]) { return e }
            }
        default: break
        }
        return nil
    }
}

/// A coding key for object keys and array indices.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ s: String) {
        stringValue = s
        intValue = nil
    }
    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
}

struct NodeDecoder: Decoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    let ledger: KeyLedger
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch(_ expected: String) -> StudySpecError {
        .wrongType(path: StudySpecError.format(codingPath), line: node.line, column: node.column, expected: expected, found: node.value.typeName)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node.value else { throw mismatch("an object") }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else { throw mismatch("an array") }
        return Unkeyed(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    func child(_ n: JSONNode, _ key: any CodingKey) -> NodeDecoder {
        NodeDecoder(node: n, codingPath: codingPath + [key], ledger: ledger)
    }

    // MARK: Primitives

    func decodeBool() throws(StudySpecError) -> Bool {
        guard case .bool(let b) = node.value else { throw mismatch("true or false") }
        return b
    }

    func decodeString() throws(StudySpecError) -> String {
        guard case .string(let s) = node.value else { throw mismatch("a string") }
        return s
    }

    func decodeDouble() throws(StudySpecError) -> Double {
        guard case .number(let text) = node.value else { throw mismatch("a number") }
        guard let d = Double(text), d.isFinite else {
            throw StudySpecError.invalid(
                path: StudySpecError.format(codingPath), line: node.line, column: node.column,
                message: "\(text) is out of range (a number must be finite: at most about ±1.8e308)")
        }
        return d
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws(StudySpecError) -> T {
        guard case .number(let text) = node.value else { throw mismatch("an integer") }
        guard let v = T(text) else {
            if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { throw mismatch("an integer") }
            throw StudySpecError.invalid(
                path: StudySpecError.format(codingPath), line: node.line, column: node.column,
                message: "\(text) is out of range (expected an integer from \(T.min) to \(T.max))")
        }
        return v
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

extension NodeDecoder {
    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: NodeDecoder
        let members: [(key: String, value: JSONNode)]
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

        func contains(_ key: Key) -> Bool {
            decoder.ledger.record(key.stringValue, at: codingPath)
            return members.contains { $0.key == key.stringValue }
        }

        func member(_ key: Key) throws -> NodeDecoder {
            decoder.ledger.record(key.stringValue, at: codingPath)
            guard let m = members.first(where: { $0.key == key.stringValue }) else {
                throw StudySpecError.missingKey(
                    path: StudySpecError.format(codingPath + [key]), line: decoder.node.line, column: decoder.node.column)
            }
            return decoder.child(m.value, key)
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            decoder.ledger.record(key.stringValue, at: codingPath)
            guard let m = members.first(where: { $0.key == key.stringValue }) else { return true }
            return m.value.value == .null
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decode(type) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decodeBool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try member(key).decodeString() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decodeDouble() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try member(key).decodeDouble()) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decodeInteger(Int.self) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).decodeInteger(Int8.self) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).decodeInteger(Int16.self) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).decodeInteger(Int32.self) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(key).decodeInteger(Int64.self) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).decodeInteger(UInt.self) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).decodeInteger(UInt8.self) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).decodeInteger(UInt16.self) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).decodeInteger(UInt32.self) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).decodeInteger(UInt64.self) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try member(key).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }
        func superDecoder() throws -> any Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: NodeDecoder
        let items: [JSONNode]
        var currentIndex = 0
        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        mutating func next() throws -> NodeDecoder {
            guard currentIndex < items.count else {
                throw StudySpecError.invalid(
                    path: StudySpecError.format(codingPath), line: decoder.node.line, column: decoder.node.column,
                    message: "expected more elements")
            }
            let d = decoder.child(items[currentIndex], AnyKey(index: currentIndex))
            currentIndex += 1
            return d
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < items.count, items[currentIndex].value == .null else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decodeBool() }
        mutating func decode(_ type: String.Type) throws -> String { try next().decodeString() }
        mutating func decode(_ type: Double.Type) throws -> Double { try next().decodeDouble() }
        mutating func decode(_ type: Float.Type) throws -> Float { Float(try next().decodeDouble()) }
        mutating func decode(_ type: Int.Type) throws -> Int { try next().decodeInteger(Int.self) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decodeInteger(Int8.self) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decodeInteger(Int16.self) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decodeInteger(Int32.self) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decodeInteger(Int64.self) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decodeInteger(UInt.self) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decodeInteger(UInt8.self) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decodeInteger(UInt16.self) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decodeInteger(UInt32.self) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decodeInteger(UInt64.self) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: NodeDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }
        func decodeNil() -> Bool { decoder.node.value == .null }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
        func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
        func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
        func decode(_ type: Float.Type) throws -> Float { Float(try decoder.decodeDouble()) }
        func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(Int8.self) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(Int16.self) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(Int32.self) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(UInt.self) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(UInt8.self) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(UInt16.self) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(UInt32.self) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(UInt64.self) }
    }
}
