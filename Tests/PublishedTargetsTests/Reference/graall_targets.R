# R's value of every target of examples/graall/graall-targets.csv on examples/graall/graall-SYNTHETIC.csv,
# computed with R's own functions (survival, stats), so the test can check that surv's core gives the
# same numbers. Conventions as the paper's Stata: log-log confidence limits, Breslow ties, Wald P values,
# reverse Kaplan-Meier for follow-up. Run from this folder:
#   Rscript graall_targets.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
root <- file.path("..", "..", "..", "examples", "graall")
d <- read.csv(file.path(root, "graall-SYNTHETIC.csv"), stringsAsFactors = FALSE, na.strings = "")
targets <- read.csv(file.path(root, "graall-targets.csv"), stringsAsFactors = FALSE, colClasses = "character")

# The targets table's filters: `all`, or `column OP value` clauses joined by `&`; an empty value tests for
# missing; any other comparison is false on a missing cell.
rows_of <- function(filter) {
  filter <- trimws(filter)
  keep <- rep(TRUE, nrow(d))
  if (filter == "" || filter == "all") return(keep)
  for (clause in strsplit(filter, "&", fixed = TRUE)[[1]]) {
    at <- regexpr("[=<>!]", clause)
    column <- trimws(substr(clause, 1, at - 1))
    rest <- substring(clause, at)
    op <- if (startsWith(rest, "!=")) "!=" else if (startsWith(rest, "<=")) "<=" else if (startsWith(rest, ">=")) ">=" else substr(rest, 1, 1)
    value <- trimws(substring(rest, nchar(op) + 1))
    x <- d[[column]]
    if (value == "") {
      keep <- keep & (if (op == "=") is.na(x) else !is.na(x))
      next
    }
    if (is.numeric(x)) value <- as.numeric(value)
    test <- switch(op, "=" = x == value, "!=" = x != value, "<" = x < value, "<=" = x <= value,
                   ">" = x > value, ">=" = x >= value)
    keep <- keep & !is.na(test) & test
  }
  keep
}

# A test's groups: a column, or a condition (1 where it holds, 0 where not, NA where it cannot be judged).
groups_of <- function(by, rows) {
  if (grepl("[=<>!]", by)) {
    judged <- rep(TRUE, nrow(d))
    for (clause in strsplit(by, "&", fixed = TRUE)[[1]]) {
      column <- trimws(substr(clause, 1, regexpr("[=<>!]", clause) - 1))
      judged <- judged & !is.na(d[[column]])
    }
    g <- ifelse(rows_of(by), 1, 0)
    g[!judged] <- NA
    return(g[rows])
  }
  d[[by]][rows]
}

surv_of <- function(endpoint, rows) {
  time <- d[[paste0(endpoint, "_months")]][rows]
  event <- d[[paste0(endpoint, "_event")]][rows]
  ok <- !is.na(time) & !is.na(event)
  list(time = time[ok], event = event[ok], rows = which(rows)[ok])
}

value_of <- function(t) {
  rows <- rows_of(t$population)
  at <- suppressWarnings(as.numeric(t$at))
  switch(t$statistic,
    rows = sum(rows & rows_of(t$condition)),
    percent = 100 * sum(rows & rows_of(t$condition)) / sum(rows),
    median = median(d[[t$variable]][rows], na.rm = TRUE),
    min = min(d[[t$variable]][rows], na.rm = TRUE),
    max = max(d[[t$variable]][rows], na.rm = TRUE),
    fisher_p = {
      g <- groups_of(t$by, rows); x <- d[[t$variable]][rows]
      ok <- !is.na(g) & !is.na(x)
      fisher.test(table(x[ok], g[ok]))$p.value
    },
    kruskal_p = {
      g <- groups_of(t$by, rows); x <- d[[t$variable]][rows]
      ok <- !is.na(g) & !is.na(x)
      kruskal.test(x[ok], factor(g[ok]))$p.value
    },
    wilcoxon_p = {
      g <- groups_of(t$by, rows); x <- d[[t$variable]][rows]
      ok <- !is.na(g) & !is.na(x)
      levels <- sort(unique(g[ok]))
      suppressWarnings(wilcox.test(x[ok & g == levels[1]], x[ok & g == levels[2]])$p.value)
    },
    km = , km_lower = , km_upper = , km_last = {
      s <- surv_of(t$endpoint, rows)
      fit <- survfit(Surv(s$time, s$event) ~ 1, conf.type = "log-log")
      if (t$statistic == "km_last") return(100 * tail(fit$surv, 1))
      if (at > max(fit$time)) return(NA)
      read <- summary(fit, times = at)
      100 * switch(t$statistic, km = read$surv, km_lower = read$lower, km_upper = read$upper)
    },
    km_median = , km_median_lower = , km_median_upper = {
      s <- surv_of(t$endpoint, rows)
      q <- quantile(survfit(Surv(s$time, s$event) ~ 1, conf.type = "log-log"), 0.5)
      unname(switch(t$statistic, km_median = q$quantile, km_median_lower = q$lower, km_median_upper = q$upper))
    },
    followup = , followup_lower = , followup_upper = {
      s <- surv_of(t$endpoint, rows)
      q <- quantile(survfit(Surv(s$time, 1 - s$event) ~ 1, conf.type = "log-log"), 0.5)
      unname(switch(t$statistic, followup = q$quantile, followup_lower = q$lower, followup_upper = q$upper)) / 12
    },
    logrank_p = {
      s <- surv_of(t$endpoint, rows)
      g <- groups_of(t$by, rep(TRUE, nrow(d)))[s$rows]
      ok <- !is.na(g)
      test <- survdiff(Surv(s$time[ok], s$event[ok]) ~ g[ok])
      pchisq(test$chisq, length(test$n) - 1, lower.tail = FALSE)
    },
    cox_hr = , cox_lower = , cox_upper = , cox_p = {
      s <- surv_of(t$endpoint, rows)
      terms <- trimws(strsplit(t$by, "+", fixed = TRUE)[[1]])
      x <- d[s$rows, terms, drop = FALSE]
      fit <- coxph(as.formula(paste("Surv(time, event) ~", paste(terms, collapse = " + "))),
                   data = cbind(data.frame(time = s$time, event = s$event), x), ties = "breslow")
      table <- summary(fit)
      switch(t$statistic,
             cox_hr = table$conf.int[t$variable, "exp(coef)"],
             cox_lower = table$conf.int[t$variable, "lower .95"],
             cox_upper = table$conf.int[t$variable, "upper .95"],
             cox_p = table$coefficients[t$variable, "Pr(>|z|)"])
    },
    stop("unknown statistic ", t$statistic))
}

values <- lapply(seq_len(nrow(targets)), function(i) {
  v <- value_of(targets[i, ])
  if (is.null(v) || length(v) == 0 || is.na(v)) NA else sprintf("%.17g", v)
})
names(values) <- targets$id
write_json(list(survival = as.character(packageVersion("survival")), values = values), "graall_targets.json",
           auto_unbox = TRUE, na = "null", null = "null", pretty = TRUE)
