# Reference values for competing risks, from R's cmprsk (2.2-11): cumulative incidence with its variance
# (cuminc, timepoints), Gray's test (cuminc's Tests) and Fine–Gray regression (crr).
# Run from this folder:  Rscript cmprsk.R   (writes cmprsk.json)
#
# Every input is written into the JSON with the codes surv passes: a status per row, the event code and the
# competing codes (any other status is censored, so the script maps those rows to cmprsk's cencode); group,
# strata and censoring-group codes as integers; covariates column by column.
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(MASS); library(jsonlite) })
stopifnot(packageVersion("cmprsk") == "2.2.11")

inputs <- list()
# Times apart by rounding noise are written as 17-digit strings (exactTime): jsonlite keeps 15 digits, which
# would erase the noise.
addInput <- function(name, time, status, event, competing, group = NULL, strata = NULL, covariates = NULL,
                     cengroup = NULL, exactTime = FALSE) {
  inputs[[name]] <<- list(time = if (exactTime) sprintf("%.17g", time) else as.numeric(time),
                          status = as.integer(status), event = event,
                          competing = I(as.integer(competing)),
                          group = if (is.null(group)) NULL else as.integer(group),
                          strata = if (is.null(strata)) NULL else as.integer(strata),
                          covariateNames = if (is.null(covariates)) NULL else I(colnames(covariates)),
                          covariates = if (is.null(covariates)) NULL else lapply(seq_len(ncol(covariates)), function(j) as.numeric(covariates[, j])),
                          cengroup = if (is.null(cengroup)) NULL else as.integer(cengroup))
}
inputTime <- function(d) as.numeric(d$time)
# cmprsk treats every code but cencode as a cause; surv treats codes it was not told about as censored.
cmprskStatus <- function(d, cencode) ifelse(d$status %in% c(d$event, d$competing), d$status, cencode)
censoredCode <- function(d) min(c(d$event, d$competing)) - 1

# The log(-log) interval tidycmprsk and ggsurvfit draw around a cumulative incidence F with standard error
# se: F^exp(±z·se / (F·log F)); undefined (NA) where F is 0 or 1.
logLogInterval <- function(est, se, level) {
  z <- qnorm((1 - level) / 2)
  lower <- est^exp(z * se / (est * log(est))); upper <- est^exp(-z * se / (est * log(est)))
  list(lower = ifelse(is.nan(lower), NA, lower), upper = ifelse(is.nan(upper), NA, upper))
}
plainInterval <- function(est, se, level) {
  z <- qnorm(1 - (1 - level) / 2)
  list(lower = pmax(0, est - z * se), upper = pmin(1, est + z * se))
}

cumincCases <- list()
addCuminc <- function(input, times, rho = 0, stratified = FALSE, level = 0.95) {
  d <- inputs[[input]]
  d$time <- inputTime(d)
  cen <- censoredCode(d)
  status <- cmprskStatus(d, cen)
  group <- if (is.null(d$group)) rep(0L, length(d$time)) else d$group
  fit <- if (stratified) cuminc(d$time, status, group, d$strata, rho = rho, cencode = cen)
         else cuminc(d$time, status, group, rho = rho, cencode = cen)
  tp <- timepoints(fit, times)
  curves <- list()
  for (g in sort(unique(group))) for (cause in c(d$event, d$competing)) {
    nm <- paste(g, cause)
    rows <- group == g
    curve <- fit[[nm]]
    pts <- if (is.null(curve)) NULL else {
      est <- unname(tp$est[nm, ]); v <- unname(tp$var[nm, ])
      ll <- logLogInterval(est, sqrt(v), level); pl <- plainInterval(est, sqrt(v), level)
      list(times = sort(unique(times)), est = est, var = v, logLogLower = ll$lower, logLogUpper = ll$upper,
           plainLower = pl$lower, plainUpper = pl$upper)
    }
    curves[[length(curves) + 1]] <- list(
      group = g, cause = cause, n = sum(rows), events = sum(rows & d$status == cause),
      # cmprsk leaves out a cause that never occurs anywhere; its curve is then 0 throughout.
      present = !is.null(curve),
      time = if (is.null(curve)) NULL else curve$time, est = if (is.null(curve)) NULL else curve$est,
      var = if (is.null(curve)) NULL else curve$var, at = pts)
  }
  tests <- if (is.null(fit$Tests)) NULL else lapply(rownames(fit$Tests), function(cause)
    list(cause = as.integer(cause), stat = unname(fit$Tests[cause, "stat"]), pv = unname(fit$Tests[cause, "pv"]),
         df = unname(fit$Tests[cause, "df"])))
  cumincCases[[length(cumincCases) + 1]] <<- list(input = input, rho = rho, stratified = stratified,
                                                  level = level, curves = curves, tests = tests)
}

