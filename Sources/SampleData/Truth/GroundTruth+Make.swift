import CohortModel

extension GroundTruth {
    static func make(config: SampleConfiguration, tally: Fragment.Tally, network: Network, defects: [DefectCount]) -> GroundTruth {
        let drugs = DrugCatalog.drugs
        func drug(_ name: String) -> SampleDrug { drugs[DrugCatalog.index(of: name)] }
        let s = config.ssa
        let sr = (s.rateRatio * Double(s.effectDays) + Double(s.windowDays - s.effectDays)) / Double(s.windowDays)
        let rateT = tally.attTimeTarget > 0 ? tally.attEventsTarget / tally.attTimeTarget : 0
        let rateC = tally.attTimeComparator > 0 ? tally.attEventsComparator / tally.attTimeComparator : 0
        let users = tally.targetUsers + tally.comparatorUsers
        let negativeDrugs = ["omeprazole", "atorvastatin", "loratadine", "famotidine", "acetaminophen"]
        var controls = negativeDrugs.map { NegativeControl(design: "sccs", exposure: $0, outcome: "ICD-10 \(DiagnosisCatalog.sccsOutcome)") }
        controls += [("omeprazole", "atorvastatin"), ("loratadine", "famotidine"), ("acetaminophen", "zolpidem"),
                     ("magnesium oxide", "levothyroxine"), ("candesartan", "omeprazole")]
            .map { NegativeControl(design: "ssa", exposure: $0.0, outcome: $0.1) }
        return GroundTruth(
            configuration: config,
            sccs: SCCSTruth(
                drug: "levofloxacin", drugATC: drug("levofloxacin").atc, outcomeICD10: DiagnosisCatalog.sccsOutcome,
                relativeIncidence: config.sccs.relativeIncidence, riskStart: config.sccs.riskStart,
                riskEnd: config.sccs.riskEnd, cases: tally.sccsCases, events: tally.sccsEvents),
            ps: PSTruth(
                target: "pioglitazone", targetATC: drug("pioglitazone").atc, comparator: "sitagliptin",
                comparatorATC: drug("sitagliptin").atc,
                outcome: "first ALT (JLAC10 3B045) above 3 x the site's upper reference limit, on treatment",
                conditionalHazardRatio: config.ps.hazardRatio,
                marginalHazardRatioATT: rateC > 0 ? rateT / rateC : config.ps.hazardRatio,
                targetUsers: tally.targetUsers, comparatorUsers: tally.comparatorUsers,
                targetEvents: tally.targetEvents, comparatorEvents: tally.comparatorEvents,
                cumulativeIncidence: users > 0 ? Double(tally.targetEvents + tally.comparatorEvents) / Double(users) : 0),
            ssa: SSATruth(
                index: "amlodipine", indexATC: drug("amlodipine").atc, marker: "furosemide", markerATC: drug("furosemide").atc,
                hazardRatio: s.rateRatio, effectDays: s.effectDays, windowDays: s.windowDays, sequenceRatio: sr),
            negativeControls: controls, defects: defects)
    }
}
