import CohortModel
import Foundation
import Testing
@testable import SampleData

/// The generator's promises: determinism, documented marginals, the ground truth, defects at their rates.
@Suite struct SampleNetworkTests {
    static let small = SampleNetwork.generate(SampleConfiguration(persons: 6_000, seed: 11))

    @Test func sameSeedSameNetwork() {
        let again = SampleNetwork.generate(SampleConfiguration(persons: 6_000, seed: 11))
        #expect(again.network == Self.small.network)
        #expect(again.truth == Self.small.truth)
        let other = SampleNetwork.generate(SampleConfiguration(persons: 6_000, seed: 12))
        #expect(other.network != Self.small.network)
    }

    @Test func prefixIsStableWhenTheNetworkGrows() {
        // Person p depends only on (seed, p): the first 2,000 persons of a 6,000-person network equal a 2,000-person one.
        let n2 = SampleNetwork.generate(SampleConfiguration(persons: 2_000, seed: 11)).network
        let n6 = Self.small.network
        #expect(Array(n6.persons.birthDate.prefix(2_000)) == n2.persons.birthDate)
        let rows = n6.drugs.offsets[2_000]
        #expect(Array(n6.drugs.table.start.prefix(rows)) == n2.drugs.table.start)
    }

    @Test func tablesAreSortedByPersonAndDate() {
        let n = Self.small.network
        for p in 0..<n.personCount {
            let r = n.drugs.rows(ofPerson: p)
            #expect(zip(r.dropLast(), r.dropFirst()).allSatisfy { n.drugs.table.start[$0] <= n.drugs.table.start[$1] })
        }
        #expect(n.drugs.offsets.last == n.drugs.table.count)
        #expect(n.labs.offsets.last == n.labs.table.count)
    }

    @Test func marginalsAreAsDocumented() {
        let n = Self.small.network
        let sites = Set(n.persons.site)
        #expect(n.sites.count == 23)
        #expect(Set(n.sites.map(\.organizationID)).count == 10)
        #expect(sites.count == 23)
        let female = Double(n.persons.sex.filter { $0 == .female }.count) / Double(n.personCount)
        #expect(abs(female - 0.52) < 0.02)  // 0.52 ± 3 binomial SEs at n = 6,000
        // Age at study start: 12% under 20, 33% 20–59, 55% 60–95 (docs/sample-data.md).
        let start = SampleConfiguration().studyStart
        let ages = n.persons.birthDate.map { Double(start - $0) / 365.25 }
        let old = Double(ages.filter { $0 >= 60 }.count) / Double(ages.count)
        #expect(abs(old - 0.55) < 0.03)
        #expect(ages.allSatisfy { $0 >= 0 && $0 <= 96 })
        // About 260 distinct lab tests, all with valid JLAC10 codes.
        let labCodes = Set(n.labs.table.code)
        #expect(labCodes.count > 240)
        #expect(labCodes.allSatisfy { CodeSystem.jlac10.isValid(n.vocabulary[$0].code) })
        // Every drug code is a valid YJ code.
        #expect(Set(n.drugs.table.drug).allSatisfy { CodeSystem.yj.isValid(n.vocabulary[$0].code) })
        // Records lie inside the person's observation periods.
        for p in 0..<n.personCount {
            let periods = n.observationPeriods.rows(ofPerson: p)
            for i in n.drugs.rows(ofPerson: p) {
                let d = n.drugs.table.start[i]
                #expect(periods.contains { n.observationPeriods.table.start[$0] <= d && d <= n.observationPeriods.table.end[$0] })
            }
        }
    }

    @Test func groundTruthIsOnTheEstimandScale() {
        let t = Self.small.truth
        #expect(t.sccs.relativeIncidence == 3.0)
        #expect(t.sccs.cases > 0 && t.sccs.events >= t.sccs.cases)
        // (RR·L + W − L)/W = (4·90 + 365 − 90)/365
        #expect(abs(t.ssa.sequenceRatio - (4.0 * 90 + 275) / 365) < 1e-12)
        #expect(t.ps.cumulativeIncidence < 0.05)
        // Marginal ATT hazard ratio: close to the conditional one for a rare outcome (simulation error aside).
        #expect(abs(t.ps.marginalHazardRatioATT - 1.5) < 0.1)
        #expect(t.negativeControls.count == 10)
        let json = try? JSONEncoder().encode(t)
        #expect(json != nil)
    }

    @Test func defectsAreInjectedAtTheirRates() {
        var config = SampleConfiguration(persons: 4_000, seed: 5)
        config.defects.invalidCode = 0.02
        config.defects.outOfRangeLab = 0.01
        config.defects.unitMismatch = 0.05
        config.defects.endBeforeStart = 0.1
        config.defects.outsideObservation = 0.02
        let s = SampleNetwork.generate(config)
        for d in s.truth.defects {
            // Binomial counts: within 4 standard deviations of rate × eligible.
            let mean = d.rate * Double(d.eligible)
            let sd = (mean * (1 - d.rate)).squareRoot()
            #expect(abs(Double(d.injected) - mean) <= 4 * sd + 1, "\(d.kind): \(d.injected) of \(d.eligible)")
        }
        let invalid = s.network.drugs.table.drug.filter { !CodeSystem.yj.isValid(s.network.vocabulary[$0].code) }.count
        #expect(invalid == s.truth.defects.first { $0.kind == "invalid code" }?.injected)
        let clean = SampleNetwork.generate(SampleConfiguration(persons: 4_000, seed: 5))
        #expect(clean.truth.defects.allSatisfy { $0.injected == 0 })
    }
}

/// Site sizes and lab value ranges as docs/sample-data.md states them.
@Suite struct SampleMarginalTests {
    @Test func siteSharesFollowHospitalWeights() {
        let sample = SampleNetworkTests.small
        let n = sample.network
        var counts = [Int](repeating: 0, count: n.sites.count)
        for s in n.persons.site { counts[Int(s)] += 1 }
        for (k, h) in sample.hospitals.enumerated() {
            // Binomial share: within 4.5 standard errors of the hospital's weight (23 comparisons at n = 6,000).
            let share = Double(counts[k]) / Double(n.personCount)
            let se = (h.weight * (1 - h.weight) / Double(n.personCount)).squareRoot()
            #expect(abs(share - h.weight) <= 4.5 * se, "\(h.site.hospitalID): \(share) vs \(h.weight)")
        }
    }

    @Test func labValuesSitMostlyInsideTheSiteReferenceRange() {
        // Values are log-normal with median the geometric mid-range and log-SD log(ULN/LLN)/4, so about 95% of the
        // results of persons without a condition that shifts them fall inside [LLN, ULN] (±2 SD). Platelets and
        // potassium are shifted by no condition in the generator; their share inside the range must be near 95%.
        let n = SampleNetworkTests.small.network
        for code in ["2A050000001930101", "3H015000002326101"] {
            guard let id = n.vocabulary.id(of: code, system: .jlac10) else {
                Issue.record("no \(code)")
                continue
            }
            let rows = (0..<n.labs.table.count).filter { n.labs.table.code[$0] == id }
            let inside = rows.filter { n.labs.table.value[$0] >= n.labs.table.referenceLow[$0] && n.labs.table.value[$0] <= n.labs.table.referenceHigh[$0] }.count
            let share = Double(inside) / Double(max(rows.count, 1))
            // The site ULN factor (0.9–1.1) widens or narrows the range a little: accept 0.90–0.99.
            #expect(share > 0.90 && share < 0.99, "\(code): \(share) of \(rows.count)")
        }
    }
}
