/// How a loader treats malformed rows, converts lab units and maps drug codes.
///
/// ```swift
/// let loaded = try NetworkLoader.loadCSV(directory: dir, options: LoadOptions(mode: .lenient))
/// print(loaded.report.summary())
/// ```
public struct LoadOptions: Sendable {
    /// What to do with a row that cannot be stored.
    public enum Mode: Sendable, Equatable {
        /// Throw ``CohortModelError/rejectedRow(_:)`` for the first such row.
        case strict
        /// Skip it, record a ``LoadReport/Rejection`` and go on.
        case lenient
    }

    /// Strict (the default) or lenient.
    public var mode: Mode
    /// Lab units and the factors that bring them to each analyte's harmonized unit; applied to values and
    /// reference ranges as rows are loaded.
    public var unitConversions: UnitConversionTable
    /// A drug code mapping (for example YJ to ATC). The loader does not rewrite codes with it: tables keep the
    /// codes as recorded, and the mapping is applied when a concept set is resolved
    /// (``ConceptSet/resolve(in:mapping:)``). The loader passes it on in ``LoadedNetwork/codeMapping`` and lists
    /// the loaded drug codes it does not cover in ``LoadReport/unmappedDrugCodes``.
    public var drugCodeMapping: CodeMapping?
    /// Accept columns that the layout does not define (they are ignored). Off by default, so that a misspelt
    /// optional column is an error rather than silently missing data.
    public var allowExtraColumns: Bool
    /// Threads for parsing large tables (the drug exposures); at least 1. Defaults to the active processor count.
    public var parallelism: Int
    /// How far a quoted CSV field may run across lines before the reader reports it as an unterminated quote and
    /// resynchronises at the next line (default: 100 lines, 1 MiB after its first line break).
    public var quotedFieldLimits: QuotedFieldLimits = .standard

    /// Options; `parallelism` defaults to the active processor count.
    public init(
        mode: Mode = .strict, unitConversions: UnitConversionTable = .standard, drugCodeMapping: CodeMapping? = nil,
        allowExtraColumns: Bool = false, parallelism: Int? = nil
    ) {
        self.mode = mode
        self.unitConversions = unitConversions
        self.drugCodeMapping = drugCodeMapping
        self.allowExtraColumns = allowExtraColumns
        self.parallelism = max(1, parallelism ?? ProcessInfoCores.activeProcessorCount)
    }

    /// Strict loading with the standard unit table.
    public static var strict: LoadOptions { LoadOptions(mode: .strict) }
    /// Lenient loading with the standard unit table.
    public static var lenient: LoadOptions { LoadOptions(mode: .lenient) }
}

/// A loaded network and the account of every source row.
public struct LoadedNetwork: Sendable {
    /// The network, sorted and indexed by person.
    public var network: Network
    /// Rejections and the source-versus-stored reconciliation.
    public var report: LoadReport
    /// The drug code mapping the load was given, if any, to resolve concept sets with.
    public var codeMapping: CodeMapping?
}

import Foundation

enum ProcessInfoCores {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