crrCases <- list()
addCrr <- function(input, event = NULL, useCengroup = FALSE, level = 0.95) {
  d <- inputs[[input]]
  d$time <- inputTime(d)
  cen <- censoredCode(d)
  status <- cmprskStatus(d, cen)
  failcode <- if (is.null(event)) d$event else event
  x <- do.call(cbind, d$covariates); colnames(x) <- d$covariateNames
  fit <- if (useCengroup) crr(d$time, status, x, failcode = failcode, cencode = cen, cengroup = d$cengroup)
         else crr(d$time, status, x, failcode = failcode, cencode = cen)
  s <- summary(fit, conf.int = level)
  se <- sqrt(diag(fit$var))
  crrCases[[length(crrCases) + 1]] <<- list(
    input = input, event = failcode, cengroup = useCengroup, level = level,
    coef = unname(fit$coef), se = se, z = unname(fit$coef / se),
    # summary.crr's 2·(1 − Φ(|z|)) loses the digits of a small p; this is the same tail without that loss.
    p = 2 * pnorm(-abs(unname(fit$coef / se))),
    hr = unname(exp(fit$coef)), hrLower = unname(s$conf.int[, 3]), hrUpper = unname(s$conf.int[, 4]),
    var = unname(fit$var), loglik = fit$loglik, loglikNull = fit$loglik.null,
    converged = fit$converged, n = fit$n, score = unname(fit$score), information = unname(fit$inf))
}

# survival::mgus2: progression to a plasma-cell malignancy (1) with death before it competing (2), as in
# survival's competing-risks vignette. Complete cases in the covariates used.
m <- mgus2[complete.cases(mgus2[, c("age", "sex", "hgb", "mspike")]), ]
etime <- with(m, ifelse(pstat == 0, futime, ptime))
estat <- with(m, ifelse(pstat == 0, 2 * death, 1))
male <- as.integer(m$sex == "M")
addInput("mgus2", etime, estat, 1, 2, group = male,
         covariates = cbind(age = m$age, male = male, hgb = m$hgb, mspike = m$mspike),
         cengroup = male)
addCuminc("mgus2", c(0, 12, 60, 100, 200, 300, 350, 400, 500, -1))
addCuminc("mgus2", c(60, 120, 240), rho = 1)
addCrr("mgus2")
addCrr("mgus2", event = 2)
addCrr("mgus2", useCengroup = TRUE)

# A hand-made set with ties: both causes and censoring at one time, an unlisted status (9, censored), an
# event at time 0 and at the largest time.
addInput("ties",
         time   = c(0, 1, 2, 2, 2, 2, 3, 3, 4, 5, 5, 5, 6, 7, 7, 8, 9, 9, 10, 10, 11, 12, 12, 12, 13, 14),
         status = c(1, 0, 1, 2, 0, 1, 9, 2, 1, 2, 2, 1, 0, 1, 2, 9, 1, 1, 0, 2, 2, 1, 2, 0, 0, 1),
         event = 1, competing = 2,
         group  = c(0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1),
         covariates = cbind(x = c(0.5, -1, 2, 0.3, 1.1, -0.4, 0, 1.6, -2, 0.9, 0.2, -0.7, 1.3, 0.1, -1.5, 0.8,
                                  2.2, -0.3, 0.6, -1.2, 1.9, 0.4, -0.8, 1, 0, -0.1),
                            z = c(1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0)))
