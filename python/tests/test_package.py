"""The package itself: the bundled binary, the version, python -m, typing, docstrings."""

from __future__ import annotations

import doctest
import importlib
import importlib.metadata
import inspect
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import candor_report
from candor_report import CandorError, Problem, Report

MODULES = ["candor_report", "candor_report._cli", "candor_report._evaluation",
           "candor_report._report", "candor_report._check", "candor_report._batch",
           "candor_report.__main__"]


def installed_version() -> str | None:
    try:
        return importlib.metadata.version("candor-report")
    except importlib.metadata.PackageNotFoundError:
        return None


def test_python_m_version_is_the_packages_version() -> None:
    result = subprocess.run([sys.executable, "-m", "candor_report", "--version"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("candor ")
    if installed_version() is not None:
        assert first == f"candor {installed_version()}"
        assert candor_report.__version__ == installed_version()


def test_python_m_passes_the_exit_status_through(tmp_path: Path) -> None:
    usage = subprocess.run([sys.executable, "-m", "candor_report"], capture_output=True)
    assert usage.returncode == 2
    missing = subprocess.run(
        [sys.executable, "-m", "candor_report", "report", str(tmp_path / "workspace"),
         "--client", "acme", "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ")


@pytest.mark.skipif(installed_version() is None, reason="candor-report is not installed")
def test_the_installed_package_is_the_one_tested() -> None:
    assert "site-packages" in Path(candor_report.__file__).parts
    script = Path(sys.executable).parent / "candor"  # the wheel's console script
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith(f"candor {installed_version()}")


@pytest.mark.skipif("CANDOR_BINARY" in os.environ, reason="CANDOR_BINARY overrides the bundle")
def test_the_binary_is_bundled_and_executable() -> None:
    path = candor_report.binary()
    assert path == Path(candor_report.__file__).resolve().parent / "bin" / "candor"
    assert os.access(path, os.X_OK)


def test_candor_binary_overrides_and_a_bad_one_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CANDOR_BINARY", str(tmp_path / "nothing"))
    with pytest.raises(CandorError) as refused:
        candor_report.binary()
    assert "CANDOR_BINARY" in refused.value.message and refused.value.exit_status == 2


def test_typed() -> None:
    assert (Path(candor_report.__file__).parent / "py.typed").is_file()


def test_errors_and_reports_survive_pickling(tmp_path: Path) -> None:
    error = pickle.loads(pickle.dumps(CandorError("clients/x: no such client", 1, "error: …")))
    assert (error.message, error.exit_status, error.stderr) == (
        "clients/x: no such client", 1, "error: …")
    assert str(error) == "clients/x: no such client"
    report = pickle.loads(pickle.dumps(Report(tmp_path)))
    assert report.folder == tmp_path
    assert pickle.loads(pickle.dumps(Problem("error", "a", 1, "b"))) == Problem("error", "a", 1, "b")


def public_docstrings() -> list[tuple[str, str | None]]:
    objects: list[tuple[str, object]] = [
        (name, getattr(candor_report, name)) for name in candor_report.__all__
        if name != "__version__"]
    objects += [(f"Report.{name}", member) for name, member in vars(Report).items()
                if not name.startswith("_") or name == "_repr_html_"]
    objects.append(("candor_report", candor_report))
    return [(name, inspect.getdoc(getattr(obj, "func", obj))) for name, obj in objects]


@pytest.mark.parametrize("name, doc", public_docstrings())
def test_every_public_name_has_an_example(name: str, doc: str | None) -> None:
    assert doc and ">>> " in doc, f"{name} has no example in its docstring"


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(importlib.import_module(module), optionflags=flags, verbose=False)
    assert result.failed == 0


USER_SCRIPT = '''
from __future__ import annotations
import numpy as np
import pandas as pd
import candor_report as candor

y = np.array([0, 1, 1, 0])
candor.write_evaluation("ws", "lab", "t", "s", y_true=y, y_pred=y,
                        scores=np.array([[0.9, 0.1], [0.2, 0.8]]), classes=np.array([0, 1]))
candor.write_evaluation("ws", "lab", "t", "s2", y_true=y, classes=pd.Index([0, 1]))
report = candor.report("ws", "lab")
metrics = report.metrics()
mean: float = metrics["value"].mean()
accuracy = metrics[metrics.metric == "accuracy"]
codes = [row.code for row in report.findings().itertuples()]
results = candor.batch("ws")
'''


def test_a_notebooks_use_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    """What a data scientist writes, with numpy class arrays and DataFrame methods on the
    tables, passes mypy --strict without a cast."""
    api = pytest.importorskip("mypy.api")
    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    stdout, stderr, status = api.run(["--strict", "--no-incremental", "--cache-dir", os.devnull,
                                      str(script)])
    assert status == 0, stdout + stderr
