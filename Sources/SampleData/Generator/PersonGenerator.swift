import CohortModel
import Foundation

/// Concept and unit ids fixed before generation, shared read-only by all blocks.
struct Codes: Sendable {
    var drugs: [Int32] = []
    var labs: [Int32] = []
    var labUnits: [Int32] = []
    var dx: [String: Int32] = [:]
    var background: [Int32] = []

    func diagnosis(_ code: String) -> Int32 { dx[code] ?? 0 }
}

/// Generates one person at a time from that person's own random stream.
struct PersonGenerator: Sendable {
    let config: SampleConfiguration
    let codes: Codes
    let hospitalCumulative: [Double]
    let siteULNFactor: [Double]
    /// First day of every month from a year before the study to a year after, and each one's month number.
    let monthStarts: [Int32]
    let monthNumbers: [Int]

    var start: Int32 { config.studyStart.rawValue }
    var end: Int32 { config.studyEnd.rawValue }
    var span: Double { Double(end - start) }

    /// The random stream of person `p` (and an independent one for the simulated potential outcomes).
    func stream(_ p: Int, salt: UInt64 = 0) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: config.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(p + 1) &+ salt)
        return Xoshiro256StarStar(seed: mix.next())
    }

    func generate(person p: Int, into f: inout Fragment, scratch: inout PersonScratch) {
        var rng = stream(p)
        scratch.clear()
        let pid = Int32(p)

        // Site, sex, age.
        let u = rng.nextUniform()
        let site = hospitalCumulative.firstIndex { u < $0 } ?? (hospitalCumulative.count - 1)
        let female = rng.nextBernoulli(p: 0.52)
        let a = rng.nextUniform()
        let ageAtStart = a < 0.12 ? 20 * rng.nextUniform() : (a < 0.45 ? 20 + 40 * rng.nextUniform() : 60 + 35 * rng.nextUniform())
        let birth = start - Int32(ageAtStart * 365.25)
        f.persons.sourceID.append("P\(p + 1)")
        f.persons.site.append(Int32(site))
        f.persons.birthDate.append(Day(birth))
        f.persons.sex.append(female ? .female : .male)
        func age(_ day: Int32) -> Double { Double(day - birth) / 365.25 }

        // Observation periods (12% have a second one after a gap).
        let obsStart = start + Int32(0.7 * span * rng.nextUniform())
        let obsEnd = min(end, obsStart + 365 + Int32(-1277.5 * Foundation.log(1 - rng.nextUniform())))
        var periods = [(obsStart, obsEnd)]
        if rng.nextBernoulli(p: 0.12) {
            let s2 = obsEnd + 90 + Int32(rng.nextInt(below: 510))
            let e2 = min(end, s2 + 200 + Int32(rng.nextInt(below: 1300)))
            if s2 < e2 { periods.append((s2, e2)) }
        }
        for (s, e) in periods {
            f.observation.person.append(pid)
            f.observation.start.append(Day(s))
            f.observation.end.append(Day(e))
        }
        func randomDay(_ lo: Int32, _ hi: Int32) -> Int32 { lo + Int32(rng.nextInt(below: Int(hi - lo) + 1)) }
        func anyObservedDay() -> Int32 {
            let (s, e) = periods[periods.count > 1 && rng.nextBernoulli(p: 0.3) ? 1 : 0]
            return randomDay(s, e)
        }
        let suspectedShare = HospitalCatalog.hospitals[site].suspectedShare

        // Chronic conditions, diagnosed early in the first period (before any drug index date).
        let age0 = age(obsStart)
        let diabetes = rng.nextBernoulli(p: 0.04 + 0.004 * max(0, age0 - 40))
        let hypertension = rng.nextBernoulli(p: 0.05 + 0.008 * max(0, age0 - 40))
        let liver = rng.nextBernoulli(p: 0.04)
        let ckd = rng.nextBernoulli(p: 0.02 + 0.003 * max(0, age0 - 50))
        let dyslipidemia = rng.nextBernoulli(p: 0.10 + 0.003 * max(0, age0 - 40))
        let gerd = rng.nextBernoulli(p: 0.12)
        let pain = rng.nextBernoulli(p: 0.20)
        let af = rng.nextBernoulli(p: 0.01 + 0.002 * max(0, age0 - 60))
        let early = min(obsEnd, obsStart + 300)
        for (has, code) in [(diabetes, DiagnosisCatalog.diabetes), (hypertension, DiagnosisCatalog.hypertension),
                            (liver, DiagnosisCatalog.liverDisease), (ckd, DiagnosisCatalog.ckd),
                            (dyslipidemia, DiagnosisCatalog.dyslipidemia), (gerd, DiagnosisCatalog.gerd),
                            (pain, DiagnosisCatalog.pain), (af, DiagnosisCatalog.atrialFibrillation)] where has {
            scratch.diagnoses.append((codes.diagnosis(code), randomDay(obsStart, early), false, .outpatient))
        }
        // Background diagnoses.
        let years = periods.reduce(0.0) { $0 + Double($1.1 - $1.0) / 365.25 }
        for _ in 0..<rng.nextPoisson(mean: 0.8 * years) {
            let code = codes.background[rng.nextInt(below: codes.background.count)]
            scratch.diagnoses.append((code, anyObservedDay(), rng.nextBernoulli(p: suspectedShare), .outpatient))
        }

        // Background prescriptions.
        for (k, drug) in DrugCatalog.drugs.enumerated() where drug.uptake > 0 {
            let eligible: Bool
            switch drug.indication {
            case .none, .infection: eligible = true
            case .hypertension: eligible = hypertension
            case .diabetes: eligible = diabetes
            case .pain: eligible = pain
            case .dyslipidemia: eligible = dyslipidemia
            case .gerd: eligible = gerd
            case .anticoagulation: eligible = af
            }
            guard eligible, rng.nextBernoulli(p: drug.uptake) else { continue }
            if drug.name == "levofloxacin" { continue }  // the SCCS exposure is generated below
            // Initiation date with the drug's secular trend (rejection sampling on the linear density).
            let top = 1 + max(drug.trend, 0)
            var first = anyObservedDay()
            for _ in 0..<20 {
                let x = Double(first - start) / span
                if rng.nextUniform() * top < 1 + drug.trend * x { break }
                first = anyObservedDay()
            }
            addCourse(drug: k, from: first, fills: 1 + rng.nextPoisson(mean: drug.meanFills - 1), periods: periods,
                      rng: &rng, scratch: &scratch)
        }

        generateSCCS(p: p, birth: birth, periods: periods, rng: &rng, tally: &f.tally, scratch: &scratch)
        let psAltEvent = generatePS(
            p: p, age: age, diabetes: diabetes, liver: liver, ckd: ckd, periods: periods, rng: &rng,
            tally: &f.tally, scratch: &scratch)
        if hypertension { generateSSA(periods: periods, rng: &rng, scratch: &scratch) }

        // Admissions.
        for _ in 0..<rng.nextPoisson(mean: 0.05 * years) {
            let d = anyObservedDay()
            scratch.admissions.append((d, d + 2 + Int32(rng.nextPoisson(mean: 8))))
        }

        // Laboratory visits.
        let male = !female
        for _ in 0..<rng.nextPoisson(mean: 2 * years) {
            let d = anyObservedDay()
            for (k, lab) in LabCatalog.labs.prefix(9).enumerated() where rng.nextBernoulli(p: lab.panelProbability) {
                addLab(k, day: d, male: male, site: site, diabetes: diabetes, liver: liver, ckd: ckd, rng: &rng, scratch: &scratch)
            }
            let k = 9 + rng.nextInt(below: LabCatalog.labs.count - 9)
            addLab(k, day: d, male: male, site: site, diabetes: diabetes, liver: liver, ckd: ckd, rng: &rng, scratch: &scratch)
        }
        if let day = psAltEvent {
            // The outcome shows as an ALT result between 3.2 and 8 times the site's upper limit.
            let (low, high) = range(LabCatalog.alt, male: male, site: site)
            let value = ((3.2 + 4.8 * rng.nextUniform()) * high * 10).rounded() / 10
            scratch.labs.append((codes.labs[LabCatalog.alt], day, value, codes.labUnits[LabCatalog.alt], low, high))
        }
        scratch.flush(person: pid, into: &f)
    }

    /// Monthly prescriptions of drug `k` from `first`, stopping at the end of the observation period.
    func addCourse(
        drug k: Int, from first: Int32, fills: Int, periods: [(Int32, Int32)], until stop: Int32? = nil,
        rng: inout Xoshiro256StarStar, scratch: inout PersonScratch
    ) {
        let drug = DrugCatalog.drugs[k]
        guard let period = periods.first(where: { $0.0 <= first && first <= $0.1 }) else { return }
        let last = min(period.1, stop ?? period.1)
        var day = first
        for _ in 0..<max(fills, 1) {
            guard day <= last else { break }
            scratch.drugs.append((codes.drugs[k], day, Int32(drug.daysSupply), .oral, .outpatient))
            day += Int32(drug.daysSupply) + Int32(rng.nextInt(below: 8))
        }
    }

    func range(_ k: Int, male: Bool, site: Int) -> (Double, Double) {
        let lab = LabCatalog.labs[k]
        let r = male ? lab.maleRange : lab.femaleRange
        let factor = siteULNFactor[site]
        return (r.lowerBound, (r.upperBound * factor * 100).rounded() / 100)
    }

    func addLab(
        _ k: Int, day: Int32, male: Bool, site: Int, diabetes: Bool, liver: Bool, ckd: Bool,
        rng: inout Xoshiro256StarStar, scratch: inout PersonScratch
    ) {
        let (low, high) = range(k, male: male, site: site)
        var median = (low * high).squareRoot()
        let logSD = Foundation.log(high / low) / 4
        switch k {
        case LabCatalog.alt, LabCatalog.ast: if liver { median *= 1.8 }
        case LabCatalog.creatinine: if ckd { median *= 1.8 }
        case 8: if ckd { median *= 0.55 }
        case LabCatalog.hba1c: if diabetes { median = 7.2 }
        default: break
        }
        var value = median * Foundation.exp(logSD * rng.nextNormal())
        if k == LabCatalog.alt || k == LabCatalog.ast { value = min(value, 2.9 * high) }  // outcomes come only from the PS hazard
        value = (value * 100).rounded() / 100
        scratch.labs.append((codes.labs[k], day, value, codes.labUnits[k], low, high))
    }
}
