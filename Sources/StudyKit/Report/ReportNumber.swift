/// Number formats of the report's tables and chart labels (locale-free and byte-stable).
enum ReportNumber {
    /// A ratio with two decimals (three significant digits below 0.1): `1.23`, `0.0456`.
    static func ratio(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "-∞") }
        if x != 0 && abs(x) < 0.1 { return SVGNumber.significant(x, 3) }
        return SVGNumber.padded(x, decimals: 2)
    }

    /// `x` with `decimals` fixed decimals (trailing zeros kept): `fixed(0.1234, 3) == "0.123"`.
    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "–" }
        return SVGNumber.padded(x, decimals: decimals)
    }

    /// An integer with thousands separators: `12,345`.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `x` with `decimals` decimals and thousands separators: `grouped(4380.62, 1) == "4,380.6"`.
    static func grouped(_ x: Double, _ decimals: Int) -> String {
        let s = fixed(x, decimals)
        guard s != "–" else { return s }
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1)
        guard let whole = Int(parts[0]) else { return s }
        return (negative ? "-" : "") + count(whole) + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A p-value: `<0.001` below 0.001, otherwise three decimals.
    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "–" }
        return p < 0.001 ? "<0.001" : SVGNumber.padded(p, decimals: 3)
    }

    /// A percentage with one decimal: `share(0.1234) == "12.3%"`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return SVGNumber.padded(share * 100, decimals: 1) + "%"
    }
}
