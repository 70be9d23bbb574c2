import Foundation

/// Maps data values to pixel positions along one axis, linearly or on a log scale.
struct ChartScale: Sendable, Equatable {
    /// Linear or logarithmic (base 10) mapping.
    enum Kind: Sendable, Equatable { case linear, log }

    let kind: Kind
    /// Data domain (for `.log` both bounds are positive).
    let domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound` (may be decreasing, e.g. y axes).
    let range: (Double, Double)

    init(kind: Kind = .linear, domain: ClosedRange<Double>, range: (Double, Double)) {
        self.kind = kind
        self.range = range
        if kind == .log {
            let lo = domain.lowerBound > 0 ? domain.lowerBound : 1e-3
            let hi = max(domain.upperBound, lo * 1.0001)
            self.domain = lo...hi
        } else {
            self.domain = domain.lowerBound < domain.upperBound ? domain : (domain.lowerBound - 0.5)...(domain.lowerBound + 0.5)
        }
    }

    static func == (a: ChartScale, b: ChartScale) -> Bool {
        a.kind == b.kind && a.domain == b.domain && a.range.0 == b.range.0 && a.range.1 == b.range.1
    }

    private func transform(_ v: Double) -> Double { kind == .log ? log10(v) : v }

    /// Pixel position of `value`; values outside the domain map outside the range (clip with ``clamped(_:)``).
    func map(_ value: Double) -> Double {
        let lo = transform(domain.lowerBound), hi = transform(domain.upperBound)
        let v = kind == .log ? log10(max(value, Double.leastNormalMagnitude)) : value
        return range.0 + (v - lo) / (hi - lo) * (range.1 - range.0)
    }

    /// `value` limited to the domain.
    func clamped(_ value: Double) -> Double { min(max(value, domain.lowerBound), domain.upperBound) }

    /// Tick values inside the domain (see ``Ticks``).
    func ticks(target: Int = 6) -> [Double] {
        kind == .log ? Ticks.log(domain, target: target) : Ticks.linear(domain, target: target)
    }
}
