# Signal decisions of CV.Binomial(N = 25, alpha = 0.05, M = 1, z = 3.5, GroupSizes = 5) (R Sequential 4.5.1):
# for every cv in (LLR(10, 25), LLR(7, 15)] = (1.985199, 2.175208] (reference README: all give Type I error 0.04775995), the exposed cases
# needed at each look n = 5, 10, ..., 25. The LLR is Sequential's own (R/CV.Binomial.R, function LLR, copied);
# Sequential itself is not in Debian, so this is a re-implementation of its decision rule.
# Run: Rscript reference.R > reference.out
LLR <- function(cc, n, z) {
  if (cc == n) { x <- n * log(1 + z) } else {
    if (z * cc / (n - cc) <= 1) { x <- 0 } else {
      x <- cc * log(cc / n) + (n - cc) * log((n - cc) / n) - cc * log(1 / (z + 1)) - (n - cc) * log(z / (z + 1))
    }
  }
  x
}
z <- 3.5
for (n in seq(5, 25, 5)) {
  need <- sapply(c(1.9852, 2.1752), function(cv) { c <- 1; while (c <= n && LLR(c, n, z) < cv) c <- c + 1; c })
  stopifnot(need[1] == need[2])
  cat(sprintf("look n=%d threshold %d\n", n, need[1]))
}
# The attainable LLR values that bound the interval of equivalent critical values:
cat(sprintf("LLR(10, 25) = %.10g (lower end, excluded)\n", LLR(10, 25, z)))
cat(sprintf("LLR(7, 15) = %.10g (upper end, included)\n", LLR(7, 15, z)))
vals <- sort(unique(unlist(lapply(seq(5, 25, 5), function(n) sapply(1:n, LLR, n = n, z = z)))))
cat(sprintf("attainable LLR around the interval: %s\n", paste(sprintf("%.7f", vals[vals > 1.9 & vals < 2.3]), collapse = " ")))
