"""``report`` and the ``Report`` it returns: one client's week, read from its folder."""

from __future__ import annotations

import html
import json
import os
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence, Union

from ._cli import CandorError, run

if TYPE_CHECKING:
    import pandas

    # Typed as what users with pandas get, so `metrics()["value"]` checks under mypy --strict;
    # without pandas (and so without its stubs) the tables are lists of dicts and type as Any.
    Table = pandas.DataFrame

StrPath = Union[str, "os.PathLike[str]"]

PAIRED_TESTS = {"sign-flip", "sign-flip-exact", "mcnemar", "paired-normal", "delong-paired",
                "bootstrap-paired"}
_WEEK = re.compile(r"\d{4}-W\d{2}")


class Report:
    """One client's weekly report: the folder ``candor report`` wrote, and its numbers.

    ``metrics()``, ``changes()`` and ``findings()`` return pandas DataFrames when pandas is
    installed, else lists of dicts with the same keys (``None`` where a DataFrame has NaN);
    they are annotated as DataFrames. ``summary``, ``html`` and ``snippet`` are each read on
    first use and kept.
    The examples use ``_example_report()``: a small report written into a temporary folder.

    >>> report = _example_report()
    >>> report.summary["client"], report.folder.name
    ('acme', '2026-W48')
    """

    def __init__(self, folder: StrPath) -> None:
        #: The report folder, ``<out>/<client>/<week>/``.
        self.folder = Path(folder)

    def __repr__(self) -> str:
        return f"Report({str(self.folder)!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {"folder": self.folder}  # summary is read again where the report arrives

    @cached_property
    def summary(self) -> dict[str, Any]:
        """summary.json, parsed.

        >>> _example_report().summary["week"]
        '2026-W48'
        """
        with open(self.folder / "summary.json", encoding="utf-8") as file:
            return dict(json.load(file))

    @cached_property
    def html(self) -> str:
        """report.html, the client's page.

        >>> _example_report().html.rstrip().endswith("</html>")
        True
        """
        return (self.folder / "report.html").read_text(encoding="utf-8")

    @cached_property
    def snippet(self) -> str:
        """snippet.txt, the few sentences to paste into an email.

        >>> "2026-W48" in _example_report().snippet
        True
        """
        return (self.folder / "snippet.txt").read_text(encoding="utf-8")

    def metrics(self) -> Table:
        """Every metric of every set: ``task, set, metric, value, low, high`` (the 95% interval),
        ``reason``.

        An undefined metric has no value (NaN, or ``None`` without pandas) and ``reason`` says
        why (as summary.json does); ``reason`` is empty (``None``) for every defined metric.

        >>> rows = _example_report().metrics()
        >>> list(rows.columns) if hasattr(rows, "columns") else list(rows[0])
        ['task', 'set', 'metric', 'value', 'low', 'high', 'reason']
        """
        rows = [
            {"task": task["id"], "set": set_["id"], "metric": name,
             "value": _number(metric.get("value")), "low": _end(metric, 0),
             "high": _end(metric, 1), "reason": metric.get("reason")}
            for task, set_ in self._sets()
            for name, metric in set_.get("metrics", {}).items()
        ]
        return _table(rows, ["task", "set", "metric", "value", "low", "high", "reason"],
                      floats=["value", "low", "high"])

    def changes(self) -> Table:
        """Week-over-week changes: ``task, set, metric, previous, current, change, low, high,
        p_value, verdict, family, paired, reason``.

        ``previous`` and ``current`` are the two weeks' values, ``change`` is after − before
        (NaN, or ``None`` without pandas, where it cannot be taken: ``reason`` says why, as
        summary.json does), ``low``/``high`` its 95% interval, ``p_value`` the test's
        own (the Holm-adjusted one that decides is ``p_value_holm`` in ``summary``),
        ``verdict`` the report's words ("real gain", "within noise", …), ``family`` the
        multiplicity family, ``paired`` whether the test compared the same examples (by id)
        in both weeks. Empty in a client's first week.

        >>> rows = _example_report().changes()
        >>> len(rows)
        0
        """
        rows = []
        for task, set_ in self._sets():
            changes: Mapping[str, Any] = set_.get("change", {})
            for name, change in changes.items():
                rows.append({
                    "task": task["id"], "set": set_["id"], "metric": name,
                    "previous": _number(change.get("previous")),
                    "current": _number(change.get("current")),
                    "change": _number(change.get("delta")), "low": _end(change, 0),
                    "high": _end(change, 1), "p_value": _number(change.get("p_value")),
                    "verdict": change.get("verdict"), "family": change.get("family"),
                    "paired": is_paired(change), "reason": change.get("reason"),
                })
        return _table(rows, ["task", "set", "metric", "previous", "current", "change", "low",
                             "high", "p_value", "verdict", "family", "paired", "reason"],
                      floats=["previous", "current", "change", "low", "high", "p_value"],
                      bools=["paired"])

    def findings(self) -> Table:
        """The findings: ``task, set, code, severity, message`` (``set`` empty for a whole task).

        >>> rows = _example_report().findings()
        >>> list(rows.columns) if hasattr(rows, "columns") else list(rows[0])
        ['task', 'set', 'code', 'severity', 'message']
        """
        rows = [{key: finding.get(key) for key in ("task", "set", "code", "severity", "message")}
                for finding in self.summary.get("findings", [])]
        return _table(rows, ["task", "set", "code", "severity", "message"])

    def _repr_html_(self) -> str:
        """The snippet, then the report in a sandboxed frame (for Jupyter).

        >>> "<iframe sandbox" in _example_report()._repr_html_()
        True
        """
        return (
            f'<pre style="white-space:pre-wrap">{html.escape(self.snippet)}</pre>'
            f'<iframe sandbox="" referrerpolicy="no-referrer" title="{html.escape(str(self.folder))}"'
            f' style="width:100%;height:640px;border:1px solid #ccc"'
            f' srcdoc="{html.escape(self.html, quote=True)}"></iframe>'
        )

    def _sets(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        return [(task, set_) for task in self.summary.get("tasks", [])
                for set_ in task.get("sets", [])]


def report(
    workspace: StrPath,
    client: str,
    *,
    week: str | None = None,
    out: StrPath | None = None,
    locale: str | None = None,
) -> Report:
    """Runs ``candor report`` for one client and week; the Report it wrote.

    ``week`` defaults to the client's latest week, ``out`` to ``reports/`` in the current
    folder (as the CLI's ``--out``); the report is in ``<out>/<client>/<week>/``. Raises
    CandorError with Candor's reason when the report cannot be written.

    >>> import tempfile
    >>> from candor_report import report, write_evaluation
    >>> workspace, out = tempfile.mkdtemp(), tempfile.mkdtemp()
    >>> _ = write_evaluation(workspace, "acme", "churn", "holdout", week="2026-W48",
    ...     y_true=["yes", "no", "no", "yes"], y_pred=["yes", "no", "yes", "yes"],
    ...     positive_label="yes")
    >>> report(workspace, "acme", out=out).folder.relative_to(out).as_posix()
    'acme/2026-W48'
    """
    return run_report(workspace, client, week=week, out=out, locale=locale)


def run_report(
    workspace: StrPath, client: str, *, week: str | None, out: StrPath | None,
    locale: str | None, executable: str | None = None,
) -> Report:
    """``report`` with the binary to run named (``None``: ``binary()``).

    >>> run_report("/nonexistent", "acme", week=None, out=None, locale=None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    candor_report.CandorError: ...
    """
    arguments = ["report", os.fspath(workspace), "--client", client]
    for flag, value in (("--week", week), ("--out", out), ("--locale", locale)):
        if value is not None:
            arguments += [flag, os.fspath(value)]
    result = run(arguments, executable=executable)
    base = Path(out if out is not None else "reports") / client
    return Report((base / (week or _written_week(result.stdout, client, base))).absolute())


def _written_week(stdout: str, client: str, base: Path) -> str:
    """The week candor report wrote: from its line "Wrote the <week> report for <client> to
    ...", else the one week folder under ``base``. (Not a ``<client>/<week>`` anywhere in the
    line: the ``--out`` path may hold one.)

    >>> _written_week("Wrote the 2026-W48 report for acme to o/acme/2026-W01/acme/2026-W48/ (…)",
    ...               "acme", Path("o"))
    '2026-W48'
    """
    found = re.search(r"^Wrote the (\d{4}-W\d{2}) report for " + re.escape(client) + " to ",
                      stdout, re.MULTILINE)
    if found:
        return found.group(1)
    weeks = [p.name for p in base.glob("*") if _WEEK.fullmatch(p.name)
             and (p / "summary.json").is_file()]
    if len(weeks) == 1:
        return weeks[0]
    raise CandorError(f"cannot tell which week candor report wrote under {base}; pass week=", 1,
                      stdout)


def is_paired(change: Mapping[str, Any]) -> bool:
    """Whether a change's test compared the same examples in both weeks (matched by ``id``):
    McNemar, sign-flip, paired DeLong, paired bootstrap or paired normal tests.

    >>> is_paired({"test": "delong-paired+randomisation"}), is_paired({"test": "permutation"})
    (True, False)
    """
    test = str(change.get("test") or "").split("+")[0]
    return test in PAIRED_TESTS or "paired_examples" in change


def _end(entry: Mapping[str, Any], index: int) -> float | None:
    ci = entry.get("ci95")
    return _number(ci[index]) if ci else None


def _number(value: Any) -> float | None:
    return None if value is None else float(value)  # JSON's 1 is the rate 1.0


def _table(rows: list[dict[str, Any]], columns: Sequence[str], floats: Sequence[str] = (),
           bools: Sequence[str] = ()) -> Table:
    try:
        import pandas
    except ImportError:
        return rows  # type: ignore[return-value]  # documented: lists of dicts without pandas
    frame: pandas.DataFrame = pandas.DataFrame(rows, columns=list(columns))
    for column in floats:
        frame[column] = frame[column].astype("float64")
    for column in bools:
        frame[column] = frame[column].astype(bool)
    return frame


def _example_report() -> Report:
    """A small report in a temporary folder, for the examples: client ``acme``, week 2026-W48,
    one binary task ``churn`` with one set ``holdout`` of eight answers."""
    import tempfile

    from ._evaluation import write_evaluation

    workspace, out = tempfile.mkdtemp(), tempfile.mkdtemp()
    write_evaluation(workspace, "acme", "churn", "holdout", week="2026-W48", positive_label="yes",
                     y_true=["yes", "no", "no", "yes", "no", "no", "yes", "no"],
                     y_pred=["yes", "no", "yes", "yes", "no", "no", "no", "no"])
    return report(workspace, "acme", out=out)
