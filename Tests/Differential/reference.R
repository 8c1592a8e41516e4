# The R side of the differential test: for each cohort folder listed in the manifest, reads cohort.csv
# and plan.json, follows the plan's commands as a surv session would (filter, endpoint, strata, settings,
# last Cox model) and writes r.json: one entry per command, the numbers R's survival package gives,
# or {"error": message} where R refuses. Run by differential.py:  Rscript reference.R manifest.txt
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })

args <- commandArgs(trailingOnly = TRUE)
folders <- readLines(args[1])

# surv sorts text levels by their bytes; so does the radix sort, whatever the locale.
levelsOf <- function(x) if (is.numeric(x)) sort(unique(x)) else sort(unique(x), method = "radix")
asFactor <- function(x) factor(x, levels = levelsOf(x))
lastCol <- function(m, pattern) unname(m[grep(pattern, names(m))][1])

# Runs expr; an error becomes list(error = message), warnings are collected in the result's $warnings.
guarded <- function(expr) {
  warnings <- character(0)
  res <- tryCatch(withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning")
  }), error = function(e) list(error = conditionMessage(e)))
  if (length(warnings)) res$warnings <- warnings
  res
}

fisherSeconds <- as.numeric(Sys.getenv("FISHER_SECONDS", "20"))

# Evaluates expr in a forked child, giving up (and killing it) after `seconds`.
withTimeout <- function(expr, seconds) {
  job <- parallel::mcparallel(expr, silent = TRUE)
  res <- parallel::mccollect(job, wait = FALSE, timeout = seconds)
  if (is.null(res)) {
    tools::pskill(job$pid); parallel::mccollect(job, wait = TRUE)
    stop(sprintf("gave up after %g s", seconds))
  }
  res <- res[[1]]
  if (inherits(res, "try-error")) stop(conditionMessage(attr(res, "condition")))
  res
}

