/// An outcome defined by laboratory results of one analyte meeting a rule.
///
/// ```swift
/// let altOver3ULN = LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3))                // ALT > 3 × ULN
/// let thrombocytopenia = LabOutcome(analyte: .platelets, rule: .below(5.0, unit: "10^4/µL"))
/// let creatinineRise = LabOutcome(
///     analyte: .creatinine, rule: .riseFromBaseline(ratio: 1.5, lookBackDays: 7, baseline: .minimum))
/// ```
///
/// Each result of the analyte is either evaluated against the rule, counted as not evaluable (its value, the
/// reference limit the rule needs, or its baseline is missing) or skipped for its unit (see ``LabRule``). The event
/// date is the date of the result that meets the rule.
public struct LabOutcome: Sendable, Equatable, Codable {
    /// The analyte whose results are tested.
    public var analyte: LabAnalyte
    /// The rule a result must meet.
    public var rule: LabRule
    /// Which qualifying dates become events.
    public var occurrences: OutcomeOccurrences

    /// A lab outcome.
    ///
    /// - Parameters:
    ///   - analyte: the analyte (its harmonized unit is checked against absolute thresholds).
    ///   - rule: the rule.
    ///   - occurrences: default every qualifying day.
    public init(analyte: LabAnalyte, rule: LabRule, occurrences: OutcomeOccurrences = .everyDay) {
        self.analyte = analyte
        self.rule = rule
        self.occurrences = occurrences
    }
}

/// How a result's value is compared with its threshold: `value ⟨comparison⟩ threshold`.
public enum Comparison: String, Sendable, Equatable, Codable, CaseIterable {
    /// `value > threshold`.
    case greaterThan = ">"
    /// `value ≥ threshold`.
    case greaterThanOrEqual = ">="
    /// `value < threshold`.
    case lessThan = "<"
    /// `value ≤ threshold`.
    case lessThanOrEqual = "<="

    /// Whether `value ⟨self⟩ threshold`.
    @inlinable
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .greaterThan: return value > threshold
        case .greaterThanOrEqual: return value >= threshold
        case .lessThan: return value < threshold
        case .lessThanOrEqual: return value <= threshold
        }
    }
}

/// One end of a result's reference range, as the site reported it.
public enum ReferenceLimit: String, Sendable, Equatable, Codable {
    /// The upper limit of normal (ULN, `referenceHigh`).
    case upper
    /// The lower limit of normal (LLN, `referenceLow`).
    case lower
}

/// Which earlier value a relative change is measured from.
public enum BaselineChoice: String, Sendable, Equatable, Codable {
    /// The most recent result before the result's day, within the look-back window.
    case mostRecent
    /// The smallest result within the look-back window (KDIGO's "lowest value" reading for creatinine).
    case minimum
}

/// The rule a lab result must meet.
///
/// - **Reference-limit multiples** compare the value with a multiple of the result's *own* reference limit, which
///   is in the same unit as the value, so the comparison is unit-free and results are used whatever their unit. A
///   result whose needed limit is missing (NaN) or negative, or whose value is missing, is *not evaluable*.
/// - **Absolute thresholds** carry their unit. It must be the analyte's harmonized unit (spelling compared with
///   ``LabUnit/normalized(_:)``), otherwise evaluation throws ``OutcomeError/unitMismatch(analyte:thresholdUnit:harmonizedUnit:)``.
///   A result stored in another unit (harmonization failed at the site) is not compared and is counted as
///   *skipped for unit*.
/// - **Baseline ratios** compare the value with `ratio ×` a baseline: an earlier result of the same analyte dated
///   `lookBackDays` days to 1 day before (results on the same day are not baselines, as their order is unknown).
///   Only results in the harmonized unit are compared or serve as baselines; results in another unit are skipped
///   for unit. A result with no baseline in the window is counted in ``OutcomeCounts/withoutBaseline``; one whose
///   baseline is not positive is not evaluable.
public enum LabRule: Sendable, Equatable, Codable {
    /// `value ⟨comparison⟩ multiple × limit` for the result's own reference limit.
    case referenceLimit(limit: ReferenceLimit, multiple: Double, comparison: Comparison)
    /// `value ⟨comparison⟩ threshold`, the threshold in `unit`.
    case absolute(threshold: Double, unit: String, comparison: Comparison)
    /// `value ⟨comparison⟩ ratio × baseline`, the baseline taken from the `lookBackDays` days before the result.
    case baselineRatio(ratio: Double, lookBackDays: Int, baseline: BaselineChoice, comparison: Comparison)

    /// `value > multiple × ULN` (ALT > 3 × ULN is `.aboveUpperLimit(3)`).
    public static func aboveUpperLimit(_ multiple: Double) -> LabRule {
        .referenceLimit(limit: .upper, multiple: multiple, comparison: .greaterThan)
    }

    /// `value < multiple × ULN` (Hy's law's ALP < 2 × ULN is `.belowUpperLimit(2)`).
    public static func belowUpperLimit(_ multiple: Double) -> LabRule {
        .referenceLimit(limit: .upper, multiple: multiple, comparison: .lessThan)
    }

    /// `value < multiple × LLN`.
    public static func belowLowerLimit(_ multiple: Double) -> LabRule {
        .referenceLimit(limit: .lower, multiple: multiple, comparison: .lessThan)
    }

    /// `value > threshold` in `unit`.
    public static func above(_ threshold: Double, unit: String) -> LabRule {
        .absolute(threshold: threshold, unit: unit, comparison: .greaterThan)
    }

    /// `value < threshold` in `unit`.
    public static func below(_ threshold: Double, unit: String) -> LabRule {
        .absolute(threshold: threshold, unit: unit, comparison: .lessThan)
    }

    /// `value ≥ ratio × baseline` (creatinine ≥ 1.5 × baseline is `.riseFromBaseline(ratio: 1.5, lookBackDays: 7)`).
    ///
    /// - Parameters:
    ///   - ratio: the multiple of the baseline.
    ///   - lookBackDays: the window, in days before the result, that baselines come from (at least 1).
    ///   - baseline: the most recent value in the window (default) or the smallest.
    public static func riseFromBaseline(ratio: Double, lookBackDays: Int, baseline: BaselineChoice = .mostRecent) -> LabRule {
        .baselineRatio(ratio: ratio, lookBackDays: lookBackDays, baseline: baseline, comparison: .greaterThanOrEqual)
    }
}
