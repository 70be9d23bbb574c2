import Testing


/// Asserts `|observed - expected| <= relative * |expected|` element-wise (absolute `relative` when expected is 0).
public func expectClose(
    _ observed: [Double], _ expected: [Double], relative: Double,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(observed.count == expected.count, sourceLocation: sourceLocation)
    for (o, e) in zip(observed, expected) {
        let tol = e == 0 ? relative : relative * abs(e)
        #expect(abs(o - e) <= tol, "observed \(o), expected \(e), difference \(o - e)", sourceLocation: sourceLocation)
    }
}

public func expectClose(_ observed: Double, _ expected: Double, relative: Double, sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose([observed], [expected], relative: relative, sourceLocation: sourceLocation)
}
