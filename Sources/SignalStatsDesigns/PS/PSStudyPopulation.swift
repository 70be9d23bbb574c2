import SignalStatsCore
import CohortModel

/// One step of a two-arm attrition table.
public struct PSAttritionStep: Sendable, Equatable, Codable {
    /// What the step requires.
    public var description: String
    /// Persons left in the target arm.
    public var target: Int
    /// Persons left in the comparator arm.
    public var comparator: Int
}

/// The persons of a comparative cohort study with their time at risk and outcome: the data preparation step of
/// ``PSCohortStudyDesign``, testable on its own.
public struct PSStudyPopulation: Sendable {
    /// The person (network index) of each member.
    public internal(set) var person: [Int32] = []
    /// `true` for target-drug users.
    public internal(set) var treated: [Bool] = []
    /// First exposure to the cohort's drug.
    public internal(set) var indexDate: [Day] = []
    /// First day at risk.
    public internal(set) var riskStart: [Day] = []
    /// Last day at risk (censoring or end of the window).
    public internal(set) var riskEnd: [Day] = []
    /// The first outcome inside the time at risk, if any.
    public internal(set) var outcomeDate: [Day?] = []
    /// Attrition, per arm.
    public internal(set) var attrition: [PSAttritionStep] = []

    /// Number of members.
    public var count: Int { person.count }
    /// Days from the first day at risk to the outcome or the last day at risk, inclusive.
    public var daysAtRisk: [Double] {
        (0..<count).map { Double((outcomeDate[$0] ?? riskEnd[$0]) - riskStart[$0] + 1) }
    }
    /// 1 for an outcome in the time at risk.
    public var status: [Double] { outcomeDate.map { $0 == nil ? 0 : 1 } }
    /// The members as a `Cohort` (person and index date, for covariate extraction), with the two-arm attrition not
    /// repeated in it.
    public internal(set) var cohort: Cohort

    init(template: Cohort) {
        var c = template
        c.name = "study population"
        c.person = []
        c.indexDate = []
        c.observationEnd = []
        cohort = c
    }

    /// A table of the attrition steps.
    public func attritionSummary() -> String {
        var lines = [pad("step", 52) + lpad("target", 9) + lpad("comparator", 12)]
        for s in attrition { lines.append(pad(s.description, 52) + lpad(String(s.target), 9) + lpad(String(s.comparator), 12)) }
        return lines.joined(separator: "\n")
    }
}

