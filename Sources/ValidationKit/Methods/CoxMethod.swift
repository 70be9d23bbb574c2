import CohortModel
import Foundation
import SignalStats

/// The `cox` method: Cox proportional hazards regression of right-censored data in one CSV file, as R
/// `survival::coxph(Surv(time, status) ~ covariates + strata(s), weights = w, cluster = id, ties = ...)`.
///
/// Model specification:
/// ```json
/// "model": {
///   "time": "time", "status": "event",
///   "covariates": [{"name": "age", "type": "numeric"}, {"name": "sex", "type": "numeric"}],
///   "ties": "efron", "strata": "celltype", "weights": "w", "cluster": "inst", "robust": true
/// }
/// ```
/// `status` must be 0/1 (1 = event); `ties` is `efron` (default) or `breslow`; `strata`, `weights`, `cluster` and
/// `robust` are optional (`cluster` implies `robust`; `robust` alone makes each row its own cluster).
///
/// Quantities per term: `coefficient`, `standardError` (model-based, R's `sqrt(diag(fit$naive.var))` under a robust
/// fit), `robustStandardError`, `zStatistic`, `pValue`, `expCoefficient`, `ciLower`, `ciUpper`, `expCiLower`,
/// `expCiUpper` (the last six from the robust variance when the fit is robust, as R's `summary.coxph`), and the
/// proportional-hazards score tests `phChiSquare.identity`, `phChiSquare.km`, `phPValue.identity`, `phPValue.km`
/// (R `cox.zph(fit, transform, terms = FALSE)`; term `GLOBAL` for the joint test). Per model: `logLikelihood`,
/// `nullLogLikelihood`, `observations`, `events`, `strata`, `clusters`.
public struct CoxMethod: ValidationMethod {
    public let name = "cox"
    public init() {}

    struct Spec: Decodable {
        var time: String
        var status: String
        var covariates: [CovariateSpec]
        var ties: CoxTies?
        var strata: String?
        var weights: String?
        var cluster: String?
        var robust: Bool?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case time, status, covariates, ties, strata, weights, cluster, robust
        }

        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "a cox model")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            time = try c.decode(String.self, forKey: .time)
            status = try c.decode(String.self, forKey: .status)
            covariates = try c.decode([CovariateSpec].self, forKey: .covariates)
            ties = try c.decodeIfPresent(CoxTies.self, forKey: .ties)
            strata = try c.decodeIfPresent(String.self, forKey: .strata)
            weights = try c.decodeIfPresent(String.self, forKey: .weights)
            cluster = try c.decodeIfPresent(String.self, forKey: .cluster)
            robust = try c.decodeIfPresent(Bool.self, forKey: .robust)
        }
    }

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: Spec.self)
        guard !spec.covariates.isEmpty else { throw .invalidCase("model.covariates is empty: nothing to estimate") }
        let url = try validationCase.dataFile()
        var time: [Double] = [], status: [Double] = [], weights: [Double]? = nil
        var strata: [Int]? = nil, cluster: [Int]? = nil
        var covariates: [Covariate] = []
        do throws(CSVError) {
            let table = try CSVTable.read(contentsOf: url)
            var names = [spec.time, spec.status] + spec.covariates.map(\.name)
            for c in [spec.strata, spec.weights, spec.cluster] { if let c { names.append(c) } }
            try table.requireColumns(names)
            time = try table.doubles(spec.time)
            status = try table.doubles(spec.status)
            for c in spec.covariates {
                switch c.type {
                case .numeric: covariates.append(.numeric(name: c.name, values: try table.doubles(c.name)))
                case .categorical:
                    let values = try table.strings(c.name, allowMissing: false).compactMap { $0 }
                    covariates.append(.categorical(name: c.name, values: values, levels: c.levels, reference: c.reference))
                }
            }
            if let w = spec.weights { weights = try table.doubles(w) }
            if let s = spec.strata { strata = labels(try table.strings(s, allowMissing: false)) }
            if let c = spec.cluster { cluster = labels(try table.strings(c, allowMissing: false)) }
        } catch {
            throw .data(error.description)
        }
        let result: CoxResult
        do throws(RegressionError) {
            let design = try DesignMatrix(covariates: covariates, intercept: false)
            result = try CoxRegression(
                time: time, status: status, design: design, strata: strata, weights: weights, cluster: cluster,
                robust: spec.robust ?? false, ties: spec.ties ?? .efron
            ).fit()
        } catch {
            throw .model(error.description)
        }
        guard result.regression.convergence.isConverged else {
            throw .model("the fit did not converge: \(result.regression.convergence)")
        }
        return CoxOutcome(result: result)
    }

    /// Text labels numbered in order of first appearance.
    private func labels(_ values: [String?]) -> [Int] {
        var ids: [String: Int] = [:]
        return values.map { v in
            let key = v ?? ""
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
    }
}

