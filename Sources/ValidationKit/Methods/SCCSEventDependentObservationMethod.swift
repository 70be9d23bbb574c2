import CohortModel
import Foundation
import SignalStats

/// The `sccs-eventdepenobs` method: the modified SCCS for event-dependent observation periods (R
/// `SCCS::eventdepenobs`) on data in R `SCCS` layout.
///
/// Model specification:
/// ```json
/// "model": {
///   "indiv": "case", "start": "nrt", "end": "act", "event": "mi", "censor": "cen",
///   "exposures": [{ "name": "nrt", "doseColumns": ["nrt"], "cutPoints": [0, 8, 15, 22], "endOffset": 28 }],
///   "ageCutPoints": [], "referenceAgeGroup": 1,
///   "fixedCensoringModel": { "model": "EWI", "parameters": [43.6, -1.99, 0.699, -0.474] }
/// }
/// ```
/// `censor` is 1 for an event-dependent end, 0 for a nominal or administrative one. `fixedCensoringModel` (optional)
/// skips the censoring-model fits and weights with the given model, to check the weighting on its own. A dose column
/// may name the start column (R's `astart = nrt, adrug = nrt`).
///
/// Quantities: per term every regression quantity (model-based SE, Wald interval at `level`); per model
/// `logLikelihood`, `nullLogLikelihood`, `intervals`, `sumLogWeight`, `cases`, `censoredCases`, `selectedModel`
/// (1 EWA, 2 EWI, 3 EGA, 4 EGI, R's order); with the model name as `term`: `censoringLogLikelihood`, `censoringAIC`;
/// with `term` `EWI_p2` etc.: `censoringParameter`; with `term` `case:lower` (for example `"17:18404"`): `logWeight`.
public struct SCCSEventDependentObservationMethod: ValidationMethod {
    public let name = "sccs-eventdepenobs"
    public init() {}

    struct FixedModel: Decodable {
        var model: SCCSCensoringModel
        var parameters: [Double]
    }

    struct Spec: StrictModelSpec {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case indiv, start, end, event, censor, exposures, ageCutPoints, referenceAgeGroup, fixedCensoringModel
        }
        var indiv: String
        var start: String
        var end: String
        var event: String
        var censor: String
        var exposures: [SCCSExposureDefinition]
        var ageCutPoints: [Int]?
        var referenceAgeGroup: Int?
        var fixedCensoringModel: FixedModel?
    }

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: StrictModel<Spec>.self).spec
        let url = try validationCase.dataFile()
        let table: CSVTable
        do { table = try CSVTable.read(contentsOf: url) } catch { throw .data(error.description) }
        let levels = Set(validationCase.expected.map { $0.level ?? 0.95 })
        guard levels.count <= 1 else { throw .invalidCase("sccs-eventdepenobs cases use one confidence level") }
        do throws(SCCSError) {
            var data = try SCCSPreparedData(table: table, indiv: spec.indiv, start: spec.start, end: spec.end, event: spec.event)
            if data.columns[spec.start] == nil { data.columns[spec.start] = data.start.map { $0 } }
            if let fixed = spec.fixedCensoringModel, fixed.parameters.count != 4 {
                throw SCCSError.invalidDesign("fixedCensoringModel.parameters has \(fixed.parameters.count) values; the models have 4")
            }
            var model = try SCCSEventDependentObservation(
                data: data, exposures: spec.exposures, censorColumn: spec.censor, ageCutPoints: spec.ageCutPoints ?? [],
                referenceAgeGroup: spec.referenceAgeGroup)
            if let fixed = spec.fixedCensoringModel { model.fixedModel = (fixed.model, fixed.parameters) }
            return SCCSEventDependentObservationOutcome(result: try model.fit(level: levels.first ?? 0.95))
        } catch {
            throw .data(error.description)
        }
    }
}

struct SCCSEventDependentObservationOutcome: ValidationOutcome {
    let result: SCCSEventDependentObservationResult

    func censoringFit(_ term: String?) throws(ValidationError) -> SCCSCensoringFit {
        guard let t = term, let m = SCCSCensoringModel(rawValue: String(t.prefix(3))), let fit = result.censoringFit(m) else {
            throw .quantity("a censoring quantity needs a fitted model (\(result.censoringFits.map(\.model.rawValue).joined(separator: ", "))) as \"term\"")
        }
        return fit
    }

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        switch e.quantity {
        case "nullLogLikelihood": return result.nullLogLikelihood
        case "intervals": return Double(result.intervals.count)
        case "sumLogWeight": return result.intervals.reduce(0) { $0 + $1.logWeight }
        case "cases": return Double(result.regression.strata?.total ?? 0)
        case "censoredCases": return Double(result.casesCensored)
        case "selectedModel": return Double((SCCSCensoringModel.allCases.firstIndex(of: result.selected) ?? -1) + 1)
        case "censoringLogLikelihood": return try censoringFit(e.term).logLikelihood
        case "censoringAIC": return try censoringFit(e.term).aic
        case "censoringParameter":
            let fit = try censoringFit(e.term)
            guard let t = e.term, let k = Int(t.dropFirst(5)), t.dropFirst(3).hasPrefix("_p"), (1...4).contains(k) else {
                throw .quantity("censoringParameter needs a term such as EWI_p2")
            }
            return fit.parameters[k - 1]
        case "logWeight":
            let parts = e.term?.split(separator: ":") ?? []
            guard parts.count == 2, let lower = Int(parts[1]),
                let interval = result.intervals.first(where: { $0.caseID == String(parts[0]) && $0.lower == lower })
            else { throw .quantity("logWeight needs an interval as \"term\": \"case:lower\"") }
            return interval.logWeight
        default:
            return try RegressionOutcome(method: "sccs-eventdepenobs", result: result.regression).obtained(for: e)
        }
    }
}
