import Foundation

/// Settings for ``NewtonRaphson``.
public struct NewtonOptions: Sendable, Equatable {
    /// Maximum number of Newton iterations (R's `glm` uses 25).
    public var maxIterations: Int = 25
    /// Convergence on the log-likelihood: `|Δℓ| ≤ tolerance · (|ℓ| + 0.1)` (R's `glm.control` form).
    public var logLikelihoodTolerance: Double = 1e-10
    /// Convergence on the gradient: the Newton decrement `g' I⁻¹ g` (the squared gradient norm in the
    /// metric of the information, scale-free in the parameters) must fall below this.
    public var decrementTolerance: Double = 1e-12
    /// Maximum number of step halvings within one iteration.
    public var maxStepHalvings: Int = 30
    /// Ridge (L2) penalty per parameter: the maximized objective is `ℓ(β) - ½ Σ λ_j β_j²`.
    /// `nil` means no penalty.
    public var ridge: [Double]? = nil

    public init(maxIterations: Int = 25, logLikelihoodTolerance: Double = 1e-10, decrementTolerance: Double = 1e-12) {
        self.maxIterations = maxIterations
        self.logLikelihoodTolerance = logLikelihoodTolerance
        self.decrementTolerance = decrementTolerance
    }
}

/// How a Newton run ended.
public enum ConvergenceStatus: Sendable, Equatable, CustomStringConvertible {
    /// Both criteria met after `iterations` iterations.
    case converged(iterations: Int)
    /// The iteration cap was reached first.
    case iterationLimit(iterations: Int)
    /// No step length along the Newton direction improved the objective.
    case stepHalvingFailed(iteration: Int)

    /// Whether the fit converged.
    public var isConverged: Bool { if case .converged = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .converged(let n): return "converged in \(n) iteration\(n == 1 ? "" : "s")"
        case .iterationLimit(let n): return "did not converge after \(n) iterations"
        case .stepHalvingFailed(let i): return "step halving failed at iteration \(i): the log-likelihood did not improve"
        }
    }
}

/// The maximum of a log-likelihood found by ``NewtonRaphson``.
public struct NewtonResult: Sendable {
    /// Parameter estimates.
    public var estimate: [Double]
    /// Log-likelihood at the estimate (without the penalty).
    public var logLikelihood: Double
    /// Penalized objective at the estimate (equal to ``logLikelihood`` without a penalty).
    public var objective: Double
    /// Information (minus the Hessian of the objective, penalty included) at the estimate.
    public var information: Matrix
    /// Gradient of the objective at the estimate.
    public var gradient: [Double]
    /// Newton decrement `g' I⁻¹ g` at the estimate.
    public var decrement: Double
    /// Number of observations that contributed.
    public var observations: Int
    /// How the run ended.
    public var status: ConvergenceStatus
    /// Log-likelihood after each iteration (index 0 is the start).
    public var trace: [Double]
}

