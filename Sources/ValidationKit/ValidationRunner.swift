import Foundation

/// Finds every `case.json` below a directory, runs each case with its registered method and compares
/// each expected value with the obtained one.
///
/// Cases run in the sorted order of their folder paths, so reports are deterministic. A case that cannot
/// run (unreadable or malformed `case.json`, unknown method, missing or malformed data, a model that
/// fails to fit) becomes one failed row carrying the message; the runner never stops early.
///
/// ```swift
/// let report = ValidationRunner.run(directory: URL(fileURLWithPath: "Validation/Cases"))
/// print(report.renderTable())
/// ```
public struct ValidationRunner: Sendable {
    /// The methods cases may name.
    public var methods: MethodRegistry

    /// A runner over `methods` (by default the ones that ship with ValidationKit).
    public init(methods: MethodRegistry = .standard) {
        self.methods = methods
    }

    /// Runs every case below `directory` with the standard methods.
    public static func run(directory: URL) -> ValidationReport {
        ValidationRunner().run(directory: directory)
    }

    /// Runs every case below `directory`.
    public func run(directory: URL) -> ValidationReport {
        let root = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let row = ValidationRow(
                caseName: directory.path, failure: "no such directory: \(directory.path)")
            return ValidationReport(directory: directory.relativePath, cases: [], rows: [row])
        }
        var cases: [CaseSummary] = []
        var rows: [ValidationRow] = []
        for folder in Self.caseFolders(below: root) {
            let name = folder.isEmpty ? root.lastPathComponent : folder
            let caseRows = runCase(directory: folder.isEmpty ? root : root.appendingPathComponent(folder), name: name)
            rows += caseRows.rows
            cases.append(caseRows.summary)
        }
        return ValidationReport(directory: directory.relativePath, cases: cases, rows: rows)
    }

    /// The folders (relative paths, `""` for the root itself) that hold a `case.json`, sorted.
    /// Hidden files and folders are skipped.
    static func caseFolders(below root: URL) -> [String] {
        var folders: [String] = []
        guard let paths = FileManager.default.enumerator(atPath: root.path) else { return [] }
        while let next = paths.nextObject() {
            guard let path = next as? String else { continue }
            let parts = path.split(separator: "/")
            if parts.contains(where: { $0.hasPrefix(".") }) { continue }
            guard parts.last == "case.json" else { continue }
            folders.append(parts.dropLast().joined(separator: "/"))
        }
        return folders.sorted()
    }

    /// Runs the case in `directory`, named `name` in the report.
    public func runCase(directory: URL, name: String) -> (summary: CaseSummary, rows: [ValidationRow]) {
        let validationCase: ValidationCase
        do {
            validationCase = try ValidationCase(directory: directory, name: name)
        } catch {
            return failedCase(name: name, method: nil, title: nil, message: error.description)
        }
        let method = validationCase.method
        guard let handler = methods.method(named: method) else {
            let e = ValidationError.unknownMethod(method, known: methods.names)
            return failedCase(name: name, method: method, title: validationCase.title, message: e.description)
        }
        let outcome: any ValidationOutcome
        do {
            outcome = try handler.evaluate(validationCase)
        } catch {
            return failedCase(name: name, method: method, title: validationCase.title, message: error.description)
        }
        let rows = validationCase.expected.map { e -> ValidationRow in
            do throws(ValidationError) {
                let obtained = try outcome.obtained(for: e)
                return ValidationRow(caseName: name, expectation: e, obtained: obtained)
            } catch {
                return ValidationRow(caseName: name, expectation: e, failure: error.description)
            }
        }
        let failed = rows.filter { !$0.passed }.count
        let summary = CaseSummary(
            name: name, method: method, title: validationCase.title, passed: rows.count - failed, failed: failed,
            error: nil)
        return (summary, rows)
    }

    private func failedCase(name: String, method: String?, title: String?, message: String)
        -> (summary: CaseSummary, rows: [ValidationRow])
    {
        let summary = CaseSummary(name: name, method: method, title: title, passed: 0, failed: 1, error: message)
        return (summary, [ValidationRow(caseName: name, failure: message)])
    }
}
