import CohortModel
import Foundation
import SignalStats

/// The `sccs` method: a self-controlled case series from raw case data in R `SCCS` layout (one row per event),
/// with R `standardsccs` options: risk windows as cut points after each exposure start up to an exposure end,
/// several doses sharing parameters, several exposures, age groups.
///
/// Model specification:
/// ```json
/// "model": {
///   "indiv": "case", "start": "sta", "end": "end", "event": "am",
///   "exposures": [{ "name": "mmr", "doseColumns": ["mmr"], "cutPoints": [15], "endOffset": 35 }],
///   "ageCutPoints": [548]
/// }
/// ```
/// Optional: `"layout": "stack"` (R's `dataformat = "stack"`: one row per event and exposure episode) and per
/// exposure `"washout": [1, 29]` (R's `washout`); `"seasonGroups": [101, 1510]` (R's `seasongrp`, ddmm) with
/// `"dob"` (a ddmmyyyy column name, or one ddmmyyyy number for every case), and `"referenceAgeGroup": 3` (R's
/// `relevel`).
///
/// Quantities: every regression quantity (`expCoefficient` is the relative incidence, `expCiLower`/`expCiUpper`
/// its Wald interval), plus per exposure term `expProfileLower`/`expProfileUpper` (profile-likelihood interval),
/// and per model `logLikelihood`, `cases`, `events`.
public struct SCCSMethod: ValidationMethod {
    public let name = "sccs"
    public init() {}

    struct Spec: Decodable {
        var indiv: String
        var start: String
        var end: String
        var event: String
        var exposures: [SCCSExposureDefinition]
        var ageCutPoints: [Int]?
        /// R `dataformat`: "multi" (default) or "stack".
        var layout: SCCSDataLayout?
        // R SCCS parity (issue 14): SCCSMethod+RParity.swift.
        var seasonGroups: [Int]?
        var dob: DateOfBirthSpec?
        var referenceAgeGroup: Int?
    }

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: Spec.self)
        let url = try validationCase.dataFile()
        let table: CSVTable
        do { table = try CSVTable.read(contentsOf: url) } catch { throw .data(error.description) }
        do throws(SCCSError) {
            let data = try SCCSPreparedData(table: table, indiv: spec.indiv, start: spec.start, end: spec.end, event: spec.event)
            let model = try spec.usesRParityOptions
                ? spec.parityModel(data: data, table: table)
                : data.model(exposures: spec.exposures, ageCutPoints: spec.ageCutPoints ?? [], layout: spec.layout ?? .multi)
            let levels = Set(validationCase.expected.map { $0.level ?? 0.95 })
            guard levels.count <= 1 else { throw SCCSError.invalidDesign("sccs cases use one confidence level") }
            return SCCSOutcome(result: try model.fit(level: levels.first ?? 0.95))
        } catch {
            throw .data(error.description)
        }
    }
}

struct SCCSOutcome: ValidationOutcome {
    let result: SCCSResult

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        switch e.quantity {
        case "logLikelihood":
            return result.logLikelihood
        case "cases":
            return Double(result.construction.cases)
        case "events":
            return Double(result.construction.events)
        case "expProfileLower", "expProfileUpper":
            guard let term = e.term, let p = result.profile[term] else {
                throw .quantity("\(e.quantity) needs an exposure term; exposure terms: \(result.exposureParameters.joined(separator: ", "))")
            }
            return Foundation.exp(e.quantity == "expProfileLower" ? p.lower : p.upper)
        default:
            return try RegressionOutcome(method: "sccs", result: result.regression).obtained(for: e)
        }
    }
}
