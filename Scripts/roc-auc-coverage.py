#!/usr/bin/env python3
"""Coverage of Candor's weekly ROC AUC interval, replicated in numpy, on many more simulated
weeks than the self-check's grid can afford (its cell at 20 positives and 2% prevalence holds
800 weeks, a Monte Carlo error of 0.8 points, and read 92.2%).

The model is the self-check's (Tests/CandorTestSupport/SimulatedModel.swift): recall 70% and
specificity 95% at the threshold, binormal scores with unit variance, written as probabilities
to six decimals. The interval is the one SetAnalyzer computes: DeLong's variance as its two
terms, each scaled by k/(k-4) for its class's count k (at most 2), on the logit scale with
Student's t at the terms' Welch-Satterthwaite degrees of freedom (rounded down) and a logit
error of at least 1/sqrt(min(P, N)). Development only (scipy).

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


def small_sample_factor(count):
    return 2.0 if count <= 8 else count / (count - 4)


def covers(positives, negatives):
    p, n = len(positives), len(negatives)
    ranks = rankdata(np.concatenate([positives, negatives]))
    auc = (ranks[:p].sum() - p * (p + 1) / 2) / (p * n)
    if auc <= 0 or auc >= 1:
        return None  # a Wilson interval stands in; not what this script checks
    below = (ranks[:p] - rankdata(positives)) / n
    above = 1 - (ranks[p:] - rankdata(negatives)) / p
    positive_term = below.var(ddof=1) / p * small_sample_factor(p)
    negative_term = above.var(ddof=1) / n * small_sample_factor(n)
    variance = positive_term + negative_term
    count = min(p, n)
    degrees = np.floor(variance**2 / (positive_term**2 / (p - 1) + negative_term**2 / (n - 1)))
    error = max(np.sqrt(variance) / (auc * (1 - auc)), 1 / np.sqrt(count))
    half = student.ppf(0.975, max(degrees, count - 1)) * error
    logit = np.log(auc / (1 - auc))
    low, high = 1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half)))
    return low <= TRUE_AUC <= high


random = np.random.default_rng(20261207)
print(f"ROC AUC {TRUE_AUC:.4f}; {WEEKS} simulated weeks per cell")
print("| positives | prevalence | covers (%) | Monte Carlo error |")
print("|---:|---:|---:|---:|")
CELLS = [(p, q) for p in (4, 20, 30, 50, 100) for q in (0.02, 0.10, 0.30)]
for positives, prevalence in CELLS:
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
