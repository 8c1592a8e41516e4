# Reference for the bundled data sets: every column of survival::aml and survival::lung (with the added
# `dead` = status - 1), as R holds them, to check the embedded CSV text reads back to the same table.
# Run from this folder:
#   Rscript bundled_datasets.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
lung <- survival::lung
lung$dead <- lung$status - 1L
describe <- function(d) {
  list(
    nrow = nrow(d),
    columns = lapply(names(d), function(col) {
      x <- d[[col]]
      if (is.factor(x) || is.character(x)) {
        f <- factor(as.character(x))
        list(name = col, kind = "text", levels = levels(f), values = as.character(x))
      } else {
        list(name = col, kind = "number", values = as.numeric(x), missing = sum(is.na(x)), sum = sum(x, na.rm = TRUE))
      }
    })
  )
}
out <- list(survival = as.character(packageVersion("survival")),
            aml = describe(survival::aml), lung = describe(lung))
write_json(out, "bundled_datasets.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null")
