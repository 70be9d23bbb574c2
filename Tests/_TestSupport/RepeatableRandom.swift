@_exported import _SignalStatsUtilities

/// A seeded generator for tests: the same SplitMix64 the library uses, so a test's random data depend only on its
/// seed (swift-collections' `RepeatableRandomNumberGenerator` plays this role there).
public typealias RepeatableRandom = SplitMix64
