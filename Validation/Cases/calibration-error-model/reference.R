# Cross-check values for the calibration-error-model case (Rscript reference.R > reference.out).
#
# EmpiricalCalibration 3.1.4 is not in Debian, so this script RE-IMPLEMENTS the package's code
# (R/Likelihoods.R minLogLikelihoodErrorModel, gaussianProduct; R/ConfidenceIntervalCalibration.R
# fitSystematicErrorModel, calibrateConfidenceInterval; Apache-2.0, OHDSI), with one change:
# the optimisers run to convergence (optim reltol 1e-15 with restarts, uniroot tol 1e-13) instead of the
# package's defaults (BFGS reltol 1e-8, uniroot tol 1.2e-4), so that the values are the exact optimum the
# Swift code targets. Every value printed here is therefore a "re-implementation" value, not package output.
#
# Data: the 45 negative controls of EmpiricalCalibration data(sccs) (ec_sccs_sertraline_gibleed.csv) and
# 45 synthetic positive controls made from them deterministically: control i gets true log effect
# t_i = log(c(1.5, 2, 4))[(i - 1) %% 3 + 1], estimate logRr_i + 0.9 * t_i and standard error 1.1 * seLogRr_i
# (written to positive_controls.csv).

d <- read.csv("ec_sccs_sertraline_gibleed.csv")
neg <- d[d$groundTruth == 0, ]
n <- nrow(neg)
t <- log(c(1.5, 2, 4))[(seq_len(n) - 1) %% 3 + 1]
pos <- data.frame(drugName = paste0(neg$drugName, "_RR", round(exp(t), 1)), trueLogRr = t,
                  logRr = neg$logRr + 0.9 * t, seLogRr = 1.1 * neg$seLogRr)
write.csv(pos, "positive_controls.csv", row.names = FALSE)

logRr <- c(neg$logRr, pos$logRr)
seLogRr <- c(neg$seLogRr, pos$seLogRr)
trueLogRr <- c(rep(0, n), pos$trueLogRr)

gaussianProduct <- function(mu1, mu2, sd1, sd2) {
  (2 * pi)^(-1 / 2) * (sd1^2 + sd2^2)^(-1 / 2) * exp(-(mu1 - mu2)^2 / (2 * (sd1^2 + sd2^2)))
}
minLogLikelihoodErrorModel <- function(theta, logRr, seLogRr, trueLogRr) {
  estimateLl <- function(i) {
    mean <- theta[1] + theta[2] * trueLogRr[i]
    sd <- theta[3] + theta[4] * abs(trueLogRr[i])
    if (sd < 0) return(Inf)
    if (sd < 1e-6) return(-dnorm(logRr[i], mean, seLogRr[i], log = TRUE))
    -log(gaussianProduct(logRr[i], mean, seLogRr[i], sd))
  }
  result <- sum(sapply(seq_along(logRr), estimateLl))
  if (is.infinite(result) || is.na(result)) result <- 99999
  result
}
# fitSystematicErrorModel: the package's start and BFGS, then Nelder-Mead restarts to convergence.
fit <- optim(c(0, 1, 0.1, 0), minLogLikelihoodErrorModel, logRr = logRr, seLogRr = seLogRr,
             trueLogRr = trueLogRr, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
for (k in 1:30) {
  fit <- optim(fit$par, minLogLikelihoodErrorModel, logRr = logRr, seLogRr = seLogRr,
               trueLogRr = trueLogRr, control = list(reltol = 1e-15, maxit = 20000))
}
fit <- optim(fit$par, minLogLikelihoodErrorModel, logRr = logRr, seLogRr = seLogRr,
             trueLogRr = trueLogRr, method = "BFGS", control = list(reltol = 1e-16, maxit = 10000, ndeps = rep(1e-6, 4)))
model <- fit$par
cat(sprintf("errorModel.meanIntercept %.10g\n", model[1]))
cat(sprintf("errorModel.meanSlope %.10g\n", model[2]))
cat(sprintf("errorModel.sdIntercept %.10g\n", model[3]))
cat(sprintf("errorModel.sdSlope %.10g\n", model[4]))
cat(sprintf("errorModel.minusLogLikelihood %.10g\n", fit$value))

# calibrateConfidenceInterval (non-legacy branch), uniroot to 1e-13.
opt <- function(x, z, logRr, se, m) {
  mean <- m[1] + m[2] * x
  sd <- m[3] + m[4] * abs(x)
  z + (mean - logRr) / sqrt(sd^2 + se^2)
}
logBound <- function(ciWidth, lb, logRr, se, m) {
  z <- qnorm((1 - ciWidth) / 2)
  if (lb) z <- -z
  uniroot(opt, c(-100, 100), z = z, logRr = logRr, se = se, m = m, tol = 1e-13)$root
}
sert <- d[d$groundTruth == 1, ]
est <- logBound(0, TRUE, sert$logRr, sert$seLogRr, model)
lb <- logBound(0.95, TRUE, sert$logRr, sert$seLogRr, model)
ub <- logBound(0.95, FALSE, sert$logRr, sert$seLogRr, model)
cat(sprintf("sertraline.calibratedLogRr %.10g\n", est))
cat(sprintf("sertraline.calibratedLogLb95 %.10g\n", lb))
cat(sprintf("sertraline.calibratedLogUb95 %.10g\n", ub))
cat(sprintf("sertraline.calibratedSeLogRr %.10g\n", (lb - ub) / (2 * qnorm(0.025))))
