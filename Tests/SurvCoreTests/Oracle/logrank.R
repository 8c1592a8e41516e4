# Reference values for the log-rank family: survdiff (rho = 0 log-rank, rho = 1 Peto-Peto), with and
# without strata, and the test for trend computed from survdiff's O, E and variance
# (U = s'(O - E), V = s' V s, chisq = U^2 / V, as Stata's `sts test, trend`).
# Run from this folder:  Rscript logrank.R   (writes logrank.json)
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
stopifnot(packageVersion("survival") == "3.5.3")

cases <- list()
# group and strata are coded 0-based in the order of R's factor levels, as survdiff orders its groups.
addCase <- function(name, time, status, group, strata = NULL, rho = 0, trendScores = list()) {
  g <- factor(group)
  fit <- if (is.null(strata)) survdiff(Surv(time, status) ~ g, rho = rho)
         else { s <- factor(strata); survdiff(Surv(time, status) ~ g + strata(s), rho = rho) }
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  exp <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  df <- sum(exp > 0) - 1
  trends <- lapply(trendScores, function(sc) {
    u <- sum(sc * (obs - exp)); v <- drop(t(sc) %*% fit$var %*% sc)
    list(scores = sc, u = u, v = v, chisq = u^2 / v, p = pchisq(u^2 / v, 1, lower.tail = FALSE))
  })
  cases[[length(cases) + 1]] <<- list(
    name = name, rho = rho, time = as.numeric(time), status = as.integer(status),
    group = as.integer(g) - 1L, groupCount = nlevels(g),
    strata = if (is.null(strata)) NULL else as.integer(factor(strata)) - 1L,
    n = as.vector(fit$n), observed = unname(obs), expected = unname(exp), variance = unname(fit$var),
    chisq = fit$chisq, df = df, p = pchisq(fit$chisq, df, lower.tail = FALSE), trend = trends)
}

lung <- read.csv("data/lung.csv"); aml <- read.csv("data/aml.csv"); ovarian <- read.csv("data/ovarian.csv")
veteran <- read.csv("data/veteran.csv"); colon <- read.csv("data/colon.csv")
colonDeath <- colon[colon$etype == 2, ]
lungEcog <- lung[!is.na(lung$ph.ecog), ]

for (rho in c(0, 1)) {
  addCase("lung~sex", lung$time, lung$status - 1, lung$sex, rho = rho, trendScores = list(c(1, 2)))
  # ph.ecog has a group of one row (ecog 3).
  addCase("lung~ph.ecog", lungEcog$time, lungEcog$status - 1, lungEcog$ph.ecog, rho = rho,
          trendScores = list(c(1, 2, 3, 4), c(0, 1, 2, 3), c(0, 1, 3, 10)))
  addCase("lung~ph.ecog+strata(sex)", lungEcog$time, lungEcog$status - 1, lungEcog$ph.ecog,
          strata = lungEcog$sex, rho = rho, trendScores = list(c(1, 2, 3, 4)))
  addCase("aml~x", aml$time, aml$status, aml$x, rho = rho, trendScores = list(c(1, 2)))
  addCase("ovarian~rx", ovarian$futime, ovarian$fustat, ovarian$rx, rho = rho)
  addCase("ovarian~rx+strata(resid.ds)", ovarian$futime, ovarian$fustat, ovarian$rx,
          strata = ovarian$resid.ds, rho = rho)
  addCase("veteran~celltype", veteran$time, veteran$status, veteran$celltype, rho = rho,
          trendScores = list(c(1, 2, 3, 4)))
  addCase("veteran~celltype+strata(trt)", veteran$time, veteran$status, veteran$celltype,
          strata = veteran$trt, rho = rho, trendScores = list(c(1, 2, 3, 4)))
  addCase("colon~rx+strata(sex)", colonDeath$time, colonDeath$status, colonDeath$rx,
          strata = colonDeath$sex, rho = rho, trendScores = list(c(1, 2, 3)))
  addCase("colon~rx", colonDeath$time, colonDeath$status, colonDeath$rx, rho = rho,
          trendScores = list(c(1, 2, 3)))
}
addCase("veteran~celltype rho=0.5", veteran$time, veteran$status, veteran$celltype, rho = 0.5)
# Times differing by rounding noise are merged by aeqSurv before the test.
addCase("timefix", c(1, 1 + 1e-9, 2, 2 + 1e-8, 3, 4, 4 + 2e-7, 5, 6, 7), c(1, 1, 0, 1, 1, 1, 0, 1, 0, 1),
        c(1, 2, 1, 2, 1, 2, 1, 2, 1, 2), rho = 1)
# A stratum holding a single row (it adds to O and E but not to the variance).
addCase("single-row stratum", c(1, 2, 3, 4, 5, 6, 7), c(1, 1, 0, 1, 1, 1, 1), c(1, 2, 1, 2, 1, 2, 1),
        strata = c(1, 1, 1, 1, 1, 1, 2))

write_json(list(cases = cases), "logrank.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null")
