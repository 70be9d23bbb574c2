/// A model specification whose keys are checked: a misspelt key fails the case (naming it and the allowed keys)
/// instead of being ignored. The specification lists its keys in a `CodingKeys` enum that is `CaseIterable`.
protocol StrictModelSpec: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

/// Decodes `Spec` after rejecting keys it does not know.
struct StrictModel<Spec: StrictModelSpec>: Decodable {
    var spec: Spec

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, allowed: Spec.CodingKeys.allCases.map(\.stringValue), in: "the model")
        spec = try Spec(from: decoder)
    }
}
