/// Text for messages with the characters a terminal does not show made visible: a byte-order mark, zero-width
/// and bidirectional controls, other control characters and unusual spaces become `<U+FEFF>` and the like, so a
/// column name that differs from the expected one only by an invisible character reads as different.
enum VisibleText {
    /// Whether `scalar` prints as nothing, or as a space other than U+0020.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        case .spaceSeparator: return scalar != " "
        default: return false
        }
    }

    /// `text` with each invisible character written as `<U+XXXX>`.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            if isInvisible(u) {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// `text` without its invisible characters.
    static func stripped(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars where !isInvisible(u) { out.unicodeScalars.append(u) }
        return out
    }

    /// A sentence explaining the invisible characters of a column name, or `nil` when it has none.
    static func hint(forColumnName name: String) -> String? {
        guard name.unicodeScalars.contains(where: isInvisible) else { return nil }
        if name.unicodeScalars.first == "\u{FEFF}" {
            return "the name begins with U+FEFF, a byte-order mark: the file starts with a second one"
        }
        return "the name holds invisible characters, shown as <U+…>"
    }
}
