# Reference values for the cox-ovarian-weighted-robust validation case: a weighted Cox model, Breslow ties, with
# the robust variance taking each row as its own cluster.
#
# Data: survival::ovarian, the ovarian cancer trial of Edmonson et al. (1979, Cancer Treat Rep 63:241), as shipped
# with R's survival package: 26 women, survival in days (futime), fustat 1 = dead, rx treatment arm (1 or 2).
# Weights: inverse probability of treatment for the ATE, w = t / e + (1 - t) / (1 - e), t = rx - 1, e the fitted
# probability from glm(t ~ age + ecog.ps, binomial) (epsilon = 1e-14); written to ovarian_iptw.csv at 17
# significant digits.
#
# Model: coxph(Surv(futime, fustat) ~ t + age, weights = w, robust = TRUE, ties = "breslow"). Printed at 10
# significant digits: coefficients, model-based (fit$naive.var) and robust (fit$var) standard errors, the robust 95%
# intervals, log partial likelihoods and counts.
#
# Run from anywhere:  Rscript Validation/Cases/cox-ovarian-weighted-robust/reference.R

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
if (length(script) == 1) setwd(dirname(normalizePath(script)))
suppressMessages(library(survival))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "survival", as.character(packageVersion("survival")), "\n")

d <- survival::ovarian
d$t <- d$rx - 1
ps <- glm(t ~ age + ecog.ps, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
e <- fitted(ps)
d$w <- sprintf("%.17g", d$t / e + (1 - d$t) / (1 - e))
write.csv(d, "ovarian_iptw.csv", row.names = FALSE, quote = FALSE)

d <- read.csv("ovarian_iptw.csv")
fit <- coxph(Surv(futime, fustat) ~ t + age, data = d, weights = w, robust = TRUE, ties = "breslow",
             control = coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 100))
p <- function(q, term, v) cat(sprintf("%-22s %-10s %.10g\n", q, term, v))
for (k in names(coef(fit))) {
  j <- match(k, names(coef(fit)))
  p("coefficient", k, coef(fit)[k])
  p("standardError", k, sqrt(fit$naive.var[j, j]))
  p("robustStandardError", k, sqrt(fit$var[j, j]))
  p("expCoefficient", k, exp(coef(fit)[k]))
  ci <- exp(confint(fit))[k, ]
  p("expCiLower", k, ci[1]); p("expCiUpper", k, ci[2])
}
p("logLikelihood", "", fit$loglik[2]); p("nullLogLikelihood", "", fit$loglik[1])
p("observations", "", fit$n); p("events", "", fit$nevent)
