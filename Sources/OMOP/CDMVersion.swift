/// The OMOP CDM versions the reader and writer know.
public enum CDMVersion: String, Sendable, Codable, CaseIterable {
    case v5_3 = "5.3"
    case v5_4 = "5.4"

    /// Parses `5.3`, `v5.3.1`, `5.4.0` and the like (the form of `cdm_source.cdm_version`); `nil` for other versions.
    public init?(parsing text: String) {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        if t.first == "v" || t.first == "V" { t = t.dropFirst() }
        let parts = t.split(separator: ".")
        guard parts.count >= 2, parts[0] == "5" else { return nil }
        switch parts[1] {
        case "3": self = .v5_3
        case "4": self = .v5_4
        default: return nil
        }
    }
}

import Foundation
