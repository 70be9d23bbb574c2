import CohortModel
import Foundation
import SignalStats

/// The `model` object of the regression methods (`logistic-regression`, `poisson-regression`,
/// `conditional-poisson`): column names of the case's single CSV file.
public struct RegressionSpec: Decodable, Sendable, Equatable {
    /// The response column: 0/1 for logistic regression, counts for the Poisson models.
    public var response: String
    /// The covariates, in design-column order.
    public var covariates: [CovariateSpec]
    /// Whether the design has an intercept; `nil` means the method's default (true, except false for
    /// `conditional-poisson`, where the strata absorb it).
    public var intercept: Bool?
    /// A column of positive exposure times whose log is the offset (Poisson models only).
    public var exposureTime: String?
    /// The stratum column (`conditional-poisson` only, where it is required).
    public var strata: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case response, covariates, intercept, exposureTime, strata
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "a regression model")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        response = try c.decode(String.self, forKey: .response)
        covariates = try c.decode([CovariateSpec].self, forKey: .covariates)
        intercept = try c.decodeIfPresent(Bool.self, forKey: .intercept)
        exposureTime = try c.decodeIfPresent(String.self, forKey: .exposureTime)
        strata = try c.decodeIfPresent(String.self, forKey: .strata)
    }
}

/// One covariate of a ``RegressionSpec``: a CSV column used as a number or as a factor.
public struct CovariateSpec: Decodable, Sendable, Equatable {
    /// How the column enters the design.
    public enum Kind: String, Decodable, Sendable {
        /// One design column holding the numbers.
        case numeric
        /// One 0/1 indicator column per level other than the reference.
        case categorical
    }
    /// The column name (and the design column's name, or prefix of its indicator names).
    public var name: String
    /// Numeric or categorical.
    public var type: Kind
    /// Categorical only: the omitted level (default: the first level).
    public var reference: String?
    /// Categorical only: every level, in indicator-column order (default: the levels present, sorted).
    public var levels: [String]?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, reference, levels
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "a covariate")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decode(Kind.self, forKey: .type)
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        levels = try c.decodeIfPresent([String].self, forKey: .levels)
        if type == .numeric && (reference != nil || levels != nil) {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c, debugDescription: "\"reference\" and \"levels\" apply to categorical covariates only")
        }
    }
}

/// The three regression models, as the shared loader sees them.
enum RegressionKind {
    case logistic, poisson, conditionalPoisson
}

/// Reads a regression case's data and fits its model.
func fitRegression(_ kind: RegressionKind, method: String, case validationCase: ValidationCase) throws(ValidationError)
    -> RegressionOutcome
{
    let spec = try validationCase.model(as: RegressionSpec.self)
    let intercept: Bool
    switch kind {
    case .logistic, .poisson:
        intercept = spec.intercept ?? true
        if spec.strata != nil { throw .invalidCase("model.strata applies to conditional-poisson only, not \(method)") }
    case .conditionalPoisson:
        if spec.intercept == true {
            throw .invalidCase("model.intercept must be false for \(method): the strata absorb the intercept")
        }
        intercept = false
        if spec.strata == nil { throw .invalidCase("missing key \"strata\" at model: \(method) needs a stratum column") }
    }
    if kind == .logistic, spec.exposureTime != nil {
        throw .invalidCase("model.exposureTime applies to the Poisson methods only, not \(method)")
    }
    if spec.covariates.isEmpty && !intercept {
        throw .invalidCase("model.covariates is empty and there is no intercept: nothing to estimate")
    }

    let url = try validationCase.dataFile()
    let columns: RegressionColumns
    do throws(CSVError) {
        columns = try RegressionColumns(table: CSVTable.read(contentsOf: url), spec: spec)
    } catch {
        throw .data(error.description)
    }

    let result: RegressionResult
    do throws(RegressionError) {
        let design = try DesignMatrix(covariates: columns.covariates, intercept: intercept)
        switch kind {
        case .logistic:
            result = try LogisticRegression(response: columns.response, design: design).fit()
        case .poisson:
            result = try PoissonRegression(counts: columns.response, exposureTime: columns.exposure, design: design).fit()
        case .conditionalPoisson:
            result = try ConditionalPoissonRegression(
                counts: columns.response, strata: columns.strata ?? [], exposureTime: columns.exposure, design: design
            ).fit()
        }
    } catch {
        throw .model(error.description)
    }
    guard result.convergence.isConverged else { throw .model("the fit did not converge: \(result.convergence)") }
    return RegressionOutcome(method: method, result: result)
}

/// The columns a regression case uses, read from its CSV file.
struct RegressionColumns {
    var response: [Double]
    var covariates: [Covariate] = []
    var exposure: [Double]?
    /// Stratum labels numbered in order of first appearance.
    var strata: [Int]?

    init(table: CSVTable, spec: RegressionSpec) throws(CSVError) {
        var names = [spec.response] + spec.covariates.map(\.name)
        if let e = spec.exposureTime { names.append(e) }
        if let s = spec.strata { names.append(s) }
        try table.requireColumns(names)
        response = try table.doubles(spec.response)
        for c in spec.covariates {
            switch c.type {
            case .numeric:
                covariates.append(.numeric(name: c.name, values: try table.doubles(c.name)))
            case .categorical:
                let values = try table.strings(c.name, allowMissing: false).compactMap { $0 }
                covariates.append(.categorical(name: c.name, values: values, levels: c.levels, reference: c.reference))
            }
        }
        if let e = spec.exposureTime { exposure = try table.doubles(e) }
        if let s = spec.strata {
            var ids: [String: Int] = [:]
            strata = try table.strings(s, allowMissing: false).map { label in
                let key = label ?? ""
                if let id = ids[key] { return id }
                ids[key] = ids.count
                return ids.count - 1
            }
        }
    }
}
