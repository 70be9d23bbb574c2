import Foundation
import OMOP

extension OMOPSourceSpec {
    /// Reads the instance the spec names: a CSV folder (a relative path against `base`) or a PostgreSQL CDM. The
    /// spec's `cdmVersion`, when given, overrides `options.cdmVersion`.
    ///
    /// - Throws: as ``OMOP/OMOPReader/load(from:options:)``.
    public func load(relativeTo base: URL? = nil, options: OMOPReadOptions = .init()) async throws(OMOPError) -> OMOPLoadedNetwork {
        var options = options
        if let cdmVersion { options.cdmVersion = cdmVersion }
        if let postgres {
            return try await OMOPReader.load(from: OMOPPostgresSource(postgres), options: options)
        }
        let path = csv ?? "."
        let url = path.hasPrefix("/") || base == nil ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path, relativeTo: base)
        return try await OMOPReader.loadCSV(directory: url.standardizedFileURL, options: options)
    }
}
