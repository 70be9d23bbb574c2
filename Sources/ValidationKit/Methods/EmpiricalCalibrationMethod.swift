import CohortModel
import Foundation
import SignalStats

/// The `model` object of the `empirical-calibration` method: columns of a table of estimates, which rows
/// are negative controls, and the estimate to calibrate. Keys and quantities: docs/calibration.md
/// ("Validation cases").
public struct EmpiricalCalibrationSpec: Decodable, Sendable, Equatable {
    /// Column of row names (controls and the estimate).
    public var name: String
    /// Column of log estimates (default `logRr`).
    public var logRr: String?
    /// Column of standard errors (default `seLogRr`).
    public var seLogRr: String?
    /// Column marking negative controls (default `groundTruth`).
    public var controlColumn: String?
    /// Value of ``controlColumn`` on negative-control rows (default `0`).
    public var controlValue: String?
    /// Name of the row whose estimate is calibrated (needed for `calibratedP` and `calibrated…`).
    public var estimate: String?
    /// Column of true log effects in the `positiveControls` file (default `trueLogRr`).
    public var trueLogRr: String?
    /// Fewer usable controls than this: calibration is not computed (default 5).
    public var minimumControls: Int?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, logRr, seLogRr, controlColumn, controlValue, estimate, trueLogRr, minimumControls
    }

    /// Decodes the `model` object, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "an empirical-calibration model")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        logRr = try c.decodeIfPresent(String.self, forKey: .logRr)
        seLogRr = try c.decodeIfPresent(String.self, forKey: .seLogRr)
        controlColumn = try c.decodeIfPresent(String.self, forKey: .controlColumn)
        controlValue = try c.decodeIfPresent(String.self, forKey: .controlValue)
        estimate = try c.decodeIfPresent(String.self, forKey: .estimate)
        trueLogRr = try c.decodeIfPresent(String.self, forKey: .trueLogRr)
        minimumControls = try c.decodeIfPresent(Int.self, forKey: .minimumControls)
    }
}

/// The `empirical-calibration` method: fits the empirical null to a table's negative controls
/// (``EmpiricalNull``), calibrates one estimate's p-value, and, when the case has a `positiveControls`
/// file, fits the ``SystematicErrorModel`` over negative and positive controls and calibrates the estimate's
/// interval.
///
/// `data` is the estimates file, or `{"estimates": …, "positiveControls": …}`.
public struct EmpiricalCalibrationMethod: ValidationMethod {
    /// The name cases use in `method`.
    public let name = "empirical-calibration"

    /// The method.
    public init() {}

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: EmpiricalCalibrationSpec.self)
        let xColumn = spec.logRr ?? "logRr"
        let sColumn = spec.seLogRr ?? "seLogRr"
        let roleColumn = spec.controlColumn ?? "groundTruth"
        let controlValue = spec.controlValue ?? "0"
        let hasPositives: Bool
        let estimatesURL: URL
        switch validationCase.data {
        case .named?:
            estimatesURL = try validationCase.dataFile(role: "estimates")
            hasPositives = true
        default:
            estimatesURL = try validationCase.dataFile()
            hasPositives = false
        }
        let positivesURL = hasPositives ? try validationCase.dataFile(role: "positiveControls") : nil
        var negatives: (x: [Double], s: [Double]) = ([], [])
        var estimate: (x: Double, s: Double)?
        var positives: (x: [Double], s: [Double], t: [Double]) = ([], [], [])
        do throws(CSVError) {
            let table = try CSVTable.read(contentsOf: estimatesURL)
            try table.requireColumns([spec.name, xColumn, sColumn, roleColumn])
            let names = try table.strings(spec.name)
            let roles = try table.strings(roleColumn)
            let x = try table.doubles(xColumn)
            let s = try table.doubles(sColumn)
            for i in names.indices {
                if roles[i] == controlValue {
                    negatives.x.append(x[i])
                    negatives.s.append(s[i])
                }
                if names[i] == spec.estimate { estimate = (x[i], s[i]) }
            }
            if let positivesURL {
                let positiveTable = try CSVTable.read(contentsOf: positivesURL)
                let tColumn = spec.trueLogRr ?? "trueLogRr"
                try positiveTable.requireColumns([xColumn, sColumn, tColumn])
                positives = (
                    try positiveTable.doubles(xColumn), try positiveTable.doubles(sColumn),
                    try positiveTable.doubles(tColumn)
                )
            }
        } catch {
            throw .data(error.description)
        }
        if let wanted = spec.estimate, estimate == nil {
            throw .data("no row named \"\(wanted)\" in column \(spec.name) of \(estimatesURL.lastPathComponent)")
        }
        let minimum = spec.minimumControls ?? EmpiricalNull.defaultMinimumControls
        do throws(CalibrationError) {
            let null = try EmpiricalNull.fit(logRr: negatives.x, seLogRr: negatives.s, minimumControls: minimum)
            var model: CalibrationOutcome<SystematicErrorModel>?
            if hasPositives {
                model = try SystematicErrorModel.fit(
                    logRr: negatives.x + positives.x, seLogRr: negatives.s + positives.s,
                    trueLogRr: Array(repeating: 0, count: negatives.x.count) + positives.t, minimumControls: minimum)
            }
            return EmpiricalCalibrationOutcome(null: null, model: model, estimate: estimate)
        } catch {
            throw .model(error.description)
        }
    }
}