addCuminc("ties", c(0, 1, 2, 2.5, 5, 12, 13, 14, 15))
addCuminc("ties", c(2, 9), level = 0.9)
# The same rows in two strata, group 1 only in the first: Gray's test sums what each stratum can compare.
tiesStrata <- inputs$ties
tiesStrata$strata <- ifelse(tiesStrata$group == 1, 1L, rep(1:2, length.out = length(tiesStrata$group)))
inputs$tiesStrata <- tiesStrata
addCuminc("tiesStrata", c(5), stratified = TRUE)
addCuminc("tiesStrata", c(5), rho = 2, stratified = TRUE)
addCrr("ties")
addCrr("ties", event = 2)

# cuminc's own example: three groups, two strata, 100 exponential times.
set.seed(2)
ss <- rexp(100)
gg <- sample(1:3, 100, replace = TRUE)
cc <- sample(0:2, 100, replace = TRUE)
strt <- sample(1:2, 100, replace = TRUE)
xx <- round(rnorm(100), 3)
addInput("example3", ss, cc, 1, 2, group = gg - 1L, strata = strt,
         covariates = cbind(g2 = as.numeric(gg == 2), g3 = as.numeric(gg == 3), x = xx))
addCuminc("example3", c(0.1, 0.5, 1, 2, 3))
addCuminc("example3", c(0.5, 1), stratified = TRUE)
addCuminc("example3", c(0.5, 1), rho = 1, stratified = TRUE)
addCrr("example3")

# MASS::Melanoma: death from melanoma (1) against death from other causes (3); alive (2) is censored.
mel <- Melanoma
addInput("melanoma", mel$time, mel$status, 1, 3, group = mel$ulcer, strata = mel$sex,
         covariates = cbind(sex = mel$sex, age = mel$age, thickness = mel$thickness, ulcer = mel$ulcer),
         cengroup = mel$sex)
addCuminc("melanoma", c(365, 1826, 3652))
addCuminc("melanoma", c(1826), stratified = TRUE)
addCrr("melanoma")
addCrr("melanoma", useCengroup = TRUE)

# A group with no events of the competing cause, and one of its causes absent from the other group too.
addInput("nocause",
         time   = c(1, 2, 3, 4, 5, 6, 7, 8, 2, 3, 4, 5, 6, 7, 8, 9),
         status = c(1, 0, 1, 1, 0, 1, 0, 0, 1, 2, 0, 2, 1, 0, 2, 0),
         event = 1, competing = 2,
         group  = c(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1))
addCuminc("nocause", c(2, 5, 9))

# x = 1 exactly for the rows that fail from the event: the coefficient runs off to infinity and crr stops
# after its 10 iterations with converged = FALSE.
addInput("separated", c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 2, 1, 0, 1, 2, 0, 0), 1, 2,
         covariates = cbind(x = c(1, 0, 1, 0, 1, 0, 0, 0)))
addCrr("separated")

# No competing event at all: the cumulative incidence is 1 − Kaplan–Meier.
addInput("onecause", c(3, 4, 5.5, 6, 6, 8, 9, 12, 15, 20), c(1, 0, 1, 1, 0, 1, 0, 1, 1, 0), 1, 2)
addCuminc("onecause", c(5, 10, 20))
km <- survfit(Surv(inputs$onecause$time, inputs$onecause$status) ~ 1)
oneMinusKM <- list(time = km$time, cif = 1 - km$surv)

# crr estimates the censoring distribution with survfit, which ties times apart by rounding noise (timefix),
# and reads it at the raw times: t·(1 − 100ε) against the tied knots. Everything else in crr compares the
# raw times exactly. Months computed two ways (days / 30.4375 beside (days − 7) / 30.4375 + 7 / 30.4375)
# differ by an ulp or two, under crr's 100ε; a third of the times rounded to 9 decimals differ from the
# others by up to 5e-10, more than 100ε and less than survfit's tolerance, so crr reads G after the tied
# step there. A copy of crr whose survfit call has timefix = FALSE gives other numbers on both sets, so the
# cases prove the tying is reproduced, not merely harmless.
crrSource <- paste(deparse(crr), collapse = "\n")
survfitCall <- "(subset = cengroup ==\\s*k)\\)"
stopifnot(grepl(survfitCall, crrSource))
crrWithoutTimefix <- eval(parse(text = sub(survfitCall, "\\1, timefix = FALSE)", crrSource)))
environment(crrWithoutTimefix) <- asNamespace("cmprsk")
set.seed(20261130)
n <- 160
days <- sample(seq(30, 1800, by = 15), n, replace = TRUE)
way <- sample(1:3, n, replace = TRUE)
months <- ifelse(way == 1, days / 30.4375,
                 ifelse(way == 2, (days - 7) / 30.4375 + 7 / 30.4375, round(days / 30.4375, 9)))
