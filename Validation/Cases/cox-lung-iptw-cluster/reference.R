# Reference values for the cox-lung-iptw-cluster validation case: a weighted Cox model with a robust variance
# clustered on institution.
#
# Data: survival::lung (NCCTG advanced lung cancer trial; Loprinzi et al. 1994, J Clin Oncol 12:601), rows with
# inst and ph.ecog known (226 of 228); `event` = status - 1 (1 = dead), `female` = sex - 1. Weights: inverse
# probability of sex given age and ph.ecog for the ATE, w = female / e + (1 - female) / (1 - e), with e the fitted
# probability from glm(female ~ age + ph.ecog, binomial) (run to epsilon = 1e-14). The weights are written to
# lung_iptw.csv at 17 significant digits, so the case reads exactly the weights R used.
#
# Model: coxph(Surv(time, event) ~ female, weights = w, cluster = inst, ties = "efron"): the marginal hazard
# ratio for women versus men in the weighted pseudo-population, with the Lin-Wei robust variance clustered on the
# 18 institutions. Printed at 10 significant digits: the coefficient, its model-based standard error
# (fit$naive.var), its robust standard error (fit$var), the robust 95% interval, log partial likelihoods, counts and
# the cox.zph score tests.
#
# Run from anywhere:  Rscript Validation/Cases/cox-lung-iptw-cluster/reference.R

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
if (length(script) == 1) setwd(dirname(normalizePath(script)))
suppressMessages(library(survival))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "survival", as.character(packageVersion("survival")), "\n")

d <- survival::lung
d <- d[!is.na(d$inst) & !is.na(d$ph.ecog), c("inst", "time", "status", "age", "sex", "ph.ecog")]
d$event <- d$status - 1
d$female <- d$sex - 1
ps <- glm(female ~ age + ph.ecog, family = binomial, data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
e <- fitted(ps)
d$w <- sprintf("%.17g", d$female / e + (1 - d$female) / (1 - e))
write.csv(d, "lung_iptw.csv", row.names = FALSE, quote = FALSE)

d <- read.csv("lung_iptw.csv")
fit <- coxph(Surv(time, event) ~ female, data = d, weights = w, cluster = inst, ties = "efron",
             control = coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 100))
p <- function(q, term, v) cat(sprintf("%-22s %-10s %.10g\n", q, term, v))
k <- "female"
p("coefficient", k, coef(fit)[k])
p("standardError", k, sqrt(fit$naive.var[1, 1]))
p("robustStandardError", k, sqrt(fit$var[1, 1]))
p("expCoefficient", k, exp(coef(fit)[k]))
ci <- exp(confint(fit))[k, ]
p("expCiLower", k, ci[1]); p("expCiUpper", k, ci[2])
p("logLikelihood", "", fit$loglik[2]); p("nullLogLikelihood", "", fit$loglik[1])
p("observations", "", fit$n); p("events", "", fit$nevent); p("clusters", "", length(unique(d$inst)))
for (tr in c("identity", "km")) {
  z <- cox.zph(fit, transform = tr, terms = FALSE)$table
  for (k in rownames(z)) p(paste0("phChiSquare.", tr), k, z[k, "chisq"])
}
