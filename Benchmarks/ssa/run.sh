#!/usr/bin/env bash
# SSA recovery study and timing benchmark (docs/ssa.md, "Recovery study" and "Speed").
#
#   bash Benchmarks/ssa/run.sh recovery   # 1000 sample networks of 50,000 persons: coverage, bias, screening rank, FDR
#   bash Benchmarks/ssa/run.sh timing     # one pair and 100-class screening over 10 million synthetic dispensings
#   bash Benchmarks/ssa/run.sh all
#
# Knobs (environment): SIGNALSTATS_RECOVERY_RUNS (default 1000), SIGNALSTATS_RECOVERY_PERSONS (default 50000),
# SIGNALSTATS_RECOVERY_OUT (report file, default bench-data/ssa/recovery.txt), SIGNALSTATS_SSA_BENCH_DISPENSINGS
# (default 10000000), SIGNALSTATS_SSA_BENCH_CLASSES (default 100).
#
# Both are Swift Testing tests in Tests/SignalStatsTests/SSARecoveryTests.swift, off unless their variable is set;
# they run in release mode with testability enabled (the tests use SampleData's internal drug catalog).
# On macOS run them with `swift test -c release -Xswiftc -enable-testing --skip-build --filter ...` instead.
# The recovery study takes about 15 minutes on 2 cores; the timing about 30 seconds plus the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
what="${1:-all}"
mkdir -p bench-data/ssa
swift build -c release -Xswiftc -enable-testing --build-tests
# Run the test binary directly, so the long run does not hold SwiftPM's build lock.
bin="$(swift build -c release -Xswiftc -enable-testing --show-bin-path)/SignalStatsPackageTests.xctest"
run=("$bin" --testing-library swift-testing)
if [[ "$what" == recovery || "$what" == all ]]; then
  SIGNALSTATS_RECOVERY=1 \
  SIGNALSTATS_RECOVERY_RUNS="${SIGNALSTATS_RECOVERY_RUNS:-1000}" \
  SIGNALSTATS_RECOVERY_PERSONS="${SIGNALSTATS_RECOVERY_PERSONS:-50000}" \
  SIGNALSTATS_RECOVERY_OUT="${SIGNALSTATS_RECOVERY_OUT:-bench-data/ssa/recovery.txt}" \
    "${run[@]}" --filter 'SSARecoveryTests/recovery'
fi
if [[ "$what" == timing || "$what" == all ]]; then
  SIGNALSTATS_SSA_BENCH=1 "${run[@]}" --filter 'SSARecoveryTests/timing'
fi
