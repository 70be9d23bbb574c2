import Dispatch

/// Runs `body` for `0..<count` on all cores and returns the results in index order.
///
/// The results array is written through disjoint slots, one per index, so the call is data-race free;
/// the order of the returned values (and so any later reduction) does not depend on scheduling.
package func parallelMap<T: Sendable>(count: Int, _ body: @Sendable (Int) -> T) -> [T] {
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
package func rowBlocks(_ n: Int, count: Int) -> [Range<Int>] {
    let k = max(1, min(count, n))
    var out: [Range<Int>] = []
    out.reserveCapacity(k)
    for b in 0..<k {
        out.append((n * b / k)..<(n * (b + 1) / k))
    }
    return out
}

/// Splits groups (strata, cases) with row offsets `starts` (`starts[g]..<starts[g + 1]` are group g's rows) into at
/// most `count` contiguous ranges of whole groups with nearly equal row counts, so a group never straddles two blocks.
func groupBlocks(starts: [Int], count: Int) -> [Range<Int>] {
    let groups = starts.count - 1
    guard groups > 0 else { return [0..<0] }
    let k = max(1, min(count, groups))
    let rows = starts[groups]
    var blocks: [Range<Int>] = []
    var s = 0
    for b in 1...k {
        var e = s
        while e < groups && (starts[e + 1] <= rows * b / k || b == k) { e += 1 }
        if e > s { blocks.append(s..<e) }
        s = e
    }
    return blocks.isEmpty ? [0..<groups] : blocks
}

/// The default number of row blocks: one per core (this machine has two).
package var defaultPartitionCount: Int { max(1, ProcessInfoCores.activeProcessorCount) }

import Foundation
enum ProcessInfoCores {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
