"""write_evaluation's side of the work: the CSV it writes and the `candor add` it runs.

`candor add` is replaced here by a stand-in that keeps the file, so these tests pin the
package's own behaviour; test_sklearn.py runs the real one.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import candor_report._evaluation as evaluation
from candor_report import CandorError, write_evaluation


class Added:
    """What the stand-in for `candor add` saw: its arguments and the CSV's text."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.calls: list[tuple[list[str], Path]] = []

    def __call__(self, arguments: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        kept = self.folder / f"added-{len(self.calls)}.csv.gz"
        shutil.copy(arguments[-1], kept)
        self.calls.append((list(arguments[:-1]), kept))
        return subprocess.CompletedProcess(arguments, 0, f"placed: {kept}\ninferred: …\n", "")

    @property
    def arguments(self) -> list[str]:
        return self.calls[-1][0]

    @property
    def csv(self) -> str:
        return gzip.decompress(self.calls[-1][1].read_bytes()).decode("utf-8")

    @property
    def bytes(self) -> bytes:
        return self.calls[-1][1].read_bytes()


@pytest.fixture
def added(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Added:
    stand_in = Added(tmp_path)
    monkeypatch.setattr(evaluation, "run", stand_in)
    return stand_in


def write(**keywords: Any) -> Path:
    return write_evaluation("ws", "acme", "churn", "holdout", **keywords)


def test_columns_in_contract_order_and_the_placed_path(added: Added) -> None:
    placed = write(y_true=["yes", "no"], y_pred=["no", "no"], scores=[0.25, 0.125],
                   ids=[7, 8], segments=["north", "south, east"], positive_label="yes")
    assert added.csv == ("id,label,prediction,score,segment\n"
                         '7,yes,no,0.25,north\n8,no,no,0.125,"south, east"\n')
    assert placed == added.calls[-1][1] and placed.is_absolute()
    assert added.arguments == ["add", "ws", "--client", "acme", "--task", "churn",
                               "--set", "holdout", "--positive", "yes"]


def test_labels_are_text_with_integer_floats_as_integers(added: Added) -> None:
    write(y_true=np.array([1.0, 0.0, 2.0]), y_pred=pd.Series([1, 0, 2], index=[9, 8, 7]))
    assert added.csv == "label,prediction\n1,1\n0,0\n2,2\n"
    write(y_true=[True, False, None], y_pred=np.array([True, False, True]))
    assert added.csv == "label,prediction\nTrue,True\nFalse,False\n,True\n"
    write(y_true=pd.Series([1, 2, None], dtype="Int64"), y_pred=["1.5", "a", "B"])
    assert added.csv == "label,prediction\n1,1.5\n2,a\n,B\n"


def test_booleans_beside_numbers_are_one_and_zero_as_in_scikit_learn(added: Added) -> None:
    # y_pred = proba > 0.5 against 0/1 labels: two classes, not four.
    write(y_true=np.array([0, 1, 1]), y_pred=np.array([0.2, 0.7, 0.4]) > 0.5)
    assert added.csv == "label,prediction\n0,0\n1,1\n1,0\n"
    write(y_true=[True, False], y_pred=[1.0, 0.0])
    assert added.csv == "label,prediction\n1,1\n0,0\n"
    # Booleans beside booleans, or beside words, stay as they are.
    write(y_true=[True, False], y_pred=["yes", "no"])
    assert added.csv == "label,prediction\nTrue,yes\nFalse,no\n"


def test_labels_must_be_one_dimensional(added: Added) -> None:
    onehot = np.eye(3, dtype=int)[[0, 2, 1]]
    with pytest.raises(CandorError, match=r"y_true must be one-dimensional .* shape \(3, 3\)"):
        write(y_true=onehot, y_pred=[0, 2, 1])
    with pytest.raises(CandorError, match="y_pred must be one-dimensional"):
        write(y_true=[0, 1], y_pred=pd.DataFrame({"target": [0, 1]}))
    with pytest.raises(CandorError, match=r"holds \[0, 1\]"):
        write(y_true=[[0, 1], [1, 0]], y_pred=[1, 0])
    assert added.calls == []


def test_a_label_with_a_carriage_return_is_quoted(added: Added) -> None:
    write(y_true=["in\rout", "b"], y_pred=["b", "b"])
    assert added.csv == 'label,prediction\n"in\rout","b"\nb,b\n'


def test_scores_keep_every_digit(added: Added) -> None:
    scores = np.random.default_rng(1).random(50)
    write(y_true=["a"] * 50, scores=scores, positive_label="a")
    column = [float(line.split(",")[1]) for line in added.csv.splitlines()[1:]]
    assert column == scores.tolist()


def test_flags(added: Added) -> None:
    write(y_true=[1], y_pred=[1], week="2026-W48", role="monitoring", positive_label=1.0,
          class_names={1: "engine failure", 0: "healthy"}, replace=True)
    assert added.arguments == [
        "add", "ws", "--client", "acme", "--task", "churn", "--set", "holdout", "--week",
        "2026-W48", "--role", "monitoring", "--positive", "1", "--class-name",
        "1=engine failure", "--class-name", "0=healthy", "--replace"]
    write(y_true=[1], y_pred=[1])
    assert "--replace" not in added.arguments and "--week" not in added.arguments


def test_two_dimensional_scores(added: Added) -> None:
    proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    write(y_true=["b", "c"], scores=proba, classes=np.array(["a", "b", "c"]))
    assert added.csv == "label,proba_a,proba_b,proba_c\nb,0.7,0.2,0.1\nc,0.1,0.1,0.8\n"
    frame = pd.DataFrame(proba, columns=["c", "a", "b"])  # named by class: any order
    write(y_true=["b", "c"], scores=frame, classes=["a", "b", "c"])
    assert added.csv == "label,proba_a,proba_b,proba_c\nb,0.2,0.1,0.7\nc,0.1,0.8,0.1\n"
    write(y_true=[1.0, 0.0], scores=pd.DataFrame(proba[:, :2], columns=[0.0, 1.0]))
    assert added.csv == "label,proba_0,proba_1\n1,0.7,0.2\n0,0.1,0.1\n"
    with pytest.raises(CandorError, match="classes=") as refused:
        write(y_true=["b", "c"], scores=proba)
    assert refused.value.exit_status == 2


def test_a_binary_task_keeps_the_positive_class_column(added: Added) -> None:
    proba = np.array([[0.9, 0.1], [0.25, 0.75]])
    write(y_true=[0, 1], y_pred=[0, 1], scores=proba, classes=[0, 1], positive_label=1)
    assert added.csv == "label,prediction,score\n0,0,0.1\n1,1,0.75\n"
    with pytest.raises(CandorError):
        write(y_true=[0, 1], scores=proba, classes=[0, 1], positive_label=2)


def test_columns_of_data(added: Added, tmp_path: Path) -> None:
    frame = pd.DataFrame({"truth": [1.0, 0.0], "guess": [1, 1], "p0": [0.4, 0.6],
                          "p1": [0.6, 0.4], "row": ["r1", "r2"]})
    write(data=frame, y_true="truth", y_pred="guess", scores=["p0", "p1"], classes=[0, 1],
          ids="row")
    from_frame = added.csv
    assert from_frame == "id,label,prediction,proba_0,proba_1\nr1,1,1,0.4,0.6\nr2,0,1,0.6,0.4\n"
    frame.to_parquet(tmp_path / "preds.parquet")
    write(data=tmp_path / "preds.parquet", y_true="truth", y_pred="guess",
          scores=["p0", "p1"], classes=[0, 1], ids="row")
    assert added.csv == from_frame
    write(data=str(tmp_path / "preds.parquet"), y_true="truth", y_pred="guess",
          scores=["p0", "p1"], classes=[0, 1], ids="row")
    assert added.csv == from_frame
    write(data=frame.to_dict("list"), y_true="truth", y_pred=[1, 1], scores=["p0", "p1"],
          classes=[0, 1], ids="row")
    assert added.csv == from_frame


def test_column_names_are_checked(added: Added) -> None:
    with pytest.raises(CandorError, match="no column 'truth'"):
        write(data=pd.DataFrame({"label": [1]}), y_true="truth")
    with pytest.raises(CandorError, match="needs data="):
        write(y_true="truth")


def test_parquet_without_pyarrow_is_a_clear_error(
    added: Added, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(CandorError, match="needs pyarrow") as refused:
        write(data=tmp_path / "preds.parquet", y_true="label")
    assert "pip install pyarrow" in refused.value.message


def test_lengths_must_match(added: Added) -> None:
    with pytest.raises(CandorError, match="prediction has 1 values and y_true 2") as refused:
        write(y_true=[1, 0], y_pred=[1])
    assert refused.value.exit_status == 2
    assert not added.calls


def test_same_values_same_bytes(added: Added) -> None:
    write(y_true=["a", "b"], y_pred=["a", "a"])
    first = added.bytes
    write(y_true=["a", "b"], y_pred=["a", "a"])
    assert added.bytes == first


def test_missing_or_infinite_scores_are_named_by_row(added: Added) -> None:
    with pytest.raises(CandorError, match=r"scores: row 1 \(score\) is nan") as refused:
        write(y_true=[1, 0, 1], scores=np.array([0.9, np.nan, 0.7]), positive_label=1)
    assert refused.value.exit_status == 1 and not added.calls  # as the CLI says it of the file
    with pytest.raises(CandorError, match=r"row 0 \(proba_b\) is inf"):
        write(y_true=["a", "b"], scores=[[0.5, float("inf")], [0.5, 0.5]], classes=["a", "b"])
    write(y_true=[1, 0], scores=[0.9, 0.1], positive_label=1)  # finite: written
    assert added.csv.splitlines()[1:] == ["1,0.9", "0,0.1"]


def test_nothing_to_write_is_refused_before_candor_runs(added: Added) -> None:
    with pytest.raises(CandorError, match="y_true is empty"):
        write(y_true=[], y_pred=[])
    assert not added.calls


def test_a_column_vector_of_scores_is_one_score(added: Added) -> None:
    write(y_true=[1, 0], scores=np.array([[0.8], [0.3]]), positive_label=1)
    assert added.csv.splitlines() == ["label,score", "1,0.8", "0,0.3"]


def test_candors_words_become_the_callers(added: Added, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(arguments: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        scratch = arguments[-1]
        raise CandorError(f"{scratch}: --positive '2' is not one of its classes '0', '1'", 1)

    monkeypatch.setattr(evaluation, "run", refuse)
    with pytest.raises(CandorError) as refused:
        write(y_true=[0, 1], y_pred=[0, 1], positive_label=2)
    assert refused.value.message == (
        "the evaluation of set 'holdout': positive_label '2' is not one of its classes '0', '1'")

    def placed(arguments: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        raise CandorError("clients/acme/weeks/2026-W48/evaluations/churn/holdout.csv.gz:4: "
                          "column 'label': is empty", 1)

    monkeypatch.setattr(evaluation, "run", placed)
    with pytest.raises(CandorError, match=r"^the evaluation of set 'holdout', row 2: column"):
        write(y_true=[0, 1, None], y_pred=[0, 1, 1])


def test_classes_without_two_dimensional_scores_is_refused(added: Added) -> None:
    with pytest.raises(CandorError, match="classes= names the columns of 2-D scores"):
        write(y_true=["low", "mid"], y_pred=["low", "low"], classes=["low", "mid", "high"])
    assert not added.calls


def test_rows_are_counted_across_values_that_span_lines() -> None:
    starts = evaluation._row_starts([["two\nlines", "b", "b", "", "b"]])
    assert starts == [2, 4, 5, 6, 7]
    said = evaluation._in_python_terms(
        "/x/e.csv.gz:6: column 'id': '4' is a duplicate id (first seen on line 4)",
        "/x/e.csv.gz", "t", "s", starts)
    assert said == ("the evaluation of set 's', row 3: column 'id': '4' is a duplicate id "
                    "(first seen in row 1)")


def test_a_dataframes_index_is_the_ids_where_it_names_the_examples(added: Added) -> None:
    frame = pd.DataFrame({"y": [1, 0], "p": [1, 1]}, index=[17, 3])  # train_test_split's rows
    write(data=frame, y_true="y", y_pred="p")
    assert added.csv == "label,prediction\n1,1\n0,1\n"  # positions: no ids
    write(data=frame.rename_axis("vehicle"), y_true="y", y_pred="p")
    assert added.csv == "id,label,prediction\n17,1,1\n3,0,1\n"
    write(data=frame.set_axis(["v17", "v3"]), y_true="y", y_pred="p")
    assert added.csv == "id,label,prediction\nv17,1,1\nv3,0,1\n"
    write(data=frame.rename_axis("engine"), y_true="y", y_pred="p", ids="engine")
    assert added.csv == "id,label,prediction\n17,1,1\n3,0,1\n"
    write(data=frame, y_true="y", y_pred="p", ids=frame.index)  # asked for: written
    assert added.csv == "id,label,prediction\n17,1,1\n3,0,1\n"
    repeated = pd.concat([frame, frame]).rename_axis("vehicle")  # repeats: no ids
    write(data=repeated, y_true="y", y_pred="p")
    assert added.csv.startswith("label,prediction\n")


def test_a_boolean_positive_label_follows_booleans_read_as_numbers(added: Added) -> None:
    write(y_true=[True, False], y_pred=[1, 0], positive_label=True)
    assert added.csv == "label,prediction\n1,1\n0,0\n"
    assert added.arguments[-2:] == ["--positive", "1"]
