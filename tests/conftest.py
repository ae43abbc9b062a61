"""Shared fixtures: paths to the repository's seeds, gold and test data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def brat_dir() -> Path:
    return ROOT / "tests" / "data" / "brat"
