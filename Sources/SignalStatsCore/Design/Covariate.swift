/// One named input to a model matrix.
///
/// A numeric covariate becomes one column. A categorical covariate becomes one indicator column per
/// level other than the reference level, named `name + level` as R names them (`race` with levels
/// `black`, `hispan`, `white` and reference `black` gives `racehispan` and `racewhite`).
public enum Covariate: Sendable, Equatable {
    /// A numeric column.
    case numeric(name: String, values: [Double])
    /// A categorical column; `levels` fixes the order of indicator columns (default: sorted, as R's
    /// `factor` sorts), `reference` the omitted level (default: the first level).
    case categorical(name: String, values: [String], levels: [String]? = nil, reference: String? = nil)

    /// The covariate's name.
    public var name: String {
        switch self {
        case .numeric(let n, _), .categorical(let n, _, _, _): return n
        }
    }

    /// Number of rows.
    public var count: Int {
        switch self {
        case .numeric(_, let v): return v.count
        case .categorical(_, let v, _, _): return v.count
        }
    }
}
