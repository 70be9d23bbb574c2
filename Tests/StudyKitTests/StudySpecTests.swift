import Foundation
import Testing
@testable import StudyKit

/// Bad study files: every error names where (key path, line, column) and what was expected.
@Suite struct StudySpecTests {
    static let valid = """
        {
          "name": "t",
          "data": {"sample": {"persons": 2000, "seed": 1}},
          "conceptSets": [
            {"name": "levofloxacin", "include": [{"system": "YJ", "code": "6241013", "descendants": true}]},
            {"name": "tendon", "include": [{"system": "ICD10", "code": "M66.3"}]}
          ],
          "outcomes": [{"name": "tendon rupture", "diagnosis": {"conceptSet": "tendon"}}],
          "designs": [
            {"name": "a", "type": "ssa", "pairs": [{"index": "levofloxacin", "marker": "levofloxacin"}]},
            {"name": "b", "type": "sccs", "outcome": "tendon rupture",
             "exposures": [{"conceptSet": "levofloxacin", "riskWindows": [{"start": 0, "end": 29}]}]}
          ]
        }
        """

    func parse(_ text: String) throws(StudySpecError) -> StudySpec { try StudySpec.parse(Data(text.utf8)) }

    func error(_ text: String) -> StudySpecError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func validStudyParsesWithDefaults() throws {
        let s = try parse(Self.valid)
        #expect(s.designs.count == 2)
        #expect(s.designs[1].sccs?.exposures[0].windows[0].endAnchor == .eraEnd)
        #expect(s.designs[1].sccs?.eras.persistenceGap == 30)
        #expect(s.output.smallCellThreshold == 10)
        #expect(s.conceptSets[0].include[0].system == .yj)
    }

    @Test func wrongTypeNamesTheKeyPathLineAndColumn() {
        let text = Self.valid.replacingOccurrences(of: "[{\"start\": 0, \"end\": 29}]", with: "[{\"start\": \"zero\", \"end\": 29}]")
        let e = error(text)
        #expect(e == .wrongType(path: "designs[1].exposures[0].riskWindows[0].start", line: 12, column: 77, expected: "an integer", found: "a string"))
        #expect(e?.description.hasPrefix("designs[1].exposures[0].riskWindows[0].start (line 12, column 77): expected an integer") == true)
        let fractional = Self.valid.replacingOccurrences(of: "\"end\": 29", with: "\"end\": 29.5")
        guard case .wrongType(let path, _, _, let expected, let found)? = error(fractional) else {
            Issue.record("expected a type error")
            return
        }
        #expect(path == "designs[1].exposures[0].riskWindows[0].end" && expected == "an integer" && found == "a number")
    }

    @Test func unknownKeyIsAnErrorListingTheAllowedKeys() {
        let text = Self.valid.replacingOccurrences(of: "\"start\": 0,", with: "\"start\": 0, \"strat\": 1,")
        guard case .unknownKey(let path, let line, _, let allowed)? = error(text) else {
            Issue.record("expected an unknown-key error")
            return
        }
        #expect(path == "designs[1].exposures[0].riskWindows[0].strat")
        #expect(line == 12)
        #expect(allowed == ["end", "endAnchor", "label", "start", "startAnchor"])
        let top = Self.valid.replacingOccurrences(of: "\"name\": \"t\",", with: "\"name\": \"t\", \"outputs\": {},")
        guard case .unknownKey(let p2, _, _, _)? = error(top) else {
            Issue.record("expected an unknown-key error at the top level")
            return
        }
        #expect(p2 == "outputs")
    }

    @Test func missingKeyIsNamed() {
        let text = Self.valid.replacingOccurrences(of: "\"outcome\": \"tendon rupture\",", with: "")
        guard case .missingKey(let path, _, _)? = error(text) else {
            Issue.record("expected a missing-key error")
            return
        }
        #expect(path == "designs[1].outcome")
    }

    @Test func syntaxErrorPointsAtLineAndColumn() {
        // A missing comma after the "name" member: the parser stops at the next key, line 3 column 3.
        let text = Self.valid.replacingOccurrences(of: "\"name\": \"t\",", with: "\"name\": \"t\"")
        #expect(error(text) == .syntax(line: 3, column: 3, message: "expected ',' or '}' after a member, found '\"'"))
        let trailing = "{\"name\": \"t\",\n  \"data\": {\"csv\": \"x\"},\n  \"designs\": [1, ]\n}"
        guard case .syntax(let line, let column, _)? = error(trailing) else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(line == 3 && column == 18)
        guard case .syntax(1, 1, _)? = error("") else {
            Issue.record("expected a syntax error for an empty file")
            return
        }
    }

