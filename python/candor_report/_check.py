"""``check``: every problem ``candor check`` finds in a workspace, as values."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Union

from ._cli import CandorError, run

StrPath = Union[str, "os.PathLike[str]"]
_LINE = re.compile(r"(error|warning): (.*)")
_WHERE = re.compile(r"(.+?):(\d+): (.*)")


@dataclass(frozen=True)
class Problem:
    """One line of ``candor check``: ``severity`` (``"error"`` or ``"warning"``), the file's
    ``path`` as Candor prints it (``""`` when it names none), the ``line`` (or ``None``) and
    the ``message``.

    >>> Problem("error", "clients/acme/client.yaml", 3, "unknown key 'nmae'").line
    3
    """

    severity: str
    path: str
    line: int | None
    message: str


def check(workspace: StrPath, client: str | None = None) -> list[Problem]:
    """Runs ``candor check`` on the workspace (or one client of it); every problem it prints.

    An empty list means nothing to fix. Raises CandorError when the check itself cannot run
    (a usage error, or a failure that names no problem).

    >>> import tempfile
    >>> from candor_report import check, write_evaluation
    >>> workspace = tempfile.mkdtemp()
    >>> _ = write_evaluation(workspace, "acme", "churn", "holdout", week="2026-W48",
    ...     y_true=["yes", "no"], y_pred=["yes", "no"], positive_label="yes")
    >>> [p for p in check(workspace) if p.severity == "error"]
    []
    """
    arguments = ["check", os.fspath(workspace)] + (["--client", client] if client else [])
    result = run(arguments, accept=(0, 1))
    problems = parse_problems(result.stdout + "\n" + result.stderr)
    if result.returncode == 1 and not any(p.severity == "error" for p in problems):
        raise CandorError(f"candor check failed without naming a problem: {result.stderr.strip()}",
                          1, result.stderr)
    return problems


def parse_problems(output: str) -> list[Problem]:
    """The ``error:`` and ``warning:`` lines of ``candor check``'s output, in order.

    >>> parse_problems("error: clients/a/client.yaml:3: unknown key\\nwarning: clients/b: empty")
    [Problem(severity='error', path='clients/a/client.yaml', line=3, message='unknown key'), \
Problem(severity='warning', path='clients/b', line=None, message='empty')]
    """
    problems = []
    for raw in output.splitlines():
        found = _LINE.fullmatch(raw.rstrip())
        if not found:
            continue
        severity, rest = found.groups()
        where = _WHERE.fullmatch(rest)
        if where:
            problems.append(Problem(severity, where[1], int(where[2]), where[3]))
        elif ": " in rest:
            path, message = rest.split(": ", 1)
            problems.append(Problem(severity, path, None, message))
        else:
            problems.append(Problem(severity, "", None, rest))
    return problems
