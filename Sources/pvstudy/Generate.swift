import ArgumentParser
import Foundation
import SampleData

/// `pvstudy generate`: write the sample network to disk in the documented layout, with its ground truth.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the sample network (CSV tables, optionally SQLite) and ground_truth.json to a folder.")

    @Option(help: "Number of persons.")
    var persons: Int = 100_000

    @Option(help: "Seed.")
    var seed: UInt64 = 2018

    @Option(help: "Output folder (created; existing files of the layout are replaced).")
    var out: String

    @Flag(help: "Also write network.sqlite.")
    var sqlite = false

    @Option(help: "Rate of each injected data defect per eligible record (0 = clean data).")
    var defectRate: Double = 0

    func validate() throws {
        guard persons >= 1 else { throw ValidationError("--persons must be positive") }
        guard (0...1).contains(defectRate) else { throw ValidationError("--defect-rate must be between 0 and 1") }
    }

    func run() throws {
        var config = SampleConfiguration(persons: persons, seed: seed)
        config.defects.invalidCode = defectRate
        config.defects.outOfRangeLab = defectRate
        config.defects.unitMismatch = defectRate
        config.defects.endBeforeStart = defectRate
        config.defects.outsideObservation = defectRate
        let sample = SampleNetwork.generate(config)
        let url = URL(fileURLWithPath: out)
        try sample.write(to: url, csv: true, sqlite: sqlite)
        let n = sample.network
        print("wrote \(n.personCount) persons, \(n.drugs.table.count) drug exposures, \(n.diagnoses.table.count) diagnoses, "
            + "\(n.labs.table.count) lab results to \(url.path) (ground truth: ground_truth.json)")
    }
}
