# Reference values for the Cox model (coxph / summary.coxph, survival 3.5.3). Run from this folder:
#   Rscript cox.R
# Writes cox.json: for each case the fitted coefficients with SE, z, p, HR and 95% CI, the log-likelihoods,
# the three global tests, concordance with its standard error, the iteration count and the warnings.
# Constructed data sets (separation, collinearity) are written into the JSON so the tests fit the same rows.
suppressPackageStartupMessages(library(survival))
library(jsonlite)
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

test3 <- function(chisq, df) list(chisq = unname(chisq), df = unname(df), p = pchisq(unname(chisq), unname(df), lower.tail = FALSE))

describe <- function(expr) {
  warnings <- character(0)
  fit <- withCallingHandlers(eval(expr), warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning")
  })
  s <- summary(fit)
  keep <- !is.na(coef(fit))
  cm <- s$coefficients[keep, , drop = FALSE]
  ci <- s$conf.int[keep, , drop = FALSE]
  df <- sum(keep)
  list(
    n = fit$n, nevent = fit$nevent, method = fit$method,
    names = rownames(cm), dropped = names(coef(fit))[!keep],
    coef = unname(cm[, "coef"]), se = unname(cm[, "se(coef)"]), z = unname(cm[, "z"]),
    p = unname(cm[, "Pr(>|z|)"]), hr = unname(cm[, "exp(coef)"]),
    lower = unname(ci[, "lower .95"]), upper = unname(ci[, "upper .95"]),
    var = unname(fit$var[keep, keep, drop = FALSE]),
    loglik = unname(fit$loglik),
    lr = test3(-2 * (fit$loglik[1] - fit$loglik[2]), df),
    wald = test3(fit$wald.test, df),
    score = test3(fit$score, df),
    concordance = unname(fit$concordance["concordance"]),
    concordance_se = unname(fit$concordance["std"]),
    iter = fit$iter,
    warnings = warnings
  )
}

lung <- survival::lung
veteran <- survival::veteran
colon <- subset(survival::colon, etype == 2)
kidney <- survival::kidney
kidney$w <- 1 + (kidney$id %% 3)
heart <- survival::heart
heart$transplant <- as.numeric(as.character(heart$transplant))

# Separation: every subject with x = 1 dies before every subject with x = 0.
sep <- data.frame(
  time = c(1:20, 21:40),
  status = c(rep(1, 20), rep(1, 20)),
  x = rep(c(1, 0), each = 20),
  z = c(0.3, -1.2, 0.8, 1.5, -0.4, 0.1, 2.2, -0.9, 0.5, -1.7, 0.6, 1.1, -0.2, -0.8, 0.9, 0.0, -1.3, 1.4, 0.2, -0.6,
        1.0, -0.5, 0.7, -1.1, 0.4, 1.8, -0.3, 0.2, -1.4, 0.6, 0.9, -0.7, 1.2, -0.1, 0.3, -1.6, 0.8, 0.5, -0.9, 1.3)
)
sep$status[c(5, 30, 33)] <- 0

# Collinearity: x2 is an exact multiple of x1.
col <- data.frame(time = c(5, 8, 8, 12, 15, 16, 20, 22, 25, 30, 31, 35), status = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0),
                  x1 = c(1.2, 0.4, 2.2, 1.9, 0.1, 0.8, 1.5, 0.3, 1.1, 0.6, 2.0, 0.9),
                  x3 = c(0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0))
col$x2 <- 2 * col$x1

# Months computed two ways (days / 30.4375 for even rows, a sum for odd rows): equal days give times that
# differ by rounding noise, which coxph's default timefix = TRUE (aeqSurv) ties again. The times are exported
# as 17-digit strings, since 15 digits (jsonlite's maximum) would erase the noise under test.
noisy <- subset(lung, !is.na(ph.ecog), select = c(time, status, age, sex, ph.ecog))
noisy$months <- ifelse(seq_len(nrow(noisy)) %% 2 == 0, noisy$time / 30.4375, (noisy$time - 7) / 30.4375 + 7 / 30.4375)
stopifnot(sum(noisy$months != noisy$time / 30.4375) > 0)

cases <- list(
  lung_efron = describe(quote(coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung))),
  lung_breslow = describe(quote(coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = "breslow"))),
  lung_factor = describe(quote(coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung))),
  veteran = describe(quote(coxph(Surv(time, status) ~ celltype + karno + strata(prior), data = veteran))),
  veteran_breslow = describe(quote(coxph(Surv(time, status) ~ celltype + karno + strata(prior), data = veteran, ties = "breslow"))),
  colon = describe(quote(coxph(Surv(time, status) ~ rx + age + nodes + strata(sex), data = colon))),
  ovarian = describe(quote(coxph(Surv(futime, fustat) ~ age + resid.ds + rx + ecog.ps, data = ovarian))),
  kidney_weighted = describe(quote(coxph(Surv(time, status) ~ age + sex + disease, data = kidney, weights = w))),
  lung_heavy_ties = describe(quote(coxph(Surv(ceiling(time / 100), status) ~ age + sex + ph.ecog, data = lung))),
  kidney_many_strata = describe(quote(coxph(Surv(time, status) ~ age + frail + strata(id), data = kidney))),
  heart = describe(quote(coxph(Surv(stop, event) ~ age + year + surgery + transplant, data = heart))),
  separated = describe(quote(coxph(Surv(time, status) ~ x + z, data = sep))),
  collinear = describe(quote(coxph(Surv(time, status) ~ x1 + x2 + x3, data = col))),
  lung_noisy_times = describe(quote(coxph(Surv(months, status) ~ age + sex + ph.ecog, data = noisy))),
  not_converged = describe(quote(coxph(Surv(time, status) ~ x + z, data = sep, control = coxph.control(iter.max = 3))))
)

out <- list(
  survival = as.character(packageVersion("survival")),
  cases = cases,
  data = list(separated = sep, collinear = col,
              noisy_times = transform(noisy, months = sprintf("%.17g", months), time = NULL)),
  levels = list(celltype = levels(veteran$celltype), rx = levels(colon$rx), disease = levels(kidney$disease))
)
write_json(out, "cox.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null", pretty = TRUE, matrix = "rowmajor")
