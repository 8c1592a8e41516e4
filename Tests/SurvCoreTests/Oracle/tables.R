# Reference values for SurvCore's tables and rank tests (fisher.test, chisq.test, wilcox.test,
# kruskal.test) and descriptive summaries (mean, sd, type-7 quantiles, table), on the survival
# package's data as exported to data/*.csv and on small constructed tables. Run from this folder:
#   Rscript tables.R
library(jsonlite)
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
lung <- read.csv("data/lung.csv")
veteran <- read.csv("data/veteran.csv")
aml <- read.csv("data/aml.csv")

# Infinite odds ratios are written as the string "Inf" (JSON has no infinity).
num <- function(v) if (is.infinite(v)) (if (v > 0) "Inf" else "-Inf") else unname(v)
rows <- function(m) lapply(seq_len(nrow(m)), function(i) as.integer(m[i, ]))
asCounts <- function(t) matrix(as.integer(t), nrow = nrow(t))
finding <- function(file) {
  d <- read.csv(file.path("..", "..", "Differential", "findings", file))
  asCounts(table(d$a, d$b))
}

tables <- list(
  list(name = "2/6 vs 2/26", x = matrix(c(2, 4, 2, 24), 2)),
  list(name = "tea tasting", x = matrix(c(3, 1, 1, 3), 2)),
  list(name = "constructed a", x = matrix(c(10, 3, 5, 20), 2)),
  list(name = "constructed b", x = matrix(c(1, 9, 11, 3), 2)),
  list(name = "constructed c", x = matrix(c(50, 60, 70, 30), 2)),
  list(name = "balanced", x = matrix(c(5, 5, 5, 5), 2)),
  list(name = "zero first cell", x = matrix(c(0, 6, 5, 3), 2)),
  list(name = "first cell at maximum", x = matrix(c(7, 2, 0, 9), 2)),
  list(name = "identity", x = matrix(c(1, 0, 0, 1), 2)),
  list(name = "larger 2x2", x = matrix(c(120, 95, 80, 140), 2)),
  list(name = "lung sex x status", x = asCounts(table(lung$sex, lung$status))),
  list(name = "lung sex x ph.ecog>=2", x = asCounts(table(lung$sex, lung$ph.ecog >= 2))),
  list(name = "veteran trt x prior", x = asCounts(table(veteran$trt, veteran$prior))),
  list(name = "aml x x status", x = asCounts(table(aml$x, aml$status))),
  list(name = "lung ph.ecog x sex", x = asCounts(table(lung$ph.ecog, lung$sex))),
  list(name = "veteran celltype x trt", x = asCounts(table(veteran$celltype, veteran$trt))),
  list(name = "veteran celltype x prior", x = asCounts(table(veteran$celltype, veteran$prior))),
  list(name = "veteran celltype x status", x = asCounts(table(veteran$celltype, veteran$status))),
  list(name = "constructed 3x3", x = matrix(c(3, 1, 2, 1, 5, 6, 4, 9, 5), 3)),
  list(name = "constructed 2x3", x = matrix(c(1, 4, 2, 5, 3, 0), 2)),
  list(name = "constructed 3x4", x = matrix(c(8, 2, 1, 2, 7, 3, 3, 1, 9, 1, 4, 2), 3)),
  list(name = "job satisfaction 4x4", x = matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4)),
  # Tables the differential test found surv refusing under a smaller step budget (Tests/Differential/findings).
  list(name = "differential 5x5 n=51", x = finding("fisher-5x5-refused.csv")),
  list(name = "differential 5x5 n=69", x = finding("fisher-5x5-seed288.csv"))
)

fisher <- lapply(tables, function(t) {
  levels <- if (all(dim(t$x) == 2)) c(0.95, 0.9) else 0.95
  lapply(levels, function(level) {
    f <- fisher.test(t$x, conf.level = level)
    out <- list(name = t$name, table = rows(t$x), level = level, p = f$p.value)
    if (!is.null(f$estimate)) {
      out$oddsRatio <- num(f$estimate)
      out$oddsRatioLower <- num(f$conf.int[1])
      out$oddsRatioUpper <- num(f$conf.int[2])
    }
    out
  })
})
fisher <- do.call(c, fisher)

chisq <- do.call(c, lapply(tables, function(t) lapply(c(TRUE, FALSE), function(correct) {
  c0 <- suppressWarnings(chisq.test(t$x, correct = correct))
  list(name = t$name, table = rows(t$x), yates = correct, chisq = unname(c0$statistic),
       df = unname(c0$parameter), p = c0$p.value,
       expected = lapply(seq_len(nrow(c0$expected)), function(i) unname(c0$expected[i, ])),
       smallExpected = any(c0$expected < 5))
})))

