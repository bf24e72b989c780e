"""report() and Report on the repository's sample workspace, against the CLI's own output."""

from __future__ import annotations

import html
import math
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import SAMPLE_CLIENTS, assert_same_trees, candor

from candor_report import CandorError, Report, report, write_evaluation

METRIC_COLUMNS = ["task", "set", "metric", "value", "low", "high", "reason"]
CHANGE_COLUMNS = ["task", "set", "metric", "previous", "current", "change", "low", "high",
                  "p_value", "verdict", "family", "paired", "reason"]
FINDING_COLUMNS = ["task", "set", "code", "severity", "message"]


def test_the_folder_and_the_bytes_are_the_clis(samples: Path, tmp_path: Path) -> None:
    got = report(samples, "acme-motors", out=tmp_path / "py")
    assert got.folder == tmp_path / "py" / "acme-motors" / "2026-W48"
    assert got.summary["client"] == "acme-motors" and got.summary["week"] == "2026-W48"
    candor("report", str(samples), "--client", "acme-motors", "--out", str(tmp_path / "cli"))
    assert_same_trees(tmp_path / "py", tmp_path / "cli")


def test_an_out_folder_that_looks_like_a_week_is_not_taken_for_it(
    samples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "acme-motors" / "2026-W01-rerun"
    got = report(samples, "acme-motors", out=out)
    assert got.folder == out / "acme-motors" / "2026-W48"
    assert got.summary["week"] == "2026-W48"


def test_a_chosen_week(samples: Path, tmp_path: Path) -> None:
    got = report(samples, "acme-motors", week="2026-W46", out=tmp_path)
    assert got.folder == tmp_path / "acme-motors" / "2026-W46"
    assert got.summary["compared_to"] == "2026-W45"


def test_out_defaults_to_reports_in_the_current_folder(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    got = report(samples, "tiny-lake")
    assert got.folder == tmp_path / "reports" / "tiny-lake" / "2026-W49"
    assert (got.folder / "summary.json").is_file()


def test_locale(samples: Path, tmp_path: Path) -> None:
    english = report(samples, "nordic-fleet", out=tmp_path / "en")
    german = report(samples, "nordic-fleet", out=tmp_path / "de", locale="de")
    assert german.snippet != english.snippet and "Woche" in german.snippet


@pytest.mark.parametrize("client", SAMPLE_CLIENTS)
def test_tables_hold_every_number_of_summary_json(
    samples: Path, tmp_path: Path, client: str
) -> None:
    got = report(samples, client, out=tmp_path)
    metrics, changes, findings = got.metrics(), got.changes(), got.findings()
    assert list(metrics.columns) == METRIC_COLUMNS
    assert list(changes.columns) == CHANGE_COLUMNS
    assert list(findings.columns) == FINDING_COLUMNS
    expected_metrics, expected_changes = [], []
    for task in got.summary["tasks"]:
        for set_ in task["sets"]:
            for name, metric in set_["metrics"].items():
                ci = metric.get("ci95") or [None, None]
                expected_metrics.append((task["id"], set_["id"], name, metric["value"], *ci,
                                         metric.get("reason")))
            for name, change in set_.get("change", {}).items():
                ci = change.get("ci95") or [None, None]
                expected_changes.append((task["id"], set_["id"], name, change.get("previous"),
                                         change.get("current"), change["delta"], *ci,
                                         change["p_value"], change["family"],
                                         change.get("reason")))
    as_tuples = [tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
                 for row in metrics.itertuples(index=False)]
    assert as_tuples == expected_metrics
    got_changes = [tuple(None if isinstance(v, float) and math.isnan(v) else v
                         for v in (*row[:9], row[10], row[12]))
                   for row in changes.itertuples(index=False)]
    assert got_changes == expected_changes
    assert len(findings) == len(got.summary["findings"])
    assert findings.to_dict("records") == [
        {key: f.get(key) for key in FINDING_COLUMNS} for f in got.summary["findings"]]


def report_table_verdicts(markdown: str) -> dict[tuple[str, int, str], str | None]:
    """The report's "every metric" tables: (caption, row, set) -> the words on the change."""
    verdicts: dict[tuple[str, int, str], str | None] = {}
    for table in re.findall(r'<table class="data metrics">(.*?)</table>', markdown, re.S):
        caption = html.unescape(re.search(r"<caption>(.*?)</caption>", table).group(1))
        rows = re.findall(r'<tr><th scope="row">.*?</th>(.*?)</tr>', table, re.S)
        for index, cells in enumerate(rows):
            for label, cell in re.findall(r'<td class="num" data-label="(.*?)">(.*?)</td>',
                                          cells, re.S):
                span = re.search(r'<span class="delta">(.*?)</span>', cell)
                words = html.unescape(span.group(1)) if span else None
                if words and re.match(r"[+−-]?\d", words):  # "+16.7 points, real gain"
                    words = words.split(", ", 1)[1]
                verdicts[(caption, index, html.unescape(label))] = words
    return verdicts


@pytest.mark.parametrize("client, week", [(c, None) for c in SAMPLE_CLIENTS]
                         + [("acme-motors", "2026-W45"), ("tiny-lake", "2026-W47")])
def test_verdicts_are_the_reports_words(
    samples: Path, tmp_path: Path, client: str, week: str | None
) -> None:
    got = report(samples, client, week=week, out=tmp_path)
    # The every-metric tables are the team's edition (report-team.html), not the client's.
    table = report_table_verdicts((got.folder / "report-team.html").read_text(encoding="utf-8"))
    if not table:
        pytest.skip("this report has no every-metric table to compare with")
    changes = got.changes()
    compared = 0
    for task in got.summary["tasks"]:
        names = list(task["sets"][0]["metrics"])
        for (caption, index, set_id), words in table.items():
            if not caption.startswith(task["name"] + ":"):
                continue
            row = changes[(changes.task == task["id"]) & (changes.set == set_id)
                          & (changes.metric == names[index])]
            if words is None or words == "first week":
                assert row.empty
                continue
            assert list(row.verdict) == [words], (task["id"], set_id, names[index])
            compared += 1
    assert compared > 0


def test_paired_follows_the_test(samples: Path, tmp_path: Path) -> None:
    acme = report(samples, "acme-motors", out=tmp_path).changes()
    assert acme.paired.all()  # the same engines every week, by id
    assert set(acme.paired.map(type)) == {bool}
    tiny = report(samples, "tiny-lake", out=tmp_path).changes()
    assert not tiny.paired.any()  # counts only: nothing to pair
    tests = {"sign-flip": True, "sign-flip-exact": True, "delong-paired+randomisation": True,
             "bootstrap-paired": True, "paired-normal+randomisation": True, "mcnemar": True,
             "permutation": False, "welch+randomisation": False, "delong": False,
             "bootstrap": False}
    from candor_report._report import is_paired

    assert {test: is_paired({"test": test}) for test in tests} == tests


def test_without_pandas_the_tables_are_lists_of_dicts(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    got = report(samples, "harbor-clinic", out=tmp_path)
    frame = got.changes()
    monkeypatch.setitem(sys.modules, "pandas", None)
    rows = got.changes()
    assert isinstance(rows, list) and list(rows[0]) == CHANGE_COLUMNS
    assert len(rows) == len(frame)
    assert [r["verdict"] for r in rows] == list(frame.verdict)
    assert list(got.metrics()[0]) == METRIC_COLUMNS
    assert list(got.findings()[0]) == FINDING_COLUMNS


class Frames(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.frames: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "iframe":
            self.frames.append(dict(attrs))


def test_html_snippet_and_notebook_view(samples: Path, tmp_path: Path) -> None:
    got = report(samples, "acme-motors", out=tmp_path)
    assert got.html == (got.folder / "report.html").read_text(encoding="utf-8")
    assert got.snippet == (got.folder / "snippet.txt").read_text(encoding="utf-8")
    view = got._repr_html_()
    parser = Frames()
    parser.feed(view)
    assert len(parser.frames) == 1
    frame = parser.frames[0]
    assert frame["sandbox"] == ""  # every restriction: no script, no navigation
    assert frame["srcdoc"] == got.html  # escaped, so it comes back exactly
    assert html.escape(got.snippet.splitlines()[0]) in view.split("<iframe")[0]
    assert repr(got) == f"Report({str(got.folder)!r})"


def test_a_report_reads_an_existing_folder(samples: Path, tmp_path: Path) -> None:
    written = report(samples, "tiny-lake", out=tmp_path)
    assert Report(written.folder).summary == written.summary


def test_candors_reasons(samples: Path, tmp_path: Path) -> None:
    with pytest.raises(CandorError) as unknown:
        report(samples, "nope", out=tmp_path)
    assert unknown.value.exit_status == 1
    assert unknown.value.message.startswith("clients/nope")
    assert not unknown.value.message.startswith("error")
    assert unknown.value.stderr.startswith("error: ")
    with pytest.raises(CandorError) as malformed:
        report(samples, "Nope", out=tmp_path)
    assert malformed.value.exit_status == 2 and "Nope" in malformed.value.message
    with pytest.raises(CandorError) as missing_week:
        report(samples, "acme-motors", week="2026-W47", out=tmp_path)
    assert missing_week.value.exit_status == 1 and "2026-W47" in missing_week.value.message


def test_a_bad_file_is_named_with_its_line(samples: Path, tmp_path: Path) -> None:
    evaluations = samples / "clients/nordic-fleet/weeks/2026-W48/evaluations"
    bad = sorted(evaluations.rglob("*.csv"))[0]
    with bad.open("a", encoding="utf-8") as file:
        file.write("only-one-field\n")
    with pytest.raises(CandorError) as refused:
        report(samples, "nordic-fleet", out=tmp_path)
    assert refused.value.exit_status == 1
    assert bad.name in refused.value.message and re.search(r":\d+", refused.value.message)
    assert not (tmp_path / "nordic-fleet").exists()


def test_an_undefined_metric_says_why(tmp_path: Path) -> None:
    write_evaluation(tmp_path / "ws", "acme", "churn", "holdout", week="2026-W48",
                     y_true=["yes", "no", "no", "yes"], y_pred=["no", "no", "no", "no"],
                     positive_label="yes")
    metrics = report(tmp_path / "ws", "acme", out=tmp_path / "out").metrics()
    precision = metrics[metrics.metric == "precision"].iloc[0]
    assert math.isnan(precision["value"])
    assert precision["reason"] == "no example was predicted 'yes', so precision has nothing to measure"
    assert metrics[metrics.metric == "recall"]["reason"].isna().all()
