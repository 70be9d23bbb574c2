import CohortModel
import Foundation
import Testing
@testable import SignalStats

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// nrtdat as copied into its validation case (source: R SCCS 1.7 nrtdat, shared/reference/sccs/nrtdat.csv).
private func nrtData() throws -> SCCSPreparedData {
    let url = repositoryRoot.appendingPathComponent("Validation/Cases/sccs-nrtdat-eventdepenobs/nrtdat.csv")
    var data = try SCCSPreparedData(table: try CSVTable.read(contentsOf: url), indiv: "case", start: "nrt", end: "act", event: "mi")
    data.columns["nrt"] = data.start.map { $0 }
    return data
}

@Suite struct SCCSEventDependentTests {
    @Test func debugWeights() throws {
        let nrt = SCCSExposureDefinition(name: "nrt", doseColumns: ["nrt"], cutPoints: [0, 8, 15, 22], endOffset: 28)
        var model = try SCCSEventDependentObservation(data: try nrtData(), exposures: [nrt], censorColumn: "cen")
        model.fixedModel = (.ewi, [43.57848975, -1.994108898, 0.698792805, -0.4737426286])
        let (cases, _) = try model.prepared()
        for c in cases.filter(\.censored).prefix(3) {
            for piece in SCCSDayPiece.split(from: c.start, to: c.end, windows: c.windows, ageCuts: []) {
                let w = SCCSCensoringModel.ewi.weight(model.fixedModel!.parameters, lower: piece.from, upper: piece.to, end: c.end, censored: c.censored)
                print(c.id, piece, c.censored, log(w))
            }
        }
    }
}
