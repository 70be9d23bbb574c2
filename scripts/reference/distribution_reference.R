#!/usr/bin/env Rscript
# Reference values for Tests/SignalStatsTests/DistributionTests.swift.
#
# Prints Swift array literals (17 significant digits) for the probability
# distribution functions of SignalStats (Sources/SignalStats/Distributions).
# Regenerate with
#     Rscript scripts/reference/distribution_reference.R > /tmp/reference.swift
# and paste the output into the `DistributionReference` enum of the test file.
# Values were generated with R 4.2.2 (base R only, no packages).
#
# Grids avoid the few places where R itself is less accurate than 1e-10:
# qgamma/qchisq with lower.tail = TRUE and p within ~1e-12 of 1 (R iterates on
# the lower tail there), and qbeta with tiny p and parameters >= ~1e4
# (R returns 1.1e-308, 1 or NaN). Those regimes are tested in Swift by
# round trips instead.

f17 <- function(v) sprintf("%.17g", v)
ver <- paste(R.version$major, R.version$minor, sep = ".")

# Emits `static let name: [(...)] = [ ... ]` with one tuple per row of `args`
# (a data frame of inputs) and the value `fun(args...)`.
emit <- function(name, label, args, fun) {
  cat(sprintf("    // R %s %s\n", ver, label))
  cols <- names(args)
  types <- paste(c(sprintf("%s: Double", cols), "expected: Double"), collapse = ", ")
  cat(sprintf("    static let %s: [(%s)] = [\n", name, types))
  for (i in seq_len(nrow(args))) {
    v <- do.call(fun, as.list(args[i, , drop = FALSE]))
    cat(sprintf("        (%s, %s),\n", paste(f17(unlist(args[i, ])), collapse = ", "), f17(v)))
  }
  cat("    ]\n\n")
}

grid <- function(...) expand.grid(..., KEEP.OUT.ATTRS = FALSE, stringsAsFactors = FALSE)

# ---- Normal ---------------------------------------------------------------
emit("pnorm", "pnorm(x)",
     data.frame(x = c(-37.5, -30, -20, -10, -8.5, -5, -3, -1.959963984540054, -1,
                      -0.5, 0, 0.3, 1, 2.5, 5, 8.25)),
     function(x) pnorm(x))
emit("pnormUpper", "pnorm(x, lower.tail = FALSE)",
     data.frame(x = c(-3, 0, 1, 1.96, 3, 5, 10, 20, 30, 37)),
     function(x) pnorm(x, lower.tail = FALSE))
emit("dnorm", "dnorm(x)",
     data.frame(x = c(-30, -5, -1, 0, 0.5, 2, 10)),
     function(x) dnorm(x))
emit("qnorm", "qnorm(p)",
     data.frame(p = c(1e-300, 1e-100, 1e-20, 1e-12, 1e-8, 1e-4, 0.001, 0.01, 0.025, 0.05,
                      0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999,
                      1 - 1e-12)),
     function(p) qnorm(p))
emit("qnormUpper", "qnorm(q, lower.tail = FALSE)",
     data.frame(q = c(1e-300, 1e-12, 0.025, 0.5, 0.9)),
     function(q) qnorm(q, lower.tail = FALSE))

# ---- Chi-squared ------------------------------------------------------------
chiGrid <- grid(x = c(1e-6, 0.5, 1, 3.8414588206941236, 10, 50, 200),
                df = c(0.5, 1, 2, 3, 10, 100, 1000))
emit("pchisq", "pchisq(x, df)", chiGrid, function(x, df) pchisq(x, df))
emit("pchisqUpper", "pchisq(x, df, lower.tail = FALSE)",
     rbind(chiGrid, data.frame(x = c(1370, 1390, 1500, 2700), df = c(1, 10, 100, 1000))),
     function(x, df) pchisq(x, df, lower.tail = FALSE))
emit("qchisq", "qchisq(p, df)",
     grid(p = c(1e-12, 1e-5, 0.025, 0.05, 0.5, 0.95, 0.975, 0.999),
          df = c(0.5, 1, 2, 3, 10, 100, 1000)),
     function(p, df) qchisq(p, df))
emit("qchisqUpper", "qchisq(q, df, lower.tail = FALSE)",
     grid(q = c(1e-300, 1e-12, 0.05), df = c(1, 2, 10, 1000)),
     function(q, df) qchisq(q, df, lower.tail = FALSE))

# ---- Gamma ------------------------------------------------------------------
gammaGrid <- do.call(rbind, lapply(c(0.05, 0.5, 1, 2.5, 10.5, 100, 1e4), function(a)
  data.frame(x = signif(a * c(1e-3, 0.1, 0.5, 0.9, 1, 1.1, 2, 5), 6), shape = a, rate = 1)))
gammaGrid <- rbind(gammaGrid,
                   data.frame(x = c(0.5, 1, 2, 4), shape = 10.5, rate = 5.5),
                   data.frame(x = c(7e3, 1.3e4), shape = 1e4, rate = 1),
                   data.frame(x = c(0.3, 2), shape = 3, rate = 2.5))
emit("pgamma", "pgamma(x, shape, rate)", gammaGrid,
     function(x, shape, rate) pgamma(x, shape = shape, rate = rate))
