# Cross-check for EmpiricalNull.fit(profiles:) (Rscript nonnormal_null.R > nonnormal_null.out).
#
# A RE-IMPLEMENTATION of EmpiricalCalibration 3.1.4 fitNullNonNormalLl for grid likelihoods
# (R/EmpiricalCalibrationUsingAsymptotics.R, R/Likelihoods.R logLikelihoodNullNonNormalLl and profileProduct,
# src/RcppWrapper.cpp gridLlApproximation; Apache-2.0, OHDSI; the package is not in Debian): the same
# objective, integrated numerically with integrate() over mean +- 10 sd (piecewise between grid points), optimised with Nelder-Mead from a
# start near the optimum to reltol 1e-13 (the package uses optim defaults from (0, 1)).
#
# Profiles: the 45 negative controls of EmpiricalCalibration data(sccs) (sertraline / GI bleeding), each
# control's normal log-likelihood dnorm(x, logRr, seLogRr, log = TRUE) on the grid x = -2, -1.9, ..., 3 (51
# points; coarse on purpose so that the grid approximation differs visibly from the normal fit), normalised to
# a maximum of 0.
d <- read.csv("../../Cases/calibration-sertraline-gibleed/ec_sccs_sertraline_gibleed.csv")
logRr <- d$logRr[d$groundTruth == 0]
seLogRr <- d$seLogRr[d$groundTruth == 0]
grid <- seq(-2, 3, by = 0.1)
profiles <- lapply(seq_along(logRr), function(i) {
  v <- dnorm(grid, logRr[i], seLogRr[i], log = TRUE)
  list(point = grid, value = v - max(v))
})
gridLl <- function(x, p) {
  point <- p$point; value <- p$value; k <- length(point)
  lowSlope <- max(0, (value[2] - value[1]) / (point[2] - point[1]))
  highSlope <- min(0, (value[k] - value[k - 1]) / (point[k] - point[k - 1]))
  inside <- approx(point, value, pmin(pmax(x, point[1]), point[k]))$y
  ifelse(x < point[1], (x - point[1]) * lowSlope + value[1],
         ifelse(x >= point[k], (x - point[k]) * highSlope + value[k], inside))
}
minusLl <- function(theta) {
  if (theta[2] <= 0) return(99999)
  sd <- 1 / sqrt(theta[2])
  r <- 0
  for (p in profiles) {
    f <- function(x) exp(dnorm(x, theta[1], sd, log = TRUE) + gridLl(x, p))
    # Integrated piece by piece between the grid's kinks, so that each piece is smooth.
    lo <- theta[1] - 10 * sd
    hi <- theta[1] + 10 * sd
    cuts <- sort(unique(c(lo, p$point[p$point > lo & p$point < hi], hi)))
    total <- 0
    for (j in seq_len(length(cuts) - 1)) {
      total <- total + integrate(f, cuts[j], cuts[j + 1], rel.tol = 1e-10)$value
    }
    r <- r - log(total)
  }
  r
}
fit <- optim(c(0.79, 1 / 0.28^2), minusLl, control = list(reltol = 1e-13, maxit = 5000))
fit <- optim(fit$par, minusLl, control = list(reltol = 1e-13, maxit = 5000))
cat(sprintf("nonNormalNull.mean %.10g\n", fit$par[1]))
cat(sprintf("nonNormalNull.sd %.10g\n", 1 / sqrt(fit$par[2])))
cat(sprintf("nonNormalNull.minusLogLikelihood %.10g\n", fit$value))
