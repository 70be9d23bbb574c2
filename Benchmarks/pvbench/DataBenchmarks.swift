import CohortModel
import Foundation
import SampleData

/// `pvbench data`: the data-layer targets of the CohortModel and SampleData issues, on this machine.
///
/// - generate 1,000,000 persons in memory (target ≤ 20 s), persons/s and records/s, records per person by table;
/// - load 10 million drug-exposure rows from CSV (target ≤ 10 s, ≤ 32 bytes per stored row), rows/s;
/// - drug eras for every ingredient plus a new-user cohort over those 10 million exposures (target ≤ 2 s).
enum DataBenchmarks {
    static func run(results: String, persons: Int, drugRows: Int) throws {
        var lines: [String] = []
        func report(_ s: String) {
            print(s)
            lines.append(s)
        }
        report("== data layer (SampleData, CohortModel)")

        // 1. Generation.
        let (genTimes, sample) = timed(2) { SampleNetwork.generate(SampleConfiguration(persons: persons, seed: 2018)) }
        let n = sample.network
        let records = n.observationPeriods.table.count + n.drugs.table.count + n.diagnoses.table.count
            + n.labs.table.count + n.admissions.table.count
        let g = genTimes.min() ?? .nan
        report(String(format: "generate %d persons in memory: %@ (%.0f persons/s, %.2e records/s, %d records)  target <= 20 s: %@",
                      persons, formatSeconds(g), Double(persons) / g, Double(records) / g, records, g <= 20 ? "PASS" : "MISS"))
        let per = { (k: Int) in String(format: "%.2f", Double(k) / Double(n.personCount)) }
        report("  records per person: observation \(per(n.observationPeriods.table.count)), drugs \(per(n.drugs.table.count)), "
            + "diagnoses \(per(n.diagnoses.table.count)), labs \(per(n.labs.table.count)), admissions \(per(n.admissions.table.count))")

        // 2. CSV load of drug exposures: a network with the drug table of ≈ drugRows rows (persons, sites, observation
        // periods and drugs only), written once and loaded.
        let bigPersons = Int(Double(drugRows) / (Double(n.drugs.table.count) / Double(n.personCount)))
        let big = SampleNetwork.generate(SampleConfiguration(persons: bigPersons, seed: 2018)).network
        let drugsOnly = Network(
            sites: big.sites, persons: big.persons, observationPeriods: big.observationPeriods, drugs: big.drugs,
            diagnoses: PersonIndexed(table: DiagnosisTable(), offsets: [Int](repeating: 0, count: big.personCount + 1)),
            labs: PersonIndexed(table: LabResultTable(), offsets: [Int](repeating: 0, count: big.personCount + 1)),
            admissions: PersonIndexed(table: AdmissionTable(), offsets: [Int](repeating: 0, count: big.personCount + 1)),
            vocabulary: big.vocabulary, units: big.units)
        let dir = URL(fileURLWithPath: results).appendingPathComponent("drug-csv")
        try? FileManager.default.removeItem(at: dir)
        try NetworkWriter.writeCSV(drugsOnly, to: dir)
        let rows = big.drugs.table.count
        let (loadTimes, loaded) = try timed(2) { try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .strict)) }
        let l = loadTimes.min() ?? .nan
        let t = loaded.network.drugs.table
        let bytes = MemoryLayout<Int32>.stride * 4 + MemoryLayout<Float>.stride + MemoryLayout<Route>.stride
            + MemoryLayout<CareSetting>.stride
        let stored = t.person.capacity * 4 + t.drug.capacity * 4 + t.start.capacity * 4 + t.daysSupply.capacity * 4
            + t.quantity.capacity * 4 + t.route.capacity + t.setting.capacity + loaded.network.drugs.offsets.count * 8
        report(String(format: "load %d drug-exposure rows from CSV (with persons, sites, observation periods): %@ (%.2e rows/s)  target <= 10 s: %@",
                      rows, formatSeconds(l), Double(rows) / l, l <= 10 ? "PASS" : "MISS"))
        report(String(format: "  stored drug table: %d bytes per row by layout, %.1f bytes per row allocated (with person offsets)  target <= 32: %@",
                      bytes, Double(stored) / Double(max(rows, 1)), Double(stored) / Double(max(rows, 1)) <= 32 ? "PASS" : "MISS"))
        try? FileManager.default.removeItem(at: dir)

        // 3. Eras for every ingredient and a new-user cohort.
        let groups = SampleNetwork.drugCatalog.map { ConceptSet(name: $0.name, include: [.init(system: .yj, code: $0.yj)]) }
        let metformin = groups.first { $0.name == "metformin" } ?? groups[0]
        let (eraTimes, out) = timed(3) { () -> (Int, Int) in
            let eras = DrugEras.build(network: loaded.network, groups: groups)
            let cohort = NewUserCohort.build(network: loaded.network, drug: metformin)
            return (eras.table.count, cohort.count)
        }
        let e = eraTimes.min() ?? .nan
        report(String(format: "drug eras for %d ingredients (%d eras) + a new-user cohort (%d persons) over %d exposures: %@  target <= 2 s: %@",
                      groups.count, out.0, out.1, rows, formatSeconds(e), e <= 2 ? "PASS" : "MISS"))
        try lines.joined(separator: "\n").appending("\n").write(toFile: results + "/data-layer.txt", atomically: true, encoding: .utf8)
    }
}
