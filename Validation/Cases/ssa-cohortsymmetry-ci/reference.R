# Reference values for Validation/Cases/ssa-cohortsymmetry-ci (R >= 4.0, base R only).
# Run from any directory: Rscript reference.R
# Counts from the CohortSymmetry test case (tests/testthat/test-summariseSequenceRatios.R, "testing CI"):
# 3 index-first, 1 marker-first pairs.
x <- 3; y <- 1; n <- x + y
f <- function(v) sprintf("%.10g", v)
for (level in c(0.90, 0.95, 0.99)) {
  a <- (1 - level) / 2
  # CohortSymmetry getConfidenceInterval(): p = qbeta(a or 1 - a, x + 0.5, y + 0.5); bound = p / (1 - p)
  lo <- qbeta(a, x + 0.5, y + 0.5); hi <- qbeta(1 - a, x + 0.5, y + 0.5)
  cat("level", level, "beta crudeCiLower", f(lo / (1 - lo)), "crudeCiUpper", f(hi / (1 - hi)), "\n")
  # Exact (Clopper-Pearson) interval of binom.test, mapped to the odds scale
  ci <- binom.test(x, n, conf.level = level)$conf.int
  cat("level", level, "exact crudeExactCiLower", f(ci[1] / (1 - ci[1])), "crudeExactCiUpper", f(ci[2] / (1 - ci[2])), "\n")
}
