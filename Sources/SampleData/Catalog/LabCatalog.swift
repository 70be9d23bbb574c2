import CohortModel

/// A laboratory test of the sample network (JLAC10 code, harmonized unit, reference range).
public struct SampleLab: Sendable, Equatable, Codable {
    public var name: String
    /// 17-character JLAC10 code.
    public var jlac10: String
    public var unit: String
    /// Reference range for women and men (harmonized unit).
    public var femaleRange: ClosedRange<Double>
    public var maleRange: ClosedRange<Double>
    /// Probability of being measured at a visit.
    public var panelProbability: Double
}

enum LabCatalog {
    static let ast = 0, alt = 1, alp = 2, creatinine = 3, bilirubin = 4, platelets = 5, hba1c = 6, potassium = 7

    /// Nine tests with the JLAC10 codes and units of the domain notes (ALP's analyte 3B070 is not in those
    /// notes), reference ranges from the Japanese common reference intervals (JCCLS 2019), then synthetic tests up
    /// to 260 with JLAC10-shaped codes.
    static let labs: [SampleLab] = {
        var labs: [SampleLab] = [
            SampleLab(name: "AST", jlac10: "3B035000002327201", unit: "U/L", femaleRange: 13...30, maleRange: 13...30, panelProbability: 0.6),
            SampleLab(name: "ALT", jlac10: "3B045000002327201", unit: "U/L", femaleRange: 7...23, maleRange: 10...42, panelProbability: 0.6),
            SampleLab(name: "ALP", jlac10: "3B070000002327201", unit: "U/L", femaleRange: 38...113, maleRange: 38...113, panelProbability: 0.4),
            SampleLab(name: "creatinine", jlac10: "3C015000002327101", unit: "mg/dL", femaleRange: 0.46...0.79, maleRange: 0.65...1.07, panelProbability: 0.6),
            SampleLab(name: "total bilirubin", jlac10: "3J010000002327101", unit: "mg/dL", femaleRange: 0.4...1.5, maleRange: 0.4...1.5, panelProbability: 0.4),
            SampleLab(name: "platelets", jlac10: "2A050000001930101", unit: "10^4/uL", femaleRange: 15.8...34.8, maleRange: 15.8...34.8, panelProbability: 0.5),
            SampleLab(name: "HbA1c", jlac10: "3D046000001906202", unit: "%", femaleRange: 4.9...6.0, maleRange: 4.9...6.0, panelProbability: 0.15),
            SampleLab(name: "potassium", jlac10: "3H015000002326101", unit: "mEq/L", femaleRange: 3.6...4.8, maleRange: 3.6...4.8, panelProbability: 0.4),
            SampleLab(name: "eGFR", jlac10: "8A065000002391901", unit: "mL/min/1.73m2", femaleRange: 60...120, maleRange: 60...120, panelProbability: 0.3),
        ]
        let units = ["mg/dL", "U/L", "g/dL", "ng/mL", "pg/mL", "mmol/L", "%", "10^4/uL", "IU/mL", "ug/dL"]
        let letters = Array("ABCDEFGHJK")
        var k = 0
        while labs.count < 260 {
            let category = 1 + k % 9
            let letter = letters[(k / 9) % letters.count]
            let analyte = 100 + k
            let code = "\(category)\(letter)\(analyte)000002327101"
            let center = Double(1 + (k * 37) % 200) / 4
            let range = (center * 0.7)...(center * 1.3)
            labs.append(SampleLab(
                name: "test \(code.prefix(5))", jlac10: code, unit: units[k % units.count], femaleRange: range,
                maleRange: range, panelProbability: 0.012))
            k += 1
        }
        return labs
    }()
}

enum DiagnosisCatalog {
    static let diabetes = "E11.9", hypertension = "I10", liverDisease = "K76.0", ckd = "N18.3"
    static let dyslipidemia = "E78.5", gerd = "K21.9", infection = "J06.9", pain = "M54.5", atrialFibrillation = "I48.9"
    /// The SCCS outcome (spontaneous tendon rupture).
    static let sccsOutcome = "M66.3"
    /// Oedema: the side effect of the prescribing cascade (amlodipine → oedema → furosemide).
    static let oedema = "R60.0"
    /// Background diagnoses recorded at random visits.
    static let background = ["J20.9", "K29.7", "M79.6", "R51", "H10.9", "L30.9", "N39.0", "R10.4", "G47.0", "F41.9",
                             "J45.9", "K59.0", "M17.9", "R05", "B34.9", "H52.4", "E55.9", "D64.9", "R42", "K80.2"]
}
