/// Hy's law: hepatocellular injury with impaired liver function and without marked cholestasis.
///
/// ALT or AST above `transaminaseMultiple × ULN`, total bilirubin above `bilirubinMultiple × ULN`, and ALP below
/// `alpMultiple × ULN`, all within `windowDays` days of each other. The event date is the date the last of the
/// criteria is met: day `d` is an event when a criterion is met on `d` and each of the three criteria is met on
/// some day in `[d − windowDays, d]`. Each criterion uses each result's own reference range, so a result with no
/// upper limit is counted as not evaluable.
///
/// ```swift
/// let hy = HysLawOutcome(windowDays: 30)
/// let events = try OutcomeDefinition.hysLaw(hy).events(in: network)
/// ```
///
/// It is ``expanded`` into lab outcomes and combinations, and evaluated as that definition.
/// (FDA guidance, *Drug-Induced Liver Injury: Premarketing Clinical Evaluation*, 2009.)
public struct HysLawOutcome: Sendable, Equatable, Codable {
    /// The largest span in days between the first and the last criterion (0: all on one day).
    public var windowDays: Int
    /// ALT or AST must exceed this multiple of its ULN (default 3).
    public var transaminaseMultiple: Double
    /// Total bilirubin must exceed this multiple of its ULN (default 2).
    public var bilirubinMultiple: Double
    /// ALP must be below this multiple of its ULN (default 2).
    public var alpMultiple: Double
    /// Whether an ALP result below `alpMultiple × ULN` is required. When `false` the ALP criterion is dropped
    /// (ALP is unmeasured in 7–44% of patients, depending on the hospital).
    public var requireALP: Bool
    /// First event only (default), or every event.
    public var occurrences: OutcomeOccurrences
    /// The ALT analyte (default ``LabAnalyte/alt``).
    public var alt: LabAnalyte
    /// The AST analyte (default ``LabAnalyte/ast``).
    public var ast: LabAnalyte
    /// The total bilirubin analyte (default ``LabAnalyte/totalBilirubin``).
    public var totalBilirubin: LabAnalyte
    /// The ALP analyte (default ``LabAnalyte/alp``).
    public var alp: LabAnalyte

    /// Hy's law with the usual multiples.
    ///
    /// - Parameters:
    ///   - windowDays: the largest span between the criteria, in days.
    ///   - transaminaseMultiple: default 3.
    ///   - bilirubinMultiple: default 2.
    ///   - alpMultiple: default 2.
    ///   - requireALP: default `true`.
    ///   - occurrences: default `.first`.
    public init(
        windowDays: Int, transaminaseMultiple: Double = 3, bilirubinMultiple: Double = 2, alpMultiple: Double = 2,
        requireALP: Bool = true, occurrences: OutcomeOccurrences = .first
    ) {
        self.windowDays = windowDays
        self.transaminaseMultiple = transaminaseMultiple
        self.bilirubinMultiple = bilirubinMultiple
        self.alpMultiple = alpMultiple
        self.requireALP = requireALP
        self.occurrences = occurrences
        alt = .alt
        ast = .ast
        totalBilirubin = .totalBilirubin
        alp = .alp
    }

    /// The same definition written with lab outcomes and combinations.
    public var expanded: OutcomeDefinition {
        var parts: [OutcomeDefinition] = [
            .anyOf([
                .lab(LabOutcome(analyte: alt, rule: .aboveUpperLimit(transaminaseMultiple))),
                .lab(LabOutcome(analyte: ast, rule: .aboveUpperLimit(transaminaseMultiple))),
            ]),
            .lab(LabOutcome(analyte: totalBilirubin, rule: .aboveUpperLimit(bilirubinMultiple))),
        ]
        if requireALP { parts.append(.lab(LabOutcome(analyte: alp, rule: .belowUpperLimit(alpMultiple)))) }
        return .allOf(parts, withinDays: windowDays, occurrences: occurrences)
    }
}