/// Newton–Raphson maximization of a ``PartitionedLikelihood`` with step halving.
///
/// Each iteration solves `I(β) δ = g(β)` by Cholesky and tries `β + δ`, halving the step while the
/// objective does not improve (or is not finite). The run has converged when the log-likelihood
/// change is small relative to its size *and* the Newton decrement is small: the first guards
/// against stopping on a flat stretch, the second makes the coefficients precise to far more digits
/// than the log-likelihood test alone would (a Newton step from a decrement of `1e-12` moves each
/// coefficient by about `1e-6` standard errors, and the next error is quadratically smaller).
public enum NewtonRaphson {
    /// Maximizes `likelihood` from `start`.
    ///
    /// - Throws: ``NumericsError/notPositiveDefinite(leadingMinor:)`` when the information matrix is
    ///   singular (callers remove aliased columns before fitting), ``NumericsError/nonFinite(_:)`` when
    ///   the log-likelihood at the start is not finite.
    ///
    /// - Parameters:
    ///   - likelihood: the log-likelihood, as per-partition contributions summed in partition order.
    ///   - start: the starting parameter vector (one value per parameter).
    ///   - initial: the likelihood's contribution at `start`, if the caller already has it (it saves one pass over
    ///     the data).
    ///   - previousChange: the change of the log-likelihood on the step that reached `start`, when an earlier phase
    ///     of the caller's (for example fixed-information iterations) got there. With a finite value the run may stop
    ///     at `start` itself when both convergence criteria hold there (the information returned is then the one of
    ///     `initial`, at `start`); by default at least one Newton step is taken.
    ///   - options: iteration limits and convergence tolerances.
    public static func maximize(
        _ likelihood: some PartitionedLikelihood, start: [Double], initial: LikelihoodContribution? = nil,
        previousChange: Double = .infinity, options: NewtonOptions = .init()
    ) throws(NumericsError) -> NewtonResult {
        let p = likelihood.parameterCount
        guard start.count == p else { throw .dimensionMismatch("start has \(start.count) values for \(p) parameters") }
        let ridge = options.ridge ?? []
        guard ridge.isEmpty || ridge.count == p else {
            throw .dimensionMismatch("ridge has \(ridge.count) values for \(p) parameters")
        }

        func penalized(_ c: LikelihoodContribution, _ beta: [Double]) -> (objective: Double, c: LikelihoodContribution) {
            guard !ridge.isEmpty else { return (c.logLikelihood, c) }
            var c = c
            var pen = 0.0
            for j in 0..<p where ridge[j] != 0 {
                pen += 0.5 * ridge[j] * beta[j] * beta[j]
                c.gradient[j] -= ridge[j] * beta[j]
                c.information[j, j] += ridge[j]
            }
            return (c.logLikelihood - pen, c)
        }

        var beta = start
        var (objective, current) = penalized(initial ?? likelihood.evaluate(at: beta), beta)
        guard objective.isFinite else { throw .nonFinite("log-likelihood at the starting values is \(objective)") }
        var trace = [current.logLikelihood]
        var lastChange = previousChange.isFinite ? abs(previousChange) : Double.infinity
        var iteration = 0
        var status: ConvergenceStatus = .iterationLimit(iterations: options.maxIterations)

        while true {
            let chol = try Cholesky(current.information)
            let step = try chol.solve(current.gradient)
            let decrement = zip(step, current.gradient).reduce(0) { $0 + $1.0 * $1.1 }
            // `lastChange` is finite after the first accepted step (or when the caller's phase supplied it).
            if lastChange.isFinite,
                decrement <= options.decrementTolerance,
                lastChange <= options.logLikelihoodTolerance * (abs(objective) + 0.1)
            {
                status = .converged(iterations: iteration)
                return NewtonResult(
                    estimate: beta, logLikelihood: current.logLikelihood, objective: objective,
                    information: current.information, gradient: current.gradient, decrement: decrement,
                    observations: current.observations, status: status, trace: trace)
            }
            if iteration >= options.maxIterations {
                return NewtonResult(
                    estimate: beta, logLikelihood: current.logLikelihood, objective: objective,
                    information: current.information, gradient: current.gradient, decrement: decrement,
                    observations: current.observations, status: .iterationLimit(iterations: iteration), trace: trace)
            }
            iteration += 1
            var t = 1.0
            var accepted = false
            for _ in 0...options.maxStepHalvings {
                let trial = zip(beta, step).map { $0 + t * $1 }
                let (trialObjective, trialC) = penalized(likelihood.evaluate(at: trial), trial)
                // Accept any finite non-decrease (allowing rounding at the optimum).
                if trialObjective.isFinite, trialObjective >= objective - 1e-12 * (abs(objective) + 1) {
                    lastChange = abs(trialObjective - objective)
                    beta = trial
                    objective = trialObjective
                    current = trialC
                    trace.append(current.logLikelihood)
                    accepted = true
                    break
                }
                t *= 0.5
            }
            if !accepted {
                // At the optimum to rounding, no step improves: that is convergence if the decrement is tiny.
                let converged = decrement <= max(options.decrementTolerance, 1e-8)
                status = converged ? .converged(iterations: iteration) : .stepHalvingFailed(iteration: iteration)
                return NewtonResult(
                    estimate: beta, logLikelihood: current.logLikelihood, objective: objective,
                    information: current.information, gradient: current.gradient, decrement: decrement,
                    observations: current.observations, status: status, trace: trace)
            }
        }
    }
}
