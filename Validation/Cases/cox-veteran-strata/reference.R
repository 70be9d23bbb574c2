# Reference values for the cox-veteran-strata validation case.
#
# Data: survival::veteran, the Veterans' Administration lung cancer trial (Kalbfleisch & Prentice, The Statistical
# Analysis of Failure Time Data, 1980, appendix I), as shipped with R's survival package: 137 men, survival time
# in days with many tied times, status 1 = dead. This script writes veteran.csv beside itself (all 137 rows, all
# columns; celltype as text).
#
# Model: coxph(Surv(time, status) ~ karno + age + diagtime + prior + trt + strata(celltype), ties = "efron"): a
# separate baseline hazard per cell type (squamous, smallcell, adeno, large); trt (1 standard, 2 test) and prior
# (0 or 10) enter as numbers. Printed at 10 significant digits: coefficients, standard errors, log partial
# likelihoods, counts and cox.zph score tests (identity and km transforms).
#
# Run from anywhere:  Rscript Validation/Cases/cox-veteran-strata/reference.R

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
if (length(script) == 1) setwd(dirname(normalizePath(script)))
suppressMessages(library(survival))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "survival", as.character(packageVersion("survival")), "\n")

d <- survival::veteran
d$celltype <- as.character(d$celltype)
write.csv(d, "veteran.csv", row.names = FALSE)

d <- read.csv("veteran.csv")
fit <- coxph(Surv(time, status) ~ karno + age + diagtime + prior + trt + strata(celltype), data = d,
             ties = "efron", control = coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 100))
p <- function(q, term, v) cat(sprintf("%-22s %-10s %.10g\n", q, term, v))
for (k in names(coef(fit))) {
  p("coefficient", k, coef(fit)[k])
  p("standardError", k, sqrt(diag(fit$var))[match(k, names(coef(fit)))])
  p("expCoefficient", k, exp(coef(fit)[k]))
  ci <- exp(confint(fit))[k, ]
  p("expCiLower", k, ci[1]); p("expCiUpper", k, ci[2])
}
p("logLikelihood", "", fit$loglik[2]); p("nullLogLikelihood", "", fit$loglik[1])
p("observations", "", fit$n); p("events", "", fit$nevent); p("strata", "", length(unique(d$celltype)))
for (tr in c("identity", "km")) {
  z <- cox.zph(fit, transform = tr, terms = FALSE)$table
  for (k in rownames(z)) p(paste0("phChiSquare.", tr), k, z[k, "chisq"])
  p(paste0("phPValue.", tr), "GLOBAL", z["GLOBAL", "p"])
}
