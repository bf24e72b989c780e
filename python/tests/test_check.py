"""check(): candor check's lines as Problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from candor_report import CandorError, Problem, check
from candor_report._check import parse_problems


def test_lines_with_and_without_a_line_number() -> None:
    output = ("error: clients/acme/client.yaml:12: unknown key 'nmae' (did you mean 'name'?)\n"
              "warning: clients/acme/weeks/2026-W48/worklog.yaml: no items\n"
              "  a continuation line is not a problem\n"
              "error: clients/Bad: invalid client folder name: use lower case\n"
              "3 problems\n")
    assert parse_problems(output) == [
        Problem("error", "clients/acme/client.yaml", 12,
                "unknown key 'nmae' (did you mean 'name'?)"),
        Problem("warning", "clients/acme/weeks/2026-W48/worklog.yaml", None, "no items"),
        Problem("error", "clients/Bad", None, "invalid client folder name: use lower case"),
    ]


def test_problems_are_frozen() -> None:
    problem = Problem("error", "a.csv", 3, "ragged row")
    with pytest.raises(AttributeError):
        problem.line = 4  # type: ignore[misc]


def test_the_samples_have_no_errors(samples: Path) -> None:
    assert [p for p in check(samples) if p.severity == "error"] == []
    assert [p for p in check(samples, "acme-motors") if p.severity == "error"] == []


def test_every_broken_file_is_named(samples: Path) -> None:
    yaml = samples / "clients" / "tiny-lake" / "client.yaml"
    lines = yaml.read_text(encoding="utf-8").splitlines()
    yaml.write_text("\n".join(lines + ["surprise: 1"]) + "\n", encoding="utf-8")
    evaluations = samples / "clients" / "nordic-fleet" / "weeks" / "2026-W48" / "evaluations"
    bad_csv = sorted(evaluations.rglob("*.csv"))[0]
    with bad_csv.open("a", encoding="utf-8") as file:
        file.write("only-one-field\n")
    errors = [p for p in check(samples) if p.severity == "error"]
    assert any(p.path.endswith("tiny-lake/client.yaml") and p.line == len(lines) + 1
               for p in errors), errors
    assert any(p.path.endswith(bad_csv.name) and p.line is not None for p in errors), errors
    only_acme = check(samples, "acme-motors")
    assert [p for p in only_acme if p.severity == "error"] == []


def test_not_a_workspace(tmp_path: Path) -> None:
    try:
        problems = check(tmp_path / "nothing-here")
    except CandorError as error:
        assert error.exit_status == 1
    else:
        assert any(p.severity == "error" for p in problems)
