/// The `poisson-regression` method: Poisson regression (log link) of a count column, optionally with log exposure time as offset.
///
/// Model specification: ``RegressionSpec``; quantities and their definitions: docs/validation.md.
public struct PoissonRegressionMethod: ValidationMethod {
    /// The name cases use in `method`.
    public let name = "poisson-regression"

    /// The method.
    public init() {}

    /// Reads the case's CSV file, fits the model and returns its quantities.
    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        try fitRegression(.poisson, method: name, case: validationCase)
    }
}
