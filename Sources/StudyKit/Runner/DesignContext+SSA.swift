import CohortModel
import Foundation
import SignalStats

extension DesignContext {
    /// Runs an SSA design: each named pair, then the class screen when asked.
    func runSSA(_ name: String, _ s: SSASpec) throws -> DesignResult {
        let design = s.design
        let period = design.studyPeriod
        var pairs: [SSADesignResult.Pair] = []
        var attrition = AttritionTable(columns: [], steps: [])
        var usedPeriod = period
        for p in s.pairs {
            let sequences: SSASequences
            let result: SSAResult
            do {
                sequences = try SSASequences(network: network, index: try conceptSet(p.index), marker: try conceptSet(p.marker), design: design)
                result = try SSAModel(sequences).fit()
            } catch let e as DesignFailure {
                throw e
            } catch {
                throw DesignFailure(message: "pair \(p.index) -> \(p.marker): \(error)", attrition: pairs.isEmpty ? nil : attrition)
            }
            let pairAttrition = AttritionTable(result.attrition, records: "records")
            if pairs.isEmpty { attrition = pairAttrition }
            usedPeriod = result.studyPeriod
            let c = result.counts
            func ratio(_ e: SequenceRatioEstimate, p: Double?) -> RatioEstimate {
                RatioEstimate(
                    estimate: e.ratio, logEstimate: e.ratio > 0 ? Foundation.log(e.ratio) : nil, lower: e.betaInterval.lower,
                    upper: e.betaInterval.upper, level: e.level, intervalMethod: "beta", pValue: p)
            }
            pairs.append(.init(
                index: p.index, marker: p.marker,
                counts: .init(
                    indexUsers: .value(c.indexUsers), markerUsers: .value(c.markerUsers), pairs: .value(c.pairs), indexFirst: .value(c.indexFirst),
                    markerFirst: .value(c.markerFirst), sameDay: .value(c.sameDay), gapTooShort: .value(c.gapTooShort),
                    gapTooLong: .value(c.gapTooLong)),
                crude: ratio(result.crude, p: nil), nullEffectRatio: result.nullEffect.ratio, adjusted: ratio(result.adjusted, p: result.pValue),
                timeToSecond: Self.timeHistogram(sequences, binDays: s.histogramBinDays), notes: result.diagnostics,
                attrition: pairAttrition))
        }
        var screening: SSADesignResult.Screening? = nil
        if let sc = s.screening {
            let classes = SSADrugClasses.codePrefix(length: sc.yjPrefixLength, system: .yj, in: network.vocabulary)
            let screen: SSAScreeningResult
            do {
                screen = try SSAClassSequences(network: network, classes: classes, design: design)
                    .screen(SSAScreeningOptions(falseDiscoveryRate: sc.falseDiscoveryRate))
            } catch {
                throw DesignFailure(message: "screening: \(error)", attrition: attrition.steps.isEmpty ? nil : attrition)
            }
            usedPeriod = usedPeriod ?? screen.studyPeriod
            // Names for YJ prefixes of the data source's known drugs (the data carries codes only).
            let names: [String: String] = Dictionary(
                data.drugNames.map { (String($0.yj.prefix(sc.yjPrefixLength)), $0.name) }, uniquingKeysWith: { a, _ in a })
            func label(_ code: String) -> String { names[code].map { "\(code) \($0)" } ?? code }
            screening = .init(
                classes: "YJ prefix \(sc.yjPrefixLength)", classCount: screen.classes.count, pairsTested: screen.pairs.count, untested: screen.untested,
                falseDiscoveryRate: sc.falseDiscoveryRate, flagged: screen.signals.count,
                rows: screen.pairs.prefix(sc.top).enumerated().map { k, row in
                    .init(
                        rank: k + 1, index: label(row.index), marker: label(row.marker), indexFirst: .value(row.indexFirst),
                        markerFirst: .value(row.markerFirst), crudeRatio: row.crudeRatio, nullEffectRatio: row.nullEffectRatio,
                        adjusted: RatioEstimate(
                            estimate: row.adjustedRatio, logEstimate: row.adjustedRatio > 0 ? Foundation.log(row.adjustedRatio) : nil,
                            lower: row.adjustedInterval.lower, upper: row.adjustedInterval.upper, level: 0.95, intervalMethod: "beta",
                            pValue: row.pValue),
                        qValue: row.qValue, flagged: row.isSignal)
                })
            if attrition.steps.isEmpty {
                attrition = AttritionTable(
                    columns: ["classes"], steps: [("drug classes (YJ prefix \(sc.yjPrefixLength)) in the data", [screen.classes.count])])
            }
        }
        let settings = SSADesignResult.Settings(
            washoutDays: design.washoutDays, minimumGapDays: design.minimumGapDays, maximumGapDays: design.maximumGapDays,
            studyStart: usedPeriod?.lowerBound.description ?? "", studyEnd: usedPeriod?.upperBound.description ?? "")
        logger.info("SSA \(name): \(pairs.count) pairs\(screening.map { ", \($0.pairsTested) screened" } ?? "")")
        return DesignResult(name: name, kind: .ssa, attrition: attrition, ssa: SSADesignResult(settings: settings, pairs: pairs, screening: screening))
    }

    /// Days from the first to the second start of each ordered pair, in bins over the allowed gap.
    static func timeHistogram(_ s: SSASequences, binDays: Int) -> SSADesignResult.TimeHistogram {
        let gap = s.design.gap
        let count = max(1, (gap.upperBound - gap.lowerBound) / binDays + 1)
        var indexFirst = [Int](repeating: 0, count: count), markerFirst = indexFirst
        for (a, b) in zip(s.firstStarts.indexStart, s.firstStarts.markerStart) {
            guard let a, let b else { continue }
            let d = b - a
            guard d != 0, gap.contains(abs(d)) else { continue }
            let k = min(count - 1, (abs(d) - gap.lowerBound) / binDays)
            if d > 0 { indexFirst[k] += 1 } else { markerFirst[k] += 1 }
        }
        return .init(binDays: binDays, bins: (0..<count).map { k in
            let from = gap.lowerBound + k * binDays
            return .init(from: from, to: min(gap.upperBound, from + binDays - 1), indexFirst: .value(indexFirst[k]), markerFirst: .value(markerFirst[k]))
        })
    }
}
