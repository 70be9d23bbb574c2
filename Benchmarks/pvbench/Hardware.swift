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

    /// Best time (seconds) for the crossproduct part alone, as the row-block kernel does it: each of `threads`
    /// threads (one BLAS thread each) accumulates `rows / threads` rows as `dsyrk` calls on a cache-resident
    /// `chunk x p` column-major block. This is the floor for X'WX computed through OpenBLAS `dsyrk` at this
    /// shape, whatever the rest of the kernel does.
    static func syrkFloor(rows: Int, p: Int, chunk: Int, threads: Int, repetitions: Int) -> Double {
        BLAS.setThreadCount(1)
        var fill = SimpleFill(seed: 2)
        let z = (0..<(chunk * p * threads)).map { _ in fill.next() }
        let c = UnsafeMutableBufferPointer<Double>.allocate(capacity: p * p * threads)
        c.initialize(repeating: 0)
        defer { c.deallocate() }
        let chunks = max(1, rows / threads / chunk)
        let (times, _) = timed(repetitions) {
            z.withUnsafeBufferPointer { zb in
                let zp = UnsafeSendable(zb.baseAddress), cp = UnsafeSendable(c.baseAddress)
                DispatchQueue.concurrentPerform(iterations: threads) { t in
                    guard let a = zp.value, let out = cp.value else { return }
                    for _ in 0..<chunks {
                        cblas_dsyrk(
                            CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(chunk), 1, a + t * chunk * p,
                            Int32(chunk), 1, out + t * p * p, Int32(p))
                    }
                }
            }
        }
        return (times.min() ?? .infinity) * Double(rows) / Double(chunks * chunk * threads)
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
        var a0 = SIMD2<Double>(), a1 = SIMD2<Double>(), a2 = SIMD2<Double>(), a3 = SIMD2<Double>()
        var a4 = SIMD2<Double>(), a5 = SIMD2<Double>(), a6 = SIMD2<Double>(), a7 = SIMD2<Double>()
        var i = lo
        let raw = UnsafeRawPointer(p)
        while i + 16 <= hi {
            let q = raw + i * 8
            a0 += q.loadUnaligned(as: SIMD2<Double>.self)
            a1 += q.loadUnaligned(fromByteOffset: 16, as: SIMD2<Double>.self)
            a2 += q.loadUnaligned(fromByteOffset: 32, as: SIMD2<Double>.self)
            a3 += q.loadUnaligned(fromByteOffset: 48, as: SIMD2<Double>.self)
            a4 += q.loadUnaligned(fromByteOffset: 64, as: SIMD2<Double>.self)
            a5 += q.loadUnaligned(fromByteOffset: 80, as: SIMD2<Double>.self)
            a6 += q.loadUnaligned(fromByteOffset: 96, as: SIMD2<Double>.self)
            a7 += q.loadUnaligned(fromByteOffset: 112, as: SIMD2<Double>.self)
            i += 16
        }
        var s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
        while i < hi { s.x += p[i]; i += 1 }
        return s.x + s.y
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
