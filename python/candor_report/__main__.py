"""``python -m candor_report ARGS`` runs ``candor ARGS``, with its exit status.

>>> import subprocess, sys
>>> subprocess.run([sys.executable, "-m", "candor_report", "--version"],
...     capture_output=True, text=True).stdout.startswith("candor ")
True
"""

from __future__ import annotations

import os
import subprocess
import sys

from ._cli import CandorError, binary


def main() -> None:
    """Runs the bundled binary with this process's arguments; exits with its status.

    >>> import subprocess, sys
    >>> code = "import sys; sys.argv[1:] = ['--version']; from candor_report.__main__ import main; main()"
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True).returncode
    0
    """
    try:
        executable = str(binary())
    except CandorError as error:
        print(f"error: {error.message}", file=sys.stderr)
        sys.exit(error.exit_status)
    arguments = [executable, *sys.argv[1:]]
    if os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(executable, arguments)  # the binary takes over: signals, streams, status
    sys.exit(subprocess.call(arguments))


if __name__ == "__main__":
    main()
