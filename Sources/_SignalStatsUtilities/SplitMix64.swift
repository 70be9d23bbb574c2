/// The SplitMix64 generator (Steele, Lea and Flood 2014), as published by Sebastiano Vigna at
/// <https://prng.di.unimi.it/splitmix64.c>.
///
/// A 64-bit counter passed through a bijective mixing function. Its statistical quality is adequate but
/// its period is only 2⁶⁴, so it is used here, as Blackman and Vigna recommend, to expand a single 64-bit
/// seed into the 256-bit state of ``Xoshiro256StarStar``: consecutive outputs are well mixed even for
/// seeds such as 0, 1, 2, so nearby seeds give unrelated xoshiro states.
///
/// The stream depends only on the seed and uses only wrapping integer arithmetic, so it is bit-identical
/// on every machine and platform.
///
/// ```swift
/// var g = SplitMix64(seed: 0)
/// g.next()  // 0xe220a8397b1dcdaf, as the reference C code prints
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The counter; it advances by the golden-ratio increment `0x9e3779b97f4a7c15` per output.
    public var state: UInt64 { counter }

    @usableFromInline
    var counter: UInt64

    /// A generator whose first output is the mix of `seed + 0x9e3779b97f4a7c15`.
    public init(seed: UInt64) {
        counter = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        counter &+= 0x9e37_79b9_7f4a_7c15
        var z = counter
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
