import Foundation
import Testing

@testable import ValidationKit

/// The repository root, found from this file's path (Tests/ValidationKitTests/<file>).
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The fixture cases shipped as test resources.
private func fixtures() throws -> URL {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return url.appendingPathComponent("Cases")
}

/// The rows of one fixture case, run on its own.
private func runFixture(_ name: String) throws -> ValidationReport {
    ValidationRunner.run(directory: try fixtures().appendingPathComponent(name))
}

@Suite("Validation runner on the real cases")
struct RealCaseTests {
    @Test func everyRealCasePasses() {
        let report = ValidationRunner.run(directory: repositoryRoot.appendingPathComponent("Validation/Cases"))
        let names = report.cases.map(\.name)
        for expected in ["amdat-intervals", "insurance-poisson-offset", "itpdat-mod3-intervals", "lalonde-ps-glm"] {
            #expect(names.contains(expected), "case \(expected) not found in \(names)")
        }
        #expect(names == names.sorted())
        #expect(report.rows.count > 50)
        #expect(report.failed == 0, "failing rows:\n\(ValidationReport(directory: "", cases: [], rows: report.failures).renderTable())")
        #expect(report.allPassed)
        // Every row carries its citation.
        #expect(report.rows.allSatisfy { !($0.source ?? "").isEmpty })
    }
}

@Suite("Validation runner on broken cases")
struct FixtureCaseTests {
    @Test func fixtureCasesRunInSortedOrder() throws {
        let report = ValidationRunner.run(directory: try fixtures())
        #expect(report.cases.map(\.name) == [
            "bad-csv", "bad-quantities", "malformed-json", "missing-data", "missing-source", "syntax-error",
            "unknown-method", "wrong-value",
        ])
        #expect(!report.allPassed)
        #expect(report.passed == 4)
        #expect(report.passed + report.failed == report.rows.count)
    }

    @Test func deliberatelyWrongValueFailsItsOwnRowOnly() throws {
        let report = try runFixture("wrong-value")
        #expect(report.rows.count == 4)
        let failures = report.failures
        try #require(failures.count == 1)
        let row = failures[0]
        #expect(row.caseName == "wrong-value")
        #expect(row.term == "mpg")
        #expect(row.quantity == "coefficient")
        #expect(row.expected == 0.5)
        let obtained = try #require(row.obtained)
        #expect(abs(obtained - 0.4304135203) < 1e-8)
        #expect(row.difference == obtained - 0.5)
        #expect(row.tolerance == .relative(1e-6))
        #expect(row.allowedDifference == 0.5e-6)
        #expect(row.message == nil)
        #expect(row.source == "deliberately wrong (R: 0.4304135203)")
        #expect(report.cases == [CaseSummary(
            name: "wrong-value", method: "logistic-regression", title: "Fixture: one deliberately wrong expected value",
            passed: 3, failed: 1, error: nil)])
    }

    @Test func malformedJSONIsAFailedRowWithTheProblem() throws {
        let report = try runFixture("malformed-json")
        #expect(report.rows.count == 1)
        let row = try #require(report.rows.first)
        #expect(!row.passed)
        #expect(row.caseName == "malformed-json")
        #expect(row.quantity == "(case)")
        #expect(row.message?.hasPrefix("invalid case.json: not valid JSON") == true)
        #expect(report.cases.first?.error == row.message)

        let syntax = try #require(try runFixture("syntax-error").rows.first)
        #expect(syntax.message?.contains("line 4, column 3") == true, "\(syntax.message ?? "")")
    }

    @Test func schemaErrorNamesTheKeyPath() throws {
        let row = try #require(try runFixture("missing-source").rows.first)
        #expect(row.message == "invalid case.json: missing key \"source\" at expected[1]")
    }

    @Test func missingDataFileIsAFailedRow() throws {
        let report = try runFixture("missing-data")
        let row = try #require(report.rows.first)
        #expect(report.rows.count == 1)
        #expect(!row.passed)
        #expect(row.message?.contains("data file \"absent.csv\" not found") == true, "\(row.message ?? "")")
    }

    @Test func malformedDataNamesFileLineAndColumn() throws {
        let row = try #require(try runFixture("bad-csv").rows.first)
        #expect(row.message == "data: data.csv:3: column 2 (mpg): \"22.8x\" is not a number")
    }

    @Test func unknownMethodListsTheRegisteredOnes() throws {
        let row = try #require(try runFixture("unknown-method").rows.first)
        #expect(row.message == "unknown method \"self-controlled-cohort\"; registered methods: "
            + MethodRegistry.standard.names.joined(separator: ", "))
    }

    @Test func quantityErrorsFailTheirRowsAndTheRestStillRun() throws {
        let report = try runFixture("bad-quantities")
        #expect(report.rows.map(\.passed) == [true, false, false, false, false])
        #expect(report.rows[1].message == "no term \"weight\"; the fit's terms are (Intercept), mpg")
        #expect(report.rows[2].message?.hasPrefix("unknown quantity \"oddsRatio\"") == true)
        #expect(report.rows[3].message?.hasPrefix("\"level\" applies to interval quantities only") == true)
        #expect(report.rows[4].message == "strata is a model-level quantity: remove \"term\": \"mpg\"")
    }

    @Test func missingOrEmptyDirectory() throws {
        let missing = ValidationRunner.run(directory: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        #expect(missing.cases.isEmpty)
        #expect(missing.failed == 1)
        #expect(missing.rows.first?.message?.hasPrefix("no such directory") == true)
        #expect(!missing.allPassed)

        let empty = try TemporaryDirectory()
        let report = ValidationRunner.run(directory: empty.url)
        #expect(report.cases.isEmpty && report.rows.isEmpty && !report.allPassed)
    }
}

