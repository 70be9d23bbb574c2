extension SCCSSplineAdjustment.Knots {
    /// Decodes a number of knots (`5`, placed from the data; 2 to 50) or the knots themselves (`[0.5, 3.5, 12.5]`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let k = try? c.decode(Int.self) {
            guard (2...50).contains(k) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "a spline has 2 to 50 knots, found \(k)")
            }
            self = .count(k)
        } else {
            let knots = try c.decode([Double].self)
            guard knots.count >= 2, zip(knots, knots.dropFirst()).allSatisfy({ $0 < $1 }), knots.allSatisfy(\.isFinite) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "explicit knots are at least two finite, increasing numbers")
            }
            self = .at(knots)
        }
    }

    /// Encodes a count as a number and explicit knots as an array.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .count(let k): try c.encode(k)
        case .at(let knots): try c.encode(knots)
        }
    }
}

extension SCCSSplineAdjustment {
    enum CodingKeys: String, CodingKey { case age, season, calendarTime }

    /// Decodes `{"age": 5, "season": 5, "calendarTime": [..]}`; each key optional, at least one present.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            age: try c.decodeIfPresent(Knots.self, forKey: .age), season: try c.decodeIfPresent(Knots.self, forKey: .season),
            calendarTime: try c.decodeIfPresent(Knots.self, forKey: .calendarTime))
        if isEmpty {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath, debugDescription: "splines name at least one of \"age\", \"season\", \"calendarTime\""))
        }
    }

    /// Encodes the splines that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(age, forKey: .age)
        try c.encodeIfPresent(season, forKey: .season)
        try c.encodeIfPresent(calendarTime, forKey: .calendarTime)
    }
}
