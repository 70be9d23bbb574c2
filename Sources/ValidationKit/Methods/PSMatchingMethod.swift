import CohortModel
import Foundation
import SignalStats

/// The `ps-matching` method: a propensity score (fitted by logistic regression, or read from a column), greedy
/// nearest-neighbour matching on it, covariate balance before and after (MatchIt's definitions for the ATT), and the
/// matched mean difference of an outcome.
///
/// Model specification:
/// ```json
/// "model": {
///   "id": "id", "treatment": "treat",
///   "psCovariates": [{"name": "age", "type": "numeric"}, {"name": "race", "type": "categorical", "reference": "black"}],
///   "matching": {"scale": "probability", "caliper": null, "ratio": 1, "variableRatio": false,
///                "replacement": false, "order": "descendingScore"},
///   "balanceCovariates": [{"name": "age", "type": "numeric"}, {"name": "race", "type": "categorical"}],
///   "outcome": "re78"
/// }
/// ```
/// `treatment` is a 0/1 column (1 = treated). The score is `psCovariates` fitted with an intercept, or a `score` column
/// of probabilities. `matching.caliper` is `null` (none), `{"standardDeviations": 0.2}` (pooled SD of the matching
/// scale, Austin 2011) or `{"absolute": 0.05}`; every `matching` key is optional with ``MatchingOptions``'s defaults
/// (logit scale, 0.2-SD caliper, 1:1, without replacement, descending score). A categorical balance covariate
/// enters as one 0/1 indicator per level, named column + level (`raceblack`), as MatchIt prints them; the score
/// itself is the balance row `distance`. `data` is the CSV file, or `{"data": ..., "pairs": ...}` with a reference
/// file of `treated,control` id pairs.
///
/// Quantities per balance term: `treatedMeanBefore`, `comparatorMeanBefore`, `smdBefore`, `treatedMeanAfter`,
/// `comparatorMeanAfter`, `smdAfter`; per propensity-model term: `psCoefficient`. Per model: `matchedTreated`,
/// `unmatchedTreated`, `matchedComparators`, `unmatchedComparators`, `att` (matched mean difference of `outcome`),
/// `pairsInReference` (pairs also in the reference file), `maxAbsSmdBefore`, `maxAbsSmdAfter`, `caliper`.
public struct PSMatchingMethod: ValidationMethod {
    public let name = "ps-matching"
    public init() {}

