"""Helpers of the tests: the repository's Samples, the candor binary, tree comparison."""

from __future__ import annotations

import subprocess
from pathlib import Path

import candor_report

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "Samples"
SAMPLE_CLIENTS = ["acme-motors", "harbor-clinic", "nordic-fleet", "tiny-lake"]


def candor(*arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The CLI itself, as the package finds it."""
    return subprocess.run([str(candor_report.binary()), *arguments], capture_output=True,
                          text=True, check=check)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_trees(a: Path, b: Path) -> None:
    """The two folders hold the same files with the same bytes."""
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right)
    different = [name for name in left if left[name] != right[name]]
    assert not different, f"different bytes in {different}"
