import CohortModel
import Foundation
import SignalStats

/// The `model` object of the `ssa` method: columns of a per-person first-start table and the design.
///
/// The data file has one row per person; a date column holds `YYYY-MM-DD` (or `YYYYMMDD`), and an empty field
/// or `NA` means the person never started that drug. Keys and quantities: docs/ssa.md ("Validation cases").
public struct SSASpec: Decodable, Sendable, Equatable {
    /// Column of person ids (optional; only checked for presence).
    public var person: String?
    /// Column of the index drug's first start.
    public var indexStart: String
    /// Column of the marker drug's first start.
    public var markerStart: String
    /// Smallest gap in days (default 1).
    public var minimumGapDays: Int?
    /// Largest gap in days (default 365).
    public var maximumGapDays: Int?
    /// First day of the study period, `YYYY-MM-DD` (default: the earliest start in the data).
    public var studyStart: String?
    /// Last day of the study period (default: the latest start in the data).
    public var studyEnd: String?
    /// `daily` (default) or `monthly` incidence for the null-effect ratio.
    public var nullEffect: String?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case person, indexStart, markerStart, minimumGapDays, maximumGapDays, studyStart, studyEnd, nullEffect
    }

    /// Decodes the `model` object, rejecting unknown keys, a bad `nullEffect` and malformed dates.
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue), in: "an ssa model")
        let c = try decoder.container(keyedBy: CodingKeys.self)
        person = try c.decodeIfPresent(String.self, forKey: .person)
        indexStart = try c.decode(String.self, forKey: .indexStart)
        markerStart = try c.decode(String.self, forKey: .markerStart)
        minimumGapDays = try c.decodeIfPresent(Int.self, forKey: .minimumGapDays)
        maximumGapDays = try c.decodeIfPresent(Int.self, forKey: .maximumGapDays)
        studyStart = try c.decodeIfPresent(String.self, forKey: .studyStart)
        studyEnd = try c.decodeIfPresent(String.self, forKey: .studyEnd)
        nullEffect = try c.decodeIfPresent(String.self, forKey: .nullEffect)
        if let n = nullEffect, NullEffectResolution(rawValue: n) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .nullEffect, in: c, debugDescription: "must be \"daily\" or \"monthly\", not \"\(n)\"")
        }
        for (key, value) in [(CodingKeys.studyStart, studyStart), (.studyEnd, studyEnd)] {
            if let value, Day(value) == nil {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: c, debugDescription: "\"\(value)\" is not a date (YYYY-MM-DD)")
            }
        }
    }
}

/// The `ssa` method: sequence symmetry analysis of per-person first starts of an index and a marker drug
/// (``SSASequences``, ``SSAModel``).
public struct SSAMethod: ValidationMethod {
    /// The name cases use in `method`.
    public let name = "ssa"

    /// The method.
    public init() {}

    /// Reads the case's first-start table and prepares the sequences; quantities are computed when asked.
    public func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        let spec = try validationCase.model(as: SSASpec.self)
        let url = try validationCase.dataFile()
        let table: CSVTable
        do throws(CSVError) {
            table = try CSVTable.read(contentsOf: url)
            try table.requireColumns([spec.indexStart, spec.markerStart] + (spec.person.map { [$0] } ?? []))
        } catch {
            throw .data(error.description)
        }
        let index = try Self.dates(table, spec.indexStart)
        let marker = try Self.dates(table, spec.markerStart)
        let starts: SSAFirstStarts
        do throws(SSAError) {
            starts = try SSAFirstStarts(indexStart: index, markerStart: marker)
        } catch {
            throw .data(error.description)
        }
        var design = SSADesign(washoutDays: 0)
        if let g = spec.minimumGapDays { design.minimumGapDays = g }
        if let g = spec.maximumGapDays { design.maximumGapDays = g }
        if spec.studyStart != nil || spec.studyEnd != nil {
            let span = starts.indexStart.compactMap { $0 } + starts.markerStart.compactMap { $0 }
            guard let lo = spec.studyStart.flatMap({ Day($0) }) ?? span.min(),
                let hi = spec.studyEnd.flatMap({ Day($0) }) ?? span.max()
            else { throw .model("no study period: the data has no dates") }
            guard lo <= hi else { throw .model("studyStart \(lo) is after studyEnd \(hi)") }
            design.studyPeriod = lo...hi
        }
        let sequences: SSASequences
        do throws(SSAError) {
            sequences = try SSASequences(firstStarts: starts, design: design)
        } catch {
            throw .model(error.description)
        }
        let resolution = spec.nullEffect.flatMap(NullEffectResolution.init(rawValue:)) ?? .daily
        return SSAOutcome(sequences: sequences, resolution: resolution)
    }

    /// A date column; empty fields and `NA` are `nil`.
    static func dates(_ table: CSVTable, _ column: String) throws(ValidationError) -> [Day?] {
        let values: [String?]
        do throws(CSVError) {
            values = try table.strings(column, allowMissing: true)
        } catch {
            throw .data(error.description)
        }
        var out: [Day?] = []
        out.reserveCapacity(values.count)
        for (row, v) in values.enumerated() {
            guard let text = v?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text != "NA" else {
                out.append(nil)
                continue
            }
            guard let day = Day(text) else {
                let line = table.line(ofRow: row).map { "line \($0)" } ?? "row \(row + 1)"
                throw .data("\(table.source): \(line): column \(column): \"\(text)\" is not a date (YYYY-MM-DD)")
            }
            out.append(day)
        }
        return out
    }
}

