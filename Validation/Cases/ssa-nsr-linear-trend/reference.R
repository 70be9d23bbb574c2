# Reference values for Validation/Cases/ssa-nsr-linear-trend (R >= 4.0, base R only).
# Run from any directory: Rscript reference.R
# Index incidence a(x) = 1 on days 1..6, marker incidence b(t) = t, gap 1..2 days.
u <- 6; g1 <- 1; g2 <- 2
a <- rep(1, u); b <- 1:u
eif <- sum(sapply(1:u, function(x) a[x] * sum(b[seq_len(u)[seq_len(u) >= x + g1 & seq_len(u) <= x + g2]])))
emf <- sum(sapply(1:u, function(x) a[x] * sum(b[seq_len(u)[seq_len(u) >= x - g2 & seq_len(u) <= x - g1]])))
nsr <- eif / emf
f <- function(v) sprintf("%.10g", v)
cat("E_IF", eif, "E_MF", emf, "NSR", f(nsr), "P(index first)", f(nsr / (1 + nsr)), "\n")
x <- 1; y <- 1
lo <- qbeta(0.025, x + 0.5, y + 0.5); hi <- qbeta(0.975, x + 0.5, y + 0.5)
cat("crudeCiLower", f(lo / (1 - lo)), "crudeCiUpper", f(hi / (1 - hi)), "\n")
cat("adjustedRatio", f((x / y) / nsr), "adjustedCiLower", f(lo / (1 - lo) / nsr), "adjustedCiUpper", f(hi / (1 - hi) / nsr), "\n")
ci <- binom.test(x, x + y)$conf.int
cat("adjustedExactCiLower", f(ci[1] / (1 - ci[1]) / nsr), "adjustedExactCiUpper", f(ci[2] / (1 - ci[2]) / nsr), "\n")
cat("pValue", f(binom.test(x, x + y, p = nsr / (1 + nsr))$p.value), "\n")
