// SampleData: deterministic synthetic data for tests, demos and benchmarks.
