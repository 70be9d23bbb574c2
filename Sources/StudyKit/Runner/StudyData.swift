import CohortModel
import Foundation
import SampleData

/// A study's data: the network, the loader's report, and the fingerprint recorded with the results.
public struct StudyData: Sendable {
    /// The network.
    public let network: Network
    /// The loader's report (nil for the sample network).
    public let loadReport: LoadReport?
    /// The fingerprint for the results.
    public let fingerprint: DataFingerprint
    /// The sample network's seed.
    public let seed: UInt64?
    /// The sample network's injected truths (nil for loaded data).
    public let truth: GroundTruth?
    /// The drug code mapping concept sets are expanded through (the sample network's own, or `data.codeMapping`).
    public var codeMapping: CodeMapping?
    /// Names of the drugs the data source knows by YJ code (the sample network's catalogue; empty for loaded data),
    /// for labelling screening rows. The sample network reaches StudyKit only here and in ``truth``.
    public var drugNames: [(yj: String, name: String)] = []

    /// Loads the data a study names; relative paths are resolved against `baseDirectory`.
    ///
    /// - Throws: ``StudyRunError/dataNotFound(path:)`` when a CSV folder or SQLite file does not exist,
    ///   ``StudyRunError/dataLoad(path:reason:)`` when it cannot be loaded.
    public static func load(_ source: DataSourceSpec, baseDirectory: URL) throws(StudyRunError) -> StudyData {
        var mappingGiven: CodeMapping? = nil
        if let m = source.codeMapping { mappingGiven = try mapping(m, baseDirectory) }
        if let s = source.sample {
            let sample = SampleNetwork.generate(SampleConfiguration(persons: s.persons, seed: s.seed))
            return StudyData(
                network: sample.network, loadReport: nil,
                fingerprint: fingerprint(of: sample.network, source: "sample", path: nil, sample: .init(persons: s.persons, seed: s.seed), rejected: 0),
                seed: s.seed, truth: sample.truth,
                codeMapping: mappingGiven ?? SampleNetwork.codeMapping,
                drugNames: SampleNetwork.drugCatalog.map { ($0.yj, $0.name) })
        }
        let (kind, given) = source.csv.map { ("csv", $0) } ?? ("sqlite", source.sqlite ?? "")
        let url = given.hasPrefix("/") ? URL(fileURLWithPath: given) : baseDirectory.appendingPathComponent(given)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .dataNotFound(path: url.path) }
        let options = LoadOptions(mode: source.strict ? .strict : .lenient)
        let loaded: LoadedNetwork
        do {
            loaded = kind == "csv"
                ? try NetworkLoader.loadCSV(directory: url, options: options)
                : try NetworkLoader.loadSQLite(file: url, options: options)
        } catch {
            throw .dataLoad(path: url.path, reason: "\(error)")
        }
        // Rows that vanished or were rejected stop the run unless the study accepts them (docs/study-spec.md).
        do { try loaded.report.requireComplete(acceptRejectedRows: source.acceptRejectedRows) } catch {
            throw .dataLoad(path: url.path, reason: "\(error) (set data.acceptRejectedRows to run anyway)")
        }
        return StudyData(
            network: loaded.network, loadReport: loaded.report,
            fingerprint: fingerprint(of: loaded.network, source: kind, path: given, sample: nil, rejected: loaded.report.rejections.count),
            seed: nil, truth: nil, codeMapping: mappingGiven)
    }

    /// Reads a code-mapping CSV named by the study (relative to `base`).
    static func mapping(_ given: String, _ base: URL) throws(StudyRunError) -> CodeMapping {
        let url = given.hasPrefix("/") ? URL(fileURLWithPath: given) : base.appendingPathComponent(given)
        guard FileManager.default.fileExists(atPath: url.path) else { throw .dataNotFound(path: url.path) }
        do { return try CodeMapping.load(csv: url) } catch { throw .dataLoad(path: url.path, reason: "\(error)") }
    }

    static func fingerprint(of n: Network, source: String, path: String?, sample: DataFingerprint.SampleSource?, rejected: Int) -> DataFingerprint {
        let tables = n.fingerprint().tables.map { t in
            TableFingerprint(
                table: t.name, rows: t.rows,
                checksums: t.checksums.mapValues { v in
                    let h = String(v, radix: 16)
                    return String(repeating: "0", count: max(0, 16 - h.count)) + h
                })
        }
        return DataFingerprint(source: source, path: path, sample: sample, rejectedRows: rejected, tables: tables)
    }

    /// The latest date in the data (observation ends, drug starts, diagnoses, labs, discharges): the default
    /// extraction date, so quality output does not depend on the day the study runs.
    public var latestDate: Day? {
        var m: Int32 = Int32.min
        for d in network.observationPeriods.table.end { m = max(m, d.rawValue) }
        for d in network.drugs.table.start { m = max(m, d.rawValue) }
        for d in network.diagnoses.table.date { m = max(m, d.rawValue) }
        for d in network.labs.table.date { m = max(m, d.rawValue) }
        for d in network.admissions.table.discharge { m = max(m, d.rawValue) }
        return m == Int32.min ? nil : Day(m)
    }
}
