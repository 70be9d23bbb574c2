import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

@Suite struct SCCSDiagnosticsTests {
    @Test func mdrrMatchesIndependentR() throws {
        // scripts/reference/sccs_mdrr_reference.R (uniroot on Musonda et al. 2006 expression 7, tol 1e-14).
        let cases: [(Double, Double, Double)] = [
            (10, 189.0 / 3650, 10.1261606375), (1378, 0.05, 1.37593564537), (200, 0.1, 1.78736955574),
        ]
        for (n, r, expected) in cases {
            let mdrr = try SCCSDiagnostics.minimumDetectableRelativeIncidence(events: n, exposedShare: r)
            expectClose(mdrr, expected, relative: 1e-8)
        }
        #expect(try SCCSDiagnostics.minimumDetectableRelativeIncidence(events: 0, exposedShare: 0.1) == .infinity)
        #expect(try SCCSDiagnostics.minimumDetectableRelativeIncidence(events: 50, exposedShare: 1) == .infinity)
    }

    @Test func endOfObservationAndPreExposureOnItpdatLikeData() throws {
        // Cases whose events are spread evenly: the end-of-observation window's RI is near 1 and its interval covers 1.
        var cases: [SCCSCase] = []
        for k in 0..<200 {
            let event = 1 + (k * 37) % 365
            cases.append(SCCSCase(id: "\(k)", observationStart: 1, observationEnd: 365, events: [event],
                                  windows: [SCCSWindow(from: 100 + k % 50, to: 130 + k % 50, parameter: 0)]))
        }
        let d = try SCCSDiagnostics.endOfObservation(cases: cases, parameterNames: ["x"], days: 30)
        #expect(d.passed, "\(d)")
        let rare = SCCSDiagnostics.rareOutcome(personsWithOutcome: 200, population: 10_000)
        #expect(rare.passed && abs(rare.value - 0.02) < 1e-15)
    }
}
