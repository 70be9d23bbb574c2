// Covariate extraction: one pass over each cohort member's person-sorted records, with concept-to-covariate maps
// resolved once over the vocabulary; entries are collected by row, then filtered, ordered and imputed.

extension CovariateMatrix {
    /// Extracts the covariates of `cohort`'s members at their index dates.
    ///
    /// - Parameters:
    ///   - cohort: the members (person and index date); row `r` of the matrix is cohort row `r`.
    ///   - network: the network the cohort was built on.
    ///   - options: window, domains, grouping and filtering (see ``CovariateOptions``).
    /// - Throws: ``CovariateError/invalidWindow(start:end:)``, ``CovariateError/invalidParameter(name:value:reason:)``
    ///   and ``CovariateError/invalidAnalyte(code:reason:)`` for bad options, ``CovariateError/unknownPerson(row:person:)``
    ///   for a cohort row outside the network, ``CovariateError/duplicateName(_:)`` when two covariates would share a name.
    /// - Complexity: O(records of the members' persons + stored entries × log(entries per row)).
    public init(cohort: Cohort, network: Network, options: CovariateOptions = .init()) throws(CovariateError) {
        var x = try CovariateExtraction(network: network, options: options)
        for r in 0..<cohort.count {
            let p = cohort.person[r]
            guard p >= 0, Int(p) < network.personCount else { throw .unknownPerson(row: r, person: p) }
            x.addMember(person: Int(p), index: cohort.indexDate[r])
        }
        self = try x.finish()
    }
}

/// The working state of one extraction.
struct CovariateExtraction {
    struct Candidate {
        var name: String
        var label: String
        var domain: CovariateDomain
        var kind: CovariateInfo.Kind
        /// Sort key within the domain: a number, then a name.
        var order: Int
        var sortName: String
        /// For a lab's last value and flags: the candidate of its `measured` indicator.
        var measured: Int = -1
        var isLabValue = false
    }

    /// Concept id → covariate keys, flat (keys of concept `c` are `keys[offsets[c]..<offsets[c + 1]]`).
    struct ConceptKeys {
        var offsets: [Int] = [0]
        var keys: [Int32] = []
        var keyNames: [String] = []
    }

    let network: Network
    let options: CovariateOptions
    let domains: Set<CovariateDomain>
    var candidates: [Candidate] = []
    var lastRow: [Int] = []  // per candidate: the last row (+1) that has it, to store each once per row
    // Entries by row.
    var rowOffsets: [Int] = [0]
    var cols: [Int32] = []
    var vals: [Double] = []
    var row = 0
    // Demographics.
    var ageCandidate = -1
    var ageGroupCandidate: [Int: Int] = [:]
    var sexCandidate: [Int] = [-1, -1, -1]
    var siteCandidate: [Int]
    var bornAfterIndex = 0
    // Diagnoses and drugs.
    let dxKeys: ConceptKeys
    var dxCandidate: [Int]
    let drugKeys: ConceptKeys
    var drugCandidate: [Int]
    // Labs.
    let labKeys: ConceptKeys  // keys are analyte indices
    let labUnitOK: [[Bool]]  // [analyte][unit id]
    var labMeasured: [Int], labLast: [Int], labAbove: [Int], labBelow: [Int]  // candidate per analyte
    var labLatestRow: [Int]  // per analyte: the member's latest usable result row, or -1
    var labSkipped = 0

