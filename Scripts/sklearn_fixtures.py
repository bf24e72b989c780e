#!/usr/bin/env python3
"""Generate scikit-learn reference fixtures for Candor's metric tests.

Dev-time only: Candor itself never runs Python. Regenerate with

    python3 Scripts/sklearn_fixtures.py

from the repository root (needs numpy and scikit-learn). The output is fully
deterministic for a given scikit-learn/numpy version: every random case uses
its own ``numpy.random.default_rng(seed)``, keys are sorted, and floats are
written with Python's shortest round-trip repr (default ``json`` formatting).

Files written (one case per line, so diffs stay readable):

* Tests/CandorAnalysisTests/Fixtures/sklearn-confusion.json
    {"sklearn_version": "...", "cases": [
        {"name": str, "kind": "binary" | "multiclass",
         "labels": [str, ...],            # matrix row/column order
         "positive_label": str | null,    # binary only; null for multiclass
         "matrix": [[int, ...], ...],     # matrix[i][j] = #(actual labels[i],
                                          #                 predicted labels[j])
         "expected": {metric: float | null}}]}
    binary metrics:     accuracy, balanced_accuracy, precision, recall, f1,
                        specificity, mcc, cohen_kappa
    multiclass metrics: accuracy, balanced_accuracy, macro_f1, weighted_f1,
                        macro_recall, mcc, cohen_kappa

* Tests/CandorAnalysisTests/Fixtures/sklearn-ranking.json
    {"sklearn_version": "...", "cases": [
        {"name": str, "labels": [0 | 1, ...],   # 1 = positive
         "scores": [float, ...],                 # rounded to <= 6 decimals
         "expected": {"roc_auc": float | null, "pr_auc": float | null}}]}
    roc_auc = roc_auc_score, pr_auc = average_precision_score (step-wise AP,
    not trapezoidal), both computed on the rounded scores that are written.

How the expected values are obtained
------------------------------------
Every confusion matrix is expanded into y_true / y_pred arrays of *string*
labels and handed to scikit-learn. No function is given ``labels=``, so, as in
scikit-learn's default, a class whose row and column are both all zero (a
declared class that is never seen) simply does not exist for scikit-learn.

Undefined-value rule: ``null`` means "scikit-learn had to substitute a value
for a zero division". Concretely a metric is written as null when

1. the call raised, or returned nan; or
2. any warning was recorded while computing it (every metric runs under
   ``warnings.catch_warnings(record=True)`` + ``simplefilter("always")``),
   except for the two purely informational warnings listed in rules 6 and 7;
3. precision / recall / f1 / specificity / macro_recall / *_f1 are computed
   twice: with the default ``zero_division="warn"`` (which warns on a zero
   division) and with ``zero_division=np.nan`` (which returns nan for a
   binary-average zero division). Null if either run says "undefined".
   NB: with average='macro' and zero_division=np.nan scikit-learn silently
   *drops* the undefined classes from the mean (nanmean) and does not warn,
   so only the default run catches those; that is why both runs are made.
4. matthews_corrcoef: scikit-learn returns 0.0 *without a warning* when
   cov(yt,yt) * cov(yp,yp) == 0 (all actuals in one class, or all predictions
   in one class). We detect that from the integer confusion matrix
   (n^2 - sum t_k^2 == 0 or n^2 - sum p_k^2 == 0) and write null.
5. cohen_kappa_score: when expected agreement is 1 (the 1 - p_e denominator is
   zero, i.e. y_true and y_pred are both entirely one and the same class)
   scikit-learn warns (UndefinedMetricWarning) and returns nan -> null. We also
   check n^2 == sum t_k p_k on the integer matrix and assert it agrees.
6. balanced_accuracy_score: when y_pred contains a class absent from y_true,
   scikit-learn warns "y_pred contains classes not in y_true" but returns the
   mean recall over the classes that ARE present in y_true. That is not a
   zero-division substitution, so the warning is ignored and the number kept.
7. confusion_matrix (used inside mcc / kappa / balanced accuracy) warns "A
   single label was found in 'y_true' and 'y_pred'" when only one label is
   seen; that is informational and ignored (mcc/kappa nulls for those cases
   come from rules 4/5).
8. ranking: roc_auc_score with one class in y_true warns and returns nan ->
   null. average_precision_score with no positives warns ("No positive class
   found in y_true") and returns 0.0 -> null. With *only* positives it returns
   1.0 without a warning -> kept.

Every expected value (and every null) is additionally cross-checked against
an independent exact computation from the integer matrix (see ``self_check``),
so a change in scikit-learn behaviour makes this script fail loudly instead
of silently writing different fixtures.
"""

