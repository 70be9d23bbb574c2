/// The library's version, recorded in every result it writes.
public enum SignalStatsVersion {
    /// Semantic version of this build of SignalStats.
    public static let string = "0.1.0"
}
