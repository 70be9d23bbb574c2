#!/usr/bin/env python3
"""Peer for the logistic benchmark: scikit-learn LogisticRegression(solver="newton-cholesky"), unpenalized.

Reads the pvbench data set (raw little-endian float64, X column-major 1,000,000 x 50 with the intercept in
column 0, so fit_intercept=False), fits it `--repeats` times, and writes results/logistic-sklearn.json with
the best wall-clock time, the iterations and the coefficients (full precision) for `pvbench report`.

Timing covers `model.fit(X, y)` only. X is handed over C-contiguous (row-major), the layout
LogisticRegression's input validation asks for (`order="C"`), so the fit does not pay for a copy.

No penalty: `C=np.inf` on scikit-learn >= 1.8 (where `penalty` is deprecated), `penalty=None` before.
Tolerance: `tol=1e-10` on the max |gradient| of the mean log-loss and on the Newton decrement, far tighter
than the default 1e-4, so the coefficients are converged to about 1e-10 and can be compared at 1e-8.

Usage: python3 sklearn_logistic.py --data bench-data [--results bench-data/results] [--repeats 3]

With `--task ps` it is the peer of the propensity-score fit of `pvbench ps` instead (1,000,000 persons x 100
covariates in DIR/ps_X.f64, treatment in DIR/ps_treat.f64, no intercept column, so fit_intercept=True): solver
`--solver lbfgs` (scikit-learn's default solver, default tol 1e-4, max_iter 10000) or `newton-cholesky` (tol 1e-10),
unpenalized; writes ps-fit-sklearn-<solver>.txt (key value lines) with the coefficients, intercept first.

Usage: python3 sklearn_logistic.py --task ps --data bench-data/ps --results DIR --solver lbfgs [--repeats 3]
"""
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--results")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--tol", type=float, default=1e-10)
    ap.add_argument("--task", default="logistic")
    ap.add_argument("--solver", default="lbfgs")
    args = ap.parse_args()
    if args.task == "ps":
        return ps_fit(args)
    results = args.results or os.path.join(args.data, "results")
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(args.data, "manifest.json")) as f:
        m = json.load(f)["logistic"]
    n, p = m["rows"], m["cols"]
    x = np.fromfile(os.path.join(args.data, m["x"]), dtype="<f8")
    assert x.size == n * p, (x.size, n, p)
    X = np.ascontiguousarray(x.reshape((p, n)).T)  # column-major file -> (n, p), then C order
    del x
    y = np.fromfile(os.path.join(args.data, m["y"]), dtype="<f8")

    major, minor = (int(v) for v in sklearn.__version__.split(".")[:2])
    if (major, minor) >= (1, 8):
        params = dict(C=np.inf)
    else:
        params = dict(penalty=None)
    model = None
    runs = []
    for _ in range(args.repeats):
        model = LogisticRegression(solver="newton-cholesky", fit_intercept=False, tol=args.tol, max_iter=100, **params)
        with warnings.catch_warnings():
            warnings.simplefilter("error", category=sklearn.exceptions.ConvergenceWarning)
            t0 = time.perf_counter()
            model.fit(X, y)
            runs.append(time.perf_counter() - t0)
    coef = model.coef_.ravel()
    eta = X @ coef
    loglik = float(np.sum(y * eta - np.logaddexp(0, eta)))
    blas = ""
    try:
        from threadpoolctl import threadpool_info

        blas = "; ".join(
            f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
            for i in threadpool_info()
        )
    except Exception as e:  # threadpoolctl ships with scikit-learn; report if it does not
        blas = f"unknown ({e})"
    out = {
        "task": "logistic",
        "implementation": "scikit-learn newton-cholesky",
        "seconds": min(runs),
        "runs": runs,
        "iterations": int(np.ravel(model.n_iter_)[0]),
        "coefficients": [float(c) for c in coef],
        "logLikelihood": loglik,
        "notes": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, tol={args.tol}, BLAS: {blas}",
    }
    with open(os.path.join(results, "logistic-sklearn.json"), "w") as f:
        json.dump(out, f, indent=1)
    print(
        f"scikit-learn newton-cholesky {n} x {p}: best {min(runs):.4f} s (runs {' '.join(f'{r:.4f}' for r in runs)}), "
        f"{out['iterations']} iterations, loglik {loglik:.12g}; BLAS: {blas}"
    )
    for j, c in enumerate(coef):
        print(f"coef {j} {c:.12g}")


def ps_fit(args):
    results = args.results or os.path.join(args.data, "results")
    os.makedirs(results, exist_ok=True)
    man = dict(line.split(" ", 1) for line in open(os.path.join(args.data, "ps_manifest.txt")).read().split("\n") if line)
    n, q = int(man["persons"]), int(man["covariates"])
    x = np.fromfile(os.path.join(args.data, "ps_X.f64"), dtype="<f8")
    assert x.size == n * q, (x.size, n, q)
    X = np.ascontiguousarray(x.reshape((q, n)).T)
    del x
    y = np.fromfile(os.path.join(args.data, "ps_treat.f64"), dtype="<f8")
    major, minor = (int(v) for v in sklearn.__version__.split(".")[:2])
    params = dict(C=np.inf) if (major, minor) >= (1, 8) else dict(penalty=None)
    if args.solver == "lbfgs":
        params.update(solver="lbfgs", max_iter=10000)
    else:
        params.update(solver=args.solver, tol=args.tol, max_iter=100)
    runs = []
    model = None
    for _ in range(args.repeats):
        model = LogisticRegression(fit_intercept=True, **params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t0 = time.perf_counter()
            model.fit(X, y)
            runs.append(time.perf_counter() - t0)
    coef = np.concatenate([model.intercept_, model.coef_.ravel()])
    eta = X @ coef[1:] + coef[0]
    loglik = float(np.sum(y * eta - np.logaddexp(0, eta)))
    lines = [
        f"implementation scikit-learn {sklearn.__version__} {args.solver}",
        f"persons {n}",
        f"seconds {min(runs):.6f}",
        "runs " + " ".join(f"{r:.6f}" for r in runs),
        f"iterations {int(np.ravel(model.n_iter_)[0])}",
        f"loglik {loglik:.15g}",
    ] + [f"coef_{j} {c:.15g}" for j, c in enumerate(coef)]
    with open(os.path.join(results, f"ps-fit-sklearn-{args.solver}.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines[:6]))


if __name__ == "__main__":
    sys.exit(main())