from __future__ import annotations

import bisect
import json
import math
import os
import sys
import warnings
from collections import Counter
from fractions import Fraction

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    cohen_kappa_score,
    f1_score,
    matthews_corrcoef,
    precision_score,
    recall_score,
    roc_auc_score,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "CandorAnalysisTests", "Fixtures")
CONFUSION_PATH = os.path.join(FIXTURES, "sklearn-confusion.json")
RANKING_PATH = os.path.join(FIXTURES, "sklearn-ranking.json")

# Informational warnings that are not zero-division substitutions (rules 6/7).
IGNORED_ALWAYS = ("A single label was found in 'y_true' and 'y_pred'",)
IGNORED_BALANCED_ACCURACY = ("y_pred contains classes not in y_true",)

# Tally of why values became null (printed at the end, for humans).
NULL_REASONS: Counter = Counter()


# --------------------------------------------------------------------------
# Null detection
# --------------------------------------------------------------------------

def _run(fn, ignored=()):
    """Return (value or None, reason or None) for one scikit-learn call."""
    ignored = tuple(ignored) + IGNORED_ALWAYS
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = fn()
        except Exception as exc:  # noqa: BLE001 - any raise means "undefined"
            return None, f"raised {type(exc).__name__}: {str(exc)[:70]}"
    relevant = [w for w in caught if not str(w.message).startswith(ignored)]
    if relevant:
        w = relevant[0]
        return None, f"{w.category.__name__}: {str(w.message)[:70]}"
    value = float(value)
    if math.isnan(value):
        return None, "returned nan"
    return value, None


def metric(name, fn, *, prf=False, ignored=()):
    """Evaluate one metric. ``fn(**extra)`` calls scikit-learn.

    With ``prf=True`` the call is made both with the default zero_division
    ("warn") and with zero_division=np.nan (rule 3).
    """
    value, reason = _run(fn, ignored)
    if prf and value is not None:
        nan_value, nan_reason = _run(lambda: fn(zero_division=np.nan), ignored)
        if nan_value is None:
            value, reason = None, "zero_division=nan: " + nan_reason
    if value is None:
        NULL_REASONS[(name, reason)] += 1
    return value


# --------------------------------------------------------------------------
# Confusion-matrix fixtures
# --------------------------------------------------------------------------

def expand(labels, matrix):
    """Expand a confusion matrix into y_true / y_pred string arrays."""
    m = np.asarray(matrix, dtype=np.int64)
    k = len(labels)
    rows, cols = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    counts = m.ravel()
    ti = np.repeat(rows.ravel(), counts)
    pi = np.repeat(cols.ravel(), counts)
    names = np.asarray(labels)
    return names[ti], names[pi]


def binary_expected(labels, positive, matrix):
    y_true, y_pred = expand(labels, matrix)
    negative = labels[1] if labels[0] == positive else labels[0]
    return {
        "accuracy": metric("accuracy", lambda: accuracy_score(y_true, y_pred)),
        "balanced_accuracy": metric(
            "balanced_accuracy",
            lambda: balanced_accuracy_score(y_true, y_pred),
            ignored=IGNORED_BALANCED_ACCURACY,
        ),
        "precision": metric(
            "precision",
            lambda **kw: precision_score(
                y_true, y_pred, pos_label=positive, average="binary", **kw
            ),
            prf=True,
        ),
        "recall": metric(
            "recall",
            lambda **kw: recall_score(
                y_true, y_pred, pos_label=positive, average="binary", **kw
            ),
            prf=True,
        ),
        "f1": metric(
            "f1",
            lambda **kw: f1_score(
                y_true, y_pred, pos_label=positive, average="binary", **kw
            ),
            prf=True,
        ),
        "specificity": metric(
            "specificity",
            lambda **kw: recall_score(
                y_true, y_pred, pos_label=negative, average="binary", **kw
            ),
            prf=True,
        ),
        "mcc": mcc_metric(matrix, y_true, y_pred),
        "cohen_kappa": metric(
            "cohen_kappa", lambda: cohen_kappa_score(y_true, y_pred)
        ),
    }


