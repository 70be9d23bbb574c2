import _SignalStatsUtilities

/// The SplitMix64 generator (Steele, Lea and Flood 2014) that seeds ``Xoshiro256StarStar``; one definition serves the
/// generator, the matching order and the cross-validation folds.
public typealias SplitMix64 = _SignalStatsUtilities.SplitMix64
