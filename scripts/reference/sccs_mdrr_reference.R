# Minimum detectable relative incidence by Musonda, Farrington & Whitaker (2006) expression 7 (SRL1), written
# independently in R with uniroot (not a binary search): power(b) = pnorm((sqrt(n A) - z) / sqrt(B)).
# Inputs are amdat's numbers from SignalStats's interval construction: n = 10 events, window 21 of every case's
# 365 observed days for the 9 cases with the window inside observation... here given directly as r.
# Run: Rscript scripts/reference/sccs_mdrr_reference.R
srl1 <- function(b, r, n, z) {
  A <- 2 * ((exp(b) * r / (exp(b) * r + 1 - r)) * b - log(exp(b) * r + 1 - r))
  B <- b^2 / A * exp(b) * r * (1 - r) / (exp(b) * r + 1 - r)^2
  pnorm((sqrt(n * A) - z) / sqrt(B))
}
z <- qnorm(1 - 0.05 / 2)
for (case in list(c(10, 189 / 3650), c(1378, 0.05), c(200, 0.1))) {
  n <- case[1]; r <- case[2]
  b <- uniroot(function(b) srl1(b, r, n, z) - 0.8, c(1e-6, 10), tol = 1e-14)$root
  cat(sprintf("n=%g r=%.10g mdrr=%.12g\n", n, r, exp(b)))
}
