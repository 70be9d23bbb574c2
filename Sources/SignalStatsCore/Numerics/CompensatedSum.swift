/// Neumaier's compensated summation (Neumaier 1974): the running sum and the rounding error it lost, so that a sum of
/// millions of per-case terms is exact to a few ulps whatever their order of magnitude.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0
    @inline(__always)
    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }
    var value: Double { sum + compensation }
}
