import Foundation

/// "Nice" axis ticks (Heckbert 1990, *Nice numbers for graph labels*, Graphics Gems I).
enum Ticks {
    /// The nice number (1, 2, 5 or 10 times a power of ten) closest to `x` (`round`) or not below it.
    static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = x.log10Floor
        let power = Double.exactPower10(exponent)
        let f = x / power
        let nice: Double
        if round {
            nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// The step Heckbert's loose labelling picks for `domain` with about `target` ticks.
    static func linearStep(_ domain: ClosedRange<Double>, target: Int) -> Double {
        let span = niceNumber(domain.upperBound - domain.lowerBound, round: false)
        return niceNumber(span / Double(max(1, target - 1)), round: true)
    }

    /// Multiples of a nice step that lie inside `domain` (tight labelling: the domain is not widened).
    ///
    /// `linear(0...1, target: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1]`; `linear(0...37, target: 5) == [0, 10, 20, 30]`.
    static func linear(_ domain: ClosedRange<Double>, target: Int = 6) -> [Double] {
        let step = linearStep(domain, target: target)
        guard step > 0, step.isFinite else { return [domain.lowerBound] }
        let first = (domain.lowerBound / step).rounded(.up)
        let last = (domain.upperBound / step).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        // Multiply integer indices by the step (no accumulated error), then snap to the step's decimals.
        let decimals = max(0, Int(-step.log10Floor) + 1)
        return stride(from: first, through: last, by: 1).map { snap($0 * step, decimals: decimals) }
    }

    /// `domain` widened outward to multiples of the nice step (for axes that should start and end on a tick).
    static func niceDomain(_ domain: ClosedRange<Double>, target: Int = 6) -> ClosedRange<Double> {
        let step = linearStep(domain, target: target)
        guard step > 0, step.isFinite else { return domain }
        return ((domain.lowerBound / step).rounded(.down) * step)...((domain.upperBound / step).rounded(.up) * step)
    }

    /// Log-axis ticks inside `domain`: powers of ten when that gives at least four ticks, otherwise 1-2-5 per decade
    /// when that gives at least four, otherwise 1-1.5-2-3-5-7 per decade; wide domains keep every k-th power of ten.
    ///
    /// `log(0.25...4) == [0.3, 0.5, 0.7, 1, 1.5, 2, 3]`; `log(0.1...10) == [0.1, 0.2, 0.5, 1, 2, 5, 10]`;
    /// `log(0.001...1000) == [0.001, 0.01, 0.1, 1, 10, 100, 1000]`.
    static func log(_ domain: ClosedRange<Double>, target: Int = 6) -> [Double] {
        let lo = domain.lowerBound, hi = domain.upperBound
        guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return [] }
        let e0 = lo.log10Floor, e1 = hi.log10Floor
        guard e1 - e0 < 300 else { return [] }
        var ticks: [Double] = []
        for mantissas: [Double] in [[1], [1, 2, 5], [1, 1.5, 2, 3, 5, 7]] {
            ticks = []
            var e = e0
            while e <= e1 {
                let p = Double.exactPower10(e)
                for m in mantissas {
                    let v = snap(m * p, decimals: max(0, Int(-e) + 1))
                    if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { ticks.append(v) }
                }
                e += 1
            }
            if ticks.count >= 4 || mantissas.count == 6 {
                if mantissas.count == 1, ticks.count > target + 1 {
                    let k = Int((Double(ticks.count) / Double(target)).rounded(.up))
                    ticks = ticks.enumerated().filter { $0.offset % k == 0 }.map(\.element)
                }
                return ticks
            }
        }
        return ticks
    }

    /// `x` rounded to `decimals` places (removes 0.30000000000000004-style noise).
    static func snap(_ x: Double, decimals: Int) -> Double {
        let d = min(decimals, 12)
        let p = Double.exactPower10(Double(d))
        let r = (x * p).rounded() / p
        return r == 0 ? 0 : r
    }

    /// Tick label text: up to four significant decimals, trailing zeros removed (`0.25`, `1`, `1000`).
    static func label(_ v: Double) -> String {
        if v != 0, abs(v) < 1 { return SVGNumber.significant(v, 3) }
        return SVGNumber.fixed(v, decimals: 2)
    }
}
