# R peers for the SCCS benchmark: gnm(..., eliminate = ) and survival::clogit on the intervals pvbench sccs wrote.
# Usage: Rscript Benchmarks/peers/r_sccs.R --data DIR [--clogit yes|no]
suppressMessages({ library(gnm); library(survival) })
args <- commandArgs(trailingOnly = TRUE)
dir <- args[match("--data", args) + 1]
use_clogit <- is.na(match("--clogit", args)) || args[match("--clogit", args) + 1] != "no"
n <- as.integer(strsplit(readLines(file.path(dir, "sccs_manifest.txt"))[1], " ")[[1]][2])
rd <- function(f) { con <- file(file.path(dir, f), "rb"); on.exit(close(con)); readBin(con, "double", n = n, size = 8, endian = "little") }
d <- data.frame(case = factor(rd("sccs_case.f64")), len = rd("sccs_len.f64"), event = rd("sccs_event.f64"),
                expo = rd("sccs_expo.f64"), age = factor(rd("sccs_age.f64")), season = factor(rd("sccs_season.f64")))
t <- system.time(m <- gnm(event ~ expo + age + season + offset(log(len)), eliminate = case, family = poisson, data = d, verbose = FALSE))[["elapsed"]]
cat(sprintf("gnm_seconds %.3f\ngnm_expo %.12g\n", t, coef(m)[["expo"]]))
if (use_clogit) {
  t <- system.time(cl <- clogit(event ~ expo + age + season + offset(log(len)) + strata(case), data = d))[["elapsed"]]
  cat(sprintf("clogit_seconds %.3f\nclogit_expo %.12g\n", t, coef(cl)[["expo"]]))
}
