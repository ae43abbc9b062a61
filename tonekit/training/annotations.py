"""The annotation corpus: schema, validation with file:line problems, statistics, agreement.

Annotations are JSON Lines files under ``annotations/`` (any depth). The label set is data: the
fenced ``labels`` block of ``GUIDELINE.md`` in the annotations folder. Validation never changes
a file; it returns every problem it finds.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import AnnotationError
from ..tone import DEFAULT_LABELS

__all__ = ["FIELDS", "OPTIONAL_FIELDS", "Problem", "load_labels", "iter_files", "check", "seed_note", "seeds_folder",
           "load_records",
           "cohen_kappa", "stats", "DEFAULT_LABELS"]

FIELDS = ("id", "text", "label", "source", "doc", "start", "end", "speaker", "kind", "register", "votes", "note")
OPTIONAL_FIELDS = ("side",)  # the country or organisation the speaker represents
KINDS = ("direct", "indirect", None)
_LABELS_BLOCK = re.compile(r"```labels\s*\n(.*?)```", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an annotation file, where it is and why."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _label_lines(folder: Path) -> list[list[str]]:
    guideline = folder / "GUIDELINE.md"
    if not guideline.exists():
        return [[label] for label in DEFAULT_LABELS]
    match = _LABELS_BLOCK.search(guideline.read_text(encoding="utf-8"))
    if match is None:
        return [[label] for label in DEFAULT_LABELS]
    return [line.split() for line in match.group(1).splitlines() if line.strip()]


def load_labels(folder: Path) -> tuple[str, ...]:
    """The label set declared in ``folder/GUIDELINE.md`` (its ``labels`` block)."""
    return tuple(parts[0] for parts in _label_lines(Path(folder)))


def load_label_weights(folder: Path) -> dict[str, float]:
    """Tone-index weights given in the ``labels`` block as ``label weight`` (e.g. ``hostile -1``).

    Labels without a weight keep the built-in one (``tonekit.tone.INDEX_WEIGHTS``) or weigh 0 if
    they are new.
    """
    weights: dict[str, float] = {}
    for parts in _label_lines(Path(folder)):
        if len(parts) >= 2:
            try:
                weight = float(parts[1])
            except ValueError:
                raise AnnotationError(f"{folder / 'GUIDELINE.md'}: labels block: weight {parts[1]!r} of "
                                      f"{parts[0]!r} is not a number") from None
            if not -1.0 <= weight <= 1.0:
                raise AnnotationError(f"{folder / 'GUIDELINE.md'}: labels block: weight of {parts[0]!r} "
                                      f"must lie in [-1, 1], got {weight}")
            weights[parts[0]] = weight
    return weights


def iter_files(folder: Path) -> list[Path]:
    """Every ``.jsonl`` file under ``folder``, sorted: the annotation files of a corpus."""
    return sorted(p for p in folder.rglob("*.jsonl") if p.is_file())


def _record_problems(record: Any, labels: tuple[str, ...], seeds: Path) -> list[str]:
    if not isinstance(record, dict):
        return ["a record must be a JSON object"]
    out = []
    missing = [f for f in FIELDS if f not in record]
    unknown = [f for f in record if f not in FIELDS and f not in OPTIONAL_FIELDS]
    if missing:
        out.append(f"missing field(s): {', '.join(missing)}")
    if unknown:
        out.append(f"unknown field(s): {', '.join(unknown)} (schema: {', '.join(FIELDS + OPTIONAL_FIELDS)})")
    if not isinstance(record.get("id"), str) or not record.get("id", "").strip():
        out.append("id must be a non-empty string")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        out.append("text is empty")
    label = record.get("label")
    if "label" in record and label not in labels:
        out.append(f"label {label!r} is not in the guideline's label set ({', '.join(labels)}); "
                   "declare new labels in GUIDELINE.md's labels block")
    if "source" in record and (not isinstance(record["source"], str) or not record["source"].strip()):
        out.append("source must be a non-empty string (seed, authored, or your own)")
    if "kind" in record and record["kind"] not in KINDS:
        out.append(f"kind must be direct, indirect or null, not {record['kind']!r}")
    votes = record.get("votes")
    if "votes" in record:
        if not isinstance(votes, list) or not all(isinstance(v, dict) and set(v) == {"by", "label"} for v in votes):
            out.append('votes must be a list of {"by": ..., "label": ...}')
        else:
            bad = [v["label"] for v in votes if v["label"] not in labels]
            if bad:
                out.append(f"vote label(s) not in the label set: {', '.join(map(repr, bad))}")
    start, end = record.get("start"), record.get("end")
    if record.get("source") == "seed":
        out.extend(_seed_problems(record, seeds))
    elif (start is None) != (end is None) or not all(v is None or isinstance(v, int) for v in (start, end)):
        out.append("start and end must both be integers or both null")
    return out


def _seed_problems(record: dict[str, Any], seeds: Path) -> list[str]:
    start, end, doc = record.get("start"), record.get("end"), record.get("doc")
    if not isinstance(start, int) or not isinstance(end, int):
        return ["seed records need integer start and end offsets into seeds/<doc>"]
    if not seeds.is_dir():  # no articles to check against (see seed_note): the record's own consistency
        text = record.get("text")
        if not isinstance(doc, str) or not doc.strip():
            return ["seed records need doc, the file name of their article in seeds/"]
        if not 0 <= start < end or not isinstance(text, str) or end - start != len(text):
            return [f"offsets {start}:{end} cannot hold the record's text ({len(text) if isinstance(text, str) else 0} "
                    "characters)"]
        return []
    path = seeds / str(doc)
    if not path.is_file():
        return [f"doc {doc!r} is not a file in {seeds}"]
    seed = path.read_text(encoding="utf-8")
    if seed[start:end] != record.get("text"):
        return [f"offsets {start}:{end} do not match the seed text (seeds/{doc} has {seed[start:end][:40]!r})"]
    return []


def seeds_folder(folder: Path, seeds: Path | None = None) -> Path:
    """Where the seed records' articles are looked for: ``seeds``, else ``seeds/`` beside the
    annotations folder (as in a workspace and in this repository)."""
    return Path(seeds) if seeds is not None else Path(folder).parent / "seeds"


def seed_note(folder: Path, seeds: Path | None = None) -> str | None:
    """What :func:`check` could not check, or None: without the seed articles, seed records are
    checked for their own consistency only."""
    where = seeds_folder(folder, seeds)
    if where.is_dir():
        return None
    count = 0
    for path in iter_files(Path(folder)) if Path(folder).is_dir() else ():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # check() reports it
            count += isinstance(record, dict) and record.get("source") == "seed"
    if not count:
        return None
    return (f"note: {where} is not a folder, so {count} seed record(s) were checked for their own consistency only, "
            "not against their articles; pass --seeds DIR (or work in a workspace: `tonekit init DIR`) to check them")


def check(folder: Path, seeds: Path | None = None) -> list[Problem]:
    """Every problem in every annotation file of ``folder``; an empty list means valid."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem(folder, 0, "not a folder of annotation files")]
    seeds = seeds_folder(folder, seeds)
    labels = load_labels(folder)
    problems: list[Problem] = []
    first_seen: dict[str, tuple[Path, int]] = {}
    files = iter_files(folder)
    if not files:
        problems.append(Problem(folder, 0, "no .jsonl annotation files found"))
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                problems.append(Problem(path, lineno, "blank line"))
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(path, lineno, f"bad JSON: {exc.msg} (column {exc.colno})"))
                continue
            problems.extend(Problem(path, lineno, m) for m in _record_problems(record, labels, seeds))
            rid = record.get("id") if isinstance(record, dict) else None
            if isinstance(rid, str):
                if rid in first_seen:
                    where = first_seen[rid]
                    problems.append(Problem(path, lineno, f"duplicate id {rid!r} (first at {where[0]}:{where[1]})"))
                else:
                    first_seen[rid] = (path, lineno)
    return problems


def load_records(folder: Path) -> list[dict[str, Any]]:
    """All records of ``folder``, in file order. Call :func:`check` first: this does not validate."""
    return [json.loads(line) for path in iter_files(Path(folder))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa of two annotators' labels (1 = perfect, 0 = chance)."""
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def stats(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts per label, source, register and speaker side, and agreement per source."""
    by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in records:
        votes = r.get("votes") or []
        if len(votes) >= 2:
            by_source[r["source"]].append((votes[0]["label"], votes[1]["label"]))
    agreement = {source: {"records": len(pairs), "observed": sum(a == b for a, b in pairs) / len(pairs),
                          "kappa": cohen_kappa(pairs)} for source, pairs in sorted(by_source.items())}
    return {
        "records": len(records),
        "label": dict(Counter(r["label"] for r in records).most_common()),
        "source": dict(Counter(r["source"] for r in records).most_common()),
        "register": dict(Counter(r.get("register") or "-" for r in records).most_common()),
        "side": dict(Counter(r.get("side") or "-" for r in records).most_common()),
        "agreement": agreement,
    }
