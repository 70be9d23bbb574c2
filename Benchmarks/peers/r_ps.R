# R peers for the dense propensity-score benchmark (pvbench ps; docs/performance.md, "Propensity-score cohort").
#
#   Rscript Benchmarks/peers/r_ps.R --data bench-data/ps --results DIR --step greedy|greedy-subset|matchit|balance|cox
#
# Every step reads the data pvbench ps wrote and SignalStats' own results there (the fitted logit score, its caliper
# and pairs), so that the implementations are compared on identical scores:
#   greedy         1:1 greedy nearest-neighbour matching on the logit score, largest score first, caliper as
#                  SignalStats' (0.2 pooled SD), ties to the first comparator in input order: a plain R loop over
#                  comparators sorted once, "next available" pointers with path halving. All persons.
#   greedy-subset  the same loop on the first `subset` persons (the MatchIt size).
#   matchit        MatchIt::matchit(method = "nearest", distance = <logit>, m.order = "largest", caliper = <the same
#                  absolute caliper>, std.caliper = FALSE) on the first `subset` persons (MatchIt 4.5.1's time grows
#                  faster than linearly; run.sh caps it). MatchIt 4.5.1 does not apply that caliper to a supplied
#                  distance (its pairs reach beyond it), so its pairs are compared with SignalStats' matching of the
#                  subset without caliper.
#   balance        SMDs before and after matching for the 100 covariates, vectorised base R (colMeans, crossprod),
#                  MatchIt's ATT definitions (denominator: the treated SD before matching; sqrt(p(1-p)) for 0/1).
#   cox            survival::coxph(Surv(time, status) ~ treated, ties = "efron", cluster = pair) on the matched set of
#                  the greedy step's pairs (written by that step), and the same without cluster().
# Each writes ps-<step>-R.txt (key value lines) into the results folder. Times: best of `--repeats` (default 3)
# within `--budget` seconds (default 120), elapsed seconds of the call only (reading files is not timed).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])), "common.R"))

dir <- args_value("data", "bench-data/ps")
results <- args_value("results", file.path(dir, "results"))
step <- args_value("step", "greedy")
repeats <- as.integer(args_value("repeats", "3"))
budget <- as.numeric(args_value("budget", "120"))
dir.create(results, showWarnings = FALSE, recursive = TRUE)

kv <- function(path) {
  l <- strsplit(readLines(path), " ", fixed = TRUE)
  setNames(lapply(l, function(x) x[-1]), vapply(l, `[`, "", 1))
}
man <- kv(file.path(dir, "ps_manifest.txt"))
ss <- kv(file.path(dir, "ps_signalstats.txt"))
n <- as.integer(man$persons)
q <- as.integer(man$covariates)
treat <- read_f64(dir, "ps_treat.f64", n)
out <- list()
emit <- function(...) { a <- list(...); for (k in names(a)) out[[k]] <<- a[[k]] }
save <- function() {
  lines <- vapply(names(out), function(k) paste(k, paste(format(if (is.numeric(out[[k]])) signif(out[[k]], 15) else out[[k]], digits = 15), collapse = " ")), "")
  writeLines(lines, file.path(results, paste0("ps-", step, "-R.txt")))
  cat(lines, sep = "\n")
}

