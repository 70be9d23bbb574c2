#!/usr/bin/env Rscript
# Expected values of Validation/Cases/sccs-itpdat-washout: itpdat (R SCCS), MMR risk windows 0-14, 15-28, 29-42 days,
# a washout period of days 43-71 after vaccination (R standardsccs washout = c(1, 29) after aedrug = mmr + 42),
# age groups as itpdat mod3.
#
# R SCCS is not installable here (no r-cran-sccs in Debian 12), so the intervals are built independently, day by day,
# following R SCCS's cutting rule for washout as formatdata applies it (risk window j from adrug + expogrp[j];
# the last risk window to aedrug + washout[1] - 1; washout period k from aedrug + washout[k] to
# aedrug + washout[k + 1] - 1, the last to aedrug + washout[W]; parameters numbered on: mmr1..mmr3 windows, mmr4
# washout), aggregated to (case, level, age group), and fitted with gnm(eliminate = factor(case)) and clogit-style
# conditional likelihood (the log-likelihood printed is the conditional one, R SCCS's form).
# Run from the repository root: Rscript scripts/validation/make_sccs_washout_case.R
suppressPackageStartupMessages({ library(gnm); library(jsonlite) })
d <- read.csv("Validation/Cases/sccs-itpdat-washout/itpdat.csv")
ageCuts <- c(427, 488, 549, 610, 671)
level <- function(day, s, e) {
  if (is.na(s)) return(0)
  if (day >= s && day <= s + 14) return(1)
  if (day >= s + 15 && day <= s + 28) return(2)
  if (day >= s + 29 && day <= e + 1 - 1) return(3)
  if (day >= e + 1 && day <= e + 29) return(4)
  0
}
pieces <- list()
for (r in seq_len(nrow(d))) {
  days <- d$sta[r]:d$end[r]
  lv <- vapply(days, level, 0, s = d$mmr[r], e = d$mmr[r] + 42)
  ag <- findInterval(days, ageCuts) + 1
  ev <- as.integer(days == d$itp[r])
  # Runs of equal (level, age group): intervals split only where a covariate changes, as R SCCS's formatdata cuts.
  run <- cumsum(c(1, diff(lv) != 0 | diff(ag) != 0))
  agg <- aggregate(cbind(length = 1, events = ev) ~ run + lv + ag, data = data.frame(run, lv, ag, ev), FUN = sum)
  agg$case <- r  # one stratum per event row, as R SCCS builds them (same estimates as one per case)
  pieces[[r]] <- agg
}
iv <- do.call(rbind, pieces)
iv$mmr <- factor(iv$lv, levels = 0:4)
iv$age <- factor(iv$ag)
fit <- gnm(events ~ mmr + age + offset(log(length)), eliminate = factor(case), family = poisson, data = iv,
           tolerance = 1e-12, iterMax = 100, trace = FALSE)
b <- coef(fit)
se <- sqrt(diag(vcov(fit)))
z <- qnorm(0.975)
# Conditional log-likelihood on these intervals (sum of events * log share): R SCCS's form.
eta <- as.vector(model.matrix(~ mmr + age, iv)[, -1] %*% b) + log(iv$length)
share <- ave(exp(eta), iv$case, FUN = function(x) x / sum(x))
ll <- sum(iv$events * log(share))
src <- paste0("independent day-level construction of R SCCS's washout rule, fitted with gnm ", packageVersion("gnm"),
              " (", R.version.string, "): scripts/validation/make_sccs_washout_case.R")
expected <- list()
for (term in names(b)) {
  name <- sub("^mmr", "mmr", sub("^age", "age", term))
  for (q in c("expCoefficient", "expCiLower", "expCiUpper")) {
    v <- switch(q, expCoefficient = exp(b[term]), expCiLower = exp(b[term] - z * se[term]), expCiUpper = exp(b[term] + z * se[term]))
    e <- list(term = name, quantity = q, value = unname(signif(v, 12)), tolerance = list(relative = 1e-6), source = src)
    if (q != "expCoefficient") e$level <- 0.95
    expected[[length(expected) + 1]] <- e
  }
}
expected[[length(expected) + 1]] <- list(quantity = "logLikelihood", value = signif(ll, 12), tolerance = list(relative = 1e-8), source = src)
case <- list(
  schemaVersion = 1,
  title = "MMR vaccine and ITP (itpdat) with a washout period: windows 0-14, 15-28, 29-42 days, washout 43-71 days, age groups",
  description = "R standardsccs(itp ~ mmr + age, ..., expogrp = c(0, 15, 29), washout = c(1, 29), aedrug = mmr + 42, agegrp = c(427, 488, 549, 610, 671)); mmr4 is the washout period. Expected values from an independent day-level construction fitted with gnm (R SCCS itself is not installable here).",
  method = "sccs", data = "itpdat.csv",
  model = list(indiv = "case", start = "sta", end = "end", event = "itp",
               exposures = list(list(name = "mmr", doseColumns = list("mmr"), cutPoints = c(0, 15, 29), endOffset = 42, washout = c(1, 29))),
               ageCutPoints = ageCuts),
  expected = expected)
writeLines(toJSON(case, auto_unbox = TRUE, pretty = TRUE, digits = NA), "Validation/Cases/sccs-itpdat-washout/case.json")
print(cbind(exp(b), se)); print(ll)