extension PSCohortStudyDesign {
    /// Builds the study population: new users of each drug, persons in both removed, persons with a prior outcome
    /// removed, time at risk, the first outcome in it, with the attrition at each step.
    ///
    /// - Parameters:
    ///   - network: the network holding the drug records and observation periods.
    ///   - outcomePersons: the person of each outcome event (computed by the caller, for example with CohortModel's
    ///     outcome definitions).
    ///   - outcomeDates: the date of each outcome event.
    /// - Throws: ``PSError/lengthMismatch(name:count:expected:)``; ``PSError/study(_:)`` when a step leaves an arm
    ///   empty.
    /// - Complexity: O(records of the network) for the cohorts and eras, plus O(outcomes) to index the outcomes.
    public func population(network: Network, outcomePersons: [Int32], outcomeDates: [Day]) throws(PSError) -> PSStudyPopulation {
        guard outcomePersons.count == outcomeDates.count else {
            throw .lengthMismatch(name: "outcomeDates", count: outcomeDates.count, expected: outcomePersons.count)
        }
        let t = NewUserCohort.build(network: network, drug: target, criteria: newUsers)
        let c = NewUserCohort.build(network: network, drug: comparator, criteria: newUsers)
        var out = PSStudyPopulation(template: t)
        out.attrition.append(.init(description: "new users (washout \(newUsers.washoutDays) days)", target: t.count, comparator: c.count))
        func check(_ step: String) throws(PSError) {
            guard let last = out.attrition.last, last.target > 0, last.comparator > 0 else {
                let l = out.attrition.last
                throw .study("after \"\(step)\" an arm is empty: \(l?.target ?? 0) target and \(l?.comparator ?? 0) comparator persons")
            }
        }
        try check("new users")

        // Outcomes by person (counting sort, dates ascending within person).
        let n = network.personCount
        var offsets = [Int](repeating: 0, count: n + 1)
        for p in outcomePersons where p >= 0 && Int(p) < n { offsets[Int(p) + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var dates = [Day](repeating: Day(0), count: offsets[n])
        for (p, d) in zip(outcomePersons, outcomeDates) where p >= 0 && Int(p) < n {
            dates[fill[Int(p)]] = d
            fill[Int(p)] += 1
        }
        for p in 0..<n where offsets[p + 1] - offsets[p] > 1 { dates[offsets[p]..<offsets[p + 1]].sort() }

        // Both cohorts.
        var inTarget = [Bool](repeating: false, count: n)
        for p in t.person { inTarget[Int(p)] = true }
        var both = [Bool](repeating: false, count: n)
        for p in c.person where inTarget[Int(p)] { both[Int(p)] = true }
        struct Member { var person: Int32; var treated: Bool; var index: Day; var observationEnd: Day }
        var members: [Member] = []
        members.reserveCapacity(t.count + c.count)
        for (cohort, treated) in [(t, true), (c, false)] {
            for k in 0..<cohort.count where !(removePersonsInBothCohorts && both[Int(cohort.person[k])]) {
                members.append(Member(person: cohort.person[k], treated: treated, index: cohort.indexDate[k], observationEnd: cohort.observationEnd[k]))
            }
        }
        func record(_ description: String) {
            let nt = members.reduce(0) { $0 + ($1.treated ? 1 : 0) }
            out.attrition.append(.init(description: description, target: nt, comparator: members.count - nt))
        }
        if removePersonsInBothCohorts {
            record("not a new user of both drugs")
            try check("not a new user of both drugs")
        }
        if let lookback = priorOutcomeLookbackDays {
            members.removeAll { m in
                let p = Int(m.person)
                return dates[offsets[p]..<offsets[p + 1]].contains { $0 < m.index && $0 >= m.index - lookback }
            }
            record(lookback >= 36_500 ? "no outcome before index" : "no outcome in the \(lookback) days before index")
            try check("no prior outcome")
        }

        // Time at risk.
        let tar = timeAtRisk
        let needsEras = tar.startAnchor == .exposureEnd || tar.endAnchor == .exposureEnd
        let eras = needsEras ? DrugEras.build(network: network, groups: [target, comparator], options: tar.eras) : nil
        var kept: [Member] = []
        var riskStart: [Day] = [], riskEnd: [Day] = []
        for m in members {
            var exposureEnd = m.index
            if let eras {
                let group: Int32 = m.treated ? 0 : 1
                for r in eras.rows(ofPerson: Int(m.person))
                where eras.table.group[r] == group && eras.table.start[r] <= m.index && m.index <= eras.table.end[r] {
                    exposureEnd = eras.table.end[r]
                    break
                }
            }
            let s = (tar.startAnchor == .indexDate ? m.index : exposureEnd) + tar.start
            let e = min((tar.endAnchor == .indexDate ? m.index : exposureEnd) + tar.end, m.observationEnd)
            guard e - s + 1 >= minimumDaysAtRisk else { continue }
            kept.append(m)
            riskStart.append(s)
            riskEnd.append(e)
        }
        members = kept
        record("at least \(minimumDaysAtRisk) day\(minimumDaysAtRisk == 1 ? "" : "s") at risk")
        try check("time at risk")

        for (k, m) in members.enumerated() {
            let p = Int(m.person)
            out.person.append(m.person)
            out.treated.append(m.treated)
            out.indexDate.append(m.index)
            out.riskStart.append(riskStart[k])
            out.riskEnd.append(riskEnd[k])
            out.outcomeDate.append(dates[offsets[p]..<offsets[p + 1]].first { $0 >= riskStart[k] && $0 <= riskEnd[k] })
        }
        out.cohort.person = out.person
        out.cohort.indexDate = out.indexDate
        out.cohort.observationEnd = riskEnd
        return out
    }
}
