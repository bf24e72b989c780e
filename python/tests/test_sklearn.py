"""scikit-learn models on its bundled datasets, written with write_evaluation (so placed by the
real `candor add`), reported by candor, every metric checked against scikit-learn to 1e-9."""

from __future__ import annotations

import gzip
import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn import datasets, metrics
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from candor_report import CandorError, Report, check, report, write_evaluation

TOLERANCE = 1e-9
WEEKS = ["2026-W47", "2026-W48"]
BINARY = ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "specificity", "mcc",
          "cohen_kappa", "roc_auc", "pr_auc"]
MULTICLASS = ["accuracy", "balanced_accuracy", "macro_f1", "weighted_f1", "macro_recall", "mcc",
              "cohen_kappa", "roc_auc", "top_2_accuracy", "brier_score", "log_loss"]


def logistic(strength: float) -> Any:
    return make_pipeline(StandardScaler(), LogisticRegression(C=strength, max_iter=5000))


def split(n: int, seed: int = 14) -> tuple[Any, Any, list[Any]]:
    """Training rows, a holdout kept every week, and a pool giving each week its own rows."""
    rest, train = train_test_split(np.arange(n), test_size=0.4, random_state=seed)
    holdout, pool = train_test_split(rest, test_size=0.5, random_state=seed)
    return train, np.sort(holdout), np.array_split(np.sort(pool), 2)


def binary_expected(y: Any, pred: Any, score: Any) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nan = float("nan")
        return {
            "accuracy": metrics.accuracy_score(y, pred),
            "balanced_accuracy": metrics.balanced_accuracy_score(y, pred),
            "precision": metrics.precision_score(y, pred, zero_division=nan),
            "recall": metrics.recall_score(y, pred, zero_division=nan),
            "f1": metrics.f1_score(y, pred, zero_division=nan),
            "specificity": metrics.recall_score(y, pred, pos_label=0, zero_division=nan),
            "mcc": metrics.matthews_corrcoef(y, pred),
            "cohen_kappa": metrics.cohen_kappa_score(y, pred),
            "roc_auc": metrics.roc_auc_score(y, score),
            "pr_auc": metrics.average_precision_score(y, score),
            "brier_score": metrics.brier_score_loss(y, score),
            "log_loss": metrics.log_loss(y, score, labels=[0, 1]),
        }


