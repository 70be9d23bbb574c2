// Raw views of a SparseDesign's arrays for the coordinate-descent kernel, and a Sendable box for buffers shared by
// the row-block workers (each worker writes only its own rows or its own buffer).

/// Unsafe views of the arrays of a ``SparseDesign``, valid inside ``SparseDesign/withView(_:)``.
struct SparseView: @unchecked Sendable {
    let rows: Int
    let columns: Int
    let rowOffsets: UnsafeBufferPointer<Int>
    let columnIndices: UnsafeBufferPointer<Int32>
    /// `nil` for a 0/1 design.
    let values: UnsafeBufferPointer<Double>?
    let columnOffsets: UnsafeBufferPointer<Int>
    let rowIndices: UnsafeBufferPointer<Int32>
    /// `nil` for a 0/1 design.
    let columnValues: UnsafeBufferPointer<Double>?
}

extension SparseDesign {
    /// Runs `body` with raw views of the design's arrays.
    func withView<R>(_ body: (SparseView) -> R) -> R {
        rowOffsets.withUnsafeBufferPointer { ro in
            columnIndices.withUnsafeBufferPointer { ci in
                columnOffsets.withUnsafeBufferPointer { co in
                    rowIndices.withUnsafeBufferPointer { ri in
                        withOptionalBuffer(values) { v in
                            withOptionalBuffer(columnValues) { cv in
                                body(SparseView(
                                    rows: rows, columns: columns, rowOffsets: ro, columnIndices: ci, values: v,
                                    columnOffsets: co, rowIndices: ri, columnValues: cv))
                            }
                        }
                    }
                }
            }
        }
    }
}

private func withOptionalBuffer<R>(_ a: [Double]?, _ body: (UnsafeBufferPointer<Double>?) -> R) -> R {
    guard let a else { return body(nil) }
    return a.withUnsafeBufferPointer { body($0) }
}

/// A heap buffer of doubles owned by a workspace, shared with row-block workers that write disjoint parts.
struct SharedBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    static func allocate(_ count: Int, value: Double = 0) -> SharedBuffer {
        let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        p.initialize(repeating: value, count: max(count, 1))
        return SharedBuffer(base: p, count: count)
    }

    func free() { base.deallocate() }

    subscript(i: Int) -> Double {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    func copy(from other: SharedBuffer) { base.update(from: other.base, count: count) }

    var array: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