/// The quantities of an `empirical-calibration` case (all model-level; `level` for the interval bounds).
///
/// Null: `nullMean`, `nullSd`, `nullMinusLogLikelihood`, `controlCount`, `excludedCount`, `ease`,
/// `calibratedP` (two-sided, of the `estimate` row). Systematic error model (with positive controls):
/// `errorModelMeanIntercept`, `errorModelMeanSlope`, `errorModelSdIntercept`, `errorModelSdSlope`,
/// `errorModelMinusLogLikelihood`, `calibratedLogRr`, `calibratedLogLower`, `calibratedLogUpper`,
/// `calibratedSeLogRr`.
struct EmpiricalCalibrationOutcome: ValidationOutcome {
    let null: CalibrationOutcome<EmpiricalNull>
    let model: CalibrationOutcome<SystematicErrorModel>?
    let estimate: (x: Double, s: Double)?

    static let nullQuantities = [
        "nullMean", "nullSd", "nullMinusLogLikelihood", "controlCount", "excludedCount", "ease", "calibratedP",
    ]
    static let modelQuantities = [
        "errorModelMeanIntercept", "errorModelMeanSlope", "errorModelSdIntercept", "errorModelSdSlope",
        "errorModelMinusLogLikelihood", "calibratedLogRr", "calibratedLogLower", "calibratedLogUpper",
        "calibratedSeLogRr",
    ]

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        if let term = e.term {
            throw .quantity("empirical-calibration quantities are model-level: remove \"term\": \"\(term)\"")
        }
        if Self.nullQuantities.contains(e.quantity) {
            let n: EmpiricalNull
            switch null {
            case .computed(let v): n = v
            case .notComputed(let reason): throw .model("empirical null \(reason)")
            }
            switch e.quantity {
            case "nullMean": return n.mean
            case "nullSd": return n.sd
            case "nullMinusLogLikelihood": return -n.logLikelihood
            case "controlCount": return Double(n.controlCount)
            case "excludedCount": return Double(n.excludedCount)
            case "ease": return n.expectedAbsoluteSystematicError
            default:
                let est = try requireEstimate()
                return n.calibratedP(logRr: est.x, seLogRr: est.s)
            }
        }
        guard Self.modelQuantities.contains(e.quantity) else {
            throw .quantity(
                "unknown quantity \"\(e.quantity)\" for empirical-calibration; null: "
                    + Self.nullQuantities.joined(separator: ", ") + "; error model: "
                    + Self.modelQuantities.joined(separator: ", "))
        }
        guard let model else {
            throw .quantity("\(e.quantity) needs positive controls: give \"data\" as {\"estimates\": …, \"positiveControls\": …}")
        }
        let m: SystematicErrorModel
        switch model {
        case .computed(let v): m = v
        case .notComputed(let reason): throw .model("systematic error model \(reason)")
        }
        switch e.quantity {
        case "errorModelMeanIntercept": return m.meanIntercept
        case "errorModelMeanSlope": return m.meanSlope
        case "errorModelSdIntercept": return m.sdIntercept
        case "errorModelSdSlope": return m.sdSlope
        case "errorModelMinusLogLikelihood": return -m.logLikelihood
        default: break
        }
        let est = try requireEstimate()
        let calibrated: CalibratedEstimate
        do throws(CalibrationError) {
            calibrated = try m.calibrate(logRr: est.x, seLogRr: est.s, level: e.level ?? 0.95)
        } catch {
            throw .model(error.description)
        }
        switch e.quantity {
        case "calibratedLogRr": return calibrated.logRr
        case "calibratedLogLower": return calibrated.logLower
        case "calibratedLogUpper": return calibrated.logUpper
        default: return calibrated.seLogRr
        }
    }

    func requireEstimate() throws(ValidationError) -> (x: Double, s: Double) {
        guard let estimate else { throw .quantity("this quantity needs \"estimate\" in the model (a row name)") }
        return estimate
    }
}
