#!/usr/bin/env python3
"""Generate scikit-learn reference fixtures for Candor's score metrics (contract 1.1).

Dev-time only: Candor itself never runs Python. Regenerate with

    python3 Scripts/sklearn_score_fixtures.py

from the repository root (needs numpy and scikit-learn). Deterministic for a given
scikit-learn/numpy version: each random case has its own ``numpy.random.default_rng(seed)``,
probabilities are rounded to few decimals (so ties occur) and written with Python's
shortest round-trip repr.

Writes Tests/CandorAnalysisTests/Fixtures/sklearn-scores.json:

    {"sklearn_version": "...", "cases": [
        {"name": str, "kind": "multiclass" | "binary",
         "classes": [str, ...],       # multiclass: sorted, as scikit-learn's labels= must be
         "labels": [int, ...],        # index into classes (binary: 1 = positive)
         "scores": [[float, ...]] | [float, ...],   # multiclass: one row per example
         "expected": {metric: float | null}}]}

Multiclass (labels=classes everywhere):
    roc_auc        = roc_auc_score(y, P, multi_class="ovr", average="macro", labels=classes)
                     (null where scikit-learn returns nan: a class absent from the truth;
                     with two classes, which scikit-learn takes as binary,
                     roc_auc_score(y == classes[1], P[:, 1]), the same number when rows sum to 1)
    top_2_accuracy = top_k_accuracy_score(y, P, k=2, labels=classes)   (3+ classes only)
    brier_score    = brier_score_loss(y, P, labels=classes): the sum over classes of the
                     squared error, on [0, 2] for three classes or more; halved, so equal to
                     the binary score, for two (scikit-learn's scale_by_half="auto")
    log_loss       = log_loss(y, P, labels=classes)
Binary (score = probability of the positive class):
    brier_score    = brier_score_loss(y, p, pos_label=1)
    log_loss       = log_loss(y, p, labels=[0, 1])
"""

import json
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score, top_k_accuracy_score

OUT = Path(__file__).resolve().parent.parent / "Tests/CandorAnalysisTests/Fixtures/sklearn-scores.json"


def rounded_rows(P, digits, rng):
    """Rows on a grid of 10^-digits that sum to 1 (roc_auc_score checks that): a multinomial
    draw of 10^digits units from each row's probabilities."""
    units = 10 ** digits
    return np.array([rng.multinomial(units, row / row.sum()) / units for row in P])


def multiclass_case(name, classes, y, P):
    classes = list(classes)
    assert classes == sorted(classes)
    y_names = np.array([classes[i] for i in y])
    expected = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if len(classes) == 2:
            # scikit-learn takes two classes as binary: the second class's column is ranked.
            auc = roc_auc_score(y_names == classes[1], P[:, 1])
        else:
            auc = roc_auc_score(y_names, P, multi_class="ovr", average="macro", labels=classes)
        expected["roc_auc"] = None if np.isnan(auc) else float(auc)
        if len(classes) >= 3:
            expected["top_2_accuracy"] = float(
                top_k_accuracy_score(y_names, P, k=2, labels=classes))
        expected["brier_score"] = float(brier_score_loss(y_names, P, labels=classes))
        expected["log_loss"] = float(log_loss(y_names, P, labels=classes))
    return {"name": name, "kind": "multiclass", "classes": classes, "labels": [int(v) for v in y],
            "scores": [[float(v) for v in row] for row in P], "expected": expected}


def binary_case(name, y, p):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = {"brier_score": float(brier_score_loss(y, p, pos_label=1)),
                    "log_loss": float(log_loss(y, p, labels=[0, 1]))}
    return {"name": name, "kind": "binary", "classes": ["0", "1"], "labels": [int(v) for v in y],
            "scores": [float(v) for v in p], "expected": expected}


