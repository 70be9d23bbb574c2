import _SignalStatsUtilities
import Dispatch
import Foundation

/// Interval construction for one block of cases, into struct-of-arrays storage with reused buffers (the work behind
/// ``SCCSIntervals/build(cases:parameterNames:adjustment:firstOutcomeOnly:)`` and the network entry point).
///
/// Each case is swept once from observation start to end: the next boundary is the nearest of the next age cut point,
/// the next month start and the next window bound, so no cut list is sorted and no calendar date is converted per
/// piece (one conversion per case, then month lengths). Pieces with the same *key* (exposure pattern, age group,
/// season group) merge within the case through a dense key table, and each interval keeps its key: the model's
/// factor coding (``SCCSFactorIndex``) comes out of construction instead of another pass.
///
/// Blocks are independent (their own pattern and key numbering); ``SCCSIntervals/merge(_:parameterNames:adjustment:)``
/// renumbers them in block order, which gives exactly the output of one sequential pass.
package struct SCCSIntervalBlock: Sendable {
    let parameterCount: Int
    let ageCuts: [Int]
    /// Season group of each month (index 1...12).
    let seasonOfMonth: [Int16]
    /// Number of age groups (cut points + 1) and season slots (at least 1).
    let ages: Int
    let seasons: Int
    let useSeasons: Bool
    let firstOutcomeOnly: Bool

    var caseIDs: [String] = []
    /// `caseStarts[c]..<caseStarts[c + 1]` are case c's rows.
    var caseStarts: [Int] = [0]
    var length: [Int32] = []
    var events: [Int32] = []
    var key: [Int32] = []
    var counts = SCCSIntervals.Counts()
    /// Exposure patterns of this block (sorted parameter lists); 0 is unexposed.
    var patterns: [[Int32]] = [[]]
    /// Per key: its slot `(pattern · ages + age) · seasons + season`, events and person-days.
    var keySlot: [Int32] = []
    var keyEvents: [Int] = []
    var keyDays: [Int] = []
    /// The inputs of every case added, when `recordCases` is set (the network entry point keeps its cases).
    var recordCases = false
    var caseTable = SCCSCaseTable()

    private var patternOfMask: [UInt64: Int32] = [0: 0]
    /// The last pattern looked up by mask (consecutive pieces usually share it).
    private var lastMask: UInt64 = 0
    private var lastPattern: Int32 = 0
    private var patternOfList: [[Int32]: Int32] = [[]: 0]
    private var keyOfSlot: [Int32] = []
    private var keyStamp: [Int32] = []
    private var keyRow: [Int32] = []
    private var eventDays: [Int] = []
    private var active: [Int32] = []
    private var runs: [(row: Int, length: Int, events: Int)] = []

    init(parameterCount: Int, adjustment: SCCSAdjustment, firstOutcomeOnly: Bool) {
        self.parameterCount = parameterCount
        ageCuts = adjustment.ageCutPoints
        let months = adjustment.seasonStartMonths
        seasonOfMonth = (0...12).map { m in
            guard !months.isEmpty, m > 0 else { return 0 }
            return Int16(months.lastIndex { $0 <= m } ?? (months.count - 1))
        }
        ages = ageCuts.count + 1
        seasons = max(months.count, 1)
        useSeasons = !months.isEmpty
        self.firstOutcomeOnly = firstOutcomeOnly
    }

    /// Number of intervals so far.
    var count: Int { length.count }

    /// The pattern index of the windows active at day `a`, and the first day after `a` where a window starts or ends.
    private mutating func pattern(at a: Int, windows: UnsafeBufferPointer<SCCSWindow>, limit: Int) -> (Int32, Int) {
        var next = limit
        if parameterCount <= 64 {
            var mask: UInt64 = 0
            for w in windows {
                if w.from <= a {
                    if a <= w.to {
                        mask |= 1 << UInt64(w.parameter)
                        if w.to + 1 < next { next = w.to + 1 }
                    }
                } else if w.from < next {
                    next = w.from
                }
            }
            if mask == lastMask { return (lastPattern, next) }
            if let p = patternOfMask[mask] {
                lastMask = mask
                lastPattern = p
                return (p, next)
            }
            var list: [Int32] = []
            for j in 0..<parameterCount where mask & (1 << UInt64(j)) != 0 { list.append(Int32(j)) }
            let p = Int32(patterns.count)
            patterns.append(list)
            patternOfMask[mask] = p
            lastMask = mask
            lastPattern = p
            return (p, next)
        }
        active.removeAll(keepingCapacity: true)
        for w in windows {
            if w.from <= a {
                if a <= w.to {
                    if !active.contains(Int32(w.parameter)) { active.append(Int32(w.parameter)) }
                    if w.to + 1 < next { next = w.to + 1 }
                }
            } else if w.from < next {
                next = w.from
            }
        }
        active.sort()
        if let p = patternOfList[active] { return (p, next) }
        let p = Int32(patterns.count)
        patterns.append(active)
        patternOfList[active] = p
        return (p, next)
    }

    /// The key of a slot, registering it on first use.
    private mutating func key(pattern: Int32, age: Int, season: Int) -> Int {
        let slot = (Int(pattern) * ages + age) * seasons + season
        if slot >= keyOfSlot.count {
            keyOfSlot.append(contentsOf: repeatElement(-1, count: slot + 1 - keyOfSlot.count + ages * seasons))
        }
        var k = Int(keyOfSlot[slot])
        if k < 0 {
            k = keySlot.count
            keyOfSlot[slot] = Int32(k)
            keySlot.append(Int32(slot))
            keyEvents.append(0)
            keyDays.append(0)
            keyStamp.append(-1)
            keyRow.append(0)
        }
        return k
    }

    /// Adds one case: its intervals, or the reason it has none.
    ///
    /// - Throws: ``SCCSError/invalidObservation(caseID:start:end:)``, ``SCCSError/invalidDesign(_:)`` for a window
    ///   naming an unknown parameter.
    package mutating func add(
        id: String, start: Int, end: Int, events raw: [Int], windows: [SCCSWindow], birthDay: Int, calendarOrigin: Int?
    ) throws(SCCSError) {
        try SCCSIntervals.validateCase(id: id, start: start, end: end, windows: windows, parameterCount: parameterCount)
        counts.casesGiven += 1
        if recordCases {
            caseTable.append(id: id, start: start, end: end, events: raw, windows: windows, birthDay: birthDay, calendarOrigin: calendarOrigin)
        }
        guard counts.keepEvents(raw, start: start, end: end, firstOutcomeOnly: firstOutcomeOnly, into: &eventDays) else {
            return
        }
        let caseNumber = Int32(caseIDs.count)
        // Calendar month of the first day, and the next month start (days on the case's scale).
        var month = 0, year = 0, nextMonth = Int.max
        if useSeasons, let origin = calendarOrigin {
            let c = CivilCalendar.civil(Int32(truncatingIfNeeded: origin + start))
            month = c.month
            year = c.year
            nextMonth = start + CivilCalendar.daysIn(month: month, year: year) - c.day + 1
        }
        var ageIndex = 0
        while ageIndex < ageCuts.count && start - birthDay >= ageCuts[ageIndex] { ageIndex += 1 }
        var a = start, e = 0
        var runKey = -1, runLength = 0, runEvents = 0, runRow = 0
        runs.removeAll(keepingCapacity: true)
        windows.withUnsafeBufferPointer { windows in
            while a <= end {
                let (pattern, windowBound) = self.pattern(at: a, windows: windows, limit: end + 1)
                var next = windowBound
                if ageIndex < ageCuts.count, birthDay + ageCuts[ageIndex] < next { next = birthDay + ageCuts[ageIndex] }
                if nextMonth < next { next = nextMonth }
                let season = month > 0 ? Int(seasonOfMonth[month]) : 0
                let k = key(pattern: pattern, age: ageIndex, season: season)
                let days = next - a
                var n = 0
                while e < eventDays.count && eventDays[e] < next {
                    n += 1
                    e += 1
                }
                let row: Int
                if keyStamp[k] == caseNumber {
                    row = Int(keyRow[k])
                    length[row] += Int32(days)
                    events[row] += Int32(n)
                } else {
                    row = length.count
                    keyStamp[k] = caseNumber
                    keyRow[k] = Int32(row)
                    length.append(Int32(days))
                    events.append(Int32(n))
                    key.append(Int32(k))
                }
                keyEvents[k] += n
                keyDays[k] += days
                if k == runKey {
                    runLength += days
                    runEvents += n
                } else {
                    if runKey >= 0 && runEvents > 0 { runs.append((runRow, runLength, runEvents)) }
                    runKey = k
                    runRow = row
                    runLength = days
                    runEvents = n
                }
                a = next
                while ageIndex < ageCuts.count && a - birthDay >= ageCuts[ageIndex] { ageIndex += 1 }
                if a == nextMonth {
                    month += 1
                    if month == 13 {
                        month = 1
                        year += 1
                    }
                    nextMonth += CivilCalendar.daysIn(month: month, year: year)
                }
            }
        }
        if runKey >= 0 && runEvents > 0 { runs.append((runRow, runLength, runEvents)) }
        for r in runs {
            let total = Int(length[r.row])
            if total > r.length {
                counts.logLikelihoodSplitCorrection += Double(r.events) * Foundation.log(Double(r.length) / Double(total))
            }
        }
        caseIDs.append(id)
        caseStarts.append(length.count)
        counts.cases += 1
        counts.events += eventDays.count
        counts.personDays += end - start + 1
    }
}