# Greedy 1:1 nearest-neighbour matching with a caliper; returns a two-column matrix (treated, comparator), 1-based.
greedy_match <- function(d, treat, caliper) {
  co <- which(treat == 0)
  co <- co[order(d[co], co)]                       # comparators by (score, input index)
  v <- d[co]
  nc <- length(co)
  tr <- which(treat == 1)
  tr <- tr[order(-d[tr], tr)]                      # largest first, ties in input order
  run <- seq_len(nc)                               # first position of each run of equal scores
  if (nc > 1) for (p in 2:nc) if (v[p] == v[p - 1]) run[p] <- run[p - 1]
  right <- seq_len(nc + 1)                         # right[p]: first available position >= p (nc + 1: none)
  left <- seq_len(nc + 1)                          # left[p + 1]: last available position <= p, shifted (1: none)
  pos <- findInterval(d[tr], v, left.open = TRUE) + 1L  # first position with v >= score
  mt <- integer(length(tr)); mc <- integer(length(tr)); k <- 0L
  for (i in seq_along(tr)) {
    x <- d[tr[i]]
    r <- pos[i]
    while (right[r] != r) { right[r] <- right[right[r]]; r <- right[r] }
    l <- pos[i]                                    # = (pos - 1) + 1 in the shifted array
    while (left[l] != l) { left[l] <- left[left[l]]; l <- left[l] }
    l <- l - 1L
    if (l >= 1L) {
      l2 <- run[l]
      while (right[l2] != l2) { right[l2] <- right[right[l2]]; l2 <- right[l2] }
      l <- l2
    }
    hasL <- l >= 1L; hasR <- r <= nc
    if (!hasL && !hasR) break
    if (hasL && hasR) {
      dl <- x - v[l]; dr <- v[r] - x
      pick <- if (dl < dr) l else if (dr < dl) r else if (co[l] < co[r]) l else r
    } else pick <- if (hasL) l else r
    dist <- abs(v[pick] - x)
    if (dist > caliper) next
    k <- k + 1L; mt[k] <- tr[i]; mc[k] <- co[pick]
    right[pick] <- pick + 1L
    left[pick + 1L] <- pick
  }
  cbind(mt[seq_len(k)], mc[seq_len(k)])
}

same_pairs <- function(a, swift) {
  key <- function(m) sort(paste(m[, 1], m[, 2]))
  s <- key(a); w <- key(swift)
  c(length(intersect(s, w)), length(setdiff(s, w)), length(setdiff(w, s)))
}
read_pairs <- function(file, count) {
  p <- read_f64(dir, file, 2 * count)
  cbind(as.integer(p[seq_len(count)] + 1), as.integer(p[count + seq_len(count)] + 1))
}

