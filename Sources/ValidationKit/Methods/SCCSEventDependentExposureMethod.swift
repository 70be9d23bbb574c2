import CohortModel
import Foundation
import SignalStats

/// The `sccs-eventdepenexp` method: SCCS for event-dependent exposures (R `SCCS::eventdepenexp`) on data in R
/// `SCCS` layout.
///
/// Model specification:
/// ```json
/// "model": {
///   "indiv": "case", "start": "sta", "end": "end", "event": "intus",
///   "exposure": { "name": "rv", "doseColumns": ["rv", "rvd2"], "cutPoints": [1], "endOffset": 21 },
///   "ageCutPoints": [56, 70, 84], "referenceAgeGroup": 1, "tolerance": 1e-8, "maxIterations": 100
/// }
/// ```
/// Quantities: per term `coefficient`, `standardError` (sandwich), `zStatistic`, `pValue`, `expCoefficient`,
/// `expCiLower`/`expCiUpper` (`exp(β ∓ 1.96·se)` with 1.96 exactly, as R prints them; `level` is not accepted),
/// `modelStandardError`; per model `iterations`, `cases`, `exposuresAfterEventRemoved`, and `stackLevelStrata`
/// with the level as `term` (`"0"`, `"1"`, …).
public struct SCCSEventDependentExposureMethod: ValidationMethod {
    public let name = "sccs-eventdepenexp"
    public init() {}

    struct Spec: StrictModelSpec {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case indiv, start, end, event, exposure, ageCutPoints, referenceAgeGroup, tolerance, maxIterations
        }
        var indiv: String
        var start: String
        var end: String
        var event: String
        var exposure: SCCSExposureDefinition
        var ageCutPoints: [Int]?
        var referenceAgeGroup: Int?
        var tolerance: Double?
        var maxIterations: Int?
    }

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: StrictModel<Spec>.self).spec
        let url = try validationCase.dataFile()
        let table: CSVTable
        do { table = try CSVTable.read(contentsOf: url) } catch { throw .data(error.description) }
        do throws(SCCSError) {
            let data = try SCCSPreparedData(table: table, indiv: spec.indiv, start: spec.start, end: spec.end, event: spec.event)
            let model = SCCSEventDependentExposure(
                data: data, exposure: spec.exposure, ageCutPoints: spec.ageCutPoints ?? [],
                referenceAgeGroup: spec.referenceAgeGroup, tolerance: spec.tolerance ?? 1e-8,
                maxIterations: spec.maxIterations ?? 100)
            return SCCSEventDependentExposureOutcome(result: try model.fit())
        } catch {
            throw .data(error.description)
        }
    }
}

struct SCCSEventDependentExposureOutcome: ValidationOutcome {
    let result: SCCSEventDependentExposureResult

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        switch e.quantity {
        case "iterations": return Double(result.iterations)
        case "cases": return Double(result.cases)
        case "exposuresAfterEventRemoved": return Double(result.exposuresAfterEventRemoved)
        case "stackLevelStrata":
            guard let t = e.term, let level = Int(t), level >= 0, level < result.strataPerLevel.count else {
                throw .quantity("stackLevelStrata needs a level 0-\(result.strataPerLevel.count - 1) as \"term\"")
            }
            return Double(result.strataPerLevel[level])
        case "expCiLower", "expCiUpper":
            guard e.level == nil else { throw .quantity("\(e.quantity) of sccs-eventdepenexp uses z = 1.96 exactly, as R; remove \"level\"") }
            guard let t = e.term, let ci = result.interval(t) else { throw .quantity("\(e.quantity) needs a model term; terms: \(result.regression.terms.joined(separator: ", "))") }
            return e.quantity == "expCiLower" ? ci.lower : ci.upper
        case "modelStandardError":
            guard let t = e.term, let k = result.regression.index(of: t) else { throw .quantity("modelStandardError needs a model term") }
            return result.modelCovariance[k, k].squareRoot()
        default:
            return try RegressionOutcome(method: "sccs-eventdepenexp", result: result.regression).obtained(for: e)
        }
    }
}
