/// Escaping of text and attribute values for SVG and HTML output.
enum Markup {
    /// `s` with `& < > " '` replaced by entities, safe both as element text and inside a double-quoted attribute.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if ch.value < 0x20 && ch != "\t" && ch != "\n" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    /// A string usable as an XML id / fragment: letters, digits, `-` and `_`; anything else becomes `-`.
    static func identifier(_ s: String) -> String {
        let mapped = s.lowercased().unicodeScalars.map { c -> Character in
            (("0"..."9").contains(c) || ("a"..."z").contains(c) || c == "-" || c == "_") ? Character(c) : "-"
        }
        let id = String(mapped)
        return id.first.map { ("a"..."z").contains($0) } == true ? id : "x-" + id
    }
}
