#!/usr/bin/env python3
"""The same analysis with pandas + scikit-learn, for comparison: read one predictions file,
compute every contract metric (ROC AUC and average precision where scores exist).
Prints the wall time in seconds. Intervals and findings are not computed here, so the
comparison flatters this side.

    sklearn_baseline.py FILE read_csv   times pandas' bare read_csv of FILE alone (after imports),
                                        the reference Benchmarks/run compares candor with."""
import sys
import time

start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn import metrics  # noqa: E402

path, kind = sys.argv[1], sys.argv[2]
if kind == "read_csv":
    start = time.perf_counter()
    pd.read_csv(path)
    print(f"{time.perf_counter() - start:.3f}")
    sys.exit(0)
frame = pd.read_csv(path, dtype={"label": "string", "prediction": "string"})
if kind == "multiclass":
    y, p = frame["label"], frame["prediction"]
    metrics.accuracy_score(y, p)
    metrics.balanced_accuracy_score(y, p)
    metrics.f1_score(y, p, average="macro")
    metrics.f1_score(y, p, average="weighted")
    metrics.recall_score(y, p, average="macro")
    metrics.matthews_corrcoef(y, p)
    metrics.cohen_kappa_score(y, p)
else:
    y = (frame["label"] == "failure").to_numpy()
    if "score" in frame:
        score = frame["score"].to_numpy()
        p = score >= 0.5
        metrics.roc_auc_score(y, score)
        metrics.average_precision_score(y, score)
    else:
        p = (frame["prediction"] == "failure").to_numpy()
    metrics.accuracy_score(y, p)
    metrics.balanced_accuracy_score(y, p)
    metrics.precision_score(y, p, zero_division=np.nan)
    metrics.recall_score(y, p, zero_division=np.nan)
    metrics.f1_score(y, p, zero_division=np.nan)
    metrics.recall_score(~y, ~p, zero_division=np.nan)
    metrics.matthews_corrcoef(y, p)
    metrics.cohen_kappa_score(y, p)
print(f"{time.perf_counter() - start:.3f}")
