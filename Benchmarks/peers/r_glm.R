# Peer for the logistic benchmark: R glm.fit (IRLS with LINPACK QR) on the same 1,000,000 x 50 matrix.
# Usage: Rscript r_glm.R --data bench-data [--results bench-data/results] [--repeats 3] [--budget 40]
# Times glm.fit only (not readBin). Runs up to --repeats times, fewer if the runs use up --budget seconds.
# epsilon = 1e-10 (default 1e-8) so the coefficients are comparable to ~1e-8.
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "common.R"))

dir <- args_value("data")
if (is.null(dir)) stop("usage: Rscript r_glm.R --data DIR")
results <- args_value("results", file.path(dir, "results"))
repeats <- as.integer(args_value("repeats", "3"))
budget <- as.numeric(args_value("budget", "40"))
dir.create(results, showWarnings = FALSE, recursive = TRUE)
m <- read_manifest(dir)
n <- as.integer(m$logistic_rows); p <- as.integer(m$logistic_cols)
X <- matrix(read_f64(dir, m$logistic_x, n * p), nrow = n, ncol = p)
y <- read_f64(dir, m$logistic_y, n)

tr <- time_runs(function() glm.fit(X, y, family = binomial(), control = glm.control(epsilon = 1e-10, maxit = 50)),
                repeats = repeats, budget = budget)
fit <- tr$result
write_result(file.path(results, "logistic-R-glm.json"), "logistic", "R glm.fit", tr$runs, fit$iter,
             fit$coefficients, -fit$deviance / 2, paste0(blas_note(), "; glm.control(epsilon = 1e-10)"))
cat(sprintf("R glm.fit %d x %d: best %.3f s (runs %s), %d iterations, loglik %.12g\n", n, p, min(tr$runs),
            paste(sprintf("%.3f", tr$runs), collapse = " "), fit$iter, -fit$deviance / 2))
