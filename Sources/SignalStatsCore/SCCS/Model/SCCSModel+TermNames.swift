extension SCCSModel {
    /// The term of age group `group` (0-based, in cut-point order): `"age<group + 1>"`, as R `SCCS` names it. The one
    /// place the name is made; read estimates with ``SCCSResult/ageGroupEstimate(_:)``.
    public static func ageTermName(group: Int) -> String { "age\(group + 1)" }

    /// The term of season group `group` (0-based, in month order): `"season<group + 1>"`.
    public static func seasonTermName(group: Int) -> String { "season\(group + 1)" }
}

extension SCCSResult {
    /// The estimate of age group `group` (0-based); `nil` for the reference group, an aliased group or one without
    /// events (see ``zeroEventParameters``).
    public func ageGroupEstimate(_ group: Int) -> Estimate? { estimate(SCCSModel.ageTermName(group: group)) }

    /// The estimate of season group `group` (0-based); `nil` as for ``ageGroupEstimate(_:)``.
    public func seasonGroupEstimate(_ group: Int) -> Estimate? { estimate(SCCSModel.seasonTermName(group: group)) }

    /// Whether age group `group` had no events (its RI is 0, not estimated).
    public func ageGroupHasNoEvents(_ group: Int) -> Bool { zeroEventParameters.contains(SCCSModel.ageTermName(group: group)) }

    /// Whether season group `group` had no events.
    public func seasonGroupHasNoEvents(_ group: Int) -> Bool { zeroEventParameters.contains(SCCSModel.seasonTermName(group: group)) }
}
