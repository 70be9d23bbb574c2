import Foundation
import SignalStats

/// The `model` object of the `maxsprt` method: a Poisson or binomial MaxSPRT design and what to compute.
/// Keys and quantities: docs/calibration.md ("Validation cases").
public struct MaxSPRTSpec: Decodable, Sendable, Equatable {
    /// `poisson` or `binomial`.
    public var test: String
    /// Poisson: expected events under the null at the end of surveillance (R `SampleSize`).
    public var surveillanceLength: Double?
    /// Binomial: cases at the end of surveillance (R `N`).
    public var maximumCases: Int?
    /// Binomial: matching ratio z (R `z`).
    public var matchingRatio: Double?
    /// Fewest events that may signal (R `M`, default 1).
    public var minimumEvents: Int?
    /// Group sizes (R `GroupSizes` as a vector); absent for continuous monitoring.
    public var groupSizes: [Double]?
    /// Equal group size (R `GroupSizes` as a scalar, binomial).
    public var groupSize: Int?
    /// Type I error for the critical value (default 0.05).
    public var alpha: Double?
    /// The critical value for performance and Type I error quantities (default: the one for `alpha`).
    public var criticalValue: Double?
    /// The true relative risk for performance quantities (default 1).
    public var relativeRisk: Double?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case test, surveillanceLength, maximumCases, matchingRatio, minimumEvents, groupSizes, groupSize, alpha,
            criticalValue, relativeRisk
    }

    /// Decodes the `model` object, rejecting unknown keys and an unknown `test`.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "a maxsprt model")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        test = try c.decode(String.self, forKey: .test)
        guard test == "poisson" || test == "binomial" else {
            throw DecodingError.dataCorruptedError(
                forKey: .test, in: c, debugDescription: "must be \"poisson\" or \"binomial\", not \"\(test)\"")
        }
        surveillanceLength = try c.decodeIfPresent(Double.self, forKey: .surveillanceLength)
        maximumCases = try c.decodeIfPresent(Int.self, forKey: .maximumCases)
        matchingRatio = try c.decodeIfPresent(Double.self, forKey: .matchingRatio)
        minimumEvents = try c.decodeIfPresent(Int.self, forKey: .minimumEvents)
        groupSizes = try c.decodeIfPresent([Double].self, forKey: .groupSizes)
        groupSize = try c.decodeIfPresent(Int.self, forKey: .groupSize)
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha)
        criticalValue = try c.decodeIfPresent(Double.self, forKey: .criticalValue)
        relativeRisk = try c.decodeIfPresent(Double.self, forKey: .relativeRisk)
    }
}

/// The `maxsprt` method: critical values, Type I error and performance of ``MaxSPRT/Poisson`` and
/// ``MaxSPRT/Binomial``. The case has no data file.
///
/// Quantities (model-level): `criticalValue`, `attainedAlpha`, `equivalentAbove` (discrete tests),
/// `typeIError` (at the model's `criticalValue`, or the computed one), `power`, `expectedTimeToSignal`,
/// `expectedSampleSize` (at `relativeRisk`); per look (`term` `look1`, `look2`, …): `threshold`, the events
/// (Poisson) or exposed cases (binomial) needed to signal at that look.
public struct MaxSPRTMethod: ValidationMethod {
    /// The name cases use in `method`.
    public let name = "maxsprt"

    /// The method.
    public init() {}

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: MaxSPRTSpec.self)
        let minimum = spec.minimumEvents ?? 1
        if spec.test == "poisson" {
            guard let length = spec.surveillanceLength else { throw .invalidCase("model.surveillanceLength is required for a poisson test") }
            return MaxSPRTOutcome(
                spec: spec,
                design: .poisson(MaxSPRT.Poisson(surveillanceLength: length, minimumEvents: minimum, groupSizes: spec.groupSizes)))
        }
        guard let n = spec.maximumCases, let z = spec.matchingRatio else {
            throw .invalidCase("model.maximumCases and model.matchingRatio are required for a binomial test")
        }
        var groups: [Int]?
        if let size = spec.groupSize {
            guard size >= 1, n % size == 0 else { throw .invalidCase("model.groupSize must divide model.maximumCases") }
            groups = Array(repeating: size, count: n / size)
        } else if let sizes = spec.groupSizes {
            guard sizes.allSatisfy({ $0 == $0.rounded() && $0 >= 1 }) else {
                throw .invalidCase("model.groupSizes of a binomial test must be positive whole numbers")
            }
            groups = sizes.map { Int($0) }
        }
        return MaxSPRTOutcome(
            spec: spec, design: .binomial(MaxSPRT.Binomial(maximumCases: n, minimumEvents: minimum, matchingRatio: z, groupSizes: groups)))
    }
}

