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

# --- rmst, km quantile, chisq, wilcoxon, kruskal ---
# R prints a warning as text; these record whether it warned, so the tests can check surv warns alike.
warned <- function(expr) {
  w <- FALSE
  value <- withCallingHandlers(expr, warning = function(c) { w <<- TRUE; invokeRestart("muffleWarning") })
  list(value = value, warned = w)
}

# rmst at TAU: rmean and se(rmean) from summary(survfit, rmean = TAU); the interval is rmean ± z·se.
# survRM2 (not installed here) reports the two-group difference as (second − first) with
# se = sqrt(se1² + se2²), interval ± z·se and p = 2·(1 − Φ(|d| / se)); it is computed from R's per-stratum
# rmean and se the same way. `limit` is survRM2's largest allowed horizon: the smallest of the groups' last times.
rmstRef <- function(formula, data, tau, level = 0.95) {
  fit <- survfit(formula, data = data)
  tab <- summary(fit, rmean = tau)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  z <- qnorm(0.5 + level / 2)
  rm <- unname(tab[, "rmean"]); se <- unname(tab[, "se(rmean)"])
  r <- list(tau = tau, rmst = rm, se = se, lower = rm - z * se, upper = rm + z * se, n = unname(tab[, "n.max"]),
            events = unname(tab[, "events"]))
  if (length(rm) == 2) {
    d <- rm[2] - rm[1]; dse <- sqrt(se[1]^2 + se[2]^2)
    r$difference <- list(estimate = d, se = dse, lower = d - z * dse, upper = d + z * dse, p = 2 * pnorm(-abs(d / dse)))
  }
  r
}
# aml stratified by x at 40; the horizon limit is the Nonmaintained group's last time
out$rmst_aml <- rmstRef(Surv(time, status) ~ x, aml, 40)
out$rmst_aml$limit <- min(tapply(aml$time, aml$x, max))
# lung where age >= 60, stratified by sex, at 365 with set level 0.9
out$rmst_lung_old <- rmstRef(Surv(time, status) ~ sex, subset(lung, age >= 60), 365, level = 0.9)
# lung stratified by ph.ecog (one row with a missing ph.ecog dropped; four strata, no difference) at 100
out$rmst_lung_ecog <- rmstRef(Surv(time, status) ~ ph.ecog, lung, 100)
# lung, no strata, at 365
out$rmst_lung_all <- rmstRef(Surv(time, status) ~ 1, lung, 365)

# km quantile 0.25, 0.75 on aml by x; km quantile 0.1, 0.25, 0.75 on lung by sex with set ci loglog
qRef <- function(fit, probs) {
  q <- quantile(fit, probs = probs)
  list(probs = probs, quantile = as.vector(t(q$quantile)), lower = as.vector(t(q$lower)), upper = as.vector(t(q$upper)))
}
out$km_quantile_aml <- qRef(survfit(Surv(time, status) ~ x, data = aml), c(0.25, 0.75))
out$km_quantile_lung <- qRef(survfit(Surv(time, status) ~ sex, data = lung, conf.type = "log-log"), c(0.1, 0.25, 0.75))

# chisq: R's chisq.test on table(A, B) (rows with a missing value dropped by table()).
chisqRef <- function(a, b, correct = TRUE) {
  r <- warned(chisq.test(table(a, b), correct = correct))
  list(chisq = unname(r$value$statistic), df = unname(r$value$parameter), p = r$value$p.value,
       yates = grepl("Yates", r$value$method), warned = r$warned)
}
out$chisq_sex_dead <- chisqRef(lung$sex, lung$status - 1)                                  # chisq sex by dead
out$chisq_sex_dead_nocorrect <- chisqRef(lung$sex, lung$status - 1, correct = FALSE)       # ... nocorrect
out$chisq_sex_ecog <- chisqRef(lung$sex, lung$ph.ecog)                                 # 2x4, small expected counts
old60 <- subset(lung, age >= 60)
out$chisq_old_sex_ecog <- chisqRef(old60$sex, old60$ph.ecog, correct = FALSE)          # where age >= 60; ... nocorrect
out$chisq_aml <- chisqRef(aml$x, aml$status)                                           # aml: chisq x by status

