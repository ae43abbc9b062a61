"""Models on disk: ``models/<name>/`` holds the scoring artifact (``scoring.npz`` arrays and
``scoring.json``, see :mod:`tonekit.tone.artifact`), the fitted scikit-learn estimators for
retraining (``estimators.joblib``), ``meta.json`` (provenance, sha256s, configuration,
evaluation), the records the model was trained on (``training.jsonl.gz``), copies of the data
files that shaped its features (``phrasebook.tsv``, ``stopwords.txt``); ``models/DEFAULT`` is a
pointer file naming the default model. This module is the only one that knows that layout, and
where the default model is found: ``$TONEKIT_MODEL``, the user's workspace, the source
checkout's ``models/``, or the copy shipped inside the installed package (``tonekit/_models``).

Loading a model to score reads arrays and JSON only, after checking both files against the
sha256 in ``meta.json``: it never unpickles. Models of the older pickled format
(``model.joblib``) load only with ``trusted=True``, because unpickling runs code; a matching
sha256 proves the files agree, not who wrote them.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import os
import platform
import sys
import warnings
import zipfile
from datetime import datetime, timezone
from importlib import metadata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import joblib

from ..errors import ModelLoadError, ModelVersionWarning
from ..resources import checkout_root, parse_data_lines, read_data_text
from ..workspace import workspace_root
from .artifact import ArtifactError, read_scoring_artifact, write_scoring_artifact
from .features import STOPWORDS_FILE
from .model import MODEL_FORMAT, ToneModel
from .phrasebook import Phrasebook, parse_phrasebook

__all__ = ["save_model", "load_model", "verify_model", "read_meta", "annotation_snapshot", "default_models_dir",
           "locate_default_models", "checkout_models_dir", "workspace_models_dir", "model_info", "resolve_model_dir", "SOURCES",
           "PACKAGED_MODELS", "set_default", "write_training_records", "read_training_records",
           "read_phrasebook_copy", "read_stopwords_copy", "convert_model", "load_estimators", "ARTIFACT",
           "SCORING_SPEC", "ESTIMATORS", "LEGACY_ARTIFACT", "META", "POINTER", "TRAINING_RECORDS",
           "PHRASEBOOK_COPY", "STOPWORDS_COPY"]

ARTIFACT = "scoring.npz"  # arrays; what loading to score reads, with SCORING_SPEC
SCORING_SPEC = "scoring.json"
ESTIMATORS = "estimators.joblib"  # the fitted scikit-learn experts, read only by load_estimators
LEGACY_ARTIFACT = "model.joblib"  # the whole pickled ToneModel of formats up to 6
LEGACY_FORMATS = frozenset({5, 6})
META = "meta.json"
POINTER = "DEFAULT"
TRAINING_RECORDS = "training.jsonl.gz"
PHRASEBOOK_COPY = "phrasebook.tsv"
STOPWORDS_COPY = STOPWORDS_FILE
MODEL_ENV = "TONEKIT_MODEL"
# Models pickled before the tone code moved into tonekit/tone name their classes by the old
# module paths; those paths stay loadable (the classes themselves did not change).
_PICKLED_MODULES = {"tonekit.model": "tonekit.tone.model", "tonekit.features": "tonekit.tone.features"}


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks (an artifact can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def annotation_snapshot(folder: Path) -> str:
    """One sha256 over the guideline and every ``*.jsonl`` file (relative path and bytes), so
    ``meta.json`` says exactly which annotations a model was trained on."""
    folder = Path(folder)
    digest = hashlib.sha256()
    files = sorted([*folder.rglob("*.jsonl"), *([folder / "GUIDELINE.md"] if (folder / "GUIDELINE.md").exists() else [])])
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"
    return {"tonekit": version("tonekit"), "scikit-learn": version("scikit-learn"), "spacy": version("spacy"),
            "numpy": version("numpy"), "scipy": version("scipy"), "joblib": version("joblib"),
            "python": platform.python_version()}


# Where the default model is looked for, in this order (see :func:`locate_default_models`).
SOURCES = ("env", "workspace", "checkout", "package")
# the package's own copy: setup.py maps the data package tonekit._models onto models/ at build time
PACKAGED_MODELS = Path(__file__).resolve().parents[1] / "_models"


def workspace_models_dir() -> Path | None:
    """The ``models/`` folder of the workspace the current folder is in, or None."""
    root = workspace_root()
    return root / "models" if root is not None else None


def checkout_models_dir() -> Path | None:
    """The ``models/`` folder of the source checkout tonekit runs from (an editable install or
    the checkout on ``sys.path``), or None when tonekit runs from an installed package."""
    root = checkout_root()
    return root / "models" if root is not None else None


def _holds_model(folder: Path) -> bool:
    return (folder / POINTER).is_file() or (folder / META).is_file()


def locate_default_models() -> tuple[Path, str]:
    """The folder the default model comes from and which source it is (one of :data:`SOURCES`):
    ``$TONEKIT_MODEL`` if set (a model folder, or a ``models/`` folder with a ``DEFAULT``
    pointer), else the ``models/`` folder of the workspace the current folder is in, when it
    holds a model, else the ``models/`` folder of this source checkout when tonekit runs from
    one and it holds a model, else the model shipped inside the installed package. Raises
    :class:`ModelLoadError` naming every place it looked when none holds a model."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env), "env"
    looked = [f"${MODEL_ENV} (not set)"]
    workspace = workspace_models_dir()
    checkout = checkout_models_dir()
    if workspace is not None:
        if _holds_model(workspace):
            return workspace, "checkout" if workspace == checkout else "workspace"
        looked.append(f"the workspace's {workspace} (no {POINTER} pointer yet)")
    if checkout is not None and checkout != workspace:
        if _holds_model(checkout):
            return checkout, "checkout"
        looked.append(f"the checkout's {checkout} (no {POINTER} pointer)")
    if _holds_model(PACKAGED_MODELS):
        return PACKAGED_MODELS, "package"
    looked.append(f"the installed package's {PACKAGED_MODELS} (not there: this tonekit was installed without "
                  "its model)" if checkout is None else f"the package's {PACKAGED_MODELS} (only built wheels have it)")
    raise ModelLoadError("no tone model found; looked at " + ", ".join(looked) + ". Fix: point $TONEKIT_MODEL "
                         "(or --model) at a model folder, reinstall tonekit from a wheel or sdist (they ship the "
                         "default model), or train one with `tonekit train` in a workspace (`tonekit init DIR`)")


