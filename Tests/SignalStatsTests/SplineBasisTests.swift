import Testing
@testable import SignalStatsCore
@testable import SignalStatsDesigns
import SignalStats
import _TestSupport

/// Spline bases against R: `splines::bs`, `splines::ns` (R 4.2.2) and `mgcv::cSplineDes` (1.8-41), values in
/// SplineBasisReferenceData.swift written by scripts/validation/make_spline_basis_reference.R. Tolerance 1e-12
/// absolute (the bases lie in [0, 1], ns columns in about [−0.5, 1]).
@Suite struct SplineBasisTests {
    typealias R = SplineBasisReferenceData

    func expectRowsClose(_ got: [[Double]], _ want: [[Double]], _ label: String) {
        #expect(got.count == want.count, "\(label): rows")
        for (g, w) in zip(got, want) {
            #expect(g.count == w.count, "\(label): columns \(g.count) vs \(w.count)")
            for (a, b) in zip(g, w) { #expect(abs(a - b) < 1e-12, "\(label): \(g) vs \(w)") }
        }
    }

    @Test func quadraticBSplineAsOHDSIAge() throws {
        let k = R.bs2Knots
        let got = try R.bs2X.map {
            try SplineBasis.bSpline($0, interiorKnots: Array(k[1...3]), boundaryKnots: (k[0], k[4]), degree: 2)
        }
        expectRowsClose(got, R.bs2, "bs degree 2")
    }

    @Test func cubicBSplineWithIntercept() throws {
        let got = try R.bs3X.map { try SplineBasis.bSpline($0, interiorKnots: [0.3, 0.6], boundaryKnots: (0, 1), degree: 3, intercept: true) }
        expectRowsClose(got, R.bs3, "bs degree 3 intercept")
    }

    @Test func naturalCubicSpline() throws {
        let got = try R.nsX.map { try SplineBasis.naturalCubicSpline($0, interiorKnots: [2.5, 5, 7.5], boundaryKnots: (0, 10)) }
        expectRowsClose(got, R.ns, "ns")
        let withIntercept = try R.nsX.map {
            try SplineBasis.naturalCubicSpline($0, interiorKnots: [2.5, 5, 7.5], boundaryKnots: (0, 10), intercept: true)
        }
        expectRowsClose(withIntercept, R.nsIntercept, "ns intercept")
    }

    @Test func cyclicSplines() throws {
        let quadratic = try (1...12).map { try SplineBasis.cyclic(Double($0), knots: R.cyclicKnots, order: 3) }
        expectRowsClose(quadratic, R.cyclic3, "cSplineDes ord 3")
        let cubic = try R.cyclic4X.map { try SplineBasis.cyclic($0, knots: R.cyclic4Knots, order: 4) }
        expectRowsClose(cubic, R.cyclic4, "cSplineDes ord 4")
        // Periodic and a partition of unity (closed form).
        for row in quadratic { #expect(abs(row.reduce(0, +) - 1) < 1e-14) }
    }

    @Test func badKnotsAndPointsAreErrors() {
        #expect(throws: SplineBasis.Failure.self) { _ = try SplineBasis.bSpline(5, interiorKnots: [3, 2], boundaryKnots: (0, 10)) }
        #expect(throws: SplineBasis.Failure.outsideBoundary(x: 11, lower: 0, upper: 10)) {
            _ = try SplineBasis.bSpline(11, interiorKnots: [5], boundaryKnots: (0, 10))
        }
        #expect(throws: SplineBasis.Failure.self) { _ = try SplineBasis.cyclic(1, knots: [0, 1], order: 3) }
    }
}
