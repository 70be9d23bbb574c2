# Reference values for Tests/SignalStatsTests/CoxTests.swift, from R survival::coxph.
#
# 1. testw1: the weighted example of the survival package's own test suite ("Tests of the weighted Cox
#    model"): 9 rows with tied times and case weights; Efron and Breslow fits.
# 2. tiny: 12 rows in two strata with ties, case weights and a cluster id, two covariates; Efron, stratified,
#    weighted, robust variance clustered on `id`, and the cox.zph identity test.
#
# Printed at 12 significant digits. Run: Rscript scripts/reference/cox_reference.R
suppressMessages(library(survival))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "survival", as.character(packageVersion("survival")), "\n")
ctl <- coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 100)
p <- function(label, v) cat(sprintf("%-28s %s\n", label, paste(sprintf("%.12g", v), collapse = ", ")))

testw1 <- data.frame(time = c(1, 1, 2, 2, 2, 2, 3, 4, 5), status = c(1, 0, 1, 1, 1, 0, 0, 1, 0),
                     x = c(2, 0, 1, 1, 0, 1, 0, 1, 0), wt = c(1, 2, 3, 4, 3, 2, 1, 2, 1))
for (ties in c("efron", "breslow")) {
  fit <- coxph(Surv(time, status) ~ x, data = testw1, weights = wt, ties = ties, control = ctl)
  p(paste("testw1", ties, "coef"), coef(fit))
  p(paste("testw1", ties, "var"), fit$var)
  p(paste("testw1", ties, "loglik"), fit$loglik)
}

tiny <- data.frame(
  time = c(5, 8, 8, 8, 12, 15, 3, 3, 6, 9, 9, 14),
  status = c(1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0),
  x1 = c(0.5, 1.2, -0.3, 0.8, 2.0, -1.0, 1.5, 0.1, -0.7, 0.9, 0.4, -0.2),
  x2 = c(1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0),
  s = c(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2),
  w = c(1, 2, 1.5, 1, 0.5, 1, 2, 1, 1, 3, 1, 1),
  id = c(1, 2, 3, 1, 2, 3, 4, 5, 4, 5, 6, 6))
fit <- coxph(Surv(time, status) ~ x1 + x2 + strata(s), data = tiny, weights = w, cluster = id,
             ties = "efron", control = ctl)
p("tiny coef", coef(fit))
p("tiny naive var", fit$naive.var)
p("tiny robust var", fit$var)
p("tiny loglik", fit$loglik)
z <- cox.zph(fit, transform = "identity", terms = FALSE)$table
p("tiny zph identity chisq", z[, "chisq"])
z <- cox.zph(fit, transform = "km", terms = FALSE)$table
p("tiny zph km chisq", z[, "chisq"])
