import Foundation

/// Spline bases evaluated at one point, with the conventions of R's `splines` package and of OHDSI
/// `SelfControlledCaseSeries`, so that a model fitted here has the same columns as one fitted in R.
///
/// - ``bSpline(_:interiorKnots:boundaryKnots:degree:intercept:)`` is `splines::bs(x, knots, Boundary.knots, degree,
///   intercept)`;
/// - ``naturalCubicSpline(_:interiorKnots:boundaryKnots:intercept:)`` is `splines::ns(x, knots, Boundary.knots,
///   intercept)`;
/// - ``cyclic(_:knots:order:)`` is `mgcv::cSplineDes(x, knots, ord)` (OHDSI's `cyclicSplineDesign`, quadratic by
///   default), the basis of a spline that repeats with period `knots.last − knots.first`.
///
/// Points must lie inside the boundary knots (R extrapolates `bs` and `ns` outside them; callers here clamp, as OHDSI
/// does for age and calendar time). Checked against R 4 `splines` and `mgcv` values in `SplineBasisTests`
/// (`scripts/validation/make_sccs_spline_case.R`).
///
/// B-splines follow the Cox–de Boor recursion (de Boor, *A Practical Guide to Splines*, 1978): on the knot vector
/// `t`, `B_{i,1}(x) = 1` on `[t_i, t_{i+1})` (the last non-empty interval closed on the right) and
/// ```
/// B_{i,k}(x) = (x − t_i)/(t_{i+k−1} − t_i) B_{i,k−1}(x) + (t_{i+k} − x)/(t_{i+k} − t_{i+1}) B_{i+1,k−1}(x)
/// ```
/// with terms whose denominator is 0 left out.
public enum SplineBasis {
    /// Why a basis could not be evaluated.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case invalidKnots(String)
        case outsideBoundary(x: Double, lower: Double, upper: Double)

