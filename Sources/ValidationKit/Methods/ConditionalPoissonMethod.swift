/// The `conditional-poisson` method: Conditional Poisson regression (the self-controlled case series likelihood): counts in rows grouped by a stratum column, optionally with log exposure time as offset; no intercept.
///
/// Model specification: ``RegressionSpec``; quantities and their definitions: docs/validation.md.
public struct ConditionalPoissonMethod: ValidationMethod {
    /// The name cases use in `method`.
    public let name = "conditional-poisson"

    /// The method.
    public init() {}

    /// Reads the case's CSV file, fits the model and returns its quantities.
    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        try fitRegression(.conditionalPoisson, method: name, case: validationCase)
    }
}
