/// What is wrong with a study file, with where: the key path (`designs[1].exposures[0].riskWindows[0].start`),
/// the line and column, and what was expected.
public enum StudySpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid JSON.
    case syntax(line: Int, column: Int, message: String)
    /// A value has the wrong JSON type.
    case wrongType(path: String, line: Int, column: Int, expected: String, found: String)
    /// A required key is absent (line and column of the object that lacks it).
    case missingKey(path: String, line: Int, column: Int)
    /// A key the specification does not define.
    case unknownKey(path: String, line: Int, column: Int, allowed: [String])
    /// A value of the right type that is not allowed.
    case invalid(path: String, line: Int, column: Int, message: String)
    /// A name that refers to a concept set, outcome or design that the file does not define.
    case undefinedReference(path: String, kind: String, name: String, defined: [String])
    /// The study file cannot be read.
    case unreadable(path: String, reason: String)

    /// One line: where, then what.
    public var description: String {
        switch self {
        case .syntax(let l, let c, let m): return "line \(l), column \(c): JSON syntax error: \(m)"
        case .wrongType(let p, let l, let c, let e, let f): return "\(p) (line \(l), column \(c)): expected \(e), found \(f)"
        case .missingKey(let p, let l, let c): return "\(p): required key is missing (object at line \(l), column \(c))"
        case .unknownKey(let p, let l, let c, let allowed):
            let key = Self.lastKey(of: p)
            let hint = Self.suggestion(for: key, among: allowed).map { "; did you mean \($0)?" } ?? ""
            return "\(p) (line \(l), column \(c)): unknown key \(key)\(hint) (expected one of: \(allowed.joined(separator: ", ")))"
        case .invalid(let p, let l, let c, let m): return "\(p.isEmpty ? "study" : p) (line \(l), column \(c)): \(m)"
        case .undefinedReference(let p, let kind, let name, let defined):
            let list = defined.isEmpty ? "none is defined" : "defined: " + defined.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(p): no \(kind) named \"\(name)\" (\(list))"
        case .unreadable(let p, let r): return "cannot read the study file \(p): \(r)"
        }
    }

    /// `designs[1].exposures[0].start` from a coding path.
    static func format(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue {
                out += "[\(i)]"
            } else {
                out += (out.isEmpty ? "" : ".") + k.stringValue
            }
        }
        return out
    }

    /// Converts a `DecodingError` (thrown by a type's own checks) to an error with a path and position.
    init(decodingError e: DecodingError, root: JSONNode) {
        let context: DecodingError.Context
        switch e {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): context = c
        @unknown default:
            self = .invalid(path: "", line: root.line, column: root.column, message: "\(e)")
            return
        }
        let node = Self.node(at: context.codingPath, in: root) ?? root
        self = .invalid(path: Self.format(context.codingPath), line: node.line, column: node.column, message: context.debugDescription)
    }

    /// The node at a coding path (nil when the path leaves the document).
    static func node(at path: [any CodingKey], in root: JSONNode) -> JSONNode? {
        var n = root
        for k in path {
            switch n.value {
            case .object(let members):
                guard let m = members.first(where: { $0.key == k.stringValue }) else { return nil }
                n = m.value
            case .array(let items):
                guard let i = k.intValue, i < items.count else { return nil }
                n = items[i]
            default: return nil
            }
        }
        return n
    }
}

extension StudySpecError {
    /// The last key of a key path (`designs[0].exposures[0].riskWindow` → `riskWindow`).
    static func lastKey(of path: String) -> String {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        return last.split(separator: "[").first.map(String.init) ?? last
    }

    /// The allowed key closest to `key` (case-insensitive edit distance at most 2, or one a prefix of the other), for a
    /// "did you mean" hint; `nil` when none is close.
    static func suggestion(for key: String, among allowed: [String]) -> String? {
        let k = Array(key.lowercased())
        func distance(_ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, x) in k.enumerated() {
                var current = [i + 1] + Array(repeating: 0, count: b.count)
                for (j, y) in b.enumerated() {
                    current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = allowed.map { a -> (String, Int) in
            let b = Array(a.lowercased())
            let prefix = !k.isEmpty && (b.starts(with: k) || k.starts(with: b))
            return (a, prefix ? Swift.min(1, distance(b)) : distance(b))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= 2, best.1 < k.count else { return nil }
        return best.0
    }
}
