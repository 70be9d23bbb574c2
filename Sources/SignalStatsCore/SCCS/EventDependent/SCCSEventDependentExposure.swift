import Foundation

/// SCCS for exposures that the event curtails: the pseudo-likelihood of Farrington, Whitaker and Hocine (2009,
/// *Biostatistics* 10:3), as R `SCCS::eventdepenexp` computes it, with sandwich standard errors.
///
/// Use it when an event stops or delays later exposure (a vaccine not given after intussusception, any exposure after
/// death): the standard SCCS then sees too little exposed time after events and overestimates the relative incidence.
/// The observation end given (`end`) is the one that would have applied without the event. Assumes one event per case
/// (only the first is kept) and that, without the event, exposure would have followed the same course.
///
/// The data are stacked: level 0 is each case's whole observation with every interval treated as unexposed (cases
/// whose observation starts inside a dose's windows are left out); level `i` runs from dose `i`'s day to the end of
/// observation, with only dose `i`'s windows exposed. An event in a window that a stratum treats as unexposed counts
/// `exp(−β_k)` (`k` that window's parameter). The conditional Poisson fit is repeated with the updated `β` until the
/// change is below `tolerance` times the number of exposure parameters; the variance is the sandwich `B⁻¹ M B⁻ᵀ`.
///
/// ```swift
/// let rv = SCCSExposureDefinition(name: "rv", doseColumns: ["rv", "rvd2"], cutPoints: [1], endOffset: 21)
/// let result = try SCCSEventDependentExposure(data: data, exposure: rv, ageCutPoints: Array(stride(from: 56, through: 168, by: 14))).fit()
/// ```
/// reproduces `SCCS::eventdepenexp(indiv = case, astart = sta, aend = end, aevent = intus, adrug = cbind(rv, rvd2),
/// aedrug = cbind(rv + 21, rvd2 + 21), expogrp = 1, agegrp = seq(56, 168, 14), data = rotdat)`.
public struct SCCSEventDependentExposure: Sendable {
    public var data: SCCSPreparedData
    public var exposure: SCCSExposureDefinition
    public var ageCutPoints: [Int]
    /// The age group (1-based, as R numbers them) used as reference; `nil`: the first group present (R's default).
    public var referenceAgeGroup: Int?
    /// Convergence tolerance of the outer fixed-point iteration (R's `tolerance`, default 1e-8).
    public var tolerance: Double
    /// Iteration limit of the outer fixed-point iteration (R's `itermax`).
    public var maxIterations: Int