struct MaxSPRTOutcome: ValidationOutcome {
    enum Design {
        case poisson(MaxSPRT.Poisson)
        case binomial(MaxSPRT.Binomial)
    }

    let spec: MaxSPRTSpec
    let design: Design

    static let quantities = [
        "criticalValue", "attainedAlpha", "equivalentAbove", "typeIError", "power", "expectedTimeToSignal",
        "expectedSampleSize", "threshold",
    ]

    func criticalValue() throws(MaxSPRTError) -> SequentialCriticalValue {
        let alpha = spec.alpha ?? 0.05
        switch design {
        case .poisson(let p): return try p.criticalValue(alpha: alpha)
        case .binomial(let b): return try b.criticalValue(alpha: alpha)
        }
    }

    /// Runs a MaxSPRT computation, reporting its error as a model failure.
    func run<T>(_ body: () throws(MaxSPRTError) -> T) throws(ValidationError) -> T {
        do throws(MaxSPRTError) {
            return try body()
        } catch {
            throw .model(error.description)
        }
    }

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        guard Self.quantities.contains(e.quantity) else {
            throw .quantity("unknown quantity \"\(e.quantity)\" for maxsprt; known: " + Self.quantities.joined(separator: ", "))
        }
        if e.quantity != "threshold", let term = e.term {
            throw .quantity("\(e.quantity) is model-level: remove \"term\": \"\(term)\"")
        }
        switch e.quantity {
        case "criticalValue": return try run { () throws(MaxSPRTError) in try criticalValue().criticalValue }
        case "attainedAlpha": return try run { () throws(MaxSPRTError) in try criticalValue().attainedAlpha }
        case "equivalentAbove":
            guard let v = try run({ () throws(MaxSPRTError) in try criticalValue().equivalentAbove }) else {
                throw .quantity("equivalentAbove exists for the discrete (group or binomial) tests only")
            }
            return v
        default: break
        }
        let cv: Double
        if let given = spec.criticalValue {
            cv = given
        } else {
            cv = try run { () throws(MaxSPRTError) in try criticalValue().criticalValue }
        }
        if e.quantity == "threshold" {
            guard let term = e.term, term.hasPrefix("look"), let k = Int(term.dropFirst(4)), k >= 1 else {
                throw .quantity("threshold needs \"term\": \"lookK\" (K = 1, 2, …)")
            }
            switch design {
            case .poisson(let p):
                let looks = p.looks
                guard k <= looks.count else { throw .quantity("the test has \(looks.count) looks") }
                return Double(p.threshold(at: looks[k - 1], cv: cv))
            case .binomial(let b):
                let looks = b.looks
                guard k <= looks.count else { throw .quantity("the test has \(looks.count) looks") }
                return Double(b.threshold(cases: looks[k - 1], cv: cv))
            }
        }
        let rr = e.quantity == "typeIError" ? 1 : (spec.relativeRisk ?? 1)
        let perf = try run { () throws(MaxSPRTError) -> SequentialPerformance in
            switch design {
            case .poisson(let p): return try p.performance(criticalValue: cv, relativeRisk: rr)
            case .binomial(let b): return try b.performance(criticalValue: cv, relativeRisk: rr)
            }
        }
        switch e.quantity {
        case "typeIError", "power": return perf.power
        case "expectedTimeToSignal": return perf.expectedTimeToSignal
        default: return perf.expectedSampleSize
        }
    }
}