def default_models_dir() -> Path:
    """The folder the default model comes from (:func:`locate_default_models`); in a source
    checkout that holds no model yet, its ``models/`` folder, where ``tonekit train`` writes."""
    try:
        return locate_default_models()[0]
    except ModelLoadError:
        checkout = checkout_models_dir()
        if checkout is None:
            raise
        return checkout


def resolve_model_dir(path: Path | str | None = None) -> Path:
    """A model folder from a model folder, a ``models/`` folder with a ``DEFAULT`` pointer, or
    None (the default: :func:`locate_default_models`)."""
    return _resolve(path)[0]


def _resolve(path: Path | str | None) -> tuple[Path, str]:
    """The model folder and where it was found: ``argument`` or one of :data:`SOURCES`."""
    source = "argument"
    if path is not None:
        folder = Path(path)
    else:
        folder, source = locate_default_models()
    pointer: Path | None = None
    if (folder / POINTER).is_file() and not (folder / META).exists():
        pointer = folder / POINTER
        name = pointer.read_text(encoding="utf-8").strip()
        if not name or "/" in name or "\\" in name or name in {".", ".."}:
            raise ModelLoadError(f"{pointer}: must hold the name of a model folder in {folder}, got {name!r}")
        folder = folder / name
    hint = {"argument": "pass a model folder (holding meta.json and scoring.npz) or a models/ folder with a "
                        "DEFAULT pointer",
            "env": f"${MODEL_ENV} names it; point it at a model folder or a models/ folder with a DEFAULT pointer, "
                   "or unset it to use the default model",
            "workspace": f"fix the workspace's {POINTER} pointer, or train one with `tonekit train`",
            "checkout": f"fix the checkout's {POINTER} pointer, or train one with `tonekit train --out models/NAME`",
            "package": "the installed package is incomplete; reinstall tonekit, or point "
                       f"${MODEL_ENV} at a model folder"}[source]
    if not folder.is_dir():
        if pointer is not None:
            present = sorted(p.name for p in folder.parent.iterdir() if (p / META).is_file())
            raise ModelLoadError(f"{pointer} names {folder.name!r}, which is not a folder in {folder.parent} (model "
                                 f"folders there: {', '.join(present) or 'none'}). Fix: write the name of one of them "
                                 "into it, or train one with `tonekit train`")
        raise ModelLoadError(f"no tone model at {folder}: {hint}")
    if not (folder / META).exists() and not (folder / ARTIFACT).exists():
        raise ModelLoadError(f"no tone model at {folder}: it holds neither {META} nor a {POINTER} pointer; {hint}")
    return folder, source