    public init(
        data: SCCSPreparedData, exposure: SCCSExposureDefinition, ageCutPoints: [Int] = [], referenceAgeGroup: Int? = nil,
        tolerance: Double = 1e-8, maxIterations: Int = 100
    ) {
        self.data = data
        self.exposure = exposure
        self.ageCutPoints = ageCutPoints
        self.referenceAgeGroup = referenceAgeGroup
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// One stratum of the stacked data.
    struct Stratum {
        var caseIndex: Int
        var level: Int
        var pieces: [SCCSDayPiece]
        /// Index (into `pieces`) of the piece holding the event.
        var eventPiece: Int
        /// The exposure parameter whose `exp(−β)` weights the event (`nil`: weight 1).
        var weightParameter: Int?
    }

    /// Builds the stacked strata.
    func strata() throws(SCCSError) -> (strata: [Stratum], cases: Int, removed: Int, ids: [String]) {
        for c in exposure.doseColumns where data.columns[c] == nil { throw .unknownColumn(c) }
        if let ec = exposure.endColumns { for c in ec where data.columns[c] == nil { throw .unknownColumn(c) } }
        guard !exposure.cutPoints.isEmpty, zip(exposure.cutPoints, exposure.cutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("exposure \(exposure.name): cut points must be given and increase")
        }
        guard zip(ageCutPoints, ageCutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidDesign("age cut points must increase: \(ageCutPoints)")
        }
        var out: [Stratum] = []
        var removed = 0
        var ids: [String] = []
        for (id, rows) in data.rowsByCase() {
            guard let r = rows.first else { continue }
            let start = data.start[r], end = data.end[r]
            guard end >= start else { throw .invalidObservation(caseID: id, start: start, end: end) }
            guard let event = rows.map({ data.event[$0] }).filter({ $0 >= start && $0 <= end }).min() else { continue }
            let caseIndex = ids.count
            ids.append(id)
            let (doses, dropped) = SCCSDoseWindows.doses(of: exposure, row: r, data: data, event: event)
            removed += dropped
            func eventWindow(_ among: ArraySlice<SCCSDoseWindows>) -> Int? {
                for d in among { if let w = d.windows.first(where: { $0.from <= event && event <= $0.to }) { return w.parameter } }
                return nil
            }
            // Level 0: whole observation, all unexposed.
            if !doses.contains(where: { $0.span?.contains(start) ?? false }) {
                let pieces = SCCSDayPiece.split(from: start, to: end, windows: [], ageCuts: ageCutPoints)
                if let e = pieces.firstIndex(where: { $0.from <= event && event <= $0.to }) {
                    out.append(Stratum(caseIndex: caseIndex, level: 0, pieces: pieces, eventPiece: e, weightParameter: eventWindow(doses[...])))
                }
            }
            for (i, dose) in doses.enumerated() {
                let from = max(start, dose.start)
                let pieces = SCCSDayPiece.split(from: from, to: end, windows: dose.windows, ageCuts: ageCutPoints)
                guard let e = pieces.firstIndex(where: { $0.from <= event && event <= $0.to }) else { continue }
                out.append(Stratum(caseIndex: caseIndex, level: i + 1, pieces: pieces, eventPiece: e, weightParameter: eventWindow(doses[(i + 1)...])))
            }
        }
        guard !out.isEmpty else { throw .noCases }
        return (out, ids.count, removed, ids)
    }

    /// Runs the fixed-point iteration and computes the sandwich variance.
    ///
    /// - Throws: ``SCCSError`` for invalid data or a singular fit.
    public func fit() throws(SCCSError) -> SCCSEventDependentExposureResult {
        let (strata, cases, removed, _) = try strata()
        let exposureNames = exposure.rParameterNames
        let nExp = exposureNames.count
        // Age groups present; reference as R's factor coding (or as chosen).
        var present = Set<Int>()
        for s in strata { for p in s.pieces { present.insert(p.ageGroup) } }
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
        var ageParameter: [Int: Int] = [:]
        var names = exposureNames
        for g in groups where g != reference {
            ageParameter[g] = names.count
            names.append("age\(g + 1)")
        }
        let p = names.count
        var rows = WeightedStratifiedRows()
        var eventRow: [Int] = []
        for s in strata {
            for (k, piece) in s.pieces.enumerated() {
                var params: [Int] = []
                if let x = piece.parameter { params.append(x) }
                if let a = ageParameter[piece.ageGroup] { params.append(a) }
                if k == s.eventPiece { eventRow.append(rows.rowCount) }
                rows.append(offset: Foundation.log(Double(piece.length)), events: 0, parameters: params)
            }
            rows.closeStratum()
        }
        var betaExp = [Double](repeating: 0, count: nExp)
        var fitted: WeightedConditionalPoissonFit? = nil
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            for (s, stratum) in strata.enumerated() {
                rows.events[eventRow[s]] = stratum.weightParameter.map { Foundation.exp(-betaExp[$0]) } ?? 1
            }
            let f = try WeightedConditionalPoissonFit.fit(rows, parameterCount: p, start: fitted?.coefficients)
            iterations += 1
            let next = Array(f.coefficients[0..<nExp])
            let change = zip(next, betaExp).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            betaExp = next
            fitted = f
            if change < tolerance * Double(nExp) {
                converged = true
                break
            }
        }
        guard let final = fitted else { throw .invalidDesign("no iteration was run (maxIterations \(maxIterations))") }
        // Sandwich: B = H + A, M = Σ_case U Uᵀ.
        var bread = Matrix(rows: p, columns: p)
        for i in 0..<p { for j in 0..<p { bread[i, j] = -final.information[i, j] } }
        var meat = Matrix(rows: p, columns: p)
        var u = [Double](repeating: 0, count: p)
        var currentCase = -1
        func flushCase() {
            for i in 0..<p where u[i] != 0 { for j in 0..<p where u[j] != 0 { meat[i, j] += u[i] * u[j] } }
            for i in 0..<p { u[i] = 0 }
        }
        for (s, stratum) in strata.enumerated() {
            if stratum.caseIndex != currentCase {
                flushCase()
                currentCase = stratum.caseIndex
            }
            for r in rows.stratumStarts[s]..<rows.stratumStarts[s + 1] {
                let residual = rows.events[r] - final.fitted[r]
                for k in rows.parameters[r] {
                    u[k] += residual
                    if let l = stratum.weightParameter { bread[k, l] -= residual }
                }
            }
        }
        flushCase()
        let left = try solveGeneral(bread, meat)
        let sandwich = try solveGeneral(bread, left.transposed()).transposed()
        let modelCovariance: Matrix
        do { modelCovariance = try Cholesky(final.information).inverse() } catch {
            throw .fit(.singularInformation("the information at the estimate is not positive definite"))
        }
        var levels: [Int] = []
        for s in strata {
            while levels.count <= s.level { levels.append(0) }
            levels[s.level] += 1
        }
        let regression = RegressionResult(
            model: "conditional poisson (event-dependent exposure pseudo-likelihood)", terms: names,
            coefficients: final.coefficients, covariance: sandwich, logLikelihood: final.logLikelihood,
            convergence: converged ? .converged(iterations: iterations) : .iterationLimit(iterations: iterations),
            iterations: iterations, observations: rows.rowCount, events: Double(cases), strata: (strata.count, strata.count),
            aliased: [], l2Penalty: 0,
            diagnostics: converged ? [] : ["the event-dependent exposure iteration did not converge in \(maxIterations) iterations"])
        return SCCSEventDependentExposureResult(
            regression: regression, modelCovariance: modelCovariance, exposureParameters: exposureNames,
            iterations: iterations, converged: converged, strataPerLevel: levels, cases: cases,
            exposuresAfterEventRemoved: removed)
    }
}

