import CohortModel
import Foundation
import Testing
@testable import SampleData

/// The generated data pass the quality checks when clean, and each injected defect is caught at its rate.
@Suite struct SampleQualityTests {
    @Test func cleanNetworkPassesEveryCheck() {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 5_000, seed: 21))
        let report = QualityReport.build(network: sample.network)
        #expect(report.allPassed, "\(report.failedChecks.map(\.label))")
    }

    @Test func injectedDefectsAreCaught() throws {
        var config = SampleConfiguration(persons: 5_000, seed: 21)
        config.defects.invalidCode = 0.02
        config.defects.outOfRangeLab = 0.01
        config.defects.unitMismatch = 0.05
        config.defects.endBeforeStart = 0.1
        config.defects.outsideObservation = 0.02
        let sample = SampleNetwork.generate(config)
        let report = QualityReport.build(network: sample.network)
        func injected(_ kind: String) -> Int { sample.truth.defects.first { $0.kind == kind }?.injected ?? -1 }
        // Exact: every altered record is found, and nothing else is flagged.
        #expect(report.check("code_format", table: "drug_exposures", column: "drug_code", subject: "YJ")?.overall.failing == injected("invalid code"))
        #expect(report.check("unit_mismatch", table: "lab_results", column: "unit")?.overall.failing == injected("unit mismatch"))
        #expect(report.check("end_not_before_start", table: "admissions", column: "discharge_date")?.overall.failing == injected("end before start"))
        #expect(report.check("outside_observation", table: "drug_exposures", column: "start_date")?.overall.failing == injected("outside observation"))
        // Out-of-range values: only analytes with physiological bounds are checked; their failing share is the rate
        // (binomial: within 4 standard errors of 1%).
        let plausibility = report.checks(id: "lab_value_plausible")
        let failing = plausibility.reduce(0) { $0 + $1.overall.failing }
        let checked = plausibility.reduce(0) { $0 + $1.overall.denominator }
        let share = Double(failing) / Double(max(checked, 1))
        #expect(abs(share - 0.01) <= 4 * (0.01 * 0.99 / Double(checked)).squareRoot(), "\(failing) of \(checked)")
        #expect(!report.allPassed)
    }

    @Test func exportRoundTripsThroughTheLoader() throws {
        let sample = SampleNetwork.generate(SampleConfiguration(persons: 1_500, seed: 4))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sample-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try sample.write(to: dir)
        let loaded = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .strict))
        #expect(loaded.report.rejections.isEmpty)
        #expect(loaded.network.personCount == sample.network.personCount)
        #expect(loaded.network.labs.table.count == sample.network.labs.table.count)
        // H07 reports creatinine in µmol/L in the export; the loader harmonizes it back to mg/dL.
        let export = sample.sourceExport
        #expect(export.units.contains("µmol/L"))
        let creatinine = try #require(loaded.network.vocabulary.id(of: "3C015000002327101", system: .jlac10))
        let units = Set((0..<loaded.network.labs.table.count).filter { loaded.network.labs.table.code[$0] == creatinine }
            .map { loaded.network.units[Int(loaded.network.labs.table.unit[$0])] })
        #expect(units == ["mg/dL"])
        let report = QualityReport.build(network: loaded.network, loadReport: loaded.report)
        #expect(report.allPassed, "\(report.failedChecks.map(\.label))")
    }
}
