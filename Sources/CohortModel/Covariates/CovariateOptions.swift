/// The kinds of covariate an extraction can produce.
public enum CovariateDomain: String, Sendable, Hashable, Codable, CaseIterable {
    /// Age at index in completed years (continuous, column `age`).
    case age
    /// Age group at index (binary, `ageGroup:65-69`).
    case ageGroup
    /// Sex (binary, `sex:female`, `sex:male`, `sex:unknown`).
    case sex
    /// Hospital (binary, `site:<hospital id>`).
    case site
    /// Diagnoses in the look-back window (binary, `dx:…` or `dxSet:…`).
    case diagnoses
    /// Drugs in the look-back window (binary, `drug:<system>:…` or `drugSet:…`).
    case drugs
    /// Lab results in the look-back window (`lab:<analyte>:measured`, `:last`, `:aboveULN`, `:belowLLN`).
    case labs
}

/// How diagnoses are grouped into covariates.
public enum DiagnosisCovariateLevel: Sendable, Equatable, Codable {
    /// One covariate per ICD-10 code as recorded (`dx:K29.7`).
    case concept
    /// One covariate per ICD-10 3-character category: the first three characters with any dot removed (`dx:K29`).
    case category
    /// One covariate per concept set, named by the set (`dxSet:gastritis`); a code in several sets counts for each.
    case conceptSets([ConceptSet])
}

/// How drugs are grouped into covariates.
public enum DrugCovariateLevel: Sendable, Equatable, Codable {
    /// One covariate per drug code as recorded (`drug:YJ:2171022F2025`).
    case concept
    /// YJ codes cut to their first `yjLength` characters (4: efficacy class, 7: ingredient and route) and ATC codes to
    /// their first `atcLength` (1, 3, 4, 5 or 7: the ATC levels), as in `drug:YJ:2171`; other systems (HOT, receipt)
    /// stay per code. A code shorter than its length is kept whole.
    case prefix(yjLength: Int, atcLength: Int)
    /// One covariate per concept set (`drugSet:ACE inhibitors`); a code in several sets counts for each.
    case conceptSets([ConceptSet])
}

/// Which drug exposures fall in the look-back window.
public enum DrugWindowTiming: String, Sendable, Equatable, Codable {
    /// The exposure's start date is in the window.
    case startInWindow
    /// Any day of `[start, start + daysSupply − 1]` is in the window (long-running supplies started before it count).
    case overlapsWindow
}

/// What ``CovariateMatrix/init(cohort:network:options:)`` extracts.
///
/// The look-back window is `[index + windowStart, index + windowEnd]`, both ends included. The default
/// `-365...-1` is the year before the index date and excludes the index day itself: on the index day the exposure
/// and its consequences are recorded together, and covariates must precede treatment. Set `windowEnd` to 0 to
/// include the index day.
public struct CovariateOptions: Sendable, Equatable, Codable {
    /// First day of the window, relative to the index date (default −365).
    public var windowStart: Int
    /// Last day of the window, relative to the index date (default −1).
    public var windowEnd: Int
    /// Which covariates to build (default all).
    public var domains: Set<CovariateDomain>
    /// Width of the age groups in years (default 5: `0-4`, `5-9`, …).
    public var ageGroupWidth: Int
    /// Diagnosis grouping (default ICD-10 3-character categories).
    public var diagnosisLevel: DiagnosisCovariateLevel
    /// Whether suspected (疑い) diagnoses are ignored (default `true`).
    public var confirmedDiagnosesOnly: Bool
    /// Drug grouping (default per code).
    public var drugLevel: DrugCovariateLevel
    /// Which exposures are in the window (default: those starting in it).
    public var drugTiming: DrugWindowTiming
    /// The analytes for lab covariates, each with its harmonized unit (default ``LabAnalyte/catalog``).
    public var labAnalytes: [LabAnalyte]
    /// Smallest fraction of cohort members that must have a binary covariate for it to be kept (default 0: keep all
    /// that occur). Constant covariates are always removed. Both are reported in ``CovariateMatrix/removed``.
    public var minimumPrevalence: Double

    /// Options; every parameter has the default documented on its property.
    public init(
        windowStart: Int = -365, windowEnd: Int = -1, domains: Set<CovariateDomain> = Set(CovariateDomain.allCases),
        ageGroupWidth: Int = 5, diagnosisLevel: DiagnosisCovariateLevel = .category, confirmedDiagnosesOnly: Bool = true,
        drugLevel: DrugCovariateLevel = .concept, drugTiming: DrugWindowTiming = .startInWindow,
        labAnalytes: [LabAnalyte] = LabAnalyte.catalog, minimumPrevalence: Double = 0
    ) {
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.domains = domains
        self.ageGroupWidth = ageGroupWidth
        self.diagnosisLevel = diagnosisLevel
        self.confirmedDiagnosesOnly = confirmedDiagnosesOnly
        self.drugLevel = drugLevel
        self.drugTiming = drugTiming
        self.labAnalytes = labAnalytes
        self.minimumPrevalence = minimumPrevalence
    }
}

/// Why covariates cannot be extracted.
public enum CovariateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The window's start is after its end.
    case invalidWindow(start: Int, end: Int)
    /// A parameter outside its valid range.
    case invalidParameter(name: String, value: Double, reason: String)
    /// A cohort row names a person the network does not have.
    case unknownPerson(row: Int, person: Int32)
    /// Two covariates would share a name (for example two concept sets with one name).
    case duplicateName(String)
    /// A lab analyte that is not a JLAC10 analyte code.
    case invalidAnalyte(code: String, reason: String)

    /// A sentence naming what is wrong.
    public var description: String {
        switch self {
        case .invalidWindow(let s, let e): return "the look-back window \(s)...\(e) starts after it ends"
        case .invalidParameter(let name, let value, let reason): return "\(name) = \(value): \(reason)"
        case .unknownPerson(let row, let person): return "cohort row \(row): person index \(person) is not in the network"
        case .duplicateName(let n): return "two covariates would be named \"\(n)\""
        case .invalidAnalyte(let code, let reason): return "lab analyte \"\(code)\": \(reason)"
        }
    }
}
