extension StudySpec {
    /// Checks names: unique concept sets, outcomes and designs, and every reference defined.
    func validate(root: JSONNode) throws(StudySpecError) {
        func position(_ path: [any CodingKey]) -> (Int, Int) {
            let n = StudySpecError.node(at: path, in: root) ?? root
            return (n.line, n.column)
        }
        func unique(_ names: [String], _ key: String) throws(StudySpecError) {
            var seen = Set<String>()
            for (i, n) in names.enumerated() where !seen.insert(n).inserted {
                let path: [any CodingKey] = [AnyKey(key), AnyKey(index: i), AnyKey("name")]
                let (l, c) = position(path)
                throw .invalid(path: StudySpecError.format(path), line: l, column: c, message: "duplicate name \"\(n)\"")
            }
        }
        try unique(conceptSets.map(\.name), "conceptSets")
        try unique(outcomes.map(\.name), "outcomes")
        try unique(designs.map(\.name), "designs")
        let sets = conceptSets.map(\.name), outs = outcomes.map(\.name)
        func check(_ name: String, in defined: [String], kind: String, _ path: String) throws(StudySpecError) {
            guard defined.contains(name) else { throw .undefinedReference(path: path, kind: kind, name: name, defined: defined) }
        }
        for (i, o) in outcomes.enumerated() {
            if let d = o.diagnosis { try check(d.conceptSet, in: sets, kind: "concept set", "outcomes[\(i)].diagnosis.conceptSet") }
        }
        for (g, grid) in grids.enumerated() {
            for (j, o) in grid.outcomes.enumerated() { try check(o, in: outs, kind: "outcome", "grids[\(g)].outcomes[\(j)]") }
            for (j, x) in grid.exposures.enumerated() { try check(x, in: sets, kind: "concept set", "grids[\(g)].exposures[\(j)]") }
            for (j, x) in grid.comparisons.enumerated() {
                try check(x.target, in: sets, kind: "concept set", "grids[\(g)].comparisons[\(j)].target")
                try check(x.comparator, in: sets, kind: "concept set", "grids[\(g)].comparisons[\(j)].comparator")
            }
        }
        for (i, d) in designs.enumerated() {
            let p = "designs[\(i)]"
            if let s = d.sccs {
                try check(d.outcome ?? "", in: outs, kind: "outcome", "\(p).outcome")
                for (k, x) in s.exposures.enumerated() {
                    if case .named(let n) = x.drugs { try check(n, in: sets, kind: "concept set", "\(p).exposures[\(k)].conceptSet") }
                }
            }
            if let s = d.psCohort {
                if case .named(let n) = s.target { try check(n, in: sets, kind: "concept set", "\(p).target") }
                if case .named(let n) = s.comparator { try check(n, in: sets, kind: "concept set", "\(p).comparator") }
                try check(d.outcome ?? "", in: outs, kind: "outcome", "\(p).outcome")
            }
            if let s = d.ssa {
                for (k, pair) in s.pairs.enumerated() {
                    try check(pair.index, in: sets, kind: "concept set", "\(p).pairs[\(k)].index")
                    try check(pair.marker, in: sets, kind: "concept set", "\(p).pairs[\(k)].marker")
                }
            }
        }
    }
}
