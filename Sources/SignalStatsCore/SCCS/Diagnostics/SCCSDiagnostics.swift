import Foundation

/// Checks of the SCCS assumptions, each with its threshold stated and a pass/fail verdict.
///
/// - **Minimum detectable relative incidence** (power): the smallest RI the data could detect with 80% power at a
///   two-sided 5% level, by Musonda, Farrington and Whitaker's signed-root-likelihood formula (SRL1, their
///   expression 7; *Stat Med* 2006;25:2618), from the number of events and the share of case time in the window,
///   as OHDSI's `computeMdrr` does.
/// - **Event-dependent exposure (pre-exposure gain)**: the RI in a window just before exposure; if events delay or
///   prevent exposure it is below 1. Passes when its 95% interval contains 1.
/// - **Event-dependent end of observation**: the RI in the last `days` days of observation, fitted as an extra
///   window (Farrington et al. 2018, ch. 7); if events shorten observation (death, transfer) it departs from 1. Passes
///   when its 95% interval contains 1.
/// - **Rare outcome**: SCCS with first events only assumes the outcome is rare; passes when under 10% of the
///   population have it.
public typealias SCCSDiagnostic = Diagnostic

/// The SCCS diagnostics (see ``SCCSDiagnostic`` for what each checks and when it passes).
public enum SCCSDiagnostics {
    /// The minimum detectable relative incidence for the exposure window `term` (SRL1).
    ///
    /// `r` is the window's share of all case time and `n` the number of events; the MDRR is `exp(b)` for the smallest
    /// `b` in (0, 10] whose SRL1 power reaches `power` (infinite when none does).
    ///
    /// - Parameters:
    ///   - result: a fitted SCCS.
    ///   - term: the exposure window, as named in ``SCCSResult/windows`` (`"<exposure> <window label>"`).
    ///   - alpha: two-sided type I error (default 0.05).
    ///   - power: 1 − type II error (default 0.8).
    /// - Throws: ``SCCSError/invalidDesign(_:)`` when no window is named `term`.
    public static func minimumDetectableRelativeIncidence(
        _ result: SCCSResult, term: String, alpha: Double = 0.05, power: Double = 0.8
    ) throws(SCCSError) -> SCCSDiagnostic {
        guard let w = result.windows.first(where: { $0.name == term }), result.construction.personDays > 0 else {
            throw .invalidDesign("no exposure window named \(term)")
        }
        let r = Double(w.personDays) / Double(result.construction.personDays)
        let n = Double(result.construction.events)
        let mdrr = try minimumDetectableRelativeIncidence(events: n, exposedShare: r, alpha: alpha, power: power)
        return SCCSDiagnostic(
            name: "minimum detectable RI (\(term))", value: mdrr, lower: nil, upper: nil,
            threshold: "informative when below 2 (Musonda et al. 2006, SRL1; 80% power, two-sided 5%)",
            passed: mdrr < 2,
            note: String(format: "%.0f events, %.4f of case time in the window", n, r))
    }

    /// The SRL1 minimum detectable relative incidence for `events` events with a share `exposedShare` of case time in
    /// the window (infinite when no RI up to e¹⁰ reaches the power, or the share is 0 or 1).
    public static func minimumDetectableRelativeIncidence(
        events n: Double, exposedShare r: Double, alpha: Double = 0.05, power: Double = 0.8
    ) throws(SCCSError) -> Double {
        let z: Double
        do { z = try Normal.quantile(1 - alpha / 2) } catch { throw .invalidDesign("alpha \(alpha)") }
        func achievedPower(_ b: Double) -> Double {
            let e = Foundation.exp(b)
            let a = 2 * ((e * r / (e * r + 1 - r)) * b - Foundation.log(e * r + 1 - r))
            let bb = b * b / a * e * r * (1 - r) / ((e * r + 1 - r) * (e * r + 1 - r))
            return Normal.cdf(((n * a).squareRoot() - z) / bb.squareRoot())
        }
        guard r > 0, r < 1, n >= 1, achievedPower(10) >= power else { return .infinity }
        var lo = 1e-9, hi = 10.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if achievedPower(mid) < power { lo = mid } else { hi = mid }
        }
        return Foundation.exp(hi)
    }

    /// Pre-exposure window check: the RI of `term` (a window before exposure) should not differ from 1.
    public static func preExposure(_ result: SCCSResult, term: String) throws(SCCSError) -> SCCSDiagnostic {
        guard let e = result.estimate(term) else { throw .invalidDesign("no estimate for \(term)") }
        return SCCSDiagnostic(
            name: "pre-exposure RI (\(term))", value: e.relativeIncidence, lower: e.waldLower, upper: e.waldUpper,
            threshold: "95% interval contains 1", passed: e.waldLower <= 1 && 1 <= e.waldUpper,
            note: "an RI below 1 suggests events delay or prevent exposure (event-dependent exposure)")
    }

    /// End-of-observation check: refits with an extra window over the last `days` days of each case's observation.
    public static func endOfObservation(
        cases: [SCCSCase], parameterNames: [String], adjustment: SCCSAdjustment = .init(), days: Int = 30
    ) throws(SCCSError) -> SCCSDiagnostic {
        let extra = parameterNames.count
        let withWindow = cases.map { c in
            var c = c
            c.windows.append(SCCSWindow(from: max(c.observationStart, c.observationEnd - days + 1), to: c.observationEnd, parameter: extra))
            return c
        }
        let name = "last \(days) days of observation"
        let intervals = try SCCSIntervals.build(cases: withWindow, parameterNames: parameterNames + [name], adjustment: adjustment)
        let result = try SCCSModel(intervals).fit(profile: false)
        guard let e = result.estimate(name) else { throw .invalidDesign("the end-of-observation window could not be estimated") }
        return SCCSDiagnostic(
            name: "end-of-observation RI", value: e.relativeIncidence, lower: e.waldLower, upper: e.waldUpper,
            threshold: "95% interval contains 1", passed: e.waldLower <= 1 && 1 <= e.waldUpper,
            note: "an RI far from 1 suggests events change the end of observation (for example death after the event)")
    }

    /// Rare-outcome check: the share of the population with the outcome.
    public static func rareOutcome(personsWithOutcome: Int, population: Int) -> SCCSDiagnostic {
        let share = population > 0 ? Double(personsWithOutcome) / Double(population) : .nan
        return SCCSDiagnostic(
            name: "share of population with the outcome", value: share, lower: nil, upper: nil,
            threshold: "below 0.10", passed: share < 0.10,
            note: "\(personsWithOutcome) of \(population) persons")
    }
}
