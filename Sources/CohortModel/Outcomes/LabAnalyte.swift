/// A laboratory analyte: a JLAC10 analyte code (the first 5 of the 17 characters) and the unit its results are
/// harmonized to.
///
/// Every JLAC10 code whose first five characters equal ``code`` is a result of the analyte, whatever its
/// identification, method or result id (AST alone has seven full codes in the JAMI list). ``specimens``, when not
/// empty, also restricts the specimen (characters 10–12: `023` serum, `022` plasma, `019` whole blood with
/// additive, `001` urine), as the domain notes advise validating on analyte plus specimen.
///
/// ```swift
/// LabAnalyte.alt                                    // 3B045, U/L
/// LabAnalyte(code: "3C015", name: "creatinine", unit: "mg/dL", specimens: ["023"])
/// ```
public struct LabAnalyte: Sendable, Hashable, Codable {
    /// The 5-character JLAC10 analyte code (`\d[A-Z]\d{3}`).
    public var code: String
    /// A short name for reports and covariate labels.
    public var name: String
    /// The harmonized unit: results in any other unit are not compared against absolute thresholds or baselines.
    public var unit: String
    /// 3-digit JLAC10 specimen codes to accept; empty accepts every specimen.
    public var specimens: [String]

    /// An analyte.
    ///
    /// - Parameters:
    ///   - code: the 5-character JLAC10 analyte code.
    ///   - name: a short name.
    ///   - unit: the harmonized unit of its results.
    ///   - specimens: 3-digit specimen codes to accept (default: any).
    public init(code: String, name: String, unit: String, specimens: [String] = []) {
        self.code = code
        self.name = name
        self.unit = unit
        self.specimens = specimens
    }

    // Codes and units from the project's domain notes (section 3), except ALP.

    /// Aspartate aminotransferase, U/L.
    public static let ast = LabAnalyte(code: "3B035", name: "AST", unit: "U/L")
    /// Alanine aminotransferase, U/L.
    public static let alt = LabAnalyte(code: "3B045", name: "ALT", unit: "U/L")
    /// Alkaline phosphatase, U/L.
    ///
    /// 3B070 is the JLAC10 ALP analyte code; it is **not** among the codes confirmed in the project's domain notes.
    public static let alp = LabAnalyte(code: "3B070", name: "ALP", unit: "U/L")
    /// Serum creatinine, mg/dL.
    public static let creatinine = LabAnalyte(code: "3C015", name: "creatinine", unit: "mg/dL")
    /// Total bilirubin, mg/dL.
    public static let totalBilirubin = LabAnalyte(code: "3J010", name: "total bilirubin", unit: "mg/dL")
    /// HbA1c (NGSP), %.
    public static let hbA1c = LabAnalyte(code: "3D046", name: "HbA1c", unit: "%")
    /// Potassium, mEq/L.
    public static let potassium = LabAnalyte(code: "3H015", name: "potassium", unit: "mEq/L")
    /// Platelet count, 10^4/µL (the Japanese convention: 25.0 means 250,000/µL).
    public static let platelets = LabAnalyte(code: "2A050", name: "platelets", unit: "10^4/µL")
    /// Estimated GFR, mL/min/1.73m².
    public static let egfr = LabAnalyte(code: "8A065", name: "eGFR", unit: "mL/min/1.73m^2")

    /// The analytes above, in a fixed order: the default lab covariates.
    public static let catalog: [LabAnalyte] = [
        .ast, .alt, .alp, .creatinine, .totalBilirubin, .hbA1c, .potassium, .platelets, .egfr,
    ]

    /// Why the analyte cannot be used, or `nil`.
    func problem() -> OutcomeError? {
        let b = Array(code.utf8)
        guard b.count == 5, (48...57).contains(b[0]), (65...90).contains(b[1]), b[2...].allSatisfy({ (48...57).contains($0) })
        else { return .invalidAnalyte(code: code, reason: "JLAC10 analyte codes are a digit, a capital letter and 3 digits (3B045)") }
        for s in specimens where s.utf8.count != 3 || !s.utf8.allSatisfy({ (48...57).contains($0) }) {
            return .invalidAnalyte(code: code, reason: "specimen \"\(s)\" is not a 3-digit JLAC10 specimen code")
        }
        return nil
    }

    /// Whether a concept is a result of this analyte (and specimen).
    func matches(_ concept: Vocabulary.Concept) -> Bool {
        guard concept.system == .jlac10 else { return false }
        let b = Array(concept.code.utf8)
        guard b.count == 17, b[0..<5].elementsEqual(code.utf8) else { return false }
        if specimens.isEmpty { return true }
        return specimens.contains { $0.utf8.elementsEqual(b[9..<12]) }
    }

    /// A mask over the vocabulary's concept ids: true for results of this analyte.
    public func resolve(in vocabulary: Vocabulary) -> [Bool] { vocabulary.concepts.map(matches) }

    /// A mask over `units` (a network's unit names): true where the unit is this analyte's harmonized unit.
    public func unitMask(_ units: [String]) -> [Bool] {
        let mine = LabUnit.normalized(unit)
        return units.map { LabUnit.normalized($0) == mine }
    }
}

/// Unit spelling, compared leniently.
public enum LabUnit {
    /// A comparison key for a unit's spelling.
    ///
    /// Spaces are removed, letters are folded to lower case, the Greek mu (U+03BC) and `u` before `l`, `g` or
    /// `mol` become the micro sign (U+00B5), superscript digits become `^` and digits (`10⁴` → `10^4`), and `×`
    /// becomes `x`. So `10^4/uL`, `10⁴/µL` and `10^4/μl` are one unit, while `U/L` and `IU/L` stay two.
    public static func normalized(_ unit: String) -> String {
        let superscripts: [Character: Character] = [
            "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        ]
        var out = ""
        var inSuperscript = false
        for ch in unit {
            if ch.isWhitespace { continue }
            if let d = superscripts[ch] {
                if !inSuperscript { out.append("^") }
                out.append(d)
                inSuperscript = true
                continue
            }
            inSuperscript = false
            switch ch {
            case "μ": out.append("µ")
            case "×": out.append("x")
            default: out += ch.lowercased()
            }
        }
        // `u` as a micro prefix: "ul", "ug", "umol" at the start or after "/" or a digit.
        var result = ""
        let chars = Array(out)
        for (i, ch) in chars.enumerated() {
            if ch == "u", i + 1 < chars.count, chars[i + 1] == "l" || chars[i + 1] == "g" || chars[i + 1] == "m",
                i == 0 || chars[i - 1] == "/" || chars[i - 1].isNumber
            {
                result.append("µ")
            } else {
                result.append(ch)
            }
        }
        return result
    }
}
