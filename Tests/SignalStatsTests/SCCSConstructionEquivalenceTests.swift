import CohortModel
import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// The fast interval construction, its parallel blocks, the per-partition likelihood and the direct profile solve
/// against independent slower forms of the same computation (exact equality, or rounding where sums are reordered).
@Suite struct SCCSConstructionEquivalenceTests {
    /// Random cases: 1-3 windows over up to 3 parameters (some overlapping, some outside observation), 0-3 events
    /// (some outside observation), age and season groups crossed.
    static func randomCases(_ n: Int, seed: UInt64) -> [SCCSCase] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<n).map { i in
            let start = next(400), end = start + next(500)
            let windows = (0..<(1 + next(3))).map { _ in
                let from = start - 30 + next(560)
                return SCCSWindow(from: from, to: from + next(60), parameter: next(3))
            }
            let events = (0..<next(4)).map { _ in start - 10 + next(end - start + 20) }
            return SCCSCase(id: "c\(i)", observationStart: start, observationEnd: end, events: events, windows: windows,
                            birthDay: -next(700), calendarOrigin: 16000 + next(2000))
        }
    }

    static let adjustment = SCCSAdjustment(ageCutPoints: [365, 548, 730, 1000], seasonStartMonths: [3, 6, 9, 12])

    @Test func sweepMatchesCutListConstruction() throws {
        let cases = Self.randomCases(600, seed: 7)
        let names = ["a", "b", "c"]
        for firstOnly in [false, true] {
            let fast = try SCCSIntervals.build(cases: cases, parameterNames: names, adjustment: Self.adjustment, firstOutcomeOnly: firstOnly)
            let reference = try ReferenceConstruction.build(cases: cases, parameterNames: names, adjustment: Self.adjustment, firstOutcomeOnly: firstOnly)
            #expect(fast.caseIDs == reference.caseIDs)
            #expect(fast.caseIndex == reference.caseIndex)
            #expect(fast.length == reference.length)
            #expect(fast.events == reference.events)
            #expect(fast.exposurePatterns == reference.exposurePatterns)
            #expect(fast.exposurePattern == reference.exposurePattern)
            #expect(fast.ageGroup == reference.ageGroup)
            #expect(fast.seasonGroup == reference.seasonGroup)
            var counts = fast.counts
            // Same terms, same order within a block: equal to rounding only because blocks are summed apart.
            #expect(abs(counts.logLikelihoodSplitCorrection - reference.counts.logLikelihoodSplitCorrection) < 1e-9)
            counts.logLikelihoodSplitCorrection = reference.counts.logLikelihoodSplitCorrection
            #expect(counts == reference.counts)
        }
    }

    @Test func blocksGiveTheSequentialOutput() throws {
        let cases = Self.randomCases(500, seed: 11)
        let names = ["a", "b", "c"]
        let one = try SCCSIntervals.build(cases: cases, parameterNames: names, adjustment: Self.adjustment, firstOutcomeOnly: false, casesPerBlock: 10_000)
        let many = try SCCSIntervals.build(cases: cases, parameterNames: names, adjustment: Self.adjustment, firstOutcomeOnly: false, casesPerBlock: 7)
        #expect(one.caseIndex == many.caseIndex)
        #expect(one.length == many.length)
        #expect(one.events == many.events)
        #expect(one.exposurePatterns == many.exposurePatterns)
        #expect(one.exposurePattern == many.exposurePattern)
        #expect(one.ageGroup == many.ageGroup)
        #expect(one.seasonGroup == many.seasonGroup)
        #expect(one.caseIDs == many.caseIDs)
        // The key index from construction equals the one derived from the columns.
        for s in [one, many] {
            let built = try #require(s.factorIndex)
            let derived = SCCSFactorIndex(deriving: s)
            #expect(built.key == derived.key)
            #expect(built.caseStarts == derived.caseStarts)
            #expect(built.keyPattern == derived.keyPattern)
            #expect(built.keyAge == derived.keyAge)
            #expect(built.keySeason == derived.keySeason)
            #expect(built.keyEvents == derived.keyEvents)
            #expect(built.keyDays == derived.keyDays)
        }
        // Changing a column drops the stored index.
        var changed = one
        changed.events[0] += 1
        #expect(changed.factorIndex == nil)
        let before: Int = one.factorCoding().keyEvents.reduce(0, +)
        let after: Int = changed.factorCoding().keyEvents.reduce(0, +)
        #expect(after == before + 1)
    }

    @Test func partitionsAddUpToTheWhole() throws {
        let intervals = try SCCSIntervals.build(cases: Self.randomCases(400, seed: 3), parameterNames: ["a", "b", "c"], adjustment: Self.adjustment)
        let whole = try SCCSModel(intervals, partitions: 1).likelihood
        let split = try SCCSModel(intervals, partitions: 5).likelihood
        #expect(split.partitionCount > 1)
        let beta = (0..<whole.parameterCount).map { 0.05 * Double($0 % 5) - 0.1 }
        let a = whole.evaluate(at: beta), b = split.evaluate(at: beta)
        #expect(abs(a.logLikelihood - b.logLikelihood) <= 1e-10 * abs(a.logLikelihood))
        for j in 0..<whole.parameterCount {
            #expect(abs(a.gradient[j] - b.gradient[j]) <= 1e-9 * (1 + abs(a.gradient[j])))
            for k in 0..<whole.parameterCount {
                #expect(abs(a.information[j, k] - b.information[j, k]) <= 1e-9 * (1 + abs(a.information[j, k])))
            }
        }
        // Each partition's contribution uses its own cases only: the sum of the parts is the whole.
        var sum = LikelihoodContribution(parameters: split.parameterCount)
        for k in 0..<split.partitionCount { sum.add(split.contribution(ofPartition: k, at: beta, derivatives: true)) }
        #expect(abs(sum.logLikelihood - a.logLikelihood) <= 1e-10 * abs(a.logLikelihood))
    }

    @Test func directProfileLimitsMatchTheSearch() throws {
        let intervals = try SCCSIntervals.build(cases: Self.randomCases(800, seed: 5), parameterNames: ["a", "b", "c"], adjustment: Self.adjustment)
        let model = try SCCSModel(intervals)
        let fitted = try model.fit(profile: false).regression
        let free = fitted.terms.compactMap { model.parameterNames.firstIndex(of: $0) }
        var profiler = SCCSProfileLikelihood(
            likelihood: model.likelihood, parameterNames: model.parameterNames, fitted: fitted, free: free, options: .init())
        for name in ["a", "b", "c"] where fitted.index(of: name) != nil {
            let direct = try profiler.interval(for: name, level: 0.95)
            profiler.direct = false
            let search = try profiler.interval(for: name, level: 0.95)
            profiler.direct = true
            #expect(abs(direct.lower - search.lower) < 1e-7 * max(1, abs(search.lower)))
            #expect(abs(direct.upper - search.upper) < 1e-7 * max(1, abs(search.upper)))
        }
    }
}

