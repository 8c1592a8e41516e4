# The R side of the differential test: for each cohort folder listed in the manifest, reads cohort.csv
# and plan.json, follows the plan's commands as a surv session would (filter, endpoint, strata, settings,
# last Cox model) and writes r.json: one entry per command, the numbers R's survival package gives,
# or {"error": message} where R refuses. Run by differential.py:  Rscript reference.R manifest.txt
suppressPackageStartupMessages({ library(survival); library(jsonlite) })

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
  types <- unlist(plan$types)
  d <- read.csv(file.path(folder, "cohort.csv"), na.strings = c("", "NA"),
                colClasses = ifelse(types == "number", "numeric", "character"))
  # The event coding is read off the whole column, as Surv() reads it before any subset.
  st <- d$status
  if (is.character(st)) {
    d$.status <- ifelse(is.na(st), NA, ifelse(tolower(st) %in% c("yes", "1", "true"), 1, 0))
  } else {
    v <- st[!is.na(st)]
    d$.status <- if (length(v) && all(v %in% c(1, 2)) && any(v == 2)) st - 1 else st
  }
  kept <- rep(TRUE, nrow(d))
  ep <- NULL; strata <- character(0)
  ct <- "log"; level <- 0.95; ties <- "efron"
  lastFit <- NULL

  # Rows kept by the filter with no missing value in the endpoint and the given columns.
  rowsFor <- function(vars) {
    dd <- d[kept, , drop = FALSE]
    need <- unique(c("time", ".status", vars))
    dd <- dd[complete.cases(dd[, need, drop = FALSE]), , drop = FALSE]
    if (nrow(dd) == 0) stop("no rows left")
    dd
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

  out <- list()
  for (cmd in plan$commands) {
    op <- cmd$op
    res <- guarded(switch(op,
      load = list(),
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
      endpoint = { ep <- cmd$time; list() },
      stratify = { strata <- unlist(cmd$by); if (is.null(strata)) strata <- character(0); list() },
      km = {
        sf <- strataFormula(rowsFor(strata), "Surv(time, .status)")
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
        sf <- strataFormula(rowsFor(strata), "Surv(time, 1 - .status)")
        fit <- survfit(sf$formula, data = sf$data, conf.type = ct, conf.int = level)
        ct2 <- curveTable(fit)
        list(strata = lapply(seq_along(ct2$labels), function(i) {
          row <- ct2$tab[i, ]
          list(label = ct2$labels[i], n = unname(row["records"]), median = unname(row["median"]),
               lower = lastCol(row, "LCL$"), upper = lastCol(row, "UCL$"))
        }))
      },
      logrank = {
        sf <- strataFormula(rowsFor(strata), "Surv(time, .status)")
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
          else { dd[[t$col]] <- asFactor(dd[[t$col]]); rhs <- c(rhs, paste0("strata(", t$col, ")")) }
        }
        f <- as.formula(paste("Surv(time, .status) ~", paste(rhs, collapse = " + ")))
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
        if (fit$nevent > 0 && any(keep) && any(cm[, "se(coef)"] > 0)) lastFit <- fit
        list(n = fit$n, events = fit$nevent, na_coef = any(!keep),
             terms = lapply(seq_len(nrow(cm)), function(i)
               list(name = rownames(cm)[i], coef = cm[i, "coef"], se = cm[i, "se(coef)"], z = cm[i, "z"],
                    p = cm[i, "Pr(>|z|)"], hr = cm[i, "exp(coef)"], hr_lower = ci[i, 3], hr_upper = ci[i, 4])),
             loglik_null = fit$loglik[1], loglik = fit$loglik[2],
             lr_test = test(2 * (fit$loglik[2] - fit$loglik[1])), wald_test = test(fit$wald.test),
             score_test = test(fit$score),
             concordance = unname(fit$concordance["concordance"]), concordance_se = unname(fit$concordance["std"]),
             iterations = fit$iter)
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
