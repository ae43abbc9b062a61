"""Workspaces: ``tonekit init`` seeds a folder of the user's own, the training commands find it
from the current folder, and the loop (annotate, import, train) writes only inside it, never
into the checkout or site-packages; every broken workspace gets an error that says the fix."""

from __future__ import annotations

import json
import os
import shutil
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from tonekit.cli import main
from tonekit.errors import WorkspaceError
from tonekit.workspace import MARKER, find_workspace, init_workspace, open_workspace, resolve_workspace

ROOT = Path(__file__).resolve().parent.parent


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _files(folder: Path, skip: tuple[str, ...] = (), only: str | None = None) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` (but ``skip``ped top-level names, or only the top-level names
    that start with ``only``) with its size and mtime."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        if Path(dirpath) == folder:
            dirnames[:] = [d for d in dirnames if d not in skip and (only is None or d.lower().startswith(only))]
            filenames = [f for f in filenames if only is None or only in f.lower()]
        dirnames[:] = [d for d in dirnames if d not in {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache"}]
        for name in filenames:
            path = Path(dirpath) / name
            stat = path.stat()
            out[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
    return out


def test_init_copies_the_starter_files(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws")
    assert (workspace.annotations / "GUIDELINE.md").read_bytes() == (ROOT / "annotations" / "GUIDELINE.md").read_bytes()
    ours = sorted(p.relative_to(ROOT / "annotations") for p in (ROOT / "annotations").rglob("*.jsonl"))
    assert sorted(p.relative_to(workspace.annotations) for p in workspace.annotations.rglob("*.jsonl")) == ours
    assert sorted(p.name for p in workspace.seeds.iterdir()) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert workspace.models.is_dir() and workspace.articles.is_dir() and not any(workspace.models.iterdir())
    assert find_workspace(workspace.seeds) == open_workspace(workspace.root.resolve())


def test_the_repository_is_a_workspace() -> None:
    assert find_workspace(ROOT / "tonekit") == open_workspace(ROOT)


def _break_guideline(root: Path) -> None:
    (root / "annotations" / "GUIDELINE.md").unlink()


def _marker(text: str):  # type: ignore[no-untyped-def]
    return lambda root: (root / MARKER).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("damage", "match"), [
    (_break_guideline, r"no annotations/GUIDELINE\.md; it defines the labels.*tonekit init NEW"),
    (lambda root: (root / MARKER).unlink(), r"not a tonekit workspace \(no tonekit-workspace\.json\).*tonekit init"),
    (_marker("{not json"), "unreadable"),
    (_marker('{"tonekit_workspace": "one"}'), "no workspace format"),
    (_marker('{"tonekit_workspace": 99}'), r"format 99 was written by a newer tonekit.*pip install --upgrade"),
], ids=["no-guideline", "no-marker", "bad-marker", "marker-without-format", "newer-workspace"])
def test_broken_workspaces_say_the_fix(tmp_path: Path, damage, match: str) -> None:  # type: ignore[no-untyped-def]
    root = init_workspace(tmp_path / "ws").root
    damage(root)
    with pytest.raises(WorkspaceError, match=match):
        open_workspace(root)


@pytest.mark.parametrize("existing", ["annotations/GUIDELINE.md", MARKER, "models", "seeds/000_mine.txt"],
                         ids=["guideline", "marker", "models", "only-a-folder-we-would-fill"])
def test_init_never_overwrites(tmp_path: Path, existing: str) -> None:
    target = tmp_path / "ws"
    path = target / existing
    path.parent.mkdir(parents=True, exist_ok=True)
    if existing == "models":
        path.mkdir()
    else:
        path.write_text("mine\n", encoding="utf-8")
    before = _files(target)
    if existing == "seeds/000_mine.txt":  # a file of the user's in a folder init fills: kept, init goes ahead
        init_workspace(target)
        assert (target / existing).read_text(encoding="utf-8") == "mine\n"
        return
    with pytest.raises(WorkspaceError, match="would overwrite .*nothing was written"):
        init_workspace(target)
    assert _files(target) == before


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "ws").write_text("", encoding="utf-8")
    assert _invoke("init", str(tmp_path / "ws")) == (1, f"tonekit: error: {tmp_path / 'ws'}: is a file; `tonekit init` "
                                                        "needs a new or empty folder\n")


@pytest.mark.parametrize("command", [
    ["annotations", "check"], ["annotations", "stats"], ["annotations", "import", "todo.csv", "--by", "me"],
    ["train"], ["train", "--annotations", "annotations"],
], ids=["check", "stats", "import", "train", "train-without-out"])
def test_outside_a_workspace_commands_that_need_one_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "todo.csv").write_text("id,text,label\n", encoding="utf-8")
    (tmp_path / "annotations").mkdir()
    code, output = _invoke(*command)
    assert code == 1 and "not in a tonekit workspace" in output and "tonekit init DIR" in output, output
    with pytest.raises(WorkspaceError, match="not in a tonekit workspace"):
        resolve_workspace()


def test_seed_records_without_their_articles_are_checked_for_consistency(tmp_path: Path) -> None:
    folder = tmp_path / "copied" / "annotations"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "annotations" / "GUIDELINE.md", folder)
    seed_lines = (ROOT / "annotations" / "seed.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "seed.jsonl").write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    code, output = _invoke("annotations", "check", str(folder))
    assert code == 0, output
    assert f"{len(seed_lines)} seed record(s) were checked for their own consistency only" in output
    broken = json.loads(seed_lines[0])
    broken["end"] = broken["start"] + len(broken["text"]) + 3
    (folder / "seed.jsonl").write_text(json.dumps(broken) + "\n", encoding="utf-8")
    code, output = _invoke("annotations", "check", str(folder))
    assert code == 1 and "seed.jsonl:1: offsets" in output and "cannot hold the record's text" in output


@pytest.mark.slow
def test_the_loop_in_a_workspace_writes_only_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Path(sysconfig.get_paths()["purelib"])
    checkout_before = _files(ROOT, skip=(".git", ".venv", "build", "dist", "tonekit.egg-info"))
    site_before = _files(site, only="tonekit")  # the install itself (an editable hook, or the package)

    code, output = _invoke("init", str(tmp_path / "ws"))
    assert code == 0 and "annotation records" in output, output
    workspace = tmp_path / "ws"
    # the user trims the corpus to train fast (their files, their choice), and drops in articles
    for path in (workspace / "annotations" / "authored").glob("*.jsonl"):
        if path.name not in {"batch-w1.jsonl", "batch-r1.jsonl"}:
            path.unlink()
        else:
            path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:100]) + "\n", encoding="utf-8")
    for seed in sorted((workspace / "seeds").glob("*.txt"))[:2]:
        shutil.copy(seed, workspace / "articles" / seed.name)
    monkeypatch.chdir(workspace / "articles")  # anywhere inside the workspace
    monkeypatch.delenv("TONEKIT_MODEL", raising=False)

    assert _invoke("annotations", "check")[0] == 0
    code, output = _invoke("annotate", ".", "--out", "../todo.jsonl", "--mode", "fast", "--limit", "6")
    assert code == 0, output
    assert _invoke("annotate", ".", "--out", "../todo.jsonl", "--mode", "fast")[0] == 1  # never overwritten
    code, output = _invoke("annotations", "import", "../todo.jsonl", "--by", "tester")
    assert code == 0 and "annotations/imported/todo.jsonl" in output, output
    code, output = _invoke("train")
    assert code == 0, output
    name = (workspace / "models" / "DEFAULT").read_text(encoding="utf-8").strip()
    assert (workspace / "models" / name / "scoring.npz").is_file()

    code, output = _invoke("info", "--json")
    info = json.loads(output)
    assert code == 0 and info["source"] == "workspace" and info["model"] == name
    result = CliRunner().invoke(main, ["score", "-", "--format", "jsonl"], input="We welcome the agreement.\n")
    assert result.exit_code == 0 and json.loads(result.output)["label"] in info["labels"], result.output

    assert _files(ROOT, skip=(".git", ".venv", "build", "dist", "tonekit.egg-info")) == checkout_before
    assert _files(site, only="tonekit") == site_before


def test_a_default_naming_a_missing_folder_lists_the_models_there(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = init_workspace(tmp_path / "ws")
    (workspace.models / "tone-real").mkdir()
    (workspace.models / "tone-real" / "meta.json").write_text("{}", encoding="utf-8")
    (workspace.models / "DEFAULT").write_text("tone-gone\n", encoding="utf-8")
    monkeypatch.chdir(workspace.root)
    monkeypatch.delenv("TONEKIT_MODEL", raising=False)
    code, output = _invoke("info")
    assert code == 1 and "DEFAULT names 'tone-gone', which is not a folder in" in output
    assert "model folders there: tone-real" in output