def _figures(part: Any, *keys: str) -> dict[str, Any] | None:
    return {key: part[key] for key in keys if key in part} if isinstance(part, dict) else None


def model_info(path: Path | str | None = None) -> dict[str, Any]:
    """Which model scoring uses (``path``, else the default) and what it is: where it was found
    (``source``: argument, env, checkout or package), its name, path and artifact sha256
    (checked against ``meta.json``, without unpickling), the annotation snapshot it was
    trained on, the headline figures of its evaluation, and the tonekit versions."""
    folder, source = _resolve(path)
    verify_model(folder)
    meta = read_meta(folder)
    evaluation = meta["evaluation"] if isinstance(meta.get("evaluation"), dict) else {}
    annotations = meta["annotations"] if isinstance(meta.get("annotations"), dict) else {}
    return {
        "model": meta.get("name", folder.name),
        "source": source,
        "path": str(folder),
        "sha256": meta["artifact_sha256"],
        "format": meta.get("format"),
        "created": meta.get("created"),
        "labels": meta.get("labels"),
        "annotations": {"sha256": annotations.get("sha256"), "records": annotations.get("records"),
                        "path": annotations.get("path")},
        "evaluation": {
            "dev": _figures(evaluation.get("dev"), "file", "n", "macro_f1", "accuracy"),
            "cross_validation": _figures(evaluation.get("cross_validation"), "n", "macro_f1", "accuracy"),
            "seed_held_out": _figures(evaluation.get("seed_held_out"), "n", "macro_f1", "accuracy"),
        },
        "trained_with_tonekit": (meta.get("versions") or {}).get("tonekit"),
        "tonekit_version": _versions()["tonekit"],
    }


def read_meta(folder: Path) -> dict[str, Any]:
    """``meta.json`` of a model folder, or :class:`ModelLoadError` saying why not."""
    meta_path = Path(folder) / META
    if not meta_path.is_file():
        raise ModelLoadError(f"{folder}: no {META}; refusing to load an artifact of unknown origin. "
                             "Retrain with `tonekit train`, which writes both files")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelLoadError(f"{meta_path}: unreadable ({error}); retrain with `tonekit train`") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("artifact_sha256"), str):
        raise ModelLoadError(f"{meta_path}: no artifact_sha256; retrain with `tonekit train`")
    return meta


def write_training_records(folder: Path, records: Iterable[Mapping[str, Any]]) -> Path:
    """Keep the records a model was trained on beside it (id, text, label, group, source)."""
    path = Path(folder) / TRAINING_RECORDS
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(dict(record), ensure_ascii=False) + "\n")
    return path


