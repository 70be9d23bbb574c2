import CohortModel
import SignalStats

/// R's `dob` in a case: the name of a ddmmyyyy column, or one ddmmyyyy number for every case (R cases that add a
/// constant column).
enum DateOfBirthSpec: Decodable {
    case column(String)
    case constant(Int)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .column(s)
        } else {
            self = .constant(try c.decode(Int.self))
        }
    }
}

extension SCCSMethod.Spec {
    /// Whether the case uses the options of `SCCSPreparedData.model(exposures:ageCutPoints:referenceAgeGroup:seasonStarts:dateOfBirth:layout:)`.
    var usesRParityOptions: Bool { seasonGroups != nil || referenceAgeGroup != nil }

    func parityModel(data: SCCSPreparedData, table: CSVTable) throws(SCCSError) -> SCCSModel {
        let starts = try (seasonGroups ?? []).map { v throws(SCCSError) in try SCCSSeasonStart(ddmm: v) }
        var dob: [Int]? = nil
        switch self.dob {
        case .column(let name)?:
            guard table.columnPosition(name) != nil else { throw .unknownColumn(name) }
            let values: [Double]
            do { values = try table.doubles(name) } catch { throw .invalidDesign(error.description) }
            dob = try SCCSPreparedData.days(ddmmyyyy: values.map { Int($0.rounded()) })
        case .constant(let v)?:
            dob = try SCCSPreparedData.days(ddmmyyyy: Array(repeating: v, count: data.indiv.count))
        case nil:
            break
        }
        return try data.model(
            exposures: exposures, ageCutPoints: ageCutPoints ?? [], referenceAgeGroup: referenceAgeGroup, seasonStarts: starts,
            dateOfBirth: dob, layout: layout ?? .multi)
    }
}
