#!/usr/bin/env python3
"""Peer for the large-scale propensity benchmark: scikit-learn LogisticRegression with an L1 penalty on the sparse
design `pvbench lsps-generate` wrote (CSR, 0/1), at the penalty `pvbench lsps` used.

Penalty mapping. SignalStats minimizes -loglik + l1 * |b|_1 (intercept unpenalized, sum scale); scikit-learn
minimizes C * sum(logloss) + |w|_1, so C = 1 / l1 (and glmnet's lambda = l1 / n, i.e. C = 1 / (n * lambda)).

Solvers:
  liblinear: newGLMNET coordinate descent (Yuan, Ho & Lin 2012), the fast one; it penalizes the intercept as an
             ordinary feature of value `intercept_scaling`. With intercept_scaling = 1000 the intercept's penalty is
             |b0| / 1000 * l1, negligible here; the coefficient comparison states the effect.
  saga:      stochastic average gradient, unpenalized intercept, the exact objective, but slow at this size.

Timing covers `model.fit(X, y)` only (CSR float64 built before). Prints the time, the ratio to SignalStats (from
results/lsps-SignalStats.json when present) and the largest coefficient difference.

Usage: python3 sklearn_lsps.py --data DIR [--results DIR] [--solver liblinear|saga] [--tol 1e-6] [--max-iter 1000]
"""
import argparse
import json
import os
import time
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--results")
    ap.add_argument("--solver", default="liblinear")
    ap.add_argument("--tol", type=float, default=1e-6)
    ap.add_argument("--max-iter", type=int, default=1000)
    ap.add_argument("--l1", type=float, help="default: the l1 of results/lsps-SignalStats.json, else 2000")
    ap.add_argument("--intercept-scaling", type=float, default=1000.0)
    args = ap.parse_args()
    results = args.results or os.path.join(args.data, "results")
    os.makedirs(results, exist_ok=True)
    with open(os.path.join(args.data, "lsps_manifest.json")) as f:
        m = json.load(f)
    n, p, nnz = m["rows"], m["columns"], m["entries"]
    indptr = np.fromfile(os.path.join(args.data, "lsps_indptr.i64"), dtype="<i8")
    indices = np.fromfile(os.path.join(args.data, "lsps_indices.i32"), dtype="<i4")
    y = np.fromfile(os.path.join(args.data, "lsps_y.f64"), dtype="<f8")
    X = sp.csr_matrix((np.ones(nnz), indices, indptr), shape=(n, p))
    swift = None
    sw_path = os.path.join(results, "lsps-SignalStats.json")
    if os.path.exists(sw_path):
        with open(sw_path) as f:
            swift = json.load(f)
    l1 = args.l1 if args.l1 is not None else (swift["l1"] if swift else 2000.0)
    C = 1.0 / l1
    extra = dict(intercept_scaling=args.intercept_scaling) if args.solver == "liblinear" else {}
    major, minor = (int(v) for v in sklearn.__version__.split(".")[:2])
    pen = dict(l1_ratio=1.0) if (major, minor) >= (1, 8) else dict(penalty="l1")
    model = LogisticRegression(C=C, solver=args.solver, tol=args.tol, max_iter=args.max_iter, **pen, **extra)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t0 = time.perf_counter()
        model.fit(X, y)
        seconds = time.perf_counter() - t0
    converged = not any(issubclass(w.category, sklearn.exceptions.ConvergenceWarning) for w in caught)
    coef = model.coef_.ravel()
    b0 = float(model.intercept_[0])
    eta = X @ coef + b0
    loglik = float(np.sum(y * eta - np.logaddexp(0, eta)))
    objective = -loglik + l1 * float(np.abs(coef).sum())
    out = dict(implementation=f"scikit-learn {sklearn.__version__} {args.solver}", seconds=seconds, l1=l1, C=C,
               tol=args.tol, converged=converged, iterations=int(np.max(model.n_iter_)), nonZero=int(np.sum(coef != 0)),
               objective=objective, intercept=b0, coefficients=coef.tolist())
    line = (f"scikit-learn {sklearn.__version__} LogisticRegression(l1, solver={args.solver}, C={C:.3g}, tol={args.tol:g}"
            + (f", intercept_scaling={args.intercept_scaling:g}" if extra else "")
            + f"): {seconds:.3f} s, {out['iterations']} iterations{'' if converged else ' (NOT converged)'}, "
            + f"{out['nonZero']} non-zero, objective {objective:.6f} (SignalStats' objective at its coefficients)")
    print(line)
    if swift:
        sc = np.array(swift["coefficients"])
        d = np.abs(sc - coef)
        print(f"  SignalStats: {swift['seconds']:.3f} s, {swift['nonZero']} non-zero, objective {swift['objective']:.6f}")
        print(f"  time ratio scikit-learn / SignalStats: {seconds / swift['seconds']:.1f}x")
        print(f"  coefficients: max |difference| {d.max():.3g} (largest |coefficient| {np.abs(sc).max():.3g}); "
              f"intercept {b0:.6f} vs {swift['intercept']:.6f}; non-zero sets differ in {int(np.sum((sc != 0) != (coef != 0)))} columns; "
              f"objective difference {objective - swift['objective']:.3g}")
        out["maxAbsDifference"] = float(d.max())
    with open(os.path.join(results, f"lsps-sklearn-{args.solver}.json"), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
