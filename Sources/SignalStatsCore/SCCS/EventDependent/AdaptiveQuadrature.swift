import Foundation

/// Adaptive Gauss–Kronrod (10/21-point) quadrature by interval bisection: the rule of QUADPACK's `qag` family that
/// R's `integrate` uses, without its extrapolation (integrable end-point singularities are removed by a change of
/// variable at the call site instead).
enum AdaptiveQuadrature {
    private static let xgk: [Double] = [
        0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
        0.865063366688984510732096688423493, 0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
        0.562757134668604683339000099272694, 0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
        0.148874338981631210884826001129720, 0,
    ]
    private static let wgk: [Double] = [
        0.011694638867371874278064396062192, 0.032558162307964727478818972459390, 0.054755896574351996031381300244580,
        0.075039674810919952767043140916190, 0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
        0.123491976262065851077600525452125, 0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
        0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
    ]
    private static let wg: [Double] = [
        0.066671344308688137593568809893332, 0.149451349150580593145776339657697, 0.219086362515982043995534934228163,
        0.269266719309996355091226921569469, 0.295524224714752870173892994651338,
    ]

    /// One 21-point Kronrod estimate and its difference from the 10-point Gauss estimate.
    private static func rule(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> (value: Double, error: Double) {
        let c = (a + b) / 2, h = (b - a) / 2
        let fc = f(c)
        var kronrod = fc * wgk[10]
        var gauss = 0.0
        for j in 0..<10 {
            let x = h * xgk[j]
            let s = f(c - x) + f(c + x)
            kronrod += wgk[j] * s
            if j % 2 == 1 { gauss += wg[j / 2] * s }
        }
        return (kronrod * h, abs((kronrod - gauss) * h))
    }

    /// `∫_a^b f`, bisecting the interval with the largest error estimate until the total error is below
    /// `relativeTolerance · |integral|` (or `absoluteTolerance`), at most `maxIntervals` pieces.
    static func integrate(
        _ f: (Double) -> Double, from a: Double, to b: Double, relativeTolerance: Double = 1e-11,
        absoluteTolerance: Double = 1e-300, maxIntervals: Int = 2000
    ) -> Double {
        guard b > a else { return b == a ? 0 : -integrate(f, from: b, to: a, relativeTolerance: relativeTolerance) }
        var pieces: [(a: Double, b: Double, value: Double, error: Double)] = []
        let first = rule(f, a, b)
        pieces.append((a, b, first.value, first.error))
        var total = first.value, error = first.error
        while error > max(relativeTolerance * abs(total), absoluteTolerance) && pieces.count < maxIntervals {
            guard let worst = pieces.indices.max(by: { pieces[$0].error < pieces[$1].error }) else { break }
            let p = pieces[worst]
            let mid = (p.a + p.b) / 2
            guard mid > p.a && mid < p.b else { break }
            let left = rule(f, p.a, mid), right = rule(f, mid, p.b)
            pieces[worst] = (p.a, mid, left.value, left.error)
            pieces.append((mid, p.b, right.value, right.error))
            total = 0
            error = 0
            for q in pieces {
                total += q.value
                error += q.error
            }
        }
        return total
    }
}
