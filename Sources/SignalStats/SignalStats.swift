// SignalStats: the umbrella module. It only re-exports the two layers, so `import SignalStats` gives both:
//
// - `SignalStatsCore`: numerics (BLAS/LAPACK, Newton–Raphson over partitioned likelihoods), distributions, regression,
//   survival, and the array-level SCCS, PS and SSA models. It does not know the network data model.
// - `SignalStatsDesigns`: the SCCS, PS cohort and SSA designs on CohortModel's `Network`.
@_exported import SignalStatsCore
@_exported import SignalStatsDesigns
