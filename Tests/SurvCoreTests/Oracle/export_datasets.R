# Exports the public data sets that ship with R's survival package as CSV files, so that the
# oracle tests can read the very rows R computed on. Run from this folder:
#   Rscript export_datasets.R
suppressPackageStartupMessages(library(survival))
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
out <- "data"
dir.create(out, showWarnings = FALSE)
sets <- list(
  lung = survival::lung,
  aml = survival::aml,
  ovarian = survival::ovarian,
  colon = survival::colon,
  kidney = survival::kidney,
  heart = survival::heart,
  veteran = survival::veteran
)
for (name in names(sets)) {
  d <- sets[[name]]
  for (col in names(d)) if (is.factor(d[[col]])) d[[col]] <- as.character(d[[col]])
  write.csv(d, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "NA")
}
cat("survival", as.character(packageVersion("survival")), "\n")
