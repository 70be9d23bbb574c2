extension SCCSExposureDefinition {
    /// Number of parameters per dose: one per risk window and one per washout period.
    public var levelCount: Int { cutPoints.count + max(0, (washout?.count ?? 1) - 1) }

    /// The days of each exposure level of one dose, in parameter order, before a later dose cuts them short.
    ///
    /// As R `SCCS::formatdata` cuts time (inclusive days; `s` the dose start, `e` its end, cut points `c₁…c_m`,
    /// washout `w₁…w_W`):
    /// - risk window `j < m`: `[s + c_j, s + c_{j+1} − 1]`, cut at the end of the last one;
    /// - the last risk window: `[s + c_m, e]` without washout, `[s + c_m, e + w₁]` when `W = 1`, and
    ///   `[s + c_m, e + w₁ − 1]` when `W > 1`;
    /// - washout period `k = 1…W−1`: from `e + w_k` to `e + w_{k+1} − 1`, the last one to `e + w_W` inclusive.
    ///
    /// Parameters are numbered on from the risk windows (`mmr1…mmr3` for the windows, `mmr4` for the first washout
    /// period), as R names them.
    public func levelSpans(start s: Int, end e: Int) -> [(from: Int, to: Int)] {
        let w = washout ?? [0]
        let m = cutPoints.count
        // The risk windows end where the last one does (a cut point past it leaves an empty window, as R's cuts do).
        let riskEnd = w.count == 1 ? e + w[0] : e + w[0] - 1
        var spans: [(from: Int, to: Int)] = []
        for j in 0..<m {
            spans.append((s + cutPoints[j], j + 1 < m ? min(s + cutPoints[j + 1] - 1, riskEnd) : riskEnd))
        }
        if w.count > 1 {
            for k in 0..<(w.count - 1) {
                let to = k + 2 < w.count ? e + w[k + 1] - 1 : e + w[k + 1]
                spans.append((e + w[k], to))
            }
        }
        return spans
    }
}
