import Dispatch

/// Runs `body` for `0..<count` on all cores and returns the results in index order.
///
/// The results array is written through disjoint slots, one per index, so the call is data-race free;
/// the order of the returned values (and so any later reduction) does not depend on scheduling.
func parallelMap<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    let slots = SlotBuffer<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        slots.set(i, body(i))
    }
    return slots.values()
}

/// Fixed-size storage written once per slot from concurrent iterations.
private final class SlotBuffer<T>: @unchecked Sendable {
    private var storage: [T?]
    init(count: Int) { storage = [T?](repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        storage.withUnsafeMutableBufferPointer { $0[i] = value }
    }
    func values() -> [T] { storage.compactMap { $0 } }
}

/// Splits `0..<n` into `count` contiguous, nearly equal blocks.
func rowBlocks(_ n: Int, count: Int) -> [Range<Int>] {
    let k = max(1, min(count, n))
    var out: [Range<Int>] = []
    out.reserveCapacity(k)
    for b in 0..<k {
        out.append((n * b / k)..<(n * (b + 1) / k))
    }
    return out
}

/// The default number of row blocks: one per core (this machine has two).
var defaultPartitionCount: Int { max(1, ProcessInfoCores.activeProcessorCount) }

import Foundation
enum ProcessInfoCores {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
