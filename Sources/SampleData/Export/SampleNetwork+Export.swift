import CohortModel
import Foundation

extension SampleNetwork {
    /// The network as the hospitals' source systems would export it: identical to ``network`` except that hospitals
    /// whose source reports creatinine in µmol/L (H07) have those results, and their reference ranges, in µmol/L
    /// (× 88.42). Loading the export harmonizes them back to mg/dL.
    public var sourceExport: Network {
        var n = network
        let micromolarSites = Set(hospitals.enumerated().filter(\.element.creatinineInMicromolar).map { Int32($0.offset) })
        guard !micromolarSites.isEmpty,
            let creatinine = n.vocabulary.id(of: LabCatalog.labs[LabCatalog.creatinine].jlac10, system: .jlac10),
            let mgdl = n.units.firstIndex(of: "mg/dL")
        else { return n }
        n.units.append("µmol/L")
        let micromolar = Int32(n.units.count - 1)
        let t = n.labs.table
        for i in 0..<t.count where t.code[i] == creatinine && t.unit[i] == Int32(mgdl)
            && micromolarSites.contains(n.persons.site[Int(t.person[i])]) {
            n.labs.table.value[i] = (t.value[i] * 88.42 * 100).rounded() / 100
            n.labs.table.referenceLow[i] = (t.referenceLow[i] * 88.42 * 10).rounded() / 10
            n.labs.table.referenceHigh[i] = (t.referenceHigh[i] * 88.42 * 10).rounded() / 10
            n.labs.table.unit[i] = micromolar
        }
        return n
    }

    /// Writes the source export as CSV tables (and, with `sqlite`, a SQLite file `network.sqlite`) plus
    /// `ground_truth.json` and the YJ→ATC `code_mapping.csv` (``codeMapping``) into `directory`.
    public func write(to directory: URL, csv: Bool = true, sqlite: Bool = false) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let export = sourceExport
        if csv { try NetworkWriter.writeCSV(export, to: directory) }
        if sqlite { try NetworkWriter.writeSQLite(export, to: directory.appendingPathComponent("network.sqlite")) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(truth).write(to: directory.appendingPathComponent("ground_truth.json"))
        try Data(Self.codeMappingCSV.utf8).write(to: directory.appendingPathComponent("code_mapping.csv"))
    }
}
