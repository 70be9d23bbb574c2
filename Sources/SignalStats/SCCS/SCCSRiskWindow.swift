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
        var merged: [(start: Int, end: Int)] = []
        for e in eras.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, e.start <= last.end + 1 {
                merged[merged.count - 1].end = max(last.end, e.end)
            } else {
                merged.append(e)
            }
        }
        return merged.compactMap { e in
            window.days(eraStart: e.start, eraEnd: e.end).map { SCCSWindow(from: $0.lowerBound, to: $0.upperBound, parameter: parameter) }
        }
    }
}
