import Foundation

/// An open-addressing hash table from byte strings to entry numbers (with a 64-bit payload each), for looking
/// up ids and codes straight from a file's bytes without creating a `String` per field.
///
/// Each entry is one 32-byte record holding the key's first 16 bytes, its length, its hash and the payload, so
/// a lookup of a short key (ids and codes are at most 16 bytes in practice) touches two cache lines: the slot
/// and the record. Longer keys keep their remaining bytes in a side arena. Entries are numbered `0..<count` in
/// insertion order. Lookups only read, so a filled table can be shared by the threads that parse a file in
/// parallel.
struct ByteKeyTable: Sendable {
    private struct Record: Sendable {
        var w0: UInt64
        var w1: UInt64
        var hash: UInt32
        var length: Int32
        var payload: UInt64
    }

    /// A key's hash and its first 16 bytes as two little-endian words, zero-padded.
    private struct Probe {
        var hash: UInt64
        var w0: UInt64
        var w1: UInt64
    }

    private var records: [Record] = []
    /// Bytes 16… of keys longer than 16 bytes, and where each such entry's tail starts (−1 for short keys).
    private var arena: [UInt8] = []
    private var tailStart: [Int] = []
    /// `slots[h & mask]`: entry number + 1, or 0 for an empty slot. Capacity is a power of two, at most half full.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var c = 16
        while c < 2 * capacity { c <<= 1 }
        slots = [Int32](repeating: 0, count: c)
        mask = c - 1
    }

    /// Number of entries.
    var count: Int { records.count }

    /// The entry whose key is `key`, if any.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? { lookup(key)?.entry }

    /// The entry whose key is `key` and its payload, if any.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int, payload: UInt64)? {
        let p = Self.probe(key)
        let h32 = UInt32(truncatingIfNeeded: p.hash >> 32)
        let n = Int32(truncatingIfNeeded: key.count)
        return slots.withUnsafeBufferPointer { slots in
            records.withUnsafeBufferPointer { records in
                var i = Int(truncatingIfNeeded: p.hash) & mask
                while true {
                    let s = Int(slots[i])
                    if s == 0 { return nil }
                    let r = records[s - 1]
                    if r.hash == h32 && r.length == n && r.w0 == p.w0 && r.w1 == p.w1
                        && (key.count <= 16 || tailEqual(s - 1, key))
                    {
                        return (s - 1, r.payload)
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Adds `key` (which must not be present) as a new entry with `payload`; returns its number.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, payload: UInt64 = 0) -> Int {
        if 2 * (count + 1) > slots.count { grow() }
        let p = Self.probe(key)
        let e = count
        records.append(Record(
            w0: p.w0, w1: p.w1, hash: UInt32(truncatingIfNeeded: p.hash >> 32), length: Int32(clamping: key.count),
            payload: payload))
        if key.count > 16 {
            tailStart.append(arena.count)
            arena.append(contentsOf: UnsafeBufferPointer(rebasing: key[16...]))
        } else {
            tailStart.append(-1)
        }
        place(entry: e, hash: p.hash)
        return e
    }

    /// The payload of entry `e`.
    func payload(_ e: Int) -> UInt64 { records[e].payload }

    private func tailEqual(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = tailStart[e]
        guard start >= 0, let k = key.baseAddress else { return false }
        return arena.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return false }
            return memcmp(base + start, k + 16, key.count - 16) == 0
        }
    }

    private mutating func place(entry e: Int, hash h: UInt64) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(e + 1)
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [Int32](repeating: 0, count: c)
        mask = c - 1
        // Slot positions use the hash's low bits, which the record does not keep: recompute from the key.
        for e in 0..<count {
            let r = records[e]
            var h = Self.start(length: Int(r.length), r.w0, r.w1)
            if r.length > 16 {
                let start = tailStart[e]
                arena.withUnsafeBufferPointer { a in
                    h = Self.continueHash(h, UnsafeBufferPointer(rebasing: a[start..<(start + Int(r.length) - 16)]))
                }
            }
            place(entry: e, hash: Self.mix(h))
        }
    }

    /// The hash and leading words of `key`.
    @inline(__always)
    private static func probe(_ key: UnsafeBufferPointer<UInt8>) -> Probe {
        let n = key.count
        guard let p = key.baseAddress else { return Probe(hash: mix(start(length: 0, 0, 0)), w0: 0, w1: 0) }
        let w0 = word(p, n)
        let w1 = n > 8 ? word(p + 8, n - 8) : 0
        var h = start(length: n, w0, w1)
        if n > 16 { h = continueHash(h, UnsafeBufferPointer(start: p + 16, count: n - 16)) }
        return Probe(hash: mix(h), w0: w0, w1: w1)
    }

    /// Up to 8 bytes at `p` as a little-endian word, zero-padded.
    @inline(__always)
    private static func word(_ p: UnsafePointer<UInt8>, _ available: Int) -> UInt64 {
        if available >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
        var w: UInt64 = 0
        for k in 0..<available { w |= UInt64(p[k]) << UInt64(8 * k) }
        return w
    }

    @inline(__always)
    private static func start(length n: Int, _ w0: UInt64, _ w1: UInt64) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        h = (h ^ w0) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        h = (h ^ w1) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return h
    }

    private static func continueHash(_ h0: UInt64, _ tail: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = h0
        guard let p = tail.baseAddress else { return h }
        var i = 0
        while i < tail.count {
            h = (h ^ word(p + i, tail.count - i)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        return h
    }

    /// The SplitMix64 finalizer.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
