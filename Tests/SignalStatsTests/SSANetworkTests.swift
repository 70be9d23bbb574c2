import CohortModel
import Foundation
import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Incident sequences, stratification and screening on a hand-made network; answers worked out in the comments.
@Suite struct SSANetworkTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static let amlodipine = "2171022F2025"
    static let furosemide = "2139005F1000"
    static let furosemideInjection = "2139400A1000"
    static let loxoprofen = "1149019F1560"

    /// Persons (site 0: A-D, site 1: E-H):
    /// - A: observed 2015..2022; amlodipine 2018-01-10 and 02-10, loxoprofen 2018-02-01, furosemide 2018-03-01:
    ///   both incident, index-first, gap 50.
    /// - B: observed from 2017-06-01; amlodipine 2017-09-01 (92 days observed: washout fails), furosemide
    ///   2019-01-01 (579 days: incident).
    /// - C: observed 2016..2020; furosemide 2015-12-01 (outside observation: its first record, so no incident
    ///   start even though 2018-01-01 is inside), amlodipine 2018-05-01 (incident).
    /// - D: observed 2016..2022; furosemide 2019-04-01, amlodipine 2019-04-20: marker-first, gap 19.
    /// - E: observed 2016..2022; both on 2019-01-01: same day.
    /// - F: observed 2014-2015 and 2018..2022; amlodipine 2015-06-01 (516 days into period 1), furosemide
    ///   2019-03-01 (424 days into period 2): both incident, 638 days apart.
    /// - G: observed, no drugs.
    /// - H: observed 2016..2022; amlodipine 2020-01-01, furosemide injection (another code of the marker set)
    ///   2020-02-01: index-first, gap 31; loxoprofen 2020-01-15.
    static func network() throws -> Network {
        var b = NetworkBuilder()
        let s0 = b.addSite(Site(hospitalID: "H01", organizationID: "O1", name: "North"))
        let s1 = b.addSite(Site(hospitalID: "H02", organizationID: "O2", name: "South"))
        func person(_ id: String, _ site: Int32, _ sex: Sex) throws -> Int32 {
            try b.addPerson(id: id, site: site, birthDate: day("1950-01-01"), sex: sex)
        }
        let a = try person("A", s0, .female), bb = try person("B", s0, .male), c = try person("C", s0, .female)
        let d = try person("D", s0, .male), e = try person("E", s1, .female), f = try person("F", s1, .male)
        let g = try person("G", s1, .female), h = try person("H", s1, .male)
        b.addObservationPeriod(person: a, start: day("2015-01-01"), end: day("2022-12-31"))
        b.addObservationPeriod(person: bb, start: day("2017-06-01"), end: day("2022-12-31"))
        b.addObservationPeriod(person: c, start: day("2016-01-01"), end: day("2020-12-31"))
        for p in [d, e, h] { b.addObservationPeriod(person: p, start: day("2016-01-01"), end: day("2022-12-31")) }
        b.addObservationPeriod(person: f, start: day("2014-01-01"), end: day("2015-12-31"))
        b.addObservationPeriod(person: f, start: day("2018-01-01"), end: day("2022-12-31"))
        b.addObservationPeriod(person: g, start: day("2014-01-01"), end: day("2022-12-31"))
        func drug(_ p: Int32, _ code: String, _ start: String) {
            b.addDrug(person: p, code: code, system: .yj, start: day(start), daysSupply: 30)
        }
        drug(a, amlodipine, "2018-01-10"); drug(a, amlodipine, "2018-02-10"); drug(a, loxoprofen, "2018-02-01")
        drug(a, furosemide, "2018-03-01")
        drug(bb, amlodipine, "2017-09-01"); drug(bb, furosemide, "2019-01-01")
        drug(c, furosemide, "2015-12-01"); drug(c, furosemide, "2018-01-01"); drug(c, amlodipine, "2018-05-01")
        drug(d, furosemide, "2019-04-01"); drug(d, amlodipine, "2019-04-20")
        drug(e, amlodipine, "2019-01-01"); drug(e, furosemide, "2019-01-01")
        drug(f, amlodipine, "2015-06-01"); drug(f, furosemide, "2019-03-01")
        drug(h, amlodipine, "2020-01-01"); drug(h, furosemideInjection, "2020-02-01"); drug(h, loxoprofen, "2020-01-15")
        return b.build()
    }

    static let index = ConceptSet(name: "amlodipine", include: [.init(system: .yj, code: "2171022", descendants: true)])
    /// Diuretics by YJ efficacy class 2139: both furosemide codes.
    static let marker = ConceptSet(name: "furosemide", include: [.init(system: .yj, code: "2139", descendants: true)])

    @Test func incidentSequencesAndAttrition() throws {
        let s = try SSASequences(network: try Self.network(), index: Self.index, marker: Self.marker)
        // Index-first: A (50 days), H (31); marker-first: D (19); same day: E; too far apart: F (638).
        #expect(s.counts.indexFirst == 2 && s.counts.markerFirst == 1 && s.counts.sameDay == 1 && s.counts.gapTooLong == 1)
        // Incident index users: A, C, D, E, F, H (B fails the washout); marker users: A, B, D, E, F, H (C's first
        // record lies outside observation).
        #expect(s.counts.indexUsers == 6 && s.counts.markerUsers == 6)
        // Persons: 8 in the network; 7 with both drugs (not G); 6 with both first records inside observation (not
        // C); 5 after the washout (not B); 5 in the study period (the span of observation, 2014..2022); 4 on
        // different days (not E); 3 inside the gap (not F).
        #expect(s.attrition.steps.map(\.persons) == [8, 7, 6, 5, 5, 4, 3])
        // Records of amlodipine and furosemide: A 3, B 2, C 3, D 2, E 2, F 2, H 2 = 16.
        #expect(s.attrition.steps.map(\.records) == [16, 16, 13, 11, 11, 9, 7])
        SSATests.expectAttritionAddsUp(s.attrition)
        #expect(s.studyPeriod == Self.day("2014-01-01")...Self.day("2022-12-31"))
        #expect(s.diagnostics.contains { $0.contains("0 first amlodipine and 1 first furosemide records lie outside") })
        // Without a washout B's amlodipine start (2017-09-01) counts too: B is a pair 487 days apart.
        let noWashout = try SSASequences(
            network: try Self.network(), index: Self.index, marker: Self.marker, design: SSADesign(washoutDays: 0))
        #expect(noWashout.counts.indexUsers == 7 && noWashout.counts.gapTooLong == 2)
        #expect(noWashout.attrition.steps.map(\.persons) == [8, 7, 6, 6, 6, 5, 3])
    }

    @Test func overlappingConceptSetsAreRejected() throws {
        let both = ConceptSet(name: "cardiovascular", include: [.init(system: .yj, code: "21", descendants: true)])
        #expect(throws: SSAError.self) {
            try SSASequences(network: try Self.network(), index: both, marker: Self.marker)
        }
    }

    @Test func networkStrataBySite() throws {
        let model = SSAModel(try SSASequences(network: try Self.network(), index: Self.index, marker: Self.marker))
        let bySite = try model.stratified(by: .site)
        // H01 (A-D): A index-first, D marker-first; H02 (E-H): H index-first, E same day, F too far apart.
        #expect(bySite.strata.map(\.label) == ["H01", "H02"])
        #expect(bySite.strata[0].counts.indexFirst == 1 && bySite.strata[0].counts.markerFirst == 1)
        #expect(bySite.strata[1].counts.indexFirst == 1 && bySite.strata[1].counts.sameDay == 1)
        #expect(bySite.strata.map(\.counts).reduce(SSACounts(), +) == model.sequences.counts)
        // H02 has only index-first pairs: its crude ratio is infinite or its NSR undefined; either way it is
        // reported, not dropped silently.
        #expect(bySite.summary().contains("H02"))
    }

    @Test func screeningCountsMatchThePairAnalysis() throws {
        let network = try Self.network()
        let classes = try SSADrugClasses(
            conceptSets: [Self.index, Self.marker, ConceptSet(name: "loxoprofen", include: [.init(system: .yj, code: Self.loxoprofen)])],
            in: network.vocabulary)
        let cs = try SSAClassSequences(network: network, classes: classes)
        #expect(cs.incidentUsers == [6, 6, 2])
        #expect(cs.orderedPairs(first: 0, then: 1) == 2 && cs.orderedPairs(first: 1, then: 0) == 1)
        #expect(cs.pairs(0, 1) == 5 && cs.sameDayPairs(0, 1) == 1)
        // Loxoprofen: A amlodipine 01-10 -> loxoprofen 02-01 (22 days) -> furosemide 03-01 (28 days); H amlodipine
        // 01-01 -> loxoprofen 01-15 -> furosemide injection 02-01.
        #expect(cs.orderedPairs(first: 0, then: 2) == 2 && cs.orderedPairs(first: 2, then: 1) == 2)
        let result = try cs.screen()
        let pair = try #require(result.pair(index: "amlodipine", marker: "furosemide"))
        let single = try SSAModel(try SSASequences(network: network, index: Self.index, marker: Self.marker)).fit()
        #expect(pair.indexFirst == single.counts.indexFirst && pair.markerFirst == single.counts.markerFirst)
        expectClose(pair.nullEffectRatio, single.nullEffect.ratio, relative: 1e-12)
        expectClose(pair.adjustedRatio, single.adjusted.ratio, relative: 1e-12)
        expectClose(pair.pValue, single.pValue, relative: 1e-12)
        // The reverse reading is the reciprocal.
        let reverse = try #require(result.pair(index: "furosemide", marker: "amlodipine"))
        expectClose(reverse.adjustedRatio, 1 / pair.adjustedRatio, relative: 1e-12)
        expectClose(reverse.crudeRatio, 0.5, relative: 1e-15)
        #expect(reverse.pValue == pair.pValue)
        // Each unordered pair appears once, oriented with adjusted ratio >= 1.
        #expect(result.pairs.allSatisfy { $0.adjustedRatio >= 1 })
        let keys = result.pairs.map { Set([$0.index, $0.marker]) }
        #expect(Set(keys).count == keys.count)
        #expect(result.summary().contains("amlodipine"))
    }

    @Test func classDefinitions() throws {
        let network = try Self.network()
        // YJ efficacy classes (4 characters): 2171 (amlodipine), 2139 (both furosemide codes), 1149 (loxoprofen).
        let yj4 = SSADrugClasses.codePrefix(length: 4, system: .yj, in: network.vocabulary)
        #expect(yj4.names == ["1149", "2139", "2171"])
        // A map to other labels (for example YJ to ATC level 4).
        let atc = [Self.amlodipine: "C08CA", Self.furosemide: "C03CA", Self.furosemideInjection: "C03CA"]
        let byATC = SSADrugClasses(vocabulary: network.vocabulary) { atc[$0.code] }
        #expect(byATC.names == ["C03CA", "C08CA"])
        #expect(byATC.index(of: "C08CA") == 1)
        #expect(throws: SSAError.self) {
            try SSADrugClasses(conceptSets: [Self.index, Self.index], in: network.vocabulary)
        }
        #expect(throws: SSAError.self) {
            try SSAClassSequences(
                network: network, classes: try SSADrugClasses(conceptSets: [Self.index], in: network.vocabulary))
        }
        #expect(throws: SSAError.self) { try SSAClassSequences(network: network, classes: yj4).screen(.init(falseDiscoveryRate: 0)) }
    }
}
