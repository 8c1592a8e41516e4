# Generates the Swift files that embed the bundled data sets as CSV text, plus the catalog listing them.
# Run from this folder:
#   Rscript export_bundled.R
#
# To bundle another data set, add it to `sets` below (for a CSV file: read.csv("file.csv")) and re-run:
# the data file and the catalog are regenerated, so this script is the only file edited by hand.
suppressPackageStartupMessages(library(survival))
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")

lung <- survival::lung
# R codes lung$status as 1 = censored, 2 = dead; kept as R has it. `dead` (0/1) is added for convenience.
lung$dead <- lung$status - 1L
# R codes pbc$status as 0 = censored, 1 = transplant, 2 = dead; kept as R has it. `dead` (0/1) is added so
# that death is an endpoint surv reads (a transplant counts as censored, as in the usual analysis).
pbc <- survival::pbc
pbc$dead <- as.integer(pbc$status == 2)
# R's colon has two rows per patient, one per event type (etype 1 = recurrence, 2 = death); a survival
# analysis without start-stop data needs one row per patient, so only the death rows are bundled, and
# etype (then always 2) is left out.
colon <- survival::colon[survival::colon$etype == 2, setdiff(names(survival::colon), "etype")]
# R's mgus2 keeps progression and death apart (ptime/pstat, futime/death); for a competing-risks endpoint
# one time and one status are added, as the survival package's vignette builds them: etime, the time to
# progression or else to death or censoring, and event, 1 = progression, 2 = death before it, 0 = censored.
mgus2 <- survival::mgus2
mgus2$etime <- ifelse(mgus2$pstat == 0, mgus2$futime, mgus2$ptime)
mgus2$event <- ifelse(mgus2$pstat == 0, 2L * mgus2$death, 1L)
# R holds heart$transplant as a factor of "0" and "1"; a CSV reader reads those back as numbers, so it is
# bundled as the 0/1 number it stands for.
heart <- survival::heart
heart$transplant <- as.integer(as.character(heart$transplant))

sets <- list(
  aml = list(data = survival::aml,
             about = "Acute myelogenous leukemia: maintenance chemotherapy (Miller 1997), R survival::aml; status 1 = event"),
  lung = list(data = lung,
              about = "NCCTG advanced lung cancer (Loprinzi et al. 1994), R survival::lung; status 1 = censored, 2 = dead; dead = status - 1"),
  veteran = list(data = survival::veteran,
                 about = "Veterans' Administration lung cancer trial (Kalbfleisch & Prentice 1980), R survival::veteran; status 1 = dead"),
  pbc = list(data = pbc,
             about = "Mayo Clinic primary biliary cholangitis trial (Therneau & Grambsch 2000), R survival::pbc; status 0 = censored, 1 = transplant, 2 = dead; dead = status == 2"),
  colon = list(data = colon,
               about = "Adjuvant chemotherapy for colon cancer (Laurie et al. 1989), R survival::colon, its death rows only (etype 2, left out); status 1 = dead"),
  ovarian = list(data = survival::ovarian,
                 about = "Ovarian cancer trial (Edmunson et al. 1979), R survival::ovarian; fustat 1 = dead"),
  mgus2 = list(data = mgus2,
               about = "Monoclonal gammopathy (Kyle et al. 2002), R survival::mgus2, times in months; etime/event added for competing risks: event 1 = progression, 2 = death first, 0 = censored"),
  melanoma = list(data = MASS::Melanoma,
                  about = "Malignant melanoma after surgery (Andersen et al. 1993), R MASS::Melanoma, times in days; status 1 = died of melanoma, 2 = alive, 3 = died of other causes"),
  myeloid = list(data = survival::myeloid,
                 about = "Acute myeloid leukaemia trial (Le-Rademacher et al. 2018), R survival::myeloid, times in days: death, and the days to transplant (txtime), complete response (crtime) and relapse (rltime), empty when none"),
  heart = list(data = heart,
               about = "Stanford heart transplant program (Crowley & Hu 1977), R survival::heart: (start, stop] intervals in days, one before and one after a transplant; event 1 = dead, transplant 1 from the transplant on (R's factor, as 0/1), age - 48 years"),
  bladder2 = list(data = survival::bladder2,
                  about = "Recurrences of bladder cancer (Byar 1980), R survival::bladder2: (start, stop] intervals in months between recurrences; event 1 = recurrence, enum = which recurrence, rx 1 = placebo, 2 = thiotepa")
)

