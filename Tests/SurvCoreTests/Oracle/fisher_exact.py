"""Exact two-sided Fisher p-values of 2×c tables, in integer arithmetic, as a reference independent of R.

Run from this folder:  python3 fisher_exact.py   (writes fisher_exact.json; standard library only, ~2 minutes)

R's fisher.test sends an r×c table to FEXACT, a network algorithm that works on log-probabilities in double
precision and counts a table as "no more probable than the observed one" when its log-probability exceeds
the observed one's by at most tol = 3.45254e-7 (`obs = tol` in f2xact). surv uses a relative tolerance of
1e-7, as R's own 2×2 code does. When tables lie between the two, R and surv differ. This script sums, for
each table, the probabilities of every table with the same margins exactly, under both rules:

    p = Σ P(T) over the tables T with P(T) ≤ P(observed)·k,   k = 1 + 1e-7 or k = exp(3.45254e-7),

with P(T) = Π_j C(c_j, x_j) / C(n, r₁) for the first row x (a 2×c table is fixed by its first row). All the
tables are counted by meet-in-the-middle: the columns are split in two halves, each half's partial first
rows are enumerated with their integer weights, grouped by their sum and sorted, and for each partial row
of one half a binary search in the other gives the sum of the weights that complete it under the bound.
"""
import bisect
import csv
import itertools
import json
from collections import defaultdict
from decimal import Decimal, getcontext
from fractions import Fraction
from math import comb, prod

getcontext().prec = 60
FEXACT_TOL = Decimal("3.45254e-7")


def table_from_csv(path, row_column, column_column):
    rows = list(csv.DictReader(open(path)))
    row_levels = sorted({r[row_column] for r in rows if r[row_column] != ""})
    column_levels = sorted({r[column_column] for r in rows if r[column_column] != ""}, key=float)
    return [[sum(1 for r in rows if r[row_column] == a and r[column_column] == b) for b in column_levels]
            for a in row_levels]


def half(columns):
    """Partial first rows of these columns: sum -> sorted weights, and their running sums."""
    by_sum = defaultdict(list)
    for xs in itertools.product(*[range(c + 1) for c in columns]):
        by_sum[sum(xs)].append(prod(comb(c, x) for c, x in zip(columns, xs)))
    running = {}
    for s, weights in by_sum.items():
        weights.sort()
        acc = [0]
        for w in weights:
            acc.append(acc[-1] + w)
        running[s] = acc
    return by_sum, running


def exact_p_values(table, factors):
    assert len(table) == 2
    c = [table[0][j] + table[1][j] for j in range(len(table[0]))]
    r1, n = sum(table[0]), sum(c)
    observed = prod(comb(cj, x) for cj, x in zip(c, table[0]))
    # Split the columns so that both halves enumerate about as many partial rows.
    left, right = [], []
    for cj in sorted(c, reverse=True):
        (left if prod(x + 1 for x in left) <= prod(x + 1 for x in right) else right).append(cj)
    left_by_sum, left_running = half(left)
    right_by_sum, _ = half(right)
    results = []
    for factor in factors:
        bound = Fraction(observed) * factor
        numerator = 0
        for s, weights in right_by_sum.items():
            others = left_by_sum.get(r1 - s)
            if not others:
                continue
            acc = left_running[r1 - s]
            for w in weights:
                numerator += w * acc[bisect.bisect_right(others, bound / w)]
        results.append(Fraction(numerator, comb(n, r1)))
    return results


def main():
    cases = []
    # From the differential test (Tests/Differential/findings): R's FEXACT gives 0.349285368490372.
    for name, path, a, b in [("differential 2x9 n=369", "../../Differential/findings/fisher-2x9-seed19.csv",
                              "bin", "score")]:
        table = table_from_csv(path, a, b)
        no_tolerance, rule_1e7, rule_fexact = exact_p_values(
            table, [Fraction(1), 1 + Fraction(1, 10**7), Fraction(FEXACT_TOL.exp())])
        cases.append({"name": name, "table": table,
                      "p": float(rule_1e7), "pDigits": str(Decimal(rule_1e7.numerator) / rule_1e7.denominator),
                      "pNoTolerance": float(no_tolerance), "pFexactTolerance": float(rule_fexact)})
    with open("fisher_exact.json", "w") as out:
        json.dump({"rule": "p: P(T) <= P(observed) * (1 + 1e-7); pNoTolerance: * 1; pFexactTolerance: * exp(3.45254e-7)",
                   "cases": cases}, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
