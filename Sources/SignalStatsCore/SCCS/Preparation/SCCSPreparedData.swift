/// Case data in the layout of R's `SCCS` package: one row per event, a case id (`indiv`) repeated once per event,
/// observation start and end, the event day, and exposure-start columns (one per dose), all on one day scale
/// (usually age in days).
///
/// ```swift
/// let data = try SCCSPreparedData(table: try CSVTable.read(contentsOf: url),
///                                 indiv: "case", start: "sta", end: "end", event: "itp")
/// let mmr = SCCSExposureDefinition(name: "mmr", doseColumns: ["mmr"], cutPoints: [0, 15, 29], endOffset: 42)
/// let model = try data.model(exposures: [mmr], ageCutPoints: [427, 488, 549, 610, 671])
/// let result = try model.fit()
/// ```
/// This reproduces `SCCS::standardsccs(itp ~ mmr + age, indiv = case, astart = sta, aend = end, aevent = itp,
/// adrug = mmr, aedrug = mmr + 42, expogrp = c(0, 15, 29), agegrp = c(427, 488, 549, 610, 671), data = itpdat)`.
public struct SCCSPreparedData: Sendable {
    /// One row per event.
    public var indiv: [String]
    public var start: [Int]
    public var end: [Int]
    public var event: [Int]
    /// Exposure-start columns by name (`nil` where the dose was not given, R's `NA`).
    public var columns: [String: [Int?]]
    /// Date of birth as a calendar day number, for season groups (`nil`: no season adjustment).
    public var birthDate: [Int]?

    /// Data from arrays (one entry per event row).
    public init(indiv: [String], start: [Int], end: [Int], event: [Int], columns: [String: [Int?]], birthDate: [Int]? = nil) {
        self.indiv = indiv
        self.start = start
        self.end = end
        self.event = event
        self.columns = columns
        self.birthDate = birthDate
    }

    /// Builds the cases: rows grouped by `indiv` (in order of first appearance), each case's events from all its
    /// rows, observation and exposures from its first row.
    public func cases(exposures: [SCCSExposureDefinition]) throws(SCCSError) -> (cases: [SCCSCase], parameterNames: [String]) {
        var names: [String] = []
        var firstParameter: [Int] = []
        for x in exposures {
            guard !x.cutPoints.isEmpty, zip(x.cutPoints, x.cutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw .invalidDesign("exposure \(x.name): cut points must be given and increase")
            }
            for c in x.doseColumns where columns[c] == nil { throw .unknownColumn(c) }
            if let ec = x.endColumns { for c in ec where columns[c] == nil { throw .unknownColumn(c) } }
            firstParameter.append(names.count)
            if let w = x.washout {
                guard !w.isEmpty, zip(w, w.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw .invalidDesign("exposure \(x.name): washout cut points must be given and increase")
                }
            }
            let doses = x.sameParameterForDoses ? 1 : x.doseColumns.count
            for d in 0..<doses {
                for w in 1...x.levelCount {
                    // R names per-dose parameters dose-major: dtp1..dtp3 for dose 1, dtp4..dtp6 for dose 2, ...
                    names.append(x.sameParameterForDoses ? "\(x.name)\(w)" : "\(x.name)\(d * x.levelCount + w)")
                }
            }
        }
        var order: [String] = []
        var rowsOf: [String: [Int]] = [:]
        for (r, id) in indiv.enumerated() {
            if rowsOf[id] == nil { order.append(id) }
            rowsOf[id, default: []].append(r)
        }
        var out: [SCCSCase] = []
        for id in order {
            guard let rows = rowsOf[id], let r = rows.first else { continue }
            var windows: [SCCSWindow] = []
            for (k, x) in exposures.enumerated() {
                let starts: [Int?] = x.doseColumns.map { columns[$0]?[r] ?? nil }
                let ends: [Int?] = x.endColumns.map { $0.map { columns[$0]?[r] ?? nil } } ?? starts.map { $0.map { $0 + x.endOffset } }
                // Doses in time order; a later dose ends the earlier dose's windows (R SCCS).
                let doses = starts.indices.compactMap { d in starts[d].map { (dose: d, start: $0, end: ends[d] ?? ($0 + x.endOffset)) } }
                    .sorted { $0.start < $1.start }
                for (i, dose) in doses.enumerated() {
                    let stop = i + 1 < doses.count ? doses[i + 1].start - 1 : Int.max
                    for (w, span) in x.levelSpans(start: dose.start, end: dose.end).enumerated() {
                        let to = min(stop, span.to)
                        guard span.from <= to else { continue }
                        let parameter = firstParameter[k] + (x.sameParameterForDoses ? 0 : dose.dose * x.levelCount) + w
                        windows.append(SCCSWindow(from: span.from, to: to, parameter: parameter))
                    }
                }
            }
            out.append(SCCSCase(
                id: id, observationStart: start[r], observationEnd: end[r], events: rows.map { event[$0] }, windows: windows,
                birthDay: 0, calendarOrigin: birthDate?[r]))
        }
        return (out, names)
    }

