# Profile-likelihood 95% intervals for SCCS exposure parameters, computed in R independently of SignalStats:
# Poisson glm with case fixed effects on the R SCCS::formatdata intervals (the case intercepts are maximised out
# exactly, so the profile equals the conditional-likelihood profile); each profile point re-fits every other
# parameter with the profiled coefficient held in the offset; limits by uniroot on
# 2 * (logLik_max - logLik_profile(b)) = qchisq(0.95, 1) to 1e-12.
# Run: Rscript scripts/reference/sccs_profile_reference.R   (R 4.2.2)
for (f in c("amdat", "itpdat_mod3")) {
  d <- read.csv(sprintf("../shared/reference/sccs/%s_intervals_SCCSformatdata.csv", f))
  d$age <- factor(d$age); d$indivL <- factor(d$indivL)
  ctl <- glm.control(epsilon = 1e-14, maxit = 200)
  X <- model.matrix(~ factor(mmr), d)[, -1, drop = FALSE]
  full <- glm(d$event ~ d$indivL + d$age + X + offset(log(d$interval)), family = poisson, control = ctl)
  lmax <- as.numeric(logLik(full)); crit <- qchisq(0.95, 1)
  cat(f, "\n")
  for (j in seq_len(ncol(X))) {
    k <- length(coef(full)) - ncol(X) + j; bj <- coef(full)[k]; se <- sqrt(diag(vcov(full)))[k]
    prof <- function(b) {
      others <- X[, -j, drop = FALSE]
      off <- log(d$interval) + b * X[, j]
      m <- if (ncol(others) > 0) glm(d$event ~ d$indivL + d$age + others + offset(off), family = poisson, control = ctl)
           else glm(d$event ~ d$indivL + d$age + offset(off), family = poisson, control = ctl)
      2 * (lmax - as.numeric(logLik(m))) - crit
    }
    lo <- uniroot(prof, c(bj - 8 * se, bj), tol = 1e-12)$root
    hi <- uniroot(prof, c(bj, bj + 8 * se), tol = 1e-12)$root
    cat(sprintf("  mmr%d %.10g %.10g %.10g\n", j, exp(bj), exp(lo), exp(hi)))
  }
}
