"""``batch``: every client's report, one executor task per client."""

from __future__ import annotations

import os
import re
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Sequence, Union

from ._cli import BINARY_ENV, CandorError
from ._report import Report, run_report

StrPath = Union[str, "os.PathLike[str]"]
#: A client id, as the CLI's rule has it.
CLIENT_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def batch(
    workspace: StrPath,
    *,
    out: StrPath | None = None,
    clients: Sequence[str] | None = None,
    executor: Executor | None = None,
    week: str | None = None,
    locale: str | None = None,
) -> dict[str, Report | CandorError]:
    """Writes the reports of every client (or of ``clients``): one ``candor report`` per client,
    each a task for ``executor``; per client its Report, or the CandorError that stopped it.

    ``executor`` is any ``concurrent.futures.Executor``: a thread pool by default, a process
    pool, or a Dask cluster's ``client.get_executor()`` (its workers must see the workspace
    and ``out`` at the same paths, and have this package installed). The clients are the
    entries of ``<workspace>/clients/``, as for ``candor batch`` (a stray file or a badly
    named folder gets its CandorError); ``out`` defaults to ``reports/`` in the current
    folder. A missing workspace, or a folder without ``clients/``, raises CandorError (exit
    status 1), as ``candor batch`` exits 1. Each client's folder holds the same bytes as ``candor batch`` writes for it
    (``candor batch`` also writes its batch-level pages, which this does not).

    >>> import tempfile
    >>> from candor_report import batch, write_evaluation
    >>> workspace, out = tempfile.mkdtemp(), tempfile.mkdtemp()
    >>> for client in ["acme", "globex"]:
    ...     _ = write_evaluation(workspace, client, "churn", "holdout", week="2026-W48",
    ...         y_true=["yes", "no"], y_pred=["yes", "no"], positive_label="yes")
    >>> sorted(batch(workspace, out=out))
    ['acme', 'globex']
    """
    root = Path(workspace).absolute()
    target = Path(out if out is not None else "reports").absolute()
    if not root.is_dir():
        raise CandorError(f"{root}: workspace folder does not exist", 1)
    if not (root / "clients").is_dir():
        raise CandorError(f"{root}: is not a Candor workspace: it has no 'clients' folder", 1)
    if isinstance(clients, str):  # a str is a Sequence[str]: one report per letter
        raise CandorError(
            f"clients={clients!r} is one string; give a list of client ids, such as "
            f"[{clients!r}]", 2)
    if clients is None:
        clients = sorted((p.name for p in (root / "clients").iterdir()), key=os.fsencode)
    # The caller's $CANDOR_BINARY goes with each task: a worker may not have it set.
    override = os.environ.get(BINARY_ENV)
    pool = executor or ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    try:
        futures: dict[str, Future[Report | CandorError]] = {
            client: pool.submit(report_or_error, str(root), client, str(target), week, locale,
                                override)
            for client in clients
        }
        return {client: future.result() for client, future in futures.items()}
    finally:
        if executor is None:
            pool.shutdown()


def report_or_error(
    workspace: str, client: str, out: str, week: str | None, locale: str | None,
    binary: str | None,
) -> Report | CandorError:
    """One client's report, or the CandorError that stopped it: what ``batch`` sends to its
    executor (a module-level function, so that process pools and Dask can pickle it);
    ``binary`` is the executable to run, ``None`` for the worker's own ``binary()``.

    >>> report_or_error("/nonexistent", "acme", "/tmp/out", None, None, None).exit_status
    1
    >>> report_or_error("/nonexistent", "README.txt", "/tmp/out", None, None, None).message
    "clients/README.txt: invalid client folder name; names must match [a-z0-9][a-z0-9_-]{0,63} (lower-case letters, digits, '-' and '_')"

    """
    if not CLIENT_ID.fullmatch(client):
        # As candor batch says of a stray entry of clients/ (a README, .DS_Store).
        return CandorError(f"clients/{client}: invalid client folder name; names must match "
                           f"{CLIENT_ID.pattern} (lower-case letters, digits, '-' and '_')", 1)
    try:
        return run_report(workspace, client, week=week, out=out, locale=locale, executable=binary)
    except CandorError as error:
        return error
