# Writes the Stata, SPSS and SAS files the tests read, and what R's haven reads back from each
# (reference.json), so that every value, label, missing value and date surv reads is checked against
# haven. Run from this folder: Rscript make_stat_files.R (needs r-cran-haven, r-cran-jsonlite,
# r-cran-survival, and Debian's `readstat` tool for the .por file, which haven does not write).
suppressPackageStartupMessages({
  library(haven)
  library(jsonlite)
  library(survival)
})

# --- A small cohort with every kind of column --------------------------------------------------

cohort <- data.frame(id = 1:12)
cohort$arm <- labelled(c(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2),
                       c(Control = 0, `Low dose` = 1, `High dose` = 2), label = "Treatment arm")
cohort$sex <- labelled(c(1, 2, 2, 1, 1, 2, 1, 2, 1, 2, 2, 1), c(Male = 1, Female = 2), label = "Sex")
cohort$age <- labelled(c(61.5, 70, tagged_na("a"), 55.25, 48, NA, 66, 59, tagged_na("b"), 73, 50.5, 62),
                       c(`Not asked` = tagged_na("a"), Refused = tagged_na("b")), label = "Age at diagnosis (years)")
cohort$status <- labelled(c(1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1), c(Alive = 0, Dead = 1), label = "Vital status")
cohort$grade <- labelled(c(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, NA, 2), c(Low = 1, High = 2), label = "Tumour grade")
cohort$diag <- as.Date(c("2014-01-15", "2014-03-01", "2015-07-31", "2013-12-31", "2016-02-29", "2014-06-10",
                         "2015-01-01", NA, "2013-05-20", "2016-11-11", "2015-09-09", "2014-08-08"))
attr(cohort$diag, "label") <- "Date of diagnosis"
cohort$last <- cohort$diag + c(400, 1200, 30, 2500, 800, 1500, 90, 700, 3000, 365, 1000, 222)
attr(cohort$last, "label") <- "Date of last news"
cohort$seen <- as.POSIXct(c("2016-03-01 08:30:00", "2017-01-02 14:00:00", NA, "2020-12-31 23:59:59",
                            "2018-05-05 00:00:00", "2019-07-14 12:15:30", "2015-04-01 09:00:00",
                            "2016-06-06 06:06:06", "2021-01-01 00:00:01", "2017-11-11 11:11:11",
                            "2018-02-28 16:45:00", "2015-05-05 05:05:05"), tz = "UTC")
attr(cohort$seen, "label") <- "Time of last visit"
cohort$center <- c("Paris", "Lyon", "Nantes", "Paris", "", "Lyon", "Lille", "Paris", "Nantes", "Lyon", "Paris", "Lille")
attr(cohort$center, "label") <- "Centre"
cohort$weight <- c(70.2, 81, 64.5, NA, 90.25, 58, 77.7, 66, 85.5, 72, 69.9, 80)

write_dta(cohort, "cohort.dta", version = 15)        # format 118, as Stata 14 to 18 write
write_dta(cohort, "cohort_v13.dta", version = 13)    # format 117
write_dta(cohort, "cohort_v12.dta", version = 12)    # format 115
write_dta(cohort, "cohort_v8.dta", version = 8)      # format 113

# SPSS has no tagged missing values; it has user-defined ones instead: 999 for age, 9 for sex.
spss <- cohort
spss$age <- labelled_spss(ifelse(is.na(cohort$age), 999, unclass(cohort$age)), c(Unknown = 999),
                          na_values = 999, label = "Age at diagnosis (years)")
spss$age[6] <- NA
spss$sex <- labelled_spss(replace(unclass(cohort$sex), 5, 9), c(Male = 1, Female = 2, Unknown = 9),
                          na_values = 9, label = "Sex")
write_sav(spss, "cohort.sav")
write_sav(spss, "cohort.zsav", compress = "zsav")
# Portable files hold upper-case names of at most 8 characters.
portable <- spss
names(portable) <- toupper(names(portable))
write_sav(portable, "portable.sav")
status <- system2("readstat", c("portable.sav", "cohort.por"), stdout = FALSE)
unlink("portable.sav")
if (status != 0) stop("readstat could not write cohort.por")

# SAS keeps value labels in a separate catalog, so its files carry variable labels and dates only.
# (SAS's special missing values .A-.Z are upper case; haven's tags are lower case, so they become plain NA.)
sas <- zap_labels(zap_missing(cohort))
sas$center[sas$center == ""] <- NA
for (name in names(cohort)) attr(sas[[name]], "label") <- attr(cohort[[name]], "label")
write_xpt(sas, "cohort.xpt", version = 8)
suppressWarnings(write_sas(sas, "cohort.sas7bdat"))

# --- What haven reads back ---------------------------------------------------------------------

