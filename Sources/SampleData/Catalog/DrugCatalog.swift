import CohortModel

/// A drug of the sample network: its Japanese YJ code (with a valid check digit), ATC code and use pattern.
public struct SampleDrug: Sendable, Equatable, Codable {
    /// Short name (the ingredient).
    public var name: String
    /// 12-character YJ code.
    public var yj: String
    /// WHO ATC code (7 characters).
    public var atc: String
    /// Typical days supplied per prescription.
    public var daysSupply: Int
    /// Which persons get it: everyone at a background rate, or only persons with an indication.
    public var indication: Indication
    /// Probability that an eligible person starts it during observation.
    public var uptake: Double
    /// Mean number of prescriptions per course.
    public var meanFills: Double
    /// Relative change in initiation from the first to the last study year (secular trend), e.g. 0.5 = +50%.
    public var trend: Double

    public enum Indication: String, Sendable, Equatable, Codable {
        case none, hypertension, diabetes, infection, pain, dyslipidemia, gerd, anticoagulation
    }
}

enum DrugCatalog {
    /// Builds a YJ code from its 11-character stem by appending the check digit.
    static func yj(_ stem: String) -> String {
        stem + String(CodeSystem.yjCheckDigit(stem) ?? 0)
    }

    /// The drugs. Effects injected on some of them are synthetic (see ``GroundTruth``); codes are real formats
    /// (four published YJ codes: amlodipine, loxoprofen, warfarin, metformin; the others built on real efficacy
    /// classes with computed check digits).
    static let drugs: [SampleDrug] = [
        // Signals.
        SampleDrug(name: "levofloxacin", yj: yj("6241013F100"), atc: "J01MA12", daysSupply: 7, indication: .infection, uptake: 0.30, meanFills: 1, trend: 0),
        SampleDrug(name: "pioglitazone", yj: yj("3969007F100"), atc: "A10BG03", daysSupply: 30, indication: .diabetes, uptake: 0, meanFills: 1, trend: 0),
        SampleDrug(name: "sitagliptin", yj: yj("3969010F100"), atc: "A10BH01", daysSupply: 30, indication: .diabetes, uptake: 0, meanFills: 1, trend: 0),
        SampleDrug(name: "amlodipine", yj: "2171022F2025", atc: "C08CA01", daysSupply: 30, indication: .hypertension, uptake: 0, meanFills: 1, trend: 0),
        SampleDrug(name: "furosemide", yj: yj("2139005F100"), atc: "C03CA01", daysSupply: 30, indication: .hypertension, uptake: 0, meanFills: 1, trend: 0),
        // Background (negative controls among them).
        SampleDrug(name: "metformin", yj: "3962002F2027", atc: "A10BA02", daysSupply: 30, indication: .diabetes, uptake: 0.55, meanFills: 6, trend: 0.2),
        SampleDrug(name: "warfarin", yj: "3332001F1016", atc: "B01AA03", daysSupply: 30, indication: .anticoagulation, uptake: 0.5, meanFills: 8, trend: -0.4),
        SampleDrug(name: "loxoprofen", yj: "1149019F1560", atc: "M01AE", daysSupply: 14, indication: .pain, uptake: 0.6, meanFills: 2, trend: 0),
        SampleDrug(name: "celecoxib", yj: yj("1149037F100"), atc: "M01AH01", daysSupply: 14, indication: .pain, uptake: 0.25, meanFills: 2, trend: 0.3),
        SampleDrug(name: "atorvastatin", yj: yj("2189015F100"), atc: "C10AA05", daysSupply: 30, indication: .dyslipidemia, uptake: 0.6, meanFills: 8, trend: 0.1),
        SampleDrug(name: "rosuvastatin", yj: yj("2189017F100"), atc: "C10AA07", daysSupply: 30, indication: .dyslipidemia, uptake: 0.4, meanFills: 8, trend: 0.6),
        SampleDrug(name: "omeprazole", yj: yj("2329022F100"), atc: "A02BC01", daysSupply: 28, indication: .gerd, uptake: 0.5, meanFills: 3, trend: 0),
        SampleDrug(name: "lansoprazole", yj: yj("2329023F100"), atc: "A02BC03", daysSupply: 28, indication: .gerd, uptake: 0.4, meanFills: 3, trend: -0.2),
        SampleDrug(name: "famotidine", yj: yj("2325003F100"), atc: "A02BA03", daysSupply: 28, indication: .gerd, uptake: 0.3, meanFills: 2, trend: -0.3),
        SampleDrug(name: "candesartan", yj: yj("2149040F100"), atc: "C09CA06", daysSupply: 30, indication: .hypertension, uptake: 0.35, meanFills: 8, trend: 0.1),
        SampleDrug(name: "enalapril", yj: yj("2144002F100"), atc: "C09AA02", daysSupply: 30, indication: .hypertension, uptake: 0.15, meanFills: 8, trend: -0.3),
        SampleDrug(name: "bisoprolol", yj: yj("2123016F100"), atc: "C07AB07", daysSupply: 30, indication: .hypertension, uptake: 0.15, meanFills: 8, trend: 0),
        SampleDrug(name: "amoxicillin", yj: yj("6131001M100"), atc: "J01CA04", daysSupply: 7, indication: .infection, uptake: 0.35, meanFills: 1, trend: 0),
        SampleDrug(name: "cefcapene", yj: yj("6132016F100"), atc: "J01DD", daysSupply: 7, indication: .infection, uptake: 0.25, meanFills: 1, trend: -0.2),
        SampleDrug(name: "clarithromycin", yj: yj("6149003F100"), atc: "J01FA09", daysSupply: 7, indication: .infection, uptake: 0.2, meanFills: 1, trend: 0),
        SampleDrug(name: "acetaminophen", yj: yj("1141007F100"), atc: "N02BE01", daysSupply: 7, indication: .none, uptake: 0.12, meanFills: 2, trend: 0.4),
        SampleDrug(name: "loratadine", yj: yj("4490026F100"), atc: "R06AX13", daysSupply: 14, indication: .none, uptake: 0.08, meanFills: 2, trend: 0),
        SampleDrug(name: "zolpidem", yj: yj("1129009F100"), atc: "N05CF02", daysSupply: 14, indication: .none, uptake: 0.06, meanFills: 4, trend: 0),
        SampleDrug(name: "magnesium oxide", yj: yj("2344009C100"), atc: "A06AD02", daysSupply: 14, indication: .none, uptake: 0.1, meanFills: 4, trend: 0),
        SampleDrug(name: "prednisolone", yj: yj("2456001F100"), atc: "H02AB06", daysSupply: 14, indication: .none, uptake: 0.05, meanFills: 2, trend: 0),
        SampleDrug(name: "levothyroxine", yj: yj("2431004F100"), atc: "H03AA01", daysSupply: 30, indication: .none, uptake: 0.03, meanFills: 8, trend: 0),
        SampleDrug(name: "apixaban", yj: yj("3339004F100"), atc: "B01AF02", daysSupply: 30, indication: .anticoagulation, uptake: 0.4, meanFills: 8, trend: 1.5),
        SampleDrug(name: "empagliflozin", yj: yj("3969019F100"), atc: "A10BK03", daysSupply: 30, indication: .diabetes, uptake: 0.2, meanFills: 6, trend: 2.0),
    ]

    static func index(of name: String) -> Int {
        drugs.firstIndex { $0.name == name } ?? 0
    }
}
