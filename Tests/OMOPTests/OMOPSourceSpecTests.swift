import Foundation
import OMOP
import Testing

@Suite("OMOP study-file source")
struct OMOPSourceSpecTests {
    @Test func decodesCSVAndPostgres() throws {
        let csv = try JSONDecoder().decode(OMOPSourceSpec.self, from: Data(#"{"csv": "data/eunomia", "cdmVersion": "5.3"}"#.utf8))
        #expect(csv == OMOPSourceSpec(csv: "data/eunomia", cdmVersion: .v5_3))
        let pg = try JSONDecoder().decode(OMOPSourceSpec.self, from: Data(#"""
            {"postgres": {"host": "127.0.0.1", "port": 55432, "database": "eunomia", "user": "me", "cdmSchema": "cdm"}}
            """#.utf8))
        #expect(pg.postgres == .init(host: "127.0.0.1", port: 55432, database: "eunomia", user: "me", cdmSchema: "cdm"))
    }

    /// A password in the study file, both sources or neither, and an unknown version are errors.
    @Test func rejectsBadSpecs() {
        for text in [
            #"{"postgres": {"host": "h", "database": "d", "user": "u", "cdmSchema": "cdm", "password": "x"}}"#,
            #"{"csv": "a", "postgres": {"host": "h", "database": "d", "user": "u", "cdmSchema": "cdm"}}"#,
            #"{"cdmVersion": "5.3"}"#,
            #"{"csv": "a", "cdmVersion": "6.0"}"#,
        ] {
            #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode(OMOPSourceSpec.self, from: Data(text.utf8)) }
        }
    }
}
