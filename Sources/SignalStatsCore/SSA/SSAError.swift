
/// Why a sequence symmetry analysis could not be set up or estimated.
///
/// Every case names the count, role or setting at fault, so the message can be acted on. Preparation
/// (``SSASequences``, ``SSAClassSequences``) throws only for a bad design or bad input arrays; a design that
/// leaves nothing to estimate is reported when estimating (``SSAModel``), after the attrition has been
/// recorded, so the attrition table shows where the persons went.
public enum SSAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A design setting outside its range (the message names the setting and the range).
    case invalidDesign(String)
    /// A confidence level outside (0, 1).
    case invalidLevel(Double)
    /// A false-discovery rate outside (0, 1).
    case invalidFalseDiscoveryRate(Double)
    /// The study period is too short for any pair to fit in it: its length in days minus one is below the
    /// smallest allowed gap.
    case studyPeriodShorterThanGap(periodDays: Int, minimumGapDays: Int)
    /// The first-start arrays of prepared data differ in length.
    case lengthMismatch(name: String, count: Int, expected: Int)
    /// A concept belongs to both the index and the marker concept set, so its records cannot be told apart.
    case overlappingConceptSets(concept: String)
    /// No incident user of the drug (`role` is `index` or `marker`) starts inside the study period (or the
    /// stratum analysed).
    case noIncidentUsers(role: String, drug: String)
    /// No person is an incident user of both drugs inside the study period.
    case noPairs(indexUsers: Int, markerUsers: Int)
    /// Every pair started both drugs on the same day (such pairs carry no order and are excluded).
    case allPairsOnSameDay(pairs: Int)
    /// Pairs exist but none has its second start inside the allowed gap.
    case noPairsInsideGap(pairs: Int, sameDay: Int, gapTooShort: Int, gapTooLong: Int, gap: ClosedRange<Int>)
    /// The null-effect sequence ratio cannot be formed: under the observed incidence no pair in one of the two
    /// orders is possible inside the gap (an expected count is zero).
    case nullEffectUndefined(expectedIndexFirst: Double, expectedMarkerFirst: Double)
    /// The stratifying variable is not available for these sequences (prepared data without it).
    case stratumVariableUnavailable(String)
    /// No stratum had pairs in both orders and a defined null-effect ratio, so nothing can be pooled.
    case nothingToPool(String)
    /// A drug-class definition is unusable (the message says why).
    case invalidClasses(String)

    /// A one-line message naming the problem.
    public var description: String {
        switch self {
        case .invalidDesign(let s): return "invalid SSA design: \(s)"
        case .invalidLevel(let l): return "confidence level \(l) is not between 0 and 1"
        case .invalidFalseDiscoveryRate(let q): return "false-discovery rate \(q) is not between 0 and 1"
        case .studyPeriodShorterThanGap(let days, let gap):
            return "the study period lasts \(days) day\(days == 1 ? "" : "s"), too short for a gap of at least \(gap) day\(gap == 1 ? "" : "s") between the two starts"
        case .lengthMismatch(let name, let count, let expected):
            return "`\(name)` has \(count) values, expected \(expected) (one per person)"
        case .overlappingConceptSets(let c):
            return "concept \(c) is in both the index and the marker concept set"
        case .noIncidentUsers(let role, let drug):
            return "no incident start of the \(role) drug \(drug) in the period or stratum analysed"
        case .noPairs(let i, let m):
            return "no person is an incident user of both drugs in the study period (\(i) index users, \(m) marker users)"
        case .allPairsOnSameDay(let n):
            return "all \(n) pair\(n == 1 ? "" : "s") started both drugs on the same day: the order is unknown, nothing to estimate"
        case .noPairsInsideGap(let pairs, let same, let short, let long, let gap):
            return "none of the \(pairs) pairs has its second start \(gap.lowerBound)...\(gap.upperBound) days after the first (\(same) same day, \(short) too close, \(long) too far apart)"
        case .nullEffectUndefined(let a, let b):
            return "the null-effect sequence ratio is undefined: expected index-first \(a), marker-first \(b) under the observed incidence"
        case .stratumVariableUnavailable(let v):
            return "cannot stratify by \(v): the sequences carry no \(v) (prepared data without that column)"
        case .nothingToPool(let s): return "nothing to pool: \(s)"
        case .invalidClasses(let s): return "invalid drug classes: \(s)"
        }
    }
}
