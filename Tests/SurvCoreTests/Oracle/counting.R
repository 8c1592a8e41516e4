# Reference values for (start, stop] data (survival 3.5.3): survfit and coxph on Surv(start, stop, event),
# with both tie methods, strata() and cluster(). Run from this folder:
#   Rscript counting.R
# Writes data/bladder2.csv and data/myeloid_split.csv (the rows R computed on; heart.csv comes from
# export_datasets.R) and counting.json.
suppressPackageStartupMessages(library(survival))
library(jsonlite)
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

bladder2 <- survival::bladder2
write.csv(bladder2, "data/bladder2.csv", row.names = FALSE, na = "NA")
heart <- survival::heart
# myeloid split at transplant, as tmerge does it: the covariate tx switches on at txtime.
base <- survival::myeloid[, c("id", "trt", "sex", "futime", "death", "txtime")]
split <- tmerge(base[, c("id", "trt", "sex")], base, id = id, death = event(futime, death), tx = tdc(txtime))
split <- split[order(split$id, split$tstart), ]
write.csv(split, "data/myeloid_split.csv", row.names = FALSE, na = "NA")

curve <- function(fit) {
  s <- if (is.null(fit$strata)) rep("all", length(fit$time)) else rep(names(fit$strata), fit$strata)
  list(stratum = s, time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
       surv = fit$surv, std_err = fit$std.err, lower = fit$lower, upper = fit$upper)
}
model <- function(fit) {
  s <- summary(fit)
  cm <- s$coefficients
  robust <- "robust se" %in% colnames(cm)
  list(names = rownames(cm), coef = unname(cm[, "coef"]), se = unname(cm[, "se(coef)"]),
       robust_se = if (robust) unname(cm[, "robust se"]) else NULL,
       z = unname(cm[, "z"]), p = unname(cm[, "Pr(>|z|)"]),
       lower = unname(s$conf.int[, "lower .95"]), upper = unname(s$conf.int[, "upper .95"]),
       loglik = unname(fit$loglik), lr = 2 * diff(unname(fit$loglik)), wald = unname(fit$wald.test),
       score = unname(fit$score), concordance = unname(s$concordance[1]), concordance_se = unname(s$concordance[2]),
       n = fit$n, events = fit$nevent, iterations = fit$iter)
}

out <- list()
out$km_bladder2 <- curve(survfit(Surv(start, stop, event) ~ rx, data = bladder2))
out$km_heart <- curve(survfit(Surv(start, stop, event) ~ transplant, data = heart))
out$km_myeloid <- curve(survfit(Surv(tstart, tstop, death) ~ trt, data = split))
# The number at risk a figure prints under ticks every 200 days: summary(fit, times = ticks)$n.risk, the
# risk set of the first curve time at or after each tick (0 once follow-up has ended).
at_risk <- summary(survfit(Surv(start, stop, event) ~ transplant, data = heart), times = seq(0, 1800, 200), extend = TRUE)
out$km_heart_at_risk <- list(stratum = as.character(at_risk$strata), time = at_risk$time, n_risk = at_risk$n.risk)
for (ties in c("efron", "breslow")) {
  out[[paste0("cox_bladder2_", ties)]] <- model(coxph(Surv(start, stop, event) ~ rx + size + number, data = bladder2, ties = ties))
  out[[paste0("cox_heart_", ties)]] <- model(coxph(Surv(start, stop, event) ~ age + surgery + transplant, data = heart, ties = ties))
  out[[paste0("cox_bladder2_strata_", ties)]] <- model(coxph(Surv(start, stop, event) ~ rx + size + strata(enum), data = bladder2, ties = ties))
  out[[paste0("cox_bladder2_cluster_", ties)]] <- model(coxph(Surv(start, stop, event) ~ rx + size + number + cluster(id), data = bladder2, ties = ties))
  # cluster() on one-row-per-interval data read as right-censored (stop, event): coxph.fit's risk sets.
  out[[paste0("cox_bladder2_stop_cluster_", ties)]] <- model(coxph(Surv(stop, event) ~ rx + size + cluster(id), data = bladder2, ties = ties))
  out[[paste0("cox_myeloid_cluster_", ties)]] <- model(coxph(Surv(tstart, tstop, death) ~ trt + sex + tx + cluster(id), data = split, ties = ties))
}
# bladder2 with its days as months computed two ways (days / 30.4375 on odd rows, (days - 7) / 30.4375 + 7 / 30.4375
# on even ones): equal days give times that differ by rounding noise, which survfit and coxph tie (aeqSurv).
# Written at 17 significant digits so that the noise survives the file.
months <- function(days, odd) ifelse(odd, days / 30.4375, (days - 7) / 30.4375 + 7 / 30.4375)
odd <- seq_len(nrow(bladder2)) %% 2 == 1
bladderMonths <- transform(bladder2, start = months(start, odd), stop = months(stop, !odd))
text <- bladderMonths
text$start <- sprintf("%.17g", text$start); text$stop <- sprintf("%.17g", text$stop)
write.csv(text, "data/bladder2_months.csv", row.names = FALSE, na = "NA", quote = FALSE)
stopifnot(isTRUE(all.equal(read.csv("data/bladder2_months.csv")$stop, bladderMonths$stop, tolerance = 0)))
out$km_bladder2_months <- curve(survfit(Surv(start, stop, event) ~ rx, data = bladderMonths))
out$cox_bladder2_months <- model(coxph(Surv(start, stop, event) ~ rx + size + number + cluster(id), data = bladderMonths))
# Without the ties the estimates differ: the test above can fail.
untied <- coxph(Surv(start, stop, event) ~ rx + size + number + cluster(id), data = bladderMonths,
                control = coxph.control(timefix = FALSE))
out$cox_bladder2_months_untied_coef <- unname(coef(untied))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "counting.json")
cat("survival", as.character(packageVersion("survival")), "\n")