def multiclass_expected(y: Any, pred: Any, proba: Any, labels: list[Any]) -> dict[str, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Candor's macro recall is undefined (null) where a class is predicted but never true.
        never_true = set(np.unique(pred)) - set(np.unique(y))
        return {
            "accuracy": metrics.accuracy_score(y, pred),
            "balanced_accuracy": metrics.balanced_accuracy_score(y, pred),
            "macro_f1": metrics.f1_score(y, pred, average="macro"),
            "weighted_f1": metrics.f1_score(y, pred, average="weighted"),
            "macro_recall": (math.nan if never_true
                             else metrics.recall_score(y, pred, average="macro")),
            "mcc": metrics.matthews_corrcoef(y, pred),
            "cohen_kappa": metrics.cohen_kappa_score(y, pred),
            "roc_auc": metrics.roc_auc_score(y, proba, multi_class="ovr", average="macro",
                                             labels=labels),
            "top_2_accuracy": metrics.top_k_accuracy_score(y, proba, k=2, labels=labels),
            "brier_score": metrics.brier_score_loss(y, proba, labels=labels),
            "log_loss": metrics.log_loss(y, proba, labels=labels),
        }


class Lab:
    """The workspace: per (week, task, set) what scikit-learn says each metric is."""

    def __init__(self, root: Path) -> None:
        self.workspace = root / "workspace"
        self.expected: dict[tuple[str, str, str], dict[str, float]] = {}
        self.placed: list[Path] = []

    def add(self, week: str, task: str, set_id: str, expected: dict[str, float],
            **keywords: Any) -> None:
        self.placed.append(
            write_evaluation(self.workspace, "lab", task, set_id, week=week, **keywords))
        self.expected[(week, task, set_id)] = expected


def tumour(lab: Lab) -> None:
    """Breast cancer, binary: the holdout with ids (paired across weeks), `recent` new each
    week. The first file declares the task: positive class 1, both of predict_proba's
    columns (the positive one is kept); later ones give the positive class's probability."""
    x, y = datasets.load_breast_cancer(return_X_y=True)
    train, holdout, recent = split(len(y))
    for index, (week, strength) in enumerate(zip(WEEKS, [0.002, 1.0])):
        model = logistic(strength).fit(x[train], y[train])
        for set_id, rows in [("holdout", holdout), ("recent", recent[index])]:
            proba, pred = model.predict_proba(x[rows]), model.predict(x[rows])
            first = not lab.expected
            extra: dict[str, Any] = (
                {"scores": proba, "classes": model.classes_, "positive_label": 1} if first
                else {"scores": proba[:, 1]})
            if set_id == "holdout":
                extra["ids"] = [f"case-{r}" for r in rows]
            lab.add(week, "tumour", set_id, binary_expected(y[rows], pred, proba[:, 1]),
                    y_true=y[rows], y_pred=pred, **extra)


def species(lab: Lab) -> None:
    """Iris, three named classes, predict_proba in model.classes_ order."""
    data = datasets.load_iris()
    x, y = data.data, np.array(data.target_names)[data.target]
    train, holdout, _ = split(len(y))
    model = logistic(0.05).fit(x[train], y[train])
    proba, pred = model.predict_proba(x[holdout]), model.predict(x[holdout])
    lab.add(WEEKS[1], "species", "holdout",
            multiclass_expected(y[holdout], pred, proba, list(model.classes_)),
            y_true=y[holdout], y_pred=pred, scores=proba, classes=model.classes_)


def digit(lab: Lab) -> None:
    """Digits, ten classes, from a DataFrame: float labels, probabilities named by class, and
    no prediction column (Candor takes the most probable class, as predict does)."""
    x, y = datasets.load_digits(return_X_y=True)
    train, holdout, _ = split(len(y))
    model = logistic(0.01).fit(x[train], y[train])
    proba = model.predict_proba(x[holdout])
    frame = pd.DataFrame(proba, columns=model.classes_)
    lab.add(WEEKS[1], "digit", "holdout",
            multiclass_expected(y[holdout], model.predict(x[holdout]), proba, list(range(10))),
            data=frame.assign(truth=y[holdout].astype(float)), y_true="truth",
            scores=frame)


def cultivar(lab: Lab, folder: Path) -> None:
    """Wine, three classes, read back from a Parquet file."""
    x, y = datasets.load_wine(return_X_y=True)
    train, holdout, _ = split(len(y), seed=15)
    model = logistic(0.5).fit(x[train], y[train])
    proba, pred = model.predict_proba(x[holdout]), model.predict(x[holdout])
    frame = pd.DataFrame({"cultivar": y[holdout], "predicted": pred,
                          **{f"p{k}": proba[:, k] for k in range(3)}})
    frame.to_parquet(folder / "wine.parquet")
    lab.add(WEEKS[1], "cultivar", "holdout",
            multiclass_expected(y[holdout], pred, proba, [0, 1, 2]),
            data=folder / "wine.parquet", y_true="cultivar", y_pred="predicted",
            scores=["p0", "p1", "p2"], classes=[0, 1, 2])


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    root = tmp_path_factory.mktemp("lab")
    built = Lab(root)
    tumour(built)
    species(built)
    digit(built)
    cultivar(built, root)
    return built


@pytest.fixture(scope="module")
def reports(lab: Lab, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    out = tmp_path_factory.mktemp("reports")
    return {week: report(lab.workspace, "lab", week=week, out=out) for week in WEEKS}


def test_files_are_placed_where_the_contract_says(lab: Lab) -> None:
    for path in lab.placed:
        assert path.is_file() and path.name.endswith(".csv.gz")
        assert path.relative_to(lab.workspace).parts[:3] == ("clients", "lab", "weeks")
        assert gzip.decompress(path.read_bytes()).startswith((b"label", b"id,label"))


def test_metrics_equal_scikit_learns(lab: Lab, reports: dict[str, Report]) -> None:
    checked = 0
    for week, got in reports.items():
        table = got.metrics()
        for (at, task, set_id), expected in lab.expected.items():
            if at != week:
                continue
            rows = table[(table.task == task) & (table.set == set_id)]
            values = dict(zip(rows.metric, rows.value))
            kind = BINARY if task == "tumour" else MULTICLASS
            assert set(kind) <= set(values), (task, set(kind) - set(values))
            for name, value in values.items():
                want = expected[name]
                if math.isnan(want):
                    assert math.isnan(value), (week, task, set_id, name)
                else:
                    assert abs(value - want) <= TOLERANCE, (week, task, set_id, name, value, want)
                checked += 1
    assert checked >= 2 * 2 * len(BINARY) + 3 * len(MULTICLASS)


def test_the_paired_week_over_week_test(lab: Lab, reports: dict[str, Report]) -> None:
    changes = reports[WEEKS[1]].changes()
    holdout = changes[(changes.task == "tumour") & (changes.set == "holdout")]
    assert len(holdout) >= len(BINARY) and holdout.paired.all()
    recent = changes[(changes.task == "tumour") & (changes.set == "recent")]
    assert len(recent) >= len(BINARY) and not recent.paired.any()
    before, after = (lab.expected[(w, "tumour", "holdout")] for w in WEEKS)
    for row in holdout.itertuples():
        assert abs(row.change - (after[row.metric] - before[row.metric])) <= TOLERANCE
        assert row.low <= row.change <= row.high
        assert row.verdict and row.family in {"primary", "supporting", "none"}
    assert reports[WEEKS[1]].summary["compared_to"] == WEEKS[0]


def test_a_placed_file_is_not_overwritten_without_replace(tmp_path: Path) -> None:
    first = write_evaluation(tmp_path, "lab", "tumour", "holdout", week=WEEKS[0],
                             y_true=[1, 0, 0], y_pred=[1, 0, 0], positive_label=1)
    with pytest.raises(CandorError) as refused:
        write_evaluation(tmp_path, "lab", "tumour", "holdout", week=WEEKS[0],
                         y_true=[0, 1, 0], y_pred=[1, 0, 0])
    assert refused.value.exit_status == 1 and "replace=True" in refused.value.message
    assert "--replace" not in refused.value.message
    second = write_evaluation(tmp_path, "lab", "tumour", "holdout", week=WEEKS[0], replace=True,
                              y_true=[0, 1, 0], y_pred=[1, 0, 0])
    assert first == second
    assert gzip.decompress(second.read_bytes()) == b"label,prediction\n0,1\n1,0\n0,0\n"


def test_positive_label_may_be_repeated(tmp_path: Path) -> None:
    """What a loop over weeks and sets does: the same positive class every time."""
    for week in WEEKS:
        for set_id in ["holdout", "recent"]:
            write_evaluation(tmp_path / "ws", "lab", "tumour", set_id, week=week,
                             y_true=[1, 0, 0, 1], y_pred=[1, 0, 1, 1], positive_label=1)
    assert report(tmp_path / "ws", "lab", out=tmp_path / "out").summary["tasks"][0][
        "positive_label"] == "1"


def test_a_bad_score_is_refused_naming_its_row(tmp_path: Path) -> None:
    with pytest.raises(CandorError) as refused:
        write_evaluation(tmp_path / "ws", "lab", "tumour", "holdout", week=WEEKS[1],
                         positive_label=1, y_true=[1, 0, 1], y_pred=[1, 0, 0],
                         scores=[0.9, float("nan"), 0.2])
    assert refused.value.exit_status == 1  # an input problem, as the CLI says it
    assert refused.value.message.startswith("scores: row 1 (score) is nan")
    assert not (tmp_path / "ws").exists()


def test_candors_reason_names_the_callers_row_and_argument(tmp_path: Path) -> None:
    with pytest.raises(CandorError) as refused:
        write_evaluation(tmp_path / "ws", "lab", "tumour", "holdout", week=WEEKS[1],
                         positive_label=1, y_true=[1, 0, None], y_pred=[1, 0, 0])
    assert refused.value.exit_status == 1
    assert refused.value.message.startswith("the evaluation of set 'holdout', row 2: "), \
        refused.value.message
    with pytest.raises(CandorError, match="^client 'Acme Inc' is not a valid client id"):
        write_evaluation(tmp_path / "ws", "Acme Inc", "tumour", "holdout", week=WEEKS[1],
                         positive_label=1, y_true=[1, 0], y_pred=[1, 0])


def test_class_names_reach_the_report(tmp_path: Path) -> None:
    write_evaluation(tmp_path / "ws", "lab", "tumour", "holdout", week=WEEKS[1],
                     positive_label=1, y_true=[1, 0, 1, 0], y_pred=[1, 0, 0, 0],
                     class_names={1: "malignant tumour", 0: "benign tumour"})
    assert "malignant tumour" in report(tmp_path / "ws", "lab", out=tmp_path / "out").html


def test_check_finds_nothing_wrong_then_names_a_bad_key(lab: Lab) -> None:
    assert [p for p in check(lab.workspace) if p.severity == "error"] == []
    assert [p for p in check(lab.workspace, "lab") if p.severity == "error"] == []
    yaml = lab.workspace / "clients" / "lab" / "client.yaml"
    original = yaml.read_text(encoding="utf-8")
    try:
        yaml.write_text(original + "surprise: 1\n", encoding="utf-8")
        errors = [p for p in check(lab.workspace) if p.severity == "error"]
        assert errors and errors[0].path.endswith("client.yaml")
        assert errors[0].line == len(original.splitlines()) + 1
        assert "surprise" in errors[0].message
    finally:
        yaml.write_text(original, encoding="utf-8")
