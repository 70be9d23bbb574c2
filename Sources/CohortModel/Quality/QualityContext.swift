/// Per-site counters of one check. Slot `s < siteCount` is site `s`; the last slot collects rows whose site is
/// unknown (they count in the network total only).
struct SiteTally {
    var failing: [Int]
    var denominator: [Int]

    init(slots: Int) {
        failing = [Int](repeating: 0, count: slots)
        denominator = [Int](repeating: 0, count: slots)
    }

    init(failing: [Int], denominator: [Int]) {
        self.failing = failing
        self.denominator = denominator
    }
}

/// What every pass of a quality report shares: the network, the settings, each person's site slot and the
/// date limits.
struct QualityContext {
    let network: Network
    let thresholds: QualityThresholds
    let siteCount: Int
    /// Each person's slot: the site index, or `siteCount` when the site index is invalid.
    let slotOfPerson: [Int]
    let earliest: Day
    let latest: Day
    /// The first day on which each person is older than `maxAgeYears` completed years.
    let ageLimit: [Day]
    /// Why each vocabulary concept's code is malformed (`nil` when it conforms).
    let conceptProblem: [String?]

    /// Slots per tally: one per site plus the unknown-site slot.
    var slots: Int { siteCount + 1 }

    init(network: Network, thresholds: QualityThresholds, extractionDate: Day) {
        self.network = network
        self.thresholds = thresholds
        siteCount = network.sites.count
        let unknown = network.sites.count
        slotOfPerson = network.persons.site.map { s in s >= 0 && Int(s) < unknown ? Int(s) : unknown }
        earliest = thresholds.earliestDate
        latest = extractionDate
        let years = max(thresholds.maxAgeYears, 0) + 1
        ageLimit = network.persons.birthDate.map { birth in
            let c = birth.civil
            // A 29 February birthday falls on 1 March in common years.
            return Day(year: c.year + years, month: c.month, day: c.day)
                ?? Day(year: c.year + years, month: 3, day: 1) ?? Day(Int32.max)
        }
        conceptProblem = network.vocabulary.concepts.map { $0.system.formatProblem($0.code) }
    }

    /// Rows of a person-indexed table per slot.
    func rowsPerSlot(offsets: [Int]) -> [Int] {
        var rows = [Int](repeating: 0, count: slots)
        let personCount = min(slotOfPerson.count, offsets.count - 1)
        for p in 0..<max(personCount, 0) { rows[slotOfPerson[p]] += offsets[p + 1] - offsets[p] }
        return rows
    }

    /// Persons per slot.
    func personsPerSlot() -> [Int] {
        var rows = [Int](repeating: 0, count: slots)
        for s in slotOfPerson { rows[s] += 1 }
        return rows
    }

    /// A check from a tally: one result per site, and the network total over every slot.
    func check(
        _ id: String, _ category: QualityCategory, table: String, column: String?, subject: String? = nil,
        description: String, tally: SiteTally, note: String? = nil
    ) -> QualityCheck {
        let threshold = thresholds.threshold(id: id, table: table, column: column)
        var sites: [QualityResult] = []
        sites.reserveCapacity(siteCount)
        for s in 0..<siteCount {
            sites.append(QualityResult(
                site: Int32(s), hospitalID: network.sites[s].hospitalID, failing: tally.failing[s],
                denominator: tally.denominator[s], threshold: threshold))
        }
        let overall = QualityResult(
            site: nil, hospitalID: "ALL", failing: tally.failing.reduce(0, +),
            denominator: tally.denominator.reduce(0, +), threshold: threshold)
        return QualityCheck(
            id: id, category: category, table: table, column: column, subject: subject, description: description,
            threshold: threshold, overall: overall, sites: sites, note: note)
    }
}

/// Table names as the loaders and the quality report use them.
enum QualityTable {
    static let persons = "persons"
    static let sites = "sites"
    static let observationPeriods = "observation_periods"
    static let drugExposures = "drug_exposures"
    static let diagnoses = "diagnoses"
    static let labResults = "lab_results"
    static let admissions = "admissions"

    /// The model's tables in report order.
    static let order = [persons, observationPeriods, drugExposures, diagnoses, labResults, admissions]

    /// Sort rank of a table name: model tables first in ``order``, then others.
    static func rank(_ table: String) -> Int { order.firstIndex(of: table) ?? order.count }
}