# The shortest decimal that reads back as the same double: write.csv keeps 15 significant digits, which
# is not always enough (pbc$age is days / 365.25), and 17 digits everywhere would bloat the text.
exact_text <- function(x) {
  vapply(x, function(v) {
    if (is.na(v)) return("NA")
    for (digits in 15:17) {
      text <- sprintf(paste0("%.", digits, "g"), v)
      if (as.numeric(text) == v) break
    }
    text
  }, "")
}

swift_identifier <- function(name) paste0(toupper(substring(name, 1, 1)), substring(name, 2))

for (name in names(sets)) {
  d <- sets[[name]]$data
  # A factor's levels keep R's order (colon's rx: Obs, Lev, Lev+5FU), which is not the alphabetical one:
  # its first level is the reference R's coxph uses, so surv must use it too.
  factor_levels <- Filter(Negate(is.null), lapply(names(d), function(col) if (is.factor(d[[col]])) {
    paste0("\"", col, "\": [", paste0("\"", levels(d[[col]]), "\"", collapse = ", "), "]")
  }))
  levels_swift <- if (length(factor_levels)) paste0("[", paste(factor_levels, collapse = ", "), "]") else "[:]"
  for (col in names(d)) if (is.factor(d[[col]])) d[[col]] <- as.character(d[[col]])
  text_columns <- which(vapply(d, is.character, TRUE))
  for (col in names(d)) if (is.double(d[[col]])) d[[col]] <- exact_text(d[[col]])
  con <- textConnection("csv_lines", "w", local = TRUE)
  # Every name in the header is quoted, as write.csv quotes them; in the rows only the columns that were
  # text are quoted, so the numbers, now strings, stay bare.
  writeLines(paste0("\"", names(d), "\"", collapse = ","), con)
  write.table(d, con, sep = ",", row.names = FALSE, col.names = FALSE, na = "NA", qmethod = "double",
              quote = if (length(text_columns)) text_columns else FALSE)
  close(con)
  csv <- paste(csv_lines, collapse = "\n")
  if (grepl("\"\"\"#", csv, fixed = TRUE)) stop("CSV text would end the Swift raw string literal")
  swift <- c(
    paste0("// Generated by export_bundled.R from R survival ", as.character(packageVersion("survival")),
           ". Do not edit by hand."),
    "",
    "extension BundledDataset {",
    paste0("    /// ", sets[[name]]$about),
    paste0("    static let ", name, " = BundledDataset("),
    paste0("        name: \"", name, "\","),
    paste0("        about: \"", sets[[name]]$about, "\","),
    paste0("        factorLevels: ", levels_swift, ","),
    "        csv: #\"\"\"",
    csv,
    "\"\"\"#",
    "    )",
    "}",
    ""
  )
  writeLines(swift, paste0("Bundled", swift_identifier(name), ".swift"))
}

# graall (BundledGraall.swift) is not R's: GraallGenerator writes it from examples/graall, and it is listed last.
catalog_names <- c(names(sets), "graall")
catalog <- c(
  "// Generated by export_bundled.R. Do not edit by hand.",
  "",
  "extension BundledDataset {",
  "    /// Every bundled data set, in the order `BundledDatasets.names` lists them.",
  paste0("    static let catalog: [BundledDataset] = [", paste0(".", catalog_names, collapse = ", "), "]"),
  "}",
  ""
)
writeLines(catalog, "BundledCatalog.swift")
cat("survival", as.character(packageVersion("survival")), "\n")
