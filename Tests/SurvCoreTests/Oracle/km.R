# Reference values for Kaplan-Meier curves: survfit, summary.survfit(times=), quantile.survfit and
# the restricted mean printed by print(fit, rmean=tau), from R's survival package.
# Run from this folder:  Rscript km.R   (writes km.json)
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
stopifnot(packageVersion("survival") == "3.5.3")

inputs <- list()
curves <- list()
# JSON has no infinity: infinite values are written as the string "Inf" (Greenwood's variance once S = 0).
withInf <- function(x) lapply(x, function(v) if (is.finite(v) || is.na(v)) v else if (v > 0) "Inf" else "-Inf")
addInput <- function(name, time, status, weights = NULL) {
  inputs[[name]] <<- list(time = as.numeric(time), status = as.integer(status),
                           weights = if (is.null(weights)) NULL else as.numeric(weights))
}

# One curve fitted with every confidence transform at two levels.
addCurve <- function(input, summaryTimes, rmeanTaus, reverse = FALSE) {
  d <- inputs[[input]]
  status <- if (reverse) 1 - d$status else d$status
  for (ct in c("log", "log-log", "plain")) for (lev in c(0.9, 0.95)) {
    fit <- if (is.null(d$weights)) survfit(Surv(d$time, status) ~ 1, conf.type = ct, conf.int = lev)
           else survfit(Surv(d$time, status) ~ 1, conf.type = ct, conf.int = lev, weights = d$weights)
    q <- quantile(fit, probs = c(0.25, 0.5, 0.75))
    s <- summary(fit, times = summaryTimes)
    rm <- lapply(rmeanTaus, function(tau) {
      tab <- summary(fit, rmean = tau)$table
      list(tau = tau, estimate = unname(tab["rmean"]), stdErr = unname(tab["se(rmean)"]))
    })
    curves[[length(curves) + 1]] <<- list(
      input = input, reverse = reverse, transform = ct, level = lev,
      n = fit$n, time = fit$time, nRisk = fit$n.risk, nEvent = fit$n.event, nCensor = fit$n.censor,
      surv = fit$surv,
      # survfit's std.err is on the log scale unless logse is FALSE (robust variance for fractional
      # weights), where it is the SE of S itself.
      stdErr = withInf(fit$std.err), logse = fit$logse,
      lower = fit$lower, upper = fit$upper,
      quantile = list(p = c(0.25, 0.5, 0.75), estimate = unname(q$quantile),
                      lower = unname(q$lower), upper = unname(q$upper)),
      summary = list(requested = summaryTimes, time = s$time, nRisk = s$n.risk, nEvent = s$n.event,
                     surv = s$surv, stdErr = s$std.err, lower = s$lower, upper = s$upper),
      rmean = rm)
  }
}

lung <- read.csv("data/lung.csv"); aml <- read.csv("data/aml.csv"); ovarian <- read.csv("data/ovarian.csv")
veteran <- read.csv("data/veteran.csv"); colon <- read.csv("data/colon.csv")
colonDeath <- colon[colon$etype == 2, ]

# A textbook case (10 rows, ties between an event and a censoring at 6).
addInput("textbook", c(3, 4, 5.5, 6, 6, 8, 9, 12, 15, 20), c(1, 0, 1, 1, 0, 1, 0, 1, 1, 0))
addCurve("textbook", c(0, 4, 6, 10, 20, 25), c(10, 20))
# S(t) = 0.5 exactly from t = 3 to t = 5: quantile.survfit's midpoint rule gives a median of 4.
addInput("midpoint", c(1, 2, 3, 4, 5, 6), c(1, 1, 1, 0, 1, 1))
addCurve("midpoint", c(2.5, 4.5), c(6))
# S(t) = 0.5 exactly from t = 3 until the last time: midpoint with the last time.
addInput("flatend", c(1, 2, 3, 4), c(1, 1, 0, 0))
addCurve("flatend", c(3, 4), c(4))
# Events at time 0 and a curve that drops to zero.
addInput("zeroes", c(0, 0, 2, 3, 3, 4, 5), c(1, 0, 1, 1, 0, 0, 1))
addCurve("zeroes", c(0, 1, 3, 5), c(2, 5))
# Times differing by rounding noise (below sqrt(eps), absolutely or relatively) are merged by aeqSurv.
addInput("timefix", c(1, 1 + 1e-9, 2, 2 + 1e-8, 3, 4, 4 + 2e-7, 5, 6), c(1, 1, 0, 1, 1, 1, 0, 1, 0))
addCurve("timefix", c(1, 2, 4.5), c(5))
addInput("allcensored", c(2, 3, 5), c(0, 0, 0))
addCurve("allcensored", c(1, 5), c(4))

addInput("lung", lung$time, lung$status - 1)
addCurve("lung", c(0, 30, 100, 200.5, 365, 1000, 2000), c(365, 1022))
addCurve("lung", c(100, 365, 730), c(365), reverse = TRUE)
for (sx in 1:2) {
  nm <- paste0("lung.sex", sx); k <- lung$sex == sx
  addInput(nm, lung$time[k], lung$status[k] - 1)
  addCurve(nm, c(30, 180, 365, 730), c(365, 700))
}
for (ec in 0:3) {
  nm <- paste0("lung.ecog", ec); k <- !is.na(lung$ph.ecog) & lung$ph.ecog == ec
  addInput(nm, lung$time[k], lung$status[k] - 1)
  addCurve(nm, c(30, 180, 365), c(max(100, min(lung$time[k]))))
}
# Case weights: whole numbers keep Greenwood's variance, fractions switch survfit to its robust variance.
addInput("lung.intweights", lung$time, lung$status - 1, ifelse(is.na(lung$inst), 1, (lung$inst %% 3) + 1))
addCurve("lung.intweights", c(100, 365), c(365))
addInput("lung.fracweights", lung$time, lung$status - 1, lung$age / 60)
addCurve("lung.fracweights", c(100, 365), c(365))
addInput("aml", aml$time, aml$status)
addCurve("aml", c(10, 20, 40), c(40, 161))
addCurve("aml", c(10, 40), c(100), reverse = TRUE)
for (g in c("Maintained", "Nonmaintained")) {
  nm <- paste0("aml.", g); k <- aml$x == g
  addInput(nm, aml$time[k], aml$status[k])
  addCurve(nm, c(10, 30), c(40))
}
addInput("ovarian", ovarian$futime, ovarian$fustat)
addCurve("ovarian", c(100, 365, 1000), c(1000))
addCurve("ovarian", c(365, 730), c(1000), reverse = TRUE)
for (ct in sort(unique(veteran$celltype))) {
  nm <- paste0("veteran.", ct); k <- veteran$celltype == ct
  addInput(nm, veteran$time[k], veteran$status[k])
  addCurve(nm, c(10, 50, 100, 365), c(200))
}
for (r in sort(unique(colonDeath$rx))) {
  nm <- paste0("colon.", r); k <- colonDeath$rx == r
  addInput(nm, colonDeath$time[k], colonDeath$status[k])
  addCurve(nm, c(365, 1826.25, 3000), c(1826.25, 3000))
  addCurve(nm, c(1826.25), c(3000), reverse = TRUE)
}

write_json(list(inputs = inputs, curves = curves), "km.json", digits = NA, auto_unbox = TRUE,
           null = "null", na = "null")
