import CohortModel

extension SampleNetwork {
    /// The sample network's drug code mapping: each drug's YJ code to its WHO ATC code, so that a concept set written
    /// in ATC finds the YJ-coded prescriptions (`ConceptSet.expanded(in:mapping:)`). `pvstudy generate`
    /// writes it as `code_mapping.csv`.
    public static var codeMapping: CodeMapping {
        let entries = DrugCatalog.drugs.map { d in
            CodeMapping.Entry(source: .init(system: .yj, code: d.yj), target: .init(system: .atc, code: d.atc))
        }
        // Every catalog code passes its format check and no YJ code equals its ATC code (SampleNetworkTests checks that
        // the mapping has one entry per drug), so construction cannot fail here.
        return (try? CodeMapping(entries)) ?? CodeMapping()
    }

    /// ``codeMapping`` in the CSV layout `CodeMapping.load(csv:)` reads.
    public static var codeMappingCSV: String {
        "source_system,source_code,target_system,target_code\n"
            + DrugCatalog.drugs.map { "YJ,\($0.yj),ATC,\($0.atc)\n" }.joined()
    }
}
