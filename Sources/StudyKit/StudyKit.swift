/// StudyKit: declarative drug-safety studies on a MID-NET-style network.
///
/// A study file (``StudySpec``) names the data, concept sets, outcomes and designs; ``StudyRunner`` runs it and
/// returns ``StudyResults`` (aggregates only, small cells suppressed), which ``StudyOutput`` writes as
/// `results.json`, CSV tables and `report.html`.
public enum StudyKit {
    /// The results schema version this build writes.
    public static var resultsSchemaVersion: String { StudyResults.currentSchemaVersion }
}