/// The fit of ``SCCSEventDependentExposure``.
public struct SCCSEventDependentExposureResult: Sendable {
    /// Coefficients (log relative incidences: exposure parameters, then age groups) with the **sandwich** covariance.
    public let regression: RegressionResult
    /// The model-based covariance of the last Poisson fit (too small: it ignores the pseudo-likelihood's weights).
    public let modelCovariance: Matrix
    public let exposureParameters: [String]
    /// Fits of the outer iteration (R's `iterations`).
    public let iterations: Int
    public let converged: Bool
    /// Strata at each stack level (level 0: whole observation; level i: from dose i), R's events per level.
    public let strataPerLevel: [Int]
    /// Cases with an event inside observation.
    public let cases: Int
    /// Doses that started after the event, treated as not given.
    public let exposuresAfterEventRemoved: Int

    /// Sandwich standard errors, in ``RegressionResult/terms`` order.
    public var standardErrors: [Double] { regression.standardErrors }

    /// `exp(β ∓ z·se)` with the sandwich SE; R `eventdepenexp` prints it with `z = 1.96` exactly (the default here).
    public func interval(_ term: String, z: Double = 1.96) -> (lower: Double, upper: Double)? {
        guard let k = regression.index(of: term) else { return nil }
        let b = regression.coefficients[k], se = regression.standardErrors[k]
        return (Foundation.exp(b - z * se), Foundation.exp(b + z * se))
    }
}

extension Matrix {
    /// The transpose.
    func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }
}
