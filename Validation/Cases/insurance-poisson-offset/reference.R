# Reference values for the insurance-poisson-offset validation case.
#
# Data: MASS::Insurance (Venables & Ripley, Modern Applied Statistics with S, 4th ed., 2002, section 7.3;
# originally Baxter, Coutts & Ross 1980): numbers of car insurance claims (Claims) among policyholders
# (Holders) in 64 cells of District x Group (engine size) x Age. The claim rate is modelled by Poisson
# regression with log(Holders) as offset. R stores Group and Age as ordered factors (polynomial contrasts);
# here all three are plain factors with treatment contrasts, reference = first level.
#
# This script writes insurance.csv beside itself (the data the case reads) and prints R's glm coefficients,
# standard errors and log-likelihood at 10 significant digits; case.json's values whose source names
# reference.R were copied from its output.
#
# The fit uses glm.control(epsilon = 1e-14): with the default epsilon = 1e-8, summary() takes the
# covariance from the weights of the last IRLS step (the coefficients one iteration before the reported
# ones), which puts the standard errors off by up to ~2e-7 relative here. The coefficients and
# log-likelihood agree with the default fit to all 10 printed digits.
#
# Run from anywhere:  Rscript Validation/Cases/insurance-poisson-offset/reference.R

script <- sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))
if (length(script) == 1) setwd(dirname(normalizePath(script)))

data(Insurance, package = "MASS")
cat("MASS", as.character(packageVersion("MASS")), "\n")
out <- data.frame(
  District = as.character(Insurance$District),
  Group = as.character(Insurance$Group),
  Age = as.character(Insurance$Age),
  Holders = Insurance$Holders,
  Claims = Insurance$Claims
)
write.csv(out, "insurance.csv", row.names = FALSE)

d <- read.csv("insurance.csv", stringsAsFactors = FALSE)
d$District <- factor(d$District, levels = levels(Insurance$District))
d$Group <- factor(d$Group, levels = levels(Insurance$Group))
d$Age <- factor(d$Age, levels = levels(Insurance$Age))
fit <- glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = d,
           control = glm.control(epsilon = 1e-14, maxit = 100))

cat(R.version.string, "\n")
cat("levels: District", levels(d$District), "| Group", levels(d$Group), "| Age", levels(d$Age), "\n")
co <- summary(fit)$coefficients
cat("term,coefficient,standardError\n")
for (i in seq_len(nrow(co))) {
  cat(sprintf("%s,%.10g,%.10g\n", rownames(co)[i], co[i, "Estimate"], co[i, "Std. Error"]))
}
cat(sprintf("logLikelihood,%.10g\n", as.numeric(logLik(fit))))
cat(sprintf("observations,%d\nevents,%d\n", nrow(d), sum(d$Claims)))
cat(sprintf("converged,%s,iterations,%d\n", fit$converged, fit$iter))
