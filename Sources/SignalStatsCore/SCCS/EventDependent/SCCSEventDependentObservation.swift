import Foundation

/// The modified SCCS for event-dependent observation periods (Farrington, Anaya-Izquierdo, Whitaker, Hocine, Douglas,
/// Smeeth, *JASA* 2011;106:417), as R `SCCS::eventdepenobs` computes it.
///
/// Use it when the event shortens the rest of observation (death, or an end of hospital contact that follows the
/// event): the standard SCCS then over-represents time before the event. Four parametric models for the end of
/// observation given the event (``SCCSCensoringModel``) are fitted by maximum likelihood; the one with the smallest
/// AIC weights each split interval by the integral of its contribution over event ages in the interval, and a
/// conditional logistic (one event per case) fit with offset log(weight) gives the relative incidences.
///
/// Assumptions: one event per case (the first is kept); the nominal end (`censor` 0) is non-informative, so an
/// administrative end (extraction date, study end) must be marked as not event-dependent; the exposure does not
/// depend on the event; the censoring model family fits the observed ends (compare the AICs).
///
/// ```swift
/// let nrt = SCCSExposureDefinition(name: "nrt", doseColumns: ["nrt"], cutPoints: [0, 8, 15, 22], endOffset: 28)
/// let result = try SCCSEventDependentObservation(data: data, exposure: nrt, censorColumn: "cen").fit()
/// ```
/// reproduces `SCCS::eventdepenobs(event ~ nrt, indiv = case, astart = nrt, aend = act, aevent = mi, adrug = nrt,
/// aedrug = nrt + 28, censor = cen, expogrp = c(0, 8, 15, 22), data = nrtdat)`.
public struct SCCSEventDependentObservation: Sendable {
    public var data: SCCSPreparedData
    public var exposures: [SCCSExposureDefinition]
    /// Per row: 1 when the observation ended for an event-dependent reason before its nominal end, 0 when it reached
    /// the nominal or an administrative end (R's `censor`, meaning as in R's data: see the docs).
    public var censored: [Bool]
    public var ageCutPoints: [Int]
    /// The age group (1-based) used as reference; `nil`: the first present.
    public var referenceAgeGroup: Int?
    /// Models to fit (all four by default); the one with the smallest AIC weights the intervals.
    public var candidates: [SCCSCensoringModel]
    /// Start of every censoring-model parameter (R's `initval`, 0.1).
    public var start: [Double]
    /// Fixed censoring model and parameters: skips the model fits (to check the weighting on its own).
    public var fixedModel: (model: SCCSCensoringModel, parameters: [Double])?
    /// Cases given directly (network entry point) instead of from `data` and `exposures`.
    var givenCases: (cases: [Case], names: [String])?

    /// - Parameters:
    ///   - censorColumn: a column of `data` holding 1 for an event-dependent (informative) end, 0 otherwise.
    /// - Throws: ``SCCSError/unknownColumn(_:)``, ``SCCSError/missingValue(column:row:)``.
    public init(
        data: SCCSPreparedData, exposures: [SCCSExposureDefinition], censorColumn: String, ageCutPoints: [Int] = [],
        referenceAgeGroup: Int? = nil, candidates: [SCCSCensoringModel] = SCCSCensoringModel.allCases,
        start: [Double] = [0.1, 0.1, 0.1, 0.1]
    ) throws(SCCSError) {
        guard let column = data.columns[censorColumn] else { throw .unknownColumn(censorColumn) }
        var flags: [Bool] = []
        for (r, v) in column.enumerated() {
            guard let v else { throw .missingValue(column: censorColumn, row: r) }
            flags.append(v != 0)
        }
        self.init(data: data, exposures: exposures, censored: flags, ageCutPoints: ageCutPoints,
                  referenceAgeGroup: referenceAgeGroup, candidates: candidates, start: start)
    }

    /// The model with the censoring flags given per row.
    public init(
        data: SCCSPreparedData, exposures: [SCCSExposureDefinition], censored: [Bool], ageCutPoints: [Int] = [],
        referenceAgeGroup: Int? = nil, candidates: [SCCSCensoringModel] = SCCSCensoringModel.allCases,
        start: [Double] = [0.1, 0.1, 0.1, 0.1]
    ) {
        self.data = data
        self.exposures = exposures
        self.censored = censored
        self.ageCutPoints = ageCutPoints
        self.referenceAgeGroup = referenceAgeGroup
        self.candidates = candidates
        self.start = start
    }

    /// One case after R's conventions: an end on the event day moved one day later.
    struct Case {
        var id: String
        var start: Int
        var end: Int
        var event: Int
        var censored: Bool
        var windows: [SCCSWindow]
    }

