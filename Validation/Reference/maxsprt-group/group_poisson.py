"""Independent check of the group sequential Poisson MaxSPRT (python3 group_poisson.py > group_poisson.out).

The design of R Sequential's man/Performance.Poisson.Rd example 2: SampleSize = 30, GroupSizes = c(6, 6, 6, 6, 6)
(the man page prints no numbers). Written separately from the Swift code with scipy: the probability of each
path of cumulative counts is accumulated look by look over all counts up to a generous bound (no truncation
by probability), and the critical value is found by scanning every attainable LLR.
"""
from group_poisson_core import llr, looks, run, BOUND

candidates = sorted({llr(c, mu) for mu in looks for c in range(1, BOUND) if llr(c, mu) > 0})
lo, hi = -1, len(candidates) - 1
while hi - lo > 1:
    mid = (lo + hi) // 2
    if run(candidates[mid], 1.0)[0] <= 0.05:
        hi = mid
    else:
        lo = mid
cv = candidates[hi]
alpha = run(cv, 1.0)[0]
power, etime, esize = run(cv, 1.5)
print(f"criticalValue {cv:.12g}")
print(f"equivalentAbove {candidates[lo]:.12g}")
print(f"attainedAlpha {alpha:.12g}")
print(f"power(RR=1.5) {power:.12g}")
print(f"expectedTimeToSignal(RR=1.5) {etime:.12g}")
print(f"expectedSampleSize(RR=1.5) {esize:.12g}")