/// The factor coding of intervals that the model needs: each interval's key (a distinct combination of exposure
/// pattern, age group and season group), what each key is, its events and person-days, and the case boundaries.
///
/// Computed during construction; derived again (one pass) only for intervals whose columns were changed afterwards.
package struct SCCSFactorIndex: Sendable {
    /// Key of each interval.
    var key: [Int32]
    var keyPattern: [Int32]
    var keyAge: [Int16]
    var keySeason: [Int16]
    var keyEvents: [Int]
    var keyDays: [Int]
    /// `caseStarts[c]..<caseStarts[c + 1]` are case c's intervals (intervals are grouped by case).
    var caseStarts: [Int]

    var keyCount: Int { keyPattern.count }

    /// Derives the index from the intervals' columns (for intervals not made by ``SCCSIntervals/build``, or changed
    /// after it). Keys are numbered in order of first appearance, as construction numbers them.
    init(deriving s: SCCSIntervals) {
        let ages = Int(s.ageGroup.max() ?? 0) + 1, seasons = Int(s.seasonGroup.max() ?? 0) + 1
        var lookup = [Int32](repeating: -1, count: max(s.exposurePatterns.count, 1) * ages * seasons)
        key = [Int32](repeating: 0, count: s.count)
        keyPattern = []
        keyAge = []
        keySeason = []
        keyEvents = []
        keyDays = []
        caseStarts = [0]
        for i in 0..<s.count {
            let pattern = Int(s.exposurePattern[i]), age = Int(s.ageGroup[i]), season = Int(s.seasonGroup[i])
            let slot = (pattern * ages + age) * seasons + season
            if lookup[slot] < 0 {
                lookup[slot] = Int32(keyPattern.count)
                keyPattern.append(Int32(pattern))
                keyAge.append(Int16(age))
                keySeason.append(Int16(season))
                keyEvents.append(0)
                keyDays.append(0)
            }
            let k = Int(lookup[slot])
            key[i] = Int32(k)
            keyEvents[k] += Int(s.events[i])
            keyDays[k] += Int(s.length[i])
            if i > 0 && s.caseIndex[i] != s.caseIndex[i - 1] { caseStarts.append(i) }
        }
        caseStarts.append(s.count)
        if s.count == 0 { caseStarts = [0] }
    }

    init(
        key: [Int32], keyPattern: [Int32], keyAge: [Int16], keySeason: [Int16], keyEvents: [Int], keyDays: [Int],
        caseStarts: [Int]
    ) {
        self.key = key
        self.keyPattern = keyPattern
        self.keyAge = keyAge
        self.keySeason = keySeason
        self.keyEvents = keyEvents
        self.keyDays = keyDays
        self.caseStarts = caseStarts
    }
}