# wilcoxon X by G: wilcox.test(x ~ g) with R's defaults (exact below 50 per group without ties).
wilcoxRef <- function(formula, data) {
  r <- warned(wilcox.test(formula, data = data))
  list(statistic = unname(r$value$statistic), p = r$value$p.value, exact = grepl("exact", r$value$method), warned = r$warned)
}
out$wilcoxon_lung <- wilcoxRef(age ~ sex, lung)                                        # ties, large: normal approximation
out$wilcoxon_aml <- wilcoxRef(time ~ x, aml)                                           # ties, small: R warns, normal approximation
inst12 <- subset(lung, inst == 12)
stopifnot(!anyDuplicated(inst12$time), all(table(inst12$sex) < 50))
out$wilcoxon_inst12 <- wilcoxRef(time ~ sex, inst12)                                   # where inst == 12: exact

# kruskal X by G: kruskal.test(x ~ g)
kruskalRef <- function(formula, data) {
  k <- kruskal.test(formula, data = data)
  list(chisq = unname(k$statistic), df = unname(k$parameter), p = k$p.value)
}
out$kruskal_lung <- kruskalRef(age ~ ph.ecog, lung)                                    # one row with missing ph.ecog dropped
out$kruskal_women <- kruskalRef(wt.loss ~ ph.ecog, subset(lung, sex == 2))             # where sex == 2: missing wt.loss too
out$kruskal_aml <- kruskalRef(time ~ x, aml)
# Model terms (issue 8). Each section is the model the test types at surv's prompt, fitted by coxph on lung.
model <- function(m) list(names = names(coef(m)), coef = unname(coef(m)), se = unname(sqrt(diag(vcov(m)))),
                          loglik = m$loglik, n = m$n, events = m$nevent)
terms_data <- lung
terms_data$sexc <- ifelse(terms_data$sex == 1, "M", "F")     # let sexc = if(sex == 1, "M", "F")
terms_data$a <- ifelse(terms_data$ph.ecog >= 1, "B", "A")     # let a = if(ph.ecog >= 1, "B", "A")
terms_data$c <- ifelse(terms_data$age > 60, "Y", "X")         # let c = if(age > 60, "Y", "X")
# let g = if(age < 55, "b", if(age < 62, "A", if(age < 68, "a", "B"))): mixed-case levels, a A b B in R's order
terms_data$g <- with(terms_data, ifelse(age < 55, "b", ifelse(age < 62, "A", ifelse(age < 68, "a", "B"))))
fit <- function(f) model(coxph(as.formula(paste("Surv(time, status) ~", f)), data = terms_data))
out$terms_numeric_by_factor <- fit("sexc * age")               # cox sexc*age
out$terms_numeric_by_numeric <- fit("age * wt.loss")           # cox age*wt.loss
out$terms_interaction_alone <- fit("age:sexc")                  # cox age:sexc (one slope per sex)
out$terms_factor_by_factor <- fit("a * c")                     # cox a*c
out$terms_three_way <- fit("age * sexc * wt.loss")             # cox age*sexc*wt.loss
out$terms_factor_code <- fit("factor(ph.ecog)")                # cox factor(ph.ecog)
terms_data$ecog_ref2 <- relevel(factor(terms_data$ph.ecog), ref = "2")
out$terms_factor_ref_number <- fit("ecog_ref2")                # cox factor(ph.ecog, ref = 2)
terms_data$sexc_refM <- relevel(factor(terms_data$sexc), ref = "M")
out$terms_factor_ref_text <- fit("sexc_refM + age")            # cox factor(sexc, ref = "M") + age
out$terms_mixed_case <- fit("g")                               # cox g (reference a)
# set ref sexc "M"; stratify by sexc; logrank trend; tab sexc; cox sexc: M first everywhere
d <- survdiff(Surv(time, status) ~ sexc_refM, data = terms_data)
out$set_ref_logrank <- list(n = as.numeric(d$n), observed = as.numeric(d$obs), expected = as.numeric(d$exp),
                            labels = sub("sexc_refM", "sexc", names(d$n)))
