/// The steps that lead from the data to the analysed population, with what each step removed.
///
/// `columns` names what is counted (for example `["persons", "events"]` for an SCCS, `["target", "comparator"]`
/// for a cohort study). Each step's `excluded[k]` is the previous step's `remaining[k]` minus its own (0 for the first
/// step), so the counts add up exactly before suppression.
public struct AttritionTable: Sendable, Equatable, Codable {
    /// One inclusion step.
    public struct Step: Sendable, Equatable, Codable {
        /// What the step requires.
        public var description: String
        /// What remains after the step, per column.
        public var remaining: [CellCount]
        /// What the step removed, per column.
        public var excluded: [CellCount]

        /// Creates a step.
        public init(description: String, remaining: [CellCount], excluded: [CellCount]) {
            self.description = description
            self.remaining = remaining
            self.excluded = excluded
        }
    }

    /// What each count column counts.
    public var columns: [String]
    /// The steps in order.
    public var steps: [Step]

    /// Creates a table from raw counts per step; `excluded` is derived from consecutive steps.
    public init(columns: [String], steps: [(description: String, remaining: [Int])]) {
        self.columns = columns
        var out: [Step] = []
        var previous: [Int]? = nil
        for s in steps {
            let excluded = s.remaining.indices.map { k in (previous.map { $0[k] } ?? s.remaining[k]) - s.remaining[k] }
            out.append(Step(description: s.description, remaining: s.remaining.map(CellCount.value), excluded: excluded.map(CellCount.value)))
            previous = s.remaining
        }
        self.steps = out
    }
}
