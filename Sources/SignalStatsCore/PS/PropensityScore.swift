import Foundation

/// Propensity scores `e(x) = P(treated | x)` for the units of a two-arm comparison, fitted here by logistic
/// regression or supplied by the caller.
///
/// The score balances the measured covariates between arms: given `e(x)`, treatment is independent of `x`
/// (Rosenbaum & Rubin 1983, Biometrika 70:41). Matching, stratifying or weighting on it estimates a causal
/// contrast under **no unmeasured confounding** (treatment independent of the potential outcomes given `x`) and
/// **positivity** (`0 < e(x) < 1`); check the second with ``equipoise(range:)`` and the arms' score ranges.
///
/// ```swift
/// let ps = try PropensityScore.fit(treatment: isTarget, design: covariates)
/// ps.equipoise().share        // share of units with preference score in 0.3...0.7
/// let matched = try PSMatching(ps).match()
/// ```
public struct PropensityScore: Sendable {
    /// `true` for the treated (target) arm, `false` for the comparator.
    public let treatment: [Bool]
    /// `e(x)`, strictly between 0 and 1.
    public let score: [Double]
    /// `log(e / (1 − e))`: the fitted linear predictor when fitted here (exact, not recomputed from `e`).
    public let logit: [Double]
    /// The propensity model, when fitted here.
    public let model: RegressionResult?

    /// Number of treated units.
    public var treatedCount: Int { treatment.reduce(0) { $0 + ($1 ? 1 : 0) } }
    /// Number of comparator units.
    public var comparatorCount: Int { treatment.count - treatedCount }
    /// Number of units.
    public var count: Int { treatment.count }

    /// Scores supplied by the caller (for example from another package, or a large-scale regularized model).
    ///
    /// - Throws: ``PSError/lengthMismatch(name:count:expected:)``, ``PSError/invalidScore(row:value:)`` for a score
    ///   outside (0, 1), ``PSError/emptyArm(treated:comparator:)``.
    public init(treatment: [Bool], score: [Double]) throws(PSError) {
        guard score.count == treatment.count else {
            throw .lengthMismatch(name: "score", count: score.count, expected: treatment.count)
        }
        if let i = score.firstIndex(where: { !($0 > 0 && $0 < 1) }) { throw .invalidScore(row: i, value: score[i]) }
        let t = treatment.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard t > 0, t < treatment.count else { throw .emptyArm(treated: t, comparator: treatment.count - t) }
        self.treatment = treatment
        self.score = score
        self.logit = score.map { Foundation.log($0 / (1 - $0)) }
        self.model = nil
    }

    init(treatment: [Bool], score: [Double], logit: [Double], model: RegressionResult?) {
        self.treatment = treatment
        self.score = score
        self.logit = logit
        self.model = model
    }

    /// Fits `logit P(treated | x) = x'β` by (optionally ridge-penalized) logistic regression through the BLAS core.
    ///
    /// Each unit's linear predictor is recomputed from the fitted coefficients in one fixed order of operations,
    /// so units with identical covariates get bit-identical scores (which matters for tie-breaking in matching).
    ///
    /// - Parameters:
    ///   - treatment: the arm of each unit (`true` = treated / target).
    ///   - design: covariates, usually with an intercept.
    ///   - l2Penalty: ridge penalty on non-intercept coefficients (0 for maximum likelihood).
    ///   - options: Newton iteration settings.
    /// - Throws: ``PSError/emptyArm(treated:comparator:)``; ``PSError/regression(_:)`` wrapping the model's error,
    ///   for example ``RegressionError/separation(covariates:iterations:)`` when the covariates predict the arm
    ///   perfectly (the arms do not overlap).
    /// - Complexity: O(n p²) per Newton iteration, in BLAS over row blocks.
    public static func fit(
        treatment: [Bool], design: DesignMatrix, l2Penalty: Double = 0, options: NewtonOptions = .init()
    ) throws(PSError) -> PropensityScore {
        guard treatment.count == design.rows else {
            throw .lengthMismatch(name: "treatment", count: treatment.count, expected: design.rows)
        }
        let t = treatment.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard t > 0, t < treatment.count else { throw .emptyArm(treated: t, comparator: treatment.count - t) }
        let result: RegressionResult
        do {
            result = try LogisticRegression(response: treatment.map { $0 ? 1 : 0 }, design: design, l2Penalty: l2Penalty)
                .fit(options: options)
        } catch {
            throw .regression(error)
        }
        let n = design.rows
        var eta = [Double](repeating: 0, count: n)
        let x = design.matrix
        x.storage.withUnsafeBufferPointer { xb in
            eta.withUnsafeMutableBufferPointer { e in
                guard let xp = xb.baseAddress else { return }
                for (k, name) in result.terms.enumerated() {
                    guard let j = design.columnNames.firstIndex(of: name) else { continue }
                    let b = result.coefficients[k]
                    let col = xp + j * n
                    for i in 0..<n { e[i] += b * col[i] }
                }
            }
        }
        let score = eta.map { 1 / (1 + Foundation.exp(-$0)) }
        return PropensityScore(treatment: treatment, score: score, logit: eta, model: result)
    }