out$set_ref_tab <- list(levels = levels(terms_data$sexc_refM), counts = as.numeric(table(terms_data$sexc_refM)))
out$set_ref_cox <- fit("sexc_refM")
# set ref ph.ecog 2; cox factor(ph.ecog) + age
terms_data$ecog_ref2_age <- terms_data$ecog_ref2
out$set_ref_numeric <- fit("ecog_ref2 + age")
# stratify by g; logrank trend: strata in R's level order (a, A, b, B), trend scores 1..4 in that order
dg <- survdiff(Surv(time, status) ~ g, data = terms_data)
gl <- levels(factor(terms_data$g))
ot <- as.numeric(dg$obs); et <- as.numeric(dg$exp); sc <- seq_along(gl)
trend <- sum(sc * (ot - et))^2 / drop(t(sc) %*% dg$var %*% sc)
out$mixed_case_logrank <- list(levels = gl, observed = ot, expected = et, chisq = dg$chisq, trend_chisq = trend)
# cox strata(sexc): the null model, its log-likelihood
nm <- coxph(Surv(time, status) ~ strata(sexc), data = terms_data)
out$null_model <- list(loglik = nm$loglik, n = nm$n, events = nm$nevent)
# Level order of text: R's sort() of factor levels under en_US.UTF-8.
texts <- c("b", "A", "a", "B", "_x", "a b", "a_b", "a-c", "ab", "Ab", "ac", "10", "9", "e", "\u00e9", "f", "Z", "z1", "Z1",
           "a1", "a-1", "a 1", "a.1", "A1", "\u00e41", "\u00c4", "\u00e4", "aa", "ss", "sz", "\u00df", "o", "\u00f8", "p", "$", "1a")
out$level_order <- list(texts = texts, levels = levels(factor(texts)))

# Bundled data sets keep R's factor level order, so the reference level is R's: colon's rx (Obs, Lev,
# Lev+5FU; surv bundles the death rows) and veteran's celltype (squamous first).
out$bundled_colon_rx <- model(coxph(Surv(time, status) ~ rx, data = survival::colon[survival::colon$etype == 2, ]))
out$bundled_veteran_celltype <- model(coxph(Surv(time, status) ~ celltype, data = survival::veteran))

# plot km by sex on lung, ticks every 200 days to 1000: the number at risk under each tick (R's summary at
# those times), the curve (survfit's surv), and the Nelson-Aalen cumulative hazard with the band R's
# plot(fit, cumhaz = TRUE, conf.int = TRUE) draws (plain: H +- z * std.chaz, not below 0).
fit <- survfit(Surv(time, status) ~ sex, data = lung)
ticks <- seq(0, 1000, by = 200)
z <- qnorm(0.975)
for (k in 1:2) {
  f <- fit[k]
  out[[paste0("figure_sex", k)]] <- list(ticks = ticks, n_risk = summary(f, times = ticks, extend = TRUE)$n.risk,
    time = f$time, surv = f$surv, lower = f$lower, upper = f$upper, cumhaz = f$cumhaz,
    cumhaz_lower = pmax(f$cumhaz - z * f$std.chaz, 0), cumhaz_upper = f$cumhaz + z * f$std.chaz,
    censor_times = f$time[f$n.censor > 0])
}
out$figure_logrank_p <- 1 - pchisq(survdiff(Surv(time, status) ~ sex, data = lung)$chisq, 1)

