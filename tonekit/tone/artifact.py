"""The scoring artifact: everything :class:`~tonekit.tone.model.ToneModel` needs to score, as
plain numpy arrays (``scoring.npz``) and a JSON spec (``scoring.json``).

Loading reads them with ``numpy.load(..., allow_pickle=False)`` and ``json.loads``, so opening a
model to score runs no unpickler: a model file from a stranger can at worst hold wrong numbers,
never code. The scikit-learn estimators a model was fitted with are kept apart (see
:mod:`tonekit.tone.store`), for retraining only.

Every field of :class:`~tonekit.tone.features.FeatureSpace` has one entry in :data:`_SPACE_FIELDS`;
writing refuses a space with a field this module does not know, so a new feature block cannot
be silently dropped from saved models.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np

from .features import FeatureConfig, FeatureSpace, _IntTable, _Vocabulary
from .model import ToneModel

__all__ = ["SCORING_FORMAT", "write_scoring_artifact", "read_scoring_artifact", "ArtifactError"]

# Bumped when the arrays or the spec change meaning; the model format (meta.json) names it too.
SCORING_FORMAT = 1
_ARRAYS = ("unigram_col", "negated_col", "stem_col", "is_negator", "is_break", "opens_sentence", "phrase1_col",
           "phrase1_tone", "phrase_any_start")
_SPACE_FIELDS = frozenset({*_ARRAYS, "config", "token_ids", "names", "stem_ids", "name_id", "bigrams",
                           "phrase_tables", "phrase_start", "phrase_second", "tone_of_phrase_col"})
_CACHES = frozenset({"_py"})  # derived on first use, never stored


class ArtifactError(ValueError):
    """A scoring artifact that is incomplete or inconsistent (the loader turns it into a
    :class:`~tonekit.errors.ModelLoadError` naming the file)."""


def _pack(items: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Byte strings as one uint8 blob and the end offset of each."""
    blob = np.frombuffer(b"".join(items), dtype=np.uint8)
    ends = np.cumsum([len(item) for item in items], dtype=np.int64)
    return blob, ends


def _unpack(blob: np.ndarray, ends: np.ndarray) -> list[bytes]:
    data = blob.tobytes()
    starts = [0, *ends[:-1].tolist()]
    return [data[a:b] for a, b in zip(starts, ends.tolist())]


def _space_arrays(space: FeatureSpace) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    known = {f.name for f in fields(space)} - _CACHES
    if known != _SPACE_FIELDS:
        raise ArtifactError(f"FeatureSpace fields {sorted(known ^ _SPACE_FIELDS)} are not covered by the scoring "
                            "artifact; teach tonekit/tone/artifact.py to store them")
    arrays = {name: np.asarray(getattr(space, name)) for name in _ARRAYS}
    tokens = sorted(space.token_ids.items(), key=lambda item: item[1])
    arrays["vocab_bytes"], arrays["vocab_ends"] = _pack([token for token, _ in tokens])
    arrays["vocab_ids"] = np.array([i for _, i in tokens], dtype=np.int64)
    arrays["names_bytes"], arrays["names_ends"] = _pack([name.encode("utf-8") for name in space.names])
    stems = sorted(space.stem_ids.items())
    arrays["stem_bytes"], arrays["stem_ends"] = _pack([stem for stem, _ in stems])
    arrays["stem_cols"] = np.array([column for _, column in stems], dtype=np.int64)
    arrays["bigram_keys"], arrays["bigram_values"] = space.bigrams.keys, space.bigrams.values
    for length, (table, rows) in space.phrase_tables.items():
        arrays[f"phrase{length}_keys"], arrays[f"phrase{length}_values"] = table.keys, table.values
        arrays[f"phrase{length}_rows"] = rows
    for length, starts in space.phrase_start.items():
        arrays[f"phrase{length}_start"] = starts
    for length, seconds in space.phrase_second.items():
        arrays[f"phrase{length}_second"] = seconds
    tone_of = sorted(space.tone_of_phrase_col.items())
    arrays["tone_of_phrase_keys"] = np.array([k for k, _ in tone_of], dtype=np.int64)
    arrays["tone_of_phrase_values"] = np.array([v for _, v in tone_of], dtype=np.int64)
    spec = {"feature_config": asdict(space.config), "name_id": int(space.name_id),
            # in the dicts' own order: the encoder concatenates hits in it, and float sums follow
            "phrase_tables": list(space.phrase_tables), "phrase_start": list(space.phrase_start),
            "phrase_second": list(space.phrase_second)}
    return arrays, spec


