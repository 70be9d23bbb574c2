/// The aggregates of a log-likelihood at one parameter vector that one partition of the data contributes.
///
/// This is what a hospital exports in a distributed analysis: a scalar, a p-vector and a p x p matrix,
/// no patient rows. Contributions add: the pooled value is the sum over partitions, so a fit from
/// per-site contributions equals the single-machine fit to rounding.
public struct LikelihoodContribution: Sendable, Equatable {
    /// Log-likelihood of the partition's rows.
    public var logLikelihood: Double
    /// Gradient (score) of the log-likelihood.
    public var gradient: [Double]
    /// Observed information: minus the Hessian. Only the upper triangle is guaranteed filled
    /// until ``symmetrize()`` is called.
    public var information: Matrix
    /// Number of rows (observations) that contributed.
    public var observations: Int

    /// A zero contribution for `parameters` parameters.
    public init(parameters: Int) {
        logLikelihood = 0
        gradient = [Double](repeating: 0, count: parameters)
        information = Matrix(rows: parameters, columns: parameters)
        observations = 0
    }

    /// Adds another partition's contribution.
    public mutating func add(_ other: LikelihoodContribution) {
        logLikelihood += other.logLikelihood
        observations += other.observations
        for i in gradient.indices { gradient[i] += other.gradient[i] }
        for i in information.storage.indices { information.storage[i] += other.information.storage[i] }
    }

    /// Copies the upper triangle of ``information`` into the lower one.
    public mutating func symmetrize() { information.symmetrizeFromUpper() }

    /// The sum of contributions, added in the order given (so the result is reproducible).
    public static func sum(_ parts: [LikelihoodContribution], parameters: Int) -> LikelihoodContribution {
        var total = LikelihoodContribution(parameters: parameters)
        for p in parts { total.add(p) }
        total.symmetrize()
        return total
    }
}

/// A log-likelihood whose value, gradient and information are sums over partitions of the rows.
///
/// Conforming models compute each partition's ``LikelihoodContribution`` from its own rows only;
/// ``NewtonRaphson`` adds them up. Partitions are row blocks evaluated in parallel on one machine, or
/// hospitals that each export their contribution.
public protocol PartitionedLikelihood: Sendable {
    /// Number of parameters.
    var parameterCount: Int { get }
    /// Number of partitions.
    var partitionCount: Int { get }
    /// The contribution of partition `index` at `beta`. With `derivatives == false` only the
    /// log-likelihood (and observation count) need be filled.
    func contribution(ofPartition index: Int, at beta: [Double], derivatives: Bool) -> LikelihoodContribution
}

extension PartitionedLikelihood {
    /// The pooled contribution over all partitions, evaluated in parallel and summed in partition order.
    ///
    /// With more than one partition each block calls BLAS single-threaded (OpenBLAS's own threading is
    /// slower than row blocks for tall, narrow data), so this sets OpenBLAS to one thread.
    public func evaluate(at beta: [Double], derivatives: Bool = true) -> LikelihoodContribution {
        if partitionCount > 1 { BLAS.setThreadCount(1) }
        let parts = parallelMap(count: partitionCount) { k in
            self.contribution(ofPartition: k, at: beta, derivatives: derivatives)
        }
        return LikelihoodContribution.sum(parts, parameters: parameterCount)
    }
}
