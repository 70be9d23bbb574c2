/// A method that validation cases can name: it runs a case's model on the case's data and hands back
/// the quantities the case's expected values ask for.
///
/// A method is a small type in its own file, registered by name in a ``MethodRegistry``. It reads its
/// own model specification with ``ValidationCase/model(as:)`` and its data with
/// ``ValidationCase/dataFile(role:)``; the runner does the rest (finding cases, comparing values,
/// reporting).
///
/// ```swift
/// struct SequenceSymmetryMethod: ValidationMethod {
///     let name = "ssa"
///     func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome { … }
/// }
/// var methods = MethodRegistry.standard
/// methods.register(SequenceSymmetryMethod())
/// let report = ValidationRunner(methods: methods).run(directory: url)
/// ```
public protocol ValidationMethod: Sendable {
    /// The name cases use in their `method` key, for example `logistic-regression`.
    var name: String { get }
    /// Runs the case's model on its data.
    ///
    /// - Throws: ``ValidationError`` when the specification, the data or the fit fails; the runner reports
    ///   the message as one failed row for the case.
    func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome
}

/// What a method obtained for one case, queried once per expected value.
public protocol ValidationOutcome {
    /// The obtained value of an expected quantity.
    ///
    /// - Throws: ``ValidationError/quantity(_:)`` for a quantity or term the method does not provide; the
    ///   runner reports it as a failed row.
    func obtained(for expectation: ExpectedValue) throws(ValidationError) -> Double
}

/// The methods a runner knows, by name.
public struct MethodRegistry: Sendable {
    private var methods: [String: any ValidationMethod] = [:]

    /// A registry holding `methods` (a later one replaces an earlier one of the same name).
    public init(_ methods: [any ValidationMethod] = []) {
        for m in methods { register(m) }
    }

    /// Adds a method, replacing any of the same name.
    public mutating func register(_ method: any ValidationMethod) {
        methods[method.name] = method
    }

    /// The method named `name`.
    public func method(named name: String) -> (any ValidationMethod)? { methods[name] }

    /// The registered names, sorted.
    public var names: [String] { methods.keys.sorted() }

    /// The methods that ship with ValidationKit: `logistic-regression`, `poisson-regression`,
    /// `conditional-poisson`.
    public static let standard = MethodRegistry([
        LogisticRegressionMethod(), PoissonRegressionMethod(), ConditionalPoissonMethod(), SCCSMethod(),
        SSAMethod(), CoxMethod(), PSMatchingMethod(), EmpiricalCalibrationMethod(), MaxSPRTMethod(),
        // Issue 14: event-dependent SCCS and R SCCS's sample size.
        SCCSEventDependentExposureMethod(), SCCSEventDependentObservationMethod(), SCCSSampleSizeMethod(),
    ])
}
