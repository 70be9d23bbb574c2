import CohortModel
import Foundation

extension PersonGenerator {
    /// SCCS: levofloxacin courses; tendon-rupture events from a Poisson process whose rate depends on age and
    /// season and is multiplied by the relative incidence in the risk window after each course start.
    func generateSCCS(
        p: Int, birth: Int32, periods: [(Int32, Int32)], rng: inout Xoshiro256StarStar, tally: inout Fragment.Tally,
        scratch: inout PersonScratch
    ) {
        let s = config.sccs
        var courses: [Int32] = []
        let drug = DrugCatalog.index(of: "levofloxacin")
        if rng.nextBernoulli(p: DrugCatalog.drugs[drug].uptake) {
            let n = 1 + rng.nextPoisson(mean: 0.8)
            for _ in 0..<n {
                for _ in 0..<10 {
                    let (ps, pe) = periods[periods.count > 1 && rng.nextBernoulli(p: 0.3) ? 1 : 0]
                    let c = ps + Int32(rng.nextInt(below: Int(pe - ps) + 1))
                    if courses.allSatisfy({ abs($0 - c) >= 120 }) {
                        courses.append(c)
                        break
                    }
                }
            }
            for c in courses { scratch.drugs.append((codes.drugs[drug], c, Int32(DrugCatalog.drugs[drug].daysSupply), .oral, .outpatient)) }
        }
        var events = 0
        for (ps, pe) in periods {
            // Breakpoints: period bounds, month starts, risk-window bounds.
            var cuts: [Int32] = [ps, pe + 1]
            for m in monthStarts where m > ps && m <= pe { cuts.append(m) }
            for c in courses {
                for b in [c + Int32(s.riskStart), c + Int32(s.riskEnd) + 1] where b > ps && b <= pe { cuts.append(b) }
            }
            cuts.sort()
            var rates: [Double] = []
            var total = 0.0
            for i in 0..<(cuts.count - 1) where cuts[i + 1] > cuts[i] {
                let d = cuts[i]
                let ageYears = Double(d - birth) / 365.25
                let month = monthNumber(d)
                var rate = s.baselinePerDay * Foundation.exp(s.ageLogSlope * (ageYears - 50))
                    * Foundation.exp(s.seasonAmplitude * Foundation.cos(2 * Double.pi * Double(month - 1) / 12))
                if courses.contains(where: { d >= $0 + Int32(s.riskStart) && d <= $0 + Int32(s.riskEnd) }) {
                    rate *= s.relativeIncidence
                }
                let mass = rate * Double(cuts[i + 1] - d)
                rates.append(mass)
                total += mass
            }
            let n = rng.nextPoisson(mean: total)
            for _ in 0..<n {
                var target = rng.nextUniform() * total
                var j = 0
                var segment = 0
                for i in 0..<(cuts.count - 1) where cuts[i + 1] > cuts[i] {
                    if target < rates[j] || j == rates.count - 1 {
                        segment = i
                        target /= max(rates[j], .leastNonzeroMagnitude)
                        break
                    }
                    target -= rates[j]
                    j += 1
                }
                let length = Double(cuts[segment + 1] - cuts[segment])
                let day = cuts[segment] + Int32(min(length - 1, (target * length).rounded(.down)))
                let admitted = rng.nextBernoulli(p: 0.5)
                scratch.diagnoses.append((codes.diagnosis(DiagnosisCatalog.sccsOutcome), day, false, admitted ? .inpatient : .outpatient))
                if admitted { scratch.admissions.append((day, day + 3 + Int32(rng.nextPoisson(mean: 6)))) }
                events += 1
            }
        }
        if events > 0 {
            tally.sccsCases += 1
            tally.sccsEvents += events
        }
    }