def main():
    cases = []
    # Random Dirichlet probabilities, rounded so that ties occur in every column.
    for seed, k, n, digits in [(1, 3, 200, 2), (2, 4, 300, 1), (3, 5, 500, 3), (4, 3, 40, 1),
                               (5, 6, 250, 2), (6, 3, 1000, 6)]:
        rng = np.random.default_rng(seed)
        P = rounded_rows(rng.dirichlet(np.ones(k) * 0.8, size=n), digits, rng)
        y = np.array([rng.choice(k, p=row / row.sum()) if row.sum() > 0 else 0 for row in P])
        for c in range(k):       # every class in the truth at least once
            y[c] = c
        classes = ["c%d" % i for i in range(k)]
        cases.append(multiclass_case("dirichlet-k%d-n%d-seed%d" % (k, n, seed), classes, y, P))
    # Ties across the top-2 boundary: the later class wins a slot in scikit-learn.
    P = np.array([[0.25, 0.25, 0.25, 0.25], [0.4, 0.3, 0.3, 0.0], [0.3, 0.3, 0.4, 0.0],
                  [0.2, 0.4, 0.2, 0.2], [0.5, 0.25, 0.0, 0.25], [0.1, 0.1, 0.1, 0.7],
                  [0.0, 0.5, 0.5, 0.0], [0.34, 0.33, 0.33, 0.0]])
    y = np.array([0, 1, 0, 3, 3, 2, 0, 2])
    cases.append(multiclass_case("top2-ties", ["a", "b", "c", "d"], y, P))
    # A class never predicted (never the highest score).
    rng = np.random.default_rng(7)
    P = rounded_rows(rng.dirichlet([3, 3, 0.3], size=120), 3, rng)
    P[:, 2] = np.minimum(P[:, 2], 0.2)
    P[:, 0] = np.round(1 - P[:, 1] - P[:, 2], 3)
    y = rng.integers(0, 3, size=120)
    cases.append(multiclass_case("class-never-predicted", ["cold", "hot", "warm"], y, P))
    # A class absent from the truth: ROC AUC over classes is undefined.
    y_absent = np.where(y == 2, 0, y)
    cases.append(multiclass_case("class-absent-from-truth", ["cold", "hot", "warm"], y_absent, P))
    # Two classes as a multiclass task (no top-2 accuracy).
    rng = np.random.default_rng(8)
    p1 = np.round(rng.beta(2, 2, size=150), 2)
    P = np.column_stack([np.round(1 - p1, 2), p1])
    y = (rng.uniform(size=150) < p1).astype(int)
    cases.append(multiclass_case("two-classes", ["no", "yes"], y, P))
    # Certain and certainly wrong probabilities: log loss clips to [eps, 1 - eps].
    P = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0],
                  [0.5, 0.5, 0.0], [1e-20, 1 - 1e-20, 0.0]])
    y = np.array([0, 1, 2, 1, 2, 0])
    cases.append(multiclass_case("certain-and-clipped", ["a", "b", "c"], y, P))
    # Binary probabilities.
    for seed, n, digits in [(11, 200, 2), (12, 57, 1), (13, 1000, 6)]:
        rng = np.random.default_rng(seed)
        p = np.round(rng.beta(1.2, 2.5, size=n), digits)
        y = (rng.uniform(size=n) < p).astype(int)
        cases.append(binary_case("binary-n%d-seed%d" % (n, seed), y, p))
    cases.append(binary_case("binary-extremes", np.array([1, 0, 1, 0, 1, 0]),
                             np.array([1.0, 0.0, 0.0, 1.0, 0.5, 1e-30])))
    cases.append(binary_case("binary-all-positive", np.array([1, 1, 1]), np.array([0.9, 0.2, 0.6])))
    text = '{"sklearn_version": %s, "cases": [\n' % json.dumps(sklearn.__version__)
    text += ",\n".join(json.dumps(c, sort_keys=True) for c in cases)
    OUT.write_text(text + "\n]}\n")
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
