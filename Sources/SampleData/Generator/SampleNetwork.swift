import CohortModel
import Dispatch
import Foundation

/// A generated hospital network and the truth planted in it.
///
/// ```swift
/// let sample = SampleNetwork.generate(SampleConfiguration(persons: 10_000, seed: 7))
/// sample.network.personCount       // 10_000
/// sample.truth.sccs.relativeIncidence  // 3.0
/// ```
///
/// Deterministic: each person is generated from its own xoshiro256** stream seeded from the configuration's seed
/// and the person's index, so the same configuration gives the same network whatever the number of threads.
public struct SampleNetwork: Sendable {
    public var network: Network
    public var truth: GroundTruth
    /// The hospitals with their reporting habits (sizes, suspected-diagnosis share, creatinine units).
    public var hospitals: [SampleHospital]

    /// Generates the network.
    ///
    /// - Complexity: linear in the number of persons; runs on all cores in blocks of 2048 persons.
    public static func generate(_ config: SampleConfiguration = .init()) -> SampleNetwork {
        var vocabulary = Vocabulary()
        var codes = Codes()
        codes.drugs = DrugCatalog.drugs.map { vocabulary.intern($0.yj, system: .yj) }
        var units: [String] = []
        for lab in LabCatalog.labs {
            codes.labs.append(vocabulary.intern(lab.jlac10, system: .jlac10))
            if let u = units.firstIndex(of: lab.unit) { codes.labUnits.append(Int32(u)) } else {
                units.append(lab.unit)
                codes.labUnits.append(Int32(units.count - 1))
            }
        }
        let named = [DiagnosisCatalog.diabetes, DiagnosisCatalog.hypertension, DiagnosisCatalog.liverDisease,
                     DiagnosisCatalog.ckd, DiagnosisCatalog.dyslipidemia, DiagnosisCatalog.gerd, DiagnosisCatalog.infection,
                     DiagnosisCatalog.pain, DiagnosisCatalog.atrialFibrillation, DiagnosisCatalog.sccsOutcome,
                     DiagnosisCatalog.oedema]
        for c in named + DiagnosisCatalog.background { codes.dx[c] = vocabulary.intern(c, system: .icd10) }
        codes.background = DiagnosisCatalog.background.compactMap { codes.dx[$0] }

        let hospitals = HospitalCatalog.hospitals
        var cumulative: [Double] = []
        var acc = 0.0
        for h in hospitals {
            acc += h.weight
            cumulative.append(acc)
        }
        // Site-specific upper reference limits: each hospital's ULN within ±10% of the common one.
        let factors = hospitals.indices.map { 0.9 + 0.2 * Double(($0 * 7) % 11) / 10 }
        var monthStarts: [Int32] = []
        var monthNumbers: [Int] = []
        let first = config.studyStart.civil.year - 1, last = config.studyEnd.civil.year + 1
        for y in first...last {
            for m in 1...12 {
                if let d = Day(year: y, month: m, day: 1) {
                    monthStarts.append(d.rawValue)
                    monthNumbers.append(m)
                }
            }
        }
        let generator = PersonGenerator(
            config: config, codes: codes, hospitalCumulative: cumulative, siteULNFactor: factors,
            monthStarts: monthStarts, monthNumbers: monthNumbers)

        let n = max(config.persons, 0)
        let blockSize = 2048
        let blocks = (n + blockSize - 1) / blockSize
        let fragments = FragmentSlots(count: blocks)
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            var f = Fragment()
            var scratch = PersonScratch()
            for p in (b * blockSize)..<min(n, (b + 1) * blockSize) {
                generator.generate(person: p, into: &f, scratch: &scratch)
            }
            fragments.set(b, f)
        }
        var all = fragments.take()
        var merged = Fragment()
        for f in all {
            merged.persons.sourceID += f.persons.sourceID
            merged.persons.site += f.persons.site
            merged.persons.birthDate += f.persons.birthDate
            merged.persons.sex += f.persons.sex
            merged.observation.append(f.observation)
            merged.drugs.append(f.drugs)
            merged.diagnoses.append(f.diagnoses)
            merged.labs.append(f.labs)
            merged.admissions.append(f.admissions)
            merged.tally.add(f.tally)
        }
        all.removeAll()

        var network = Network(
            sites: hospitals.map(\.site), persons: merged.persons,
            observationPeriods: PersonIndexed(table: merged.observation, offsets: personOffsets(merged.observation.person, personCount: n)),
            drugs: PersonIndexed(table: merged.drugs, offsets: personOffsets(merged.drugs.person, personCount: n)),
            diagnoses: PersonIndexed(table: merged.diagnoses, offsets: personOffsets(merged.diagnoses.person, personCount: n)),
            labs: PersonIndexed(table: merged.labs, offsets: personOffsets(merged.labs.person, personCount: n)),
            admissions: PersonIndexed(table: merged.admissions, offsets: personOffsets(merged.admissions.person, personCount: n)),
            vocabulary: vocabulary, units: units)
        let defects = DefectInjector(config: config).inject(into: &network)
        let truth = GroundTruth.make(config: config, tally: merged.tally, network: network, defects: defects)
        return SampleNetwork(network: network, truth: truth, hospitals: hospitals)
    }
}

/// Slots written once each from concurrent blocks.
private final class FragmentSlots: @unchecked Sendable {
    private var slots: [Fragment?]
    private let lock = NSLock()
    init(count: Int) { slots = [Fragment?](repeating: nil, count: count) }
    func set(_ i: Int, _ f: Fragment) {
        lock.lock()
        slots[i] = f
        lock.unlock()
    }
    func take() -> [Fragment] { slots.compactMap { $0 } }
}

extension ObservationPeriodTable {
    mutating func append(_ o: ObservationPeriodTable) {
        person += o.person
        start += o.start
        end += o.end
    }
}

extension DrugExposureTable {
    mutating func append(_ o: DrugExposureTable) {
        person += o.person
        drug += o.drug
        start += o.start
        daysSupply += o.daysSupply
        quantity += o.quantity
        route += o.route
        setting += o.setting
    }
}

extension DiagnosisTable {
    mutating func append(_ o: DiagnosisTable) {
        person += o.person
        code += o.code
        date += o.date
        suspected += o.suspected
        setting += o.setting
    }
}

extension LabResultTable {
    mutating func append(_ o: LabResultTable) {
        person += o.person
        code += o.code
        date += o.date
        value += o.value
        unit += o.unit
        referenceLow += o.referenceLow
        referenceHigh += o.referenceHigh
        abnormal += o.abnormal
    }
}

extension AdmissionTable {
    mutating func append(_ o: AdmissionTable) {
        person += o.person
        admission += o.admission
        discharge += o.discharge
    }
}

extension SampleNetwork {
    /// The drugs of the sample network, with their YJ and ATC codes (the network's YJ→ATC mapping).
    public static var drugCatalog: [SampleDrug] { DrugCatalog.drugs }
    /// The lab tests of the sample network.
    public static var labCatalog: [SampleLab] { LabCatalog.labs }

    /// A concept set of the network's YJ codes for the drugs with ATC code `atc` (the sample network records drugs
    /// by YJ code; its catalog is its YJ→ATC mapping).
    public static func drugs(atc: String, name: String) -> ConceptSet {
        ConceptSet(name: name, include: DrugCatalog.drugs.filter { $0.atc == atc }.map { .init(system: .yj, code: $0.yj) })
    }
}
