#!/usr/bin/env Rscript
# Reference values for the R SCCS options that have no R SCCS 1.7 run in shared/reference (issue 14): doses that do
# not share parameters (R's sameexpopar = FALSE, parameters dtp1..dtp9 dose-major), a chosen reference age group
# (R's relevel), and season boundaries in mid-month placed through a date of birth.
#
# Independent of SignalStats's interval construction: every case is expanded to one row per day of observation with
# its exposure level, age group and season computed for that day from the definitions below, the days are aggregated
# per case and covariate pattern, and gnm(..., eliminate = case, tolerance = 1e-12) fits the conditional Poisson model (R 4.2.2,
# gnm 1.1-2 from Debian r-cran-gnm). Run from the repository root:
#   Rscript scripts/reference/sccs_rparity_reference.R > scripts/reference/sccs_rparity_reference.csv
suppressMessages(library(gnm))

# One row per day of each case; `level(day, doses)` gives the exposure level of a day (0 = unexposed).
expand <- function(data, start, end) {
  n <- data[[end]] - data[[start]] + 1
  idx <- rep(seq_len(nrow(data)), n)
  day <- unlist(mapply(seq, data[[start]], data[[end]], SIMPLIFY = FALSE))
  data.frame(row = idx, day = day)
}

# Level of each day for one exposure: doses in time order, window j of dose k is [s + cut_j, s + cut_{j+1} - 1],
# the last window ends at s + endOffset, and a later dose ends the earlier dose's windows. `separate`: dose-major
# parameters (dose column k, window j -> (k - 1) * length(cuts) + j), else shared (j).
exposure_level <- function(day, doses, cuts, endOffset, separate) {
  level <- integer(length(day))
  column <- which(!is.na(doses))
  column <- column[order(doses[column])]
  doses <- doses[column]
  for (k in seq_along(doses)) {
    s <- doses[k]
    stop <- if (k < length(doses)) doses[k + 1] - 1 else Inf
    for (j in seq_along(cuts)) {
      from <- s + cuts[j]
      to <- if (j < length(cuts)) s + cuts[j + 1] - 1 else s + endOffset
      to <- min(to, s + endOffset, stop)
      hit <- day >= from & day <= to
      # Dose-major parameters by dose *column* (hibdat has 26 rows whose dose columns are not in time order; the
      # column, not the rank in time, names the dose, as SignalStats documents).
      level[hit] <- if (separate) (column[k] - 1) * length(cuts) + j else j
    }
  }
  level
}

fit <- function(days, formula_rhs) {
  days$n <- 1
  agg <- aggregate(cbind(events, n) ~ ., data = days, FUN = sum)
  f <- as.formula(paste("events ~", formula_rhs, "+ offset(log(n))"))
  gnm(f, eliminate = factor(case), family = poisson, data = agg, tolerance = 1e-12, iterMax = 500)
}

emit <- function(model, name, terms_prefix) {
  co <- coef(model)
  se <- sqrt(diag(vcov(model)))
  for (t in names(co)) {
    cat(sprintf("%s,%s,%s,%.10g,%.10g\n", name, t, "coef", co[[t]], se[[t]]))
  }
}

cat("model,term,kind,coef,se\n")

# hibdat: DTP doses do not share parameters (dtp1..dtp9), Hib doses do; age groups as hib.mod1; events recurrent.
hib <- read.csv("Validation/Cases/sccs-hibdat/hibdat.csv")
cases <- hib[!duplicated(hib$case), ]
d <- expand(cases, "sta", "end")
d$case <- cases$case[d$row]
d$dtp <- 0L; d$hib <- 0L
for (r in seq_len(nrow(cases))) {
  rows <- which(d$row == r)
  d$dtp[rows] <- exposure_level(d$day[rows], unlist(cases[r, c("dtp", "dtpd2", "dtpd3")]), c(0, 4, 8), 14, TRUE)
  d$hib[rows] <- exposure_level(d$day[rows], unlist(cases[r, c("hib", "hibd2", "hibd3")]), c(0, 8), 14, FALSE)
}
ages <- c(57, 85, 113, 141, 169, 197, 225, 253, 281, 309, 337)
d$age <- findInterval(d$day, ages) + 1
ev <- aggregate(list(events = rep(1, nrow(hib))), by = list(case = hib$case, conv = hib$conv), FUN = sum)
key <- paste(d$case, d$day)
d$events <- 0
m <- match(paste(ev$case, ev$conv), key)
d$events[m] <- ev$events
days <- data.frame(case = d$case, dtp = factor(d$dtp), hib = factor(d$hib), age = factor(d$age), events = d$events)
m1 <- fit(days, "dtp + hib + age")
emit(m1, "hibdat_dtp_separate", "")

# The same model with age group 5 (141-168 days) as reference (R: relevel(age, ref = 5)).
days$age <- relevel(days$age, ref = "5")
m2 <- fit(days, "dtp + hib + age")
emit(m2, "hibdat_dtp_separate_age_ref5", "")

# gbsdat: seasons starting 15 October, 1 December and 15 February (R seasongrp = c(1510, 0112, 1502)) through
# dob = 30 September 2010 (day d is the date 2010-09-30 + d); levels in calendar order of ddmm: 1 = 15 Feb (the
# reference), 2 = 15 Oct, 3 = 1 Dec. Flu risk window days 0-42.
gbs <- read.csv("Validation/Cases/sccs-gbsdat-season/gbsdat.csv")
g <- expand(gbs, "sta", "end")
g$case <- gbs$case[g$row]
g$flu <- as.integer(!is.na(gbs$flu[g$row]) & g$day >= gbs$flu[g$row] & g$day <= gbs$flu[g$row] + 42)
date <- as.Date("2010-09-30") + g$day
mmdd <- as.integer(format(date, "%m%d"))
g$season <- ifelse(mmdd >= 1201, 3L, ifelse(mmdd >= 1015, 2L, ifelse(mmdd >= 215, 1L, 3L)))
g$events <- as.numeric(g$day == gbs$gbs[g$row])
gdays <- data.frame(case = g$case, flu = factor(g$flu), season = factor(g$season), events = g$events)
m3 <- fit(gdays, "flu + season")
emit(m3, "gbsdat_season_midmonth", "")
