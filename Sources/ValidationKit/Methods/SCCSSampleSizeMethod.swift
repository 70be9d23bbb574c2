import Foundation
import SignalStats

/// The `sccs-samplesize` method: SCCS sample size (R `SCCS::samplesize`; Musonda, Farrington & Whitaker 2006). No
/// data file.
///
/// Model specification (R's argument names in parentheses):
/// ```json
/// "model": { "relativeIncidence": 2.5, "riskDays": 21, "start": 366, "end": 730,
///            "exposedProportions": [0.5, 0.35, 0.1, 0.05], "ageEffects": [1.2, 1.6, 2.0],
///            "ageCutPoints": [457, 548, 639], "alpha": 0.05, "power": 0.8 }
/// ```
/// (`eexpo`, `risk`, `astart`, `aend`, `p`, `eage`, `agegrp`, `alpha`, `power`). Quantities: `cases` (R's result,
/// rounded up) and `unroundedCases`.
public struct SCCSSampleSizeMethod: ValidationMethod {
    public let name = "sccs-samplesize"
    public init() {}

    struct Spec: StrictModelSpec {
        enum CodingKeys: String, CodingKey, CaseIterable {
            case relativeIncidence, riskDays, start, end, exposedProportions, ageEffects, ageCutPoints, alpha, power
        }
        var relativeIncidence: Double
        var riskDays: Int
        var start: Int
        var end: Int
        var exposedProportions: [Double]?
        var ageEffects: [Double]?
        var ageCutPoints: [Int]?
        var alpha: Double?
        var power: Double?
    }

    struct Outcome: ValidationOutcome {
        let size: SCCSSampleSize
        func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
            switch e.quantity {
            case "cases": return Double(size.cases)
            case "unroundedCases": return size.unroundedCases
            default: throw .quantity("unknown quantity \"\(e.quantity)\" for sccs-samplesize; quantities: cases, unroundedCases")
            }
        }
    }

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let s = try validationCase.model(as: StrictModel<Spec>.self).spec
        do throws(SCCSError) {
            return Outcome(size: try SCCSSampleSize(
                relativeIncidence: s.relativeIncidence, riskDays: s.riskDays, start: s.start, end: s.end,
                exposedProportions: s.exposedProportions ?? [1], ageEffects: s.ageEffects ?? [], ageCutPoints: s.ageCutPoints ?? [],
                alpha: s.alpha ?? 0.05, power: s.power ?? 0.8))
        } catch {
            throw .invalidCase(error.description)
        }
    }
}
