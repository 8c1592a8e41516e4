# Reference values for end-to-end session tests: the same analyses the tests type at surv's prompt,
# computed by R survival on the bundled data sets. Run from this folder:
#   Rscript session.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
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

# Every expression is evaluated on the rows the filter keeps (issue 7).
coxterm <- function(m) list(coef = unname(coef(m)), se = unname(sqrt(diag(vcov(m)))), n = m$n, events = m$nevent,
                            loglik = m$loglik)
# where ph.karno > 50; cox log(ph.karno - 50)  (log is undefined on the excluded rows)
karno <- subset(lung, ph.karno > 50)
out$cox_filtered <- coxterm(coxph(Surv(time, status) ~ log(ph.karno - 50), data = karno))
# where ph.karno > 50; where log(ph.karno - 50) > 3: rows kept
out$where_filtered <- list(kept = sum(log(karno$ph.karno - 50) > 3, na.rm = TRUE))
# let lk = if(ph.karno > 50, log(ph.karno - 50), 0); cox lk  (if() guards its branch on every row)
guarded <- lung
guarded$lk <- ifelse(guarded$ph.karno > 50, suppressWarnings(log(guarded$ph.karno - 50)), 0)
out$cox_guarded <- coxterm(coxph(Surv(time, status) ~ lk, data = guarded))
# Landmark at 90 days: where time >= 90; let tl = time - 90; endpoint tl, status; km at 180
land <- subset(lung, time >= 90)
lf <- survfit(Surv(time - 90, status) ~ 1, data = land)
ls <- summary(lf, times = 180)
out$landmark <- list(n = lf$n, events = sum(lf$n.event), median = unname(summary(lf)$table["median"]),
                     surv = ls$surv, std_err = ls$std.err, lower = ls$lower, upper = ls$upper)
# Months computed two ways (a sum for the older patients): coxph ties them by its default timefix.
noisy <- lung
noisy$months <- ifelse(noisy$age > 60, noisy$time / 30.4375, (noisy$time - 7) / 30.4375 + 7 / 30.4375)
nm <- coxph(Surv(months, status) ~ age + sex, data = noisy)
nm0 <- coxph(Surv(months, status) ~ age + sex, data = noisy, timefix = FALSE)
stopifnot(abs(coef(nm)[2] - coef(nm0)[2]) > 1e-5)  # the noise matters
out$cox_noisy <- coxterm(nm)
nz <- cox.zph(nm)$table
out$phtest_noisy <- list(chisq = unname(nz[, "chisq"]), p = unname(nz[, "p"]))
# cox.zph with covariates 10^5-10^6 apart in scale: female (0/1) beside age * 1e5, and beside meal.cal * 1000.
scaled <- lung
scaled$female <- scaled$sex - 1
scaled$big <- scaled$age * 1e5
scaled$kcal <- scaled$meal.cal * 1000
for (term in c("big", "kcal")) {
  z <- cox.zph(coxph(as.formula(paste("Surv(time, status) ~ female +", term)), data = scaled))$table
  out[[paste0("phtest_scaled_", term)]] <- list(chisq = unname(z[, "chisq"]), df = unname(z[, "df"]), p = unname(z[, "p"]))
}
# fisher with a level (grade 3) seen only in rows whose response is missing: table() keeps an empty row,
# which fisher.test answers; the reduced 2x2 table gives the odds ratio. The data go into the JSON.
graded <- data.frame(grade = c(1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3),
                     response = c("yes", "yes", "yes", "yes", "no", "no", "yes", "no", "no", "no", "no", "no", NA, NA))
gt <- table(graded$grade, graded$response)
stopifnot(nrow(gt) == 3, any(rowSums(gt) == 0))
gf <- fisher.test(gt)
gr <- fisher.test(gt[rowSums(gt) > 0, colSums(gt) > 0])
stopifnot(abs(gf$p.value - gr$p.value) < 1e-12)
out$fisher_empty_level <- list(p = gf$p.value, odds_ratio = unname(gr$estimate), lower = gr$conf.int[1], upper = gr$conf.int[2],
                               data = graded)

write_json(out, "session.json", digits = NA, auto_unbox = FALSE)