    /// Cases, intervals and model in one step (R's `standardsccs`).
    public func model(
        exposures: [SCCSExposureDefinition], ageCutPoints: [Int] = [], seasonStartMonths: [Int] = []
    ) throws(SCCSError) -> SCCSModel {
        let (cases, names) = try cases(exposures: exposures)
        let intervals = try SCCSIntervals.build(
            cases: cases, parameterNames: names,
            adjustment: SCCSAdjustment(ageCutPoints: ageCutPoints, seasonStartMonths: seasonStartMonths))
        return try SCCSModel(intervals)
    }
}

/// One exposure of R-style prepared data: its dose columns and risk windows (`adrug`, `aedrug`, `expogrp`,
/// `sameexpopar` of `SCCS::standardsccs`).
public struct SCCSExposureDefinition: Sendable, Equatable, Codable {
    /// Parameter name prefix: windows are named `name1`, `name2`, … as R names them.
    public var name: String
    /// Exposure-start columns, one per dose.
    public var doseColumns: [String]
    /// Start of each risk window in days after the exposure start (`expogrp`); the last runs to the exposure end.
    public var cutPoints: [Int]
    /// Exposure end in days after each dose's start (`aedrug = adrug + endOffset`), inclusive.
    public var endOffset: Int
    /// Exposure-end columns, one per dose, instead of `endOffset`.
    public var endColumns: [String]?
    /// Whether all doses share the window parameters (`sameexpopar = TRUE`, the default).
    public var sameParameterForDoses: Bool
    /// R `SCCS`'s `washout`: days after the exposure end (`aedrug`) that cut washout periods, each its own parameter
    /// after the risk windows; `nil` (R's default `washout = 0`) ends exposure at the exposure end. See
    /// ``levelSpans(start:end:)``.
    public var washout: [Int]?

    public init(
        name: String, doseColumns: [String], cutPoints: [Int] = [0], endOffset: Int, endColumns: [String]? = nil,
        sameParameterForDoses: Bool = true, washout: [Int]? = nil
    ) {
        self.washout = washout
        self.name = name
        self.doseColumns = doseColumns
        self.cutPoints = cutPoints
        self.endOffset = endOffset
        self.endColumns = endColumns
        self.sameParameterForDoses = sameParameterForDoses
    }
}

extension SCCSExposureDefinition {
    enum CodingKeys: String, CodingKey {
        case name, doseColumns, cutPoints, endOffset, endColumns, sameParameterForDoses, washout
    }

    /// Decodes a definition; `cutPoints` defaults to `[0]`, `sameParameterForDoses` to `true`, and `endOffset` is
    /// required unless `endColumns` is given.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        doseColumns = try c.decode([String].self, forKey: .doseColumns)
        cutPoints = try c.decodeIfPresent([Int].self, forKey: .cutPoints) ?? [0]
        endColumns = try c.decodeIfPresent([String].self, forKey: .endColumns)
        endOffset = try endColumns == nil ? c.decode(Int.self, forKey: .endOffset) : (c.decodeIfPresent(Int.self, forKey: .endOffset) ?? 0)
        sameParameterForDoses = try c.decodeIfPresent(Bool.self, forKey: .sameParameterForDoses) ?? true
        washout = try c.decodeIfPresent([Int].self, forKey: .washout)
    }
}
