# Reference values for the data behind plot(cox.zph(fit)) (survival 3.x). Run from this folder:
#   Rscript zph_plot.R
# Writes zph_plot.json: per case, the zph object's var matrix, the natural-spline basis plot.cox.zph builds,
# and per term the smooth (yhat) and its band (ylow, yup) at the nsmo points pred.x, with the time-axis
# ticks (xaxisval, xaxislab). The computation below is plot.cox.zph's own, line for line, minus the drawing.
suppressPackageStartupMessages(library(survival))
library(splines)
library(jsonlite)
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

lung <- survival::lung
veteran <- survival::veteran
colon <- subset(survival::colon, etype == 2)
# A covariate that is constant (0) among women: stratified by sex, its scaled residuals are NA there.
lung$ecog_men <- ifelse(lung$sex == 1, lung$ph.ecog, 0)

plot_data <- function(x, df = 4, nsmo = 40, basis = FALSE) {
  xx <- x$x
  yy <- x$y
  df <- max(df)
  nvar <- ncol(yy)
  pred.x <- seq(from = min(xx), to = max(xx), length = nsmo)
  temp <- c(pred.x, xx)
  lmat <- ns(temp, df = df, intercept = TRUE)
  pmat <- lmat[1:nsmo, ]
  xmat <- lmat[-(1:nsmo), ]
  ticks <- NULL
  if (x$transform != "log" && x$transform != "identity") {
    xtime <- x$time
    indx <- !duplicated(xx)
    apr1 <- approx(xx[indx], xtime[indx], seq(min(xx), max(xx), length = 17)[2 * (1:8)])
    temp <- signif(apr1$y, 2)
    apr2 <- approx(xtime[indx], xx[indx], temp)
    xaxisval <- apr2$y
    ticks <- list(xaxisval = xaxisval, xaxislab = temp)
  }
  terms <- list()
  for (i in 1:nvar) {
    y <- yy[, i]
    keep <- !is.na(y)
    if (!all(keep)) y <- y[keep]
    qmat <- qr(xmat[keep, ])
    if (qmat$rank < df) {
      terms[[i]] <- list(term = colnames(yy)[i], singular = TRUE)
      next
    }
    yhat <- pmat %*% qr.coef(qmat, y)
    bk <- backsolve(qmat$qr[1:df, 1:df], diag(df))
    xtx <- bk %*% t(bk)
    seval <- ((pmat %*% xtx) * pmat) %*% rep(1, df)
    temp <- 2 * sqrt(x$var[i, i] * seval)
    terms[[i]] <- list(term = colnames(yy)[i], singular = FALSE, yhat = drop(yhat),
                       yup = drop(yhat + temp), ylow = drop(yhat - temp), kept = sum(keep))
  }
  out <- list(df = df, nsmo = nsmo, transform = x$transform, var = unname(x$var), pred_x = pred.x,
              knots = unname(attr(lmat, "knots")), terms = terms, ticks = ticks)
  if (basis) out$basis <- unname(unclass(lmat)[, seq_len(ncol(lmat))])
  out
}

fits <- list(
  lung_age_sex = coxph(Surv(time, status) ~ age + sex, data = lung),
  lung_heavy_ties = coxph(Surv(ceiling(time / 100), status) ~ age + sex + ph.ecog, data = lung),
  veteran = coxph(Surv(time, status) ~ celltype + karno + strata(prior), data = veteran),
  veteran_unstratified = coxph(Surv(time, status) ~ karno + celltype, data = veteran),
  colon = coxph(Surv(time, status) ~ rx + age + nodes + strata(sex), data = colon),
  lung_partial = coxph(Surv(time, status) ~ age + ecog_men + strata(sex), data = lung),
  # Times whose two-digit rounding repeats (1100, 1100, ...) or falls outside the event times (every
  # label 1000, below the first event), so that ticks coincide or have no position.
  lung_shifted = coxph(Surv(time + 1000, status) ~ age + sex, data = lung),
  lung_compressed = coxph(Surv(time / 100 + 1040, status) ~ age + sex, data = lung),
  # Three distinct event times: too few for four spline columns, so R skips every term.
  lung_years = coxph(Surv(ceiling(time / 365), status) ~ age + sex, data = lung)
)
transforms <- list(
  lung_age_sex = c("km", "rank", "identity", "log"),
  lung_heavy_ties = c("km", "rank"),
  veteran = c("km"),
  veteran_unstratified = c("km", "log"),
  colon = c("km"),
  lung_partial = c("km", "identity"),
  lung_shifted = c("km"),
  lung_compressed = c("km", "rank"),
  lung_years = c("km")
)
cases <- list()
for (name in names(fits)) {
  for (tr in transforms[[name]]) {
    cases[[paste(name, tr, sep = "/")]] <- plot_data(cox.zph(fits[[name]], transform = tr),
                                                     basis = name == "lung_age_sex" || name == "lung_partial")
  }
}
# Other degrees of freedom and numbers of points.
z <- cox.zph(fits$lung_age_sex)
cases[["lung_age_sex/km/df3_n25"]] <- plot_data(z, df = 3, nsmo = 25, basis = TRUE)
cases[["lung_age_sex/km/df6_n60"]] <- plot_data(z, df = 6, nsmo = 60, basis = TRUE)
cases[["lung_age_sex/km/df2_n2"]] <- plot_data(z, df = 2, nsmo = 2, basis = TRUE)

# signif(, 2), which rounds the tick labels, on halves and on the ends of the double range.
signif_in <- c(0.35, 0.15, 1.25, 2.5, 0.0125, 125, 1250, 99.5, 0.995, 2.5e-5, 12345, 1.05e300, 1.15e-300,
               -0.35, 7.7e-310, 1.234e308)

write_json(list(survival = as.character(packageVersion("survival")), cases = cases,
                signif = list(x = signif_in, y = signif(signif_in, 2))), "zph_plot.json",
           digits = NA, auto_unbox = TRUE, null = "null", na = "null", matrix = "columnmajor")
