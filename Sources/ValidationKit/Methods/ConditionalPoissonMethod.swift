/// The `conditional-poisson` method: Conditional Poisson regression (the self-controlled case series likelihood): counts in rows grouped by a stratum column, optionally with log exposure time as offset; no intercept.
///
/// Model specification: RegressionSpec; quantities: see ValidationOutcome and docs/validation.md.
public struct ConditionalPoissonMethod: ValidationMethod {
    public let name = "conditional-poisson"

    public init() {}

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        try fitRegression(.conditionalPoisson, method: name, case: validationCase)
    }
}
