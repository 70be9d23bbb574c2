/// The persons (and records) remaining after each inclusion step of a cohort, and why the rest left.
///
/// Counts add up exactly: each step's `removed` equals the previous step's `persons` minus its own.
public struct Attrition: Sendable, Equatable, Codable {
    /// One inclusion step.
    public struct Step: Sendable, Equatable, Codable {
        public var description: String
        public var persons: Int
        public var records: Int
        public var removedPersons: Int
    }

    public private(set) var steps: [Step] = []

    public init() {}

    /// Records a step that leaves `persons` persons and `records` records.
    public mutating func record(_ description: String, persons: Int, records: Int) {
        let previous = steps.last?.persons ?? persons
        steps.append(Step(description: description, persons: persons, records: records, removedPersons: previous - persons))
    }

    /// A text table.
    public func summary() -> String {
        let width = max(40, (steps.map(\.description.count).max() ?? 0) + 2)
        var lines = ["step".padding(toLength: width, withPad: " ", startingAt: 0) + "persons    removed"]
        for s in steps {
            lines.append(
                s.description.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(s.persons).leftPadded(7) + String(s.removedPersons).leftPadded(11))
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
