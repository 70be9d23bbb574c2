import Dispatch
import Foundation
import SignalStats
import _SignalStatsBLAS

/// Measured limits of this machine: dgemm peak and memory bandwidth.
enum Hardware {
    /// Best GFLOP/s of `C = A B` for square `n x n` matrices (2n³ flops) on `threads` OpenBLAS threads.
    static func dgemmPeak(n: Int, threads: Int, repetitions: Int) -> Double {
        var rng = SimpleFill(seed: 1)
        let a = (0..<(n * n)).map { _ in rng.next() }
        let b = (0..<(n * n)).map { _ in rng.next() }
        var c = [Double](repeating: 0, count: n * n)
        BLAS.setThreadCount(threads)
        let blasN = Int32(n)
        let (times, _) = timed(repetitions) {
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        cblas_dgemm(
                            CblasColMajor, CblasNoTrans, CblasNoTrans, blasN, blasN, blasN, 1, ap.baseAddress, blasN,
                            bp.baseAddress, blasN, 0, cp.baseAddress, blasN)
                    }
                }
            }
        }
        return 2 * Double(n) * Double(n) * Double(n) / (times.min() ?? .infinity) / 1e9
    }

    /// Best memcpy rate for a `bytes` buffer: bytes copied per second (GB/s, 10⁹), one thread.
    static func memcpyBandwidth(bytes: Int, repetitions: Int) -> Double {
        let count = bytes / 8
        let src = [Double](repeating: 1.5, count: count)
        var dst = [Double](repeating: 0, count: count)
        let (times, _) = timed(repetitions) {
            src.withUnsafeBufferPointer { s in
                dst.withUnsafeMutableBufferPointer { d in
                    if let to = d.baseAddress, let from = s.baseAddress { _ = memcpy(to, from, count * 8) }
                }
            }
        }
        return Double(count * 8) / (times.min() ?? .infinity) / 1e9
    }

    /// Best read rate (GB/s) summing a `bytes` buffer split over `threads` threads, eight accumulators each.
    static func readBandwidth(bytes: Int, threads: Int, repetitions: Int) -> Double {
        let count = bytes / 8
        let data = [Double](repeating: 1.0, count: count)
        let partial = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads * 8)
        defer { partial.deallocate() }
        let (times, _) = timed(repetitions) {
            data.withUnsafeBufferPointer { buf in
                let base = UnsafeSendable(buf.baseAddress)
                let out = UnsafeSendable(partial.baseAddress)
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    guard let p = base.value, let o = out.value else { return }
                    let lo = count * t / threads, hi = count * (t + 1) / threads
                    o[t * 8] = sumRange(p, lo, hi)
                }
            }
        }
        // Keep the sums observable so the loop is not optimized away.
        if partial[0] == -1 { print("") }
        return Double(count * 8) / (times.min() ?? .infinity) / 1e9
    }

    @inline(never)
    static func sumRange(_ p: UnsafePointer<Double>, _ lo: Int, _ hi: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0
        var i = lo
        while i + 8 <= hi {
            s0 += p[i]; s1 += p[i + 1]; s2 += p[i + 2]; s3 += p[i + 3]
            s4 += p[i + 4]; s5 += p[i + 5]; s6 += p[i + 6]; s7 += p[i + 7]
            i += 8
        }
        while i < hi { s0 += p[i]; i += 1 }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    }
}

/// A pointer handed to concurrent iterations that touch disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ v: T) { value = v }
}

/// A tiny LCG for filling matrices with values in [-0.5, 0.5) (content does not matter for dgemm speed).
struct SimpleFill {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1.0p-53 - 0.5
    }
}
