"""The bundled ``candor`` binary, running it, and the one error type of the package."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

BINARY_ENV = "CANDOR_BINARY"


class CandorError(Exception):
    """Candor refused something: a bad input, an unknown client, a usage error.

    ``message`` is Candor's own one-line reason (its first ``error: …`` line on standard
    error, without ``error:``); ``exit_status`` is the CLI's exit status: 1 for an input
    problem or an unknown client or week, 2 for a usage error (also for arguments this package
    refuses before running the binary). ``stderr`` holds everything Candor printed there.

    >>> try:
    ...     raise CandorError("clients/nope: no such client in this workspace", 1)
    ... except CandorError as error:
    ...     print(error.exit_status, error)
    1 clients/nope: no such client in this workspace
    """

    def __init__(self, message: str, exit_status: int, stderr: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.exit_status = exit_status
        self.stderr = stderr

    def __reduce__(self) -> tuple[type[CandorError], tuple[str, int, str]]:
        # Keeps all three fields when sent back from a process pool or a Dask worker.
        return (CandorError, (self.message, self.exit_status, self.stderr))

    def __repr__(self) -> str:
        return f"CandorError({self.message!r}, exit_status={self.exit_status})"


def binary() -> Path:
    """The ``candor`` executable this package runs.

    The one bundled in the wheel (``candor_report/bin/candor``), unless the environment
    variable ``CANDOR_BINARY`` names another (for development: a ``swift build`` binary);
    where the package has none (installed from the sources), a ``candor`` on ``PATH``.

    >>> binary().name
    'candor'
    """
    override = os.environ.get(BINARY_ENV)
    path = Path(override) if override else Path(__file__).resolve().parent / "bin" / "candor"
    if path.is_file() and os.access(path, os.X_OK):
        return path
    if not override:
        # Installed from the sources (no binary inside): a candor on PATH (the .deb's).
        found = shutil.which("candor")
        if found and not _is_console_script(Path(found)):
            return Path(found)
    where = f"${BINARY_ENV} names {path}" if override else f"the bundled binary {path}"
    what = "which is not an executable file" if path.exists() else "which does not exist"
    raise CandorError(
        f"{where}, {what}; install the candor-report wheel, put candor on PATH, "
        f"or set {BINARY_ENV} to a candor binary",
        2,
    )


def _is_console_script(path: Path) -> bool:
    """Whether ``path`` is this package's own ``candor`` entry point (a Python script that
    imports this package, which would run this function again), not the CLI or a wrapper."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return True
    return head.startswith(b"#!") and b"candor_report" in head


def error_message(stderr: str, exit_status: int) -> str:
    """Candor's reason from its standard error: the first ``error:`` line, without the prefix.

    >>> error_message("error: clients/x: no such client\\nUsage: candor report ...\\n", 1)
    'clients/x: no such client'
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("error:"):
            return line[len("error:"):].strip()
    return lines[0] if lines else f"candor exited with status {exit_status}"


def run(
    arguments: Sequence[str], *, accept: Sequence[int] = (0,), executable: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Runs ``candor ARGUMENTS``; its output, or CandorError for an exit status not accepted.

    >>> run(["--version"]).stdout.startswith("candor ")
    True
    """
    command = [executable or str(binary()), *arguments]
    result = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
    )
    if result.returncode not in accept:
        raise CandorError(
            error_message(result.stderr, result.returncode), result.returncode, result.stderr
        )
    return result
