# Reference values for the cox-lung-efron validation case.
#
# Data: survival::lung, the NCCTG advanced lung cancer trial (Loprinzi et al. 1994, J Clin Oncol 12:601), as
# shipped with R's survival package: survival time in days (time), status 1 = censored, 2 = dead. This script
# writes lung.csv beside itself with the columns used and `event` = status - 1 (1 = dead), dropping the one row
# whose ph.ecog is missing (R's coxph drops it too: na.action = na.omit), 227 rows.
#
# Model: coxph(Surv(time, event) ~ age + sex + ph.ecog, ties = "efron"); sex (1 male, 2 female) and ph.ecog (ECOG
# performance score 0-3) enter as numbers. Printed at 10 significant digits: coefficients, standard errors, the
# log partial likelihood at the estimate and at beta = 0, counts, and cox.zph score tests (identity and km
# transforms, per term and GLOBAL). The fit is run to eps = 1e-12 (the default 1e-9 stops a little early; the
# coefficients agree with the default fit to 7 digits).
#
# Run from anywhere:  Rscript Validation/Cases/cox-lung-efron/reference.R

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
if (length(script) == 1) setwd(dirname(normalizePath(script)))
suppressMessages(library(survival))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "survival", as.character(packageVersion("survival")), "\n")

d <- survival::lung
d <- d[!is.na(d$ph.ecog), c("time", "status", "age", "sex", "ph.ecog")]
d$event <- d$status - 1
write.csv(d, "lung.csv", row.names = FALSE)

d <- read.csv("lung.csv", check.names = FALSE)
fit <- coxph(Surv(time, event) ~ age + sex + ph.ecog, data = d, ties = "efron",
             control = coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 100))
p <- function(q, term, v) cat(sprintf("%-22s %-10s %.10g\n", q, term, v))
for (k in names(coef(fit))) {
  p("coefficient", k, coef(fit)[k])
  p("standardError", k, sqrt(diag(fit$var))[match(k, names(coef(fit)))])
  p("expCoefficient", k, exp(coef(fit)[k]))
  ci <- exp(confint(fit))[k, ]
  p("expCiLower", k, ci[1]); p("expCiUpper", k, ci[2])
}
p("logLikelihood", "", fit$loglik[2]); p("nullLogLikelihood", "", fit$loglik[1])
p("observations", "", fit$n); p("events", "", fit$nevent)
for (tr in c("identity", "km")) {
  z <- cox.zph(fit, transform = tr, terms = FALSE)$table
  for (k in rownames(z)) p(paste0("phChiSquare.", tr), k, z[k, "chisq"])
  p(paste0("phPValue.", tr), "GLOBAL", z["GLOBAL", "p"])
}