@Suite("Validation report")
struct ReportTests {
    @Test func jsonRoundTripsAndUsesTheDocumentedKeys() throws {
        let report = try runFixture("wrong-value")
        let data = try report.jsonData()
        #expect(try ValidationReport.decode(from: data) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["schemaVersion", "directory", "passed", "failed", "cases", "rows"])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows[1]["case"] as? String == "wrong-value")
        #expect(rows[1]["passed"] as? Bool == false)
        #expect((rows[1]["tolerance"] as? [String: Double])?["relative"] == 1e-6)
    }

    @Test func nonFiniteValuesEncodeAsStrings() throws {
        let e = ExpectedValue(quantity: "q", value: 1, tolerance: .absolute(0.1), source: "s")
        let report = ValidationReport(directory: "d", cases: [], rows: [ValidationRow(caseName: "c", expectation: e, obtained: .nan)])
        #expect(report.rows[0].passed == false)
        let text = String(decoding: try report.jsonData(), as: UTF8.self)
        #expect(text.contains("\"obtained\" : \"NaN\""))
        let back = try ValidationReport.decode(from: try report.jsonData())
        #expect(back.rows[0].obtained?.isNaN == true)
    }

    @Test func tableIsAligned() throws {
        let table = try runFixture("wrong-value").renderTable()
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0].hasPrefix("case"))
        #expect(lines[1].allSatisfy { $0 == "-" })
        // The result column starts at the same place on every line.
        let resultColumn = try #require(lines[0].range(of: "result")).lowerBound.utf16Offset(in: lines[0])
        for line in lines.dropFirst(2) {
            let status = line.dropFirst(resultColumn).prefix(4)
            #expect(status == "ok" || status == "FAIL", "\(line)")
        }
        #expect(lines[3].contains("FAIL") && lines[3].contains("0.4304135203"))
    }
}

@Suite("Tolerance")
struct ToleranceTests {
    @Test func passesIffWithinTheBound() {
        #expect(Tolerance.relative(1e-6).accepts(obtained: 100.00009, expected: 100))
        #expect(!Tolerance.relative(1e-6).accepts(obtained: 100.00011, expected: 100))
        #expect(Tolerance.relative(1e-6).accepts(obtained: -100.00009, expected: -100))
        #expect(Tolerance.absolute(0.0005).accepts(obtained: 12.0374, expected: 12.037))
        #expect(!Tolerance.absolute(0.0005).accepts(obtained: 12.0376, expected: 12.037))
        #expect(Tolerance.absolute(0).accepts(obtained: 38, expected: 38))
        #expect(!Tolerance.absolute(1).accepts(obtained: .nan, expected: 0))
        #expect(!Tolerance.absolute(1).accepts(obtained: .infinity, expected: 0))
        #expect(Tolerance.relative(1e-6).bound(expected: -2) == 2e-6)
    }

    @Test func decodingRejectsBadTolerances() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Tolerance.self, from: Data(#"{"relative": 1e-6}"#.utf8)) == .relative(1e-6))
        #expect(try decoder.decode(Tolerance.self, from: Data(#"{"absolute": 0}"#.utf8)) == .absolute(0))
        for bad in [#"{}"#, #"{"relative": 1, "absolute": 1}"#, #"{"relative": -1}"#, #"{"relativ": 1}"#] {
            #expect(throws: DecodingError.self) { try decoder.decode(Tolerance.self, from: Data(bad.utf8)) }
        }
    }
}

