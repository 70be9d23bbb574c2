"""Independent check of the null-calibrated Type I error of the group sequential Poisson MaxSPRT
(python3 calibrated_group_poisson.py > calibrated_group_poisson.out).

Design of group_poisson.py (SampleSize 30, GroupSizes 6 x 5) at its exact critical value 2.31776616672, with an
empirical null N(0.2, 0.3^2) of systematic error: the events of a negative control arrive at exp(e) times the
expected rate, e ~ N(0.2, 0.3^2) (EmpiricalCalibration's computeCvPoisson simulates exactly this). The Type I
error is the power at relative risk exp(e) averaged over e, integrated here with scipy.integrate.quad (adaptive
Gauss-Kronrod) instead of the Gauss-Hermite rule of the Swift code.
"""
import math
from scipy import integrate, stats
from group_poisson_core import run

cv = 2.31776616672
mean, sd = 0.2, 0.3
f = lambda e: run(cv, math.exp(e))[0] * stats.norm.pdf(e, mean, sd)
value, err = integrate.quad(f, mean - 9 * sd, mean + 9 * sd, epsabs=1e-13, epsrel=1e-11, limit=200)
print(f"calibratedTypeIError {value:.12g} (quad error estimate {err:.1e})")
print(f"typeIError(RR=exp(0.2)) {run(cv, math.exp(0.2))[0]:.12g}")