    init(network: Network, options o: CovariateOptions) throws(CovariateError) {
        guard o.windowStart <= o.windowEnd else { throw .invalidWindow(start: o.windowStart, end: o.windowEnd) }
        guard o.ageGroupWidth >= 1 else {
            throw .invalidParameter(name: "ageGroupWidth", value: Double(o.ageGroupWidth), reason: "must be at least 1")
        }
        guard o.minimumPrevalence.isFinite, (0...1).contains(o.minimumPrevalence) else {
            throw .invalidParameter(name: "minimumPrevalence", value: o.minimumPrevalence, reason: "must be between 0 and 1")
        }
        if case .prefix(let yj, let atc) = o.drugLevel, yj < 1 || atc < 1 {
            throw .invalidParameter(name: "drug prefix length", value: Double(min(yj, atc)), reason: "must be at least 1")
        }
        for a in o.labAnalytes {
            if case .invalidAnalyte(let code, let reason) = a.problem() { throw .invalidAnalyte(code: code, reason: reason) }
        }
        self.network = network
        options = o
        domains = o.domains
        siteCandidate = [Int](repeating: -1, count: network.sites.count)
        let v = network.vocabulary
        dxKeys = Self.diagnosisKeys(v, o.diagnosisLevel)
        dxCandidate = [Int](repeating: -1, count: dxKeys.keyNames.count)
        drugKeys = Self.drugKeys(v, o.drugLevel)
        drugCandidate = [Int](repeating: -1, count: drugKeys.keyNames.count)
        var lab = ConceptKeys()
        lab.keyNames = o.labAnalytes.map(\.code)
        for concept in v.concepts {
            for (a, analyte) in o.labAnalytes.enumerated() where analyte.matches(concept) { lab.keys.append(Int32(a)) }
            lab.offsets.append(lab.keys.count)
        }
        labKeys = lab
        labUnitOK = o.labAnalytes.map { $0.unitMask(network.units) }
        let nA = o.labAnalytes.count
        labMeasured = [Int](repeating: -1, count: nA)
        labLast = labMeasured
        labAbove = labMeasured
        labBelow = labMeasured
        labLatestRow = labMeasured
    }

    static func diagnosisKeys(_ v: Vocabulary, _ level: DiagnosisCovariateLevel) -> ConceptKeys {
        switch level {
        case .concept:
            return keys(v) { $0.system == .icd10 ? "dx:" + $0.code : nil }
        case .category:
            return keys(v) { c in
                guard c.system == .icd10 else { return nil }
                return "dx:" + String(c.code.filter { $0 != "." }.prefix(3))
            }
        case .conceptSets(let sets):
            return setKeys(v, sets, prefix: "dxSet:")
        }
    }

    static func drugKeys(_ v: Vocabulary, _ level: DrugCovariateLevel) -> ConceptKeys {
        let drugSystems: Set<CodeSystem> = [.yj, .hot, .receipt, .atc]
        switch level {
        case .concept:
            return keys(v) { drugSystems.contains($0.system) ? "drug:\($0.system.rawValue):\($0.code)" : nil }
        case .prefix(let yj, let atc):
            return keys(v) { c in
                switch c.system {
                case .yj: return "drug:YJ:" + c.code.prefix(yj)
                case .atc: return "drug:ATC:" + c.code.prefix(atc)
                case .hot, .receipt, .omop: return "drug:\(c.system.rawValue):\(c.code)"
                case .icd10, .jlac10: return nil
                }
            }
        case .conceptSets(let sets):
            return setKeys(v, sets, prefix: "drugSet:")
        }
    }

    /// One key per distinct name `name(concept)` gives.
    static func keys(_ v: Vocabulary, _ name: (Vocabulary.Concept) -> String?) -> ConceptKeys {
        var k = ConceptKeys()
        var index: [String: Int32] = [:]
        for c in v.concepts {
            if let n = name(c) {
                if let i = index[n] {
                    k.keys.append(i)
                } else {
                    let i = Int32(k.keyNames.count)
                    index[n] = i
                    k.keyNames.append(n)
                    k.keys.append(i)
                }
            }
            k.offsets.append(k.keys.count)
        }
        return k
    }

    static func setKeys(_ v: Vocabulary, _ sets: [ConceptSet], prefix: String) -> ConceptKeys {
        var k = ConceptKeys()
        k.keyNames = sets.map { prefix + $0.name }
        let masks = sets.map { $0.resolve(in: v) }
        for c in 0..<v.count {
            for (s, mask) in masks.enumerated() where mask[c] { k.keys.append(Int32(s)) }
            k.offsets.append(k.keys.count)
        }
        return k
    }

