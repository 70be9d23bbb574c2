import CohortModel
import Foundation
@testable import SampleData
import SignalStats
import Testing

/// The SSA recovery study and timing benchmark: long runs, off unless asked for.
///
///     SIGNALSTATS_RECOVERY=1 swift test -c release -Xswiftc -enable-testing --filter SSARecovery
///     SIGNALSTATS_SSA_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter SSARecovery
///
/// `Benchmarks/ssa/run.sh` runs both. Knobs: `SIGNALSTATS_RECOVERY_RUNS` (default 1000),
/// `SIGNALSTATS_RECOVERY_PERSONS` (default 10000), `SIGNALSTATS_RECOVERY_OUT` (a file for the report),
/// `SIGNALSTATS_SSA_BENCH_DISPENSINGS` (default 10,000,000), `SIGNALSTATS_SSA_BENCH_CLASSES` (default 100).
@Suite(.serialized) struct SSARecoveryTests {
    static let environment = ProcessInfo.processInfo.environment
    static func setting(_ key: String, _ fallback: Int) -> Int { environment[key].flatMap(Int.init) ?? fallback }

    // MARK: - Recovery

    /// Over many small sample networks (seeds 1...runs): how often the adjusted ratio's 95% intervals cover the
    /// generator's sequence ratio, the bias of the crude and adjusted ratios (mean log ratio to the truth), how
    /// often screening ranks the cascade first, and the share of negative-control pairs among the flagged ones.
    @Test(.enabled(if: environment["SIGNALSTATS_RECOVERY"] == "1"))
    func recovery() throws {
        let runs = Self.setting("SIGNALSTATS_RECOVERY_RUNS", 1000)
        let persons = Self.setting("SIGNALSTATS_RECOVERY_PERSONS", 10_000)
        let names = Dictionary(uniqueKeysWithValues: DrugCatalog.drugs.map { ($0.yj, $0.name) })
        func ingredient(_ name: String) -> ConceptSet {
            ConceptSet(name: name, include: [.init(system: .yj, code: DrugCatalog.drugs.first { $0.name == name }?.yj ?? "")])
        }
        var coveredBeta = 0, coveredExact = 0, coveredPooled = 0, estimable = 0, pooledEstimable = 0
        var logCrude = 0.0, logAdjusted = 0.0, logNSR = 0.0, finite = 0
        var rankedFirst = 0, cascadeFlagged = 0
        var controlShare = 0.0, falseShare = 0.0, runsWithFlags = 0, flaggedTotal = 0
        var orderedPairs = 0
        var coveredNoWashout = 0, estimableNoWashout = 0, logAdjustedNoWashout = 0.0, logCrudeNoWashout = 0.0
        var coveredMonthly = 0
        var rankedFirstByBound = 0, rankedFirstByP = 0
        var falseFlags: [String: Int] = [:]
        var truthRatio = 0.0
        let started = Date()
        for seed in 1...runs {
            let sample = SampleNetwork.generate(SampleConfiguration(persons: persons, seed: UInt64(seed)))
            let truth = sample.truth.ssa
            truthRatio = truth.sequenceRatio
            let sequences = try SSASequences(
                network: sample.network, index: ingredient(truth.index), marker: ingredient(truth.marker))
            if let r = try? SSAModel(sequences).fit() {
                estimable += 1
                orderedPairs += r.counts.ordered
                if r.adjusted.betaInterval.lower <= truth.sequenceRatio && truth.sequenceRatio <= r.adjusted.betaInterval.upper {
                    coveredBeta += 1
                }
                if r.adjusted.exactInterval.lower <= truth.sequenceRatio && truth.sequenceRatio <= r.adjusted.exactInterval.upper {
                    coveredExact += 1
                }
                if r.crude.ratio.isFinite && r.crude.ratio > 0 {
                    finite += 1
                    logCrude += Foundation.log(r.crude.ratio / truth.sequenceRatio)
                    logAdjusted += Foundation.log(r.adjusted.ratio / truth.sequenceRatio)
                    logNSR += Foundation.log(r.nullEffect.ratio)
                }
            }
            if let m = try? SSAModel(sequences).fit(SSAOptions(nullEffect: .monthly)),
                m.adjusted.betaInterval.lower <= truth.sequenceRatio && truth.sequenceRatio <= m.adjusted.betaInterval.upper
            {
                coveredMonthly += 1
            }
            let noWashout = try SSASequences(
                network: sample.network, index: ingredient(truth.index), marker: ingredient(truth.marker),
                design: SSADesign(washoutDays: 0))
            if let r = try? SSAModel(noWashout).fit(), r.crude.ratio.isFinite, r.crude.ratio > 0 {
                estimableNoWashout += 1
                if r.adjusted.betaInterval.lower <= truth.sequenceRatio && truth.sequenceRatio <= r.adjusted.betaInterval.upper {
                    coveredNoWashout += 1
                }
                logAdjustedNoWashout += Foundation.log(r.adjusted.ratio / truth.sequenceRatio)
                logCrudeNoWashout += Foundation.log(r.crude.ratio / truth.sequenceRatio)
            }
            if let p = try? SSAModel(sequences).stratified(by: .site).pooled.get() {
                pooledEstimable += 1
                if p.interval.lower <= truth.sequenceRatio && truth.sequenceRatio <= p.interval.upper { coveredPooled += 1 }
            }
            let classes = SSADrugClasses(vocabulary: sample.network.vocabulary) { $0.system == .yj ? names[$0.code] : nil }
            let classSequences = try SSAClassSequences(network: sample.network, classes: classes)
            let screening = try classSequences.screen()
            func first(_ r: SSAScreeningResult) -> Bool {
                r.pairs.first.map { $0.index == truth.index && $0.marker == truth.marker } ?? false
            }
            if first(screening) { rankedFirst += 1 }
            if first(try classSequences.screen(SSAScreeningOptions(ranking: .lowerBound))) { rankedFirstByBound += 1 }
            if first(try classSequences.screen(SSAScreeningOptions(ranking: .pValue))) { rankedFirstByP += 1 }
            for f in screening.signals where !(f.index == truth.index && f.marker == truth.marker) {
                falseFlags["\(f.index) -> \(f.marker)", default: 0] += 1
            }
            if screening.pair(index: truth.index, marker: truth.marker)?.isSignal == true { cascadeFlagged += 1 }
            let flagged = screening.signals
            if !flagged.isEmpty {
                runsWithFlags += 1
                flaggedTotal += flagged.count
                let controls = Set(
                    sample.truth.negativeControls.filter { $0.design == "ssa" }.map { Set([$0.exposure, $0.outcome]) })
                let flaggedControls = flagged.filter { controls.contains(Set([$0.index, $0.marker])) }.count
                let flaggedFalse = flagged.filter { !($0.index == truth.index && $0.marker == truth.marker) }.count
                controlShare += Double(flaggedControls) / Double(flagged.count)
                falseShare += Double(flaggedFalse) / Double(flagged.count)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        func pct(_ a: Int, _ b: Int) -> String { String(format: "%.1f%% (%d of %d)", 100 * Double(a) / Double(max(b, 1)), a, b) }
        let coverage = Double(coveredBeta) / Double(max(estimable, 1))
        // Monte Carlo standard error of a 95% coverage over n runs: sqrt(0.95 * 0.05 / n) (0.69 points at 1000).
        let report = """
            SSA recovery study: \(runs) sample networks of \(persons) persons (seeds 1...\(runs)), \(String(format: "%.0f", seconds)) s
            truth: sequence ratio (RR*L + W - L)/W = \(String(format: "%.4f", truthRatio)) (amlodipine -> furosemide)
            design: washout 365 days, gap 1...365 days, daily null-effect ratio; mean ordered pairs per run \(String(format: "%.1f", Double(orderedPairs) / Double(max(estimable, 1))))
            estimable runs: \(estimable)
            coverage of the truth by the adjusted ratio's 95% beta interval (CohortSymmetry): \(pct(coveredBeta, estimable))
            coverage by the adjusted ratio's 95% exact interval: \(pct(coveredExact, estimable))
            coverage by the site-pooled 95% interval: \(pct(coveredPooled, pooledEstimable))
            mean log(crude / truth): \(String(format: "%+.4f", logCrude / Double(max(finite, 1)))) (runs with finite ratios: \(finite))
            mean log(adjusted / truth): \(String(format: "%+.4f", logAdjusted / Double(max(finite, 1))))
            mean log(null-effect ratio): \(String(format: "%+.4f", logNSR / Double(max(finite, 1))))
            coverage with monthly incidence: \(pct(coveredMonthly, estimable))
            without washout (washoutDays 0): coverage \(pct(coveredNoWashout, estimableNoWashout)); mean log(crude / truth) \(String(format: "%+.4f", logCrudeNoWashout / Double(max(estimableNoWashout, 1)))), mean log(adjusted / truth) \(String(format: "%+.4f", logAdjustedNoWashout / Double(max(estimableNoWashout, 1))))
            screening (28 ingredient classes, BH FDR 0.05): cascade ranked first \(pct(rankedFirst, runs)); flagged \(pct(cascadeFlagged, runs))
            cascade ranked first with ranking .lowerBound: \(pct(rankedFirstByBound, runs)); with .pValue: \(pct(rankedFirstByP, runs))
            runs with flagged pairs: \(runsWithFlags), flagged pairs in all: \(flaggedTotal)
            mean share of negative-control pairs among flagged pairs: \(String(format: "%.4f", controlShare / Double(max(runsWithFlags, 1))))
            mean share of pairs other than the cascade among flagged pairs (false discovery proportion, all other pairs null): \(String(format: "%.4f", falseShare / Double(max(runsWithFlags, 1))))
            most frequent flagged pairs other than the cascade: \(falseFlags.sorted { $0.value > $1.value }.prefix(12).map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
            """
        print(report)
        if let out = Self.environment["SIGNALSTATS_RECOVERY_OUT"] {
            try report.write(toFile: out, atomically: true, encoding: .utf8)
        }
        if runs >= 1000 {
            #expect(coverage >= 0.935 && coverage <= 0.965, "coverage \(coverage)")
            #expect(controlShare / Double(max(runsWithFlags, 1)) <= 0.05)
            #expect(logCrude > logAdjusted)
        }
    }

    // MARK: - Timing

    /// A synthetic network with `dispensings` drug records in `classes` classes (two codes each), 10 records per
    /// person on random days of one observation period, class frequencies ~ 1/(rank + 1).
    static func syntheticNetwork(dispensings: Int, classes: Int, seed: UInt64 = 42) -> Network {
        let perPerson = 10
        let n = dispensings / perPerson
        var rng = Xoshiro256StarStar(seed: seed)
        var vocabulary = Vocabulary()
        let codes = (0..<(2 * classes)).map { vocabulary.intern(String(format: "C%03d%d", $0 / 2, $0 % 2), system: .yj) }
        var cumulative: [Double] = []
        var total = 0.0
        for c in 0..<classes {
            total += 1 / Double(c + 1)
            cumulative.append(total)
        }
        let first = Day(year: 2014, month: 1, day: 1) ?? Day(16071)
        var persons = PersonTable()
        var obs = ObservationPeriodTable()
        var drugs = DrugExposureTable()
        drugs.person.reserveCapacity(n * perPerson)
        drugs.drug.reserveCapacity(n * perPerson)
        drugs.start.reserveCapacity(n * perPerson)
        var days = [Int32](repeating: 0, count: perPerson)
        for p in 0..<n {
            persons.sourceID.append("P\(p)")
            persons.site.append(Int32(rng.nextInt(below: 23)))
            persons.birthDate.append(first - (20 * 365 + rng.nextInt(below: 60 * 365)))
            persons.sex.append(rng.nextBernoulli(p: 0.5) ? .female : .male)
            let start = first + rng.nextInt(below: 6 * 365)
            let end = min(start + 365 + rng.nextInt(below: 5 * 365), first + 9 * 365)
            obs.person.append(Int32(p))
            obs.start.append(start)
            obs.end.append(end)
            for k in 0..<perPerson { days[k] = start.rawValue + Int32(rng.nextInt(below: end - start + 1)) }
            days.sort()
            for k in 0..<perPerson {
                let u = rng.nextUniform() * total
                let c = cumulative.firstIndex { u < $0 } ?? (classes - 1)
                drugs.person.append(Int32(p))
                drugs.drug.append(codes[2 * c + rng.nextInt(below: 2)])
                drugs.start.append(Day(days[k]))
                drugs.daysSupply.append(30)
                drugs.quantity.append(1)
                drugs.route.append(.oral)
                drugs.setting.append(.outpatient)
            }
        }
        let empty = [Int](repeating: 0, count: n + 1)
        return Network(
            sites: (0..<23).map { Site(hospitalID: "H\($0)", organizationID: "O\($0)", name: "site \($0)") },
            persons: persons, observationPeriods: PersonIndexed(table: obs, offsets: personOffsets(obs.person, personCount: n)),
            drugs: PersonIndexed(table: drugs, offsets: personOffsets(drugs.person, personCount: n)),
            diagnoses: PersonIndexed(table: DiagnosisTable(), offsets: empty), labs: PersonIndexed(table: LabResultTable(), offsets: empty),
            admissions: PersonIndexed(table: AdmissionTable(), offsets: empty), vocabulary: vocabulary, units: [])
    }

    /// Wall time of one pair and of screening all class pairs over a synthetic network (best of 3).
    @Test(.enabled(if: environment["SIGNALSTATS_SSA_BENCH"] == "1"))
    func timing() throws {
        let dispensings = Self.setting("SIGNALSTATS_SSA_BENCH_DISPENSINGS", 10_000_000)
        let k = Self.setting("SIGNALSTATS_SSA_BENCH_CLASSES", 100)
        let built = Date()
        let network = Self.syntheticNetwork(dispensings: dispensings, classes: k)
        print("synthetic network: \(network.drugs.table.count) dispensings, \(network.personCount) persons, \(k) classes (built in \(String(format: "%.1f", Date().timeIntervalSince(built))) s)")
        func best(_ body: () throws -> Void) rethrows -> Double {
            var t = Double.infinity
            for _ in 0..<3 {
                let s = Date()
                try body()
                t = min(t, Date().timeIntervalSince(s))
            }
            return t
        }
        func set(_ c: Int) -> ConceptSet {
            ConceptSet(name: "class \(c)", include: [.init(system: .yj, code: String(format: "C%03d", c), descendants: true)])
        }
        var pair: SSAResult?
        let pairSeconds = try best {
            let s = try SSASequences(network: network, index: set(0), marker: set(1))
            pair = try SSAModel(s).fit()
        }
        let classes = SSADrugClasses.codePrefix(length: 4, system: .yj, in: network.vocabulary)
        var screening: SSAScreeningResult?
        var prepare = Double.infinity
        let screenSeconds = try best {
            let s = Date()
            let cs = try SSAClassSequences(network: network, classes: classes)
            prepare = min(prepare, Date().timeIntervalSince(s))
            screening = try cs.screen()
        }
        print(String(format: "SSA one pair (extraction + crude/NSR/adjusted), %d dispensings: %.3f s (target 0.5 s); %d ordered pairs",
                     dispensings, pairSeconds, pair?.counts.ordered ?? 0))
        print(String(format: "SSA screening, %d classes (%d unordered pairs tested), %d dispensings: %.3f s, of which the one pass %.3f s (target 10 s)",
                     k, screening?.pairs.count ?? 0, dispensings, screenSeconds, prepare))
    }
}
