/// The xoshiro256** generator of Blackman and Vigna, seeded through ``SplitMix64``.
///
/// Reference: David Blackman and Sebastiano Vigna, "Scrambled linear pseudorandom number generators",
/// *ACM Transactions on Mathematical Software* 47(4), article 36 (2021), doi:10.1145/3460772; reference
/// C code `xoshiro256starstar.c` at <https://prng.di.unimi.it/>. It is the all-purpose 64-bit generator the
/// authors recommend: period 2²⁵⁶ − 1, 4-dimensionally equidistributed, passes BigCrush and PractRand.
///
/// The seed is expanded as the authors advise: the four state words are the first four outputs of
/// ``SplitMix64`` started at the seed. Only wrapping integer arithmetic is used, so the stream of
/// ``next()`` values (and of ``nextUniform()``, which is exact) is bit-identical on every machine;
/// the tests pin it against the reference C implementation.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 42)
/// let u = rng.nextUniform()        // in [0, 1)
/// let z = rng.nextNormal()         // standard normal
/// let k = rng.nextPoisson(mean: 3) // Poisson count
/// let shuffled = [1, 2, 3].shuffled(using: &rng)
/// ```
///
/// Independent parallel streams: copy a generator and call ``jump()`` on each copy in turn; each jump
/// advances by 2¹²⁸ outputs, so the streams do not overlap.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    /// The 256-bit state, four words (`s[0...3]` of the reference code). Never all zero.
    public var state: (UInt64, UInt64, UInt64, UInt64) { words }

    @usableFromInline
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose state is the first four outputs of `SplitMix64(seed: seed)`.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        words = (sm.next(), sm.next(), sm.next(), sm.next())
        // SplitMix64 is a bijection of its counter, so four consecutive outputs cannot all be zero;
        // guard anyway, since the all-zero state is a fixed point.
        if words == (0, 0, 0, 0) { words = (0x9e37_79b9_7f4a_7c15, 1, 2, 3) }
    }

    /// A generator with an explicit state, as the reference code's `s[0...3]`; `nil` for the all-zero
    /// state, which would output only zeros.
    public init?(state: (UInt64, UInt64, UInt64, UInt64)) {
        guard state != (0, 0, 0, 0) else { return nil }
        words = state
    }

    @inlinable
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        var (s0, s1, s2, s3) = words
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        words = (s0, s1, s2, s3)
        return result
    }

    /// Advances the state by 2¹²⁸ outputs (the reference `jump()`), for non-overlapping parallel streams.
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c, 0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c]
        var acc: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in polynomial {
            for bit in 0..<64 {
                if word & (UInt64(1) << UInt64(bit)) != 0 {
                    acc.0 ^= words.0
                    acc.1 ^= words.1
                    acc.2 ^= words.2
                    acc.3 ^= words.3
                }
                _ = next()
            }
        }
        words = acc
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.words == rhs.words }
}
