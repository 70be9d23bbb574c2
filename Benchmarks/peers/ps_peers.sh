#!/usr/bin/env bash
# Peers of the dense propensity-score benchmark (`pvbench ps`), each under a time cap, then the ratio table.
#
#   bash Benchmarks/peers/ps_peers.sh DATA RESULTS BIN
#
# DATA holds what `pvbench ps` wrote (the data, SignalStats' logit score, caliper and pairs); RESULTS its
# ps-SignalStats.txt; BIN the pvbench executable. Caps: BENCH_PS_PEER_TIMEOUT seconds per peer (default BENCH_PEER_TIMEOUT, else 900;
# coxph with cluster() needed 519 s on a loaded machine);
# MatchIt runs on the first `subset` persons only (100,000 by default; it takes 7.3 s there and grows faster than
# linearly); R repeats a step (best of 3) only while its runs stay within BENCH_PS_R_BUDGET seconds (default 120).
# The environment (OPENBLAS_*, OMP_NUM_THREADS) is the caller's: run.sh sets it for everyone.
set -uo pipefail
DATA="$1" RESULTS="$2" BIN="$3"
CAP="${BENCH_PS_PEER_TIMEOUT:-${BENCH_PEER_TIMEOUT:-900}}"
cd "$(dirname "$0")/../.."
peer() {  # label command...
  local label="$1"; shift
  echo "-- $label"
  if declare -F wait_quiet >/dev/null; then wait_quiet; fi
  timeout "$CAP" "$@" || echo "warning: $label failed or exceeded ${CAP}s; left out of the table" >&2
}
rm -f "$RESULTS"/ps-*-R.txt "$RESULTS"/ps-fit-sklearn-*.txt
peer "scikit-learn lbfgs" python3 Benchmarks/peers/sklearn_logistic.py --task ps --solver lbfgs --data "$DATA" --results "$RESULTS" --repeats 3
peer "scikit-learn newton-cholesky" python3 Benchmarks/peers/sklearn_logistic.py --task ps --solver newton-cholesky --data "$DATA" --results "$RESULTS" --repeats 3
for step in greedy greedy-subset matchit balance cox; do
  peer "R $step" Rscript Benchmarks/peers/r_ps.R --data "$DATA" --results "$RESULTS" --step "$step" --budget "${BENCH_PS_R_BUDGET:-120}"
done
"$BIN" ps-report --results "$RESULTS"
