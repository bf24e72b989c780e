"""``write_evaluation``: one evaluation set as a contract CSV, placed by ``candor add``."""

from __future__ import annotations

import bisect
import csv
import gzip
import io
import math
import numbers
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence, Union

from ._cli import CandorError, run

#: What the array arguments take: a list, a NumPy array, a pandas Series (its index is
#: ignored), or with ``data=`` a column name.
Values = Any
StrPath = Union[str, "os.PathLike[str]"]
Columns = Mapping[str, Any]


def write_evaluation(
    workspace: StrPath,
    client: str,
    task: str,
    set: str,
    *,
    y_true: Values,
    y_pred: Values = None,
    scores: Values = None,
    ids: Values = None,
    segments: Values = None,
    week: str | None = None,
    role: str | None = None,
    positive_label: Any = None,
    classes: Iterable[Any] | None = None,
    class_names: Mapping[Any, str] | None = None,
    data: Any = None,
    replace: bool = False,
) -> Path:
    """Writes one set's per-example predictions into the workspace with ``candor add``.

    The values become a gzip-compressed CSV with the contract's columns (``id``, ``label``,
    ``prediction``, ``score`` or ``proba_<class>`` per class, ``segment``), and ``candor add``
    places it at ``clients/<client>/weeks/<week>/evaluations/<task>/<set>.csv.gz`` and creates
    or extends client.yaml, so the rules for client.yaml are the CLI's. Returns the placed file.

    Labels, predictions, ids and class names are written as ``str()`` of each value, except
    that a float holding an integer (``1.0``) is written ``1`` and a missing value (``None``,
    NaN) as an empty cell. ``scores`` is 1-D (a binary task: the score of ``positive_label``)
    or 2-D (per-class probabilities: an array whose columns follow ``classes``, which is then
    required, e.g. ``model.classes_``, or a DataFrame whose columns are the classes, or with
    ``classes`` in that order; ``classes`` without scores is refused). A binary task given two
    columns and ``positive_label`` keeps that class's; without ``positive_label`` both are
    written and ``candor add`` decides.
    With ``data=`` (a DataFrame, a dict of columns, a pyarrow Table, or the path of a Parquet
    file, read with pyarrow) any argument may instead name a column; ``scores`` may name several.
    A DataFrame's index is the ids when ``ids`` is not given and the index names the examples:
    it has a name (``df.set_index("vehicle_id")``) or holds text, and is unique and complete
    (an unnamed integer index is positions, which another frame shares without meaning the
    same examples); ``ids`` may also name the index.
    ``week`` defaults to the current ISO week, ``role`` to ``candor add``'s choice; an
    existing evaluation file is only replaced with ``replace=True``.

    >>> import tempfile
    >>> from candor_report import write_evaluation
    >>> workspace = tempfile.mkdtemp()
    >>> path = write_evaluation(workspace, "acme", "churn", "holdout", week="2026-W48",
    ...     y_true=["yes", "no", "no", "yes"], y_pred=["yes", "no", "yes", "yes"],
    ...     positive_label="yes")
    >>> path.relative_to(workspace).as_posix()
    'clients/acme/weeks/2026-W48/evaluations/churn/holdout.csv.gz'
    """
    table = _table(data)
    truth = _column(table, y_true, "y_true")
    predicted = None if y_pred is None else _column(table, y_pred, "y_pred")
    truth, predicted = _same_kind(truth, predicted)
    if isinstance(positive_label, bool) and not any(isinstance(v, bool) for v in truth):
        positive_label = int(positive_label)  # True is 1 once the booleans were read as numbers
    labels = [text(value) for value in truth]
    if not labels:
        raise CandorError("y_true is empty; a set with no examples cannot be reported", 1)
    header, columns = ["label"], [labels]
    if ids is None:
        ids = _index_ids(data)
    elif isinstance(ids, str) and table is not None and ids not in table:
        ids = _named_index(data, ids) or ids
    if ids is not None:
        header.insert(0, "id")
        columns.insert(0, [text(value) for value in _column(table, ids, "ids")])
    if predicted is not None:
        header.append("prediction")
        columns.append([text(value) for value in predicted])
    if classes is not None and scores is None:
        raise CandorError(
            "classes= names the columns of 2-D scores, and there are none; to set the order a "
            "report shows the classes in, write classes: [...] on the task in client.yaml", 2)
    if scores is not None:
        names, score_columns = _scores(table, scores, classes, positive_label)
        header += names
        for name, column in zip(names, score_columns):
            written = [number(value) for value in column]
            # Candor refuses a missing or infinite score with the line of a file the caller
            # never sees; here the row is the value's position (0 for the first).
            bad = next((i for i, cell in enumerate(written) if cell in ("", "nan", "inf", "-inf")),
                       None)
            if bad is not None:
                raise CandorError(
                    f"scores: row {bad} ({name}) is {column[bad]!r}; every example needs a "
                    "finite score (or leave scores out)", 1)
            columns.append(written)
    if segments is not None:
        header.append("segment")
        columns.append([text(value) for value in _column(table, segments, "segments")])
    for name, column in zip(header, columns):
        if len(column) != len(labels):
            raise CandorError(
                f"{name} has {len(column)} values and y_true {len(labels)}; they must match", 2
            )

    arguments = ["add", os.fspath(workspace), "--client", client, "--task", task, "--set", set]
    for flag, value in (("--week", week), ("--role", role)):
        if value is not None:
            arguments += [flag, value]
    if positive_label is not None:
        arguments += ["--positive", text(positive_label)]
    for cls, words in (class_names or {}).items():
        arguments += ["--class-name", f"{text(cls)}={words}"]
    if replace:
        arguments.append("--replace")
    with tempfile.TemporaryDirectory(prefix="candor-report-") as scratch:
        path = Path(scratch) / "evaluation.csv.gz"
        write_csv(path, header, columns)
        try:
            result = run([*arguments, str(path)])
        except CandorError as error:
            raise CandorError(_in_python_terms(error.message, str(path), task, set,
                                               _row_starts(columns)),
                              error.exit_status, error.stderr) from None
    for line in result.stdout.splitlines():
        if line.startswith("placed:"):
            return Path(line[len("placed:"):].strip()).absolute()
    raise CandorError("candor add did not say where it placed the file", 1, result.stdout)


