# Reference values for Cox models on (start, stop] data at the edges of agreg.fit (survival 3.5.3): a
# coefficient diverging within strata, fits that run out of iterations, an aliased column, a robust SE of 0,
# an infinite coefficient with cluster(), a redundant column R keeps by accident. Run from this folder:
#   Rscript counting_edges.R
# Writes the data sets R fitted to data/counting_edge_*.csv (read back before fitting, so that both sides
# compute on the same numbers) and counting_edges.json: per case the coefficients R reports (NA for aliased
# columns), their SEs, z, p, log-likelihoods, Wald test, iterations and warnings.
suppressPackageStartupMessages(library(survival))
library(jsonlite)
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

roundTrip <- function(d, name) {
  path <- file.path("data", paste0("counting_edge_", name, ".csv"))
  text <- d
  for (col in names(text)) if (is.double(text[[col]])) text[[col]] <- sprintf("%.17g", text[[col]])
  write.csv(text, path, row.names = FALSE, na = "NA", quote = FALSE)
  back <- read.csv(path, na.strings = "NA")
  stopifnot(isTRUE(all.equal(back[, sapply(back, is.numeric)], d[, sapply(d, is.numeric)], tolerance = 0, check.attributes = FALSE)))
  back
}

describe <- function(expr) {
  warnings <- character(0)
  fit <- withCallingHandlers(eval(expr), warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning")
  })
  s <- summary(fit)$coefficients
  robust <- "robust se" %in% colnames(s)
  list(names = I(names(coef(fit))), coef = I(unname(coef(fit))),
       se = I(unname(s[, "se(coef)"])), robust_se = if (robust) I(unname(s[, "robust se"])) else NULL,
       z = I(unname(s[, "z"])), p = I(unname(s[, "Pr(>|z|)"])),
       loglik = unname(fit$loglik), wald = unname(fit$wald.test), score = unname(fit$score),
       iterations = fit$iter, rank = unname(fit$info["rank"]), converged = !any(grepl("did not converge", warnings)),
       infinite = any(grepl("infinite", warnings)), warnings = I(warnings))
}

# Design cohort 114 of the differential test (Tests/Differential/findings): within stratum A1 one event has a
# row with another value of bin at risk; after a stretch with no one at risk in that stratum, bin's coefficient
# diverges to -inf and agreg.fit warns.
strata <- roundTrip(read.csv("../../Differential/findings/intervals-strata-information-seed114.csv"), "strata_infinite")
# Design cohort 67, split at two switch times (tmerge): both switches diverge and the fit runs out of
# iterations; the information at beta = 0 has full rank, so agreg.fit keeps both columns.
split <- roundTrip(data.frame(
  tstart = c(0, 0.197125256673511, 0, 0.328542094455852, 0, 0.229979466119097, 0.75564681724846, 0,
             0.68993839835729, 0, 0, 0.262833675564682, 2.33264887063655, 0, 1.14989733059548),
  tstop = c(0.197125256673511, 0.361396303901437, 0.328542094455852, 0.427104722792608, 0.229979466119097,
            0.75564681724846, 1.28131416837782, 0.68993839835729, 1.14989733059548, 0.0328542094455852,
            0.262833675564682, 2.33264887063655, 3.25256673511294, 1.14989733059548, 1.80698151950719),
  tevent = c(0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1),
  tx = c(0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1),
  tx2 = c(0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0)), "split_diverging")
# Design cohort 43: three intervals of two subjects, every row an event; g1's coefficient is 0 and its robust
# SE is 0 (z and p NaN, the Wald test 0/0); x1 is aliased with g1.
zero <- roundTrip(data.frame(
  id = c(1, 1, 2), start = c(0, 0.32854209445585214, 0), stop = c(0.32854209445585214, 0.75564681724846, 0.4928131416837782),
  ev = c(1, 1, 1), x1 = c(-0.10348519485253473, -0.10348519485253473, -0.42943308540603403),
  g1A4 = c(1, 1, 0)), "robust_zero")
# Design cohort 100 (the complete rows): bin diverges with cluster(id); the robust SE stays finite.
cluster <- roundTrip(data.frame(
  id = c(1, 1, 1, 3, 4, 4), start = c(0, 2, 94, 23, 0, 42), stop = c(2, 94, 435, 26, 34, 239), ev = c(1, 1, 1, 1, 1, 1),
  x1 = c(-1.1470184871699154, -1.1470184871699154, -1.1470184871699154, -0.3463665603681822, -0.1645889174192399, -0.1645889174192399),
  bin = c(0, 0, 0, 1, 0, 0)), "cluster_infinite")
# Design cohort 190: one risk set of two rows carries all the information, so x1 and g1A2 are redundant
# together (rank 1 at beta = 0). x1 diverges; R's last factorisation finds full rank by accident and keeps
# g1A2 with a coefficient of 0 and an SE of about 1e8, where surv drops it (Tests/Differential/README.md).
redundant <- roundTrip(data.frame(
  start = c(0, 0, 27, 83.532), stop = c(65.098, 21.28, 81.532, 113.019), ev = c(1, 0, 1, 1),
  x1 = c(-0.7929149783689508, 0.35810408274712324, 1.2868044510248895, 1.2868044510248895),
  g1A2 = c(0, 0, 1, 1)), "redundant_diverging")
# bladder2 with an aliased column: twice size.
aliased <- survival::bladder2
aliased$size2 <- 2 * aliased$size

cases <- list()
for (ties in c("efron", "breslow")) {
  cases[[paste0("strata_infinite_", ties)]] <- describe(quote(coxph(Surv(start, stop, ev) ~ bin + strata(g1), data = strata, ties = ties)))
  cases[[paste0("split_diverging_", ties)]] <- describe(quote(coxph(Surv(tstart, tstop, tevent) ~ tx + tx2, data = split, ties = ties)))
  cases[[paste0("robust_zero_", ties)]] <- describe(quote(coxph(Surv(start, stop, ev) ~ g1A4 + x1 + cluster(id), data = zero, ties = ties)))
  cases[[paste0("cluster_infinite_", ties)]] <- describe(quote(coxph(Surv(start, stop, ev) ~ x1 + bin + cluster(id), data = cluster, ties = ties)))
  cases[[paste0("redundant_diverging_", ties)]] <- describe(quote(coxph(Surv(start, stop, ev) ~ x1 + g1A2, data = redundant, ties = ties)))
  cases[[paste0("aliased_", ties)]] <- describe(quote(coxph(Surv(start, stop, event) ~ rx + size + size2 + number, data = aliased, ties = ties)))
}

writeLines(toJSON(list(survival = as.character(packageVersion("survival")), cases = cases),
                  digits = NA, auto_unbox = TRUE, na = "string", pretty = TRUE), "counting_edges.json")
cat("survival", as.character(packageVersion("survival")), "\n")
