/// What counts as an outcome event: a diagnosis, a lab rule, Hy's law, an admission, or a combination of these.
///
/// A definition is a value (`Codable`, so a study file can hold it) and is evaluated on a network with
/// ``events(in:)``:
///
/// ```swift
/// let liver = OutcomeDefinition.anyOf([
///     .diagnosis(DiagnosisOutcome(
///         concepts: ConceptSet(name: "toxic liver disease", include: [.init(system: .icd10, code: "K71", descendants: true)]),
///         occurrences: .first)),
///     .lab(LabOutcome(analyte: .alt, rule: .aboveUpperLimit(3))),
/// ], occurrences: .first)
/// let events = try liver.events(in: network).insideObservation(of: network)
/// print(events.counts.summary())
/// ```
///
/// Every leaf selects its own occurrences first (first only, or all with a minimum gap); a combination then
/// combines its components' events and selects its own.
public indirect enum OutcomeDefinition: Sendable, Equatable {
    /// Diagnosis records in a concept set.
    case diagnosis(DiagnosisOutcome)
    /// Lab results of one analyte meeting a rule.
    case lab(LabOutcome)
    /// Hy's law (see ``HysLawOutcome``).
    case hysLaw(HysLawOutcome)
    /// Hospital admissions.
    case admission(AdmissionOutcome)
    /// An event on every day any component has one.
    case anyOf([OutcomeDefinition], occurrences: OutcomeOccurrences = .everyDay)
    /// An event on day `d` when a component has an event on `d` and every component has one in `[d − withinDays, d]`:
    /// all components within `withinDays` days, dated when the last is met.
    case allOf([OutcomeDefinition], withinDays: Int, occurrences: OutcomeOccurrences = .everyDay)

    /// The outcome events in `network`, sorted by person then date, with their counts.
    ///
    /// Events are taken from the whole record; restrict them to observed time with
    /// ``OutcomeEvents/insideObservation(of:)``, which counts those it removes.
    ///
    /// - Throws: ``OutcomeError/unitMismatch(analyte:thresholdUnit:harmonizedUnit:)`` when an absolute threshold's
    ///   unit is not its analyte's harmonized unit; ``OutcomeError/invalidAnalyte(code:reason:)``,
    ///   ``OutcomeError/invalidParameter(name:value:reason:)`` and ``OutcomeError/emptyCombination(_:)`` for a
    ///   malformed definition. The definition is checked before any record is read.
    /// - Complexity: one pass over the person-sorted table each leaf reads, plus a merge of the components' events
    ///   for a combination; concept and unit masks are resolved once per leaf.
    public func events(in network: Network) throws(OutcomeError) -> OutcomeEvents {
        try validate()
        return evaluate(network)
    }

    /// Checks the definition without a network: analyte codes, parameter ranges, threshold units, combinations.
    ///
    /// - Throws: the errors of ``events(in:)``.
    public func validate() throws(OutcomeError) {
        switch self {
        case .diagnosis(let d):
            try d.occurrences.validate("diagnosis")
        case .lab(let l):
            try l.validate()
        case .hysLaw(let h):
            try Self.checkNonNegative(h.windowDays, "Hy's law windowDays")
            try Self.checkPositive(h.transaminaseMultiple, "Hy's law transaminaseMultiple")
            try Self.checkPositive(h.bilirubinMultiple, "Hy's law bilirubinMultiple")
            try Self.checkPositive(h.alpMultiple, "Hy's law alpMultiple")
            try h.expanded.validate()
        case .admission(let a):
            if let m = a.minimumStayDays, m < 1 {
                throw .invalidParameter(name: "admission minimumStayDays", value: Double(m), reason: "must be at least 1")
            }
            try a.occurrences.validate("admission")
        case .anyOf(let parts, let occurrences):
            guard !parts.isEmpty else { throw .emptyCombination("anyOf") }
            try occurrences.validate("anyOf")
            for p in parts { try p.validate() }
        case .allOf(let parts, let window, let occurrences):
            guard !parts.isEmpty else { throw .emptyCombination("allOf") }
            try Self.checkNonNegative(window, "allOf withinDays")
            try occurrences.validate("allOf")
            for p in parts { try p.validate() }
        }
    }

    static func checkPositive(_ v: Double, _ name: String) throws(OutcomeError) {
        guard v.isFinite, v > 0 else { throw .invalidParameter(name: name, value: v, reason: "must be a positive number") }
    }

    static func checkNonNegative(_ v: Int, _ name: String) throws(OutcomeError) {
        guard v >= 0 else { throw .invalidParameter(name: name, value: Double(v), reason: "must be 0 or more") }
    }
}

extension LabOutcome {
    func validate() throws(OutcomeError) {
        if let problem = analyte.problem() { throw problem }
        try occurrences.validate("lab \(analyte.code)")
        switch rule {
        case .referenceLimit(_, let multiple, _):
            try OutcomeDefinition.checkPositive(multiple, "lab \(analyte.code) multiple")
        case .absolute(let threshold, let unit, _):
            guard threshold.isFinite else {
                throw .invalidParameter(name: "lab \(analyte.code) threshold", value: threshold, reason: "must be finite")
            }
            guard LabUnit.normalized(unit) == LabUnit.normalized(analyte.unit) else {
                throw .unitMismatch(analyte: analyte.code, thresholdUnit: unit, harmonizedUnit: analyte.unit)
            }
        case .baselineRatio(let ratio, let lookBack, _, _):
            try OutcomeDefinition.checkPositive(ratio, "lab \(analyte.code) ratio")
            guard lookBack >= 1 else {
                throw .invalidParameter(name: "lab \(analyte.code) lookBackDays", value: Double(lookBack), reason: "must be at least 1")
            }
        }
    }
}
