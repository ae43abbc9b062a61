"""Models on disk: provenance in meta.json, sha256s checked before loading, a scoring artifact
that is never unpickled, older pickled formats only when trusted, versioned folders and the
DEFAULT pointer, and the shipped model itself."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pytest

from tonekit.errors import ModelLoadError, ModelVersionWarning
from tonekit.tone import (ARTIFACT, ESTIMATORS, LEGACY_ARTIFACT, META, MODEL_FORMAT, POINTER, SCORING_SPEC,
                          annotation_snapshot, convert_model, load_estimators, load_model, read_meta,
                          resolve_model_dir, save_model, set_default, sha256_file)
from tonekit.training import TrainConfig, train

SEED_TEXTS = ["We welcome the agreement.", "We firmly oppose this provocation.", "The talks were frank."]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small model trained and saved once for this module."""
    root = Path(__file__).resolve().parent.parent
    folder = tmp_path_factory.mktemp("annotations")
    shutil.copy(root / "annotations" / "GUIDELINE.md", folder / "GUIDELINE.md")
    lines = (root / "annotations" / "authored" / "batch-w1.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "a.jsonl").write_text("\n".join(lines[:200]) + "\n", encoding="utf-8")
    result = train(folder, evaluate=False)
    out = tmp_path_factory.mktemp("models") / "tone-test"
    return save_model(result.model, out, report=result.report, config=TrainConfig().to_dict(), annotations=folder)


@pytest.fixture()
def copy(saved: Path, tmp_path: Path) -> Path:
    target = tmp_path / "models" / saved.name
    shutil.copytree(saved, target)
    return target


def test_meta_records_provenance(saved: Path) -> None:
    meta = read_meta(saved)
    assert len(meta["artifact_sha256"]) == 64 and len(meta["annotations"]["sha256"]) == 64
    assert {"tonekit", "scikit-learn", "spacy", "python"} <= set(meta["versions"])
    assert meta["labels"] == ["cooperative", "candid", "conflictual", "neutral"]
    assert meta["config"]["features"]["min_df"] == 2 and meta["phrasebook"]["sha256"]


def test_round_trip_scores_the_same(saved: Path) -> None:
    result = load_model(saved)
    assert [s.scores for s in result.score(SEED_TEXTS)] == [s.scores for s in load_model(saved).score(SEED_TEXTS)]


def _edit_meta(folder: Path, **changes: object) -> None:
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    meta.update(changes)
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")


@pytest.mark.parametrize(("damage", "match"), [
    (lambda folder: (folder / ARTIFACT).open("ab").write(b"\0"), "sha256 .* does not match meta.json"),
    (lambda folder: (folder / SCORING_SPEC).write_text("{}", encoding="utf-8"), "scoring.json: sha256 .* does not match"),
    (lambda folder: (folder / META).unlink(), "no meta.json; refusing to load"),
    (lambda folder: (folder / META).write_text("{not json", encoding="utf-8"), "unreadable"),
    (lambda folder: (folder / META).write_text("{}", encoding="utf-8"), "no artifact_sha256"),
    (lambda folder: (folder / ARTIFACT).unlink(), "scoring.npz is missing"),
    (lambda folder: (folder / SCORING_SPEC).unlink(), "scoring.json is missing"),
    (lambda folder: _edit_meta(folder, format=MODEL_FORMAT + 1), r"written by a newer tonekit .*pip install --upgrade"),
    (lambda folder: _edit_meta(folder, format=3), "format 3 was written by another tonekit"),
], ids=["tampered-artifact", "tampered-spec", "no-meta", "bad-json", "no-sha", "no-artifact", "no-spec",
        "newer-format", "unknown-format"])
def test_load_refuses_unverifiable_models(copy: Path, damage, match: str) -> None:
    damage(copy)
    with pytest.raises(ModelLoadError, match=match):
        load_model(copy)


def test_expected_sha256_is_checked(copy: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not match expected_sha256"):
        load_model(copy, expected_sha256="0" * 64)
    assert load_model(copy, expected_sha256=read_meta(copy)["artifact_sha256"]).labels


def test_model_folder_holds_arrays_json_and_estimators_apart(saved: Path) -> None:
    import numpy as np

    meta = read_meta(saved)
    assert meta["format"] == MODEL_FORMAT and meta["artifact"] == ARTIFACT
    assert {SCORING_SPEC, ESTIMATORS} <= set(meta["files_sha256"]) and not (saved / LEGACY_ARTIFACT).exists()
    with np.load(saved / ARTIFACT, allow_pickle=False) as arrays:  # plain arrays: no object dtype anywhere
        assert all(arrays[name].dtype != object for name in arrays.files)
    estimator, naive_bayes = load_estimators(saved)
    assert type(estimator).__name__ == "LogisticRegression" and type(naive_bayes).__name__ == "ComplementNB"


def _legacy_copy(saved: Path, target: Path) -> Path:
    """The model as tonekit 0.1 saved it: one pickled ToneModel (format 6) and its meta.json."""
    import joblib

    model = load_model(saved)
    model.estimator, model.naive_bayes = load_estimators(saved)
    target.mkdir(parents=True)
    joblib.dump(model, target / LEGACY_ARTIFACT, compress=3)
    meta = {**read_meta(saved), "format": 6, "artifact": LEGACY_ARTIFACT, "name": target.name,
            "artifact_sha256": sha256_file(target / LEGACY_ARTIFACT), "files_sha256": {}}
    (target / META).write_text(json.dumps(meta), encoding="utf-8")
    return target


def test_pickled_models_load_only_when_trusted_and_convert_exactly(saved: Path, tmp_path: Path) -> None:
    legacy = _legacy_copy(saved, tmp_path / "old")
    with pytest.raises(ModelLoadError, match=r"pickled model of format 6.*trusted=True.*tonekit convert-model"):
        load_model(legacy)
    trusted = load_model(legacy, trusted=True)
    converted = convert_model(legacy, tmp_path / "new")
    assert read_meta(converted)["converted"]["from_sha256"] == read_meta(legacy)["artifact_sha256"]
    texts = SEED_TEXTS + ["The two sides will meet again in the spring."]
    assert [s.scores for s in load_model(converted).score(texts)] == [s.scores for s in trusted.score(texts)]
    assert [load_model(converted).score(t).scores for t in texts] == [trusted.score(t).scores for t in texts]
    with pytest.raises(ModelLoadError, match="already in format"):
        convert_model(converted, tmp_path / "again")
    from click.testing import CliRunner

    from tonekit.cli import main

    result = CliRunner().invoke(main, ["convert-model", str(legacy), "--out", str(tmp_path / "by-cli")])
    assert result.exit_code == 0 and load_model(tmp_path / "by-cli").labels == trusted.labels, result.output
    with pytest.raises(ModelLoadError, match="already there"):
        convert_model(legacy, converted)


def test_version_mismatch_warns_only_for_pickled_models(saved: Path, copy: Path, tmp_path: Path) -> None:
    legacy = _legacy_copy(saved, tmp_path / "old")
    for folder in (copy, legacy):
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        meta["versions"]["scikit-learn"] = "0.0.1"
        (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ModelVersionWarning)  # arrays score the same under any scikit-learn
        load_model(copy)
    with pytest.warns(ModelVersionWarning, match=r"scikit-learn 0\.0\.1 \(now "):
        load_model(legacy, trusted=True)


def test_default_pointer(copy: Path) -> None:
    models = copy.parent
    with pytest.raises(ModelLoadError, match="no tone model"):
        load_model(models)
    set_default(models, copy.name)
    assert (models / POINTER).read_text(encoding="utf-8").strip() == copy.name
    assert resolve_model_dir(models) == copy
    assert load_model(models).labels == load_model(copy).labels
    (models / POINTER).write_text("../elsewhere\n", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="must hold the name of a model folder"):
        load_model(models)


def test_save_never_overwrites(saved: Path) -> None:
    with pytest.raises(ModelLoadError, match="already there"):
        save_model(load_model(saved), saved, report={}, config={}, annotations=saved)


def test_environment_variable_names_the_model(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONEKIT_MODEL", str(copy))
    assert resolve_model_dir() == copy
    monkeypatch.setenv("TONEKIT_MODEL", str(copy.parent / "missing"))
    with pytest.raises(ModelLoadError, match="TONEKIT_MODEL"):
        load_model()


def test_lookup_order_env_then_workspace_then_checkout_then_package(copy: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tonekit.tone import store
    from tonekit.workspace import init_workspace

    monkeypatch.delenv("TONEKIT_MODEL", raising=False)
    monkeypatch.chdir(ROOT)  # the repository is a workspace and the checkout: reported as the checkout
    assert store.locate_default_models() == (ROOT / "models", "checkout")
    workspace = init_workspace(tmp_path / "ws")
    monkeypatch.chdir(workspace.seeds)
    assert store.locate_default_models() == (ROOT / "models", "checkout")  # no model of its own yet
    shutil.copytree(copy, workspace.models / copy.name)
    set_default(workspace.models, copy.name)
    assert store.locate_default_models() == (workspace.models.resolve(), "workspace")
    monkeypatch.chdir(tmp_path)
    packaged = tmp_path / "site-packages" / "tonekit" / "_models"
    shutil.copytree(copy.parent, packaged)
    set_default(packaged, copy.name)
    monkeypatch.setattr(store, "PACKAGED_MODELS", packaged)
    empty_checkout = tmp_path / "checkout" / "models"
    empty_checkout.mkdir(parents=True)
    monkeypatch.setattr(store, "checkout_models_dir", lambda: empty_checkout)  # a checkout with no model: falls through
    assert store.locate_default_models() == (packaged, "package")
    assert resolve_model_dir() == packaged / copy.name
    monkeypatch.setattr(store, "checkout_models_dir", lambda: None)  # installed, not a checkout
    assert store.locate_default_models() == (packaged, "package")
    monkeypatch.setenv("TONEKIT_MODEL", str(copy))
    assert store.locate_default_models() == (copy, "env")


def test_no_model_anywhere_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tonekit.tone import store

    monkeypatch.delenv("TONEKIT_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)  # in no workspace
    monkeypatch.setattr(store, "checkout_models_dir", lambda: None)
    monkeypatch.setattr(store, "PACKAGED_MODELS", tmp_path / "tonekit" / "_models")
    with pytest.raises(ModelLoadError) as error:
        load_model()
    message = str(error.value)
    assert "$TONEKIT_MODEL (not set)" in message and str(tmp_path / "tonekit" / "_models") in message
    assert "Fix:" in message and "reinstall tonekit" in message


def test_training_never_writes_into_the_package(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tonekit.tone import store
    from tonekit.training import gate

    packaged = copy.parent
    set_default(packaged, copy.name)
    monkeypatch.delenv("TONEKIT_MODEL", raising=False)
    monkeypatch.chdir(copy)  # in no workspace
    monkeypatch.setattr(store, "checkout_models_dir", lambda: None)
    monkeypatch.setattr(store, "PACKAGED_MODELS", packaged)
    monkeypatch.setattr(gate, "PACKAGED_MODELS", packaged)
    with pytest.raises(ModelLoadError, match="shipped inside the installed package.*--out"):
        gate.default_out(Path(__file__).resolve().parent / "data")


# -- the shipped model -----------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent


def test_shipped_model_is_current_small_and_loads() -> None:
    folder = resolve_model_dir(ROOT / "models")
    meta = read_meta(folder)
    assert meta["annotations"]["sha256"] == annotation_snapshot(ROOT / "annotations"), (
        "models/DEFAULT was trained on other annotations: rebuild it with `tonekit train` (see README)")
    assert (folder / ARTIFACT).stat().st_size <= 10_000_000
    with warnings.catch_warnings():
        warnings.simplefilter("error", ModelVersionWarning)
        assert load_model(ROOT / "models").labels == tuple(meta["labels"])


def test_shipped_model_is_reproducible(tone_model) -> None:
    """Retraining on the repository's annotations gives the shipped model's predictions."""
    shipped = load_model(ROOT / "models")
    seeds = [json.loads(line)["text"] for line in (ROOT / "annotations" / "seed.jsonl").read_text().splitlines()]
    assert [s.label for s in shipped.score(seeds)] == [s.label for s in tone_model.score(seeds)]
    before = [s.scores for s in shipped.score(seeds)]
    tone_model_at_shipped_temperature = tone_model
    saved_temperature = tone_model.temperature
    try:
        tone_model_at_shipped_temperature.set_temperature(shipped.temperature)
        after = [s.scores for s in tone_model_at_shipped_temperature.score(seeds)]
    finally:
        tone_model.set_temperature(saved_temperature)
    for a, b in zip(before, after):
        assert a == pytest.approx(b, abs=1e-9)


def test_loading_to_score_unpickles_nothing_and_imports_no_scikit_learn() -> None:
    """A model file cannot run code when loaded to score, and workers start faster: the
    unpicklers are made to fail, and scikit-learn must stay unimported."""
    import subprocess
    import sys

    code = ("import pickle, sys, joblib\n"
            "def refuse(*a, **k): raise AssertionError('unpickled')\n"
            "pickle.load = pickle.loads = joblib.load = refuse\n"
            "from tonekit.tone import load_model\n"
            "m = load_model(); print(m.score('We welcome it.').label in m.labels, 'sklearn' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["True", "False"]
