import _SignalStatsUtilities
import Foundation

/// Which penalty a cross-validation tunes.
public enum PenaltyKind: Sendable, Equatable, Hashable {
    /// L1 (lasso, Laplace prior): the grid value is λ₁.
    case lasso
    /// L2 (ridge, normal prior): the grid value is λ₂.
    case ridge
    /// Both, `l1Share` (glmnet's α, in (0, 1]) of the grid value on L1 and the rest on L2.
    case elasticNet(l1Share: Double)

    /// The penalty for grid value `lambda`.
    public func penalty(_ lambda: Double) -> LogisticPenalty {
        switch self {
        case .lasso: return .lasso(lambda)
        case .ridge: return .ridge(lambda)
        case .elasticNet(let a): return LogisticPenalty(l1: a * lambda, l2: (1 - a) * lambda)
        }
    }
}

/// Settings of ``RegularizedLogisticRegression/crossValidate(_:options:)``.
public struct CrossValidationOptions: Sendable, Equatable {
    /// Number of folds (default 10, as Cyclops).
    public var folds: Int
    /// Seed of the fold assignment (default 1).
    public var seed: UInt64
    /// Explicit grid of penalty values, or `nil` for the automatic grid.
    public var grid: [Double]?
    /// Points of the automatic grid (default 20).
    public var gridSize: Int
    /// Lasso and elastic net: the automatic grid runs from λ_max (every penalized coefficient 0) down to
    /// `minimumRatio × λ_max`, evenly on the log scale (default 0.01, glmnet's value when rows < columns; nearly
    /// unpenalized fits on collinear covariates, such as age groups that sum to 1, make coordinate descent slow and
    /// are rarely chosen).
    public var minimumRatio: Double
    /// Ridge: the automatic grid's range of λ₂ (default 1...10,000, evenly on the log scale, largest first; smaller
    /// weights on collinear covariates make coordinate descent slow).
    public var ridgeRange: ClosedRange<Double>
    /// Convergence of each fit (default tolerance 1e-7 on the relative change of the objective: the held-out
    /// log-likelihood needs no more; the final refit at the chosen penalty uses 1e-10).
    public var fitting: CoordinateDescentOptions

    /// Options with the defaults documented on each property.
    public init(
        folds: Int = 10, seed: UInt64 = 1, grid: [Double]? = nil, gridSize: Int = 20, minimumRatio: Double = 0.01,
        ridgeRange: ClosedRange<Double> = 1...10_000, fitting: CoordinateDescentOptions = .init(tolerance: 1e-7)
    ) {
        self.folds = folds
        self.seed = seed
        self.grid = grid
        self.gridSize = gridSize
        self.minimumRatio = minimumRatio
        self.ridgeRange = ridgeRange
        self.fitting = fitting
    }
}

/// A penalty chosen by k-fold cross-validation, and the refit on all rows at that penalty.
public struct CrossValidatedLogisticFit: Sendable {
    /// What was tuned.
    public let kind: PenaltyKind
    /// The grid, largest penalty first.
    public let grid: [LogisticPenalty]
    /// Held-out log-likelihood per grid point, summed over folds (each row is held out once).
    public let heldOutLogLikelihood: [Double]
    /// Held-out log-likelihood per fold and grid point (`[fold][grid point]`).
    public let foldLogLikelihoods: [[Double]]
    /// Standard error of ``heldOutLogLikelihood``: `√k` × the standard deviation of the fold values.
    public let standardErrors: [Double]
    /// Index of the chosen grid point (largest held-out log-likelihood; the larger penalty on a tie).
    public let chosenIndex: Int
    /// Number of folds.
    public let folds: Int
    /// Seed of the fold assignment.
    public let seed: UInt64
    /// The fit on all rows at the chosen penalty.
    public let fit: RegularizedLogisticFit
    /// Findings, in words (the choice at an end of the grid, folds that did not converge).
    public let diagnostics: [String]

    /// The chosen penalty.
    public var chosen: LogisticPenalty { grid[chosenIndex] }

    /// The grid with its cross-validation scores, the choice and the final fit's summary.
    public func summary(maxRows: Int = 10) -> String {
        var out = ["Penalty chosen by \(folds)-fold cross-validation (stratified by response, seed \(seed)) on the held-out log-likelihood"]
        out.append(pad("penalty", 26) + lpad("held-out loglik", 18) + lpad("se", 12))
        for (k, q) in grid.enumerated() {
            out.append(pad(q.description, 26) + lpad(String(format: "%.4f", heldOutLogLikelihood[k]), 18)
                + lpad(String(format: "%.4f", standardErrors[k]), 12) + (k == chosenIndex ? "  <- chosen" : ""))
        }
        for d in diagnostics { out.append("note: \(d)") }
        out.append(fit.summary(maxRows: maxRows))
        return out.joined(separator: "\n")
    }
}

