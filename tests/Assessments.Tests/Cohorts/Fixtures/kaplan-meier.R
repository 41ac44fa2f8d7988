# Regenerates kaplan-meier-r.txt, the Kaplan-Meier figures the cohort tests hold the library to.
# Independent implementation: R's survival package (Debian: apt-get install r-cran-survival).
# Run: Rscript kaplan-meier.R > kaplan-meier-r.txt   (CI never runs this; the output is committed.)
library(survival)
cases <- list(
  # The AML data (Miller 1981; survival::aml, both arms pooled): the textbook worked example.
  aml = list(time=c(9,13,13,18,23,28,31,34,45,48,161,5,5,8,8,12,16,23,27,30,33,43,45),
             status=c(1,1,0,1,1,0,1,1,0,1,0,1,1,1,1,1,0,1,1,1,1,1,1)),
  # S exactly 0.5 from t = 3 to the next event at 5: the median is the midpoint, 4.
  tiedhalf = list(time=c(1,2,3,4,5,6), status=c(1,1,1,0,1,0)),
  # S exactly 0.5 from t = 2 with no later event: the median is 2.
  half = list(time=c(1,2,3,4), status=c(1,1,0,0)),
  # Censoring tied with events at t = 2 and t = 5: events first.
  censortie = list(time=c(2,2,2,3,5,5,8), status=c(1,0,1,1,0,1,0)),
  # Fractional days (instants), an event at the last time (S reaches 0).
  tozero = list(time=c(0.71,1.5,1.5,2.25,7,7.5), status=c(1,1,0,1,0,1))
)
for (name in names(cases)) {
  c <- cases[[name]]
  f <- survfit(Surv(c$time, c$status) ~ 1, conf.type="log-log")
  t <- summary(f)$table
  cat("case", name, "\n")
  cat("data", paste(c$time, c$status, sep=":", collapse=" "), "\n")
  cat("median", t["median"], t["0.95LCL"], t["0.95UCL"], "\n")
  s <- summary(f)
  for (i in seq_along(s$time))
    cat("step", s$time[i], s$n.risk[i], s$n.event[i], format(s$surv[i], digits=15),
        format(s$lower[i], digits=15), format(s$upper[i], digits=15), "\n")
}
# Wilson score intervals (prop.test without continuity correction), x of n.
for (xn in list(c(26,122), c(0,10), c(10,10), c(1,1), c(21,117), c(5,9))) {
  ci <- prop.test(xn[1], xn[2], correct=FALSE)$conf.int
  cat("wilson", xn[1], xn[2], format(ci[1], digits=15), format(ci[2], digits=15), "\n")
}