noiseStatus <- sample(0:2, n, replace = TRUE, prob = c(0.3, 0.4, 0.3))
noiseX <- cbind(x = round(rnorm(n), 2), z = rbinom(n, 1, 0.5))
noiseGroup <- rbinom(n, 1, 0.5)
u <- sort(unique(months)); gap <- diff(u) / u[-1]
stopifnot(any(gap < 10 * .Machine$double.eps), any(gap > 100 * .Machine$double.eps & gap < 1e-8))
addInput("noise", months, noiseStatus, 1, 2, group = noiseGroup, covariates = noiseX, cengroup = noiseGroup,
         exactTime = TRUE)
for (g in list(NULL, noiseGroup)) {
  a <- if (is.null(g)) crr(months, noiseStatus, noiseX) else crr(months, noiseStatus, noiseX, cengroup = g)
  b <- if (is.null(g)) crrWithoutTimefix(months, noiseStatus, noiseX)
       else crrWithoutTimefix(months, noiseStatus, noiseX, cengroup = g)
  stopifnot(max(abs(a$coef / b$coef - 1)) > 1e-5, max(abs(sqrt(diag(a$var) / diag(b$var)) - 1)) > 1e-5)
}
addCrr("noise")
addCrr("noise", useCengroup = TRUE)
addCrr("noise", event = 2)
addCuminc("noise", c(3, 12, 24, 48))

# A censoring group whose follow-up all ends at time 0: crr's last knot, 0·(1 + 10ε), is then 0 again, and
# approx averages the two values at 0, so that group's competing failures at 0 keep a weight of 1 for ever.
addInput("zeroGroup", c(0, 0, 0, 1, 2, 3, 3, 4, 5, 6, 7, 8), c(2, 0, 2, 1, 0, 2, 1, 1, 0, 1, 2, 1), 1, 2,
         covariates = cbind(x = c(0.3, -1, 1.2, 0.5, 0.1, -0.6, 1.4, -0.2, 0.8, -1.1, 0.4, 0.9)),
         cengroup = c(1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2))
collapsed <- FALSE
withCallingHandlers(addCrr("zeroGroup", useCengroup = TRUE), warning = function(w) {
  if (grepl("collapsing to unique", conditionMessage(w))) { collapsed <<- TRUE; invokeRestart("muffleWarning") }
})
stopifnot(collapsed)

# A competing failure inside the last tied run but more than 100ε above its first time reads G after the
# step to 0; a later failure from the event then weights it 0/0, and crr stops with an error.
crrFailures <- list()
addInput("zeroWeight", c(1, 2, 3, 4, 5, 5 + 1e-9, 5 + 2e-9, 2.5, 3.5), c(1, 0, 2, 1, 0, 2, 1, 1, 0), 1, 2,
         covariates = cbind(x = c(0.2, 1, -1, 0.5, 0.3, -0.2, 0.9, -0.4, 0.1)), exactTime = TRUE)
failed <- try(with(inputs$zeroWeight, crr(inputTime(inputs$zeroWeight), status, covariates[[1]])), silent = TRUE)
stopifnot(inherits(failed, "try-error"))
crrFailures[[length(crrFailures) + 1]] <- list(input = "zeroWeight", error = conditionMessage(attr(failed, "condition")))

write_json(list(inputs = inputs, cuminc = cumincCases, crr = crrCases, crrFailures = crrFailures,
                oneMinusKM = oneMinusKM), "cmprsk.json",
           digits = NA, auto_unbox = TRUE, null = "null", na = "null", matrix = "rowmajor")
