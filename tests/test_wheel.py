"""`pip install tonekit` works outside the checkout: the sdist and the wheel carry the default
model, and an installed wheel scores a statement with it from a folder far from the checkout.

The build runs offline (``--no-build-isolation``, with the setuptools of the ``dev`` extra) on a
copy of the build inputs, so nothing is written into the checkout. The fresh virtualenv gets
tonekit from the wheel only; its dependencies (spaCy, scikit-learn, ...) come from this test's
own environment through a ``.pth`` line, because resolving them from PyPI is too slow for CI
and ``--system-site-packages`` would name the base interpreter's packages, not this
environment's. A ``.pth`` line only adds the folder to ``sys.path``: the ``.pth`` files inside
it, among them the editable install's hook onto the checkout, are not run, so the checkout
cannot leak in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from tonekit.tone import read_meta

ROOT = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "tonekit", "models", "annotations", "seeds")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")


def _run(args: list[str], **kwargs) -> str:  # type: ignore[no-untyped-def]
    done = subprocess.run(args, capture_output=True, text=True, timeout=240, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    setuptools = metadata.version("setuptools")
    assert int(setuptools.split(".")[0]) >= 77, (
        f"setuptools {setuptools} cannot build tonekit (license = \"MIT\" needs >= 77): pip install -e '.[dev]'")
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        (shutil.copytree(ROOT / name, source / name, ignore=IGNORE) if (ROOT / name).is_dir()
         else shutil.copy2(ROOT / name, source / name))
    sdists, wheels = tmp / "sdist", tmp / "wheels"
    _run([sys.executable, "-c", f"from setuptools import build_meta; build_meta.build_sdist({str(sdists)!r})"],
         cwd=source)
    sdist = next(sdists.glob("tonekit-*.tar.gz"))
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "--no-index", "-q"]
    _run([*pip_wheel, "-w", str(wheels), str(source)])
    wheel = next(wheels.glob("tonekit-*.whl"))
    _run([*pip_wheel, "-w", str(tmp / "from-sdist"), str(sdist)])
    return {"tmp": tmp, "sdist": sdist, "wheel": wheel, "wheel_from_sdist": next((tmp / "from-sdist").glob("*.whl"))}


def _model_files(names: list[str], prefix: str) -> list[str]:
    return sorted(name[len(prefix):] for name in names if name.startswith(prefix) and not name.endswith("/"))


@pytest.mark.slow
def test_wheel_and_sdist_ship_only_the_default_model(built: dict[str, Path]) -> None:
    default = (ROOT / "models" / "DEFAULT").read_text(encoding="utf-8").strip()
    expected = sorted(["DEFAULT", *(f"{default}/{name}" for name in
                                    ("meta.json", "scoring.npz", "scoring.json", "phrasebook.tsv", "stopwords.txt"))])
    wheel = zipfile.ZipFile(built["wheel"]).namelist()
    assert _model_files(wheel, "tonekit/_models/") == expected
    assert _model_files(zipfile.ZipFile(built["wheel_from_sdist"]).namelist(), "tonekit/_models/") == expected
    with tarfile.open(built["sdist"]) as sdist:
        assert _model_files([m.name for m in sdist.getmembers() if m.isfile()], built["sdist"].name.removesuffix(".tar.gz") + "/models/") == expected
    assert not any(name.startswith(("annotations/", "models/", "tests/")) for name in wheel)
    # PEP 561: type checkers read tonekit's annotations from an installed wheel
    assert "tonekit/py.typed" in wheel
    assert "tonekit/py.typed" in zipfile.ZipFile(built["wheel_from_sdist"]).namelist()
    with zipfile.ZipFile(built["wheel"]) as archive:
        assert archive.read(f"tonekit/_models/{default}/scoring.npz") == (ROOT / "models" / default / "scoring.npz").read_bytes()


@pytest.mark.slow
def test_installed_wheel_scores_with_its_own_model_outside_the_checkout(built: dict[str, Path]) -> None:
    tmp = built["tmp"]
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "zz-test-dependencies.pth").write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(built["wheel"])])

    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": f"{venv / 'bin'}{os.pathsep}{os.defpath}", "HOME": str(elsewhere), "LC_ALL": "C.UTF-8"}
    kwargs = {"cwd": elsewhere, "env": env}
    out = _run([str(python), "-c", "import tonekit; from tonekit import score; print(tonekit.__file__); "
                "print(score('We welcome the agreement.').label)"], **kwargs).splitlines()
    assert Path(out[0]).resolve().is_relative_to(venv.resolve()), out[0]
    assert out[1] == "cooperative"

    info = json.loads(_run([str(venv / "bin" / "tonekit"), "info", "--json"], **kwargs))
    shipped = read_meta(ROOT / "models" / (ROOT / "models" / "DEFAULT").read_text(encoding="utf-8").strip())
    assert info["source"] == "package"
    assert Path(info["path"]).resolve().is_relative_to(venv.resolve())
    assert not Path(info["path"]).resolve().is_relative_to(ROOT)
    assert (info["model"], info["sha256"]) == (shipped["name"], shipped["artifact_sha256"])
    assert info["annotations"]["sha256"] == shipped["annotations"]["sha256"]

    # a workspace from the installed package alone: our annotations and seeds, checkable there
    tonekit = str(venv / "bin" / "tonekit")
    _run([tonekit, "init", "ws"], **kwargs)
    workspace = elsewhere / "ws"
    assert (workspace / "annotations" / "GUIDELINE.md").read_bytes() == (ROOT / "annotations" / "GUIDELINE.md").read_bytes()
    assert sorted(p.name for p in (workspace / "seeds").iterdir()) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    checked = _run([tonekit, "annotations", "check"], cwd=workspace, env=env)
    assert checked.startswith("ok: ") and read_meta(Path(info["path"]))["format"] == shipped["format"]
