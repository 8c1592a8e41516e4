# Reference values for SurvCore's Normal, ChiSquared and StudentT, on grids that reach far into both
# tails (p-values down to 1e-300), small and non-integer df, and large df. Run from this folder:
#   Rscript distributions.R
library(jsonlite)
# Factor levels in the order surv gives them (R's order under en_US.UTF-8), whatever the machine's locale.
stopifnot(Sys.setlocale("LC_COLLATE", "en_US.UTF-8") != "")
# JSON has no infinity: infinite results (a quantile beyond the largest double) are written as strings.
num <- function(v) if (is.infinite(v)) (if (v > 0) "Inf" else "-Inf") else v

z <- c(-38.4, -38, -20, -12, -8.3, -5, -3, -1.96, -1, -0.5, -1e-8, 0, 1e-8, 0.3, 1, 1.645, 3, 5, 8, 12, 20, 37.5)
normal <- lapply(z, function(x) list(x = x, cdf = pnorm(x), sf = pnorm(x, lower.tail = FALSE)))

probs <- c(1e-300, 1e-100, 1e-30, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.4999, 0.5, 0.6, 0.9, 0.975,
           0.999, 1 - 1e-10)
normalQuantile <- lapply(probs, function(p) list(p = p, q = qnorm(p)))

chiDf <- c(0.01, 0.5, 1, 2, 3, 7.5, 10, 30, 100, 1000, 5000)
chiX <- c(1e-100, 1e-8, 0.01, 0.5, 1, 2, 3.84, 5, 10, 20, 50, 100, 200, 500, 1000, 1500, 3000, 5500, 20000)
chisq <- list()
for (df in chiDf) for (x in chiX)
  chisq[[length(chisq) + 1]] <- list(x = x, df = df, cdf = pchisq(x, df),
                                     sf = pchisq(x, df, lower.tail = FALSE))
chiProbs <- c(1e-100, 1e-30, 1e-10, 1e-5, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-10)
chisqQuantile <- list()
for (df in chiDf) for (p in chiProbs)
  chisqQuantile[[length(chisqQuantile) + 1]] <- list(p = p, df = df, q = num(qchisq(p, df)))

tDf <- c(0.05, 0.5, 1, 2, 3.5, 5, 10, 30, 100, 1000, 1e6)
tX <- c(-1e200, -1e10, -50, -5, -2, -1, -0.1, 0, 0.5, 1, 1.96, 3, 10, 100, 1e5, 1e10, 1e200)
student <- list()
for (df in tDf) for (x in tX)
  student[[length(student) + 1]] <- list(x = x, df = df, cdf = pt(x, df), sf = pt(x, df, lower.tail = FALSE))
tProbs <- c(1e-30, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.4999, 0.5, 0.6, 0.9, 0.975, 0.999, 1 - 1e-10)
tQuantile <- list()
for (df in tDf) for (p in tProbs)
  tQuantile[[length(tQuantile) + 1]] <- local({
    q <- qt(p, df)
    # How far R's own answer is from inverting pt: qt is known to lose digits for df < 1 far out.
    roundTrip <- if (p == 0.5 || is.infinite(q)) 0 else pt(q, df, lower.tail = p < 0.5) / min(p, 1 - p) - 1
    list(p = p, df = df, q = num(q), roundTripError = roundTrip)
  })

write_json(list(normal = normal, normalQuantile = normalQuantile, chisq = chisq,
                chisqQuantile = chisqQuantile, t = student, tQuantile = tQuantile),
           "distributions.json", digits = NA, auto_unbox = TRUE, null = "null", na = "null")