emit("pgammaUpper", "pgamma(x, shape, rate, lower.tail = FALSE)", gammaGrid,
     function(x, shape, rate) pgamma(x, shape = shape, rate = rate, lower.tail = FALSE))
emit("qgamma", "qgamma(p, shape, rate)",
     rbind(grid(p = c(1e-12, 1e-5, 0.025, 0.5, 0.975, 0.999999),
                shape = c(0.05, 0.5, 1, 10.5, 1e4), rate = 1),
           grid(p = c(0.025, 0.5, 0.975), shape = 10.5, rate = 5.5),
           grid(p = c(0.05, 0.95), shape = c(0.5, 3), rate = c(0.01, 2.5))),
     function(p, shape, rate) qgamma(p, shape = shape, rate = rate))
emit("qgammaUpper", "qgamma(q, shape, rate, lower.tail = FALSE)",
     grid(q = c(1e-300, 1e-12, 0.05), shape = c(0.05, 0.5, 10.5, 1e4), rate = 1),
     function(q, shape, rate) qgamma(q, shape = shape, rate = rate, lower.tail = FALSE))

# ---- Beta -------------------------------------------------------------------
betaPars <- list(c(0.5, 0.5), c(3.5, 1.5), c(1000, 2000), c(0.05, 0.05), c(2, 3),
                 c(1, 1), c(50, 0.5), c(0.5, 1e5))
betaGrid <- do.call(rbind, lapply(betaPars, function(ab) {
  m <- ab[1] / (ab[1] + ab[2])
  x <- signif(c(qbeta(c(1e-10, 0.01, 0.3, 0.7, 0.99), ab[1], ab[2]), m), 6)
  data.frame(x = x[x > 0 & x < 1], alpha = ab[1], beta = ab[2])
}))
# Tiny alpha with huge beta near the mean: the regime of the power series (BPSER).
betaGrid <- rbind(betaGrid, data.frame(x = c(3.4418076e-09, 4.5364787503494646e-08),
                                       alpha = c(0.001, 0.0106039), beta = 348654))
emit("pbeta", "pbeta(x, alpha, beta)", betaGrid,
     function(x, alpha, beta) pbeta(x, alpha, beta))
emit("pbetaUpper", "pbeta(x, alpha, beta, lower.tail = FALSE)", betaGrid,
     function(x, alpha, beta) pbeta(x, alpha, beta, lower.tail = FALSE))
betaQ <- do.call(rbind, lapply(betaPars, function(ab)
  data.frame(p = c(1e-12, 1e-5, 0.025, 0.5, 0.975, 0.99999), alpha = ab[1], beta = ab[2])))
emit("qbeta", "qbeta(p, alpha, beta)", betaQ,
     function(p, alpha, beta) qbeta(p, alpha, beta))
emit("qbetaUpper", "qbeta(q, alpha, beta, lower.tail = FALSE)",
     grid(q = c(1e-100, 1e-12, 0.05), alpha = c(0.5, 3.5, 1000), beta = c(0.5, 2000)),
     function(q, alpha, beta) qbeta(q, alpha, beta, lower.tail = FALSE))

# ---- Binomial and Poisson ------------------------------------------------------
binomGrid <- rbind(data.frame(k = c(0, 2, 3, 5, 9), n = 10, p = 0.3),
                   data.frame(k = c(0, 1, 3, 10), n = 100, p = 0.01),
                   data.frame(k = c(400, 500, 560, 999), n = 1000, p = 0.5),
                   data.frame(k = c(5, 20, 40), n = 20000, p = 0.001))
emit("pbinom", "pbinom(k, n, p)", binomGrid, function(k, n, p) pbinom(k, n, p))
emit("pbinomUpper", "pbinom(k, n, p, lower.tail = FALSE)", binomGrid,
     function(k, n, p) pbinom(k, n, p, lower.tail = FALSE))
poisGrid <- rbind(data.frame(k = c(0, 1, 3), mean = 0.5),
                  data.frame(k = c(0, 5, 10, 20, 40), mean = 10),
                  data.frame(k = c(900, 1000, 1100, 1300), mean = 1000))
emit("ppois", "ppois(k, mean)", poisGrid, function(k, mean) ppois(k, mean))
emit("ppoisUpper", "ppois(k, mean, lower.tail = FALSE)", poisGrid,
     function(k, mean) ppois(k, mean, lower.tail = FALSE))

# ---- Values used elsewhere in the package ----------------------------------
cat(sprintf("    // R %s: sequence symmetry crude-ratio CI, p/(1-p) at qbeta(c(0.025, 0.975), 3.5, 1.5)\n", ver))
q <- qbeta(c(0.025, 0.975), 3.5, 1.5)
cat(sprintf("    static let crudeRatioCI = (lower: %s, upper: %s)\n", f17(q[1] / (1 - q[1])), f17(q[2] / (1 - q[2]))))
cat(sprintf("    // R %s: IC credibility limits log2(qgamma(c(0.025, 0.975), shape = 10 + 0.5, rate = 5 + 0.5))\n", ver))
ic <- log2(qgamma(c(0.025, 0.975), shape = 10.5, rate = 5.5))
cat(sprintf("    static let informationComponentCI = (lower: %s, upper: %s)\n", f17(ic[1]), f17(ic[2])))
