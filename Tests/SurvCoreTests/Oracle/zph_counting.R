# Reference values for the proportional-hazards test on (start, stop] fits (cox.zph on
# coxph(Surv(start, stop, event) ~ ...), survival 3.5.3; R's zph2). Run from this folder:
#   Rscript zph_counting.R
# Reads the rows counting.R wrote (data/bladder2.csv, data/myeloid_split.csv) and export_datasets.R's
# data/heart.csv; writes zph_counting.json: per case and transform, the per-term and global tests and the
# scaled Schoenfeld residuals (event times, transformed times, one column per term).
suppressPackageStartupMessages(library(survival))
library(jsonlite)
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

bladder2 <- read.csv("data/bladder2.csv")
# A three-level factor, so one term spans two design columns (a 2-df test).
bladder2$numgrp <- factor(pmin(bladder2$number, 3))
heart <- read.csv("data/heart.csv")
split <- read.csv("data/myeloid_split.csv")

describe <- function(fit, transform) {
  z <- cox.zph(fit, transform = transform)
  tab <- z$table
  nterm <- nrow(tab) - 1
  list(
    terms = rownames(tab)[1:nterm],
    chisq = unname(tab[1:nterm, "chisq"]), df = unname(tab[1:nterm, "df"]), p = unname(tab[1:nterm, "p"]),
    global = list(chisq = unname(tab[nterm + 1, "chisq"]), df = unname(tab[nterm + 1, "df"]), p = unname(tab[nterm + 1, "p"])),
    time = unname(z$time), x = unname(z$x), y = unname(z$y)
  )
}

fits <- list(
  bladder2_efron = coxph(Surv(start, stop, event) ~ rx + size + number, data = bladder2),
  bladder2_breslow = coxph(Surv(start, stop, event) ~ rx + size + number, data = bladder2, ties = "breslow"),
  bladder2_strata = coxph(Surv(start, stop, event) ~ rx + size + strata(enum), data = bladder2),
  bladder2_factor = coxph(Surv(start, stop, event) ~ rx + size + numgrp, data = bladder2),
  heart_efron = coxph(Surv(start, stop, event) ~ age + surgery + transplant, data = heart),
  heart_breslow = coxph(Surv(start, stop, event) ~ age + surgery + transplant, data = heart, ties = "breslow"),
  myeloid_cluster = coxph(Surv(tstart, tstop, death) ~ trt + sex + tx + cluster(id), data = split),
  # cluster() on one-row data read as right-censored (stop, event): cox.zph takes its zph1 path, which lists
  # tied events in row order.
  bladder2_stop_cluster = coxph(Surv(stop, event) ~ rx + size + cluster(id), data = bladder2)
)
cases <- list()
for (name in names(fits)) {
  for (tr in c("km", "rank", "identity", "log")) {
    cases[[paste(name, tr, sep = "/")]] <- describe(fits[[name]], tr)
  }
}
write_json(list(survival = as.character(packageVersion("survival")), cases = cases), "zph_counting.json",
           digits = NA, auto_unbox = TRUE, null = "null", na = "null", matrix = "columnmajor")
