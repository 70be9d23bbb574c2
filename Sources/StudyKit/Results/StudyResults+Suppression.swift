extension StudyResults {
    /// The results with small-cell suppression applied to every count: counts from 1 to `threshold − 1` become
    /// `"<threshold"` (0 stays 0), Kaplan–Meier curves end where fewer than `threshold` persons remain at risk, and
    /// rates computed from a suppressed count are withheld.
    ///
    /// Applied to everything written to `results.json`, the CSV tables and the report; never to validation output.
    public func suppressingSmallCells(threshold: Int) -> StudyResults {
        var r = self
        r.output = OutputSettings(smallCellThreshold: threshold, suppressed: threshold > 1)
        guard threshold > 1 else { return r }
        let t = threshold
        r.dataQuality.persons = r.dataQuality.persons.suppressed(below: t)
        r.designs = designs.map { $0.suppressingSmallCells(threshold: t) }
        r.conceptSets = conceptSets?.map { $0.suppressed(below: t) }
        return r
    }
}

extension DesignResult {
    func suppressingSmallCells(threshold t: Int) -> DesignResult {
        var d = self
        d.attrition = attrition.suppressed(below: t)
        d.sccs = sccs.map { $0.suppressingSmallCells(threshold: t) }
        d.psCohort = psCohort.map { $0.suppressingSmallCells(threshold: t) }
        d.ssa = ssa.map { $0.suppressingSmallCells(threshold: t) }
        return d
    }
}

extension SCCSDesignResult {
    func suppressingSmallCells(threshold t: Int) -> SCCSDesignResult {
        var r = self
        r.counts.cases = counts.cases.suppressed(below: t)
        r.counts.events = counts.events.suppressed(below: t)
        r.estimates = estimates.map { e in
            var e = e
            e.cases = e.cases.suppressed(below: t)
            e.events = e.events.suppressed(below: t)
            return e
        }
        return r
    }
}

extension SSADesignResult {
    func suppressingSmallCells(threshold t: Int) -> SSADesignResult {
        var r = self
        r.pairs = pairs.map { p in
            var p = p
            p.counts = p.counts.suppressed(below: t)
            p.attrition = p.attrition.suppressed(below: t)
            p.timeToSecond.bins = p.timeToSecond.bins.map { b in
                var b = b
                b.indexFirst = b.indexFirst.suppressed(below: t)
                b.markerFirst = b.markerFirst.suppressed(below: t)
                return b
            }
            return p
        }
        r.screening?.rows = screening?.rows.map { row in
            var row = row
            row.indexFirst = row.indexFirst.suppressed(below: t)
            row.markerFirst = row.markerFirst.suppressed(below: t)
            return row
        } ?? []
        return r
    }
}

extension SSADesignResult.Counts {
    func suppressed(below t: Int) -> Self {
        Self(
            indexUsers: indexUsers.suppressed(below: t), markerUsers: markerUsers.suppressed(below: t),
            pairs: pairs.suppressed(below: t), indexFirst: indexFirst.suppressed(below: t),
            markerFirst: markerFirst.suppressed(below: t), sameDay: sameDay.suppressed(below: t),
            gapTooShort: gapTooShort.suppressed(below: t), gapTooLong: gapTooLong.suppressed(below: t))
    }
}

extension PSDesignResult {
    func suppressingSmallCells(threshold t: Int) -> PSDesignResult {
        var r = self
        func hist(_ h: ArmHistogram) -> ArmHistogram {
            ArmHistogram(target: h.target.map { $0.suppressed(below: t) }, comparator: h.comparator.map { $0.suppressed(below: t) })
        }
        r.preferenceScore.before = hist(preferenceScore.before)
        r.preferenceScore.after = hist(preferenceScore.after)
        r.matching.matchedSets = matching.matchedSets.suppressed(below: t)
        r.matching.matchedTarget = matching.matchedTarget.suppressed(below: t)
        r.matching.matchedComparator = matching.matchedComparator.suppressed(below: t)
        r.matching.unmatchedTarget = matching.unmatchedTarget.suppressed(below: t)
        func arm(_ a: Arm) -> Arm {
            let events = a.events.suppressed(below: t)
            return Arm(
                persons: a.persons.suppressed(below: t), events: events, personDays: a.personDays,
                ratePer1000PersonYears: events.isSuppressed ? nil : a.ratePer1000PersonYears)
        }
        r.counts = ArmCounts(
            targetBefore: arm(counts.targetBefore), comparatorBefore: arm(counts.comparatorBefore),
            targetMatched: arm(counts.targetMatched), comparatorMatched: arm(counts.comparatorMatched))
        r.kaplanMeier = kaplanMeier.map { $0.truncated(belowAtRisk: t) }
        return r
    }
}

extension PSDesignResult.SurvivalCurve {
    /// The curve up to the last point with at least `t` persons at risk; event counts at the kept points suppressed.
    func truncated(belowAtRisk t: Int) -> Self {
        var kept: [PSDesignResult.SurvivalPoint] = []
        var cut: Double? = truncatedAfterDay
        for p in points {
            if let n = p.atRisk.value, n < t {
                cut = kept.last?.day ?? 0
                break
            }
            if p.atRisk.isSuppressed {
                cut = kept.last?.day ?? 0
                break
            }
            var p = p
            p.events = p.events.suppressed(below: t)
            kept.append(p)
        }
        return Self(arm: arm, points: kept, truncatedAfterDay: cut)
    }
}

extension AttritionTable {
    func suppressed(below t: Int) -> AttritionTable {
        var a = self
        a.steps = steps.map { s in
            Step(description: s.description, remaining: s.remaining.map { $0.suppressed(below: t) }, excluded: s.excluded.map { $0.suppressed(below: t) })
        }
        return a
    }
}