    struct Spec: Decodable {
        var id: String?
        var treatment: String
        var psCovariates: [CovariateSpec]?
        var score: String?
        var matching: MatchingSpec?
        var balanceCovariates: [CovariateSpec]
        var outcome: String?

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case id, treatment, psCovariates, score, matching, balanceCovariates, outcome
        }

        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "a ps-matching model")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            treatment = try c.decode(String.self, forKey: .treatment)
            psCovariates = try c.decodeIfPresent([CovariateSpec].self, forKey: .psCovariates)
            score = try c.decodeIfPresent(String.self, forKey: .score)
            matching = try c.decodeIfPresent(MatchingSpec.self, forKey: .matching)
            balanceCovariates = try c.decode([CovariateSpec].self, forKey: .balanceCovariates)
            outcome = try c.decodeIfPresent(String.self, forKey: .outcome)
            if (psCovariates == nil) == (score == nil) {
                throw DecodingError.dataCorruptedError(
                    forKey: .score, in: c, debugDescription: "give exactly one of \"psCovariates\" and \"score\"")
            }
        }
    }

    struct MatchingSpec: Decodable {
        var options = MatchingOptions()

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case scale, caliper, ratio, variableRatio, replacement, order
        }
        private enum CaliperKeys: String, CodingKey, CaseIterable {
            case standardDeviations, absolute
        }

        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "model.matching")
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let s = try c.decodeIfPresent(MatchingOptions.Scale.self, forKey: .scale) { options.scale = s }
            if c.contains(.caliper) {
                if try c.decodeNil(forKey: .caliper) {
                    options.caliper = .none
                } else {
                    let sub = try c.superDecoder(forKey: .caliper)
                    try rejectUnknownKeys(sub, allowed: CaliperKeys.allCases.map(\.rawValue), in: "model.matching.caliper")
                    let k = try sub.container(keyedBy: CaliperKeys.self)
                    if let sd = try k.decodeIfPresent(Double.self, forKey: .standardDeviations) {
                        options.caliper = .standardDeviations(sd)
                    } else if let a = try k.decodeIfPresent(Double.self, forKey: .absolute) {
                        options.caliper = .absolute(a)
                    } else {
                        throw DecodingError.dataCorruptedError(
                            forKey: .caliper, in: c, debugDescription: "caliper needs \"standardDeviations\" or \"absolute\"")
                    }
                }
            }
            let ratio = try c.decodeIfPresent(Int.self, forKey: .ratio) ?? 1
            let variable = try c.decodeIfPresent(Bool.self, forKey: .variableRatio) ?? false
            options.ratio = variable ? .variable(max: ratio) : .fixed(ratio)
            if let r = try c.decodeIfPresent(Bool.self, forKey: .replacement) { options.replacement = r }
            if let o = try c.decodeIfPresent(String.self, forKey: .order) {
                switch o {
                case "descendingScore": options.order = .descendingScore
                case "ascendingScore": options.order = .ascendingScore
                case "dataOrder": options.order = .dataOrder
                default:
                    throw DecodingError.dataCorruptedError(
                        forKey: .order, in: c, debugDescription: "order must be descendingScore, ascendingScore or dataOrder")
                }
            }
        }
    }

    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: Spec.self)
        let dataURL: URL, pairsURL: URL?
        if case .named(let files)? = validationCase.data {
            dataURL = try validationCase.dataFile(role: "data")
            pairsURL = files["pairs"] != nil ? try validationCase.dataFile(role: "pairs") : nil
        } else {
            dataURL = try validationCase.dataFile()
            pairsURL = nil
        }
        var ids: [String] = [], treatmentValues: [Double] = [], outcome: [Double]? = nil, suppliedScore: [Double]? = nil
        var psCovariates: [Covariate] = []
        var balance: [(name: String, values: [Double])] = []
        var reference: Set<String> = []
        do throws(CSVError) {
            let table = try CSVTable.read(contentsOf: dataURL)
            var needed = [spec.treatment] + spec.balanceCovariates.map(\.name) + (spec.psCovariates ?? []).map(\.name)
            for c in [spec.id, spec.outcome, spec.score] { if let c { needed.append(c) } }
            try table.requireColumns(needed)
            treatmentValues = try table.doubles(spec.treatment)
            if let id = spec.id { ids = try table.strings(id) }
            if let o = spec.outcome { outcome = try table.doubles(o) }
            if let s = spec.score { suppliedScore = try table.doubles(s) }
            for c in spec.psCovariates ?? [] {
                switch c.type {
                case .numeric: psCovariates.append(.numeric(name: c.name, values: try table.doubles(c.name)))
                case .categorical:
                    let v = try table.strings(c.name, allowMissing: false).compactMap { $0 }
                    psCovariates.append(.categorical(name: c.name, values: v, levels: c.levels, reference: c.reference))
                }
            }
            for c in spec.balanceCovariates {
                switch c.type {
                case .numeric: balance.append((c.name, try table.doubles(c.name)))
                case .categorical:
                    let v = try table.strings(c.name, allowMissing: false).compactMap { $0 }
                    for level in c.levels ?? Array(Set(v)).sorted() {
                        balance.append((c.name + level, v.map { $0 == level ? 1 : 0 }))
                    }
                }
            }
            if let pairsURL {
                let p = try CSVTable.read(contentsOf: pairsURL)
                try p.requireColumns(["treated", "control"])
                for (a, b) in zip(try p.strings("treated"), try p.strings("control")) { reference.insert(a + "\u{1F}" + b) }
            }
        } catch {
            throw .data(error.description)
        }
        if let i = treatmentValues.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .data("\(spec.treatment) row \(i + 1) is \(treatmentValues[i]): the treatment must be 0 or 1")
        }
        let treatment = treatmentValues.map { $0 == 1 }
        if pairsURL != nil && spec.id == nil { throw .invalidCase("model.id is required with a \"pairs\" reference file") }

        let ps: PropensityScore
        let matched: MatchedCohort
        let table: BalanceTable
        do throws(PSError) {
            if let s = suppliedScore {
                ps = try PropensityScore(treatment: treatment, score: s)
            } else {
                let design: DesignMatrix
                do { design = try DesignMatrix(covariates: psCovariates, intercept: true) } catch { throw PSError.regression(error) }
                ps = try PropensityScore.fit(treatment: treatment, design: design)
            }
            matched = try PSMatching(ps, options: spec.matching?.options ?? MatchingOptions()).match()
            table = try BalanceTable(
                covariates: [("distance", ps.score)] + balance, treatment: treatment,
                weights: matched.unitWeights(count: ps.count), estimand: .att)
        } catch {
            throw .model(error.description)
        }
        var agreeing = 0
        if !ids.isEmpty {
            for (t, c) in matched.pairs where reference.contains(ids[t] + "\u{1F}" + ids[c]) { agreeing += 1 }
        }
        var att: Double? = nil
        if let outcome {
            do throws(PSError) { att = try matched.meanDifference(outcome, units: ps.count) } catch {
                throw .model(error.description)
            }
        }
        return PSMatchingOutcome(
            ps: ps, matched: matched, balance: table, att: att, pairsInReference: pairsURL == nil ? nil : agreeing)
    }
}

