# Reference for the bundled data sets: every column of survival::aml, lung (with the added `dead` =
# status - 1), veteran, pbc (with the added `dead` = status == 2), colon (its death rows, etype 2, without
# etype), ovarian, mgus2 (with etime and event for competing risks), MASS's Melanoma, myeloid, heart (its transplant factor as 0/1) and bladder2, as R holds them,
# and the reconstructed GRAALL cohort as R reads its CSV (examples/graall), to check the embedded CSV text reads
# back to the same table.
# Run from this folder:
#   Rscript bundled_datasets.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
lung <- survival::lung
lung$dead <- lung$status - 1L
pbc <- survival::pbc
pbc$dead <- as.integer(pbc$status == 2)
colon <- survival::colon[survival::colon$etype == 2, setdiff(names(survival::colon), "etype")]
mgus2 <- survival::mgus2
mgus2$etime <- ifelse(mgus2$pstat == 0, mgus2$futime, mgus2$ptime)
mgus2$event <- ifelse(mgus2$pstat == 0, 2L * mgus2$death, 1L)
heart <- survival::heart
heart$transplant <- as.integer(as.character(heart$transplant))
graall <- read.csv(file.path("..", "..", "..", "examples", "graall", "graall-SYNTHETIC.csv"),
                   stringsAsFactors = FALSE, na.strings = "")
# The levels of these columns follow their meaning, as BundledGraall.swift orders them (the first is the
# reference of a Cox term).
graall$cyto <- factor(graall$cyto, levels = c("other", "BCR-ABL1", "KMT2A-r", "TCF3-PBX1", "low-hypo/near-triploid"))
graall$disease_status <- factor(graall$disease_status, levels = c("CR1", "first relapse", "second+ relapse"))
graall$mrd_class <- factor(graall$mrd_class, levels = c("<0.1%", "0.1-1%", ">1%"))
graall$mrd_class4 <- factor(graall$mrd_class4, levels = c("<0.01%", "0.01-0.1%", "0.1-1%", ">1%"))
# An ISO 8601 date column loads as dates, held as days since 1970-01-01.
graall$blin_start_date <- as.numeric(as.Date(graall$blin_start_date))
# A numeric column's values as text with 17 significant digits, so every double reads back exactly:
# jsonlite writes numbers with at most 15 (which would round pbc$age, days / 365.25), and Foundation's JSON
# reader on Linux does not round every 17-digit number correctly; the test reads the text with Double().
exact_numbers <- function(x) ifelse(is.na(x), NA, sprintf("%.17g", x))
describe <- function(d) {
  list(
    nrow = nrow(d),
    columns = lapply(names(d), function(col) {
      x <- d[[col]]
      if (is.factor(x) || is.character(x)) {
        # A factor keeps R's level order (its first level is coxph's reference); text gets factor()'s.
        f <- if (is.factor(x)) droplevels(x) else factor(x)
        list(name = col, kind = "text", levels = levels(f), values = as.character(x))
      } else {
        list(name = col, kind = "number", values = exact_numbers(as.numeric(x)), missing = sum(is.na(x)), sum = sum(x, na.rm = TRUE))
      }
    })
  )
}
out <- list(survival = as.character(packageVersion("survival")),
            aml = describe(survival::aml), lung = describe(lung), veteran = describe(survival::veteran),
            pbc = describe(pbc), colon = describe(colon), ovarian = describe(survival::ovarian),
            mgus2 = describe(mgus2), melanoma = describe(MASS::Melanoma), myeloid = describe(survival::myeloid),
            heart = describe(heart), bladder2 = describe(survival::bladder2), graall = describe(graall))
write_json(out, "bundled_datasets.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null")