struct CoxOutcome: ValidationOutcome {
    let result: CoxResult

    static let termQuantities = [
        "coefficient", "standardError", "robustStandardError", "zStatistic", "pValue", "expCoefficient", "ciLower",
        "ciUpper", "expCiLower", "expCiUpper",
    ]
    static let phQuantities = ["phChiSquare.identity", "phChiSquare.km", "phPValue.identity", "phPValue.km"]
    static let modelQuantities = ["logLikelihood", "nullLogLikelihood", "observations", "events", "strata", "clusters"]

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        let intervals: Set<String> = ["ciLower", "ciUpper", "expCiLower", "expCiUpper"]
        if e.level != nil && !intervals.contains(e.quantity) {
            throw .quantity("\"level\" applies to interval quantities only (\(intervals.sorted().joined(separator: ", ")))")
        }
        if Self.modelQuantities.contains(e.quantity) {
            if let term = e.term { throw .quantity("\(e.quantity) is a model-level quantity: remove \"term\": \"\(term)\"") }
            switch e.quantity {
            case "logLikelihood": return result.logLikelihood
            case "nullLogLikelihood": return result.nullLogLikelihood
            case "observations": return Double(result.regression.observations)
            case "events": return Double(result.events)
            case "strata": return Double(result.strataCount)
            default:
                guard let c = result.clusterCount else { throw .quantity("clusters: the fit has no robust variance") }
                return Double(c)
            }
        }
        if Self.phQuantities.contains(e.quantity) {
            guard let term = e.term else { throw .quantity("\(e.quantity) needs a \"term\" (a model term or GLOBAL)") }
            let transform: PHTimeTransform = e.quantity.hasSuffix(".km") ? .km : .identity
            let test: ProportionalHazardsTest
            do throws(RegressionError) { test = try result.proportionalHazardsTest(transform: transform) } catch {
                throw .quantity(error.description)
            }
            guard let row = test.row(term) else {
                throw .quantity("no term \"\(term)\"; the fit's terms are \(result.terms.joined(separator: ", ")), GLOBAL")
            }
            return e.quantity.hasPrefix("phChiSquare") ? row.chiSquare : row.pValue
        }
        guard Self.termQuantities.contains(e.quantity) else {
            throw .quantity(
                "unknown quantity \"\(e.quantity)\" for cox; per term: "
                    + (Self.termQuantities + Self.phQuantities).joined(separator: ", ") + "; per model: "
                    + Self.modelQuantities.joined(separator: ", "))
        }
        guard let term = e.term else { throw .quantity("\(e.quantity) needs a \"term\"") }
        guard let k = result.terms.firstIndex(of: term) else {
            if let a = result.regression.aliased.first(where: { $0.name == term }) {
                throw .quantity("term \(term) was not estimated: \(a.reason.rawValue)")
            }
            throw .quantity("no term \"\(term)\"; the fit's terms are \(result.terms.joined(separator: ", "))")
        }
        switch e.quantity {
        case "coefficient": return result.coefficients[k]
        case "standardError": return result.standardErrors[k]
        case "robustStandardError":
            guard let r = result.robustStandardErrors else { throw .quantity("robustStandardError: the fit is not robust") }
            return r[k]
        case "expCoefficient": return Foundation.exp(result.coefficients[k])
        default: break
        }
        let hr: HazardRatioEstimate
        do throws(RegressionError) { hr = try result.hazardRatios(level: e.level ?? 0.95)[k] } catch {
            throw .quantity(error.description)
        }
        let z = hr.upper > 0 ? Foundation.log(hr.upper) - hr.logHazardRatio : .nan
        switch e.quantity {
        case "zStatistic": return hr.zStatistic
        case "pValue": return hr.pValue
        case "ciLower": return hr.logHazardRatio - z
        case "ciUpper": return hr.logHazardRatio + z
        case "expCiLower": return hr.lower
        default: return hr.upper
        }
    }
}
