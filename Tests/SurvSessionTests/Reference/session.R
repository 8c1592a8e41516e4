# Reference values for end-to-end session tests: the same analyses the tests type at surv's prompt,
# computed by R survival on the bundled data sets. Run from this folder:
#   Rscript session.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
lung <- survival::lung
lung$sexc <- ifelse(lung$sex == 1, "male", "female")
lung$ecog <- factor(lung$ph.ecog)
out <- list()

# km at 180, 365 by sex, log-log CI at 90% (the session: set ci loglog; set level 0.9)
fit <- survfit(Surv(time, status) ~ sex, data = lung, conf.type = "log-log", conf.int = 0.9)
s <- summary(fit, times = c(180, 365))
out$km <- list(surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper, n_risk = s$n.risk,
               median = unname(summary(fit)$table[, "median"]),
               median_lower = unname(summary(fit)$table[, "0.9LCL"]),
               median_upper = unname(summary(fit)$table[, "0.9UCL"]))

# logrank by ph.ecog among age > 50 (rows with missing ph.ecog dropped)
sub <- subset(lung, age > 50)
d <- survdiff(Surv(time, status) ~ ph.ecog, data = sub)
out$logrank <- list(chisq = d$chisq, observed = as.numeric(d$obs), expected = as.numeric(d$exp), n = as.numeric(d$n))

# logrank rho 1 (Peto-Peto) by sex
d1 <- survdiff(Surv(time, status) ~ sex, data = lung, rho = 1)
out$logrank_rho1 <- list(chisq = d1$chisq, observed = as.numeric(d1$obs), expected = as.numeric(d1$exp))

# cox age + sexc + ecog (factor, reference = first level), Efron and Breslow
for (ties in c("efron", "breslow")) {
  m <- coxph(Surv(time, status) ~ age + sexc + ecog, data = lung, ties = ties)
  sm <- summary(m)
  out[[paste0("cox_", ties)]] <- list(
    names = names(coef(m)), coef = unname(coef(m)), se = unname(sqrt(diag(vcov(m)))),
    hr_lower = unname(sm$conf.int[, "lower .95"]), hr_upper = unname(sm$conf.int[, "upper .95"]),
    loglik = m$loglik, lr = 2 * diff(m$loglik), wald = unname(m$wald.test),
    score = unname(m$score), concordance = unname(sm$concordance[1]), n = m$n, events = m$nevent)
}

# cox with a derived column and strata: log(age) + strata(sexc)
m <- coxph(Surv(time, status) ~ log(age) + strata(sexc), data = lung)
out$cox_strata <- list(coef = unname(coef(m)), se = unname(sqrt(diag(vcov(m)))))

# followup (reverse KM) overall
f <- survfit(Surv(time, 1 - (status - 1)) ~ 1, data = lung)
out$followup <- list(median = unname(summary(f)$table["median"]), lower = unname(summary(f)$table["0.95LCL"]),
                     upper = unname(summary(f)$table["0.95UCL"]))

# fisher sexc by dead among age >= 70
old <- subset(lung, age >= 70)
ft <- fisher.test(table(old$sexc, old$status))
out$fisher <- list(p = ft$p.value, odds_ratio = unname(ft$estimate), lower = ft$conf.int[1], upper = ft$conf.int[2])

write_json(out, "session.json", digits = NA, auto_unbox = FALSE)
