import Foundation

/// The penalty of a ``RegularizedLogisticRegression``: L1 (lasso, a Laplace prior), L2 (ridge, a normal prior) or
/// both (elastic net), on the sum scale of the log-likelihood.
///
/// The fit minimizes
///
/// ```
/// −ℓ(β₀, β) + λ₁ Σⱼ fⱼ |βⱼ| + (λ₂ / 2) Σⱼ fⱼ βⱼ²,      ℓ = Σᵢ cᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)]
/// ```
///
/// with `fⱼ = 0` for unpenalized columns and 1 otherwise; the intercept `β₀` is never penalized. This is the scale of
/// the existing ridge option of ``LogisticRegression`` (`½ λ Σ β²`) and of OHDSI Cyclops' priors (not divided by
/// the number of rows). Other packages' conventions convert as follows:
///
/// | package | its objective | here |
/// |---|---|---|
/// | glmnet (`family = "binomial"`) | `−ℓ/n + λ(α‖β‖₁ + (1 − α)/2 ‖β‖²)` | `λ₁ = n λ α`, `λ₂ = n λ (1 − α)` (``glmnet(lambda:alpha:observations:)``) |
/// | scikit-learn `LogisticRegression(C=…)` | `C Σ loss + ‖β‖₁` (L1) or `C Σ loss + ½‖β‖²` (L2) | `λ = 1/C` (``scikitLearn(c:l1:)``) |
/// | Cyclops Laplace prior, variance `v` | `−ℓ + √(2/v) ‖β‖₁` | `λ₁ = √(2/v)` (``laplacePrior(variance:)``) |
/// | Cyclops normal prior, variance `v` | `−ℓ + ‖β‖²/(2v)` | `λ₂ = 1/v` (``normalPrior(variance:)``) |
///
/// With `n` rows, scikit-learn's `C` and glmnet's `λ` for the same L1 fit are related by `C = 1/(n λ)`.
public struct LogisticPenalty: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// λ₁ ≥ 0, the weight of `Σ |βⱼ|`.
    public var l1: Double
    /// λ₂ ≥ 0, the weight of `½ Σ βⱼ²`.
    public var l2: Double

    /// A penalty with both weights (0 for none).
    public init(l1: Double = 0, l2: Double = 0) {
        self.l1 = l1
        self.l2 = l2
    }

    /// L1 (lasso) with weight `lambda`.
    public static func lasso(_ lambda: Double) -> LogisticPenalty { LogisticPenalty(l1: lambda) }
    /// L2 (ridge) with weight `lambda`.
    public static func ridge(_ lambda: Double) -> LogisticPenalty { LogisticPenalty(l2: lambda) }
    /// glmnet's `lambda` and `alpha` for `observations` rows (unit weights).
    public static func glmnet(lambda: Double, alpha: Double, observations: Int) -> LogisticPenalty {
        let n = Double(observations)
        return LogisticPenalty(l1: n * lambda * alpha, l2: n * lambda * (1 - alpha))
    }
    /// scikit-learn's inverse regularization strength `C`, for `penalty="l1"` (`l1: true`) or `"l2"`.
    public static func scikitLearn(c: Double, l1: Bool) -> LogisticPenalty {
        l1 ? LogisticPenalty(l1: 1 / c) : LogisticPenalty(l2: 1 / c)
    }
    /// Cyclops' Laplace prior with variance `v`: `λ₁ = √(2/v)`.
    public static func laplacePrior(variance v: Double) -> LogisticPenalty { LogisticPenalty(l1: (2 / v).squareRoot()) }
    /// Cyclops' normal prior with variance `v`: `λ₂ = 1/v`.
    public static func normalPrior(variance v: Double) -> LogisticPenalty { LogisticPenalty(l2: 1 / v) }

    /// Whether both weights are 0 (maximum likelihood).
    public var isZero: Bool { l1 == 0 && l2 == 0 }

    /// `L1 3.2`, `L2 1`, `L1 3.2 + L2 1` or `none`.
    public var description: String {
        switch (l1 > 0, l2 > 0) {
        case (true, true): return String(format: "L1 %g + L2 %g", l1, l2)
        case (true, false): return String(format: "L1 %g", l1)
        case (false, true): return String(format: "L2 %g", l2)
        case (false, false): return "none"
        }
    }

    func check() throws(RegressionError) {
        guard l1.isFinite, l1 >= 0 else { throw .invalidOption(name: "L1 penalty", value: l1, reason: "must be finite and >= 0") }
        guard l2.isFinite, l2 >= 0 else { throw .invalidOption(name: "L2 penalty", value: l2, reason: "must be finite and >= 0") }
    }
}

/// Convergence settings of the coordinate-descent fit.
public struct CoordinateDescentOptions: Sendable, Equatable {
    /// Stop when the relative change of the penalized objective between outer (quadratic-approximation) iterations,
    /// `|Δ objective| / (|objective| + 1)`, is below this (default 1e-10). The inner coordinate sweeps stop when no
    /// coordinate moves the quadratic model by more than `0.001 × tolerance × (|objective| + 1)`.
    public var tolerance: Double
    /// Cap on outer iterations (default 100); a fit that reaches it says so in its ``ConvergenceStatus``.
    public var maxIterations: Int
    /// Cap on coordinate sweeps over the active set within one outer iteration (default 1000).
    public var maxSweeps: Int
    /// Number of row blocks for the full-gradient and linear-predictor passes (default: one per core).
    public var partitions: Int?

    /// Options with the defaults documented on each property.
    public init(tolerance: Double = 1e-10, maxIterations: Int = 100, maxSweeps: Int = 1000, partitions: Int? = nil) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.maxSweeps = maxSweeps
        self.partitions = partitions
    }
}
