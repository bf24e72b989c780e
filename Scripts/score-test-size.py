#!/usr/bin/env python3
"""Exact size (false-alarm rate with nothing changed) of the tests a single rate's weekly change
could be judged by, at a 5% level: what issue 28's "invert the same test" would cost.

Paired (the same examples both weeks): of n examples, each answer changes with probability psi
(discordant), in either direction with probability 1/2. Tango's score interval is the inversion
of a score test whose value at zero change is the asymptotic McNemar test, |b - c| / sqrt(b + c);
Candor judges by the mid-p McNemar test (the exact sign-flip randomisation test's mid-p).

Unpaired (other examples each week): two binomials of n trials each with one rate p.
Miettinen-Nurminen's interval inverts a score test whose value at zero is the pooled z-test
times sqrt((N - 1) / N); Candor judges by a permutation test's mid-p, whose exact form is the
conditional (hypergeometric) test on |p2 - p1|.

Prints, for each test, the largest size over a grid of psi (or p) and where it is reached.
Development only (scipy); the numbers are quoted in docs/statistics.md.
"""

import numpy as np
from scipy.stats import binom, hypergeom

Z = 1.959963984540054
ALPHA = 0.05


def paired_conditional_size(discordant, test):
    """P(reject | discordant pairs) under no change."""
    if discordant == 0:
        return 0.0
    b = np.arange(discordant + 1)
    pmf = binom.pmf(b, discordant, 0.5)
    if test == "asymptotic":
        reject = np.abs(2 * b - discordant) / np.sqrt(discordant) >= Z
    else:
        extreme = np.abs(2 * b - discordant)
        reject = np.array([
            pmf[extreme > e].sum() + 0.5 * pmf[extreme == e].sum() < ALPHA for e in extreme
        ])
    return pmf[reject].sum()


def paired_size(n, psi, test, cache={}):
    key = (n, test)
    if key not in cache:
        cache[key] = np.array([paired_conditional_size(d, test) for d in range(n + 1)])
    return float((binom.pmf(np.arange(n + 1), n, psi) * cache[key]).sum())


def unpaired_size(n, p, test):
    x = np.arange(n + 1)
    x1, x2 = np.meshgrid(x, x, indexing="ij")
    weight = binom.pmf(x1, n, p) * binom.pmf(x2, n, p)
    if test == "score":
        total = 2 * n
        pooled = (x1 + x2) / total
        variance = pooled * (1 - pooled) * (2 / n) * total / (total - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(variance > 0, np.abs(x2 - x1) / n / np.sqrt(variance), 0)
        return float(weight[z >= Z].sum())
    size = 0.0
    for successes in range(2 * n + 1):
        # Given the successes of both weeks, how many fell in the second week.
        k = np.arange(max(0, successes - n), min(n, successes) + 1)
        pmf = hypergeom.pmf(k, 2 * n, successes, n)
        extreme = np.abs(2 * k - successes)
        midp = np.array([pmf[extreme > e].sum() + 0.5 * pmf[extreme == e].sum() for e in extreme])
        reject = k[midp < ALPHA]
        first = successes - reject
        size += float((binom.pmf(first, n, p) * binom.pmf(reject, n, p)).sum())
    return size


def worst(values):
    size, where = max(values)
    return f"{100 * size:5.2f}% (at {where:.2f})"


print("Paired rate, n examples, largest size over discordance 0.01..0.50")
print("| n | asymptotic McNemar (Tango at zero) | mid-p McNemar (Candor) |")
print("|---:|---:|---:|")
for n in [10, 20, 50, 100, 500]:
    grid = np.linspace(0.01, 0.5, 50)
    row = [worst([(paired_size(n, psi, test), psi) for psi in grid]) for test in
           ["asymptotic", "mid-p"]]
    print(f"| {n} | {row[0]} | {row[1]} |")

print()
print("Unpaired rate, n examples a week, largest size over the rate 0.02..0.98")
print("| n | score test (Miettinen-Nurminen at zero) | mid-p conditional test (Candor) |")
print("|---:|---:|---:|")
for n in [10, 20, 50, 100]:
    grid = np.linspace(0.02, 0.98, 49)
    row = [worst([(unpaired_size(n, p, test), p) for p in grid]) for test in ["score", "mid-p"]]
    print(f"| {n} | {row[0]} | {row[1]} |")