def multiclass_expected(labels, matrix):
    y_true, y_pred = expand(labels, matrix)
    return {
        "accuracy": metric("accuracy", lambda: accuracy_score(y_true, y_pred)),
        "balanced_accuracy": metric(
            "balanced_accuracy",
            lambda: balanced_accuracy_score(y_true, y_pred),
            ignored=IGNORED_BALANCED_ACCURACY,
        ),
        "macro_f1": metric(
            "macro_f1",
            lambda **kw: f1_score(y_true, y_pred, average="macro", **kw),
            prf=True,
        ),
        "weighted_f1": metric(
            "weighted_f1",
            lambda **kw: f1_score(y_true, y_pred, average="weighted", **kw),
            prf=True,
        ),
        "macro_recall": metric(
            "macro_recall",
            lambda **kw: recall_score(y_true, y_pred, average="macro", **kw),
            prf=True,
        ),
        "mcc": mcc_metric(matrix, y_true, y_pred),
        "cohen_kappa": metric(
            "cohen_kappa", lambda: cohen_kappa_score(y_true, y_pred)
        ),
    }


def mcc_metric(matrix, y_true, y_pred):
    """Rule 4: sklearn's silent 0.0 for a zero MCC denominator -> null."""
    m = np.asarray(matrix, dtype=object)  # exact Python ints
    n = int(m.sum())
    t = [int(x) for x in m.sum(axis=1)]
    p = [int(x) for x in m.sum(axis=0)]
    cov_tt = n * n - sum(x * x for x in t)
    cov_pp = n * n - sum(x * x for x in p)
    value = metric("mcc", lambda: matthews_corrcoef(y_true, y_pred))
    if cov_tt * cov_pp == 0:
        if value is not None:
            assert value == 0.0, "sklearn no longer returns 0.0 for MCC 0/0"
            NULL_REASONS[("mcc", "denominator zero (sklearn silently returns 0.0)")] += 1
        return None
    return value


def self_check(case):
    """Independent exact computation; asserts sklearn agrees (incl. nulls)."""
    m = [[Fraction(int(x)) for x in row] for row in case["matrix"]]
    k = len(m)
    seen = [i for i in range(k) if sum(m[i]) + sum(m[r][i] for r in range(k)) > 0]
    n = sum(sum(row) for row in m)
    tp = {i: m[i][i] for i in seen}
    t = {i: sum(m[i]) for i in seen}          # actual counts
    p = {i: sum(m[r][i] for r in range(k)) for i in seen}  # predicted counts

    def div(a, b):
        return None if b == 0 else a / b

    f1 = {i: div(2 * tp[i], t[i] + p[i]) for i in seen}
    rec = {i: div(tp[i], t[i]) for i in seen}
    present = [i for i in seen if t[i] > 0]
    ref = {
        "accuracy": div(sum(tp.values()), n),
        "balanced_accuracy": sum(rec[i] for i in present) / len(present),
    }
    cov_tt = n * n - sum(x * x for x in t.values())
    cov_pp = n * n - sum(x * x for x in p.values())
    cov_tp = sum(tp.values()) * n - sum(t[i] * p[i] for i in seen)
    ref["mcc"] = None if cov_tt * cov_pp == 0 else float(cov_tp) / math.sqrt(cov_tt * cov_pp)
    pe_num = sum(t[i] * p[i] for i in seen)
    po = sum(tp.values()) / n
    ref["cohen_kappa"] = None if n * n == pe_num else (po - pe_num / (n * n)) / (1 - pe_num / (n * n))
    if case["kind"] == "binary":
        pos = case["labels"].index(case["positive_label"])
        neg = 1 - pos
        T = {i: sum(m[i]) for i in range(2)}
        P = {i: m[0][i] + m[1][i] for i in range(2)}
        ref["precision"] = div(m[pos][pos], P[pos])
        ref["recall"] = div(m[pos][pos], T[pos])
        ref["f1"] = div(2 * m[pos][pos], T[pos] + P[pos])
        ref["specificity"] = div(m[neg][neg], T[neg])
    else:
        ref["macro_f1"] = sum(f1[i] for i in seen) / len(seen)  # never 0/0
        ref["weighted_f1"] = sum(t[i] * f1[i] for i in seen) / n
        ref["macro_recall"] = (
            None if any(rec[i] is None for i in seen)
            else sum(rec[i] for i in seen) / len(seen)
        )
    assert set(ref) == set(case["expected"]), case["name"]
    for key, want in ref.items():
        got = case["expected"][key]
        if want is None or got is None:
            assert want is None and got is None, (case["name"], key, want, got)
        else:
            assert abs(float(want) - got) <= 1e-9, (case["name"], key, float(want), got)