# table1 age, ph.ecog, wt.loss by sex overall (lung) and table1 age, sex, nodes by rx (colon, death rows):
# median, quartiles (type 7) and range per group and overall; counts per level; the test gtsummary's
# add_p() picks: wilcox.test (2 groups) or kruskal.test, chisq.test(correct = FALSE) or fisher.test when an
# expected count is below 5.
numeric_summary <- function(x, g) {
  parts <- c(split(x, g), list(All = x))
  lapply(parts, function(v) { w <- v[!is.na(v)]; q <- quantile(w, c(.25, .5, .75), type = 7)
    list(n = length(w), missing = sum(is.na(v)), median = unname(q[2]), q1 = unname(q[1]), q3 = unname(q[3]),
         min = min(w), max = max(w)) })
}
out$table1_lung <- list(
  age = numeric_summary(lung$age, lung$sex), age_p = wilcox.test(age ~ sex, data = lung)$p.value,
  wt_loss = numeric_summary(lung$wt.loss, lung$sex), wt_loss_p = wilcox.test(wt.loss ~ sex, data = lung)$p.value,
  ecog_counts = unclass(table(lung$ph.ecog, lung$sex)), ecog_p = fisher.test(table(lung$ph.ecog, lung$sex))$p.value,
  ecog_expected_min = min(suppressWarnings(chisq.test(table(lung$ph.ecog, lung$sex)))$expected))
colon2 <- survival::colon[survival::colon$etype == 2, ]
out$table1_colon <- list(
  age = numeric_summary(colon2$age, colon2$rx), age_p = kruskal.test(age ~ rx, data = colon2)$p.value,
  nodes = numeric_summary(colon2$nodes, colon2$rx), nodes_p = kruskal.test(nodes ~ rx, data = colon2)$p.value,
  sex_counts = unclass(table(colon2$sex, colon2$rx)), sex_p = chisq.test(table(colon2$sex, colon2$rx), correct = FALSE)$p.value)

# Competing risks on mgus2 (bundled with etime/event built as below): endpoint etime, event event 1
# competing 2; stratify by sex; cuminc at 60, 120, 240 (cmprsk's cuminc and timepoints; the log(-log)
# interval F^exp(+-z se / (F log F))); finegray age + sex (cmprsk's crr).
suppressPackageStartupMessages(library(cmprsk))
mg <- survival::mgus2
mg$etime <- ifelse(mg$pstat == 0, mg$futime, mg$ptime)
mg$event <- ifelse(mg$pstat == 0, 2L * mg$death, 1L)
ci <- cuminc(mg$etime, mg$event, group = mg$sex, cencode = 0)
tp <- timepoints(ci, c(60, 120, 240))
z <- qnorm(0.975)
loglog <- function(f, se, sign) f^exp(sign * z * se / (f * log(f)))
curve_values <- function(name) {
  f <- tp$est[name, ]; se <- sqrt(tp$var[name, ])
  list(est = unname(f), se = unname(se), lower = unname(loglog(f, se, -1)), upper = unname(loglog(f, se, 1)))
}
out$cuminc_mgus <- list(F1 = curve_values("F 1"), F2 = curve_values("F 2"), M1 = curve_values("M 1"), M2 = curve_values("M 2"),
                        gray_chisq = unname(ci$Tests[, "stat"]), gray_p = unname(ci$Tests[, "pv"]))
cov <- model.matrix(~ age + sex, data = mg)[, -1]
fg <- crr(mg$etime, mg$event, cov, failcode = 1, cencode = 0)
out$finegray_mgus <- list(coef = unname(fg$coef), se = unname(sqrt(diag(fg$var))))

