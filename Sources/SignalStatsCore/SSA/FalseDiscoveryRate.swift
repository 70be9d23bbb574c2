/// False-discovery-rate control for many tests.
public enum FalseDiscoveryRate {
    /// Benjamini–Hochberg adjusted p-values (q-values): `q₍ᵢ₎ = min_{k ≥ i} min(1, m · p₍ₖ₎ / k)` over the
    /// p-values sorted ascending, returned in the input order.
    ///
    /// Rejecting every hypothesis with `q ≤ α` controls the false-discovery rate at level α when the tests are
    /// independent or positively dependent (Benjamini Y, Hochberg Y. Controlling the false discovery rate: a
    /// practical and powerful approach to multiple testing. *J R Stat Soc B* 1995;57:289–300). Same as R's
    /// `p.adjust(p, "BH")`; NaN p-values stay NaN and do not count among the `m` tests.
    ///
    /// - Complexity: O(m log m).
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }.sorted { pValues[$0] < pValues[$1] }
        let m = Double(order.count)
        var q = [Double](repeating: .nan, count: pValues.count)
        var running = 1.0
        for rank in stride(from: order.count - 1, through: 0, by: -1) {
            let i = order[rank]
            running = min(running, m * pValues[i] / Double(rank + 1))
            q[i] = min(1, running)
        }
        return q
    }
}