#: candor add's flags, as write_evaluation's caller wrote them.
_ARGUMENTS = {"--client": "client", "--task": "task", "--set": "set", "--week": "week",
              "--role": "role", "--positive": "positive_label", "--class-name": "class_names",
              "--replace": "replace=True"}


def _row_starts(columns: Sequence[Sequence[str]]) -> list[int] | None:
    """The line of the written file each row starts on, where a value holds a line break (a
    quoted field then spans lines); None where every row is one line (row r on line r + 2).

    >>> _row_starts([["a", "b"]]) is None, _row_starts([["two\\nlines", "b", "c"]])
    (True, [2, 4, 5])
    """
    if not any("\n" in cell for column in columns for cell in column):
        return None
    starts, line = [], 2
    for row in zip(*columns):
        starts.append(line)
        line += 1 + sum(cell.count("\n") for cell in row)
    return starts


def _in_python_terms(message: str, scratch: str, task: str, set_id: str,
                     row_starts: list[int] | None = None) -> str:
    """candor add's message about the file this package wrote, in the caller's terms: the file
    (the scratch copy, or where it would have been placed; neither is there once the call
    failed) is the set's evaluation, a line is a row of the caller's values (line 2 is row 0),
    and flags are arguments.

    >>> _in_python_terms("/tmp/x/evaluation.csv.gz: --positive '2' is not one of its classes",
    ...                  "/tmp/x/evaluation.csv.gz", "t", "holdout")
    "the evaluation of set 'holdout': positive_label '2' is not one of its classes"
    >>> _in_python_terms("clients/a/weeks/2026-W48/evaluations/t/holdout.csv.gz:7: column "
    ...                  "'label': is empty", "/tmp/x/evaluation.csv.gz", "t", "holdout")
    "the evaluation of set 'holdout', row 5: column 'label': is empty"
    >>> _in_python_terms("--set 'a--set' is not a valid set id", "/x", "t", "a--set")
    "set 'a--set' is not a valid set id"
    """
    def row(line: int) -> int:
        if row_starts is None:
            return line - 2
        return bisect.bisect_right(row_starts, line) - 1

    def where(found: re.Match[str]) -> str:
        line = int(found.group(1)) if found.group(1) else None
        at = "" if line is None else ", header" if line == 1 else f", row {row(line)}"
        return f"the evaluation of set {set_id!r}{at}"

    placed = re.escape(f"evaluations/{task}/{set_id}.csv")
    file = f"{re.escape(scratch)}|[^\\s'\"(]*{placed}(?:\\.gz)?"
    message = re.sub(f"(?:{file})(?::(\\d+))?", where, message)
    # "(first seen on line 5)": a line of the file the caller never sees (only in the lines
    # about that file: another set's file keeps its own lines).
    message = "\n".join(
        re.sub(r"\bon line (\d+)\b", lambda m: f"in row {row(int(m.group(1)))}", part)
        if part.startswith(f"the evaluation of set {set_id!r}") else part
        for part in message.split("\n"))
    for flag, argument in _ARGUMENTS.items():
        # A flag as a word of the sentence: not inside a quoted id such as 'test--set'.
        message = re.sub(r"(?:^|(?<=\s))" + re.escape(flag) + r"(?![\w-])", argument, message)
    return message


