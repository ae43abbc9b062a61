"""The example notebook runs headless from start to end, so it never rots."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbclient = pytest.importorskip("nbclient", reason="the dev extra installs nbclient")
nbformat = pytest.importorskip("nbformat", reason="the dev extra installs nbformat")


@pytest.fixture()
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec for this interpreter (the one with tonekit installed), whatever other
    kernels the machine has; headless, since the kernel draws with matplotlib's inline backend."""
    spec = tmp_path / "kernels" / "tonekit-tests"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "tonekit tests", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend: PNGs, no display
    return "tonekit-tests"


def test_tone_per_speaker_notebook_runs(root: Path, kernel: str) -> None:
    notebook = nbformat.read(root / "examples" / "tone_per_speaker.ipynb", as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")  # stored clean
    client = nbclient.NotebookClient(notebook, kernel_name=kernel, timeout=180,
                                     resources={"metadata": {"path": str(root / "examples")}})
    client.execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    printed = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "quotes from 5 articles; errors: []" in printed
    assert any("image/png" in out.get("data", {}) for out in outputs)  # the plot was drawn
