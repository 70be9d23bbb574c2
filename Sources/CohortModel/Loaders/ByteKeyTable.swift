import Foundation

/// An open-addressing hash table from byte strings to entry numbers, for looking up ids and codes straight
/// from a file's bytes without creating a `String` per field.
///
/// Entries are numbered `0..<count` in insertion order; keys live in one byte arena. Lookups only read, so a
/// filled table can be shared by the threads that parse a file in parallel.
struct ByteKeyTable: Sendable {
    /// All keys, back to back.
    private var arena: [UInt8] = []
    /// Start of entry `e`'s key in `arena`, and its length.
    private var keyStart: [Int] = []
    private var keyLength: [Int32] = []
    /// Each entry's hash (to skip most byte comparisons).
    private var entryHash: [UInt64] = []
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
    var count: Int { keyStart.count }

    /// The entry whose key is `key`, if any.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        find(key, hash: Self.hash(key))
    }

    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let s = Int(slots[i])
                    if s == 0 { return nil }
                    let e = s - 1
                    if entryHash[e] == h && Int(keyLength[e]) == key.count
                        && Self.equal(arena, keyStart[e], key)
                    {
                        return e
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Adds `key` (which must not be present) as a new entry; returns its number.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        insert(key, hash: Self.hash(key))
    }

    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        if 2 * (count + 1) > slots.count { grow() }
        let e = count
        keyStart.append(arena.count)
        keyLength.append(Int32(clamping: key.count))
        entryHash.append(h)
        arena.append(contentsOf: key)
        place(entry: e, hash: h)
        return e
    }

    /// The key of entry `e`, as bytes.
    func key(_ e: Int) -> ArraySlice<UInt8> { arena[keyStart[e]..<(keyStart[e] + Int(keyLength[e]))] }

    /// The key of entry `e`, decoded as UTF-8 (invalid bytes replaced).
    func string(_ e: Int) -> String { String(decoding: key(e), as: UTF8.self) }

    private mutating func place(entry e: Int, hash h: UInt64) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(e + 1)
    }

    private mutating func grow() {
        let c = slots.count * 2
        slots = [Int32](repeating: 0, count: c)
        mask = c - 1
        for e in 0..<count { place(entry: e, hash: entryHash[e]) }
    }

    @inline(__always)
    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let a = arena.baseAddress, let k = key.baseAddress else { return key.isEmpty }
        return memcmp(a + start, k, key.count) == 0
    }

    /// A 64-bit hash of `key`: eight bytes at a time, multiply-xorshift mixing (the SplitMix64 finalizer).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard let p = key.baseAddress else { return mix(h) }
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        }
        return mix(h)
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
