/// A span of days of one case cut where an exposure level or an age group changes, without merging: the split
/// intervals of R `SCCS::formatdata` on which the event-dependent methods put their weights.
struct SCCSDayPiece: Sendable, Equatable {
    var from: Int
    var to: Int
    /// Exposure parameter in force (`nil`: unexposed).
    var parameter: Int?
    /// Age group: the number of age cut points at or before `from` (0 = before the first).
    var ageGroup: Int

    var length: Int { to - from + 1 }

    /// Cuts `[from, to]` at the bounds of `windows` and at `ageCuts` (ages on the same day scale).
    static func split(from: Int, to: Int, windows: [SCCSWindow], ageCuts: [Int]) -> [SCCSDayPiece] {
        guard from <= to else { return [] }
        var bounds: Set<Int> = [from, to + 1]
        for w in windows {
            if w.from > from && w.from <= to { bounds.insert(w.from) }
            if w.to + 1 > from && w.to + 1 <= to { bounds.insert(w.to + 1) }
        }
        for c in ageCuts where c > from && c <= to { bounds.insert(c) }
        let sorted = bounds.sorted()
        return zip(sorted, sorted.dropFirst()).map { a, b in
            SCCSDayPiece(
                from: a, to: b - 1, parameter: windows.first { $0.from <= a && a <= $0.to }?.parameter,
                ageGroup: ageCuts.reduce(0) { $0 + ($1 <= a ? 1 : 0) })
        }
    }
}

/// One dose of an R-layout exposure for the event-dependent methods: its start and the risk windows it opens,
/// after a later dose has cut them short.
struct SCCSDoseWindows: Sendable {
    var start: Int
    var windows: [SCCSWindow]

    /// First and last day the dose's windows cover, including a dose day returned to the baseline (`expogrp` starting
    /// above 0).
    var span: ClosedRange<Int>? {
        guard let last = windows.map(\.to).max() else { return nil }
        let first = min(start, windows.map(\.from).min() ?? start)
        return first <= last ? first...last : nil
    }

    /// The doses of one case in time order, doses after `event` left out (R `eventdepenexp` treats them as missing).
    ///
    /// - Returns: the doses and how many were left out because they start after the event.
    static func doses(
        of x: SCCSExposureDefinition, row r: Int, data: SCCSPreparedData, event: Int?
    ) -> (doses: [SCCSDoseWindows], removed: Int) {
        let starts: [Int?] = x.doseColumns.map { data.columns[$0]?[r] ?? nil }
        let ends: [Int?] = x.endColumns.map { $0.map { data.columns[$0]?[r] ?? nil } } ?? starts.map { $0.map { $0 + x.endOffset } }
        var removed = 0
        var given: [(start: Int, end: Int, column: Int)] = []
        for d in starts.indices {
            guard let s = starts[d] else { continue }
            if let event, s > event {
                removed += 1
                continue
            }
            given.append((s, ends[d] ?? (s + x.endOffset), d))
        }
        given.sort { $0.start < $1.start }
        var out: [SCCSDoseWindows] = []
        for (i, dose) in given.enumerated() {
            let stop = i + 1 < given.count ? given[i + 1].start - 1 : Int.max
            var windows: [SCCSWindow] = []
            for (w, span) in x.levelSpans(start: dose.start, end: dose.end).enumerated() {
                let to = min(stop, span.to)
                guard span.from <= to else { continue }
                // Per-dose parameters follow the dose column, as ``SCCSPreparedData/cases(exposures:)`` numbers them.
                let parameter = x.sameParameterForDoses ? w : dose.column * x.levelCount + w
                windows.append(SCCSWindow(from: span.from, to: to, parameter: parameter))
            }
            out.append(SCCSDoseWindows(start: dose.start, windows: windows))
        }
        return (out, removed)
    }
}

extension SCCSPreparedData {
    /// Row indices grouped by case, in order of first appearance.
    func rowsByCase() -> [(id: String, rows: [Int])] {
        var order: [String] = []
        var rowsOf: [String: [Int]] = [:]
        for (r, id) in indiv.enumerated() {
            if rowsOf[id] == nil { order.append(id) }
            rowsOf[id, default: []].append(r)
        }
        return order.map { ($0, rowsOf[$0] ?? []) }
    }
}

extension SCCSExposureDefinition {
    /// Parameter names of this exposure as R `SCCS` names them: `name1…` per window when the doses share
    /// parameters; dose-major `name1…name(doses·levels)` when they do not (R's `dtp1..dtp9` for three doses of three
    /// windows).
    var rParameterNames: [String] {
        let count = sameParameterForDoses ? levelCount : levelCount * doseColumns.count
        return (1...max(count, 1)).map { "\(name)\($0)" }
    }
}
