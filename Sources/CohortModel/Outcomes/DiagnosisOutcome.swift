/// An outcome defined by diagnosis records in a concept set.
///
/// ```swift
/// // First confirmed inpatient diagnosis of acute kidney injury (N17).
/// let aki = DiagnosisOutcome(
///     concepts: ConceptSet(name: "AKI", include: [.init(system: .icd10, code: "N17", descendants: true)]),
///     occurrences: .first, confirmedOnly: true, inpatientOnly: true)
/// ```
///
/// Suspected diagnoses (疑い, the suspected flag of ``DiagnosisTable``) are rule-out diagnoses recorded so that a
/// test can be claimed; in Japanese records they are common (5.6% of additional outpatient diagnoses), so
/// ``confirmedOnly`` is on by default. Records removed by ``confirmedOnly`` or ``inpatientOnly`` are counted in
/// ``OutcomeCounts/excludedByFilter``.
public struct DiagnosisOutcome: Sendable, Equatable, Codable {
    /// The diagnoses that count (ICD-10 codes, with descendants and exclusions).
    public var concepts: ConceptSet
    /// First occurrence only, or every occurrence with a minimum gap.
    public var occurrences: OutcomeOccurrences
    /// Whether to ignore suspected (疑い) diagnoses.
    public var confirmedOnly: Bool
    /// Whether to count only diagnoses recorded in an inpatient setting.
    public var inpatientOnly: Bool

    /// A diagnosis outcome.
    ///
    /// - Parameters:
    ///   - concepts: the diagnosis codes.
    ///   - occurrences: default `.first`.
    ///   - confirmedOnly: ignore suspected diagnoses (default `true`).
    ///   - inpatientOnly: count only inpatient records (default `false`).
    public init(concepts: ConceptSet, occurrences: OutcomeOccurrences = .first, confirmedOnly: Bool = true, inpatientOnly: Bool = false) {
        self.concepts = concepts
        self.occurrences = occurrences
        self.confirmedOnly = confirmedOnly
        self.inpatientOnly = inpatientOnly
    }
}

/// An outcome defined by hospital admissions.
///
/// The event date is the admission date. The length of stay counts both the admission and the discharge day
/// (`discharge − admission + 1`, an inclusive interval as ``Day`` counts them): a same-day discharge is a 1-day stay.
/// An admission whose discharge precedes its admission is counted as not evaluable.
public struct AdmissionOutcome: Sendable, Equatable, Codable {
    /// Shortest stay in days that counts (`nil`: any admission).
    public var minimumStayDays: Int?
    /// First admission only, or every admission with a minimum gap.
    public var occurrences: OutcomeOccurrences

    /// An admission outcome.
    ///
    /// - Parameters:
    ///   - minimumStayDays: shortest stay, inclusive of both ends (default: any stay).
    ///   - occurrences: default every admission day.
    public init(minimumStayDays: Int? = nil, occurrences: OutcomeOccurrences = .everyDay) {
        self.minimumStayDays = minimumStayDays
        self.occurrences = occurrences
    }
}
