#!/usr/bin/env python3
"""Coverage of Candor's weekly ROC AUC interval, replicated in numpy, on many more simulated
weeks than the self-check's grid can afford (its cell at 20 positives and 2% prevalence holds
800 weeks, a Monte Carlo error of 0.8 points, and read 92.1%).

The model is the self-check's (Tests/CandorTestSupport/SimulatedModel.swift): recall 70% and
specificity 95% at the threshold, binormal scores with unit variance, written as probabilities
to six decimals. The interval is the one SetAnalyzer computes: DeLong's variance, scaled by
P/(P-3) below 30 positives, on the logit scale with Student's t at min(P, N) - 1 degrees of
freedom and a logit error of at least 1/sqrt(min(P, N)). Development only (scipy).

    Scripts/roc-auc-coverage.py [weeks per cell]
"""

import sys

import numpy as np
from scipy.stats import norm, rankdata
from scipy.stats import t as student

WEEKS = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
THRESHOLD = norm.ppf(0.95)
MEAN = THRESHOLD + norm.ppf(0.70)
TRUE_AUC = norm.cdf(MEAN / np.sqrt(2))


def exported(raw):
    return np.round(1 / (1 + np.exp(-(raw - THRESHOLD))) * 1e6) / 1e6


def covers(positives, negatives):
    p, n = len(positives), len(negatives)
    ranks = rankdata(np.concatenate([positives, negatives]))
    auc = (ranks[:p].sum() - p * (p + 1) / 2) / (p * n)
    if auc <= 0 or auc >= 1:
        return None  # a Wilson interval stands in; not what this script checks
    below = (ranks[:p] - rankdata(positives)) / n
    above = 1 - (ranks[p:] - rankdata(negatives)) / p
    variance = below.var(ddof=1) / p + above.var(ddof=1) / n
    if p < 30:
        variance *= p / max(p - 3, 1)
    count = min(p, n)
    error = max(np.sqrt(variance) / (auc * (1 - auc)), 1 / np.sqrt(count))
    half = student.ppf(0.975, count - 1) * error
    logit = np.log(auc / (1 - auc))
    low, high = 1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half)))
    return low <= TRUE_AUC <= high


random = np.random.default_rng(20261207)
print(f"ROC AUC {TRUE_AUC:.4f}; {WEEKS} simulated weeks per cell")
print("| positives | prevalence | covers (%) | Monte Carlo error |")
print("|---:|---:|---:|---:|")
for positives, prevalence in [(20, 0.02), (20, 0.10), (20, 0.30), (100, 0.02)]:
    negatives = round(positives * (1 - prevalence) / prevalence)
    hits = [
        covers(exported(MEAN + random.standard_normal(positives)),
               exported(random.standard_normal(negatives)))
        for _ in range(WEEKS)
    ]
    hits = [hit for hit in hits if hit is not None]
    rate = np.mean(hits)
    print(f"| {positives} | {prevalence:.0%} | {100 * rate:.1f} | "
          f"{100 * np.sqrt(rate * (1 - rate) / len(hits)):.1f} |")
