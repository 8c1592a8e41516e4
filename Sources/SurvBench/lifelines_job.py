"""The whole-job benchmark's job done with lifelines and pandas, for comparison with `surv run`.

SurvBench's `surv-job` mode runs this beside surv on the same file and prints both. It does what the
surv script does and computes what surv prints: the file read; the rows with an outcome and their
events; a Kaplan-Meier curve per stratum with its median and 95% CI; the log-rank test across the
strata; then an unstratified Cox model (Efron ties, lifelines' default) with its coefficient table,
likelihood-ratio test and concordance. Text covariates enter as indicators against their first level,
as in surv.

Prints one JSON object per step, {"step": ..., "seconds": ...}, the seconds counted from the start of
the process (imports included, as surv's count from its own start), then {"done": true, ...}. The Cox
step is also reported without the concordance, which lifelines computes only when asked. Needs only
lifelines and pandas; it is never part of surv's build or tests.
"""

import time

START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402


def step(name):
    print(json.dumps({"step": name, "seconds": round(time.perf_counter() - START, 4)}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--time", default="time")
    parser.add_argument("--event", default="event")
    parser.add_argument("--strata", default="arm")
    parser.add_argument("--covariates", default="age,arm,sex,x1,x2,x3,x4,x5,x6")
    args = parser.parse_args()
    covariates = args.covariates.split(",")

    import pandas as pd
    from lifelines import CoxPHFitter, KaplanMeierFitter
    from lifelines.statistics import multivariate_logrank_test
    from lifelines.utils import median_survival_times

    data = pd.read_csv(args.csv)
    step("load")

    data = data.dropna(subset=[args.time, args.event])
    events = int(data[args.event].sum())
    strata = data[args.strata]
    step("endpoint, stratify")

    medians = []
    for level, rows in data.groupby(args.strata, sort=True):
        fitter = KaplanMeierFitter().fit(rows[args.time], rows[args.event], label=str(level))
        interval = median_survival_times(fitter.confidence_interval_)
        medians.append((level, len(rows), fitter.median_survival_time_, interval.iloc[0].tolist()))
    step("km")

    test = multivariate_logrank_test(data[args.time], strata, data[args.event])
    step("logrank")

    model_data = pd.get_dummies(data[[args.time, args.event] + covariates], drop_first=True, dtype=float)
    model = CoxPHFitter()  # Efron ties
    model.fit(model_data, duration_col=args.time, event_col=args.event)
    summary = model.summary
    likelihood_ratio = model.log_likelihood_ratio_test()
    step("cox without concordance")
    # surv prints the concordance with every Cox model; lifelines computes it when first asked.
    concordance = model.concordance_index_
    step("cox")

    print(json.dumps({
        "done": True,
        "rows": len(data),
        "events": events,
        "medians": [[str(level), n, float(median)] for level, n, median, _ in medians],
        "logrank_chisq": float(test.test_statistic),
        "cox_terms": len(summary),
        "cox_lr": float(likelihood_ratio.test_statistic),
        "concordance": float(concordance),
    }), flush=True)


if __name__ == "__main__":
    sys.exit(main())
