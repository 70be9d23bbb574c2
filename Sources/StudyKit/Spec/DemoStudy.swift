/// The study `pvstudy demo` runs: every design on the sample network, with the concept sets and outcomes of the
/// injected signals (the same file as `Examples/studies/demo.json`, at the requested size and seed).
public enum DemoStudy {
    /// The study file's text for a sample network of `persons` persons generated with `seed`.
    public static func json(persons: Int = 100_000, seed: UInt64 = 2018) -> String {
        """
        {
          "name": "SignalStats demo: the sample network's injected signals",
          "description": "Levofloxacin and tendon rupture (SCCS), pioglitazone versus sitagliptin and ALT above 3 x ULN (PS cohort), amlodipine then furosemide (SSA, with a screen of all ingredient pairs).",
          "data": {"sample": {"persons": \(persons), "seed": \(seed)}},
          "conceptSets": [
            {"name": "levofloxacin", "include": [{"system": "YJ", "code": "6241013", "descendants": true}]},
            {"name": "pioglitazone", "include": [{"system": "YJ", "code": "3969007", "descendants": true}]},
            {"name": "sitagliptin", "include": [{"system": "YJ", "code": "3969010", "descendants": true}]},
            {"name": "amlodipine", "include": [{"system": "YJ", "code": "2171022", "descendants": true}]},
            {"name": "furosemide", "include": [{"system": "YJ", "code": "2139005", "descendants": true}]},
            {"name": "tendon rupture", "include": [{"system": "ICD10", "code": "M66.3"}]}
          ],
          "outcomes": [
            {"name": "tendon rupture", "diagnosis": {"conceptSet": "tendon rupture", "confirmedOnly": false, "occurrences": "all"}},
            {"name": "ALT above 3 x ULN", "lab": {"analyte": "ALT", "rule": "aboveUpperLimit", "value": 3}}
          ],
          "designs": [
            {"name": "Levofloxacin and tendon rupture", "type": "sccs", "outcome": "tendon rupture",
             "exposures": [{"conceptSet": "levofloxacin",
                            "riskWindows": [{"label": "0-29", "start": 0, "end": 29, "endAnchor": "eraStart"}]}],
             "ageCutPointsYears": [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95],
             "seasonStartMonths": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]},
            {"name": "Pioglitazone versus sitagliptin, liver injury", "type": "psCohort",
             "target": "pioglitazone", "comparator": "sitagliptin", "outcome": "ALT above 3 x ULN",
             "timeAtRisk": "onTreatment", "timeAtRiskDays": 30, "covariateWindowStart": -36500, "l2Penalty": 0.01},
            {"name": "Amlodipine then furosemide", "type": "ssa",
             "pairs": [{"index": "amlodipine", "marker": "furosemide"}],
             "screening": {"yjPrefixLength": 7, "falseDiscoveryRate": 0.05, "top": 20}}
          ],
          "output": {"smallCellThreshold": 10}
        }

        """
    }
}