# censor at txtime, then landmark at 100, on myeloid (endpoint futime, death; stratify by trt): follow-up
# ends, censored, at a transplant before the endpoint's time; then the rows followed beyond day 100, from
# day 100. km at 365, the log-rank test and cox trt + sex on that design.
my <- survival::myeloid
cut <- !is.na(my$txtime) & my$txtime < my$futime
my$t2 <- ifelse(cut, my$txtime, my$futime)
my$e2 <- ifelse(cut, 0, my$death)
lm <- subset(my, t2 > 100)
lm$t3 <- lm$t2 - 100
fit <- survfit(Surv(t3, e2) ~ trt, data = lm)
s <- summary(fit, times = 365)
out$design_myeloid <- list(censored = sum(cut), kept = nrow(lm), dropped = nrow(my) - nrow(lm),
                           surv = s$surv, n_risk = s$n.risk,
                           logrank_chisq = survdiff(Surv(t3, e2) ~ trt, data = lm)$chisq,
                           cox_coef = unname(coef(coxph(Surv(t3, e2) ~ trt + sex, data = lm))))

# split tx at txtime on myeloid (endpoint futime, death): R's tmerge with tdc(txtime), then coxph on the
# (tstart, tstop] intervals.
sp <- tmerge(survival::myeloid[, 1:3], survival::myeloid, id = id, death = event(futime, death), tx = tdc(txtime))
out$split_myeloid <- list(intervals = nrow(sp), switched = sum(sp$tx == 1 & sp$tstart > 0),
                          cox_coef = unname(coef(coxph(Surv(tstart, tstop, death) ~ trt + tx, data = sp))),
                          cox_se = unname(sqrt(diag(vcov(coxph(Surv(tstart, tstop, death) ~ trt + tx, data = sp))))))

# censor at rltime, then landmark at 100, on myeloid split at transplant (split tx at txtime): follow-up
# ends at relapse -- tmerge cuts each subject's intervals there (rl = tdc(rltime)) and the intervals before
# it are kept, the one cut there censored -- then survSplit at day 100 keeps the intervals after it, times
# from day 100. The counts, and cox trt + tx on each design.
base <- survival::myeloid
rl <- tmerge(sp, base, id = id, rl = tdc(rltime))
censored <- subset(rl, rl == 0)
cut_open <- !is.na(base$rltime[match(sp$id, base$id)]) & sp$tstart < base$rltime[match(sp$id, base$id)] &
  base$rltime[match(sp$id, base$id)] < sp$tstop
cut_after <- !is.na(base$rltime[match(sp$id, base$id)]) & base$rltime[match(sp$id, base$id)] <= sp$tstart
stopifnot(nrow(censored) == nrow(sp) - sum(cut_after))
cox_values <- function(fit) list(coef = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit)))))
after100 <- subset(survSplit(Surv(tstart, tstop, death) ~ ., data = censored, cut = 100, episode = "episode"), episode == 2)
after100$tstart <- after100$tstart - 100
after100$tstop <- after100$tstop - 100
out$interval_design_myeloid <- list(
  censored = sum(cut_open), dropped = sum(cut_after), events_removed = sum(sp$death[cut_open | cut_after]),
  censor_cox = cox_values(coxph(Surv(tstart, tstop, death) ~ trt + tx, data = censored)),
  landmark_kept = nrow(after100), landmark_dropped = nrow(censored) - nrow(after100),
  landmark_cox = cox_values(coxph(Surv(tstart, tstop, death) ~ trt + tx, data = after100)))

# landmark at 30 on heart's (start, stop] intervals (delayed entry at transplant): survSplit at day 30, the
# intervals after it, times from day 30; km by transplant at 100 and 365 days after the landmark, and cox.
hs <- subset(survSplit(Surv(start, stop, event) ~ ., data = survival::heart, cut = 30, episode = "episode"), episode == 2)
hs$start <- hs$start - 30
hs$stop <- hs$stop - 30
hk <- summary(survfit(Surv(start, stop, event) ~ transplant, data = hs), times = c(100, 365))
out$interval_landmark_heart <- list(kept = nrow(hs), dropped = nrow(survival::heart) - nrow(hs),
  surv = hk$surv, n_risk = hk$n.risk,
  cox = cox_values(coxph(Surv(start, stop, event) ~ age + surgery + transplant, data = hs)))

write_json(out, "session.json", digits = NA, auto_unbox = FALSE)
