#!/usr/bin/env python3
"""Differential test of surv against R's survival package on random cohorts.

For each cohort (a fixed seed each): write a random CSV, a surv script and a plan (the same analyses as
structured operations), run `surv run script.surv --json`, run reference.R on the plan (R follows the same
session: filters, endpoint, strata, settings, last Cox model), and compare every number.

Usage: differential.py --surv PATH [-n 200] [--seed 1] [--work DIR] [--keep] [--verbose]
Only the Python standard library is used; R needs survival and jsonlite.
"""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REL_TOL = 1e-6
ABS_TOL = 1e-9

# --------------------------------------------------------------------------------------------------
# Cohort generation
# --------------------------------------------------------------------------------------------------


def fmt(x):
    """A number as CSV/script text: integers without a decimal point, floats at full precision."""
    if isinstance(x, int):
        return str(x)
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def short(x, digits=3):
    """A number rounded for use in a command (the same text goes to surv and to R)."""
    v = round(x, digits)
    return fmt(int(v)) if float(v).is_integer() else repr(v)


def generate(seed):
    """Returns (rows as list of dicts, column order, column types, plan commands as (surv text, op))."""
    rng = random.Random(seed)
    # Sample size: mostly moderate, sometimes tiny, sometimes up to 500.
    r = rng.random()
    n = rng.randint(1, 12) if r < 0.15 else rng.randint(13, 80) if r < 0.55 else rng.randint(81, 500)

    time_kind = rng.choice(["int", "few", "float", "noisy", "int"])
    censor_rate = rng.choice([0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, rng.random()])
    coding = rng.choice(["01", "01", "01", "12", "yesno"])
    miss_rate = rng.choice([0.0, 0.0, 0.02, 0.08, 0.2])

    # Categorical columns g1..gk (levels P1..P5 with a per-column prefix), numeric covariates.
    ncat = rng.randint(1, 3)
    cats = {}
    for j in range(ncat):
        prefix = "ABC"[j]
        k = rng.randint(2, 5)
        cats[f"g{j+1}"] = [f"{prefix}{i+1}" for i in range(k)]
    rows = []
    for i in range(n):
        row = {}
        row["x1"] = rng.gauss(0, 1)
        row["bin"] = 1 if rng.random() < rng.choice([0.5, 0.3]) else 0
        row["big"] = round(rng.uniform(2e5, 3e6), rng.choice([0, 2]))
        row["age"] = rng.randint(20, 90)
        for g, levels in cats.items():
            # Unbalanced level frequencies.
            weights = [1 + (li % 3) for li in range(len(levels))]
            row[g] = rng.choices(levels, weights)[0]
        lin = 0.5 * row["x1"] + 0.7 * row["bin"] + 0.4e-6 * (row["big"] - 1.5e6) + 0.02 * (row["age"] - 55)
        lin += 0.3 * cats["g1"].index(row["g1"])
        rate = 0.01 * math.exp(lin)
        t_event = rng.expovariate(rate)
        if rng.random() < censor_rate:
            t = rng.uniform(0, t_event)
            event = 0
        else:
            t, event = t_event, 1
        days = max(0, int(round(t)))
        if time_kind == "int":
            tv = days if rng.random() > 0.01 else 0
        elif time_kind == "few":
            tv = min(6, 1 + days // 40)
        elif time_kind == "float":
            tv = round(t, 6) if rng.random() < 0.5 else t
        else:
            # Months computed two ways: equal days give times that differ by rounding noise.
            tv = days / 30.4375 if i % 2 == 0 else (days - 7) / 30.4375 + 7 / 30.4375
        row["time"] = tv
        if coding == "01":
            row["status"] = event
        elif coding == "12":
            row["status"] = event + 1
        else:
            row["status"] = "yes" if event else "no"
        rows.append(row)

    # Missing values (empty cells) in any column, the endpoint included.
    columns = ["time", "status", "x1", "bin", "big", "age"] + list(cats)
    if miss_rate > 0:
        for row in rows:
            for c in columns:
                if rng.random() < miss_rate * (0.3 if c in ("time", "status") else 1):
                    row[c] = None
    numeric = {"time", "x1", "bin", "big", "age"} | ({"status"} if coding != "yesno" else set())
    types = {c: ("number" if c in numeric else "text") for c in columns}

    # A filter (about half of the cohorts), and a "ghost" level seen only in rows that are filtered out
    # or miss their endpoint.
    filters = []
    fr = rng.random()
    if fr < 0.15:
        c = f"x1 > {short(rng.uniform(-1.5, 0.5))}"
        filters.append((c, c))
    elif fr < 0.25:
        g = rng.choice(list(cats))
        lv = rng.choice(cats[g])
        filters.append((f'{g} != "{lv}"', f'{g} != "{lv}"'))
    elif fr < 0.35:
        g = rng.choice(list(cats))
        lvs = rng.sample(cats[g], rng.randint(1, len(cats[g])))
        filters.append((f"{g} in (" + ", ".join(f'"{v}"' for v in lvs) + ")",
                        f"{g} %in% c(" + ", ".join(f'"{v}"' for v in lvs) + ")"))
    elif fr < 0.42:
        filters.append(("not is_missing(x1)", "!is.na(x1)"))
    elif fr < 0.5:
        a = rng.randint(30, 70)
        filters.append((f"age >= {a} and bin == 1", f"age >= {a} & bin == 1"))
    elif fr < 0.55:
        # Narrow twice.
        a = rng.randint(25, 60)
        filters.append((f"age > {a}", f"age > {a}"))
        filters.append(("big < 2500000", "big < 2500000"))

    if rng.random() < 0.35 and n > 3:
        g = rng.choice(list(cats))
        ghost = cats[g][0][0] + "0"  # sorts before every real level: it would become the reference
        out = [row for row in rows if row["time"] is None or row["status"] is None
               or (filters and not python_keeps(row, filters))]
        if out:
            for row in rng.sample(out, max(1, len(out) // 3)):
                row[g] = ghost

    # ---- the script ----
    cmds = []

    def add(text, op):
        cmds.append((text, op))

    add('load "cohort.csv"', {"op": "load"})
    settings = []
    if rng.random() < 0.25:
        ct = rng.choice(["loglog", "plain", "log-log"])
        settings.append((f"set ci {ct}", {"op": "set", "key": "ci", "value": "plain" if ct == "plain" else "log-log"}))
    if rng.random() < 0.2:
        lv = rng.choice([("0.9", 0.9), ("90", 0.9), ("0.99", 0.99), ("80", 0.8)])
        settings.append((f"set level {lv[0]}", {"op": "set", "key": "level", "value": lv[1]}))
    breslow = rng.random() < 0.3
    if breslow:
        settings.append(("set ties breslow", {"op": "set", "key": "ties", "value": "breslow"}))
    for s in settings:
        add(*s)
    where_first = rng.random() < 0.7
    if where_first:
        for sv, rv in filters:
            add(f"where {sv}", {"op": "where", "r": rv})
    add("endpoint time, status", {"op": "endpoint", "time": "time", "status": "status"})
    if not where_first:
        for sv, rv in filters:
            add(f"where {sv}", {"op": "where", "r": rv})

    # km at: times around the observed ones, an exact observed time, 0 and one beyond follow-up.
    obs = sorted(r["time"] for r in rows if r["time"] is not None)
    at = set()
    if obs:
        mx = obs[-1]
        for q in (0.25, 0.5, 0.75):
            at.add(short(obs[int(q * (len(obs) - 1))] * 1.0001 if time_kind == "noisy" else obs[int(q * (len(obs) - 1))], 2))
        if time_kind != "noisy":
            at.add(short(rng.choice(obs), 2))
        at.add(short(mx * 1.5 + 1, 1))
        if rng.random() < 0.3:
            at.add("0")
    at_list = sorted(at, key=float)

    strata_cols = []
    sr = rng.random()
    if sr < 0.55:
        strata_cols = ["g1"]
    elif sr < 0.7:
        strata_cols = [rng.choice(list(cats))]
    elif sr < 0.8 and ncat > 1:
        strata_cols = ["g1", "g2"]
    elif sr < 0.9:
        strata_cols = ["bin"]
    if strata_cols:
        add("stratify by " + ", ".join(strata_cols), {"op": "stratify", "by": strata_cols})
    if at_list:
        add("km at " + ", ".join(at_list), {"op": "km", "at": [float(a) for a in at_list]})
    else:
        add("km", {"op": "km", "at": []})
    if strata_cols:
        add("logrank", {"op": "logrank", "rho": 0, "trend": False})
        if rng.random() < 0.4:
            add("logrank rho 1", {"op": "logrank", "rho": 1, "trend": False})
        if rng.random() < 0.4:
            add("logrank trend", {"op": "logrank", "rho": 0, "trend": True})
    add("followup", {"op": "followup"})

    # Cox models: a random subset of terms.
    for _ in range(rng.choice([1, 1, 2])):
        pool = [("x1", {"kind": "num", "r": "x1", "name": "x1"}),
                ("bin", {"kind": "num", "r": "bin", "name": "bin"}),
                ("big", {"kind": "num", "r": "big", "name": "big"}),
                ("age", {"kind": "num", "r": "age", "name": "age"}),
                ("log(big)", {"kind": "num", "r": "log(big)", "name": "log(big)"})]
        pool += [(g, {"kind": "cat", "col": g}) for g in cats]
        terms = rng.sample(pool, rng.randint(1, min(4, len(pool))))
        if ncat > 1 and rng.random() < 0.25:
            used = {t[1].get("col") for t in terms}
            free = [g for g in cats if g not in used]
            if free:
                g = rng.choice(free)
                terms.append((f"strata({g})", {"kind": "strata", "col": g}))
        add("cox " + " + ".join(t[0] for t in terms), {"op": "cox", "terms": [t[1] for t in terms]})
        add("phtest", {"op": "phtest"})
    if breslow and rng.random() < 0.5:
        # The same model again under Efron.
        add("set ties efron", {"op": "set", "key": "ties", "value": "efron"})
        last = [c for c in cmds if c[1]["op"] == "cox"][-1]
        add(last[0], last[1])
        add("phtest", {"op": "phtest"})

    # Fisher's exact test between two categorical (or small numeric) columns.
    cands = list(cats) + ["bin"]
    a, b = rng.sample(cands, 2)
    add(f"fisher {a} by {b}", {"op": "fisher", "a": a, "b": b})
    if coding == "01" and rng.random() < 0.5:
        g = rng.choice(list(cats))
        add(f"fisher {g} by status", {"op": "fisher", "a": g, "b": "status"})
    add("describe", {"op": "describe"})
    if strata_cols:
        add("stratify none", {"op": "stratify", "by": []})
        add("km", {"op": "km", "at": []})
    if filters and rng.random() < 0.3:
        add("where all", {"op": "where_all"})
        add("km", {"op": "km", "at": []})
    return n, rows, columns, types, cmds


def python_keeps(row, filters):
    """Whether the filter keeps a row (used only to place ghost levels; R and surv decide for real)."""
    env = dict(row)
    for _, rv in filters:
        expr = rv.replace("&", " and ").replace("!is.na(x1)", "(x1 is not None)")
        if "%in%" in expr:
            col, rest = expr.split("%in%")
            vals = [v.strip().strip('"') for v in rest.strip()[2:-1].split(",")]
            v = env.get(col.strip())
            if v is None or v not in vals:
                return False
            continue
        try:
            if not eval(expr, {}, env):
                return False
        except TypeError:  # a comparison with a missing value
            return False
    return True


def write_csv(path, columns, rows):
    with open(path, "w") as f:
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join("" if row[c] is None else (row[c] if isinstance(row[c], str) else fmt(row[c]))
                             for c in columns) + "\n")


def write_cohort(folder, seed, designs=False):
    folder.mkdir(parents=True, exist_ok=True)
    if designs:
        import designs as design_cohorts
        n, files, cmds = design_cohorts.generate(seed)
        for name, (columns, types, rows) in files.items():
            write_csv(folder / name, columns, rows)
        plan = {"seed": seed, "n": n, "designs": True, "files": {k: v[1] for k, v in files.items()},
                "commands": [dict(c[1], text=c[0]) for c in cmds]}
    else:
        n, rows, columns, types, cmds = generate(seed)
        write_csv(folder / "cohort.csv", columns, rows)
        plan = {"seed": seed, "n": n, "types": types, "commands": [dict(c[1], text=c[0]) for c in cmds]}
    (folder / "script.surv").write_text("\n".join(c[0] for c in cmds) + "\n")
    (folder / "plan.json").write_text(json.dumps(plan, indent=1))
    return plan


# --------------------------------------------------------------------------------------------------
# Running surv and R
# --------------------------------------------------------------------------------------------------


def run_surv(surv, folder, timeout):
    try:
        p = subprocess.run([surv, "run", "script.surv", "--json"], cwd=folder, capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "hang: surv did not finish within %d s" % timeout
    if p.returncode not in (0, 1):
        return None, "surv exited with status %d: %s" % (p.returncode, p.stderr.strip()[-400:])
    out = []
    for line in p.stdout.splitlines():
        if line.strip():
            out.append(json.loads(line))
    (folder / "surv.jsonl").write_text(p.stdout)
    return out, None


def run_r(folders, timeout, chunk=25):
    """Runs reference.R over the cohorts, `chunk` cohorts per R process. A process that dies (R's own
    native code has been seen to corrupt its heap after many cohorts) is retried one cohort per process."""
    def batch(group):
        manifest = Path(group[0]).parent / "manifest.txt"
        manifest.write_text("\n".join(str(f) for f in group) + "\n")
        for f in group:
            (Path(f) / "r.json").unlink(missing_ok=True)
        try:
            p = subprocess.run(["Rscript", "--vanilla", str(HERE / "reference.R"), str(manifest)],
                               capture_output=True, text=True, timeout=timeout)
            return p.returncode, p.stderr
        except subprocess.TimeoutExpired:
            return -1, "timeout"

    for k in range(0, len(folders), chunk):
        group = folders[k:k + chunk]
        rc, err = batch(group)
        if rc != 0 or not all((Path(f) / "r.json").exists() for f in group):
            for f in group:
                if not (Path(f) / "r.json").exists() or rc != 0:
                    rc1, err1 = batch([f])
                    if rc1 != 0:
                        print(f"reference.R failed on {f}:\n{err1[-2000:]}", file=sys.stderr)


# --------------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------------


def as_list(v):
    return [] if v is None else v if isinstance(v, list) else [v]


def rnum(v):
    """R's JSON value as a Python number or None (NA/NaN/Inf written as strings)."""
    if v is None:
        return None
    if isinstance(v, str):
        return {"Inf": math.inf, "-Inf": -math.inf}.get(v, None)
    if isinstance(v, list):
        return rnum(v[0]) if len(v) == 1 else v
    return float(v)


class Comparison:
    def __init__(self):
        self.numbers = 0
        self.mismatches = []   # (seed, command, field, surv, r, note)
        self.expected = []     # (seed, command, reason)
        self.both_refused = 0
        self.commands = 0
        self.by_op = {}

    def num(self, seed, cmd, field, s, r):
        r = rnum(r)
        self.numbers += 1
        op = cmd.split()[0]
        self.by_op[op] = self.by_op.get(op, 0) + 1
        if s is None and (r is None or (isinstance(r, float) and not math.isfinite(r))):
            return True
        if s is None or r is None:
            self.mismatches.append((seed, cmd, field, s, r))
            return False
        s = float(s)
        if math.isinf(r) or math.isinf(s):
            ok = s == r
        else:
            d = abs(s - r)
            ok = d <= ABS_TOL or d <= REL_TOL * max(abs(s), abs(r))
        if not ok:
            self.mismatches.append((seed, cmd, field, s, r))
        return ok

    def fail(self, seed, cmd, field, s, r):
        self.mismatches.append((seed, cmd, field, s, r))


def compare_cohort(cmp, plan, surv_out, r_out):
    seed = plan["seed"]
    by_line = {o["line"]: o for o in surv_out}
    last_cox = None
    for i, (pc, rr) in enumerate(zip(plan["commands"], r_out)):
        text = pc["text"]
        so = by_line.get(i + 1)
        if so is None:
            cmp.fail(seed, text, "output", "missing", "")
            continue
        if so["kind"] == "cox":
            last_cox = so["result"]
        pc = dict(pc, last_cox=last_cox)
        cmp.commands += 1
        s_err = so["kind"] == "error"
        r_err = "error" in rr
        if s_err and r_err:
            cmp.both_refused += 1
            continue
        if s_err or r_err:
            why = explain(pc, so, rr)
            if why:
                cmp.expected.append((seed, text, why, so.get("message") if s_err else rr.get("error")))
                if "the rest of the cohort is not compared" in why:
                    break
            else:
                cmp.fail(seed, text, "refusal", so.get("message", "answered") if s_err else "answered",
                         rr.get("error", "answered") if r_err else "answered")
            continue
        if "skip" in rr:
            cmp.expected.append((seed, text, rr["skip"], None))
            continue
        op = pc["op"]
        res = so.get("result", {})
        try:
            if op == "phtest":
                cmp_phtest(cmp, seed, text, res, rr, last_cox)
            else:
                table = COMPARE
                if plan.get("designs"):
                    import designs as design_cohorts
                    table = design_cohorts.COMPARE
                table.get(op, lambda *a: None)(cmp, seed, text, res, rr)
        except (KeyError, TypeError, IndexError) as e:
            cmp.fail(seed, text, "structure", repr(e), json.dumps(rr)[:200])


def explain(pc, so, rr):
    """A documented reason why surv and R legitimately disagree on answering, or None."""
    op = pc["op"]
    rmsg = rr.get("error", "")
    smsg = so.get("message", "")
    s_err = so["kind"] == "error"
    lc = pc.get("last_cox")
    if op == "cox" and s_err:
        if "has no events" in smsg and rnum(rr.get("events")) == 0:
            return "no events: surv refuses, R returns a model whose every coefficient is NA"
        terms = rr.get("terms", [])
        if "no coefficient can be estimated" in smsg and all(rnum(t["se"]) == 0 for t in terms):
            return ("no information about any term: surv refuses (docs/language.md), R returns "
                    "coefficients 0 with standard errors 0")
    if op == "logrank" and s_err and "nothing to compare" in smsg and rnum(rr.get("df")) is not None \
            and rnum(rr["df"]) <= 0:
        return "fewer than two groups at risk at any event: surv refuses, R reports chi-square 0 on 0 (or -1) df"
    if op == "cox" and s_err and "has the same value" in smsg and "cannot be a term" in smsg:
        return ("a term with one value in the rows used: surv refuses it before fitting (docs/language.md), "
                "R answers with an NA coefficient")
    if op == "split" and not s_err and "ending time of 0" in rmsg:
        return ("split of a row whose time is 0: R's tmerge refuses the whole split, surv splits and refuses "
                "the interval (0, 0] when an analysis uses it (the rest of the cohort is not compared)")
    if op == "fisher" and s_err and "too large" in smsg and rr.get("needed_workspace"):
        return "table beyond R's default FEXACT workspace too: surv refuses, R answers only with a larger workspace"
    if op == "phtest" and lc is not None and not lc["converged"] and ("singular" in rmsg or "singular" in smsg):
        return ("phtest of a Cox fit that did not converge: one side finds the information matrix "
                "computationally singular, the other answers")
    if (op == "phtest" and not s_err and "singular" in rmsg and lc is not None
            and any(t["name"] == "big" for t in lc["terms"])):
        return ("phtest with a covariate of scale 1e6: R's cox.zph finds the information matrix computationally "
                "singular, surv's test is scale-invariant and answers (docs/language.md)")
    if (op == "phtest" and not s_err and lc is not None
            and any(w["code"] == "collinear_term" for w in lc["warnings"])):
        return ("phtest of a model with aliased (NA in R) coefficients: R's cox.zph fails, surv tests the model "
                "without them")
    if (op == "phtest" and not s_err and "singular" in rmsg and lc is not None
            and any(w["code"] == "infinite_coefficient" for w in lc["warnings"])):
        return ("phtest of a model with an infinite coefficient: R's cox.zph finds the information matrix "
                "computationally singular, surv answers")
    return None


def paired_strata(res, rr):
    """Strata by label. A stratification whose rows all share one level is a single curve: R drops the
    strata then (label "all"), surv keeps the level's label; the one curve is paired either way."""
    rs = {s["label"]: s for s in rr["strata"]}
    ss = {s["label"]: s for s in res["strata"]}
    if len(rs) == 1 and len(ss) == 1:
        rs = {next(iter(ss)): next(iter(rs.values()))}
    return rs, ss


def cmp_km(cmp, seed, text, res, rr):
    rs, ss = paired_strata(res, rr)
    if set(rs) != set(ss):
        cmp.fail(seed, text, "strata labels", sorted(ss), sorted(rs))
        return
    use_median = res.get("quantile_rule") == "r"
    for lab, s in ss.items():
        r = rs[lab]
        cmp.num(seed, text, f"{lab}.n", s["n"], r["n"])
        cmp.num(seed, text, f"{lab}.events", s["events"], r["events"])
        if use_median:
            for f in ("median", "median_lower", "median_upper"):
                cmp.num(seed, text, f"{lab}.{f}", s[f], r[f])
        ra = {rnum(a["time"]): a for a in r.get("at", [])}
        for a in s.get("at", []):
            t = a["time"]
            ref = ra.get(float(t))
            for f in ("n_risk", "surv", "std_err", "lower", "upper"):
                cmp.num(seed, text, f"{lab}.at[{t}].{f}", a[f], None if ref is None else ref[f])
    if "table" in rr:
        pass


def cmp_logrank(cmp, seed, text, res, rr):
    for f in ("chisq", "df", "p"):
        cmp.num(seed, text, f, res[f], rr[f])
    rg = {g["label"]: g for g in rr["groups"]}
    for g in res["groups"]:
        r = rg.get(g["label"])
        if r is None:
            cmp.fail(seed, text, f"group {g['label']}", "present", "absent")
            continue
        for f in ("n", "observed", "expected"):
            cmp.num(seed, text, f"{g['label']}.{f}", g[f], r[f])
    if len(rg) != len(res["groups"]):
        cmp.fail(seed, text, "groups", [g["label"] for g in res["groups"]], list(rg))
    if "trend" in rr:
        t = res.get("trend")
        if t is None:
            cmp.fail(seed, text, "trend", None, "present")
        else:
            for f in ("chisq", "df", "p"):
                cmp.num(seed, text, f"trend.{f}", t[f], rr["trend"][f])


def cmp_cox(cmp, seed, text, res, rr):
    for f in ("n", "events"):
        cmp.num(seed, text, f, res[f], rr[f])
    rt = {t["name"]: t for t in rr["terms"]}
    st = {t["name"]: t for t in res["terms"]}
    warnings = res.get("warnings", [])
    # surv drops a term the rows carry no information about (a constant column), with a warning; R keeps
    # it with coefficient 0 and standard error 0 (docs/language.md: surv never prints an SE of 0).
    for name in set(rt) - set(st):
        if rnum(rt[name]["se"]) == 0 and any(w["code"] == "no_information" and f"about {name};" in w["message"]
                                             for w in warnings):
            cmp.expected.append((seed, text, "a term with no information: surv drops it, R reports coef 0, se 0",
                                 None))
            del rt[name]
    # A (start, stop] fit that ran out of iterations with a coefficient diverging: R's rank at beta = 0 found
    # a column redundant, but its last factorisation, of an information whose entries have shrunk to their
    # rounding error, may find full rank by accident, and R then keeps that column (coefficient 0, an
    # arbitrary SE); surv drops the columns the factorisation at beta = 0 found redundant.
    rank, columns = rnum(rr.get("rank")), rnum(rr.get("columns"))
    r_not_converged = any("did not converge" in w for w in as_list(rr.get("warnings")))
    r_kept_redundant = False
    if rank is not None and columns is not None and rank < columns and r_not_converged:
        for name in set(rt) - set(st):
            if any(w["code"] == "collinear_term" and f"; {name} is dropped" in w["message"] for w in warnings):
                cmp.expected.append((seed, text, "R keeps a column its rank at beta = 0 found redundant, as its "
                                     "last factorisation of a vanishing information found full rank by accident; "
                                     "surv drops it", None))
                del rt[name]
                r_kept_redundant = True
    if set(rt) != set(st):
        cmp.fail(seed, text, "terms", sorted(st), sorted(rt))
        return
    # A term surv dropped that R kept is a degree of freedom in R's tests.
    dropped = any(w["code"] == "no_information" for w in warnings) or r_kept_redundant
    infinite = any(w["code"] == "infinite_coefficient" for w in warnings)
    r_infinite = any("infinite" in w for w in as_list(rr.get("warnings")))
    if infinite and r_infinite and not getattr(cmp, "inner", False):
        # Both report an infinite coefficient: the fit stops on a flat ridge of the likelihood, where the
        # coefficients (and their SEs) are wherever each path stopped. The log-likelihoods must agree;
        # any other difference is recorded as expected.
        for f in ("n", "events", "loglik_null", "loglik"):
            cmp.num(seed, text, f, res[f], rr[f])
        trial = Comparison()
        trial.inner = True
        cmp_cox(trial, seed, text, res, rr)
        cmp.numbers += trial.numbers
        cmp.by_op["cox"] = cmp.by_op.get("cox", 0) + trial.numbers
        if trial.mismatches:
            fields = ", ".join(sorted({m[2] for m in trial.mismatches}))[:120]
            cmp.expected.append((seed, text, "both report an infinite coefficient; the estimates on the flat "
                                 "likelihood ridge differ (log-likelihoods agree)", fields))
        return
    if not res.get("converged", True) and r_not_converged and not getattr(cmp, "inner", False):
        # Both ran out of iterations: the estimates are wherever each Newton-Raphson path stopped. They are
        # compared, but a difference there is recorded as expected rather than as a mismatch.
        trial = Comparison()
        trial.inner = True
        cmp_cox(trial, seed, text, res, rr)
        cmp.numbers += trial.numbers
        cmp.by_op["cox"] = cmp.by_op.get("cox", 0) + trial.numbers
        if trial.mismatches:
            fields = ", ".join(sorted({m[2] for m in trial.mismatches}))[:120]
            cmp.expected.append((seed, text, "both fits ran out of iterations and stopped at different "
                                 "estimates (not compared as a mismatch)", fields))
        return
    if infinite != r_infinite:
        cmp.fail(seed, text, "infinite-coefficient warning", infinite, r_infinite)
    # Where a coefficient diverges (infinite, or the fit ran out of iterations) the hazard ratio is exp of
    # a large coefficient that agrees to the tolerance, so exp() magnifies its last digits: those hazard
    # ratios are compared on the log scale.
    diverging = infinite or r_infinite or not res.get("converged", True)
    for name, t in st.items():
        r = rt[name]
        for f in ("coef", "se", "z", "p"):
            cmp.num(seed, text, f"{name}.{f}", t[f], r[f])
        for f in ("hr", "hr_lower", "hr_upper"):
            a, b = t[f], rnum(r[f])
            if diverging and a is not None and b is not None and a > 0 and b > 0 and math.isfinite(b):
                cmp.num(seed, text, f"{name}.log({f})", math.log(a), math.log(b))
            else:
                cmp.num(seed, text, f"{name}.{f}", a, b)
    for f in ("loglik_null", "loglik", "concordance", "concordance_se"):
        cmp.num(seed, text, f, res[f], rr[f])
    for test in ("lr_test", "wald_test", "score_test"):
        # A term surv dropped for carrying no information is a degree of freedom in R's tests.
        for f in (("chisq",) if dropped else ("chisq", "df", "p")):
            cmp.num(seed, text, f"{test}.{f}", res[test][f], rr[test][f])
    cmp.num(seed, text, "iterations", res["iterations"], rr["iterations"])


def cmp_phtest(cmp, seed, text, res, rr, last_cox=None):
    lc = last_cox
    if lc is not None and not getattr(cmp, "inner", False) and (
            not lc["converged"] or any(w["code"] == "infinite_coefficient" for w in lc["warnings"])):
        # The test of a fit that did not converge or has an infinite coefficient inherits that fit's
        # arbitrary estimates: compared, but a difference is recorded as expected.
        trial = Comparison()
        trial.inner = True
        cmp_phtest(trial, seed, text, res, rr)
        cmp.numbers += trial.numbers
        cmp.by_op["phtest"] = cmp.by_op.get("phtest", 0) + trial.numbers
        if trial.mismatches:
            cmp.expected.append((seed, text, "phtest of a fit that did not converge or has an infinite "
                                 "coefficient: differs with that fit's estimates", None))
        return
    rt = {t["name"]: t for t in rr["terms"]}
    st = {t["name"]: t for t in res["terms"]}
    if set(rt) != set(st):
        cmp.fail(seed, text, "terms", sorted(st), sorted(rt))
        return
    for name, t in st.items():
        for f in ("chisq", "df", "p"):
            cmp.num(seed, text, f"{name}.{f}", t[f], rt[name][f])
    for f in ("chisq", "df", "p"):
        cmp.num(seed, text, f"global.{f}", res["global"][f], rr["global"][f])


def cmp_followup(cmp, seed, text, res, rr):
    rs, ss = paired_strata(res, rr)
    if set(rs) != set(ss):
        cmp.fail(seed, text, "strata labels", sorted(ss), sorted(rs))
        return
    for lab, s in ss.items():
        for f in ("n", "median", "lower", "upper"):
            cmp.num(seed, text, f"{lab}.{f}", s[f], rs[lab][f])


def cmp_fisher(cmp, seed, text, res, rr):
    cmp.num(seed, text, "p", res["p"], rr["p"])
    for f in ("odds_ratio", "odds_ratio_lower", "odds_ratio_upper"):
        cmp.num(seed, text, f, res[f], rr.get(f))
    tab = res["table"]
    counts = [c for row in tab["counts"] for c in row]
    rcounts = rr["counts"]
    if sorted(counts) != sorted(int(c) for c in rcounts) or sum(counts) != sum(int(c) for c in rcounts):
        cmp.fail(seed, text, "table counts", counts, rcounts)
    cmp.num(seed, text, "missing", tab["missing"], rr["missing"])


def cmp_describe(cmp, seed, text, res, rr):
    rc = {c["name"]: c for c in rr["columns"]}
    for c in res["columns"]:
        r = rc.get(c["name"])
        if r is None:
            cmp.fail(seed, text, c["name"], "present", "absent")
            continue
        if c["type"] == "number":
            for f in ("n", "missing", "mean", "sd", "median", "q1", "q3", "min", "max"):
                cmp.num(seed, text, f"{c['name']}.{f}", c[f], r[f])
        else:
            cmp.num(seed, text, f"{c['name']}.missing", c["missing"], r["missing"])
            rl = {l["level"]: l for l in r["levels"]}
            for l in c["levels"]:
                ref = rl.get(l["level"], {"count": 0, "percent": 0 if rl else None})
                cmp.num(seed, text, f"{c['name']}[{l['level']}].count", l["count"], ref["count"])
                cmp.num(seed, text, f"{c['name']}[{l['level']}].percent", l["percent"], ref["percent"])


COMPARE = {"km": cmp_km, "logrank": cmp_logrank, "cox": cmp_cox, "phtest": cmp_phtest,
           "followup": cmp_followup, "fisher": cmp_fisher, "describe": cmp_describe}


# --------------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--surv", required=True, help="the surv executable")
    ap.add_argument("-n", type=int, default=200, help="number of cohorts")
    ap.add_argument("--seed", type=int, default=1, help="first seed (cohort i uses seed + i)")
    ap.add_argument("--seeds", help="comma-separated seeds to run instead of a range")
    ap.add_argument("--work", help="folder for the cohorts (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--timeout", type=int, default=120, help="seconds allowed per surv run")
    ap.add_argument("--verbose", action="store_true", help="also list the expected differences")
    ap.add_argument("--mismatches", help="also write every mismatch to this file (the summary lists 200)")
    ap.add_argument("--designs", action="store_true",
                    help="the survival designs instead (competing risks, (start, stop] data, split, landmark, "
                         "censor at, table1): see designs.py")
    args = ap.parse_args()

    surv = str(Path(args.surv).resolve())
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else list(range(args.seed, args.seed + args.n))
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="surv-differential-"))
    work.mkdir(parents=True, exist_ok=True)

    folders, plans = [], []
    for s in seeds:
        f = work / f"cohort-{s}"
        if f.exists():
            shutil.rmtree(f)
        plans.append(write_cohort(f, s, args.designs))
        folders.append(f)

    cmp = Comparison()
    surv_outs = {}
    for f, plan in zip(folders, plans):
        out, err = run_surv(surv, f, args.timeout)
        if err:
            cmp.fail(plan["seed"], "(whole script)", "run", err, "")
        surv_outs[plan["seed"]] = out
    run_r(folders, timeout=600)
    for f, plan in zip(folders, plans):
        out = surv_outs[plan["seed"]]
        if out is None:
            continue
        if not (f / "r.json").exists():
            cmp.fail(plan["seed"], "(whole script)", "R", "", "reference.R gave no result")
            continue
        r_out = json.loads((f / "r.json").read_text())
        compare_cohort(cmp, plan, out, r_out)

    print(f"cohorts: {len(seeds)} (seeds {seeds[0]}..{seeds[-1]}), commands compared: {cmp.commands}, "
          f"numbers compared: {cmp.numbers}, both refused: {cmp.both_refused}, "
          f"expected differences: {len(cmp.expected)}, mismatches: {len(cmp.mismatches)}")
    print("  numbers by command: " + ", ".join(f"{k} {v}" for k, v in sorted(cmp.by_op.items())))
    if args.verbose or cmp.expected:
        reasons = {}
        for seed, text, why, msg in cmp.expected:
            reasons.setdefault(why, []).append(seed)
        for why, ss in sorted(reasons.items()):
            print(f"  expected ({len(ss)}): {why} — seeds {', '.join(map(str, sorted(set(ss))[:10]))}"
                  + (" …" if len(set(ss)) > 10 else ""))
    if args.mismatches:
        Path(args.mismatches).write_text("".join(f"{seed} | {text} | {field} | {s} | {r}\n"
                                                 for seed, text, field, s, r in cmp.mismatches))
    if cmp.mismatches:
        print("mismatches (seed | command | field | surv | R):")
        for seed, text, field, s, r in cmp.mismatches[:200]:
            print(f"  {seed} | {text} | {field} | {s} | {r}")
        if len(cmp.mismatches) > 200:
            print(f"  … and {len(cmp.mismatches) - 200} more")
        print(f"to rerun: {sys.argv[0]} --surv {args.surv} --seeds <seed> --work DIR --keep")
    if not args.keep and not args.work:
        shutil.rmtree(work)
    elif args.keep or args.work:
        print(f"cohorts kept in {work}")
    sys.exit(1 if cmp.mismatches else 0)


if __name__ == "__main__":
    main()