def text(value: Any) -> str:
    """A label, prediction, id or class as the CSV holds it.

    >>> [text(v) for v in ["spam", 1, 1.0, 2.5, True, None, float("nan")]]
    ['spam', '1', '1', '2.5', 'True', '', '']
    """
    if _missing(value):
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        if math.isfinite(value) and float(value).is_integer():  # 1.0, numpy.float32(1)
            return str(int(float(value)))
    return str(value)


def number(value: Any) -> str:
    """A score as the CSV holds it: Python's shortest exact form (``repr``), so no digit is lost.

    >>> [number(v) for v in [0.1, 1, None, float("inf")]]
    ['0.1', '1.0', '', 'inf']
    """
    if not isinstance(value, float) and _missing(value):
        return ""
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        raise CandorError(f"scores: {value!r} is not a number", 2) from None


def write_csv(path: Path, header: Sequence[str], columns: Sequence[Sequence[str]]) -> None:
    """Writes the columns as an RFC 4180 CSV, gzip-compressed with no time stamp (same bytes
    for the same values).

    >>> import gzip, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "set.csv.gz"
    >>> write_csv(path, ["label", "segment"], [["a", "b"], ["x,y", "z"]])
    >>> gzip.decompress(path.read_bytes()).decode()
    'label,segment\\na,"x,y"\\nb,z\\n'
    >>> write_csv(path, ["label"], [["in\\rout", "b"]])
    >>> gzip.decompress(path.read_bytes()).decode()
    'label\\n"in\\rout"\\nb\\n'
    """
    # Level 1: a scratch file Candor reads once; level 9 took 7 of a million rows' 12 seconds.
    with open(path, "wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=1
    ) as compressed, io.TextIOWrapper(compressed, encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        # QUOTE_MINIMAL quotes only what the line terminator holds: a bare \r in a label
        # would go out unquoted, and Candor refuses an unquoted \r that ends no line.
        quoting = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        for row in zip(*columns):
            (quoting if any("\r" in cell for cell in row) else writer).writerow(row)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):
        return True  # pandas.NA refuses to be a bool


def _values(values: Any) -> list[Any]:
    """Plain Python values of a list, array, Series or Arrow array, in order."""
    if hasattr(values, "tolist"):
        return list(values.tolist())
    if hasattr(values, "to_pylist"):
        return list(values.to_pylist())
    if isinstance(values, (str, bytes)):
        raise CandorError(f"expected values, got the string {values!r}", 2)
    return list(values)


def _table(data: Any) -> Columns | None:
    """The columns of ``data=``: a DataFrame or mapping as it is, a pyarrow Table or a
    Parquet file as a dict of lists."""
    if data is None:
        return None
    if isinstance(data, (str, os.PathLike)):
        return _read_parquet(os.fspath(data))
    if hasattr(data, "to_pydict"):
        return dict(data.to_pydict())
    return data  # type: ignore[no-any-return]


def _read_parquet(path: str) -> dict[str, list[Any]]:
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise CandorError(
            f"reading the Parquet file {path} needs pyarrow, which is not installed "
            "(pip install pyarrow)",
            2,
        ) from None
    try:
        return dict(parquet.read_table(path).to_pydict())
    except Exception as error:  # pyarrow's own errors, and OSError
        raise CandorError(f"{path}: not a readable Parquet file ({error})", 1) from error


def _column(table: Columns | None, values: Any, argument: str) -> list[Any]:
    if isinstance(values, str):
        if table is None:
            raise CandorError(f"{argument}={values!r} names a column, which needs data=", 2)
        if values not in table:
            known = ", ".join(str(name) for name in table)
            raise CandorError(f"{argument}: data has no column {values!r} (it has {known})", 2)
        values = table[values]
    # One value per example, as scikit-learn's column_or_1d wants: a one-hot matrix or a
    # one-column DataFrame would otherwise become classes named '[0, 1, 0]' or 'target'.
    shape = getattr(values, "shape", None)
    if shape is not None and len(shape) != 1:
        raise CandorError(
            f"{argument} must be one-dimensional (one value per example), not of shape "
            f"{tuple(shape)}; for one-hot targets pass y.argmax(axis=1), for a one-column "
            "DataFrame its column", 2)
    column = _values(values)
    nested = next((value for value in column if isinstance(value, (list, tuple, dict, set))), None)
    if nested is not None:
        raise CandorError(
            f"{argument} must be one-dimensional (one value per example); it holds {nested!r}", 2)
    return column


