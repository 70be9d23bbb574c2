/// The `logistic-regression` method: Logistic regression (binomial response, logit link) of a 0/1 response column.
///
/// Model specification: ``RegressionSpec``; quantities and their definitions: docs/validation.md.
public struct LogisticRegressionMethod: ValidationMethod {
    /// The name cases use in `method`.
    public let name = "logistic-regression"

    /// The method.
    public init() {}

    /// Reads the case's CSV file, fits the model and returns its quantities.
    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        try fitRegression(.logistic, method: name, case: validationCase)
    }
}
