# Reference numbers for Tests/SignalStatsTests/KaplanMeierTests.swift: survival::survfit on the aml data
# (Maintained group) and on a small weighted set. Run once: Rscript scripts/reference/kaplan-meier.R
library(survival)
print(packageVersion("survival"))
f <- survfit(Surv(time, status) ~ 1, data = subset(aml, x == "Maintained"))
print(data.frame(time = f$time, n.risk = f$n.risk, n.event = f$n.event, surv = sprintf("%.10f", f$surv),
                 std.err = sprintf("%.10f", f$std.err), lower = sprintf("%.10f", f$lower), upper = sprintf("%.10f", f$upper)))
d <- data.frame(time = c(1, 2, 2, 3, 4, 5, 5, 6), status = c(1, 1, 0, 1, 0, 1, 1, 0), w = c(1, 2, 1, 1, 3, 1, 2, 1))
g <- survfit(Surv(time, status) ~ 1, data = d, weights = w)
print(data.frame(time = g$time, n.risk = g$n.risk, n.event = g$n.event, surv = sprintf("%.10f", g$surv),
                 std.err = sprintf("%.10f", g$std.err), lower = sprintf("%.10f", g$lower), upper = sprintf("%.10f", g$upper)))
