import Foundation

/// A parametric model for the end of observation given the event age, as the modified SCCS for event-dependent
/// observation periods fits it (Farrington, Anaya-Izquierdo, Whitaker, Hocine, Douglas, Smeeth, *JASA* 2011;106:417;
/// R `SCCS::eventdepenobs`).
///
/// Each model mixes an exponential component (probability `π`) with a Weibull or gamma component, the latter on age
/// (`A`) or on the time since the event (`I`, interval). Four parameters, in R's order: `λA = exp(−p₁)`,
/// `λB = exp(−p₂)`, `π = logistic(p₃)`, shape `ν = exp(p₄)`. Times are in years (days / 365.25). A case that ended
/// its observation for a reason tied to the event (`censored`: an end before the nominal end) contributes the density
/// of the end; one that reached its nominal or administrative end contributes the survivor function.
public enum SCCSCensoringModel: String, Sendable, Equatable, Codable, CaseIterable {
    /// Exponential–Weibull mixture, age as time scale.
    case ewa = "EWA"
    /// Exponential–Weibull mixture, time since the event as time scale.
    case ewi = "EWI"
    /// Exponential–gamma mixture, age as time scale.
    case ega = "EGA"
    /// Exponential–gamma mixture, time since the event as time scale.
    case egi = "EGI"

    /// The contribution (not its log) of one case with event age `e` and end age `a` (years): a density when
    /// `censored`, a survivor probability otherwise.
    public func contribution(_ p: [Double], event e: Double, end a: Double, censored: Bool) -> Double {
        contribution(p, event: e, end: a, gap: a - e, censored: censored)
    }

    /// ``contribution(_:event:end:censored:)`` with the gap `d = a − e` given exactly (near `e = a`, `a − e` computed
    /// from a rounded `e` loses the gap).
    func contribution(_ p: [Double], event e: Double, end a: Double, gap d: Double, censored: Bool) -> Double {
        let lamA = Foundation.exp(-p[0]), lamB = Foundation.exp(-p[1])
        let pi = 1 / (1 + Foundation.exp(-p[2])), nu = Foundation.exp(p[3])
        let expo = censored ? lamA * Foundation.exp(-lamA * d) : Foundation.exp(-lamA * d)
        let other: Double
        switch self {
        case .ewa:
            let h = Foundation.exp(-(Foundation.pow(a * lamB, nu) - Foundation.pow(e * lamB, nu)))
            other = censored ? nu * lamB * Foundation.pow(a * lamB, nu - 1) * h : h
        case .ewi:
            let h = Foundation.exp(-Foundation.pow(d * lamB, nu))
            other = censored ? nu * lamB * Foundation.pow(d * lamB, nu - 1) * h : h
        case .ega:
            var ge = Self.gammaSurvival(e, shape: nu, rate: nu * lamB)
            if ge == 0 { ge = 1e-9 }
            other = (censored ? Self.gammaDensity(a, shape: nu, rate: nu * lamB) : Self.gammaSurvival(a, shape: nu, rate: nu * lamB)) / ge
        case .egi:
            other = censored ? Self.gammaDensity(d, shape: nu, rate: nu * lamB) : Self.gammaSurvival(d, shape: nu, rate: nu * lamB)
        }
        return pi * expo + (1 - pi) * other
    }

    /// Whether the integrand `t ↦ contribution(event: t)` can be singular where `t` reaches the end age (a shape
    /// below 1 on the interval time scale).
    var singularAtEnd: Bool { self == .ewi || self == .egi }

    static func gammaDensity(_ x: Double, shape: Double, rate: Double) -> Double {
        guard x > 0 else { return shape < 1 ? .infinity : (shape == 1 ? rate : 0) }
        return Foundation.exp(shape * Foundation.log(rate) + (shape - 1) * Foundation.log(x) - rate * x - Foundation.lgamma(shape))
    }

    static func gammaSurvival(_ x: Double, shape: Double, rate: Double) -> Double {
        guard x > 0 else { return 1 }
        return (try? GammaDistribution.survival(x, shape: shape, rate: rate)) ?? 0
    }
}

/// The fit of one censoring model.
public struct SCCSCensoringFit: Sendable, Equatable {
    public var model: SCCSCensoringModel
    /// `p₁…p₄` (see ``SCCSCensoringModel``).
    public var parameters: [Double]
    public var logLikelihood: Double
    /// `−2 logL + 2·4`.
    public var aic: Double { -2 * logLikelihood + 8 }
    public var iterations: Int
    public var converged: Bool
}

/// One case as the censoring models see it: event and end ages in years, and whether the end was event-dependent.
struct SCCSCensoringCase: Sendable {
    var event: Double
    var end: Double
    var censored: Bool
}

extension SCCSCensoringModel {
    /// The log-likelihood of all cases at `p` (−∞ where a contribution is not positive).
    func logLikelihood(_ p: [Double], cases: [SCCSCensoringCase]) -> Double {
        var ll = 0.0
        for c in cases {
            let v = contribution(p, event: c.event, end: c.end, censored: c.censored)
            guard v > 0, v.isFinite else { return -.infinity }
            ll += Foundation.log(v)
        }
        return ll
    }

    /// Maximum likelihood from `start` (R: `nlm` from `initval`, 0.1 for every parameter).
    func fit(cases: [SCCSCensoringCase], start: [Double] = [0.1, 0.1, 0.1, 0.1]) -> SCCSCensoringFit {
        let result = QuasiNewtonMinimizer().minimize({ p in
            let ll = logLikelihood(p, cases: cases)
            return ll.isFinite ? -ll : .greatestFiniteMagnitude
        }, start: start)
        return SCCSCensoringFit(
            model: self, parameters: result.minimum, logLikelihood: -result.value, iterations: result.iterations,
            converged: result.converged)
    }

    /// The weight of the days `lower…upper` (day numbers) of a case ending at day `end`: the integral of the
    /// contribution over event ages from `lower/365.25` to `upper/365.25` (R integrates over one day less than the
    /// interval's length). A one-day interval gets 1e-15, and every weight is at least 1e-15 (R's conventions).
    func weight(_ p: [Double], lower: Int, upper: Int, end: Int, censored: Bool) -> Double {
        guard upper > lower else { return 1e-15 }
        let a = Double(end) / 365.25
        let lo = Double(lower) / 365.25, hi = Double(upper) / 365.25
        let value: Double
        if singularAtEnd && upper >= end {
            // t = a − v⁴ removes the integrable singularity of the interval-scale density at t = a.
            let vMax = Foundation.pow(max(a - lo, 0), 0.25), vMin = Foundation.pow(max(a - hi, 0), 0.25)
            value = AdaptiveQuadrature.integrate({ v in
                let d = v * v * v * v
                return contribution(p, event: a - d, end: a, gap: d, censored: censored) * 4 * v * v * v
            }, from: vMin, to: vMax)
        } else {
            value = AdaptiveQuadrature.integrate({ t in contribution(p, event: t, end: a, censored: censored) }, from: lo, to: hi)
        }
        return max(value, 1e-15)
    }
}