    /// PS: persons with diabetes start pioglitazone (target) or sitagliptin (comparator), the choice confounded by
    /// age, liver and kidney disease; the ALT > 3 × ULN hazard depends on the same and is multiplied by the hazard
    /// ratio on the target drug. Returns the outcome day, if any.
    func generatePS(
        p: Int, age: (Int32) -> Double, diabetes: Bool, liver: Bool, ckd: Bool, periods: [(Int32, Int32)],
        rng: inout Xoshiro256StarStar, tally: inout Fragment.Tally, scratch: inout PersonScratch
    ) -> Int32? {
        let s = config.ps
        guard diabetes, rng.nextBernoulli(p: s.uptake) else { return nil }
        let (ps, pe) = periods[0]
        guard pe - ps >= 365 + 60 else { return nil }
        let index = ps + 365 + Int32(rng.nextInt(below: Int(pe - 30 - (ps + 365)) + 1))
        let ageIndex = age(index)
        let liverTerm = liver ? 1.0 : 0.0, ckdTerm = ckd ? 1.0 : 0.0
        let linear = -0.3 + 0.04 * (ageIndex - 60) + 1.0 * liverTerm - 0.7 * ckdTerm
        let treated = rng.nextBernoulli(p: 1 / (1 + Foundation.exp(-linear)))
        // Days on treatment (censoring), at least one.
        let duration = max(1, min(Double(pe - index), -s.meanTreatmentDays * Foundation.log(1 - rng.nextUniform())))
        let comparatorHazard = s.baselinePerDay * Foundation.exp(0.03 * (ageIndex - 60) + 1.2 * liverTerm + 0.4 * ckdTerm)
        let hazard = treated ? comparatorHazard * s.hazardRatio : comparatorHazard
        let eventTime = -Foundation.log(1 - rng.nextUniform()) / hazard
        var outcome: Int32? = nil
        var stop = index + Int32(duration)
        if eventTime < duration {
            outcome = index + 1 + Int32(eventTime)
            stop = outcome ?? stop
        }
        let k = DrugCatalog.index(of: treated ? "pioglitazone" : "sitagliptin")
        addCourse(drug: k, from: index, fills: Int(duration / 30) + 1, periods: periods, until: stop, rng: &rng, scratch: &scratch)
        if treated {
            tally.targetUsers += 1
            if outcome != nil { tally.targetEvents += 1 }
            // Both potential outcomes under the same censoring, with common random numbers.
            var truthRNG = stream(p, salt: 0x5EED_5EED)
            for _ in 0..<s.truthReplicates {
                let e = -Foundation.log(1 - truthRNG.nextUniform())
                let tT = e / (comparatorHazard * s.hazardRatio)
                let tC = e / comparatorHazard
                tally.attEventsTarget += tT < duration ? 1 : 0
                tally.attTimeTarget += min(tT, duration)
                tally.attEventsComparator += tC < duration ? 1 : 0
                tally.attTimeComparator += min(tC, duration)
            }
        } else {
            tally.comparatorUsers += 1
            if outcome != nil { tally.comparatorEvents += 1 }
        }
        return outcome
    }

    /// SSA: persons with hypertension may start amlodipine; furosemide's first start follows a hazard that rises
    /// over calendar time and is multiplied by the rate ratio for `effectDays` after amlodipine starts.
    func generateSSA(periods: [(Int32, Int32)], rng: inout Xoshiro256StarStar, scratch: inout PersonScratch) {
        let s = config.ssa
        let (ps, pe) = periods[0]
        var indexStart: Int32? = nil
        if rng.nextBernoulli(p: s.indexUptake) {
            indexStart = ps + Int32(rng.nextInt(below: Int(pe - ps) + 1))
        }
        var cuts: [Int32] = [ps, pe + 1]
        for m in monthStarts where m > ps && m <= pe { cuts.append(m) }
        if let c = indexStart {
            for b in [c, c + Int32(s.effectDays)] where b > ps && b <= pe { cuts.append(b) }
        }
        cuts.sort()
        var need = -Foundation.log(1 - rng.nextUniform())
        var markerStart: Int32? = nil
        for i in 0..<(cuts.count - 1) where cuts[i + 1] > cuts[i] {
            let a = cuts[i], b = cuts[i + 1]
            let mid = Double(a + b) / 2
            var rate = s.markerBaselinePerDay * (1 + s.markerTrend * (mid - Double(start)) / span)
            if let c = indexStart, a >= c, a < c + Int32(s.effectDays) { rate *= s.rateRatio }
            let mass = rate * Double(b - a)
            if need < mass {
                markerStart = a + Int32((need / rate).rounded(.down))
                break
            }
            need -= mass
        }
        if let c = indexStart {
            addCourse(drug: DrugCatalog.index(of: "amlodipine"), from: c, fills: 1 + rng.nextPoisson(mean: 5), periods: periods, rng: &rng, scratch: &scratch)
        }
        if let d = markerStart {
            scratch.diagnoses.append((codes.diagnosis(DiagnosisCatalog.oedema), d, false, .outpatient))
            addCourse(drug: DrugCatalog.index(of: "furosemide"), from: d, fills: 1 + rng.nextPoisson(mean: 2), periods: periods, rng: &rng, scratch: &scratch)
        }
    }

    /// Calendar month (1–12) of a day.
    func monthNumber(_ d: Int32) -> Int {
        // monthStarts is ascending; find the last start ≤ d.
        var lo = 0, hi = monthStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if monthStarts[mid] <= d { lo = mid } else { hi = mid - 1 }
        }
        return monthNumbers[lo]
    }
}
