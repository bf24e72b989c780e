"""Candor from Python: write evaluation sets, run honest weekly client reports, read them back.

The package runs the ``candor`` binary bundled in its wheel (``binary()``; the environment
variable ``CANDOR_BINARY`` names another, for development), so the numbers are the CLI's,
byte for byte. It needs nothing else; pandas (for DataFrames) and pyarrow (for Parquet) are
used when installed. Every refusal raises ``CandorError`` with Candor's own reason.

>>> import candor_report
>>> candor_report.binary().name
'candor'
"""

from __future__ import annotations

from ._batch import batch
from ._check import Problem, check
from ._cli import CandorError, binary
from ._evaluation import write_evaluation
from ._report import Report, report

__all__ = ["CandorError", "Problem", "Report", "batch", "binary", "check", "report",
           "write_evaluation", "__version__"]

CandorError.__module__ = __name__  # tracebacks say candor_report.CandorError


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("candor-report")  # the wheel's, which is the binary's version
    except PackageNotFoundError:
        return "0+unknown"  # a source checkout, not installed


#: The package's version: the bundled binary's, set in one place (Scripts/build-release
#: --print-version, read from Sources/CandorPipeline/Version.swift).
__version__ = _version()