extension RegularizedLogisticRegression {
    /// Chooses the penalty by k-fold cross-validation, as Cyclops' cross-validation for CohortMethod's propensity
    /// model: the rows are split into `folds` folds stratified by the response (each class shuffled by a seeded
    /// SplitMix64 Fisher–Yates shuffle and dealt round-robin); for each fold the model is fitted on the other folds
    /// along the grid (largest penalty first, warm starts) and scored by the log-likelihood of the held-out rows; the
    /// grid point with the largest summed held-out log-likelihood is chosen and the model refitted on all rows.
    ///
    /// - Throws: ``RegressionError/invalidOption(name:value:reason:)`` for fewer than 2 folds, more folds than rows of
    ///   the smaller class, an empty or non-positive grid.
    /// - Complexity: `folds + 1` penalty paths.
    public func crossValidate(_ kind: PenaltyKind, options: CrossValidationOptions = .init()) throws(RegressionError)
        -> CrossValidatedLogisticFit
    {
        try checkOptions(options.fitting)
        let k = options.folds
        let n = design.rows
        let ones = (0..<n).filter { response[$0] == 1 && weights[$0] > 0 }
        let zeros = (0..<n).filter { response[$0] == 0 && weights[$0] > 0 }
        guard k >= 2, k <= min(ones.count, zeros.count) else {
            throw .invalidOption(
                name: "folds", value: Double(k),
                reason: "need 2 to min(rows per class) = \(min(ones.count, zeros.count)) folds")
        }
        if case .elasticNet(let a) = kind, !(a > 0 && a <= 1) {
            throw .invalidOption(name: "l1Share", value: a, reason: "must be in (0, 1]")
        }
        // The grid.
        var values: [Double]
        if let g = options.grid {
            guard !g.isEmpty, g.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .invalidOption(name: "grid", value: g.first ?? .nan, reason: "must be non-empty, finite and >= 0")
            }
            values = g.sorted(by: >)
        } else {
            let m = max(options.gridSize, 2)
            guard options.minimumRatio > 0, options.minimumRatio < 1, options.ridgeRange.lowerBound > 0 else {
                throw .invalidOption(name: "minimumRatio or ridgeRange", value: options.minimumRatio, reason: "must be in (0, 1) and positive")
            }
            let hi: Double, lo: Double
            switch kind {
            case .ridge:
                hi = options.ridgeRange.upperBound
                lo = options.ridgeRange.lowerBound
            case .lasso, .elasticNet:
                let share: Double
                if case .elasticNet(let a) = kind { share = a } else { share = 1 }
                hi = try lambdaMax(options: options.fitting) / share
                lo = hi * options.minimumRatio
            }
            values = (0..<m).map { hi * Foundation.pow(lo / hi, Double($0) / Double(m - 1)) }
        }
        let grid = values.map { kind.penalty($0) }
        // Folds, stratified by response.
        var fold = [Int](repeating: -1, count: n)
        var rng = SplitMix64(seed: options.seed)
        for var cls in [ones, zeros] {
            for i in stride(from: cls.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                cls.swapAt(i, j)
            }
            for (pos, row) in cls.enumerated() { fold[row] = pos % k }
        }
        var scores = [[Double]](repeating: [Double](repeating: 0, count: grid.count), count: k)
        var diagnostics: [String] = []
        for f in 0..<k {
            let train = (0..<n).map { fold[$0] == f ? 0 : weights[$0] }
            let fits = path(penalties: grid, options: options.fitting, caseWeights: train, start: nil)
            for (g, item) in fits.enumerated() {
                var ll = 0.0
                for i in 0..<n where fold[i] == f {
                    let e = item.eta[i]
                    ll += weights[i] * (response[i] * e - (max(e, 0) + Foundation.log1p(Foundation.exp(-abs(e)))))
                }
                scores[f][g] = ll
                if !item.fit.convergence.isConverged {
                    diagnostics.append("fold \(f + 1), \(grid[g].description): \(item.fit.convergence.description)")
                }
            }
        }
        let total = (0..<grid.count).map { g in scores.reduce(0) { $0 + $1[g] } }
        let se = (0..<grid.count).map { g -> Double in
            let m = total[g] / Double(k)
            let v = scores.reduce(0) { $0 + ($1[g] - m) * ($1[g] - m) } / Double(k - 1)
            return (Double(k) * v).squareRoot()
        }
        var best = 0
        for g in 1..<grid.count where total[g] > total[best] { best = g }
        if grid.count > 2 && (best == 0 || best == grid.count - 1) {
            diagnostics.append(
                "the chosen penalty is at the \(best == 0 ? "largest" : "smallest") end of the grid: the optimum may lie outside it")
        }
        // Refit on all rows along the grid down to the chosen point (warm starts).
        var final_ = options.fitting
        final_.tolerance = min(final_.tolerance, 1e-10)
        let refit = path(penalties: Array(grid[0...best]), options: final_, caseWeights: weights, start: nil)
        guard let final = refit.last?.fit else { throw .invalidOption(name: "grid", value: .nan, reason: "empty") }
        return CrossValidatedLogisticFit(
            kind: kind, grid: grid, heldOutLogLikelihood: total, foldLogLikelihoods: scores, standardErrors: se,
            chosenIndex: best, folds: k, seed: options.seed, fit: final, diagnostics: diagnostics)
    }
}
