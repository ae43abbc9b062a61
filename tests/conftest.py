"""Shared fixtures: paths to the repository's seeds, gold and test data; and the ``parser``
marker, which skips a test when the trained spaCy pipeline is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``parser`` need the trained spaCy pipeline: skip them where it is absent."""
    from tonekit.quotes.pipeline import trained_pipeline_name

    if trained_pipeline_name() is not None:
        return
    skip = pytest.mark.skip(reason="trained spaCy pipeline not installed")
    for item in items:
        if item.get_closest_marker("parser") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def brat_dir() -> Path:
    return ROOT / "tests" / "data" / "brat"


@pytest.fixture(scope="session")
def tone_model():
    """A model trained on the repository's annotations, without the cross-validation (fast)."""
    from tonekit.training import train

    return train(ROOT / "annotations", evaluate=False).model


@pytest.fixture()
def small_annotations(tmp_path: Path) -> Path:
    """A copy of the guideline and a few hundred authored records: enough to train on in a second."""
    import shutil

    folder = tmp_path / "annotations"
    (folder / "authored").mkdir(parents=True)
    shutil.copy(ROOT / "annotations" / "GUIDELINE.md", folder / "GUIDELINE.md")
    for batch in ("batch-w1.jsonl", "batch-w2.jsonl"):
        lines = (ROOT / "annotations" / "authored" / batch).read_text(encoding="utf-8").splitlines()
        (folder / "authored" / batch).write_text("\n".join(lines[:160]) + "\n", encoding="utf-8")
    return folder
