/// Approximate text widths for layout (no font access at render time): DejaVu Sans / Helvetica average about
/// 0.6 em per character for mixed text, digits 0.64 em. Deliberately generous so labels do not collide.
enum TextMetrics {
    /// Estimated width in pixels of `s` at font size `size`.
    static func width(_ s: String, size: Double) -> Double {
        var w = 0.0
        for ch in s {
            switch ch {
            case "i", "l", "j", "I", "|", "'", ".", ",", ":", ";", "!", " ", "(", ")", "[", "]", "f", "t", "r": w += 0.36
            case "m", "w", "M", "W", "%", "@": w += 0.92
            case "A"..."Z": w += 0.70
            default: w += 0.6
            }
        }
        return w * size
    }

    /// `s` broken into lines no wider than `maxWidth` at `size` (words kept whole; a single long word is cut with "…").
    static func wrap(_ s: String, maxWidth: Double, size: Double, maxLines: Int = 3) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate, size: size) <= maxWidth || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        lines = lines.map { truncate($0, maxWidth: maxWidth, size: size) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = truncate(lines[maxLines - 1] + "…", maxWidth: maxWidth, size: size, force: true)
        }
        return lines
    }

    /// `s` shortened with a trailing "…" until it fits `maxWidth`.
    static func truncate(_ s: String, maxWidth: Double, size: Double, force: Bool = false) -> String {
        guard force || width(s, size: size) > maxWidth else { return s }
        var t = Substring(s.hasSuffix("…") ? String(s.dropLast()) : s)
        while !t.isEmpty && width(String(t) + "…", size: size) > maxWidth { t = t.dropLast() }
        return String(t) + "…"
    }
}