if (step %in% c("greedy", "greedy-subset")) {
  sub <- step == "greedy-subset"
  m <- if (sub) as.integer(ss$subset) else n
  d <- read_f64(dir, if (sub) "ps_sublogit_signalstats.f64" else "ps_logit_signalstats.f64", m)
  cal <- as.numeric(if (sub) ss$sub_caliper else ss$caliper)
  t <- time_runs(function() greedy_match(d, treat[seq_len(m)], cal), repeats, budget)
  pairs <- t$result
  swift <- read_pairs(if (sub) "ps_subpairs_signalstats.f64" else "ps_pairs_signalstats.f64",
                      as.integer(if (sub) ss$sub_pairs else ss$pairs))
  cmp <- same_pairs(pairs, swift)
  emit(implementation = "R greedy loop", persons = m, seconds = min(t$runs), runs = t$runs, caliper = cal,
       pairs = nrow(pairs), pairs_signalstats = nrow(swift), pairs_common = cmp[1], pairs_only_here = cmp[2],
       pairs_only_signalstats = cmp[3], r = R.version.string)
  if (!sub) writeBin(as.double(c(pairs[, 1], pairs[, 2])), file.path(dir, "ps_pairs_r.f64"), size = 8, endian = "little")
} else if (step == "matchit") {
  suppressPackageStartupMessages(library(MatchIt))
  m <- as.integer(ss$subset)
  d <- read_f64(dir, "ps_sublogit_signalstats.f64", m)
  cal <- as.numeric(ss$sub_caliper)
  df <- data.frame(treat = treat[seq_len(m)], d = d)
  t <- time_runs(function() matchit(treat ~ d, data = df, method = "nearest", distance = d, m.order = "largest",
                                    caliper = cal, std.caliper = FALSE, replace = FALSE, ratio = 1), repeats, budget)
  mm <- t$result$match.matrix
  ok <- !is.na(mm[, 1])
  pairs <- cbind(as.integer(rownames(mm)[ok]), as.integer(mm[ok, 1]))
  # MatchIt 4.5.1 does not apply the caliper to a user-supplied distance (pairs reach beyond it; MatchIt#163), so
  # its pairs are compared with SignalStats' matching of the same subset without caliper.
  beyond <- sum(abs(d[pairs[, 1]] - d[pairs[, 2]]) > cal)
  swift <- read_pairs("ps_subpairs_nocaliper_signalstats.f64", as.integer(ss$sub_nocaliper_pairs))
  cmp <- same_pairs(pairs, swift)
  emit(implementation = paste("MatchIt", packageVersion("MatchIt")), persons = m, seconds = min(t$runs), runs = t$runs,
       caliper = cal, pairs = nrow(pairs), pairs_beyond_caliper = beyond, pairs_signalstats = nrow(swift),
       pairs_common = cmp[1], pairs_only_here = cmp[2], pairs_only_signalstats = cmp[3],
       compared_with = "SignalStats without caliper")
} else if (step == "balance") {
  X <- matrix(read_f64(dir, "ps_X.f64", n * q), n, q)
  swift <- read_pairs("ps_pairs_signalstats.f64", as.integer(ss$pairs))
  f <- function() {
    w <- numeric(n); w[swift[, 1]] <- 1; w[swift[, 2]] <- 1
    t1 <- treat == 1
    m1 <- colMeans(X[t1, , drop = FALSE]); m0 <- colMeans(X[!t1, , drop = FALSE])
    bin <- apply(X, 2, function(x) all(x == 0 | x == 1))
    v1 <- ifelse(bin, m1 * (1 - m1), apply(X[t1, , drop = FALSE], 2, var))
    a1 <- drop(crossprod(X, w * t1)) / sum(w * t1); a0 <- drop(crossprod(X, w * !t1)) / sum(w * !t1)
    cbind((m1 - m0) / sqrt(v1), (a1 - a0) / sqrt(v1))
  }
  t <- time_runs(f, repeats, budget)
  smd <- t$result
  sw <- do.call(rbind, lapply(ss[grep("^smd_", names(ss))], as.numeric))
  sw <- sw[order(as.integer(sub("smd_", "", rownames(sw)))), ]
  emit(implementation = "R colMeans/crossprod", persons = n, seconds = min(t$runs), runs = t$runs,
       max_smd_before = max(abs(smd[, 1])), max_smd_after = max(abs(smd[, 2])),
       max_abs_diff_smd = max(abs(smd - sw)))
} else if (step == "cox") {
  suppressPackageStartupMessages(library(survival))
  time <- read_f64(dir, "ps_time.f64", n)
  status <- read_f64(dir, "ps_status.f64", n)
  np <- as.integer(ss$pairs)
  pairs <- read_pairs("ps_pairs_signalstats.f64", np)
  units <- as.vector(t(pairs))                     # pair by pair, treated first (SignalStats' row order)
  md <- data.frame(time = time[units], status = status[units], treated = rep(c(1, 0), np), pair = rep(seq_len(np), each = 2))
  plain <- time_runs(function() coxph(Surv(time, status) ~ treated, data = md, ties = "efron"), repeats, budget)
  emit(implementation = paste("survival", packageVersion("survival"), "coxph"), rows = nrow(md),
       events = sum(md$status), plain_seconds = min(plain$runs), plain_runs = plain$runs,
       plain_coef = unname(coef(plain$result)), plain_se = sqrt(plain$result$var[1, 1]))
  save()                                           # kept if the clustered fit below hits the time cap
  cl <- time_runs(function() coxph(Surv(time, status) ~ treated, data = md, ties = "efron", cluster = pair), 1, budget)
  fit <- cl$result
  emit(seconds = min(cl$runs), runs = cl$runs, coef = unname(coef(fit)), robust_se = sqrt(fit$var[1, 1]),
       se = sqrt(fit$naive.var[1, 1]), loglik = fit$loglik[2], iterations = fit$iter)
}
save()
