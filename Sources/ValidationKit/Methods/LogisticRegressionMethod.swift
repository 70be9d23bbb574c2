/// The `logistic-regression` method: Logistic regression (binomial response, logit link) of a 0/1 response column.
///
/// Model specification: RegressionSpec; quantities: see ValidationOutcome and docs/validation.md.
public struct LogisticRegressionMethod: ValidationMethod {
    public let name = "logistic-regression"

    public init() {}

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        try fitRegression(.logistic, method: name, case: validationCase)
    }
}
