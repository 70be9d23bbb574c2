# Reference values for the ps-lalonde-matching validation case, from an independent plain-R implementation.
#
# Data: lalonde.csv (NSW/PSID job-training data, Dehejia & Wahba 1999, as shipped by MatchIt; copied from
# shared/reference/ps/lalonde.csv), 185 treated and 429 controls.
# Propensity score: glm(treat ~ age + educ + race + married + nodegree + re74 + re75, binomial), race with reference
# "black", run to epsilon = 1e-14 (MatchIt's "Getting Started" model).
# Matching: 1:1 greedy nearest neighbour on the propensity score (probability scale), without replacement, no
# caliper: treated units in descending score order (ties in data order), each taking the nearest still-unused control
# by |score difference|, ties to the first control in data order. This reproduces the 185 pairs of
# lalonde_nn1_greedy_pairs.csv and the after-matching table of MatchIt's vignette.
# Balance: MatchIt's definitions for the ATT: SMD = (treated mean - control mean) / SD of the treated before
# matching; sample SD for continuous variables, sqrt(p (1 - p)) for binary ones; race as three indicators.
#
# Prints at 10 significant digits: before and after means and SMDs, counts, the matched ATT on re78, and the number of
# pairs that agree with lalonde_nn1_greedy_pairs.csv.
#
# Run from anywhere:  Rscript Validation/Cases/ps-lalonde-matching/reference.R

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
if (length(script) == 1) setwd(dirname(normalizePath(script)))
cat("# R", paste(R.version$major, R.version$minor, sep = "."), "\n")

d <- read.csv("lalonde.csv", stringsAsFactors = FALSE)
d$race <- factor(d$race, levels = c("black", "hispan", "white"))
fit <- glm(treat ~ age + educ + race + married + nodegree + re74 + re75, family = binomial, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))
ps <- unname(fitted(fit))
tr <- which(d$treat == 1); co <- which(d$treat == 0)

greedy <- function(dist, caliper = Inf) {
  ord <- tr[order(-dist[tr])]               # order() is stable: ties stay in data order
  used <- rep(FALSE, length(co)); pairs <- matrix(NA_integer_, 0, 2)
  for (t in ord) {
    dd <- abs(dist[t] - dist[co]); dd[used] <- Inf
    j <- which.min(dd)                        # first minimum: ties to the first control in data order
    if (is.finite(dd[j]) && dd[j] <= caliper) { used[j] <- TRUE; pairs <- rbind(pairs, c(t, co[j])) }
  }
  pairs
}
X <- data.frame(distance = ps, age = d$age, educ = d$educ, raceblack = as.numeric(d$race == "black"),
                racehispan = as.numeric(d$race == "hispan"), racewhite = as.numeric(d$race == "white"),
                married = d$married, nodegree = d$nodegree, re74 = d$re74, re75 = d$re75)
balance <- function(pairs) {
  for (v in names(X)) {
    x <- X[[v]]; bin <- all(x %in% c(0, 1))
    sdt <- if (bin) sqrt(mean(x[tr]) * (1 - mean(x[tr]))) else sd(x[tr])
    mt <- mean(x[tr]); mc <- mean(x[co]); mta <- mean(x[pairs[, 1]]); mca <- mean(x[pairs[, 2]])
    p("treatedMeanBefore", v, mt); p("comparatorMeanBefore", v, mc); p("smdBefore", v, (mt - mc) / sdt)
    p("treatedMeanAfter", v, mta); p("comparatorMeanAfter", v, mca); p("smdAfter", v, (mta - mca) / sdt)
  }
}
p <- function(q, term, v) cat(sprintf("%-22s %-10s %.10g\n", q, term, v))

pairs <- greedy(ps)
balance(pairs)
p("matchedTreated", "", nrow(pairs)); p("unmatchedComparators", "", length(co) - nrow(pairs))
p("att", "", mean(d$re78[pairs[, 1]]) - mean(d$re78[pairs[, 2]]))
ref <- read.csv("lalonde_nn1_greedy_pairs.csv")
p("pairsInReference", "", sum(paste(d$id[pairs[, 1]], d$id[pairs[, 2]]) %in% paste(ref$treated, ref$control)))
