# Reference values for the proportional-hazards test (cox.zph, survival 3.5.3). Run from this folder:
#   Rscript zph.R
# Writes zph.json: per case and transform, the per-term and global chi-square tests and the scaled
# Schoenfeld residuals (event times, transformed times, one column per term; NA where R gives NA).
suppressPackageStartupMessages(library(survival))
library(jsonlite)
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

lung <- survival::lung
veteran <- survival::veteran
colon <- subset(survival::colon, etype == 2)
kidney <- survival::kidney
kidney$w <- 1 + (kidney$id %% 3)

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

# The same noisy months as cox.R's lung_noisy_times (see there): cox.zph must tie them as coxph does.
noisy <- subset(lung, !is.na(ph.ecog), select = c(time, status, age, sex, ph.ecog))
noisy$months <- ifelse(seq_len(nrow(noisy)) %% 2 == 0, noisy$time / 30.4375, (noisy$time - 7) / 30.4375 + 7 / 30.4375)

fits <- list(
  lung_efron = coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung),
  lung_breslow = coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = "breslow"),
  lung_heavy_ties = coxph(Surv(ceiling(time / 100), status) ~ age + sex + ph.ecog, data = lung),
  lung_factor = coxph(Surv(time, status) ~ age + sex + factor(ph.ecog), data = lung),
  veteran = coxph(Surv(time, status) ~ celltype + karno + strata(prior), data = veteran),
  colon = coxph(Surv(time, status) ~ rx + age + nodes + strata(sex), data = colon),
  ovarian = coxph(Surv(futime, fustat) ~ age + resid.ds + rx + ecog.ps, data = ovarian),
  kidney_weighted = coxph(Surv(time, status) ~ age + sex + disease, data = kidney, weights = w),
  lung_noisy_times = coxph(Surv(months, status) ~ age + sex + ph.ecog, data = noisy)
)
cases <- list()
for (name in names(fits)) {
  for (tr in c("km", "rank", "identity", "log")) {
    cases[[paste(name, tr, sep = "/")]] <- describe(fits[[name]], tr)
  }
}
write_json(list(survival = as.character(packageVersion("survival")), cases = cases), "zph.json",
           digits = NA, auto_unbox = TRUE, null = "null", na = "null", matrix = "columnmajor")