def _index_ids(data: Any) -> Any:
    """A pandas DataFrame's index as the ids where it names the examples: a named index
    (``df.set_index("vehicle_id")``) or one of text, unique and complete. An unnamed integer
    index is positions in some frame (``train_test_split`` keeps the original frame's), which
    two frames share without meaning the same examples: no ids, so no false overlap between
    sets and no pairing of unrelated rows week to week.

    >>> import pandas as pd
    >>> _index_ids(pd.DataFrame({"y": [1, 0]}, index=pd.Index(["v7", "v3"])))
    ['v7', 'v3']
    >>> _index_ids(pd.DataFrame({"y": [1, 0]}, index=pd.Index([17, 3], name="engine")))
    [17, 3]
    >>> _index_ids(pd.DataFrame({"y": [1, 0]}, index=[17, 3])) is None
    True
    """
    index = getattr(data, "index", None)
    if index is None or not hasattr(index, "is_unique") or not hasattr(data, "columns"):
        return None
    if getattr(index, "nlevels", 1) != 1 or not index.is_unique or index.hasnans:
        return None
    values = list(index.tolist())
    if index.name is None and not all(isinstance(value, str) for value in values):
        return None
    return values


def _named_index(data: Any, name: str) -> Any:
    """``ids="vehicle"`` naming a DataFrame's index rather than a column."""
    index = getattr(data, "index", None)
    if index is not None and getattr(index, "name", None) == name:
        return list(index.tolist())
    return None


def _same_kind(truth: list[Any], predicted: list[Any] | None) -> tuple[list[Any], list[Any] | None]:
    """Booleans beside numbers read as scikit-learn reads them, True as 1 and False as 0, so
    ``y_pred = proba > 0.5`` against 0/1 labels is one task of two classes, not of four.

    >>> _same_kind([0, 1, 1], [False, True, False])
    ([0, 1, 1], [0, 1, 0])
    >>> _same_kind([True, False], [True, True])
    ([True, False], [True, True])
    """
    if predicted is None:
        return truth, predicted

    def kind(column: list[Any]) -> str:
        present = [value for value in column if not _missing(value)]
        if present and all(isinstance(value, bool) for value in present):
            return "bool"
        if present and all(isinstance(value, numbers.Real) and not isinstance(value, bool)
                           for value in present):
            return "number"
        return "other"

    def as_numbers(column: list[Any]) -> list[Any]:
        return [int(value) if isinstance(value, bool) else value for value in column]

    kinds = (kind(truth), kind(predicted))
    if kinds == ("bool", "number"):
        return as_numbers(truth), predicted
    if kinds == ("number", "bool"):
        return truth, as_numbers(predicted)
    return truth, predicted


def _scores(
    table: Columns | None, scores: Any, classes: Iterable[Any] | None, positive: Any
) -> tuple[list[str], list[list[Any]]]:
    """The score columns' names and values: ``score``, or ``proba_<class>`` per class."""
    named: list[str] | None = None
    if isinstance(scores, str):
        return ["score"], [_column(table, scores, "scores")]
    if isinstance(scores, (list, tuple)) and scores and all(isinstance(s, str) for s in scores):
        named = [str(s) for s in scores]
        columns = [_column(table, s, "scores") for s in scores]
    elif hasattr(scores, "columns") and hasattr(scores, "__getitem__"):  # a DataFrame
        frame: Any = scores  # narrowed by the checks above; any frame with named columns
        named = [text(c) for c in frame.columns]
        columns = [_values(frame[c]) for c in frame.columns]
    else:
        rows = _values(scores)
        if not rows or not isinstance(rows[0], (list, tuple)):
            return ["score"], [rows]
        if all(len(row) == 1 for row in rows):  # a column vector, shape (n, 1)
            return ["score"], [[row[0] for row in rows]]
        columns = [list(column) for column in zip(*rows)]
    if classes is not None:
        wanted = [text(c) for c in classes]
        if named is not None and all(c in named for c in wanted):
            columns = [columns[named.index(c)] for c in wanted]
        elif len(wanted) != len(columns):
            raise CandorError(
                f"scores has {len(columns)} columns and classes {len(wanted)} values", 2
            )
        names = wanted
    elif named is not None:
        names = named
    else:
        raise CandorError(
            "2-D scores without column names need classes= (e.g. model.classes_), "
            "in the order of the columns",
            2,
        )
    if positive is not None:
        if len(names) != 2 or text(positive) not in names:
            raise CandorError(
                f"a binary task's scores are one column, or two whose classes include "
                f"{text(positive)!r}; got columns for {', '.join(names)}",
                2,
            )
        return ["score"], [columns[names.index(text(positive))]]
    return [f"proba_{name}" for name in names], columns