/// The quantities of an `ssa` case, computed on demand so that a case checking only counts or the crude
/// ratio does not depend on the null-effect ratio being defined.
///
/// Model-level quantities (no `term`): counts `indexUsers`, `markerUsers`, `pairs`, `indexFirst`, `markerFirst`,
/// `sameDay`, `gapTooShort`, `gapTooLong`; ratios `crudeRatio`, `nullEffectRatio`, `nullEffectProbability`,
/// `adjustedRatio`, `pValue`; intervals (with optional `level`, default 0.95) `crudeCiLower`/`crudeCiUpper`
/// (beta-quantile, CohortSymmetry), `crudeExactCiLower`/`crudeExactCiUpper` (Clopper–Pearson), and the same four
/// for `adjusted…` (crude bounds divided by the null-effect ratio).
struct SSAOutcome: ValidationOutcome {
    let sequences: SSASequences
    let resolution: NullEffectResolution

    static let counts = [
        "indexUsers", "markerUsers", "pairs", "indexFirst", "markerFirst", "sameDay", "gapTooShort", "gapTooLong",
    ]
    static let intervals: Set<String> = [
        "crudeCiLower", "crudeCiUpper", "crudeExactCiLower", "crudeExactCiUpper", "adjustedCiLower", "adjustedCiUpper",
        "adjustedExactCiLower", "adjustedExactCiUpper",
    ]
    static let ratios = ["crudeRatio", "nullEffectRatio", "nullEffectProbability", "adjustedRatio", "pValue"]

    func obtained(for e: ExpectedValue) throws(ValidationError) -> Double {
        if let term = e.term { throw .quantity("ssa quantities are model-level: remove \"term\": \"\(term)\"") }
        if e.level != nil && !Self.intervals.contains(e.quantity) {
            throw .quantity("\"level\" applies to interval quantities only (\(Self.intervals.sorted().joined(separator: ", ")))")
        }
        let c = sequences.counts
        switch e.quantity {
        case "indexUsers": return Double(c.indexUsers)
        case "markerUsers": return Double(c.markerUsers)
        case "pairs": return Double(c.pairs)
        case "indexFirst": return Double(c.indexFirst)
        case "markerFirst": return Double(c.markerFirst)
        case "sameDay": return Double(c.sameDay)
        case "gapTooShort": return Double(c.gapTooShort)
        case "gapTooLong": return Double(c.gapTooLong)
        default: break
        }
        let model = SSAModel(sequences)
        let level = e.level ?? 0.95
        do throws(SSAError) {
            switch e.quantity {
            case "crudeRatio": return try model.crudeRatio(level: level).ratio
            case "crudeCiLower": return try model.crudeRatio(level: level).betaInterval.lower
            case "crudeCiUpper": return try model.crudeRatio(level: level).betaInterval.upper
            case "crudeExactCiLower": return try model.crudeRatio(level: level).exactInterval.lower
            case "crudeExactCiUpper": return try model.crudeRatio(level: level).exactInterval.upper
            case "nullEffectRatio": return try model.nullEffectRatio(resolution).ratio
            case "nullEffectProbability": return try model.nullEffectRatio(resolution).probabilityIndexFirst
            default: break
            }
            guard Self.intervals.contains(e.quantity) || Self.ratios.contains(e.quantity) else {
                throw SSAError.invalidDesign("")
            }
            let fit = try model.fit(SSAOptions(level: level, nullEffect: resolution))
            switch e.quantity {
            case "adjustedRatio": return fit.adjusted.ratio
            case "adjustedCiLower": return fit.adjusted.betaInterval.lower
            case "adjustedCiUpper": return fit.adjusted.betaInterval.upper
            case "adjustedExactCiLower": return fit.adjusted.exactInterval.lower
            case "adjustedExactCiUpper": return fit.adjusted.exactInterval.upper
            default: return fit.pValue
            }
        } catch {
            if case .invalidDesign("") = error {
                throw .quantity(
                    "unknown quantity \"\(e.quantity)\" for ssa; counts: " + Self.counts.joined(separator: ", ")
                        + "; ratios: " + Self.ratios.joined(separator: ", ") + "; intervals: "
                        + Self.intervals.sorted().joined(separator: ", "))
            }
            throw .model(error.description)
        }
    }
}