    mutating func newCandidate(_ c: Candidate) -> Int {
        candidates.append(c)
        lastRow.append(0)
        return candidates.count - 1
    }

    /// Stores `value` for candidate `c` in the current row, once.
    @inline(__always)
    mutating func put(_ c: Int, _ value: Double) {
        guard lastRow[c] != row + 1 else { return }
        lastRow[c] = row + 1
        cols.append(Int32(c))
        vals.append(value)
    }

    var windowText: String { "days \(options.windowStart)..\(options.windowEnd)" }

    mutating func addMember(person p: Int, index: Day) {
        let lo = Int(index.rawValue) + options.windowStart
        let hi = Int(index.rawValue) + options.windowEnd
        addDemographics(person: p, index: index)
        if domains.contains(.diagnoses) { addDiagnoses(person: p, lo: lo, hi: hi) }
        if domains.contains(.drugs) { addDrugs(person: p, lo: lo, hi: hi) }
        if domains.contains(.labs) && !options.labAnalytes.isEmpty { addLabs(person: p, lo: lo, hi: hi) }
        row += 1
        rowOffsets.append(cols.count)
    }

    mutating func addDemographics(person p: Int, index: Day) {
        let persons = network.persons
        let b = persons.birthDate[p].civil, a = index.civil
        var age = a.year - b.year
        if (a.month, a.day) < (b.month, b.day) { age -= 1 }
        if index < persons.birthDate[p] { bornAfterIndex += 1 }
        if domains.contains(.age) {
            if ageCandidate < 0 {
                ageCandidate = newCandidate(Candidate(
                    name: "age", label: "age at index, completed years", domain: .age, kind: .continuous, order: 0, sortName: ""))
            }
            put(ageCandidate, Double(age))
        }
        if domains.contains(.ageGroup), index >= persons.birthDate[p] {
            let g = age / options.ageGroupWidth
            let c: Int
            if let known = ageGroupCandidate[g] {
                c = known
            } else {
                let from = g * options.ageGroupWidth, to = from + options.ageGroupWidth - 1
                c = newCandidate(Candidate(
                    name: "ageGroup:\(from)-\(to)", label: "age \(from) to \(to) at index", domain: .ageGroup, kind: .binary,
                    order: g, sortName: ""))
                ageGroupCandidate[g] = c
            }
            put(c, 1)
        }
        if domains.contains(.sex) {
            let s = Int(persons.sex[p].rawValue)
            if sexCandidate[s] < 0 {
                let name = ["female", "male", "unknown"][s]
                sexCandidate[s] = newCandidate(Candidate(
                    name: "sex:\(name)", label: "sex \(name)", domain: .sex, kind: .binary, order: s, sortName: ""))
            }
            put(sexCandidate[s], 1)
        }
        if domains.contains(.site) {
            let s = Int(persons.site[p])
            if s >= 0, s < siteCandidate.count {
                if siteCandidate[s] < 0 {
                    let site = network.sites[s]
                    siteCandidate[s] = newCandidate(Candidate(
                        name: "site:\(site.hospitalID)", label: "hospital \(site.hospitalID) (\(site.name))", domain: .site,
                        kind: .binary, order: s, sortName: ""))
                }
                put(siteCandidate[s], 1)
            }
        }
    }

    mutating func addDiagnoses(person p: Int, lo: Int, hi: Int) {
        let t = network.diagnoses.table
        for i in network.diagnoses.rows(ofPerson: p) {
            let d = Int(t.date[i].rawValue)
            if d > hi { break }
            guard d >= lo, !(options.confirmedDiagnosesOnly && t.suspected[i]) else { continue }
            let c = Int(t.code[i])
            for k in dxKeys.offsets[c]..<dxKeys.offsets[c + 1] {
                let key = Int(dxKeys.keys[k])
                if dxCandidate[key] < 0 {
                    let name = dxKeys.keyNames[key]
                    dxCandidate[key] = newCandidate(Candidate(
                        name: name, label: "\(name) recorded in \(windowText)", domain: .diagnoses, kind: .binary, order: 0,
                        sortName: name))
                }
                put(dxCandidate[key], 1)
            }
        }
    }