extension SCCSIntervals {
    /// Cases per construction block: fixed, so the output (including rounding in the sums) does not depend on the
    /// number of cores.
    package static let casesPerBlock = 16_384

    /// Runs `fill` for blocks `0..<blockCount` in parallel (each on its own ``SCCSIntervalBlock``) and merges them in
    /// block order. The first error in block order is thrown, as a sequential pass would throw it.
    package static func buildBlocks<Extra: Sendable>(
        blockCount: Int, parameterNames: [String], adjustment: SCCSAdjustment, firstOutcomeOnly: Bool,
        recordCases: Bool = false, caseTable: UnsafeMutablePointer<SCCSCaseTable>? = nil,
        _ fill: @Sendable (Int, inout SCCSIntervalBlock) throws(SCCSError) -> Extra
    ) throws(SCCSError) -> (SCCSIntervals, [Extra]) {
        let names = parameterNames
        let results = parallelMap(count: blockCount) { b -> Result<(SCCSIntervalBlock, Extra), SCCSError> in
            var block = SCCSIntervalBlock(parameterCount: names.count, adjustment: adjustment, firstOutcomeOnly: firstOutcomeOnly)
            block.recordCases = recordCases
            do throws(SCCSError) {
                let extra = try fill(b, &block)
                return .success((block, extra))
            } catch {
                return .failure(error)
            }
        }
        var blocks: [SCCSIntervalBlock] = []
        var extras: [Extra] = []
        blocks.reserveCapacity(blockCount)
        for r in results {
            switch r {
            case .success(let (block, extra)):
                blocks.append(block)
                extras.append(extra)
            case .failure(let error): throw error
            }
        }
        if let caseTable {
            for b in blocks { caseTable.pointee.append(contentsOf: b.caseTable) }
            for b in blocks.indices { blocks[b].caseTable = SCCSCaseTable() }
        }
        return (merge(blocks, parameterNames: parameterNames, adjustment: adjustment), extras)
    }

