"""Fixtures shared by the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import SAMPLES


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A copy of the repository's sample workspace, free to break."""
    copy = tmp_path / "Samples"
    shutil.copytree(SAMPLES, copy)
    return copy