def _space(arrays: Mapping[str, np.ndarray], spec: Mapping[str, Any]) -> FeatureSpace:
    vocabulary = _Vocabulary(zip(_unpack(arrays["vocab_bytes"], arrays["vocab_ends"]),
                                 arrays["vocab_ids"].tolist()))
    stems = dict(zip(_unpack(arrays["stem_bytes"], arrays["stem_ends"]), arrays["stem_cols"].tolist()))
    return FeatureSpace(
        config=FeatureConfig(**spec["feature_config"]),
        token_ids=vocabulary,
        names=[name.decode("utf-8") for name in _unpack(arrays["names_bytes"], arrays["names_ends"])],
        stem_ids=stems,
        name_id=int(spec["name_id"]),
        bigrams=_IntTable.from_slots(arrays["bigram_keys"], arrays["bigram_values"]),
        phrase_tables={int(n): (_IntTable.from_slots(arrays[f"phrase{n}_keys"], arrays[f"phrase{n}_values"]),
                                arrays[f"phrase{n}_rows"]) for n in spec["phrase_tables"]},
        phrase_start={int(n): arrays[f"phrase{n}_start"] for n in spec["phrase_start"]},
        phrase_second={int(n): arrays[f"phrase{n}_second"] for n in spec["phrase_second"]},
        tone_of_phrase_col=dict(zip(arrays["tone_of_phrase_keys"].tolist(), arrays["tone_of_phrase_values"].tolist())),
        **{name: arrays[name] for name in _ARRAYS},
    )


def write_scoring_artifact(model: ToneModel, arrays_path: Path, spec_path: Path) -> None:
    """Write ``model``'s scoring state: the arrays to ``arrays_path`` (.npz), the rest to
    ``spec_path`` (JSON). The weights are the experts' combined log-odds before calibration;
    the temperature is in the spec."""
    arrays, space_spec = _space_arrays(model.space)
    weights, bias, fitted = model._fitted_linear()
    arrays["weights"], arrays["bias"] = weights, bias
    spec = {"scoring_format": SCORING_FORMAT, "fitted_labels": list(fitted), "label_order": list(model.label_order),
            "temperature": float(model.temperature), "index_weights": dict(model.index_weights),
            "feature_space": space_spec}
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]  # the stub types every keyword as allow_pickle (bool)
    Path(arrays_path).write_bytes(buffer.getvalue())
    Path(spec_path).write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_scoring_artifact(arrays_path: Path, spec_path: Path) -> ToneModel:
    """The scoring model stored by :func:`write_scoring_artifact`; no pickle is ever read.
    Raises :class:`ArtifactError` (or OSError) when the files are incomplete."""
    try:
        spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArtifactError(f"{Path(spec_path).name} is not JSON ({error})") from None
    if not isinstance(spec, dict) or spec.get("scoring_format") != SCORING_FORMAT:
        found = spec.get("scoring_format") if isinstance(spec, dict) else None
        raise ArtifactError(f"{Path(spec_path).name} has scoring format {found!r}; this tonekit reads "
                            f"{SCORING_FORMAT}")
    try:
        with np.load(arrays_path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        space = _space(arrays, spec["feature_space"])
        fitted = tuple(str(label) for label in spec["fitted_labels"])
        weights, bias = arrays["weights"], arrays["bias"]
        if weights.shape != (space.n_columns, len(fitted)) or bias.shape != (len(fitted),):
            raise ArtifactError(f"weights {weights.shape} and bias {bias.shape} do not fit {space.n_columns} "
                                f"feature columns and {len(fitted)} labels")
        model = ToneModel.from_linear(space, weights, bias, fitted, temperature=float(spec["temperature"]),
                                      index_weights={str(k): float(v) for k, v in spec["index_weights"].items()},
                                      label_order=tuple(spec["label_order"]))
    except (KeyError, TypeError) as error:
        raise ArtifactError(f"the scoring artifact lacks or mistypes {error}") from None
    except ValueError as error:
        if isinstance(error, ArtifactError):
            raise
        raise ArtifactError(str(error)) from None
    return model
