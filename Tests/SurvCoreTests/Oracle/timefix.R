# Reference values for times that differ by rounding noise, read by every survival computation from one
# preparation (survival 3.5.3). Run from this folder:
#   Rscript timefix.R
# Writes timefix.json: the data (times as 17-digit strings, since 15 digits, jsonlite's maximum, would erase
# the noise), and R's answers with the default timefix = TRUE: survfit by stratum, survdiff, the reverse
# Kaplan-Meier median follow-up, a stratified coxph and its cox.zph.
#
# R applies aeqSurv to the whole response before strata are formed, so a chain of near-equal times that runs
# across strata ties in all of them, where each stratum on its own would not tie its two ends. The data hold
# such chains, and the script checks that they do make that difference, so the test proves something.
suppressPackageStartupMessages(library(survival))
library(jsonlite)

set.seed(20261130)
n <- 240
g <- rep(c("A", "B", "C"), length.out = n)
x1 <- round(rnorm(n), 3)
x2 <- rbinom(n, 1, 0.4)
days <- sample(1:540, n, replace = TRUE)
status <- rbinom(n, 1, 0.7)
# Years computed two ways: equal days give times that differ by rounding noise.
years <- ifelse(seq_len(n) %% 2 == 0, days / 365.25, (days - 7) / 365.25 + 7 / 365.25)

# Chains across strata: A holds t and t + 2d, B holds t + d, with d below the tolerance and 2d above it
# (absolutely, and relative to the mean of the times), so only the pooled times tie A's two.
d <- 1.2e-8
chain <- function(t0) data.frame(g = c("A", "B", "A"), years = t0 + c(0, d, 2 * d), status = c(1, 1, 1),
                                 x1 = c(0.25, -0.5, 1.1), x2 = c(1, 0, 0))
extra <- rbind(chain(0.41), chain(0.83))
data <- rbind(data.frame(g = g, years = years, status = status, x1 = x1, x2 = x2), extra)
stopifnot(sum(data$years != round(data$years * 365.25) / 365.25) > 0)

pooled <- survfit(Surv(years, status) ~ g, data = data)
alone <- survfit(Surv(years, status) ~ 1, data = subset(data, g == "A"))
stopifnot(length(alone$time) > pooled$strata[["g=A"]])

# JSON has no infinity: infinite values are written as the string "Inf" (Greenwood's variance once S = 0).
withInf <- function(x) lapply(x, function(v) if (is.finite(v) || is.na(v)) v else if (v > 0) "Inf" else "-Inf")
curves <- lapply(split(seq_along(pooled$time), rep(names(pooled$strata), pooled$strata)), function(i) list(
  time = pooled$time[i], n.risk = pooled$n.risk[i], n.event = pooled$n.event[i], n.censor = pooled$n.censor[i],
  surv = pooled$surv[i], std.err = withInf(pooled$std.err[i])
))
names(curves) <- sub("^g=", "", names(curves))

followup <- survfit(Surv(years, 1 - status) ~ g, data = data)
followup_median <- unname(summary(followup)$table[, "median"])

test <- survdiff(Surv(years, status) ~ g, data = data)
stratified_test <- survdiff(Surv(years, status) ~ x2 + strata(g), data = data)

fit <- coxph(Surv(years, status) ~ x1 + x2 + strata(g), data = data)
zph <- cox.zph(fit)
tab <- zph$table

out <- list(
  survival = as.character(packageVersion("survival")),
  data = transform(data, years = sprintf("%.17g", years)),
  km = curves,
  followup_median = followup_median,
  logrank = list(observed = unname(test$obs), expected = unname(test$exp), chisq = unname(test$chisq)),
  logrank_stratified = list(observed = unname(rowSums(stratified_test$obs)), expected = unname(rowSums(stratified_test$exp)),
                            chisq = unname(stratified_test$chisq)),
  cox = list(coef = unname(coef(fit)), var = unname(fit$var), loglik = unname(fit$loglik),
             concordance = unname(fit$concordance["concordance"]), concordance_se = unname(fit$concordance["std"])),
  zph = list(chisq = unname(tab[, "chisq"]), df = unname(tab[, "df"]), time = unname(zph$time), y = unname(zph$y))
)
write_json(out, "timefix.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null", pretty = TRUE, matrix = "rowmajor")