def read_training_records(folder: Path) -> list[dict[str, Any]] | None:
    """The records a model folder kept, or None when it kept none."""
    path = Path(folder) / TRAINING_RECORDS
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def read_phrasebook_copy(folder: Path) -> Phrasebook | None:
    """The phrasebook a model was trained with, from its folder; None when it kept none."""
    path = Path(folder) / PHRASEBOOK_COPY
    return parse_phrasebook(path.read_text(encoding="utf-8"), str(path)) if path.exists() else None


def read_stopwords_copy(folder: Path) -> list[str] | None:
    """The stopwords a model was trained with, from its folder; None for a model saved before
    the folder kept them (its stopwords were not recorded)."""
    path = Path(folder) / STOPWORDS_COPY
    return parse_data_lines(path.read_text(encoding="utf-8")) if path.exists() else None


def _write_artifacts(model: ToneModel, out: Path) -> dict[str, str]:
    """The scoring artifact (arrays and spec) and, when the model has them, the estimators for
    retraining; the sha256 of each file written, by name."""
    write_scoring_artifact(model, out / ARTIFACT, out / SCORING_SPEC)
    written = [ARTIFACT, SCORING_SPEC]
    if model.estimator is not None:
        joblib.dump((model.estimator, model.naive_bayes), out / ESTIMATORS, compress=3)
        written.append(ESTIMATORS)
    return {name: sha256_file(out / name) for name in written}


def _refuse_existing(out: Path) -> None:
    if (out / META).exists() or (out / ARTIFACT).exists() or (out / LEGACY_ARTIFACT).exists():
        raise ModelLoadError(f"{out}: a model is already there; choose a new --out folder "
                             "(models are versioned, never overwritten)")