    /// The model on cases that already carry their windows (the network entry point), on the age scale: each case's
    /// days are shifted by its birth day, so `ageCutPoints` are ages in days. A case is informative (R's `censor` 1)
    /// unless its end is administrative (``SCCSCase/administrativeEnd``). Only each case's first event is used.
    public init(
        cases: [SCCSCase], parameterNames: [String], ageCutPoints: [Int] = [], referenceAgeGroup: Int? = nil,
        candidates: [SCCSCensoringModel] = SCCSCensoringModel.allCases
    ) {
        self.init(data: SCCSPreparedData(indiv: [], start: [], end: [], event: [], columns: [:]), exposures: [], censored: [],
                  ageCutPoints: ageCutPoints, referenceAgeGroup: referenceAgeGroup, candidates: candidates)
        var out: [Case] = []
        for c in cases {
            guard let event = c.events.filter({ $0 >= c.observationStart && $0 <= c.observationEnd }).min() else { continue }
            let shift = c.birthDay
            var end = c.observationEnd - shift
            if end == event - shift { end += 1 }
            out.append(Case(
                id: c.id, start: c.observationStart - shift, end: end, event: event - shift, censored: !c.administrativeEnd,
                windows: c.windows.map { SCCSWindow(from: $0.from - shift, to: $0.to - shift, parameter: $0.parameter) }))
        }
        givenCases = (out, parameterNames)
    }

    func prepared() throws(SCCSError) -> (cases: [Case], exposureNames: [String]) {
        if let given = givenCases {
            guard !given.cases.isEmpty else { throw .noCases }
            return (given.cases, given.names)
        }
        guard censored.count == data.indiv.count else {
            throw .invalidDesign("censor flags: \(censored.count) for \(data.indiv.count) rows")
        }
        var names: [String] = []
        var first: [Int] = []
        for x in exposures {
            for c in x.doseColumns where data.columns[c] == nil { throw .unknownColumn(c) }
            guard !x.cutPoints.isEmpty, zip(x.cutPoints, x.cutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw .invalidDesign("exposure \(x.name): cut points must be given and increase")
            }
            first.append(names.count)
            names += x.rParameterNames
        }
        guard zip(ageCutPoints, ageCutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("age cut points must increase: \(ageCutPoints)")
        }
        var out: [Case] = []
        for (id, rows) in data.rowsByCase() {
            guard let r = rows.first else { continue }
            let start = data.start[r]
            var end = data.end[r]
            guard end >= start else { throw .invalidObservation(caseID: id, start: start, end: end) }
            guard let event = rows.map({ data.event[$0] }).filter({ $0 >= start && $0 <= end }).min() else { continue }
            if end == event { end += 1 }
            var windows: [SCCSWindow] = []
            for (k, x) in exposures.enumerated() {
                for dose in SCCSDoseWindows.doses(of: x, row: r, data: data, event: nil).doses {
                    windows += dose.windows.map { SCCSWindow(from: $0.from, to: $0.to, parameter: first[k] + $0.parameter) }
                }
            }
            out.append(Case(id: id, start: start, end: end, event: event, censored: censored[r], windows: windows))
        }
        guard !out.isEmpty else { throw .noCases }
        return (out, names)
    }

