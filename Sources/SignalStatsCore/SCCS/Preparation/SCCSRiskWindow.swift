/// A risk window anchored at an exposure era's start or end, as OHDSI's `createEraCovariateSettings` defines it:
/// days `[anchor(start) + start, anchor(end) + end]`, both ends included.
public struct SCCSRiskWindow: Sendable, Equatable, Codable {
    /// Which end of the era a window bound is measured from.
    public enum Anchor: String, Sendable, Equatable, Codable {
        case eraStart, eraEnd
    }
    /// Label used in parameter names (for example `"0-29"` or `"pre-exposure"`).
    public var label: String
    public var start: Int
    public var startAnchor: Anchor
    public var end: Int
    public var endAnchor: Anchor

    public init(label: String, start: Int, startAnchor: Anchor = .eraStart, end: Int, endAnchor: Anchor = .eraEnd) {
        self.label = label
        self.start = start
        self.startAnchor = startAnchor
        self.end = end
        self.endAnchor = endAnchor
    }

    /// The whole era: `[era start, era end]`.
    public static let onTreatment = SCCSRiskWindow(label: "on treatment", start: 0, end: 0)

    /// The days this window covers for one era (empty when its end precedes its start).
    public func days(eraStart: Int, eraEnd: Int) -> ClosedRange<Int>? {
        let from = (startAnchor == .eraStart ? eraStart : eraEnd) + start
        let to = (endAnchor == .eraStart ? eraStart : eraEnd) + end
        return from <= to ? from...to : nil
    }

    /// Windows for each of a person's eras of one exposure, after merging eras that overlap or touch (as OHDSI
    /// merges overlapping eras of one drug).
    public static func windows(
        eras: [(start: Int, end: Int)], window: SCCSRiskWindow, parameter: Int
    ) -> [SCCSWindow] {
        var out: [SCCSWindow] = []
        appendWindows(sortedEras: eras.sorted(by: { $0.start < $1.start }), window: window, parameter: parameter, into: &out)
        return out
    }

    /// ``windows(eras:window:parameter:)`` for eras sorted by start, appended to `out` (no allocation per person).
    package static func appendWindows(
        sortedEras eras: some Collection<(start: Int, end: Int)>, window: SCCSRiskWindow, parameter: Int,
        into out: inout [SCCSWindow]
    ) {
        var current: (start: Int, end: Int)? = nil
        func emit(_ e: (start: Int, end: Int)) {
            if let d = window.days(eraStart: e.start, eraEnd: e.end) {
                out.append(SCCSWindow(from: d.lowerBound, to: d.upperBound, parameter: parameter))
            }
        }
        for e in eras {
            if let c = current, e.start <= c.end + 1 {
                current = (c.start, max(c.end, e.end))
            } else {
                if let c = current { emit(c) }
                current = e
            }
        }
        if let c = current { emit(c) }
    }
}