struct PSMatchingOutcome: ValidationOutcome {
    let ps: PropensityScore
    let matched: MatchedCohort
    let balance: BalanceTable
    let att: Double?
    let pairsInReference: Int?

    static let balanceQuantities = [
        "treatedMeanBefore", "comparatorMeanBefore", "smdBefore", "treatedMeanAfter", "comparatorMeanAfter", "smdAfter",
    ]
    static let modelQuantities = [
        "matchedTreated", "unmatchedTreated", "matchedComparators", "unmatchedComparators", "att", "pairsInReference",
        "maxAbsSmdBefore", "maxAbsSmdAfter", "caliper",
    ]

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        if e.level != nil { throw .quantity("\"level\" does not apply to ps-matching quantities") }
        if Self.modelQuantities.contains(e.quantity) {
            if let term = e.term { throw .quantity("\(e.quantity) is a model-level quantity: remove \"term\": \"\(term)\"") }
            switch e.quantity {
            case "matchedTreated": return Double(matched.matchedTreated)
            case "unmatchedTreated": return Double(matched.unmatchedTreated)
            case "matchedComparators": return Double(matched.matchedComparators)
            case "unmatchedComparators": return Double(matched.unmatchedComparators)
            case "att":
                guard let att else { throw .quantity("att needs model.outcome") }
                return att
            case "pairsInReference":
                guard let pairsInReference else { throw .quantity("pairsInReference needs a \"pairs\" data file") }
                return Double(pairsInReference)
            case "maxAbsSmdBefore": return balance.maxAbsSMDBefore
            case "maxAbsSmdAfter": return balance.maxAbsSMDAfter
            default:
                guard let c = matched.caliper else { throw .quantity("caliper: the matching has no caliper") }
                return c
            }
        }
        guard let term = e.term else { throw .quantity("\(e.quantity) needs a \"term\"") }
        if e.quantity == "psCoefficient" {
            guard let model = ps.model else { throw .quantity("psCoefficient: the score was supplied, not fitted") }
            guard let b = model.coefficient(term) else {
                throw .quantity("no propensity-model term \"\(term)\"; terms: \(model.terms.joined(separator: ", "))")
            }
            return b
        }
        guard Self.balanceQuantities.contains(e.quantity) else {
            throw .quantity(
                "unknown quantity \"\(e.quantity)\" for ps-matching; per term: "
                    + (Self.balanceQuantities + ["psCoefficient"]).joined(separator: ", ") + "; per model: "
                    + Self.modelQuantities.joined(separator: ", "))
        }
        guard let r = balance.row(term) else {
            throw .quantity("no balance term \"\(term)\"; terms: \(balance.rows.map(\.name).joined(separator: ", "))")
        }
        switch e.quantity {
        case "treatedMeanBefore": return r.treatedMeanBefore
        case "comparatorMeanBefore": return r.comparatorMeanBefore
        case "smdBefore": return r.smdBefore
        case "treatedMeanAfter": return r.treatedMeanAfter
        case "comparatorMeanAfter": return r.comparatorMeanAfter
        default: return r.smdAfter
        }
    }
}
