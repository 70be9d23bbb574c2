extension PropensityModel: Codable {
    enum CodingKeys: String, CodingKey { case penalty, lambda, l1Share, crossValidated, folds, seed }

    /// Decodes `"dense"`, `"cohortMethodDefault"` (L1 chosen by 10-fold cross-validation), a fixed penalty
    /// `{"penalty": "lasso" | "ridge" | "elasticNet", "lambda": 0.01, "l1Share": 0.5}`, or a cross-validated one
    /// `{"penalty": "lasso", "crossValidated": true, "folds": 10, "seed": 1}`.
    public init(from decoder: any Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            switch s {
            case "dense": self = .dense
            case "cohortMethodDefault": self = .cohortMethodDefault
            default:
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath, debugDescription: "expected \"dense\", \"cohortMethodDefault\" or an object, found \"\(s)\""))
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind: PenaltyKind
        switch try c.decode(String.self, forKey: .penalty) {
        case "lasso": kind = .lasso
        case "ridge": kind = .ridge
        case "elasticNet":
            let a = try c.decode(Double.self, forKey: .l1Share)
            guard a > 0 && a <= 1 else { throw DecodingError.dataCorruptedError(forKey: .l1Share, in: c, debugDescription: "must be in (0, 1], found \(a)") }
            kind = .elasticNet(l1Share: a)
        case let p:
            throw DecodingError.dataCorruptedError(forKey: .penalty, in: c, debugDescription: "expected \"lasso\", \"ridge\" or \"elasticNet\", found \"\(p)\"")
        }
        if try c.decodeIfPresent(Bool.self, forKey: .crossValidated) ?? false {
            let folds = try c.decodeIfPresent(Int.self, forKey: .folds) ?? 10
            guard (2...100).contains(folds) else { throw DecodingError.dataCorruptedError(forKey: .folds, in: c, debugDescription: "must be 2 to 100, found \(folds)") }
            self = .crossValidated(kind, CrossValidationOptions(folds: folds, seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1))
        } else {
            let lambda = try c.decode(Double.self, forKey: .lambda)
            guard lambda >= 0 && lambda.isFinite else { throw DecodingError.dataCorruptedError(forKey: .lambda, in: c, debugDescription: "must be 0 or more, found \(lambda)") }
            self = .regularized(kind.penalty(lambda))
        }
    }

    /// Encodes the model in the grammar ``init(from:)`` reads (a fixed penalty as its L1 and L2 parts in `elasticNet`
    /// form when both are set).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .dense:
            var c = encoder.singleValueContainer()
            try c.encode("dense")
        case .regularized(let q):
            var c = encoder.container(keyedBy: CodingKeys.self)
            let total = q.l1 + q.l2
            switch (q.l1 > 0, q.l2 > 0) {
            case (true, false): try c.encode("lasso", forKey: .penalty)
            case (false, _): try c.encode("ridge", forKey: .penalty)
            case (true, true):
                try c.encode("elasticNet", forKey: .penalty)
                try c.encode(q.l1 / total, forKey: .l1Share)
            }
            try c.encode(total, forKey: .lambda)
        case .crossValidated(let kind, let o):
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch kind {
            case .lasso: try c.encode("lasso", forKey: .penalty)
            case .ridge: try c.encode("ridge", forKey: .penalty)
            case .elasticNet(let a):
                try c.encode("elasticNet", forKey: .penalty)
                try c.encode(a, forKey: .l1Share)
            }
            try c.encode(true, forKey: .crossValidated)
            try c.encode(o.folds, forKey: .folds)
            try c.encode(o.seed, forKey: .seed)
        }
    }
}