set.seed(20240611)
noTies <- function(n, shift) { v <- round(rnorm(n, shift), 4); stopifnot(!anyDuplicated(v)); v }
w1 <- noTies(98, 0.3)
w2 <- noTies(70, 0)
samples <- list(
  list(name = "lung age by sex", x = lung$age[lung$sex == 1], y = lung$age[lung$sex == 2]),
  list(name = "veteran karno by trt", x = veteran$karno[veteran$trt == 1], y = veteran$karno[veteran$trt == 2]),
  list(name = "aml time by group", x = aml$time[aml$x == "Maintained"], y = aml$time[aml$x == "Nonmaintained"]),
  list(name = "small exact", x = noTies(7, 0.5), y = noTies(9, 0)),
  list(name = "separated exact", x = c(10.5, 11.2, 12.9, 13.1, 14.7), y = c(1.1, 2.2, 3.3, 4.4, 5.5, 6.6)),
  list(name = "one against one", x = 2, y = 1),
  list(name = "largest exact 49 v 49", x = w1[1:49], y = w1[50:98]),
  list(name = "exact 49 v 20", x = w1[1:49], y = w2[1:20]),
  list(name = "normal 50 v 20 no ties", x = w2[1:50], y = w2[51:70]),
  list(name = "lung time by sex (head)", x = lung$time[lung$sex == 1][1:30], y = lung$time[lung$sex == 2][1:25])
)
wilcoxon <- lapply(samples, function(s) {
  r <- suppressWarnings(wilcox.test(s$x, s$y))
  ties <- anyDuplicated(c(s$x, s$y)) > 0
  list(name = s$name, x = I(s$x), y = I(s$y), W = unname(r$statistic), p = r$p.value,
       exact = length(s$x) < 50 && length(s$y) < 50 && !ties)
})

kwCase <- function(name, values, groups) {
  ok <- !is.na(values) & !is.na(groups)
  values <- values[ok]; groups <- groups[ok]
  k <- kruskal.test(values, factor(groups))
  list(name = name, values = values, groups = as.integer(factor(groups)) - 1L,
       chisq = unname(k$statistic), df = unname(k$parameter), p = k$p.value)
}
kruskal <- list(
  kwCase("lung age by ph.ecog", lung$age, lung$ph.ecog),
  kwCase("lung wt.loss by ph.ecog", lung$wt.loss, lung$ph.ecog),
  kwCase("veteran time by celltype", veteran$time, veteran$celltype),
  kwCase("veteran karno by celltype", veteran$karno, veteran$celltype),
  kwCase("small no ties", c(2.9, 3.0, 2.5, 2.6, 3.2, 3.8, 2.7, 4.0, 2.4, 2.8, 3.4, 3.7, 2.2, 2.0),
         c(1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3))
)

summaryCase <- function(name, v) {
  present <- v[!is.na(v)]
  q <- unname(quantile(present, c(0.25, 0.5, 0.75)))
  list(name = name, values = v, n = length(present), missing = sum(is.na(v)), mean = mean(present),
       sd = if (length(present) > 1) sd(present) else NULL, median = q[2], q1 = q[1], q3 = q[3],
       min = min(present), max = max(present))
}
summaries <- list(
  summaryCase("lung age", lung$age),
  summaryCase("lung meal.cal", lung$meal.cal),
  summaryCase("lung wt.loss", lung$wt.loss),
  summaryCase("lung time", lung$time),
  summaryCase("veteran karno", veteran$karno),
  summaryCase("veteran time", veteran$time),
  summaryCase("aml time", aml$time),
  summaryCase("two values", c(3.5, NA, -1.25))
)
probs <- c(0, 0.01, 0.1, 0.25, 1 / 3, 0.5, 0.9, 0.99, 1)
quantiles <- lapply(list(list("lung time", lung$time), list("veteran karno", veteran$karno),
                         list("lung meal.cal", lung$meal.cal[!is.na(lung$meal.cal)])), function(c0)
  list(name = c0[[1]], values = sort(c0[[2]]), probs = probs, q = unname(quantile(c0[[2]], probs))))

countCase <- function(name, v) {
  f <- factor(v)
  t <- table(f)
  present <- sum(!is.na(v))
  list(name = name, levels = levels(f), codes = ifelse(is.na(f), -1L, as.integer(f) - 1L),
       counts = as.integer(t), percent = unname(100 * as.numeric(prop.table(t))), missing = sum(is.na(v)))
}
counts <- list(
  countCase("lung sex", lung$sex),
  countCase("lung ph.ecog", lung$ph.ecog),
  countCase("lung inst", lung$inst),
  countCase("veteran celltype", veteran$celltype)
)

write_json(list(fisher = fisher, chisq = chisq, wilcoxon = wilcoxon, kruskal = kruskal,
                summaries = summaries, quantiles = quantiles, counts = counts),
           "tables.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null")
