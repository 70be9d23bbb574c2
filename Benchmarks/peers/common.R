# Helpers shared by the R peers: read the pvbench data set and write result JSON without extra packages.

args_value <- function(name, default = NULL) {
  a <- commandArgs(trailingOnly = TRUE)
  i <- match(paste0("--", name), a)
  if (is.na(i) || i == length(a)) default else a[i + 1]
}

read_manifest <- function(dir) {
  lines <- readLines(file.path(dir, "manifest.txt"))
  lines <- lines[nzchar(lines)]
  kv <- strsplit(lines, " ", fixed = TRUE)
  setNames(lapply(kv, function(x) paste(x[-1], collapse = " ")), vapply(kv, `[`, "", 1))
}

read_f64 <- function(dir, file, n) {
  con <- file(file.path(dir, file), "rb")
  on.exit(close(con))
  v <- readBin(con, what = "double", n = n, size = 8, endian = "little")
  if (length(v) != n) stop(sprintf("%s: expected %d doubles, read %d", file, n, length(v)))
  v
}

# Runs `expr` (a function of no arguments) up to `repeats` times, stopping early once `budget` seconds are used.
time_runs <- function(f, repeats = 3, budget = 30) {
  runs <- numeric(0)
  result <- NULL
  repeat {
    gc()
    t <- system.time(result <- f())[["elapsed"]]
    runs <- c(runs, t)
    if (length(runs) >= repeats || sum(runs) + t > budget) break
  }
  list(runs = runs, result = result)
}

json_num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")

write_result <- function(path, task, implementation, runs, iterations, coefficients, loglik, notes) {
  esc <- function(s) gsub('"', '\\\\"', gsub("\\\\", "\\\\\\\\", s))
  txt <- paste0(
    "{\n",
    ' "task": "', task, '",\n',
    ' "implementation": "', esc(implementation), '",\n',
    ' "seconds": ', json_num(min(runs)), ",\n",
    ' "runs": [', paste(json_num(runs), collapse = ", "), "],\n",
    ' "iterations": ', if (is.null(iterations) || is.na(iterations)) "null" else as.integer(iterations), ",\n",
    ' "coefficients": [', paste(json_num(unname(coefficients)), collapse = ", "), "],\n",
    ' "logLikelihood": ', if (is.null(loglik)) "null" else json_num(loglik), ",\n",
    ' "notes": "', esc(notes), '"\n}\n')
  writeLines(txt, path, sep = "")
}

blas_note <- function() {
  s <- sessionInfo()
  paste0(R.version.string, ", BLAS ", basename(s$BLAS), ", LAPACK ", basename(s$LAPACK))
}