def confusion_cases():
    cases = []

    def add(name, kind, labels, matrix, positive=None):
        matrix = [[int(x) for x in row] for row in matrix]
        assert sum(map(sum, matrix)) > 0, name
        if kind == "binary":
            expected = binary_expected(labels, positive, matrix)
        else:
            expected = multiclass_expected(labels, matrix)
        case = {
            "name": name,
            "kind": kind,
            "labels": list(labels),
            "positive_label": positive,
            "matrix": matrix,
            "expected": expected,
        }
        self_check(case)
        cases.append(case)

    # Binary label layouts: positive first / second, and label names in
    # lexicographic order or not (catches implementations that sort labels).
    layouts = [
        (["c0", "c1"], "c1"),  # positive second
        (["c0", "c1"], "c0"),  # positive first
        (["c1", "c0"], "c0"),  # positive second, names unsorted
        (["c1", "c0"], "c1"),  # positive first, names unsorted
    ]

    def binary_matrix(labels, positive, tp, fn, fp, tn):
        """Place tp/fn/fp/tn into a matrix in ``labels`` order."""
        pos = labels.index(positive)
        neg = 1 - pos
        m = [[0, 0], [0, 0]]
        m[pos][pos], m[pos][neg], m[neg][pos], m[neg][neg] = tp, fn, fp, tn
        return m

    # --- random binary (150) -------------------------------------------------
    for idx in range(150):
        rng = np.random.default_rng(10_000 + idx)
        labels, positive = layouts[idx % 4]
        style = ["uniform", "imbalanced", "small", "good", "poor"][(idx // 4) % 5]
        if style == "uniform":
            tp, fn, fp, tn = rng.integers(0, 2001, size=4)
        elif style == "imbalanced":  # ~1% (or less) positives
            tn, fp = rng.integers(0, 2001), rng.integers(0, 201)
            n_pos = max(1, int(round((tn + fp) * rng.uniform(0.002, 0.02))))
            tp = rng.integers(0, n_pos + 1)
            fn = n_pos - tp
        elif style == "small":
            tp, fn, fp, tn = rng.integers(0, 4, size=4)
            if tp + fn + fp + tn == 0:
                tn = 1
        elif style == "good":
            tp, tn = rng.integers(100, 2001, size=2)
            fn, fp = rng.integers(0, 60, size=2)
        else:  # poor: worse than chance
            tp, tn = rng.integers(0, 300, size=2)
            fn, fp = rng.integers(200, 2001, size=2)
        add(f"binary-random-{style}-{idx:03d}", "binary", labels,
            binary_matrix(labels, positive, tp, fn, fp, tn), positive)

    # --- degenerate binary: every zero pattern of (tp, fn, fp, tn) -----------
    names = ("tp", "fn", "fp", "tn")
    for pattern in range(1, 16):
        on = [(pattern >> b) & 1 for b in range(4)]
        tag = "-".join(n for n, o in zip(names, on) if o)
        for li, (labels, positive) in enumerate(layouts):
            add(f"binary-degenerate-only-{tag}-ones-layout{li}", "binary", labels,
                binary_matrix(labels, positive, *on), positive)
        rng = np.random.default_rng(20_000 + pattern)
        vals = [int(v) * o for v, o in zip(rng.integers(1, 2001, size=4), on)]
        labels, positive = layouts[pattern % 4]
        add(f"binary-degenerate-only-{tag}-counts", "binary", labels,
            binary_matrix(labels, positive, *vals), positive)

    # --- random multiclass (150) ---------------------------------------------
    for idx in range(150):
        rng = np.random.default_rng(30_000 + idx)
        k = 3 + idx % 8  # 3..10
        style = ["uniform", "diagonal", "sparse", "small", "imbalanced"][(idx // 8) % 5]
        if style == "uniform":
            m = rng.integers(0, 2001, size=(k, k))
        elif style == "diagonal":
            m = rng.integers(0, 101, size=(k, k))
            np.fill_diagonal(m, rng.integers(300, 2001, size=k))
        elif style == "sparse":
            m = rng.integers(1, 2001, size=(k, k)) * (rng.random((k, k)) < 0.3)
        elif style == "small":
            m = rng.integers(0, 3, size=(k, k)) * (rng.random((k, k)) < 0.5)
        else:  # one rare class (~1%) and one dominant class
            m = rng.integers(0, 401, size=(k, k))
            np.fill_diagonal(m, rng.integers(200, 2001, size=k))
            m[0] = rng.integers(0, 4, size=k)
            m[k - 1] = np.minimum(m[k - 1] * 5, 2000)
        if m.sum() == 0:
            m[0, 0] = 1
        labels = [f"c{i}" for i in range(k)]
        if idx % 10 == 9:  # some non-lexicographic label orders
            labels = [labels[i] for i in rng.permutation(k)]
        add(f"multiclass-random-{style}-k{k}-{idx:03d}", "multiclass", labels, m.tolist())

    # --- degenerate multiclass -----------------------------------------------
    L3 = ["c0", "c1", "c2"]
    L4 = ["c0", "c1", "c2", "c3"]
    L5 = ["c0", "c1", "c2", "c3", "c4"]
    deg = [
        ("class-never-predicted", L3, [[5, 2, 0], [1, 7, 0], [3, 4, 0]]),
        ("class-never-in-y-true", L3, [[5, 2, 1], [1, 7, 3], [0, 0, 0]]),
        ("class-only-in-predictions", L4, [[9, 0, 0, 2], [1, 8, 0, 1], [0, 2, 6, 3], [0, 0, 0, 0]]),
        ("declared-unseen-class", L4, [[9, 1, 0, 0], [2, 8, 3, 0], [0, 1, 7, 0], [0, 0, 0, 0]]),
        ("declared-unseen-class-middle", L4, [[9, 0, 1, 2], [0, 0, 0, 0], [1, 0, 7, 0], [3, 0, 2, 8]]),
        ("unseen-and-pred-only", L5, [[9, 0, 1, 0, 2], [0, 0, 0, 0, 0], [1, 0, 7, 0, 0], [3, 0, 2, 8, 0], [0, 0, 0, 0, 0]]),
        ("unseen-and-never-predicted", L5, [[9, 0, 1, 0, 0], [0, 0, 0, 0, 0], [1, 0, 7, 0, 0], [3, 0, 2, 0, 0], [1, 0, 0, 0, 0]]),
        ("single-example-correct", L3, [[0, 0, 0], [0, 1, 0], [0, 0, 0]]),
        ("single-example-wrong", L3, [[0, 0, 0], [0, 0, 1], [0, 0, 0]]),
        ("all-correct", L4, [[10, 0, 0, 0], [0, 3, 0, 0], [0, 0, 1, 0], [0, 0, 0, 250]]),
        ("all-correct-with-unseen", L4, [[10, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 250]]),
        ("all-correct-one-class", L4, [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 42, 0], [0, 0, 0, 0]]),
        ("all-predicted-one-class", L4, [[0, 7, 0, 0], [0, 12, 0, 0], [0, 3, 0, 0], [0, 9, 0, 0]]),
        ("all-predicted-one-class-absent-from-truth", L4, [[7, 0, 0, 0], [12, 0, 0, 0], [3, 0, 0, 0], [0, 0, 0, 0]]),
        ("all-actual-one-class", L4, [[0, 0, 0, 0], [5, 20, 3, 1], [0, 0, 0, 0], [0, 0, 0, 0]]),
        ("all-actual-A-predicted-B", L3, [[0, 17, 0], [0, 0, 0], [0, 0, 0]]),
        ("zero-diagonal", L3, [[0, 4, 6], [3, 0, 5], [7, 2, 0]]),
        ("zero-diagonal-cyclic-permutation", L4, [[0, 5, 0, 0], [0, 0, 5, 0], [0, 0, 0, 5], [5, 0, 0, 0]]),
        ("zero-diagonal-swap-pairs", L4, [[0, 9, 0, 0], [9, 0, 0, 0], [0, 0, 0, 9], [0, 0, 9, 0]]),
        ("all-ones", L5, [[1] * 5 for _ in range(5)]),
        ("two-classes-seen-of-five", L5, [[0, 0, 0, 0, 0], [0, 30, 0, 4, 0], [0, 0, 0, 0, 0], [0, 6, 0, 50, 0], [0, 0, 0, 0, 0]]),
        ("one-correct-rest-confused", L3, [[5, 0, 0], [0, 0, 8], [0, 8, 0]]),
        ("rare-class-one-example", L4, [[2000, 10, 5, 0], [12, 1500, 3, 0], [4, 6, 1800, 0], [0, 0, 1, 0]]),
        ("rare-class-never-predicted", L4, [[2000, 10, 5, 0], [12, 1500, 3, 0], [4, 6, 1800, 0], [0, 1, 1, 0]]),
        ("max-counts-ten-classes", [f"c{i}" for i in range(10)], [[2000] * 10 for _ in range(10)]),
        ("unsorted-labels-never-predicted", ["c10", "c2", "c1"], [[4, 1, 0], [2, 6, 0], [1, 1, 0]]),
    ]
    for name, labels, matrix in deg:
        add(f"multiclass-degenerate-{name}", "multiclass", labels, matrix)

    return cases


# --------------------------------------------------------------------------
# Ranking fixtures
# --------------------------------------------------------------------------

def ranking_expected(labels, scores):
    y = np.asarray(labels, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    return {
        "roc_auc": metric("roc_auc", lambda: roc_auc_score(y, s)),
        "pr_auc": metric("pr_auc", lambda: average_precision_score(y, s)),
    }


def ranking_self_check(case):
    """Exact Mann-Whitney AUC; also asserts the single-class null rule."""
    y, s = case["labels"], case["scores"]
    pos = [x for x, l in zip(s, y) if l == 1]
    neg = [x for x, l in zip(s, y) if l == 0]
    exp = case["expected"]
    if not pos or not neg:
        assert exp["roc_auc"] is None, case["name"]
        assert (exp["pr_auc"] is None) == (not pos), case["name"]
        return
    assert exp["roc_auc"] is not None and exp["pr_auc"] is not None, case["name"]
    neg_sorted = sorted(neg)
    wins = Fraction(0)
    for x in pos:
        lo = bisect.bisect_left(neg_sorted, x)
        hi = bisect.bisect_right(neg_sorted, x)
        wins += lo + Fraction(hi - lo, 2)
    auc = wins / (len(pos) * len(neg))
    assert abs(float(auc) - exp["roc_auc"]) <= 1e-9, (case["name"], float(auc), exp["roc_auc"])
    # Average precision, step-wise over distinct thresholds (sklearn's definition).
    thresholds = sorted(set(s), reverse=True)
    ap = Fraction(0)
    prev_recall = Fraction(0)
    for th in thresholds:
        tp = sum(1 for x in pos if x >= th)
        fp = sum(1 for x in neg if x >= th)
        recall = Fraction(tp, len(pos))
        ap += (recall - prev_recall) * Fraction(tp, tp + fp)
        prev_recall = recall
    assert abs(float(ap) - exp["pr_auc"]) <= 1e-9, (case["name"], float(ap), exp["pr_auc"])


def ranking_cases():
    cases = []

    def add(name, labels, scores, decimals=6):
        labels = [int(v) for v in labels]
        # round, and normalise -0.0 to 0.0 so the JSON never contains "-0.0"
        scores = [round(float(v), decimals) + 0.0 for v in scores]
        assert len(labels) == len(scores) >= 1
        case = {"name": name, "labels": labels, "scores": scores,
                "expected": ranking_expected(labels, scores)}
        ranking_self_check(case)
        cases.append(case)

    def draw_labels(rng, n, prevalence, at_least_one_each=True):
        y = (rng.random(n) < prevalence).astype(int)
        if at_least_one_each and n >= 2:
            if y.sum() == 0:
                y[rng.integers(n)] = 1
            if y.sum() == n:
                y[rng.integers(n)] = 0
        return y

    sizes = [2, 3, 5, 8, 13, 20, 50, 100, 200, 500, 1000, 2000, 3000]

    # random continuous scores (30)
    for idx in range(30):
        rng = np.random.default_rng(40_000 + idx)
        n = sizes[idx % len(sizes)]
        prevalence = rng.uniform(0.05, 0.9)
        y = draw_labels(rng, n, prevalence)
        sep = rng.uniform(-0.5, 3.0)
        raw = rng.normal(0.0, 1.0, n) + sep * y
        if idx % 3 == 0:  # probabilities in (0, 1)
            raw = 1.0 / (1.0 + np.exp(-raw))
        elif idx % 3 == 1:  # logits / arbitrary reals, some large
            raw = raw * 7.5 - 3.0
        add(f"ranking-random-n{n}-{idx:03d}", y, raw)

    # heavily tied: rounded to one decimal (10)
    for idx in range(10):
        rng = np.random.default_rng(41_000 + idx)
        n = [10, 30, 100, 300, 1000, 3000, 50, 500, 2000, 7][idx]
        y = draw_labels(rng, n, rng.uniform(0.1, 0.7))
        p = 1.0 / (1.0 + np.exp(-(rng.normal(0, 1, n) + rng.uniform(0, 2) * y)))
        add(f"ranking-ties-1-decimal-n{n}-{idx:03d}", y, p, decimals=1)

    # heavily tied: only three distinct values (8)
    for idx in range(8):
        rng = np.random.default_rng(42_000 + idx)
        n = [6, 20, 75, 200, 600, 1500, 3000, 11][idx]
        y = draw_labels(rng, n, rng.uniform(0.1, 0.6))
        levels = np.array([0.1, 0.5, 0.9]) if idx % 2 == 0 else np.array([-2.0, 0.0, 3.5])
        bias = np.where(y == 1, 0.6, 0.3)
        pick = (rng.random(n) < bias).astype(int) + (rng.random(n) < bias).astype(int)
        add(f"ranking-three-values-n{n}-{idx:03d}", y, levels[pick])

    # all scores equal (5)
    for idx, (n, score) in enumerate([(2, 0.5), (10, 0.0), (100, 0.7), (1000, 1.0), (37, -3.25)]):
        rng = np.random.default_rng(43_000 + idx)
        y = draw_labels(rng, n, 0.3)
        add(f"ranking-all-equal-n{n}-{idx:03d}", y, np.full(n, score))

    # perfect separation and inverted (4 + 4), plus boundary ties (2)
    for idx, n in enumerate([2, 10, 200, 3000]):
        rng = np.random.default_rng(44_000 + idx)
        y = draw_labels(rng, n, 0.4)
        s = np.where(y == 1, rng.uniform(0.6, 1.0, n), rng.uniform(0.0, 0.4, n))
        add(f"ranking-perfect-n{n}-{idx:03d}", y, s)
        add(f"ranking-inverted-n{n}-{idx:03d}", y, 1.0 - s)
    for idx, n in enumerate([10, 400]):
        rng = np.random.default_rng(45_000 + idx)
        y = draw_labels(rng, n, 0.5)
        s = np.where(y == 1, rng.uniform(0.5, 1.0, n), rng.uniform(0.0, 0.5, n))
        s[np.flatnonzero(y == 1)[0]] = 0.5   # one positive tied with
        s[np.flatnonzero(y == 0)[0]] = 0.5   # one negative at the boundary
        add(f"ranking-perfect-except-boundary-tie-n{n}-{idx:03d}", y, s)

    # ~1% positives (6), and exactly one positive / one negative (2)
    for idx, n in enumerate([500, 1000, 2000, 3000, 3000, 1500]):
        rng = np.random.default_rng(46_000 + idx)
        y = draw_labels(rng, n, 0.01)
        s = 1.0 / (1.0 + np.exp(-(rng.normal(-2, 1, n) + rng.uniform(0.5, 3) * y)))
        add(f"ranking-1pct-positives-n{n}-{idx:03d}", y, s)
    rng = np.random.default_rng(46_100)
    y = np.zeros(1000, dtype=int)
    y[123] = 1
    add("ranking-single-positive-n1000", y, rng.random(1000))
    y = np.ones(1000, dtype=int)
    y[456] = 0
    add("ranking-single-negative-n1000", y, rng.random(1000))

    # one class only -> nulls (roc_auc always; pr_auc when no positives) (5)
    rng = np.random.default_rng(47_000)
    add("ranking-only-positives-n50", np.ones(50), rng.random(50))
    add("ranking-only-negatives-n50", np.zeros(50), rng.random(50))
    add("ranking-only-positives-n1", [1], [0.3])
    add("ranking-only-negatives-n1", [0], [0.3])
    add("ranking-only-negatives-all-equal-n20", np.zeros(20), np.full(20, 0.5))

    # tiny n = 2 / 3 edge cases (6)
    add("ranking-n2-ordered", [0, 1], [0.2, 0.8])
    add("ranking-n2-reversed", [0, 1], [0.8, 0.2])
    add("ranking-n2-tied", [1, 0], [0.5, 0.5])
    add("ranking-n3-pos-tied-top", [1, 0, 1], [0.9, 0.9, 0.1])
    add("ranking-n3-neg-top", [0, 1, 1], [0.9, 0.5, 0.4])
    add("ranking-n3-mixed-sign", [1, 0, 0], [-0.000001, -5.0, 0.0])

    # random with prevalence extremes and moderate ties (4)
    for idx, (n, prev) in enumerate([(300, 0.95), (800, 0.5), (2500, 0.2), (64, 0.05)]):
        rng = np.random.default_rng(48_000 + idx)
        y = draw_labels(rng, n, prev)
        s = rng.integers(0, 20, n) / 19.0 + 0.05 * y * rng.integers(0, 3, n)
        add(f"ranking-grid-scores-n{n}-{idx:03d}", y, s, decimals=4)

    return cases


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def write(path, cases):
    """One case per line; sorted keys; default (repr-exact) float output."""
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    body = ",\n".join(json.dumps(c, sort_keys=True, allow_nan=False) for c in cases)
    version = json.dumps(sklearn.__version__)
    text = f'{{"cases": [\n{body}\n],\n"sklearn_version": {version}}}\n'
    json.loads(text)  # sanity: valid JSON
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {os.path.relpath(path, ROOT)}: {len(cases)} cases, {len(text)} bytes")


def summarize(cases):
    nulls = Counter()
    for c in cases:
        for k, v in c["expected"].items():
            nulls[(c.get("kind", "ranking"), k)] += v is None
    for (kind, k), count in sorted(nulls.items()):
        print(f"  nulls {kind:10s} {k:18s} {count}")


def main():
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    confusion = confusion_cases()
    write(CONFUSION_PATH, confusion)
    summarize(confusion)
    ranking = ranking_cases()
    write(RANKING_PATH, ranking)
    summarize(ranking)
    print("null reasons:")
    for (name, reason), count in sorted(NULL_REASONS.items()):
        print(f"  {count:4d}  {name}: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
