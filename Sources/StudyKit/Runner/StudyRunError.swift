/// Why a study could not run (a design that fails is reported in its ``DesignResult/error`` instead).
public enum StudyRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data path does not exist.
    case dataNotFound(path: String)
    /// The data could not be loaded.
    case dataLoad(path: String, reason: String)
    /// An outcome definition is invalid for this data.
    case outcome(name: String, reason: String)

    /// One line.
    public var description: String {
        switch self {
        case .dataNotFound(let p): return "the data path \(p) does not exist"
        case .dataLoad(let p, let r): return "cannot load the data at \(p): \(r)"
        case .outcome(let n, let r): return "outcome \"\(n)\": \(r)"
        }
    }
}

/// A step of a study run, for progress display.
public struct StudyProgress: Sendable, Equatable {
    /// 0-based index of the stage.
    public var stage: Int
    /// Number of stages.
    public var stages: Int
    /// What runs now (`"load data"`, `"quality checks"`, `"SCCS: levofloxacin"`, …).
    public var name: String
    /// Relative cost of the stage, for estimating time left (sums to 1 over the stages).
    public var weight: Double
    /// Share of the work done before this stage.
    public var done: Double
}
