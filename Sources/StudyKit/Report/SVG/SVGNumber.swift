import Foundation

/// Locale-free, byte-stable number formatting for SVG coordinates and chart labels.
///
/// Foundation's `String(format:)` depends on the C locale and prints `-0.00`; the report must be
/// byte-identical across runs and machines, so numbers are rounded in integer arithmetic here.
enum SVGNumber {
    /// `x` rounded to `decimals` places (half away from zero), trailing zeros and a bare point removed,
    /// never `-0`. Non-finite values print as `0` (callers filter them before drawing).
    ///
    /// `fixed(1.5, decimals: 2) == "1.5"`, `fixed(-0.0001, decimals: 2) == "0"`, `fixed(12, decimals: 2) == "12"`.
    static func fixed(_ x: Double, decimals: Int = 2) -> String {
        trimmed(padded(x, decimals: decimals))
    }

    /// `x` rounded to exactly `decimals` places, keeping trailing zeros: `padded(1.5, decimals: 2) == "1.50"`.
    static func padded(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return "0" }
        let d = max(0, min(decimals, 9))
        var scale: Int64 = 1
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^53 the value has no fractional digits to print; keep it integral.
        guard scaled < 9.0e15 else {
            let whole = (abs(x)).rounded()
            return (x < 0 ? "-" : "") + String(Int64(min(whole, 9.0e18)))
        }
        let n = Int64(scaled)
        let isNegative = x < 0 && n != 0
        let whole = n / scale
        var text = (isNegative ? "-" : "") + String(whole)
        if d > 0 {
            let frac = String(n % scale)
            text += "." + String(repeating: "0", count: d - frac.count) + frac
        }
        return text
    }

    /// `x` with `significant` significant digits (at most 6 decimals), trimmed: `significant(0.012345, 3) == "0.0123"`.
    static func significant(_ x: Double, _ significant: Int = 3) -> String {
        guard x.isFinite, x != 0 else { return "0" }
        let magnitude = Int((abs(x)).log10Floor)
        let decimals = max(0, min(6, significant - 1 - magnitude))
        return fixed(x, decimals: decimals)
    }

    private static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
    }
}

extension Double {
    /// `floor(log10(self))` for a positive finite value, exact at powers of ten.
    var log10Floor: Double {
        var e = Foundation.log10(self).rounded(.down)
        // Correct floating-point error at exact powers of ten (log10(1000) may be 2.9999999).
        if Double.exactPower10(e + 1) <= self { e += 1 } else if Double.exactPower10(e) > self { e -= 1 }
        return e
    }

    /// 10^e for integral e, computed by repeated multiplication (exact for |e| <= 22).
    static func exactPower10(_ e: Double) -> Double {
        var r = 1.0
        let n = Int(abs(e))
        for _ in 0..<n { r *= 10 }
        return e < 0 ? 1 / r : r
    }
}
