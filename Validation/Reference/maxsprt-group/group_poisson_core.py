"""The recursion of group_poisson.py, importable (see that file).

The design of R Sequential's man/Performance.Poisson.Rd example 2: SampleSize = 30, GroupSizes = c(6, 6, 6, 6, 6)
(the man page prints no numbers). Written separately from the Swift code with scipy: the probability of each
path of cumulative counts is accumulated look by look over all counts up to a generous bound (no truncation
by probability), and the critical value is found by scanning every attainable LLR.
"""
import math
from scipy import stats

looks = [6.0, 12.0, 18.0, 24.0, 30.0]
BOUND = 200  # counts above 200 at 30 expected events have probability < 1e-60


def llr(c, mu):
    return 0.0 if c <= mu else (mu - c) + c * math.log(c / mu)


def run(cv, rr):
    dist = {0: 1.0}
    prev = 0.0
    power = 0.0
    time = 0.0
    for mu in looks:
        lam = rr * (mu - prev)
        new = {}
        for s, p in dist.items():
            for m in range(0, BOUND - s + 1):
                c = s + m
                q = p * stats.poisson.pmf(m, lam)
                if c >= 1 and llr(c, mu) >= cv:
                    power += q
                    time += q * mu
                else:
                    new[c] = new.get(c, 0.0) + q
        dist = new
        prev = mu
    return power, time / power, time + (1 - power) * looks[-1]


