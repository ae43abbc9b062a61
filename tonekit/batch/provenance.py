"""Which run made a result: the model (folder name and sha256 prefix of its artifact), the
tonekit version and the extraction mode actually used ("auto" resolved).

Every batch record carries it as one ``"provenance"`` field, error records included. A resume
into a results file continues only when the file's records were made by the same model in the
same mode (:func:`resume_key`); the tonekit version is recorded but does not block a resume.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["PROVENANCE_FIELD", "PROVENANCE_KEYS", "SHA_PREFIX", "run_provenance", "record_provenance", "resume_key",
           "describe_provenance", "ProvenanceCount"]

PROVENANCE_FIELD = "provenance"
SHA_PREFIX = 12  # hex characters of the artifact's sha256 kept in each record
PROVENANCE_KEYS = ("model", "model_sha256", "tonekit", "mode")


def run_provenance(model: str | Path | None, mode: str) -> dict[str, str]:
    """The provenance of a run scoring with ``model`` (a model folder, a ``models/`` folder with a
    ``DEFAULT`` pointer, or None: the default model) in ``mode`` ("auto" is resolved here). The
    sha256 is the one ``meta.json`` records, which loading checks against the artifact."""
    from .. import __version__
    from ..quotes import resolve_mode
    from ..tone import read_meta, resolve_model_dir

    folder = resolve_model_dir(None if model is None else Path(model).resolve())
    meta = read_meta(folder)
    return {"model": folder.name, "model_sha256": str(meta["artifact_sha256"])[:SHA_PREFIX],
            "tonekit": __version__, "mode": resolve_mode(mode)}


def record_provenance(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The provenance a result record carries, or None (a record written before provenance)."""
    value = record.get(PROVENANCE_FIELD)
    return dict(value) if isinstance(value, Mapping) else None


def resume_key(provenance: Mapping[str, Any]) -> tuple[Any, Any, Any]:
    """What must agree to append to a results file: the model (name and sha256) and the mode."""
    return provenance.get("model"), provenance.get("model_sha256"), provenance.get("mode")


def describe_provenance(provenance: Mapping[str, Any] | None) -> str:
    """One line for messages and the report: ``model tone-x (sha256 0123456789ab), mode fast, tonekit 0.1.0``."""
    if provenance is None:
        return "unknown provenance (written before results recorded their model)"
    return (f"model {provenance.get('model')} (sha256 {provenance.get('model_sha256')}), "
            f"mode {provenance.get('mode')}, tonekit {provenance.get('tonekit')}")


class ProvenanceCount:
    """The distinct provenances of a stream of records and how many records carry each, in order
    of first appearance; records without one count under None."""

    def __init__(self) -> None:
        self._counts: dict[tuple[Any, ...], list[Any]] = {}

    def add(self, record: Mapping[str, Any]) -> None:
        """Count ``record`` under its provenance (records without one count as unknown)."""
        found = record_provenance(record)
        key = ("unknown",) if found is None else tuple(sorted((str(k), str(v)) for k, v in found.items()))
        self._counts.setdefault(key, [found, 0])[1] += 1

    def __iter__(self) -> Iterator[tuple[dict[str, Any] | None, int]]:
        return iter([(found, n) for found, n in self._counts.values()])

    def __len__(self) -> int:
        return len(self._counts)