    mutating func addDrugs(person p: Int, lo: Int, hi: Int) {
        let t = network.drugs.table
        let overlap = options.drugTiming == .overlapsWindow
        for i in network.drugs.rows(ofPerson: p) {
            let s = Int(t.start[i].rawValue)
            if s > hi { break }
            let last = overlap ? s + max(Int(t.daysSupply[i]), 1) - 1 : s
            guard last >= lo else { continue }
            let c = Int(t.drug[i])
            for k in drugKeys.offsets[c]..<drugKeys.offsets[c + 1] {
                let key = Int(drugKeys.keys[k])
                if drugCandidate[key] < 0 {
                    let name = drugKeys.keyNames[key]
                    let how = overlap ? "exposed" : "started"
                    drugCandidate[key] = newCandidate(Candidate(
                        name: name, label: "\(name) \(how) in \(windowText)", domain: .drugs, kind: .binary, order: 0,
                        sortName: name))
                }
                put(drugCandidate[key], 1)
            }
        }
    }

    mutating func addLabs(person p: Int, lo: Int, hi: Int) {
        let t = network.labs.table
        for a in labLatestRow.indices { labLatestRow[a] = -1 }
        for i in network.labs.rows(ofPerson: p) {
            let d = Int(t.date[i].rawValue)
            if d > hi { break }
            guard d >= lo else { continue }
            let c = Int(t.code[i])
            for k in labKeys.offsets[c]..<labKeys.offsets[c + 1] {
                let a = Int(labKeys.keys[k])
                guard labUnitOK[a][Int(t.unit[i])], t.value[i].isFinite else {
                    labSkipped += 1
                    continue
                }
                labLatestRow[a] = i  // rows are in date order: the last one seen is the latest
            }
        }
        for a in labLatestRow.indices where labLatestRow[a] >= 0 {
            let i = labLatestRow[a]
            let analyte = options.labAnalytes[a]
            let tag = "lab:\(analyte.code)"
            if labMeasured[a] < 0 {
                let order = a * 4
                labMeasured[a] = newCandidate(Candidate(
                    name: tag + ":measured", label: "\(analyte.name) measured in \(windowText)", domain: .labs, kind: .binary,
                    order: order, sortName: ""))
                labLast[a] = newCandidate(Candidate(
                    name: tag + ":last", label: "\(analyte.name) last value in \(windowText) (\(analyte.unit); cohort mean if not measured)",
                    domain: .labs, kind: .continuous, order: order + 1, sortName: "", measured: labMeasured[a], isLabValue: true))
            }
            put(labMeasured[a], 1)
            let v = t.value[i]
            put(labLast[a], v)
            let high = t.referenceHigh[i], low = t.referenceLow[i]
            let above = high.isFinite ? v > high : t.abnormal[i] == .high
            let below = low.isFinite ? v < low : t.abnormal[i] == .low
            if above {
                if labAbove[a] < 0 {
                    labAbove[a] = newCandidate(Candidate(
                        name: tag + ":aboveULN", label: "\(analyte.name) last value above ULN", domain: .labs, kind: .binary,
                        order: a * 4 + 2, sortName: "", measured: labMeasured[a]))
                }
                put(labAbove[a], 1)
            }
            if below {
                if labBelow[a] < 0 {
                    labBelow[a] = newCandidate(Candidate(
                        name: tag + ":belowLLN", label: "\(analyte.name) last value below LLN", domain: .labs, kind: .binary,
                        order: a * 4 + 3, sortName: "", measured: labMeasured[a]))
                }
                put(labBelow[a], 1)
            }
        }
    }

