# Peers for the conditional Poisson (SCCS) benchmark, on the same intervals as pvbench:
#
# 1. gnm(y ~ covariates + offset(log(len)), eliminate = factor(stratum), family = poisson): the Poisson model
#    with one eliminated intercept per case, whose estimates equal the conditional Poisson ones. Default
#    gnm control (tolerance 1e-6), as a user would run it.
# 2. survival::clogit on the conditional-logistic expansion, R SCCS `formatdata` layout: every event becomes its
#    own stratum holding a copy of its case's intervals, with event = 1 on the interval of that event (a case
#    with two events gives two strata). clogit(event ~ covariates + offset(log(len)) + strata(eventstratum)),
#    default method "exact". With one event per stratum its likelihood is the multinomial one, and a case's
#    two copies multiply to the case's conditional Poisson likelihood, so the estimates are the same.
#    The expansion is not timed; the clogit call is.
#
# Usage: Rscript r_conditional_poisson.R --data bench-data [--results DIR] [--repeats 3] [--budget 60]
script_dir <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
source(file.path(script_dir, "common.R"))
suppressPackageStartupMessages({
  library(gnm)
  library(survival)
})

dir <- args_value("data")
if (is.null(dir)) stop("usage: Rscript r_conditional_poisson.R --data DIR")
results <- args_value("results", file.path(dir, "results"))
repeats <- as.integer(args_value("repeats", "3"))
budget <- as.numeric(args_value("budget", "60"))
dir.create(results, showWarnings = FALSE, recursive = TRUE)
m <- read_manifest(dir)
n <- as.integer(m$cp_rows); p <- as.integer(m$cp_cols)
names <- strsplit(m$cp_names, ",", fixed = TRUE)[[1]]
X <- matrix(read_f64(dir, m$cp_x, n * p), nrow = n, ncol = p, dimnames = list(NULL, names))
d <- data.frame(X)
d$y <- read_f64(dir, m$cp_y, n)
d$len <- read_f64(dir, m$cp_length, n)
d$stratum <- as.integer(read_f64(dir, m$cp_stratum, n))
rhs <- paste(c(names, "offset(log(len))"), collapse = " + ")

# gnm
f_gnm <- as.formula(paste("y ~", rhs))
tr <- time_runs(function() gnm(f_gnm, eliminate = factor(stratum), family = poisson, data = d),
                repeats = repeats, budget = budget)
fit <- tr$result
b <- coef(fit)[names]
write_result(file.path(results, "conditional-poisson-R-gnm.json"), "conditional-poisson",
             "R gnm eliminate", tr$runs, fit$iter, b, NULL,
             paste0(blas_note(), ", gnm ", packageVersion("gnm"), "; default control; time includes factor(stratum)"))
cat(sprintf("R gnm(eliminate = factor(stratum)) %d rows: best %.3f s (runs %s), %d iterations\n", n, min(tr$runs),
            paste(sprintf("%.3f", tr$runs), collapse = " "), fit$iter))
print(signif(b, 12))

# clogit on the formatdata-style expansion
ev_case <- rowsum(d$y, d$stratum, reorder = FALSE)[, 1]      # events per case
ne_row <- as.integer(ev_case[as.character(d$stratum)])
before <- ave(d$y, d$stratum, FUN = cumsum) - d$y           # events in earlier intervals of the case
rowid <- rep(seq_len(n), times = ne_row)
k <- sequence(ne_row)                                        # event number within the case, 1..n_i
dx <- d[rowid, ]
dx$event <- as.integer(before[rowid] < k & k <= before[rowid] + d$y[rowid])
dx$eventstratum <- dx$stratum * (max(ne_row) + 1L) + k
stopifnot(all(tapply(dx$event, dx$eventstratum, sum) == 1))
f_cl <- as.formula(paste("event ~", rhs, "+ strata(eventstratum)"))
tr2 <- time_runs(function() clogit(f_cl, data = dx), repeats = repeats, budget = budget)
fit2 <- tr2$result
b2 <- coef(fit2)[names]
write_result(file.path(results, "conditional-poisson-R-clogit.json"), "conditional-poisson",
             "R survival::clogit exact", tr2$runs, fit2$iter, b2, fit2$loglik[2],
             paste0(blas_note(), ", survival ", packageVersion("survival"),
                    sprintf("; formatdata expansion to %d rows in %d event strata (not timed)", nrow(dx),
                            length(unique(dx$eventstratum)))))
cat(sprintf("R clogit (exact) on %d expanded rows, %d event strata: best %.3f s (runs %s), %d iterations, loglik %.12g\n",
            nrow(dx), length(unique(dx$eventstratum)), min(tr2$runs), paste(sprintf("%.3f", tr2$runs), collapse = " "),
            fit2$iter, fit2$loglik[2]))
print(signif(b2, 12))
