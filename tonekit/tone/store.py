"""Models on disk: ``models/<name>/model.joblib`` plus ``meta.json`` (provenance, sha256s,
configuration, evaluation), the records the model was trained on (``training.jsonl.gz``), copies
of the data files that shaped its features (``phrasebook.tsv``, ``stopwords.txt``), and
``models/DEFAULT``, a pointer file naming the default model. This module is the only one that
knows that layout, and where the default model is found: ``$TONEKIT_MODEL``, the source
checkout's ``models/``, or the copy shipped inside the installed package (``tonekit/_models``).

Unpickling runs code, so :func:`load_model` refuses an artifact whose sha256 differs from the
one recorded at training time, and a folder without ``meta.json``. Only load models you or
someone you trust trained: a matching sha256 proves the files agree, not who wrote them.
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
from datetime import datetime, timezone
from importlib import metadata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import joblib

from ..errors import ModelLoadError, ModelVersionWarning
from ..resources import parse_data_lines, read_data_text
from .features import STOPWORDS_FILE
from .model import MODEL_FORMAT, ToneModel
from .phrasebook import Phrasebook, parse_phrasebook

__all__ = ["save_model", "load_model", "verify_model", "read_meta", "annotation_snapshot", "default_models_dir",
           "locate_default_models", "checkout_models_dir", "model_info", "resolve_model_dir", "SOURCES",
           "PACKAGED_MODELS", "set_default", "write_training_records", "read_training_records",
           "read_phrasebook_copy", "read_stopwords_copy", "ARTIFACT", "META", "POINTER", "TRAINING_RECORDS",
           "PHRASEBOOK_COPY", "STOPWORDS_COPY"]

ARTIFACT = "model.joblib"
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
SOURCES = ("env", "checkout", "package")
# the package's own copy: setup.py maps the data package tonekit._models onto models/ at build time
PACKAGED_MODELS = Path(__file__).resolve().parents[1] / "_models"


def checkout_models_dir() -> Path | None:
    """The ``models/`` folder of the source checkout tonekit runs from (an editable install or
    the checkout on ``sys.path``), or None when tonekit runs from an installed package."""
    root = Path(__file__).resolve().parents[2]
    try:
        is_checkout = 'name = "tonekit"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        is_checkout = False
    return root / "models" if is_checkout else None


def _holds_model(folder: Path) -> bool:
    return (folder / POINTER).is_file() or (folder / META).is_file()


def locate_default_models() -> tuple[Path, str]:
    """The folder the default model comes from and which source it is (one of :data:`SOURCES`):
    ``$TONEKIT_MODEL`` if set (a model folder, or a ``models/`` folder with a ``DEFAULT``
    pointer), else the ``models/`` folder of this source checkout when tonekit runs from one and
    it holds a model, else the model shipped inside the installed package. Raises
    :class:`ModelLoadError` naming every place it looked when none holds a model."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env), "env"
    looked = [f"${MODEL_ENV} (not set)"]
    checkout = checkout_models_dir()
    if checkout is not None:
        if _holds_model(checkout):
            return checkout, "checkout"
        looked.append(f"the checkout's {checkout} (no {POINTER} pointer)")
    if _holds_model(PACKAGED_MODELS):
        return PACKAGED_MODELS, "package"
    looked.append(f"the installed package's {PACKAGED_MODELS} (not there: this tonekit was installed without "
                  "its model)" if checkout is None else f"the package's {PACKAGED_MODELS} (only built wheels have it)")
    raise ModelLoadError("no tone model found; looked at " + ", ".join(looked) + ". Fix: point $TONEKIT_MODEL "
                         "(or --model) at a model folder, reinstall tonekit from a wheel or sdist (they ship the "
                         "default model), or train one with `tonekit train --out models/NAME` in a checkout")


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
    if (folder / POINTER).is_file() and not (folder / META).exists():
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
        if not name or "/" in name or "\\" in name or name in {".", ".."}:
            raise ModelLoadError(f"{folder / POINTER}: must hold the name of a model folder in {folder}, "
                                 f"got {name!r}")
        folder = folder / name
    hint = {"argument": "pass a model folder (holding meta.json and model.joblib) or a models/ folder with a "
                        "DEFAULT pointer",
            "env": f"${MODEL_ENV} names it; point it at a model folder or a models/ folder with a DEFAULT pointer, "
                   "or unset it to use the default model",
            "checkout": f"fix the checkout's {POINTER} pointer, or train one with `tonekit train --out models/NAME`",
            "package": "the installed package is incomplete; reinstall tonekit, or point "
                       f"${MODEL_ENV} at a model folder"}[source]
    if not folder.is_dir():
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
        raise ModelLoadError(f"{folder}: no {META}; refusing to unpickle an artifact of unknown origin. "
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


def save_model(model: ToneModel, out: Path | str, *, report: dict[str, Any], config: dict[str, Any],
               annotations: Path | str, records: Iterable[Mapping[str, Any]] | None = None,
               phrasebook: Phrasebook | None = None) -> Path:
    """Write the artifact, then ``meta.json`` with its sha256 and the training provenance.

    With ``records`` (:meth:`tonekit.training.TrainingData.records`) and ``phrasebook``, the
    folder also keeps the training records and the text of every data file that shaped the
    features (phrasebook, stopwords), with their sha256 in ``meta.json``, so the promotion gate
    can retrain this model's recipe later without the annotations it came from."""
    out = Path(out)
    if (out / META).exists() or (out / ARTIFACT).exists():
        raise ModelLoadError(f"{out}: a model is already there; choose a new --out folder "
                             "(models are versioned, never overwritten)")
    out.mkdir(parents=True, exist_ok=True)
    artifact = out / ARTIFACT
    joblib.dump(model, artifact, compress=3)
    extras: dict[str, str] = {}
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
        "artifact_sha256": sha256_file(artifact),
        "artifact_bytes": artifact.stat().st_size,
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


def set_default(models_dir: Path | str, name: str) -> Path:
    """Point ``models_dir/DEFAULT`` at the model folder ``name`` (written atomically)."""
    models_dir = Path(models_dir)
    read_meta(models_dir / name)
    pointer = models_dir / POINTER
    tmp = pointer.with_suffix(".tmp")
    tmp.write_text(name + "\n", encoding="utf-8")
    os.replace(tmp, pointer)
    return pointer


def verify_model(path: Path | str | None = None, *, expected_sha256: str | None = None) -> Path:
    """Every check :func:`load_model` makes, without unpickling: the artifact to load.

    A parent process that hands the loading to workers calls this to fail fast."""
    folder = resolve_model_dir(path)
    meta = read_meta(folder)
    artifact = folder / str(meta.get("artifact", ARTIFACT))
    if not artifact.is_file():
        raise ModelLoadError(f"{folder}: {artifact.name} is missing; retrain with `tonekit train`")
    actual = sha256_file(artifact)
    for source, expected in (("meta.json", meta["artifact_sha256"]), ("expected_sha256", expected_sha256)):
        if expected is not None and actual != expected:
            raise ModelLoadError(f"{artifact}: sha256 {actual[:12]}... does not match {source} "
                                 f"({expected[:12]}...); the file changed after training and will not be "
                                 "unpickled. Retrain with `tonekit train` or restore the original file")
    if meta.get("format") != MODEL_FORMAT:
        raise ModelLoadError(f"{folder}: model format {meta.get('format')!r} was written by another tonekit; "
                             f"this one reads format {MODEL_FORMAT}. Retrain with `tonekit train`")
    trained = meta.get("versions", {})
    current = _versions()
    differing = [f"{name} {trained.get(name)} (now {current[name]})" for name in ("scikit-learn", "numpy", "scipy")
                 if trained.get(name) not in (None, current[name])]
    if differing:
        warnings.warn(f"{folder.name} was trained with {', '.join(differing)}; retrain with `tonekit train` "
                      "if scores look wrong", ModelVersionWarning, stacklevel=2)
    return artifact


def _register_pickled_paths() -> None:
    """Let the unpickler find classes under the module paths older models recorded."""
    for old, new in _PICKLED_MODULES.items():
        if old not in sys.modules:
            sys.modules[old] = importlib.import_module(new)


def load_model(path: Path | str | None = None, *, expected_sha256: str | None = None) -> ToneModel:
    """Load a model folder after checking its artifact against ``meta.json`` (and, if given,
    against ``expected_sha256``); warn if it was trained with other library versions."""
    artifact = verify_model(path, expected_sha256=expected_sha256)
    _register_pickled_paths()
    model = joblib.load(artifact)
    if not isinstance(model, ToneModel):
        raise ModelLoadError(f"{artifact}: holds a {type(model).__name__}, not a tonekit ToneModel")
    return model