    /// Filters, orders, imputes and packs the entries.
    func finish() throws(CovariateError) -> CovariateMatrix {
        let n = candidates.count
        let rows = row
        // Per-candidate count, min and max over stored entries.
        var count = [Int](repeating: 0, count: n)
        var minV = [Double](repeating: .infinity, count: n)
        var maxV = [Double](repeating: -.infinity, count: n)
        var sum = [Double](repeating: 0, count: n)
        for k in cols.indices {
            let c = Int(cols[k])
            count[c] += 1
            minV[c] = min(minV[c], vals[k])
            maxV[c] = max(maxV[c], vals[k])
            sum[c] += vals[k]
        }
        // Order: domain, then number, then name.
        let domainOrder = Dictionary(uniqueKeysWithValues: CovariateDomain.allCases.enumerated().map { ($1, $0) })
        let sorted = (0..<n).sorted { a, b in
            let ca = candidates[a], cb = candidates[b]
            let da = domainOrder[ca.domain] ?? 0, db = domainOrder[cb.domain] ?? 0
            if da != db { return da < db }
            if ca.order != cb.order { return ca.order < cb.order }
            return ca.sortName < cb.sortName
        }
        var id = [Int](repeating: 0, count: n)
        for (i, c) in sorted.enumerated() { id[c] = i }
        // Keep or remove.
        var reason = [RemovedCovariate.Reason?](repeating: nil, count: n)
        let minimumCount = options.minimumPrevalence * Double(rows)
        for c in 0..<n {
            let cand = candidates[c]
            switch cand.kind {
            case .binary:
                if count[c] == rows { reason[c] = .constant } else if Double(count[c]) < minimumCount { reason[c] = .belowMinimumPrevalence }
            case .continuous:
                if cand.isLabValue, cand.measured >= 0, Double(count[cand.measured]) < minimumCount {
                    reason[c] = .measurementBelowMinimumPrevalence
                } else if minV[c] == maxV[c] && (cand.isLabValue || count[c] == rows) {
                    reason[c] = .constant
                }
            }
        }
        var column = [Int32](repeating: -1, count: n)
        var kept: [CovariateInfo] = []
        var removed: [RemovedCovariate] = []
        var seen = Set<String>()
        for c in sorted {
            let cand = candidates[c]
            guard seen.insert(cand.name).inserted else { throw .duplicateName(cand.name) }
            let info = CovariateInfo(id: id[c], name: cand.name, label: cand.label, domain: cand.domain, kind: cand.kind, count: count[c])
            if let r = reason[c] {
                removed.append(RemovedCovariate(covariate: info, reason: r))
            } else {
                column[c] = Int32(kept.count)
                kept.append(info)
            }
        }
        // Lab values to impute: (value column, measured candidate, mean).
        var impute: [(column: Int32, measured: Int, mean: Double)] = []
        for c in 0..<n where candidates[c].isLabValue && column[c] >= 0 && count[c] < rows {
            impute.append((column[c], candidates[c].measured, sum[c] / Double(max(count[c], 1))))
        }
        // Pack by row, columns increasing, zeros dropped.
        var offsets = [0]
        offsets.reserveCapacity(rows + 1)
        var outCols: [Int32] = []
        var outVals: [Double] = []
        outCols.reserveCapacity(cols.count)
        outVals.reserveCapacity(cols.count)
        var has = [Int](repeating: 0, count: n)  // has[c] == r + 1: row r stores candidate c
        var buffer: [(column: Int32, value: Double)] = []
        for r in 0..<rows {
            buffer.removeAll(keepingCapacity: true)
            for k in rowOffsets[r]..<rowOffsets[r + 1] {
                let c = Int(cols[k])
                has[c] = r + 1
                if column[c] >= 0 { buffer.append((column[c], vals[k])) }
            }
            for m in impute where has[m.measured] != r + 1 { buffer.append((m.column, m.mean)) }
            buffer.sort { $0.column < $1.column }
            for e in buffer where e.value != 0 {
                outCols.append(e.column)
                outVals.append(e.value)
            }
            offsets.append(outCols.count)
        }
        return CovariateMatrix(
            rows: rows, covariates: kept, removed: removed, rowOffsets: offsets, columnIndices: outCols, values: outVals,
            labResultsSkipped: labSkipped, membersBornAfterIndex: bornAfterIndex, options: options)
    }
}
