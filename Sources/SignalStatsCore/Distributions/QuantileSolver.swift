import RealModule

/// Safeguarded Newton iteration used by the continuous quantile functions.
///
/// Solves h(x) = log T(x) − log t = 0, where T is a tail probability (the
/// lower tail P(X ≤ x) or the upper tail P(X > x), whichever is the *smaller*
/// at the target, so that it is known to full relative precision) and t the
/// target. Working with log T makes the power-law and exponential tails nearly
/// linear, and the Newton step is taken in whichever variable makes h most
/// nearly linear:
/// - `.logX`: u = log x (power-law lower tails, T ≈ C xᵃ),
/// - `.linear`: x itself (exponential upper tails, log T ≈ −x),
/// - `.logOneMinusX`: v = log(1 − x) (power-law upper tails at 1, beta).
/// A bracket [lo, hi] around the root is maintained from the sign of h, and any
/// step leaving it is replaced by bisection (geometric when the bracket spans
/// more than a factor of 4), so the iteration always converges.
struct QuantileSolver {
    enum StepVariable { case logX, linear, logOneMinusX }

    /// Evaluation at x: (log T(x), d log T / dx).
    typealias Evaluation = (_ x: Double) -> (logTail: Double, derivative: Double)

    var lower: Double
    var upper: Double
    /// True when T increases with x (lower tail).
    var increasing: Bool
    var logTarget: Double
    var maxIterations = 200

    /// Runs the iteration from `start`; `variable` picks the Newton variable at
    /// each iterate.
    func solve(
        start: Double,
        variable: (Double) -> StepVariable,
        evaluate: Evaluation
    ) -> Double {
        var lo = lower
        var hi = upper
        var x = start
        if !(x > lo && x < hi) { x = bisect(lo, hi, variable(start)) }
        var best = x
        var bestResidual = Double.infinity
        var previousStep = Double.infinity
        var stalls = 0
        for _ in 0..<maxIterations {
            let (logT, dLogT) = evaluate(x)
            let h = logT - logTarget
            if h.isNaN { break }
            if h.magnitude < bestResidual {
                bestResidual = h.magnitude
                best = x
            }
            if h == 0 { return x }
            // Keep the root bracketed: h < 0 means T is below target.
            if (h < 0) == increasing { lo = x } else { hi = x }

            let mode = variable(x)
            var next: Double
            if dLogT.isFinite && dLogT != 0 && h.isFinite {
                switch mode {
                case .linear:
                    next = x - h / dLogT
                case .logX:
                    next = x * Double.exp(-h / (x * dLogT))
                case .logOneMinusX:
                    let y = 1 - x
                    next = 1 - y * Double.exp(h / (y * dLogT))
                }
            } else {
                next = .nan
            }
            if !(next > lo && next < hi) {
                next = bisect(lo, hi, mode)
            }
            let step = (next - x).magnitude
            if step <= 2 * Double.ulpOfOne * x.magnitude || next == x {
                return bestResidual <= h.magnitude ? best : next
            }
            // Noise-limited: steps stopped shrinking although they are tiny.
            if step <= 1e-12 * x.magnitude && step >= 0.5 * previousStep {
                stalls += 1
                if stalls >= 3 { return best }
            }
            if hi.isFinite && hi - lo <= 2 * Double.ulpOfOne * Swift.max(lo.magnitude, hi.magnitude) {
                return best
            }
            previousStep = step
            x = next
        }
        return best
    }

    /// Bisection point of the bracket suited to the step variable.
    private func bisect(_ lo: Double, _ hi: Double, _ mode: StepVariable) -> Double {
        if hi == .infinity { return Swift.max(4 * lo, 1) }
        switch mode {
        case .logX where lo > 0 && hi > 4 * lo:
            return Double.sqrt(lo) * Double.sqrt(hi)
        case .logX where lo == 0:
            return hi * 0x1p-10
        case .logOneMinusX where upper == 1:
            let yLo = 1 - hi, yHi = 1 - lo
            if yLo > 0 && yHi > 4 * yLo { return 1 - Double.sqrt(yLo) * Double.sqrt(yHi) }
            if yLo == 0 { return 1 - yHi * 0x1p-10 }
            return lo + (hi - lo) / 2
        default:
            return lo + (hi - lo) / 2
        }
    }
}
