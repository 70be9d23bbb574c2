import Foundation

/// Parsers that read a field's bytes directly (no `String` per field), as the loaders' hot loops need.
enum FieldParsing {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// `s..<e` without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
        var s = s, e = e
        while s < e && (b[s] == space || b[s] == tab) { s += 1 }
        while e > s && (b[e - 1] == space || b[e - 1] == tab) { e -= 1 }
        return (s, e)
    }

    /// Whether `s..<e` is empty or `NA` (R's missing value), ignoring surrounding spaces.
    @inline(__always)
    static func isMissing(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let (s, e) = trimmed(b, s, e)
        return s == e || (e - s == 2 && b[s] == 0x4E && b[s + 1] == 0x41)
    }

    /// A date `YYYY-MM-DD` (or `YYYYMMDD`, the SS-MIX2 form), surrounding spaces ignored; `nil` if malformed or
    /// not a calendar date.
    @inline(__always)
    static func day(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Day? {
        let (s, e) = trimmed(b, s, e)
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = Int(b[i]) &- 48
            return d >= 0 && d <= 9 ? d : nil
        }
        let monthAt: Int, dayAt: Int
        switch e - s {
        case 10:
            guard b[s + 4] == 0x2D, b[s + 7] == 0x2D else { return nil }
            monthAt = s + 5
            dayAt = s + 8
        case 8:
            monthAt = s + 4
            dayAt = s + 6
        default: return nil
        }
        guard let y0 = digit(s), let y1 = digit(s + 1), let y2 = digit(s + 2), let y3 = digit(s + 3),
            let m0 = digit(monthAt), let m1 = digit(monthAt + 1), let d0 = digit(dayAt), let d1 = digit(dayAt + 1)
        else { return nil }
        return Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    /// A decimal integer with an optional sign, surrounding spaces ignored; `nil` if malformed or outside `Int`.
    @inline(__always)
    static func int(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        var (s, e) = trimmed(b, s, e)
        guard s < e else { return nil }
        var negative = false
        if b[s] == 0x2D || b[s] == 0x2B {
            negative = b[s] == 0x2D
            s += 1
        }
        guard s < e, e - s <= 19 else { return nil }
        var v = 0
        for i in s..<e {
            let d = Int(b[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            v = a
        }
        return negative ? -v : v
    }

    /// Exact powers of ten representable as `Double`.
    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// A finite decimal number, surrounding spaces ignored; `nil` if malformed, infinite or NaN.
    ///
    /// Plain decimals with at most 15 significant digits take an exact fast path (an integer mantissa and a
    /// power of ten, both exact doubles, so one correctly rounded division: Clinger's fast path); anything else
    /// (exponents, long mantissas) goes to C `strtod`, which also rounds correctly.
    @inline(__always)
    static func double(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        var (s, e) = trimmed(b, s, e)
        guard s < e else { return nil }
        let start = s
        var negative = false
        if b[s] == 0x2D || b[s] == 0x2B {
            negative = b[s] == 0x2D
            s += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenDot = false
        var simple = true
        var i = s
        while i < e {
            let c = b[i]
            if c >= 48 && c <= 57 {
                if mantissa != 0 || c != 48 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                if seenDot { fraction += 1 }
            } else if c == 0x2E && !seenDot {
                seenDot = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        let hasDigit = e - s > (seenDot ? 1 : 0)
        if simple && hasDigit && digits <= 15 && fraction <= 22 {
            let v = Double(mantissa) / powersOfTen[fraction]
            return negative ? -v : v
        }
        return slowDouble(b, start, e)
    }

    /// `strtod` on a NUL-terminated copy of the field; the whole field must be consumed.
    private static func slowDouble(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        let n = e - s
        guard n > 0, n < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buf -> Double? in
            guard let p = buf.baseAddress else { return nil }
            for k in 0..<n { p[k] = CChar(bitPattern: b[s + k]) }
            p[n] = 0
            // strtod also reads hexadecimal and `inf`/`nan`; only decimal text is a number here.
            for k in 0..<n {
                let c = UInt8(bitPattern: p[k])
                let ok = (c >= 48 && c <= 57) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45
                if !ok { return nil }
            }
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(p, &end)
            guard let end, end - p == n, v.isFinite else { return nil }
            return v
        }
    }

    /// Whether `s..<e` equals the ASCII text `word`.
    @inline(__always)
    static func equals(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ word: StaticString) -> Bool {
        guard e - s == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(e - s) where b[s + k] != w[k] { return false }
        return true
    }

    /// Bytes `s..<e` decoded leniently (invalid UTF-8 becomes U+FFFD) and cut to 80 characters, for messages.
    static func display(_ b: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> String {
        let limit = 80
        let hi = min(e, s + limit * 4)
        let text = String(decoding: UnsafeBufferPointer(start: b + s, count: max(0, hi - s)), as: UTF8.self)
        return text.count > limit || hi < e ? String(text.prefix(limit)) + "…" : text
    }
}
