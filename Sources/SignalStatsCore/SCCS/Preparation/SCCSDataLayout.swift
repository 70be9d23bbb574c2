/// The layouts of R `SCCS`'s data input (`formatdata`/`standardsccs` argument `dataformat`).
///
/// - `multi`: one row per event; the doses of one exposure are several exposure-start columns of that row
///   (`adrug = cbind(dtp, dtpd2, dtpd3)`). This is the layout of ``SCCSPreparedData`` as read.
/// - `stack`: one row per event *and exposure episode*; each exposure has one start column (and optionally one end
///   column) and its episodes are stacked in rows repeating the case's event (R's `gidat`). Rows with the same case
///   and event day form one event; their episodes become that event's doses (R's `adrug_matrix`), so duplicate
///   events on one day of one case count once, as in R.
public enum SCCSDataLayout: String, Sendable, Equatable, Codable {
    case multi, stack
}

extension SCCSPreparedData {
    /// Stack layout converted to multi layout for the given exposures: one row per case and event day, each
    /// exposure's episodes in dose columns `col`, `col#2`, `col#3`, … (episodes in row order; rows without a start
    /// skipped), end columns alike.
    ///
    /// - Returns: the data and the exposures rewritten to name the new dose (and end) columns.
    /// - Throws: ``SCCSError/invalidDesign(_:)`` when an exposure names more than one start or end column (in stack
    ///   layout each exposure has one), ``SCCSError/unknownColumn(_:)``.
    public func unstacked(exposures: [SCCSExposureDefinition]) throws(SCCSError) -> (data: SCCSPreparedData, exposures: [SCCSExposureDefinition]) {
        for x in exposures {
            guard x.doseColumns.count == 1, (x.endColumns?.count ?? 1) == 1 else {
                throw .invalidDesign("exposure \(x.name): in stack layout an exposure has one start column and at most one end column")
            }
            for c in x.doseColumns + (x.endColumns ?? []) where columns[c] == nil { throw .unknownColumn(c) }
        }
        struct Key: Hashable { var indiv: String; var event: Int }
        var groups: [Key: [Int]] = [:]
        var order: [Key] = []
        for r in indiv.indices {
            let key = Key(indiv: indiv[r], event: event[r])
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        var out = SCCSPreparedData(
            indiv: order.map(\.indiv), start: [], end: [], event: order.map(\.event), columns: [:],
            birthDate: birthDate == nil ? nil : [])
        for key in order {
            guard let r = groups[key]?.first else { continue }
            out.start.append(start[r])
            out.end.append(end[r])
            if let b = birthDate { out.birthDate?.append(b[r]) }
        }
        var rewritten: [SCCSExposureDefinition] = []
        for x in exposures {
            guard let startColumn = x.doseColumns.first, let starts = columns[startColumn] else { continue }
            let ends = x.endColumns?.first.flatMap { columns[$0] }
            let episodes: [[(start: Int, end: Int?)]] = order.map { key in
                (groups[key] ?? []).compactMap { r in starts[r].map { (start: $0, end: ends?[r] ?? nil) } }
            }
            let width = max(1, episodes.map(\.count).max() ?? 1)
            let names = (0..<width).map { $0 == 0 ? startColumn : "\(startColumn)#\($0 + 1)" }
            let endNames = x.endColumns?.first.map { e in (0..<width).map { $0 == 0 ? e : "\(e)#\($0 + 1)" } }
            for k in 0..<width {
                out.columns[names[k]] = episodes.map { k < $0.count ? $0[k].start : nil }
                if let endNames { out.columns[endNames[k]] = episodes.map { k < $0.count ? $0[k].end : nil } }
            }
            var y = x
            y.doseColumns = names
            y.endColumns = endNames
            rewritten.append(y)
        }
        return (out, rewritten)
    }

    /// ``cases(exposures:)`` for data in either layout.
    public func cases(exposures: [SCCSExposureDefinition], layout: SCCSDataLayout) throws(SCCSError) -> (cases: [SCCSCase], parameterNames: [String]) {
        switch layout {
        case .multi: return try cases(exposures: exposures)
        case .stack:
            let (data, rewritten) = try unstacked(exposures: exposures)
            return try data.cases(exposures: rewritten)
        }
    }

    /// ``model(exposures:ageCutPoints:seasonStartMonths:)`` for data in either layout.
    public func model(
        exposures: [SCCSExposureDefinition], ageCutPoints: [Int] = [], seasonStartMonths: [Int] = [], layout: SCCSDataLayout
    ) throws(SCCSError) -> SCCSModel {
        switch layout {
        case .multi: return try model(exposures: exposures, ageCutPoints: ageCutPoints, seasonStartMonths: seasonStartMonths)
        case .stack:
            let (data, rewritten) = try unstacked(exposures: exposures)
            return try data.model(exposures: rewritten, ageCutPoints: ageCutPoints, seasonStartMonths: seasonStartMonths)
        }
    }
}
