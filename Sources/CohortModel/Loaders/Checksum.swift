/// Order-independent column checksums for the source-versus-stored reconciliation.
///
/// Each value is rendered canonically (text as its UTF-8 bytes, a code as `SYSTEM:code`, a date as its day
/// number's four little-endian bytes, a number as its IEEE bit pattern with every NaN alike, an enumeration as
/// its raw byte) and hashed with 64-bit FNV-1a. In person-linked tables the value's hash is combined with the
/// hash of the row's person id, so a value that ends up on another person's row changes the sum. A column's
/// checksum is the wrapping sum of its rows' hashes, so it does not depend on row order.
enum Checksum {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = offsetBasis
        for c in bytes { h = (h ^ UInt64(c)) &* prime }
        return h
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var h = offsetBasis
        for c in text.utf8 { h = (h ^ UInt64(c)) &* prime }
        return h
    }

    /// `SYSTEM:code`.
    static func code(_ code: String, system: CodeSystem) -> UInt64 {
        var h = offsetBasis
        for c in system.rawValue.utf8 { h = (h ^ UInt64(c)) &* prime }
        h = (h ^ 0x3A) &* prime
        for c in code.utf8 { h = (h ^ UInt64(c)) &* prime }
        return h
    }

    /// `SYSTEM:code` from the code's bytes.
    @inline(__always)
    static func code(_ code: UnsafeBufferPointer<UInt8>, system: CodeSystem) -> UInt64 {
        var h = offsetBasis
        for c in system.rawValue.utf8 { h = (h ^ UInt64(c)) &* prime }
        h = (h ^ 0x3A) &* prime
        for c in code { h = (h ^ UInt64(c)) &* prime }
        return h
    }

    @inline(__always)
    static func bits(_ v: UInt64, bytes n: Int) -> UInt64 {
        var h = offsetBasis
        var x = v
        for _ in 0..<n {
            h = (h ^ (x & 0xFF)) &* prime
            x >>= 8
        }
        return h
    }

    @inline(__always) static func day(_ d: Day) -> UInt64 { bits(UInt64(UInt32(bitPattern: d.rawValue)), bytes: 4) }
    @inline(__always) static func int32(_ v: Int32) -> UInt64 { bits(UInt64(UInt32(bitPattern: v)), bytes: 4) }
    @inline(__always) static func byte(_ v: UInt8) -> UInt64 { bits(UInt64(v), bytes: 1) }
    @inline(__always) static func float(_ v: Float) -> UInt64 {
        bits(UInt64(v.isNaN ? Float.nan.bitPattern : v.bitPattern), bytes: 4)
    }
    @inline(__always) static func double(_ v: Double) -> UInt64 {
        bits(v.isNaN ? Double.nan.bitPattern : v.bitPattern, bytes: 8)
    }

    /// A value's hash bound to its row's person.
    @inline(__always)
    static func linked(_ person: UInt64, _ value: UInt64) -> UInt64 {
        ByteKeyTable.mix(person &+ value &* 0x9E37_79B9_7F4A_7C15)
    }
}

/// Per-site column checksums and row counts of one table: `site` in `0..<siteCount`, or `siteCount` for rows
/// whose site is unknown.
struct ChecksumSums: Sendable, Equatable {
    let columns: Int
    let buckets: Int
    private(set) var sums: [UInt64]

    init(columns: Int, siteCount: Int) {
        self.columns = columns
        buckets = siteCount + 1
        sums = [UInt64](repeating: 0, count: columns * buckets)
    }

    @inline(__always)
    mutating func add(bucket: Int, column: Int, _ h: UInt64) {
        sums[bucket * columns + column] &+= h
    }

    /// Adds one row of seven column hashes (the drug exposures) with one bounds check.
    @inline(__always)
    mutating func add(bucket: Int, _ h0: UInt64, _ h1: UInt64, _ h2: UInt64, _ h3: UInt64, _ h4: UInt64, _ h5: UInt64, _ h6: UInt64) {
        let base = bucket * columns
        sums.withUnsafeMutableBufferPointer { s in
            guard base >= 0, base + 7 <= s.count else { return }
            s[base] &+= h0
            s[base + 1] &+= h1
            s[base + 2] &+= h2
            s[base + 3] &+= h3
            s[base + 4] &+= h4
            s[base + 5] &+= h5
            s[base + 6] &+= h6
        }
    }

    func sum(bucket: Int, column: Int) -> UInt64 { sums[bucket * columns + column] }

    mutating func merge(_ other: ChecksumSums) {
        for k in sums.indices { sums[k] &+= other.sums[k] }
    }
}
