"""The survival designs of the differential test (`differential.py --designs`): random cohorts and scripts
for competing risks (`cuminc`, `finegray`), (start, stop] endpoints (`km`, `cox` with `strata()` and
`cluster()`), `split`, `landmark at`, `censor at` and `table1`, and the comparisons of their results.

A cohort is `cohort.csv` (one row per subject: a time, a 0/1 status, a competing-risks status, switch
times, covariates) and sometimes `intervals.csv` (several (start, stop] rows per subject), written from
`random.Random(seed)`; the script runs its blocks in a fixed order (table1, competing risks, one event
with landmark and censoring, split, intervals) since `split` and `load` change the data for good.
"""
import math
import random

from differential import short, fmt, rnum, as_list, Comparison, cmp_km, cmp_cox, cmp_logrank, cmp_phtest


def _time_value(rng, kind, t, i):
    days = max(0, int(round(t)))
    if kind == "int":
        return days
    if kind == "few":
        return min(8, 1 + days // 30)
    if kind == "float":
        return round(t, 6) if rng.random() < 0.5 else t
    # Months computed two ways: equal days give times that differ by rounding noise.
    return days / 30.4375 if i % 2 == 0 else (days - 7) / 30.4375 + 7 / 30.4375


def generate(seed):
    """Returns (n, files {name: (columns, types, rows)}, plan commands as (surv text, op))."""
    rng = random.Random(seed)
    r = rng.random()
    n = rng.randint(2, 12) if r < 0.15 else rng.randint(13, 80) if r < 0.55 else rng.randint(81, 400)
    time_kind = rng.choice(["int", "few", "float", "noisy", "int"])
    censor_rate = rng.choice([0.0, 0.1, 0.3, 0.5, 0.8, rng.random()])
    miss_rate = rng.choice([0.0, 0.0, 0.03, 0.1])
    # Whether a time may be 0 (split then meets an interval (0, 0]); rare, so split is mostly exercised.
    zero_times = rng.random() < 0.1

    ncat = rng.randint(1, 3)
    cats = {}
    for j in range(ncat):
        prefix = "ABC"[j]
        cats[f"g{j+1}"] = [f"{prefix}{i+1}" for i in range(rng.randint(2, 4))]

    # The competing-risks status: codes of the event, of one or two competing causes, of censoring, and
    # sometimes a code the endpoint does not name (censored, as any other code).
    scheme = rng.choice(["012", "012", "0123", "0123u", "text", "129"])
    if scheme == "text":
        codes = {"cens": "alive", "event": "relapse", "comp": ["death"]}
    elif scheme == "0123":
        codes = {"cens": 0, "event": 1, "comp": [2, 3]}
    elif scheme == "0123u":
        codes = {"cens": 0, "event": 1, "comp": [2], "unlisted": 3}
    elif scheme == "129":
        codes = {"cens": 0, "event": 2, "comp": [1], "unlisted": 9}
    else:
        codes = {"cens": 0, "event": 1, "comp": [2]}
    # A stratum with no events of one cause: that level's competing events become censorings.
    silent_level = rng.choice(cats["g1"]) if rng.random() < 0.3 else None

    rows = []
    for i in range(n):
        row = {"id": i + 1, "x1": rng.gauss(0, 1), "bin": 1 if rng.random() < 0.4 else 0,
               "age": rng.randint(20, 90), "score": rng.randint(0, rng.choice([2, 4, 8]))}
        for g, levels in cats.items():
            weights = [1 + (li % 3) for li in range(len(levels))]
            row[g] = rng.choices(levels, weights)[0]
        lin = 0.5 * row["x1"] + 0.6 * row["bin"] + 0.02 * (row["age"] - 55) + 0.3 * cats["g1"].index(row["g1"])
        t_event = rng.expovariate(0.01 * math.exp(lin))
        t_comp = rng.expovariate(0.008 * math.exp(-0.3 * row["x1"]))
        t = min(t_event, t_comp)
        cause = "event" if t_event <= t_comp else "comp"
        if rng.random() < censor_rate:
            t = rng.uniform(0, t)
            cause = "cens"
        tv = _time_value(rng, time_kind, t, i)
        if not zero_times and tv == 0:
            tv = 1 if time_kind in ("int", "few") else 0.5
        row["time"] = tv
        if cause == "cens":
            cs = codes.get("unlisted", codes["cens"]) if rng.random() < 0.3 else codes["cens"]
        elif cause == "event":
            cs = codes["event"]
        else:
            cs = rng.choice(codes["comp"])
            if silent_level is not None and row["g1"] == silent_level:
                cs = codes["cens"]
        row["cs"] = cs
        row["status"] = 0 if cause == "cens" else 1
        # Switch times (a transplant, a response): before, at or after the end of follow-up, at 0, or missing;
        # sometimes exactly the row's time (a switch at the event).
        u = rng.random()
        if u < 0.2:
            sw = None
        elif u < 0.3:
            sw = row["time"]
        elif u < 0.35:
            sw = 0
        else:
            sw = _time_value(rng, time_kind, rng.uniform(0, 1.3 * max(t, 1)), i)
        row["sw"] = sw
        row["sw2"] = None if rng.random() < 0.4 else _time_value(rng, time_kind, rng.uniform(0, 1.2 * max(t, 1)), i + 1)
        rows.append(row)

    columns = ["id", "time", "status", "cs", "sw", "sw2", "x1", "bin", "age", "score"] + list(cats)
    if miss_rate > 0:
        for row in rows:
            for c in columns[1:]:
                if c not in ("sw", "sw2") and rng.random() < miss_rate * (0.3 if c in ("time", "status", "cs") else 1):
                    row[c] = None
    numeric = {"id", "time", "status", "sw", "sw2", "x1", "bin", "age", "score"}
    if scheme != "text":
        numeric.add("cs")
    types = {c: ("number" if c in numeric else "text") for c in columns}
    files = {"cohort.csv": (columns, types, rows)}

    cmds = []

    def add(text, op):
        cmds.append((text, op))

    add('load "cohort.csv"', {"op": "load", "file": "cohort.csv"})
    level = 0.95
    if rng.random() < 0.2:
        lv = rng.choice([("0.9", 0.9), ("99", 0.99)])
        add(f"set level {lv[0]}", {"op": "set", "key": "level", "value": lv[1]})
        level = lv[1]
    if rng.random() < 0.2:
        add("set ci loglog", {"op": "set", "key": "ci", "value": "log-log"})
    if rng.random() < 0.25:
        add("set ties breslow", {"op": "set", "key": "ties", "value": "breslow"})
    if rng.random() < 0.3:
        a = rng.randint(25, 60)
        add(f"where age > {a}", {"op": "where", "r": f"age > {a}"})
    elif rng.random() < 0.15:
        g = rng.choice(list(cats))
        lv = rng.choice(cats[g])
        add(f'where {g} != "{lv}"', {"op": "where", "r": f'{g} != "{lv}"'})

    def times_around(values, extra_beyond=True):
        obs = sorted(v for v in values if v is not None)
        at = set()
        if obs:
            for q in (0.1, 0.5, 0.8):
                v = obs[int(q * (len(obs) - 1))]
                at.add(short(v * 1.0001 if time_kind == "noisy" else v, 2))
            if extra_beyond:
                at.add(short(obs[-1] * 1.5 + 1, 1))
            if rng.random() < 0.3:
                at.add("0")
        return sorted(at, key=float)

    # ---- table1 ----
    if rng.random() < 0.8:
        pool = ["age", "x1", "score", "bin", "time", "sw"] + list(cats)
        by = rng.choice(list(cats) + ["bin", "score", None] if rng.random() < 0.9 else [None])
        if by is None and rng.random() < 0.5:
            by = rng.choice(list(cats))
        vars_ = [v for v in rng.sample(pool, rng.randint(1, min(5, len(pool)))) if v != by]
        if vars_:
            overall = by is not None and rng.random() < 0.5
            text = "table1 " + ", ".join(vars_) + (f" by {by}" if by else "") + (" overall" if overall else "")
            add(text, {"op": "table1", "vars": vars_, "by": by, "overall": overall})

    def pick_terms(allow_strata):
        pool = [("x1", {"kind": "num", "r": "x1", "name": "x1"}), ("bin", {"kind": "num", "r": "bin", "name": "bin"}),
                ("age", {"kind": "num", "r": "age", "name": "age"})]
        pool += [(g, {"kind": "cat", "col": g}) for g in cats]
        terms = rng.sample(pool, rng.randint(1, min(3, len(pool))))
        if allow_strata and ncat > 1 and rng.random() < 0.3:
            used = {t[1].get("col") for t in terms}
            free = [g for g in cats if g not in used]
            if free:
                g = rng.choice(free)
                terms.append((f"strata({g})", {"kind": "strata", "col": g}))
        return terms

    def cox(terms, extra=""):
        add("cox " + " + ".join(t[0] for t in terms) + extra, {"op": "cox", "terms": [t[1] for t in terms]})

    def written(code):
        return f'"{code}"' if isinstance(code, str) else str(code)

    def strata_choice():
        s = rng.random()
        if s < 0.5:
            return ["g1"]
        if s < 0.65:
            return [rng.choice(list(cats))]
        if s < 0.75 and ncat > 1:
            return ["g1", "g2"]
        if s < 0.85:
            return ["bin"]
        return []

    # ---- competing risks ----
    if rng.random() < 0.8:
        comp = codes["comp"]
        text = f"endpoint time, cs event {written(codes['event'])} competing " + ", ".join(written(c) for c in comp)
        add(text, {"op": "endpoint", "time": "time", "status": "cs", "event": codes["event"], "competing": comp})
        strata = strata_choice()
        add("stratify " + ("by " + ", ".join(strata) if strata else "none"), {"op": "stratify", "by": strata})
        at = times_around([r["time"] for r in rows])
        add("cuminc at " + ", ".join(at), {"op": "cuminc", "at": [float(a) for a in at]})
        if rng.random() < 0.5:
            add("km", {"op": "km", "at": []})
        terms = pick_terms(False)
        add("finegray " + " + ".join(t[0] for t in terms), {"op": "finegray", "terms": [t[1] for t in terms]})
        if rng.random() < 0.3:
            cox(pick_terms(True))
        if rng.random() < 0.5:
            expr = rng.choice([("sw", "sw"), ("sw2 + 1", "sw2 + 1")])
            add(f"censor at {expr[0]}", {"op": "censor", "r": expr[1]})
            add("cuminc at " + ", ".join(at), {"op": "cuminc", "at": [float(a) for a in at]})
            add("finegray " + " + ".join(t[0] for t in terms), {"op": "finegray", "terms": [t[1] for t in terms]})
            add("censor none", {"op": "censor", "r": None})
        if rng.random() < 0.4:
            obs = sorted(r["time"] for r in rows if r["time"] is not None)
            if obs:
                lm = short(obs[len(obs) // 3], 2)
                add(f"landmark at {lm}", {"op": "landmark", "time": float(lm)})
                add("cuminc at " + ", ".join(at), {"op": "cuminc", "at": [float(a) for a in at]})
                add("landmark none", {"op": "landmark", "time": None})

    # ---- one event: landmark and censoring ----
    if rng.random() < 0.8:
        add("endpoint time, status", {"op": "endpoint", "time": "time", "status": "status"})
        strata = strata_choice()
        add("stratify " + ("by " + ", ".join(strata) if strata else "none"), {"op": "stratify", "by": strata})
        obs = sorted(r["time"] for r in rows if r["time"] is not None)
        both = rng.random() < 0.3
        if rng.random() < 0.7 and obs:
            u = rng.random()
            # Sometimes after the last time (refused), sometimes exactly an observed time.
            lm = short(obs[-1] + 1, 2) if u < 0.1 else short(rng.choice(obs), 2) if u < 0.4 \
                else short(obs[int(rng.uniform(0.1, 0.6) * (len(obs) - 1))] * 0.97, 2)
            add(f"landmark at {lm}", {"op": "landmark", "time": float(lm)})
            at = times_around([r["time"] - float(lm) for r in rows if r["time"] is not None and r["time"] > float(lm)])
            add("km at " + ", ".join(at) if at else "km", {"op": "km", "at": [float(a) for a in at]})
            if strata:
                add("logrank", {"op": "logrank", "rho": 0, "trend": False})
            cox(pick_terms(True))
            add("phtest", {"op": "phtest"})
            if not both:
                add("landmark none", {"op": "landmark", "time": None})
        if rng.random() < 0.7:
            expr = rng.choice([("sw", "sw"), ("sw", "sw"), ("sw2 * 2", "sw2 * 2"),
                               (short(obs[len(obs) // 2], 1) if obs else "10",) * 2])
            add(f"censor at {expr[0]}", {"op": "censor", "r": expr[1]})
            at = times_around([r["time"] for r in rows])
            add("km at " + ", ".join(at), {"op": "km", "at": [float(a) for a in at]})
            if strata:
                rho = rng.choice([0, 0, 1])
                add("logrank" + (" rho 1" if rho else ""), {"op": "logrank", "rho": rho, "trend": False})
            cox(pick_terms(True))
            add("phtest", {"op": "phtest"})
            add("censor none", {"op": "censor", "r": None})
        add("landmark none", {"op": "landmark", "time": None})

    # ---- split: a time-dependent covariate ----
    if rng.random() < 0.6:
        add("endpoint time, status", {"op": "endpoint", "time": "time", "status": "status"})
        add("stratify none", {"op": "stratify", "by": []})
        add("split tx at sw", {"op": "split", "name": "tx", "col": "sw"})
        names = ["tx"]
        if rng.random() < 0.3:
            add("split tx2 at sw2", {"op": "split", "name": "tx2", "col": "sw2"})
            names.append("tx2")
        terms = [(nm, {"kind": "num", "r": nm, "name": nm}) for nm in names] + \
            [t for t in pick_terms(True) if rng.random() < 0.7]
        cox(terms)
        if rng.random() < 0.5:
            ties = rng.choice(["breslow", "efron"])
            add(f"set ties {ties}", {"op": "set", "key": "ties", "value": ties})
            cox(terms)
        if rng.random() < 0.5:
            add("stratify by tx", {"op": "stratify", "by": ["tx"]})
        add("km", {"op": "km", "at": []})

    # ---- (start, stop] intervals ----
    if rng.random() < 0.7:
        irows = []
        m = max(2, n // 2)
        for i in range(m):
            x1, b, g1 = rng.gauss(0, 1), 1 if rng.random() < 0.4 else 0, rng.choice(cats["g1"])
            start = 0.0 if rng.random() < 0.7 else float(rng.randint(1, 30))  # delayed entry
            for _ in range(rng.randint(1, 4)):
                length = rng.expovariate(0.02 * math.exp(0.4 * x1 + 0.5 * b))
                stop = start + (max(1, round(length)) if time_kind in ("int", "few", "noisy") else round(length, 3) + 0.001)
                ev = 1 if rng.random() < 0.6 else 0
                if time_kind == "noisy":
                    # Days as months computed two ways: the ends of intervals differ by rounding noise.
                    as_months = (lambda v: v / 30.4375) if (i + len(irows)) % 2 else (lambda v: (v - 7) / 30.4375 + 7 / 30.4375)
                    irows.append({"id": i + 1, "start": fmt(as_months(start)), "stop": fmt(as_months(stop)), "ev": ev,
                                  "x1": x1, "bin": b, "g1": g1})
                else:
                    irows.append({"id": i + 1, "start": fmt(start), "stop": fmt(stop), "ev": ev, "x1": x1, "bin": b, "g1": g1})
                if ev == 0 or rng.random() < 0.3:
                    break
                # The next interval starts where this one stopped, or after a gap.
                start = stop if rng.random() < 0.8 else stop + rng.randint(1, 10)
        if miss_rate > 0:
            for row in irows:
                for c in ("ev", "x1", "g1"):
                    if rng.random() < miss_rate:
                        row[c] = None
        icols = ["id", "start", "stop", "ev", "x1", "bin", "g1"]
        itypes = {c: ("text" if c == "g1" else "number") for c in icols}
        files["intervals.csv"] = (icols, itypes, irows)
        add('load "intervals.csv"', {"op": "load", "file": "intervals.csv"})
        add("endpoint start, stop, ev", {"op": "endpoint", "start": "start", "time": "stop", "status": "ev"})
        if rng.random() < 0.6:
            g = rng.choice(["g1", "bin"])
            add(f"stratify by {g}", {"op": "stratify", "by": [g]})
        at = times_around([float(r["stop"]) for r in irows])
        add("km at " + ", ".join(at), {"op": "km", "at": [float(a) for a in at]})
        terms = rng.sample([("x1", {"kind": "num", "r": "x1", "name": "x1"}),
                            ("bin", {"kind": "num", "r": "bin", "name": "bin"}),
                            ("g1", {"kind": "cat", "col": "g1"})], rng.randint(1, 2))
        if rng.random() < 0.6:
            terms.append(("cluster(id)", {"kind": "cluster", "col": "id"}))
        if rng.random() < 0.25 and not any(t[0] == "g1" for t in terms):
            terms.append(("strata(g1)", {"kind": "strata", "col": "g1"}))
        for ties in rng.sample(["efron", "breslow"], 2):
            add(f"set ties {ties}", {"op": "set", "key": "ties", "value": ties})
            cox(terms)
    return n, files, cmds


# --------------------------------------------------------------------------------------------------
# Comparisons of the design commands
# --------------------------------------------------------------------------------------------------


def cmp_cuminc(cmp, seed, text, res, rr):
    rc = {(c["stratum"], str(c["cause"])): c for c in rr["curves"]}
    sc = {(c["stratum"], c["cause"]): c for c in res["curves"]}
    if len(rc) == 1 or len({k[0] for k in rc}) == 1:
        # One stratum: R labels it all, surv by its level when a stratification has one level.
        only = {k[0] for k in sc}
        if len(only) == 1:
            rc = {(next(iter(only)), k[1]): v for k, v in rc.items()}
    if set(rc) != set(sc):
        cmp.fail(seed, text, "curves", sorted(sc), sorted(rc))
        return
    for key, s in sc.items():
        r = rc[key]
        lab = f"{key[0]}/{key[1]}"
        cmp.num(seed, text, f"{lab}.n", s["n"], r["n"])
        cmp.num(seed, text, f"{lab}.events", s["events"], r["events"])
        ra = {float(rnum(a["time"])): a for a in r["at"]}
        for a in s["at"]:
            ref = ra.get(float(a["time"]))
            for f in ("cif", "std_err", "lower", "upper"):
                cmp.num(seed, text, f"{lab}.at[{a['time']}].{f}", a[f], None if ref is None else ref[f])
    rg = {str(g["cause"]): g for g in rr.get("gray", [])}
    sg = {g["cause"]: g for g in res.get("gray", [])}
    # cmprsk leaves a cause with no events in the rows out of its tests; surv lists it with no statistic.
    for cause in set(sg) - set(rg):
        if sg[cause]["chisq"] is None:
            cmp.numbers += 1
            del sg[cause]
    if set(rg) != set(sg):
        cmp.fail(seed, text, "gray causes", sorted(sg), sorted(rg))
        return
    for cause, g in sg.items():
        for f in ("chisq", "df", "p"):
            cmp.num(seed, text, f"gray[{cause}].{f}", g[f], rg[cause][f])


def cmp_finegray(cmp, seed, text, res, rr):
    for f in ("n", "events", "competing_events"):
        cmp.num(seed, text, f, res[f], rr[f])
    if bool(res["converged"]) != bool(rr["converged"]):
        cmp.fail(seed, text, "converged", res["converged"], rr["converged"])
    rt = {t["name"]: t for t in rr["terms"]}
    st = {t["name"]: t for t in res["terms"]}
    if set(rt) != set(st):
        cmp.fail(seed, text, "terms", sorted(st), sorted(rt))
        return
    for name, t in st.items():
        for f in ("coef", "hr"):
            cmp.num(seed, text, f"{name}.{f}", t[f], rt[name][f])
    # surv follows crr's Newton steps, so the coefficients must agree even when neither fit converged. The
    # robust variance, though, is decided by rounding where the information matrix is nearly singular (a
    # coefficient heading to infinity; crr's own standard errors move when a column is shifted, which
    # cannot change them in exact arithmetic), or when both fits stopped without converging there: its
    # fields are compared, and a difference is listed as expected.
    condition = rnum(rr.get("information_condition"))
    unsettled = (condition is not None and condition > 1e8) or (not res["converged"] and not rr["converged"])
    target = type(cmp)() if unsettled else cmp
    for name, t in st.items():
        for f in ("se", "z", "p", "hr_lower", "hr_upper"):
            target.num(seed, text, f"{name}.{f}", t[f], rt[name][f])
    if unsettled:
        cmp.numbers += target.numbers
        cmp.by_op["finegray"] = cmp.by_op.get("finegray", 0) + target.numbers
        if target.mismatches:
            fields = ", ".join(sorted({m[2] for m in target.mismatches}))[:120]
            cmp.expected.append((seed, text, "finegray whose information matrix is nearly singular (condition "
                                 "number over 1e8) or that did not converge: the robust standard errors are "
                                 "decided by rounding", fields))


def _level_key(level):
    try:
        return float(level)
    except (TypeError, ValueError):
        return level


def cmp_table1(cmp, seed, text, res, rr):
    rgroups = [(g["label"], g["n"]) for g in rr["groups"]]
    sgroups = [(g["label"], g["n"]) for g in res["groups"]]
    if [g[0] for g in rgroups] != [g[0] for g in sgroups]:
        cmp.fail(seed, text, "groups", [g[0] for g in sgroups], [g[0] for g in rgroups])
        return
    for (lab, sn), (_, rn) in zip(sgroups, rgroups):
        cmp.num(seed, text, f"{lab}.n", sn, rn)
    cmp.num(seed, text, "rows_missing_group", res["rows_missing_group"], rr["rows_missing_group"])
    rv = {v["name"]: v for v in rr["variables"]}
    for v in res["variables"]:
        r = rv.get(v["name"])
        name = v["name"]
        if r is None or r["type"] != v["type"]:
            cmp.fail(seed, text, f"{name}.type", v["type"], None if r is None else r["type"])
            continue
        if v["test"] == "chisq" and r["test"] == "fisher" and r.get("needed_workspace"):
            # surv's exact test is out of its step budget and chi-square stands in (docs/language.md); R's
            # FEXACT needs more than its default workspace too: compared with R's chi-square test.
            cmp.expected.append((seed, text, "table1: a table beyond R's default FEXACT workspace; surv's exact test "
                                 "is out of reach and chi-square stands in (compared with R's chisq.test)", None))
            cmp.num(seed, text, f"{name}.p(chisq)", v["p"], r["chisq_p"])
        elif v["test"] != r["test"]:
            cmp.fail(seed, text, f"{name}.test", v["test"], r["test"])
        elif r.get("noise_ties"):
            # kruskal.test counts ties with table() at 15 significant digits but ranks exactly (README.md).
            trial = type(cmp)()
            trial.num(seed, text, f"{name}.p", v["p"], r["p"])
            cmp.numbers += 1
            if trial.mismatches:
                cmp.expected.append((seed, text, "Kruskal–Wallis on values apart by rounding noise: R's kruskal.test "
                                     "ties them in its tie correction (table(), 15 digits) but not in its ranks; "
                                     "surv compares exactly in both", None))
        else:
            cmp.num(seed, text, f"{name}.p", v["p"], r["p"])
        if v["type"] == "numeric":
            for j, (s, q) in enumerate(zip(v["summary"], r["summary"])):
                for f in ("n", "missing", "median", "q1", "q3", "min", "max"):
                    cmp.num(seed, text, f"{name}[{sgroups[j][0]}].{f}", s[f], q[f])
        else:
            rl = {_level_key(l["level"]): l for l in r["levels"]}
            sl = {_level_key(l["level"]): l for l in v["levels"]}
            if set(rl) != set(sl):
                cmp.fail(seed, text, f"{name}.levels", sorted(map(str, sl)), sorted(map(str, rl)))
                continue
            for key, l in sl.items():
                for j in range(len(sgroups)):
                    cmp.num(seed, text, f"{name}[{key}][{sgroups[j][0]}].count", l["counts"][j], rl[key]["counts"][j])
                    cmp.num(seed, text, f"{name}[{key}][{sgroups[j][0]}].percent", l["percents"][j], rl[key]["percents"][j])
            for j in range(len(sgroups)):
                cmp.num(seed, text, f"{name}[{sgroups[j][0]}].missing", v["missing"][j], r["missing"][j])


def cmp_fields(*fields):
    def compare(cmp, seed, text, res, rr):
        for f in fields:
            cmp.num(seed, text, f, res[f], rr[f])
    return compare


def cmp_cox_intervals(cmp, seed, text, res, rr):
    """cox on any endpoint; with cluster(), the robust standard errors too."""
    cmp_cox(cmp, seed, text, res, rr)
    if res.get("cluster"):
        rt = {t["name"]: t for t in rr["terms"]}
        # Where both fits report an infinite coefficient or both ran out of iterations, the robust SEs come
        # from estimates that cmp_cox lists as expected to differ (a flat ridge, or wherever each path
        # stopped): compared, but a difference is recorded as expected, as for the estimates themselves.
        warnings = res.get("warnings", [])
        r_warnings = as_list(rr.get("warnings"))
        both_infinite = (any(w["code"] == "infinite_coefficient" for w in warnings)
                         and any("infinite" in w for w in r_warnings))
        both_stopped = not res.get("converged", True) and any("did not converge" in w for w in r_warnings)
        target = Comparison() if both_infinite or both_stopped else cmp
        for t in res["terms"]:
            if t["name"] in rt:
                target.num(seed, text, f"{t['name']}.robust_se", t.get("robust_se"), rt[t["name"]].get("robust_se"))
        if target is not cmp:
            cmp.numbers += target.numbers
            cmp.by_op["cox"] = cmp.by_op.get("cox", 0) + target.numbers
            if target.mismatches:
                cmp.expected.append((seed, text, "robust SEs of fits with an infinite coefficient or out of "
                                     "iterations differ with their estimates", None))


COMPARE = {"km": cmp_km, "logrank": cmp_logrank, "cox": cmp_cox_intervals, "phtest": cmp_phtest,
           "cuminc": cmp_cuminc, "finegray": cmp_finegray, "table1": cmp_table1,
           "landmark": cmp_fields("kept", "dropped"), "censor": cmp_fields("censored", "events_removed"),
           "split": cmp_fields("subjects", "intervals", "switched")}