    /// Fits the censoring models, selects one by AIC, weights the intervals and fits the relative incidences.
    ///
    /// - Throws: ``SCCSError`` for invalid data or a singular final fit.
    public func fit(level: Double = 0.95) throws(SCCSError) -> SCCSEventDependentObservationResult {
        let (cases, exposureNames) = try prepared()
        let censoringCases = cases.map {
            SCCSCensoringCase(event: Double($0.event) / 365.25, end: Double($0.end) / 365.25, censored: $0.censored)
        }
        var fits: [SCCSCensoringFit] = []
        let selected: (model: SCCSCensoringModel, parameters: [Double])
        if let fixed = fixedModel {
            selected = fixed
            fits.append(SCCSCensoringFit(
                model: fixed.model, parameters: fixed.parameters,
                logLikelihood: fixed.model.logLikelihood(fixed.parameters, cases: censoringCases), iterations: 0, converged: true))
        } else {
            guard !candidates.isEmpty else { throw .invalidDesign("no censoring model to fit") }
            fits = candidates.map { $0.fit(cases: censoringCases, start: start) }
            guard let best = fits.filter({ $0.logLikelihood.isFinite }).min(by: { $0.aic < $1.aic }) else {
                throw .invalidDesign("no censoring model could be fitted (every log-likelihood is -infinity)")
            }
            selected = (best.model, best.parameters)
        }
        // Split intervals and their weights.
        var pieces: [(caseIndex: Int, piece: SCCSDayPiece, logWeight: Double, event: Bool)] = []
        for (c, x) in cases.enumerated() {
            for piece in SCCSDayPiece.split(from: x.start, to: x.end, windows: x.windows, ageCuts: ageCutPoints) {
                let w = selected.model.weight(selected.parameters, lower: piece.from, upper: piece.to, end: x.end, censored: x.censored)
                pieces.append((c, piece, Foundation.log(w), piece.from <= x.event && x.event <= piece.to))
            }
        }
        var present = Set<Int>()
        for p in pieces { present.insert(p.piece.ageGroup) }
        let groups = present.sorted()
        let reference: Int?
        if let chosen = referenceAgeGroup {
            guard present.contains(chosen - 1) else {
                throw .invalidDesign("reference age group \(chosen) has no observation time; groups present: \(groups.map { $0 + 1 })")
            }
            reference = chosen - 1
        } else {
            reference = groups.first
        }
        var names = exposureNames
        var ageParameter: [Int: Int] = [:]
        for g in groups where g != reference {
            ageParameter[g] = names.count
            names.append("age\(g + 1)")
        }
        var rows = WeightedStratifiedRows()
        var current = -1
        for p in pieces {
            if p.caseIndex != current {
                rows.closeStratum()
                current = p.caseIndex
            }
            var params: [Int] = []
            if let x = p.piece.parameter { params.append(x) }
            if let a = ageParameter[p.piece.ageGroup] { params.append(a) }
            rows.append(offset: p.logWeight, events: p.event ? 1 : 0, parameters: params)
        }
        rows.closeStratum()
        // Exposure levels without events have no finite estimate.
        var eventsWith = [Int](repeating: 0, count: names.count)
        for (r, params) in rows.parameters.enumerated() where rows.events[r] > 0 { for j in params { eventsWith[j] += 1 } }
        if let j = eventsWith.firstIndex(of: 0) {
            throw .invalidDesign("no event where \(names[j]) applies: its relative incidence is not estimable")
        }
        let nullFit = WeightedConditionalPoissonFit.evaluate(rows, p: names.count, beta: [Double](repeating: 0, count: names.count))
        let f = try WeightedConditionalPoissonFit.fit(rows, parameterCount: names.count)
        let covariance: Matrix
        do { covariance = try Cholesky(f.information).inverse() } catch {
            throw .fit(.singularInformation("the information at the estimate is not positive definite"))
        }
        let regression = RegressionResult(
            model: "conditional logistic (event-dependent observation, weighted)", terms: names, coefficients: f.coefficients,
            covariance: covariance, logLikelihood: f.logLikelihood,
            convergence: f.converged ? .converged(iterations: f.iterations) : .iterationLimit(iterations: f.iterations),
            iterations: f.iterations, observations: rows.rowCount, events: Double(cases.count),
            strata: (cases.count, cases.count), aliased: [], l2Penalty: 0,
            diagnostics: fits.filter { !$0.converged }.map { "censoring model \($0.model.rawValue) did not converge" })
        return SCCSEventDependentObservationResult(
            regression: regression, level: level, censoringFits: fits, selected: selected.model,
            selectedParameters: selected.parameters, nullLogLikelihood: nullFit.ll,
            intervals: pieces.map { SCCSWeightedInterval(caseID: cases[$0.caseIndex].id, lower: $0.piece.from, upper: $0.piece.to, logWeight: $0.logWeight, event: $0.event) },
            exposureParameters: exposureNames, casesCensored: cases.filter(\.censored).count)
    }
}

/// One split interval of the modified SCCS with its log-weight.
public struct SCCSWeightedInterval: Sendable, Equatable {
    public var caseID: String
    public var lower: Int
    public var upper: Int
    public var logWeight: Double
    public var event: Bool
}

/// The fit of ``SCCSEventDependentObservation``.
public struct SCCSEventDependentObservationResult: Sendable {
    /// The weighted conditional logistic fit (model-based covariance, as R reports it).
    public let regression: RegressionResult
    public let level: Double
    /// Every censoring model fitted, with its log-likelihood and AIC.
    public let censoringFits: [SCCSCensoringFit]
    /// The model with the smallest AIC, which weights the intervals.
    public let selected: SCCSCensoringModel
    public let selectedParameters: [Double]
    /// Log-likelihood at coefficients 0.
    public let nullLogLikelihood: Double
    public let intervals: [SCCSWeightedInterval]
    public let exposureParameters: [String]
    /// Cases whose observation ended for an event-dependent reason.
    public let casesCensored: Int

    /// The censoring fit of one model.
    public func censoringFit(_ model: SCCSCensoringModel) -> SCCSCensoringFit? { censoringFits.first { $0.model == model } }
}