    /// The range of scores in each arm.
    public var ranges: (treated: ClosedRange<Double>, comparator: ClosedRange<Double>) {
        var t = (Double.infinity, -Double.infinity), c = t
        for (e, tr) in zip(score, treatment) {
            if tr { t = (min(t.0, e), max(t.1, e)) } else { c = (min(c.0, e), max(c.1, e)) }
        }
        return (t.0...max(t.0, t.1), c.0...max(c.0, c.1))
    }

    /// Whether the arms' score ranges overlap at all.
    public var armsOverlap: Bool {
        let r = ranges
        return r.treated.lowerBound <= r.comparator.upperBound && r.comparator.lowerBound <= r.treated.upperBound
    }

    /// Preference scores (Walker et al. 2013, Comparative Effectiveness Research 3:11): the propensity score
    /// rescaled to remove the arms' relative sizes, `logit F = logit e − logit P` with `P` the share treated, so
    /// that `F = 0.5` means no preference for either drug whatever the market shares.
    public func preferenceScores() -> [Double] {
        let p = Double(treatedCount) / Double(count)
        let shift = Foundation.log(p / (1 - p))
        return logit.map { 1 / (1 + Foundation.exp(-($0 - shift))) }
    }

    /// Empirical equipoise (Walker et al. 2013): the share of units whose preference score lies in `range`
    /// (by default 0.3–0.7), overall and per arm. Walker et al. consider two drugs in equipoise when at least half of
    /// the units are in that range.
    public func equipoise(range: ClosedRange<Double> = 0.3...0.7) -> Equipoise {
        let f = preferenceScores()
        var inT = 0, inC = 0
        for (v, tr) in zip(f, treatment) where range.contains(v) {
            if tr { inT += 1 } else { inC += 1 }
        }
        return Equipoise(
            range: range, share: Double(inT + inC) / Double(count), treatedShare: Double(inT) / Double(treatedCount),
            comparatorShare: Double(inC) / Double(comparatorCount))
    }

    /// Counts of preference scores in `bins` equal bins of (0, 1), per arm: the preference-score distribution plot
    /// as numbers.
    public func preferenceDistribution(bins: Int = 20) -> (treated: [Int], comparator: [Int]) {
        let k = max(bins, 1)
        var t = [Int](repeating: 0, count: k), c = t
        for (v, tr) in zip(preferenceScores(), treatment) {
            let b = min(k - 1, max(0, Int(v * Double(k))))
            if tr { t[b] += 1 } else { c[b] += 1 }
        }
        return (t, c)
    }
}

/// The share of units in empirical equipoise (preference score in a middle range).
public struct Equipoise: Sendable, Equatable {
    /// The preference-score range counted.
    public let range: ClosedRange<Double>
    /// Share of all units in the range.
    public let share: Double
    /// Share of treated units in the range.
    public let treatedShare: Double
    /// Share of comparator units in the range.
    public let comparatorShare: Double
    /// Walker et al.'s rule: at least half of the units in the range.
    public var isInEquipoise: Bool { share >= 0.5 }
}