describe_file <- function(path, read) {
  data <- read(path)
  columns <- lapply(names(data), function(name) {
    x <- data[[name]]
    entry <- list(name = name, label = attr(x, "label", exact = TRUE))
    if (inherits(x, "Date")) {
      entry$type <- "date"
      entry$values <- ifelse(is.na(x), NA, format(x, "%Y-%m-%d"))
    } else if (inherits(x, "POSIXct")) {
      entry$type <- "datetime"
      entry$values <- as.numeric(x)  # seconds since 1970-01-01 UTC
    } else if (is.character(x)) {
      entry$type <- "text"
      entry$values <- as.character(x)
    } else {
      labels <- attr(x, "labels", exact = TRUE)
      if (!is.null(labels)) labels <- labels[!is.na(labels)]
      if (length(labels) > 0) {
        entry$type <- "labelled"
        factor <- as_factor(zap_missing(x), levels = "default")
        present <- levels(droplevels(factor))
        entry$levels <- levels(factor)[levels(factor) %in% present]
        entry$texts <- as.character(factor)
        entry$value_labels <- lapply(seq_along(labels), function(i) list(code = unname(labels[i]), label = names(labels)[i]))
      } else {
        entry$type <- "number"
      }
      entry$values <- as.numeric(zap_missing(x))
    }
    entry
  })
  list(file = path, rows = nrow(data), columns = columns)
}

files <- list(
  describe_file("cohort.dta", read_dta), describe_file("cohort_v13.dta", read_dta),
  describe_file("cohort_v12.dta", read_dta), describe_file("cohort_v8.dta", read_dta),
  describe_file("cohort.sav", read_sav), describe_file("cohort.zsav", read_sav),
  describe_file("cohort.por", read_por), describe_file("cohort.xpt", read_xpt),
  describe_file("cohort.sas7bdat", read_sas)
)

# --- A trial analysed as a Stata user would ----------------------------------------------------

set.seed(20160301)
n <- 90
trial <- data.frame(patient = 1:n)
arm <- rep(c(0, 1, 2), each = 30)
trial$arm <- labelled(arm, c(Control = 0, `Low dose` = 1, `High dose` = 2), label = "Treatment arm")
trial$sex <- labelled(sample(c(1, 2), n, replace = TRUE), c(Male = 1, Female = 2), label = "Sex")
trial$age <- round(rnorm(n, 60, 10), 1)
attr(trial$age, "label") <- "Age at diagnosis (years)"
trial$age[c(7, 50)] <- NA
diag <- as.Date("2012-01-01") + sample(0:1500, n, replace = TRUE)
follow <- round(rexp(n, rate = c(1 / 900, 1 / 1200, 1 / 1600)[arm + 1])) + 1
censor <- sample(200:2500, n, replace = TRUE)
trial$status <- labelled(as.numeric(follow <= censor), c(Alive = 0, Dead = 1), label = "Vital status")
trial$diag <- diag
attr(trial$diag, "label") <- "Date of diagnosis"
trial$last <- diag + pmin(follow, censor)
attr(trial$last, "label") <- "Date of last news"
write_dta(trial, "trial.dta", version = 15)

back <- read_dta("trial.dta")
back$time <- as.numeric(back$last - back$diag)
back$arm_f <- as_factor(back$arm)
back$sex_f <- as_factor(back$sex)
fit <- coxph(Surv(time, status) ~ arm_f + age, data = back)
ci <- summary(fit)$conf.int
strata_fit <- survfit(Surv(time, status) ~ arm_f, data = back)
logrank <- survdiff(Surv(time, status) ~ arm_f, data = back)
analysis <- list(
  cox = list(names = names(coef(fit)), coef = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit)))),
             hr_lower = unname(ci[, 3]), hr_upper = unname(ci[, 4]), n = fit$n, events = fit$nevent),
  km_median = unname(summary(strata_fit)$table[, "median"]),
  km_n = unname(summary(strata_fit)$table[, "records"]),
  strata = names(strata_fit$strata),
  logrank_chisq = logrank$chisq,
  time_years_mean = mean(back$time / 365.25),
  time_months_median = median(back$time / 30.4375),
  age = list(n = sum(!is.na(back$age)), mean = mean(back$age, na.rm = TRUE), sd = sd(back$age, na.rm = TRUE),
             median = median(back$age, na.rm = TRUE)),
  sex_counts = as.list(table(back$sex_f)),
  diag_min = format(min(back$diag)), diag_median = format(median(back$diag)), diag_max = format(max(back$diag)),
  diag_after_2014 = sum(back$diag >= as.Date("2014-01-01")),
  year_2013 = sum(as.numeric(format(back$diag, "%Y")) == 2013),
  month_march = sum(as.numeric(format(back$diag, "%m")) == 3)
)

writeLines(toJSON(list(files = files, trial = analysis), auto_unbox = TRUE, null = "null", na = "null",
                  digits = NA, pretty = TRUE), "reference.json")

# --- Seeds for the fuzzing mode `stat` (docs/fuzzing.md) -----------------------------------------
# The mode's byte (ASCII 3), the format's byte (0 dta, 1 sav, 2 por, 3 sas7bdat, 4 xpt), then the file;
# only files within libFuzzer's 4096-byte input limit.
seed <- function(file, format) {
  bytes <- readBin(file, "raw", file.info(file)$size)
  writeBin(c(charToRaw("3"), as.raw(format), bytes), file.path("..", "SurvFuzzCorpus", "seeds", paste0("stat-", sub("\\.", "-", file))))
}
seed("cohort_v8.dta", 0); seed("cohort_v12.dta", 0); seed("cohort.sav", 1); seed("cohort.zsav", 1)
seed("cohort.por", 2); seed("cohort.xpt", 4)