runCohort <- function(folder) {
  plan <- fromJSON(file.path(folder, "plan.json"), simplifyVector = FALSE)
  # A plan names the types of each file it loads (the design cohorts load a second file of intervals).
  typesOf <- function(file) unlist(if (is.null(plan$files)) plan$types else plan$files[[file]])
  readData <- function(file) {
    types <- typesOf(file)
    read.csv(file.path(folder, file), na.strings = c("", "NA"),
             colClasses = ifelse(types == "number", "numeric", "character"))
  }
  types <- typesOf("cohort.csv")
  d <- readData("cohort.csv")
  d$.rowid <- seq_len(nrow(d))
  # The endpoint in force: its columns become .time, .status (and .start for (start, stop] data, .cause,
  # 0 censored, 1 the event, 2... the competing causes, for competing risks).
  ep <- NULL
  # The event coding is read off the whole column, as Surv() reads it before any subset.
  eventCoding <- function(st) {
    if (is.character(st)) return(ifelse(is.na(st), NA, ifelse(tolower(st) %in% c("yes", "1", "true"), 1, 0)))
    v <- st[!is.na(st)]
    if (length(v) && all(v %in% c(1, 2)) && any(v == 2)) st - 1 else st
  }
  setEndpoint <- function(cmd) {
    st <- d[[cmd$status]]
    if (!is.null(cmd$event)) {
      codes <- c(cmd$event, unlist(cmd$competing))
      present <- unique(st[kept & !is.na(st)])
      for (code in codes) if (!(code %in% present)) stop(sprintf("the code %s does not occur", code))
      cause <- ifelse(is.na(st), NA, 0)
      for (k in seq_along(codes)) cause[!is.na(st) & st == codes[k]] <- k
      d$.cause <<- cause
      d$.status <<- ifelse(is.na(cause), NA, as.numeric(cause == 1))
    } else {
      d$.cause <<- NULL
      d$.status <<- eventCoding(st)
    }
    d$.time <<- d[[cmd$time]]
    d$.start <<- if (is.null(cmd$start)) NULL else d[[cmd$start]]
    ep <<- list(kind = if (!is.null(cmd$event)) "competing" else if (!is.null(cmd$start)) "counting" else "single",
                codes = if (is.null(cmd$event)) NULL else c(cmd$event, unlist(cmd$competing)))
  }
  epColumns <- function() c(".time", ".status", if (identical(ep$kind, "counting")) ".start")
  lhs <- function() if (identical(ep$kind, "counting")) "Surv(.start, .time, .status)" else "Surv(.time, .status)"
  d$.time <- d$time
  d$.status <- eventCoding(d$status)
  kept <- rep(TRUE, nrow(d))
  strata <- character(0)
  ct <- "log"; level <- 0.95; ties <- "efron"
  lastFit <- NULL
  # The designs in force (docs/language.md, censor at and landmark at): censoring first, then the landmark.
  censorExpr <- NULL; landmarkTime <- NULL
  # The result of the last split, which a further split composes with (tmerge's own object).
  tm <- NULL

  applyDesign <- function(dd) {
    if (!is.null(censorExpr)) {
      v <- rep_len(eval(parse(text = censorExpr), dd, baseenv()), nrow(dd))
      cut <- !is.na(v) & v < dd$.time
      if (any(v[cut] < 0)) stop("censor at: negative")
      dd$.time[cut] <- v[cut]
      dd$.status[cut] <- 0
      if (!is.null(dd$.cause)) dd$.cause[cut] <- 0
      dd$.censoredByDesign <- cut
    }
    if (!is.null(landmarkTime)) {
      dd <- dd[dd$.time > landmarkTime, , drop = FALSE]
      dd$.time <- dd$.time - landmarkTime
      if (nrow(dd) == 0) stop("no rows are followed beyond the landmark")
    }
    dd
  }
  # Rows kept by the filter with no missing value in the endpoint and the given columns, after the design.
  rowsFor <- function(vars) {
    if (is.null(ep)) stop("no endpoint is declared")
    dd <- d[kept, , drop = FALSE]
    need <- unique(c(epColumns(), vars))
    dd <- dd[complete.cases(dd[, need, drop = FALSE]), , drop = FALSE]
    if (nrow(dd) == 0) stop("no rows left")
    applyDesign(dd)
  }
  strataFormula <- function(dd, lhs) {
    for (g in strata) dd[[g]] <- asFactor(dd[[g]])
    rhs <- if (length(strata)) paste(strata, collapse = " + ") else "1"
    list(data = dd, formula = as.formula(paste(lhs, "~", rhs)))
  }
  # Per stratum: records and events from summary()$table, and the median with its confidence interval
  # from quantile.survfit (surv's documented rule; print.survfit's table differs where S stays at 0.5
  # until the last time: it takes the first such time, quantile.survfit the midpoint).
  curveTable <- function(fit) {
    tab <- summary(fit)$table
    if (is.null(dim(tab))) tab <- t(as.matrix(tab))
    labels <- if (is.null(fit$strata)) "all" else names(fit$strata)
    q <- quantile(fit, probs = 0.5, conf.int = TRUE)
    tab <- cbind(tab[, c("records", "events"), drop = FALSE],
                 median = as.vector(q$quantile), LCL = as.vector(q$lower), UCL = as.vector(q$upper))
    list(tab = tab, labels = labels)
  }
  # Stratum labels as surv and survfit write them (column=level, joined by ", "), one per row.
  strataLabels <- function(dd) {
    if (!length(strata)) return(rep("all", nrow(dd)))
    parts <- lapply(strata, function(g) paste0(g, "=", dd[[g]]))
    do.call(paste, c(parts, sep = ", "))
  }
  strataOrder <- function(dd) {
    if (!length(strata)) return("all")
    keys <- lapply(strata, function(g) asFactor(dd[[g]]))
    o <- do.call(order, lapply(keys, as.integer))
    unique(strataLabels(dd)[o])
  }

  # What the designs in force do to the current endpoint's rows (before any strata or terms).
  designCounts <- function() {
    dd <- d[kept, , drop = FALSE]
    dd <- dd[complete.cases(dd[, epColumns(), drop = FALSE]), , drop = FALSE]
    time <- dd$.time; censored <- 0; removed <- 0
    if (!is.null(censorExpr)) {
      v <- rep_len(eval(parse(text = censorExpr), dd, baseenv()), nrow(dd))
      cut <- !is.na(v) & v < time
      if (any(v[cut] < 0)) stop("censor at: negative")
      time[cut] <- v[cut]; censored <- sum(cut); removed <- sum(cut & dd$.status == 1)
    }
    keptN <- if (is.null(landmarkTime)) nrow(dd) else sum(time > landmarkTime)
    list(kept = keptN, dropped = nrow(dd) - keptN, censored = censored, eventsRemoved = removed)
  }

  # table1 as docs/language.md describes it (gtsummary's tbl_summary() with add_p()).
  table1 <- function(cmd) {
    sub <- d[kept, , drop = FALSE]
    by <- cmd$by
    vars <- unlist(cmd$vars)
    if (!is.null(by) && by %in% vars) stop("'by' is both a row and the groups")
    if (is.null(by)) {
      members <- list(seq_len(nrow(sub))); labels <- "All"; missingGroup <- 0
    } else {
      g <- sub[[by]]
      lv <- levelsOf(g[!is.na(g)])
      members <- lapply(lv, function(l) which(!is.na(g) & g == l))
      labels <- paste0(by, "=", lv)
      missingGroup <- sum(is.na(g))
    }
    groupCount <- if (is.null(by)) 0 else length(members)
    analysed <- sort(unlist(members))
    columns <- members
    if (isTRUE(cmd$overall)) { columns <- c(columns, list(analysed)); labels <- c(labels, "All") }
    fisherP <- function(tab) {
      tryCatch(list(test = "fisher", p = fisher.test(tab)$p.value), error = function(e) {
        if (!grepl("FEXACT|workspace|LDKEY|LDSTP", conditionMessage(e))) stop(e)
        chisqP <- suppressWarnings(chisq.test(tab, correct = FALSE))$p.value
        tryCatch(list(test = "fisher", p = withTimeout(fisher.test(tab, workspace = 2e7)$p.value, fisherSeconds),
                      needed_workspace = TRUE, chisq_p = chisqP),
                 error = function(e) list(test = "chisq", p = suppressWarnings(chisq.test(tab, correct = FALSE))$p.value,
                                          fisher_out_of_reach = TRUE))
      })
    }
    variables <- lapply(vars, function(name) {
      x <- sub[[name]]
      numeric <- is.numeric(x) && length(unique(x[analysed][!is.na(x[analysed])])) >= 10
      if (numeric) {
        samples <- lapply(members, function(m) { v <- x[m]; v[!is.na(v)] })
        summ <- lapply(columns, function(m) {
          v <- x[m]; ok <- v[!is.na(v)]
          q <- if (length(ok)) quantile(ok, c(0.25, 0.5, 0.75), type = 7, names = FALSE) else c(NA, NA, NA)
          list(n = length(ok), missing = sum(is.na(v)), median = q[2], q1 = q[1], q3 = q[3],
               min = if (length(ok)) min(ok) else NA, max = if (length(ok)) max(ok) else NA)
        })
        test <- NULL; p <- NA; noiseTies <- FALSE
        nonempty <- samples[lengths(samples) > 0]
        if (groupCount == 2 && length(nonempty) == 2) {
          test <- "wilcoxon"; p <- suppressWarnings(wilcox.test(nonempty[[1]], nonempty[[2]]))$p.value
        } else if (groupCount > 2 && length(nonempty) >= 2) {
          test <- "kruskal"
          all <- unlist(nonempty)
          p <- kruskal.test(all, factor(rep(seq_along(nonempty), lengths(nonempty))))$p.value
          # kruskal.test's tie correction counts ties with table(), which reads values at 15 significant
          # digits, while rank() compares them exactly: values apart by rounding noise are tied in one, not
          # the other. surv compares exactly in both; such a difference is expected (README.md).
          noiseTies <- length(unique(all)) != length(table(all))
        }
        list(name = name, type = "numeric", test = test, p = p, summary = summ,
             noise_ties = noiseTies)
      } else {
        lv <- levelsOf(x[analysed][!is.na(x[analysed])])
        counts <- sapply(columns, function(m) sapply(lv, function(l) sum(!is.na(x[m]) & x[m] == l)))
        counts <- matrix(counts, nrow = length(lv))
        present <- colSums(counts)
        test <- NULL; p <- NA; r <- list()
        if (groupCount >= 2) {
          tab <- counts[, seq_len(groupCount), drop = FALSE]
          tab <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
          if (nrow(tab) >= 2 && ncol(tab) >= 2) {
            expected <- outer(rowSums(tab), colSums(tab)) / sum(tab)
            r <- if (any(expected < 5)) fisherP(tab)
                 else list(test = "chisq", p = chisq.test(tab, correct = FALSE)$p.value)
            test <- r$test; p <- r$p
          }
        }
        list(name = name, type = "categorical", test = test, p = p,
             needed_workspace = isTRUE(r$needed_workspace), chisq_p = if (is.null(r$chisq_p)) NA else r$chisq_p,
             levels = lapply(seq_along(lv), function(i) list(level = lv[i], counts = I(counts[i, ]),
                             percents = I(ifelse(present > 0, 100 * counts[i, ] / present, NA)))),
             missing = I(sapply(columns, function(m) sum(is.na(x[m])))))
      }
    })
    list(groups = lapply(seq_along(columns), function(j) list(label = labels[j], n = length(columns[[j]]))),
         variables = variables, rows_missing_group = missingGroup)
  }

  out <- list()
  for (cmd in plan$commands) {
    op <- cmd$op
    res <- guarded(switch(op,
      load = {
        # A second file replaces the data; the filter, endpoint, strata and designs start afresh, the
        # settings stay (as in a session).
        if (!is.null(cmd$file) && cmd$file != "cohort.csv") {
          d <- readData(cmd$file); d$.rowid <- seq_len(nrow(d))
          kept <- rep(TRUE, nrow(d)); ep <- NULL; strata <- character(0); lastFit <- NULL
          censorExpr <- NULL; landmarkTime <- NULL; tm <- NULL
        }
        list()
      },
      set = {
        if (cmd$key == "ci") ct <- cmd$value
        if (cmd$key == "level") level <- cmd$value
        if (cmd$key == "ties") ties <- cmd$value
        list()
      },
      where = {
        sub <- d[kept, , drop = FALSE]
        cond <- eval(parse(text = cmd$r), sub, baseenv())
        keep <- !is.na(cond) & cond
        if (!any(keep)) stop("the condition keeps no rows")
        kept[kept] <- keep
        list()
      },
      where_all = { kept <- rep(TRUE, nrow(d)); list() },
      endpoint = { setEndpoint(cmd); lastFit <- NULL; list() },
      stratify = { strata <- unlist(cmd$by); if (is.null(strata)) strata <- character(0); list() },
      km = {
        sf <- strataFormula(rowsFor(strata), lhs())
        fit <- survfit(sf$formula, data = sf$data, conf.type = ct, conf.int = level)
        ct2 <- curveTable(fit)
        at <- unlist(cmd$at)
        # extend = TRUE, then blanked beyond each curve's last time: summary() without it refuses when some
        # curve has no requested time within its follow-up ("no points selected").
        s <- if (length(at)) summary(fit, times = at, extend = TRUE) else NULL
        sl <- if (is.null(s)) NULL else if (is.null(s$strata)) rep("all", length(s$time)) else as.character(s$strata)
        if (!is.null(s)) {
          lastTime <- tapply(fit$time, rep(ct2$labels, if (is.null(fit$strata)) length(fit$time) else fit$strata), max)
          beyond <- s$time > lastTime[sl]
          for (f in c("n.risk", "surv", "std.err", "lower", "upper")) s[[f]][beyond] <- NA
        }
        list(strata = lapply(seq_along(ct2$labels), function(i) {
          lab <- ct2$labels[i]; row <- ct2$tab[i, ]
          k <- which(sl == lab)
          list(label = lab, n = unname(row["records"]), events = unname(row["events"]),
               median = unname(row["median"]), median_lower = lastCol(row, "LCL$"),
               median_upper = lastCol(row, "UCL$"),
               at = lapply(k, function(j) list(time = s$time[j], n_risk = s$n.risk[j], surv = s$surv[j],
                                               std_err = s$std.err[j], lower = s$lower[j], upper = s$upper[j])))
        }))
      },
      followup = {
        sf <- strataFormula(rowsFor(strata), "Surv(.time, 1 - .status)")
        fit <- survfit(sf$formula, data = sf$data, conf.type = ct, conf.int = level)
        ct2 <- curveTable(fit)
        list(strata = lapply(seq_along(ct2$labels), function(i) {
          row <- ct2$tab[i, ]
          list(label = ct2$labels[i], n = unname(row["records"]), median = unname(row["median"]),
               lower = lastCol(row, "LCL$"), upper = lastCol(row, "UCL$"))
        }))
      },
      logrank = {
        sf <- strataFormula(rowsFor(strata), lhs())
        sd <- survdiff(sf$formula, data = sf$data, rho = cmd$rho)
        df <- sum(sd$exp > 0) - 1
        obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
        ex <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
        r <- list(chisq = sd$chisq, df = df, p = pchisq(sd$chisq, df, lower.tail = FALSE),
                  groups = lapply(seq_along(sd$n), function(i)
                    list(label = names(sd$n)[i], n = unname(sd$n[i]), observed = obs[i], expected = ex[i])))
        if (isTRUE(cmd$trend)) {
          sc <- seq_along(sd$n)
          u <- sum(sc * (obs - ex)); v <- drop(t(sc) %*% sd$var %*% sc)
          r$trend <- list(chisq = u^2 / v, df = 1, p = pchisq(u^2 / v, 1, lower.tail = FALSE))
        }
        r
      },
      cox = {
        terms <- cmd$terms
        vars <- unique(unlist(lapply(terms, function(t) if (t$kind == "num") all.vars(parse(text = t$r)) else t$col)))
        dd <- rowsFor(vars)
        rhs <- character(0)
        for (t in terms) {
          if (t$kind == "num") rhs <- c(rhs, t$r)
          else if (t$kind == "cat") { dd[[t$col]] <- asFactor(dd[[t$col]]); rhs <- c(rhs, t$col) }
          else if (t$kind == "cluster") rhs <- c(rhs, paste0("cluster(", t$col, ")"))
          else { dd[[t$col]] <- asFactor(dd[[t$col]]); rhs <- c(rhs, paste0("strata(", t$col, ")")) }
        }
        f <- as.formula(paste(lhs(), "~", paste(rhs, collapse = " + ")))
        # The fit keeps its own rows (x, model, and a formula environment of its own): cox.zph rebuilds the
        # design from the fit, and must not find a later command's data under the same name.
        env <- new.env(parent = globalenv()); env$dd <- dd; environment(f) <- env
        fit <- coxph(f, data = dd, ties = ties, x = TRUE, model = TRUE)
        sm <- summary(fit, conf.int = level)
        keep <- !is.na(coef(fit))
        cm <- sm$coefficients[keep, , drop = FALSE]
        ci <- sm$conf.int[keep, , drop = FALSE]
        k <- sum(keep)
        test <- function(x) list(chisq = unname(x), df = k, p = pchisq(unname(x), k, lower.tail = FALSE))
        # surv refuses a model with no events or no information about any term (docs/language.md), and
        # phtest then tests its previous model: so does this.
        # surv also refuses a term with one value in the rows used (a constant column of the design).
        constant <- ncol(fit$x) > 0 && any(apply(fit$x, 2, function(col) length(unique(col)) < 2))
        if (fit$nevent > 0 && any(keep) && any(cm[, "se(coef)"] > 0) && !constant) lastFit <- fit
        list(n = fit$n, events = fit$nevent, na_coef = any(!keep),
             terms = lapply(seq_len(nrow(cm)), function(i)
               list(name = rownames(cm)[i], coef = cm[i, "coef"], se = cm[i, "se(coef)"], z = cm[i, "z"],
                    p = cm[i, "Pr(>|z|)"], hr = cm[i, "exp(coef)"], hr_lower = ci[i, 3], hr_upper = ci[i, 4],
                    robust_se = if ("robust se" %in% colnames(cm)) cm[i, "robust se"] else NULL)),
             loglik_null = fit$loglik[1], loglik = fit$loglik[2],
             lr_test = test(2 * (fit$loglik[2] - fit$loglik[1])), wald_test = test(fit$wald.test),
             score_test = test(fit$score),
             concordance = unname(fit$concordance["concordance"]), concordance_se = unname(fit$concordance["std"]),
             iterations = fit$iter,
             # agreg.fit's rank of the information at beta = 0 (coxph.fit reports none), and the design's columns.
             rank = if (!is.null(fit$info)) unname(fit$info["rank"]) else NULL, columns = length(coef(fit)))
      },
      phtest = {
        if (is.null(lastFit)) stop("there is no Cox model to test")
        z <- cox.zph(lastFit, transform = "km")$table
        nt <- nrow(z) - 1
        list(terms = lapply(seq_len(nt), function(i)
               list(name = rownames(z)[i], chisq = z[i, "chisq"], df = z[i, "df"], p = z[i, "p"])),
             global = list(chisq = z[nt + 1, "chisq"], df = z[nt + 1, "df"], p = z[nt + 1, "p"]))
      },
      fisher = {
        sub <- d[kept, , drop = FALSE]
        a <- sub[[cmd$a]]; b <- sub[[cmd$b]]
        miss <- is.na(a) | is.na(b)
        tab <- table(a[!miss], b[!miss])
        # R's default workspace is too small for some tables R can answer with a larger one; the answer
        # is compared either way, and the flag tells a refusal by surv from one R shares at its default.
        # With the larger workspace FEXACT can run for many minutes: that attempt gets FISHER_SECONDS in a
        # forked child, and taking longer counts as R refusing too.
        big <- FALSE
        ft <- tryCatch(fisher.test(tab, conf.level = level), error = function(e) {
          if (!grepl("FEXACT|workspace|LDKEY|LDSTP", conditionMessage(e))) stop(e)
          big <<- TRUE
          withTimeout(fisher.test(tab, conf.level = level, workspace = 2e7), fisherSeconds)
        })
        r <- list(p = ft$p.value, counts = as.vector(tab), missing = sum(miss), needed_workspace = big)
        if (all(dim(tab) == 2)) {
          r$odds_ratio <- unname(ft$estimate)
          r$odds_ratio_lower <- ft$conf.int[1]; r$odds_ratio_upper <- ft$conf.int[2]
        }
        r
      },
      describe = {
        sub <- d[kept, names(types), drop = FALSE]
        list(columns = lapply(names(types), function(nm) {
          x <- sub[[nm]]; ok <- x[!is.na(x)]
          if (types[[nm]] == "number") {
            q <- if (length(ok)) quantile(ok, c(0.25, 0.5, 0.75), type = 7, names = FALSE) else c(NA, NA, NA)
            list(name = nm, n = length(ok), missing = sum(is.na(x)), mean = if (length(ok)) mean(ok) else NA,
                 sd = if (length(ok) > 1) sd(ok) else NA, median = q[2], q1 = q[1], q3 = q[3],
                 min = if (length(ok)) min(ok) else NA, max = if (length(ok)) max(ok) else NA)
          } else {
            lv <- levelsOf(ok)
            list(name = nm, missing = sum(is.na(x)),
                 levels = lapply(lv, function(l) list(level = l, count = sum(ok == l),
                                                      percent = 100 * sum(ok == l) / length(ok))))
          }
        }))
      },
      landmark = {
        previous <- landmarkTime
        if (is.null(ep)) stop("no endpoint is declared")
        landmarkTime <- cmd$time
        counts <- tryCatch(designCounts(), error = function(e) { landmarkTime <<- previous; stop(e) })
        if (!is.null(cmd$time) && counts$kept == 0) { landmarkTime <- previous; stop("no rows are followed beyond the landmark") }
        list(kept = counts$kept, dropped = counts$dropped)
      },
      censor = {
        previous <- censorExpr
        if (is.null(ep)) stop("no endpoint is declared")
        censorExpr <- cmd$r
        counts <- tryCatch(designCounts(), error = function(e) { censorExpr <<- previous; stop(e) })
        list(censored = counts$censored, events_removed = counts$eventsRemoved)
      },
      cuminc = {
        dd <- rowsFor(strata)
        labels <- strataLabels(dd)
        ordered <- strataOrder(dd)
        group <- match(labels, ordered)
        fit <- cuminc(dd$.time, dd$.cause, group, cencode = 0)
        at <- sort(unique(unlist(cmd$at)))
        tp <- timepoints(fit, at)
        z <- qnorm((1 - level) / 2)
        curves <- list()
        for (g in seq_along(ordered)) for (k in seq_along(ep$codes)) {
          nm <- paste(g, k)
          rows <- group == g
          lastTime <- max(dd$.time[rows])
          if (nm %in% rownames(tp$est)) {
            est <- unname(tp$est[nm, ]); se <- sqrt(unname(tp$var[nm, ]))
          } else {
            # cmprsk leaves out a cause that does not occur in these rows: its incidence is 0 throughout.
            est <- ifelse(at <= lastTime, 0, NA); se <- est
          }
          # The log(-log) interval F^exp(±z·se/(F·log F)), undefined where F is 0 or 1.
          e <- exp(z * se / (est * log(est)))
          defined <- !is.na(est) & est > 0 & est < 1
          curves[[length(curves) + 1]] <- list(
            stratum = ordered[g], cause = as.character(ep$codes[[k]]), n = sum(rows),
            events = sum(rows & dd$.cause == k),
            at = lapply(seq_along(at), function(j) list(time = at[j], cif = est[j], std_err = se[j],
              lower = if (defined[j]) est[j]^e[j] else NA, upper = if (defined[j]) est[j]^(1 / e[j]) else NA)))
        }
        gray <- list()
        if (!is.null(fit$Tests)) for (cause in rownames(fit$Tests)) {
          stat <- unname(fit$Tests[cause, "stat"]); df <- unname(fit$Tests[cause, "df"])
          # cmprsk marks a singular variance with stat = -1; its p-value 1 - pchisq loses small p's digits.
          ok <- stat >= 0
          gray[[length(gray) + 1]] <- list(cause = as.character(ep$codes[[as.integer(cause)]]),
                                           chisq = if (ok) stat else NA, df = if (ok) df else NA,
                                           p = if (ok) pchisq(stat, df, lower.tail = FALSE) else NA)
        }
        list(curves = curves, gray = gray)
      },
      finegray = {
        terms <- cmd$terms
        vars <- unique(unlist(lapply(terms, function(t) if (t$kind == "num") all.vars(parse(text = t$r)) else t$col)))
        dd <- rowsFor(vars)
        rhs <- character(0)
        for (t in terms) {
          if (t$kind == "num") rhs <- c(rhs, t$r)
          else { dd[[t$col]] <- asFactor(dd[[t$col]]); rhs <- c(rhs, t$col) }
        }
        x <- model.matrix(as.formula(paste("~", paste(rhs, collapse = " + "))), dd)[, -1, drop = FALSE]
        fit <- crr(dd$.time, dd$.cause, x, failcode = 1, cencode = 0)
        se <- sqrt(diag(fit$var)); zq <- qnorm(1 - (1 - level) / 2)
        # The information matrix's condition number: where it is large (a coefficient heading to infinity)
        # the sandwich variance is decided by rounding (crr's own se moves when a column is shifted).
        condition <- tryCatch(kappa(fit$inf, exact = TRUE), error = function(e) NA)
        list(n = fit$n, events = sum(dd$.cause == 1), competing_events = sum(dd$.cause >= 2),
             converged = fit$converged, information_condition = condition,
             terms = lapply(seq_along(fit$coef), function(i) {
               b <- unname(fit$coef[i]); s <- unname(se[i])
               list(name = colnames(x)[i], coef = b, se = s, z = b / s, p = 2 * pnorm(-abs(b / s)), hr = exp(b),
                    hr_lower = exp(b - zq * s), hr_upper = exp(b + zq * s))
             }))
      },
      table1 = table1(cmd),
      split = {
        if (is.null(ep) || ep$kind == "competing") stop("split needs an endpoint of one event")
        if (is.null(tm)) {
          base <- d[complete.cases(d[, c(".time", ".status")]), , drop = FALSE]
          base$.subject <- seq_len(nrow(base))
          tm <- tmerge(base, base, id = .subject, tevent = event(.time, .status))
          tmBase <- base
        }
        subjects <- nrow(tm)
        sw <- tmBase[[cmd$col]][match(tm$.subject, tmBase$.subject)]
        switched <- sum(!is.na(sw) & sw > tm$tstart & sw < tm$tstop)
        args <- list(tm, tmBase, id = quote(.subject)); args[[cmd$name]] <- call("tdc", as.name(cmd$col))
        tm <- do.call(tmerge, args)
        # The filter keeps the intervals of the rows it kept.
        keptRows <- tmBase$.rowid[tmBase$.rowid %in% d$.rowid[kept]]
        d <- as.data.frame(tm)
        kept <- d$.rowid %in% keptRows
        setEndpoint(list(start = "tstart", time = "tstop", status = "tevent"))
        lastFit <- NULL
        list(subjects = subjects, intervals = nrow(d), switched = switched)
      },
      list(error = paste("unknown op", op))
    ))
    out[[length(out) + 1]] <- res
  }
  write_json(out, file.path(folder, "r.json"), digits = NA, auto_unbox = TRUE, na = "string", null = "null")
}

for (folder in folders) {
  r <- tryCatch(runCohort(folder), error = function(e) {
    message("cohort ", folder, ": ", conditionMessage(e)); NULL
  })
}
