/// The coding standards of a MID-NET-style network, each with its format check.
///
/// Formats follow the public descriptions collected in the project's domain notes: ICD-10 (WHO, with the
/// Japanese ICD10-2013 use in the MEDIS master), ATC (WHO), YJ (12-character individual drug code with a
/// check digit), HOT (13-digit standard drug master code, used as HOT7/9/11/13), the 9-digit receipt
/// computer drug code, and JLAC10 (17-character lab code: analyte 5, identification 4, specimen 3,
/// method 3, result 2), and OMOP CDM concept ids (a standard concept of an OMOP vocabulary, by its decimal
/// `concept_id`, as the OMOP reader records concepts that have no Japanese source code).
public enum CodeSystem: String, Sendable, Hashable, Codable, CaseIterable {
    case icd10 = "ICD10"
    case atc = "ATC"
    case yj = "YJ"
    case hot = "HOT"
    case receipt = "RECEIPT"
    case jlac10 = "JLAC10"
    /// An OMOP CDM `concept_id` (positive decimal integer, up to 10 digits).
    case omop = "OMOP"

    /// Why a code does not conform to its system, or `nil` when it does.
    public func formatProblem(_ code: String) -> String? {
        let b = Array(code.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        switch self {
        case .icd10:
            // Letter, two digits, then optionally up to two more digits (with or without a dot): A00, K29.7, K297.
            let plain = b.filter { $0 != 46 }
            guard plain.count >= 3, plain.count <= 5, isUpper(plain[0]), plain.dropFirst().allSatisfy(isDigit) else {
                return "ICD-10 codes are a letter and 2 to 4 digits (for example K29 or K29.7)"
            }
            if let dot = b.firstIndex(of: 46), dot != 3 || b.count == 4 { return "ICD-10 dot must follow the category (K29.7)" }
            return nil
        case .atc:
            // Levels: A, A10, A10B, A10BA, A10BA02.
            let shapes: [[Bool]] = [[true], [true, false, false], [true, false, false, true],
                                    [true, false, false, true, true], [true, false, false, true, true, false, false]]
            guard let shape = shapes.first(where: { $0.count == b.count }) else {
                return "ATC codes have 1, 3, 4, 5 or 7 characters (for example A10BA02)"
            }
            for (c, letter) in zip(b, shape) where letter ? !isUpper(c) : !isDigit(c) {
                return "ATC code characters do not follow letter/digit pattern L NN L L NN"
            }
            return nil
        case .yj:
            guard b.count == 12, b[0..<4].allSatisfy(isDigit), b[4..<7].allSatisfy(isDigit),
                b[7..<12].allSatisfy({ isDigit($0) || isUpper($0) })
            else { return "YJ codes are 12 characters: 7 digits, then digits or capital letters" }
            guard let check = YJCheckDigit.compute(b.prefix(11)), check == Int(b[11]) - 48 else {
                return "YJ check digit does not match"
            }
            return nil
        case .hot:
            guard [7, 9, 11, 13].contains(b.count), b.allSatisfy(isDigit) else {
                return "HOT codes are 7, 9, 11 or 13 digits"
            }
            return nil
        case .receipt:
            guard b.count == 9, b.allSatisfy(isDigit) else { return "receipt drug codes are 9 digits" }
            return nil
        case .jlac10:
            guard b.count == 17, isDigit(b[0]), isUpper(b[1]), b[2...].allSatisfy(isDigit) else {
                return "JLAC10 codes are 17 characters: a digit, a capital letter, then 15 digits"
            }
            return nil
        case .omop:
            guard (1...10).contains(b.count), b.allSatisfy(isDigit), b[0] != 48 else {
                return "OMOP concept ids are positive integers without leading zeros (concept_id 0 means no concept)"
            }
            return nil
        }
    }

    /// Whether `code` conforms.
    public func isValid(_ code: String) -> Bool { formatProblem(code) == nil }

    /// The YJ check digit for the first 11 characters of a YJ code (`nil` for characters the rule does not cover).
    public static func yjCheckDigit(_ first11: String) -> Int? {
        let b = Array(first11.utf8)
        guard b.count == 11 else { return nil }
        return YJCheckDigit.compute(b)
    }
}

/// The YJ check digit: over the first 11 characters, weights 2–7 repeating from the right; letters A–I
/// count 1–9 and J–R count 1–9; r = sum mod 11; the digit is 0 when r ≤ 1, else 11 − r.
/// (Inferred from, and reproducing, 44 published codes; letters S–Z are not defined and give `nil`.)
enum YJCheckDigit {
    static func compute<C: Collection>(_ chars: C) -> Int? where C.Element == UInt8 {
        var sum = 0
        for (k, c) in chars.reversed().enumerated() {
            let v: Int
            switch c {
            case 48...57: v = Int(c) - 48
            case 65...73: v = Int(c) - 64
            case 74...82: v = Int(c) - 73
            default: return nil
            }
            sum += v * (2 + k % 6)
        }
        let r = sum % 11
        return r <= 1 ? 0 : 11 - r
    }
}