    /// Concatenates blocks, renumbering patterns and keys in order of first appearance (block by block), and releases
    /// each block once copied.
    static func merge(_ blocks: [SCCSIntervalBlock], parameterNames: [String], adjustment: SCCSAdjustment) -> SCCSIntervals {
        var blocks = blocks
        var out = SCCSIntervals(parameterNames: parameterNames, adjustment: adjustment)
        var patterns: [[Int32]] = [[]]
        var patternIndex: [[Int32]: Int32] = [[]: 0]
        let rows = blocks.reduce(0) { $0 + $1.count }
        let caseCount = blocks.reduce(0) { $0 + $1.caseIDs.count }
        var caseIndex = [Int32](repeating: 0, count: rows), length = [Int32](repeating: 0, count: rows)
        var events = [Int32](repeating: 0, count: rows), pattern = [Int32](repeating: 0, count: rows)
        var ageGroup = [Int16](repeating: 0, count: rows), seasonGroup = [Int16](repeating: 0, count: rows)
        var key = [Int32](repeating: 0, count: rows)
        var caseIDs: [String] = []
        caseIDs.reserveCapacity(caseCount)
        var keyPattern: [Int32] = [], keyAge: [Int16] = [], keySeason: [Int16] = [], keyEvents: [Int] = [], keyDays: [Int] = []
        var keyOf: [Int64: Int32] = [:]
        var caseStarts: [Int] = [0]
        caseStarts.reserveCapacity(caseCount + 1)
        var counts = SCCSIntervals.Counts()
        var rowOffset = 0
        for b in blocks.indices {
            let block = blocks[b]
            let patternMap: [Int32] = block.patterns.map { list in
                if let p = patternIndex[list] { return p }
                let p = Int32(patterns.count)
                patterns.append(list)
                patternIndex[list] = p
                return p
            }
            // Block keys → global keys (pattern renumbered; age and season kept).
            let keyMap: [Int32] = block.keySlot.indices.map { k in
                let slot = Int(block.keySlot[k])
                let season = slot % block.seasons, age = (slot / block.seasons) % block.ages
                let pattern = patternMap[slot / (block.seasons * block.ages)]
                let global = (Int64(pattern) << 32) | (Int64(age) << 16) | Int64(season)
                if let g = keyOf[global] {
                    keyEvents[Int(g)] += block.keyEvents[k]
                    keyDays[Int(g)] += block.keyDays[k]
                    return g
                }
                let g = Int32(keyPattern.count)
                keyOf[global] = g
                keyPattern.append(pattern)
                keyAge.append(Int16(age))
                keySeason.append(Int16(season))
                keyEvents.append(block.keyEvents[k])
                keyDays.append(block.keyDays[k])
                return g
            }
            let caseOffset = caseIDs.count
            for c in 0..<block.caseIDs.count {
                for r in block.caseStarts[c]..<block.caseStarts[c + 1] { caseIndex[rowOffset + r] = Int32(caseOffset + c) }
                caseStarts.append(rowOffset + block.caseStarts[c + 1])
            }
            for r in 0..<block.count {
                let g = Int(keyMap[Int(block.key[r])])
                length[rowOffset + r] = block.length[r]
                events[rowOffset + r] = block.events[r]
                key[rowOffset + r] = Int32(g)
                pattern[rowOffset + r] = keyPattern[g]
                ageGroup[rowOffset + r] = keyAge[g]
                seasonGroup[rowOffset + r] = keySeason[g]
            }
            rowOffset += block.count
            caseIDs.append(contentsOf: block.caseIDs)
            let c = block.counts
            counts.casesGiven += c.casesGiven
            counts.cases += c.cases
            counts.events += c.events
            counts.eventsOutsideObservation += c.eventsOutsideObservation
            counts.casesWithoutEventsInObservation += c.casesWithoutEventsInObservation
            counts.eventsDroppedAfterFirst += c.eventsDroppedAfterFirst
            counts.personDays += c.personDays
            counts.logLikelihoodSplitCorrection += c.logLikelihoodSplitCorrection
            blocks[b] = SCCSIntervalBlock(parameterCount: 0, adjustment: .init(), firstOutcomeOnly: false)
        }
        out.caseIndex = caseIndex
        out.length = length
        out.events = events
        out.exposurePattern = pattern
        out.ageGroup = ageGroup
        out.seasonGroup = seasonGroup
        out.exposurePatterns = patterns
        out.caseIDs = caseIDs
        out.counts = counts
        out.factorIndex = SCCSFactorIndex(
            key: key, keyPattern: keyPattern, keyAge: keyAge, keySeason: keySeason, keyEvents: keyEvents,
            keyDays: keyDays, caseStarts: caseStarts)
        return out
    }
}