def save_model(model: ToneModel, out: Path | str, *, report: dict[str, Any], config: dict[str, Any],
               annotations: Path | str, records: Iterable[Mapping[str, Any]] | None = None,
               phrasebook: Phrasebook | None = None) -> Path:
    """Write the scoring artifact and the estimators, then ``meta.json`` with their sha256 and
    the training provenance.

    With ``records`` (:meth:`tonekit.training.TrainingData.records`) and ``phrasebook``, the
    folder also keeps the training records and the text of every data file that shaped the
    features (phrasebook, stopwords), with their sha256 in ``meta.json``, so the promotion gate
    can retrain this model's recipe later without the annotations it came from."""
    out = Path(out)
    _refuse_existing(out)
    out.mkdir(parents=True, exist_ok=True)
    extras = _write_artifacts(model, out)
    data_files: dict[str, str] = {}
    if records is not None:
        extras[TRAINING_RECORDS] = sha256_file(write_training_records(out, records))
    if phrasebook is not None and phrasebook.text:
        (out / PHRASEBOOK_COPY).write_text(phrasebook.text, encoding="utf-8")
        extras[PHRASEBOOK_COPY] = data_files[PHRASEBOOK_COPY] = sha256_file(out / PHRASEBOOK_COPY)
    if records is not None:  # the features used the shipped stopwords (FeatureSpace.fit's default)
        (out / STOPWORDS_COPY).write_text(read_data_text(STOPWORDS_FILE), encoding="utf-8")
        extras[STOPWORDS_COPY] = data_files[STOPWORDS_COPY] = sha256_file(out / STOPWORDS_COPY)
    meta = {
        "format": MODEL_FORMAT,
        "name": out.name,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": _versions(),
        "artifact": ARTIFACT,
        "artifact_sha256": extras.pop(ARTIFACT),
        "artifact_bytes": (out / ARTIFACT).stat().st_size,
        "annotations": {"path": str(annotations), "sha256": annotation_snapshot(Path(annotations)),
                        "records": report.get("records")},
        "phrasebook": report.get("phrasebook"),
        "files_sha256": extras,
        "data_sha256": data_files,
        "labels": list(model.labels),
        "index_weights": dict(model.index_weights),
        "config": config,
        "evaluation": report,
    }
    (out / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def convert_model(source: Path | str, out: Path | str) -> Path:
    """Rewrite a model of an older, pickled format (``model.joblib``) as a new folder ``out`` in
    today's format: the scoring artifact, the estimators, the same training records, data copies
    and ``meta.json`` provenance, plus a ``converted`` entry naming the source and its sha256.
    The source is unpickled (after its sha256 check), so convert only models you trust; the
    converted model scores exactly as the source did."""
    source, out = resolve_model_dir(source), Path(out)
    _refuse_existing(out)
    model = load_model(source, trusted=True)
    old = read_meta(source)
    if old.get("format") == MODEL_FORMAT:
        raise ModelLoadError(f"{source}: already in format {MODEL_FORMAT}; nothing to convert")
    out.mkdir(parents=True, exist_ok=True)
    extras = _write_artifacts(model, out)
    kept = {name: digest for name, digest in (old.get("files_sha256") or {}).items() if (source / name).is_file()}
    for name in kept:
        (out / name).write_bytes((source / name).read_bytes())
    meta = {**old, "format": MODEL_FORMAT, "name": out.name, "artifact": ARTIFACT,
            "artifact_sha256": extras.pop(ARTIFACT), "artifact_bytes": (out / ARTIFACT).stat().st_size,
            "files_sha256": {**kept, **extras},
            "converted": {"from": old.get("name", source.name), "from_format": old.get("format"),
                          "from_sha256": old["artifact_sha256"], "tonekit": _versions()["tonekit"],
                          "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}}
    (out / META).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def set_default(models_dir: Path | str, name: str) -> Path:
    """Point ``models_dir/DEFAULT`` at the model folder ``name`` (written atomically)."""
    models_dir = Path(models_dir)
    read_meta(models_dir / name)
    pointer = models_dir / POINTER
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, pointer)
    return pointer


def _check_sha256(path: Path, expected: str | None, source: str, consequence: str) -> None:
    if not path.is_file():
        raise ModelLoadError(f"{path.parent}: {path.name} is missing; retrain with `tonekit train`")
    actual = sha256_file(path)
    if expected is not None and actual != expected:
        raise ModelLoadError(f"{path}: sha256 {actual[:12]}... does not match {source} ({expected[:12]}...); "
                             f"the file changed after training and {consequence}. Retrain with `tonekit train` or "
                             "restore the original file")


def _check_format(folder: Path, meta: Mapping[str, Any], trusted: bool) -> None:
    found = meta.get("format")
    trained_with = (meta.get("versions") or {}).get("tonekit", "?")
    if isinstance(found, int) and not isinstance(found, bool) and found > MODEL_FORMAT:
        raise ModelLoadError(f"{folder}: model format {found} was written by a newer tonekit ({trained_with}); "
                             f"this tonekit {_versions()['tonekit']} reads formats up to {MODEL_FORMAT}. Upgrade: "
                             "pip install --upgrade tonekit")
    if found == MODEL_FORMAT:
        return
    if found in LEGACY_FORMATS and (folder / LEGACY_ARTIFACT).is_file():
        if not trusted:
            raise ModelLoadError(f"{folder}: a pickled model of format {found} (tonekit {trained_with}); loading it "
                                 "would unpickle code, which tonekit does only for a model you trust: "
                                 "load_model(path, trusted=True), or convert it once with `tonekit convert-model "
                                 f"{folder} --out NEW_FOLDER` (it then loads without unpickling)")
        return
    raise ModelLoadError(f"{folder}: model format {found!r} was written by another tonekit ({trained_with}); this one "
                         f"reads format {MODEL_FORMAT} (and older pickled formats with trusted=True). Retrain with "
                         "`tonekit train`")


def verify_model(path: Path | str | None = None, *, expected_sha256: str | None = None,
                 trusted: bool = False) -> Path:
    """Every check :func:`load_model` makes, without loading: the artifact to load.

    A parent process that hands the loading to workers calls this to fail fast."""
    folder = resolve_model_dir(path)
    meta = read_meta(folder)
    _check_format(folder, meta, trusted)
    legacy = meta.get("format") != MODEL_FORMAT
    artifact = folder / (LEGACY_ARTIFACT if legacy else ARTIFACT)
    consequence = "will not be unpickled" if legacy else "will not be loaded"
    for source, expected in (("meta.json", meta["artifact_sha256"]), ("expected_sha256", expected_sha256)):
        _check_sha256(artifact, expected, source, consequence)
    if not legacy:
        spec_sha = (meta.get("files_sha256") or {}).get(SCORING_SPEC)
        if not isinstance(spec_sha, str):
            raise ModelLoadError(f"{folder / META}: no sha256 for {SCORING_SPEC}; retrain with `tonekit train`")
        _check_sha256(folder / SCORING_SPEC, spec_sha, "meta.json", consequence)
    trained = meta.get("versions", {})
    current = _versions()
    differing = [f"{name} {trained.get(name)} (now {current[name]})" for name in ("scikit-learn", "numpy", "scipy")
                 if trained.get(name) not in (None, current[name])]
    if differing and legacy:
        warnings.warn(f"{folder.name} was trained with {', '.join(differing)}; retrain with `tonekit train` "
                      "if scores look wrong", ModelVersionWarning, stacklevel=2)
    return artifact


def _register_pickled_paths() -> None:
    """Let the unpickler find classes under the module paths older models recorded."""
    for old, new in _PICKLED_MODULES.items():
        if old not in sys.modules:
            sys.modules[old] = importlib.import_module(new)


def load_model(path: Path | str | None = None, *, expected_sha256: str | None = None,
               trusted: bool = False) -> ToneModel:
    """Load a model folder to score, after checking its files against ``meta.json`` (and, if
    given, the artifact against ``expected_sha256``).

    Today's format is arrays and JSON: nothing is unpickled. A model of an older, pickled format
    loads only with ``trusted=True`` (unpickling runs code; convert it with
    :func:`convert_model`)."""
    artifact = verify_model(path, expected_sha256=expected_sha256, trusted=trusted)
    if artifact.name == LEGACY_ARTIFACT:
        _register_pickled_paths()
        model = joblib.load(artifact)
        if not isinstance(model, ToneModel):
            raise ModelLoadError(f"{artifact}: holds a {type(model).__name__}, not a tonekit ToneModel")
        return model
    try:
        return read_scoring_artifact(artifact, artifact.parent / SCORING_SPEC)
    except (ArtifactError, OSError, zipfile.BadZipFile) as error:
        raise ModelLoadError(f"{artifact.parent}: the scoring artifact is unreadable ({error}); retrain with "
                             "`tonekit train`") from None


def load_estimators(path: Path | str | None = None) -> tuple[Any, Any]:
    """The scikit-learn estimators a model was fitted with (logistic regression, naive Bayes or
    None), for retraining and inspection; this unpickles, after the sha256 check."""
    folder = resolve_model_dir(path)
    meta = read_meta(folder)
    _check_format(folder, meta, trusted=True)
    if meta.get("format") != MODEL_FORMAT:
        model = load_model(folder, trusted=True)
        return model.estimator, model.naive_bayes
    expected = (meta.get("files_sha256") or {}).get(ESTIMATORS)
    if not isinstance(expected, str):
        raise ModelLoadError(f"{folder}: kept no {ESTIMATORS} (a converted or scoring-only model); retrain with "
                             "`tonekit train` to get the estimators")
    _check_sha256(folder / ESTIMATORS, expected, "meta.json", "will not be unpickled")
    estimator, naive_bayes = joblib.load(folder / ESTIMATORS)
    return estimator, naive_bayes