    @Test func undefinedReferencesAreNamed() {
        let text = Self.valid.replacingOccurrences(of: "\"conceptSet\": \"levofloxacin\"", with: "\"conceptSet\": \"levoflox\"")
        #expect(error(text) == .undefinedReference(
            path: "designs[1].exposures[0].conceptSet", kind: "concept set", name: "levoflox", defined: ["levofloxacin", "tendon"]))
        #expect(error(text)?.description == "designs[1].exposures[0].conceptSet: no concept set named \"levoflox\" (defined: \"levofloxacin\", \"tendon\")")
        let outcome = Self.valid.replacingOccurrences(of: "\"outcome\": \"tendon rupture\"", with: "\"outcome\": \"rupture\"")
        #expect(error(outcome) == .undefinedReference(path: "designs[1].outcome", kind: "outcome", name: "rupture", defined: ["tendon rupture"]))
        let inOutcome = Self.valid.replacingOccurrences(of: "{\"conceptSet\": \"tendon\"}", with: "{\"conceptSet\": \"tendons\"}")
        #expect(error(inOutcome) == .undefinedReference(
            path: "outcomes[0].diagnosis.conceptSet", kind: "concept set", name: "tendons", defined: ["levofloxacin", "tendon"]))
    }

    @Test func invalidValuesAreExplained() {
        let badType = Self.valid.replacingOccurrences(of: "\"type\": \"ssa\"", with: "\"type\": \"cohort\"")
        guard case .invalid(let path, _, _, let message)? = error(badType) else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(path == "designs[0].type")
        #expect(message.contains("sccs, psCohort, ssa"))
        let twoSources = Self.valid.replacingOccurrences(of: "\"data\": {", with: "\"data\": {\"csv\": \"x\", ")
        guard case .invalid(let p2, _, _, _)? = error(twoSources) else {
            Issue.record("expected an invalid-value error")
            return
        }
        #expect(p2 == "data")
        let duplicate = Self.valid.replacingOccurrences(of: "{\"name\": \"b\"", with: "{\"name\": \"a\"")
        guard case .invalid(let p3, _, _, let m3)? = error(duplicate) else {
            Issue.record("expected a duplicate-name error")
            return
        }
        #expect(p3 == "designs[1].name" && m3.contains("duplicate"))
        let system = Self.valid.replacingOccurrences(of: "\"system\": \"ICD10\"", with: "\"system\": \"ICD9\"")
        guard case .invalid(let p4, _, _, _)? = error(system) else {
            Issue.record("expected an invalid code system")
            return
        }
        #expect(p4 == "conceptSets[1].include[0].system")
    }

    @Test func exampleStudiesParse() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples/studies").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == ["demo.json", "ps-cohort-options.json", "ps-cohort.json", "sccs-grid.json", "sccs-splines.json", "sccs.json", "ssa.json"])
        for f in files {
            let (spec, _) = try StudySpec.load(contentsOf: folder.appendingPathComponent(f))
            #expect(!spec.designs.isEmpty)
        }
        let demo = try StudySpec.load(contentsOf: folder.appendingPathComponent("demo.json")).spec
        #expect(demo == (try StudySpec.parse(Data(DemoStudy.json().utf8))))
    }

    @Test func missingStudyFileIsReported() {
        #expect(throws: StudySpecError.unreadable(path: "/nonexistent/study.json", reason: "no such file")) {
            try StudySpec.load(contentsOf: URL(fileURLWithPath: "/nonexistent/study.json"))
        }
    }

    // MARK: - Messages that misled (reliability review 2026-12, S4)

    /// `1e400` overflows a Double: it used to read "expected a number, found a number".
    @Test func anOverflowingNumberSaysItIsOutOfRange() {
        let text = Self.valid.replacingOccurrences(of: "{\"name\": \"a\", \"type\": \"ssa\",", with: "{\"name\": \"a\", \"type\": \"ssa\", \"screening\": {\"falseDiscoveryRate\": 1e400},")
        let e = error(text)
        guard case .invalid(let path, _, _, let message)? = e else {
            Issue.record("expected an out-of-range error, got \(String(describing: e))")
            return
        }
        #expect(path == "designs[0].screening.falseDiscoveryRate")
        #expect(message == "1e400 is out of range (a number must be finite: at most about ±1.8e308)")
        #expect(e?.description.contains("found a number") == false)
    }

    /// A check on a key the file leaves at its default points at the key and the object (it pointed at
    /// `maximumGapDays (line 1, column 1)` for `minimumGapDays: 0`).
    @Test func checksOnKeysNameTheKeyAndTheObjectsPosition() {
        let gap = Self.valid.replacingOccurrences(of: "\"pairs\": [{\"index\"", with: "\"minimumGapDays\": 0, \"pairs\": [{\"index\"")
        #expect(error(gap) == .invalid(
            path: "designs[0].minimumGapDays", line: 10, column: 52,
            message: "days from 1 to 3650, found 0"))
        // `lab.unit` is absent: the position is that of the `lab` object, not line 1, column 1.
        let lab = Self.valid.replacingOccurrences(
            of: "{\"name\": \"tendon rupture\", \"diagnosis\": {\"conceptSet\": \"tendon\"}}",
            with: "{\"name\": \"tendon rupture\", \"diagnosis\": {\"conceptSet\": \"tendon\"}},\n {\"name\": \"alt\", \"lab\": {\"analyte\": \"ALT\", \"rule\": \"above\", \"value\": 100}}")
        #expect(error(lab) == .invalid(path: "outcomes[1].lab.unit", line: 9, column: 25, message: "rule \"above\" needs a \"unit\""))
    }

    /// A document that is not an object names "the study", not an empty path.
    @Test func aTopLevelArrayNamesTheStudy() {
        #expect(error("[1, 2]")?.description == "the study (line 1, column 1): expected an object, found an array")
    }
}
