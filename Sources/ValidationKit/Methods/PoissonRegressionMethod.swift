/// The `poisson-regression` method: Poisson regression (log link) of a count column, optionally with log exposure time as offset.
///
/// Model specification: RegressionSpec; quantities: see ValidationOutcome and docs/validation.md.
public struct PoissonRegressionMethod: ValidationMethod {
    public let name = "poisson-regression"

    public init() {}

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        try fitRegression(.poisson, method: name, case: validationCase)
    }
}