        public var description: String {
            switch self {
            case .invalidKnots(let s): return "invalid spline knots: \(s)"
            case .outsideBoundary(let x, let lo, let hi): return "spline point \(x) lies outside the boundary knots [\(lo), \(hi)]"
            }
        }
    }

    /// The B-spline basis of `splines::bs`: `interiorKnots.count + degree` columns (one more with `intercept`).
    ///
    /// - Parameters:
    ///   - x: the point, inside `boundaryKnots` (both ends included).
    ///   - interiorKnots: increasing knots strictly inside the boundary.
    ///   - boundaryKnots: the lower and upper boundary.
    ///   - degree: polynomial degree (R default 3; OHDSI uses 2 for age and calendar time).
    ///   - intercept: keep the first basis function (R default `FALSE`: it is dropped).
    /// - Throws: ``Failure`` for unsorted knots or a point outside the boundary.
    public static func bSpline(
        _ x: Double, interiorKnots: [Double], boundaryKnots: (Double, Double), degree: Int = 3, intercept: Bool = false
    ) throws(Failure) -> [Double] {
        let t = try augmentedKnots(interiorKnots: interiorKnots, boundaryKnots: boundaryKnots, order: degree + 1)
        guard x >= boundaryKnots.0, x <= boundaryKnots.1, x.isFinite else {
            throw .outsideBoundary(x: x, lower: boundaryKnots.0, upper: boundaryKnots.1)
        }
        let b = basis(knots: t, order: degree + 1, at: x)
        return intercept ? b : Array(b.dropFirst())
    }

    /// The natural cubic spline basis of `splines::ns`: `interiorKnots.count + 1` columns (one more with
    /// `intercept`), linear beyond the boundary knots.
    ///
    /// As R does: the cubic B-spline basis on the boundary-augmented knots, then projected on the null space of the
    /// second derivatives at the two boundary knots through the Householder QR of the constraint matrix
    /// (LINPACK `dqrdc2`/`dqrsl` conventions, so the columns equal R's, not only their span).
    public static func naturalCubicSpline(
        _ x: Double, interiorKnots: [Double], boundaryKnots: (Double, Double), intercept: Bool = false
    ) throws(Failure) -> [Double] {
        let t = try augmentedKnots(interiorKnots: interiorKnots, boundaryKnots: boundaryKnots, order: 4)
        guard x >= boundaryKnots.0, x <= boundaryKnots.1, x.isFinite else {
            throw .outsideBoundary(x: x, lower: boundaryKnots.0, upper: boundaryKnots.1)
        }
        var b = basis(knots: t, order: 4, at: x)
        var c0 = derivative(knots: t, order: 4, at: boundaryKnots.0, times: 2)
        var c1 = derivative(knots: t, order: 4, at: boundaryKnots.1, times: 2)
        if !intercept {
            b.removeFirst()
            c0.removeFirst()
            c1.removeFirst()
        }
        // QR of the n × 2 matrix [c0 c1] (column-major), LINPACK dqrdc2 without pivoting (both columns are
        // well away from zero for valid knots), then Qᵀb; the first two entries are dropped.
        let n = b.count
        var a = c0 + c1
        var qraux = [0.0, 0.0]
        for l in 0..<2 {
            var norm = 0.0
            for i in l..<n { norm += a[l * n + i] * a[l * n + i] }
            var nrmxl = norm.squareRoot()
            guard nrmxl != 0 else { continue }
            if a[l * n + l] != 0 { nrmxl = a[l * n + l] < 0 ? -abs(nrmxl) : abs(nrmxl) }
            for i in l..<n { a[l * n + i] /= nrmxl }
            a[l * n + l] += 1
            for j in (l + 1)..<2 {
                var s = 0.0
                for i in l..<n { s -= a[l * n + i] * a[j * n + i] }
                s /= a[l * n + l]
                for i in l..<n { a[j * n + i] += s * a[l * n + i] }
            }
            qraux[l] = a[l * n + l]
            a[l * n + l] = -nrmxl
        }
        for j in 0..<2 where qraux[j] != 0 {
            let saved = a[j * n + j]
            a[j * n + j] = qraux[j]
            var s = 0.0
            for i in j..<n { s -= a[j * n + i] * b[i] }
            s /= a[j * n + j]
            for i in j..<n { b[i] += s * a[j * n + i] }
            a[j * n + j] = saved
        }
        return Array(b.dropFirst(2))
    }

    /// The cyclic spline basis of `mgcv::cSplineDes` (OHDSI `cyclicSplineDesign`): `knots.count − 1` columns that
    /// repeat with period `knots.last − knots.first` and sum to 1.
    ///
    /// - Parameters:
    ///   - x: the point, inside `[knots.first, knots.last]`.
    ///   - knots: at least `order` increasing knots; OHDSI's season spline uses `0.5 + (0...n−1)·12/(n−1)` months.
    ///   - order: spline order (3: quadratic, OHDSI's default; 4: cubic, mgcv's default).
    public static func cyclic(_ x: Double, knots: [Double], order: Int = 3) throws(Failure) -> [Double] {
        let nk = knots.count
        guard order >= 2, nk >= order, zip(knots, knots.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidKnots("cyclic spline needs at least \(order) increasing knots: \(knots)")
        }
        guard let k1 = knots.first, let kn = knots.last, x >= k1, x <= kn else {
            throw .outsideBoundary(x: x, lower: knots.first ?? .nan, upper: knots.last ?? .nan)
        }
        let xc = knots[nk - order]
        let extended = knots[(nk - order)..<(nk - 1)].map { k1 - (kn - $0) } + knots
        let columns = extended.count - order
        var out = outerBasis(knots: extended, order: order, at: x, columns: columns)
        if x > xc, let top = extended.last {
            let wrapped = x - top + k1
            let extra = outerBasis(knots: extended, order: order, at: wrapped, columns: columns)
            for j in 0..<columns { out[j] += extra[j] }
        }
        return out
    }

    // MARK: - Cox–de Boor

    /// `splineDesign(knots, x, ord, outer.ok = TRUE)`: the B-splines of the knot vector evaluated at `x`, zero
    /// outside `[knots.first, knots.last]`.
    static func outerBasis(knots t: [Double], order k: Int, at x: Double, columns: Int) -> [Double] {
        guard let lo = t.first, let hi = t.last, x >= lo, x <= hi else { return [Double](repeating: 0, count: columns) }
        return basis(knots: t, order: k, at: x)
    }

    /// All `t.count − k` B-splines of order `k` on the knot vector `t` at `x` (the last non-empty knot interval is
    /// closed on the right, as R's `spline_basis` treats the right boundary).
    static func basis(knots t: [Double], order k: Int, at x: Double) -> [Double] {
        let m = t.count
        guard m > k else { return [] }
        // Order-1 indicators on each knot interval.
        var b = [Double](repeating: 0, count: m - 1)
        var found = false
        for i in 0..<(m - 1) where t[i] < t[i + 1] && t[i] <= x && x < t[i + 1] {
            b[i] = 1
            found = true
            break
        }
        if !found, let last = (0..<(m - 1)).last(where: { t[$0] < t[$0 + 1] }), x == t[last + 1] { b[last] = 1 }
        var order = 1
        while order < k {
            order += 1
            var next = [Double](repeating: 0, count: m - order)
            for i in 0..<(m - order) {
                var v = 0.0
                let d1 = t[i + order - 1] - t[i]
                if d1 > 0 { v += (x - t[i]) / d1 * b[i] }
                let d2 = t[i + order] - t[i + 1]
                if d2 > 0 { v += (t[i + order] - x) / d2 * b[i + 1] }
                next[i] = v
            }
            b = next
        }
        return b
    }

    /// The `times`-th derivative of all B-splines of order `k` at `x`.
    static func derivative(knots t: [Double], order k: Int, at x: Double, times d: Int) -> [Double] {
        guard d > 0 else { return basis(knots: t, order: k, at: x) }
        guard d < k else { return [Double](repeating: 0, count: t.count - k) }
        var v = basis(knots: t, order: k - d, at: x)
        for m in (k - d + 1)...k {
            var next = [Double](repeating: 0, count: t.count - m)
            for i in 0..<(t.count - m) {
                var s = 0.0
                let d1 = t[i + m - 1] - t[i]
                if d1 > 0 { s += v[i] / d1 }
                let d2 = t[i + m] - t[i + 1]
                if d2 > 0 { s -= v[i + 1] / d2 }
                next[i] = Double(m - 1) * s
            }
            v = next
        }
        return v
    }

    /// Boundary knots repeated `order` times around the interior knots.
    static func augmentedKnots(interiorKnots: [Double], boundaryKnots: (Double, Double), order: Int) throws(Failure) -> [Double] {
        let (lo, hi) = boundaryKnots
        guard order >= 1, lo < hi, lo.isFinite, hi.isFinite else {
            throw .invalidKnots("boundary knots must be finite and increasing: \(lo), \(hi)")
        }
        guard zip(interiorKnots, interiorKnots.dropFirst()).allSatisfy({ $0 < $1 }), interiorKnots.allSatisfy({ lo < $0 && $0 < hi }) else {
            throw .invalidKnots("interior knots must increase strictly inside (\(lo), \(hi)): \(interiorKnots)")
        }
        return [Double](repeating: lo, count: order) + interiorKnots + [Double](repeating: hi, count: order)
    }
}