/// The construction as it was first written (sorted cut list per case, calendar conversion per piece, hashing per
/// piece): the oracle for the sweep.
enum ReferenceConstruction {
    struct Key: Hashable {
        var pattern: Int32
        var age: Int16
        var season: Int16
    }

    static func build(
        cases: [SCCSCase], parameterNames: [String], adjustment: SCCSAdjustment, firstOutcomeOnly: Bool
    ) throws -> SCCSIntervals {
        let months = adjustment.seasonStartMonths
        var out = SCCSIntervals(parameterNames: parameterNames, adjustment: adjustment)
        out.counts.casesGiven = cases.count
        var patternIndex: [[Int32]: Int32] = [[]: 0]
        let seasonOfMonth: [Int16] = (0...12).map { m in
            guard !months.isEmpty, m > 0 else { return 0 }
            return Int16(months.lastIndex { $0 <= m } ?? (months.count - 1))
        }
        for c in cases {
            var events = c.events.filter { $0 >= c.observationStart && $0 <= c.observationEnd }.sorted()
            out.counts.eventsOutsideObservation += c.events.count - events.count
            if firstOutcomeOnly && events.count > 1 {
                out.counts.eventsDroppedAfterFirst += events.count - 1
                events = [events[0]]
            }
            guard !events.isEmpty else {
                out.counts.casesWithoutEventsInObservation += 1
                continue
            }
            var cuts = [c.observationStart, c.observationEnd + 1]
            for w in c.windows { cuts += [w.from, w.to + 1] }
            for a in adjustment.ageCutPoints { cuts.append(c.birthDay + a) }
            if !months.isEmpty, let origin = c.calendarOrigin {
                var d = Day(Int32(origin + c.observationStart))
                while true {
                    let civil = d.civil
                    let nextMonth = civil.month == 12 ? (civil.year + 1, 1) : (civil.year, civil.month + 1)
                    guard let next = Day(year: nextMonth.0, month: nextMonth.1, day: 1), Int(next.rawValue) <= origin + c.observationEnd else { break }
                    cuts.append(Int(next.rawValue) - origin)
                    d = next
                }
            }
            cuts.sort()
            var merged: [Key: (length: Int, events: Int)] = [:]
            var order: [Key] = []
            var runs: [(key: Key, length: Int, events: Int)] = []
            var e = 0, previous = Int.min
            var runKey: Key? = nil, runLength = 0, runEvents = 0
            for k in 0..<(cuts.count - 1) {
                let a = cuts[k], b = cuts[k + 1] - 1
                guard a != previous, a <= b, a >= c.observationStart, b <= c.observationEnd else { continue }
                previous = a
                var active: [Int32] = []
                for w in c.windows where w.from <= a && a <= w.to && !active.contains(Int32(w.parameter)) { active.append(Int32(w.parameter)) }
                active.sort()
                let pattern: Int32
                if let existing = patternIndex[active] { pattern = existing } else {
                    pattern = Int32(out.exposurePatterns.count)
                    patternIndex[active] = pattern
                    out.exposurePatterns.append(active)
                }
                let age = Int16(adjustment.ageCutPoints.reduce(0) { $0 + (a - c.birthDay >= $1 ? 1 : 0) })
                var season: Int16 = 0
                if !months.isEmpty, let origin = c.calendarOrigin { season = seasonOfMonth[Day(Int32(origin + a)).civil.month] }
                var n = 0
                while e < events.count && events[e] < a { e += 1 }
                while e < events.count && events[e] <= b {
                    n += 1
                    e += 1
                }
                let key = Key(pattern: pattern, age: age, season: season)
                if key == runKey {
                    runLength += b - a + 1
                    runEvents += n
                } else {
                    if let k = runKey, runEvents > 0 { runs.append((k, runLength, runEvents)) }
                    runKey = key
                    runLength = b - a + 1
                    runEvents = n
                }
                if let m = merged[key] { merged[key] = (m.length + b - a + 1, m.events + n) } else {
                    merged[key] = (b - a + 1, n)
                    order.append(key)
                }
            }
            if let k = runKey, runEvents > 0 { runs.append((k, runLength, runEvents)) }
            for r in runs {
                if let total = merged[r.key]?.length, total > r.length {
                    out.counts.logLikelihoodSplitCorrection += Double(r.events) * Foundation.log(Double(r.length) / Double(total))
                }
            }
            let caseNumber = Int32(out.caseIDs.count)
            out.caseIDs.append(c.id)
            out.counts.cases += 1
            out.counts.events += events.count
            for key in order {
                guard let m = merged[key] else { continue }
                out.counts.personDays += m.length
                out.caseIndex.append(caseNumber)
                out.length.append(Int32(m.length))
                out.events.append(Int32(m.events))
                out.exposurePattern.append(key.pattern)
                out.ageGroup.append(key.age)
                out.seasonGroup.append(key.season)
            }
        }
        return out
    }
}