/// A method registered from outside ValidationKit: reports `value = 2 × input` for any quantity.
private struct DoublingMethod: ValidationMethod {
    struct Spec: Decodable { var input: Double }
    struct Outcome: ValidationOutcome {
        let value: Double
        func obtained(for expectation: ExpectedValue) throws(ValidationError) -> Double {
            guard expectation.quantity == "double" else { throw .quantity("only \"double\"") }
            return value
        }
    }
    let name = "doubling"
    func evaluate(_ validationCase: ValidationCase) throws(ValidationError) -> any ValidationOutcome {
        Outcome(value: 2 * (try validationCase.model(as: Spec.self)).input)
    }
}

/// A scratch directory removed when the value goes away.
private final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("validationkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("Method registry")
struct RegistryTests {
    @Test func registeredMethodRunsNestedCases() throws {
        let dir = try TemporaryDirectory()
        let nested = dir.url.appendingPathComponent("group/b-case")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let json = #"{"method": "doubling", "model": {"input": 21}, "expected": [{"quantity": "double", "value": 42, "tolerance": {"absolute": 0}, "source": "arithmetic"}]}"#
        try Data(json.utf8).write(to: nested.appendingPathComponent("case.json"))
        let other = dir.url.appendingPathComponent("a-case")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data(json.replacingOccurrences(of: "21", with: "20").utf8).write(to: other.appendingPathComponent("case.json"))
        // Hidden folders are skipped.
        let hidden = dir.url.appendingPathComponent(".hidden")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        try Data(json.utf8).write(to: hidden.appendingPathComponent("case.json"))

        var methods = MethodRegistry.standard
        methods.register(DoublingMethod())
        #expect(methods.names == (MethodRegistry.standard.names + ["doubling"]).sorted())
        let report = ValidationRunner(methods: methods).run(directory: dir.url)
        #expect(report.cases.map(\.name) == ["a-case", "group/b-case"])
        #expect(report.rows.map(\.passed) == [false, true])
        #expect(report.rows[0].obtained == 40)

        // Without the registration the same case is an unknown method.
        let plain = ValidationRunner.run(directory: nested)
        #expect(plain.rows.first?.message?.hasPrefix("unknown method \"doubling\"") == true)
    }

    @Test func unknownKeysInTheModelAreRejected() throws {
        let dir = try TemporaryDirectory()
        try Data("a,b\n1,2\n0,3\n".utf8).write(to: dir.url.appendingPathComponent("d.csv"))
        let json = #"{"method": "poisson-regression", "data": "d.csv", "model": {"response": "b", "covariates": [], "exposuretime": "a"}, "expected": [{"quantity": "events", "value": 5, "tolerance": {"absolute": 0}, "source": "x"}]}"#
        try Data(json.utf8).write(to: dir.url.appendingPathComponent("case.json"))
        let row = try #require(ValidationRunner.run(directory: dir.url).rows.first)
        #expect(row.message?.contains("unknown key \"exposuretime\"") == true, "\(row.message ?? "")")
        #expect(row.message?.contains("model.exposuretime") == true, "\(row.message ?? "")")
    }

    @Test func dataPathsMayNotLeaveTheCaseFolder() throws {
        let dir = try TemporaryDirectory()
        let json = #"{"method": "logistic-regression", "data": "../x.csv", "model": {"response": "y", "covariates": []}, "expected": [{"quantity": "events", "value": 5, "tolerance": {"absolute": 0}, "source": "x"}]}"#
        try Data(json.utf8).write(to: dir.url.appendingPathComponent("case.json"))
        let row = try #require(ValidationRunner.run(directory: dir.url).rows.first)
        #expect(row.message?.contains("must be relative to the case folder") == true, "\(row.message ?? "")")
    }
}

/// Issue 14's methods reject a misspelt model key, naming it.
@Suite struct SCCSEventDependentMethodKeyTests {
    @Test func misspeltKeyFailsTheCase() throws {
        let dir = try TemporaryDirectory()
        let json = #"{"method": "sccs-samplesize", "model": {"relativeIncidence": 2.5, "riskDays": 21, "start": 366, "end": 730, "powr": 0.9}, "expected": [{"quantity": "cases", "value": 110, "tolerance": {"absolute": 0}, "source": "R SCCS 1.7 samplesize ss1"}]}"#
        try Data(json.utf8).write(to: dir.url.appendingPathComponent("case.json"))
        let row = try #require(ValidationRunner.run(directory: dir.url).rows.first)
        #expect(row.message?.contains("unknown key \"powr\"") == true, "\(row.message ?? "")")
    }
}
