"""Pre-annotation for the retraining loop: the quotes of new articles, with the model's
suggested label, most uncertain first, and the way back into ``annotations/``.

Annotation time is best spent where the model is least sure (uncertainty sampling by margin:
the gap between the two most probable labels). A to-do file is written in the annotation
schema, with the suggestion already in ``label`` and extra fields (``suggested``, ``scores``,
``margin``, and what an annotator needs to judge the quote without the article: its ``cue``, the
``context`` around it and the ``flags`` of a span that looks broken, :mod:`.spans`); an annotator
confirms or corrects ``label`` in the JSON Lines file or in a spreadsheet (``--format csv``), and
:func:`import_todo` turns it into annotation records, checking the spans again.

The CSV opens cleanly in a spreadsheet: UTF-8 with a byte-order mark, and one line per row:
inside a cell a line break is written ``\\n`` (``\\r`` for a carriage return) and a backslash
``\\\\``; :func:`import_todo` reads them back, so the text round-trips exactly.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import annotations as annotation_store
from .spans import FLAG_MESSAGES, context_of, plain_context, span_flags
from .. import _checks
from ..errors import AnnotationError

__all__ = ["suggest", "write_todo", "import_todo", "TODO_EXTRA_FIELDS", "normalise_text", "escape_cell",
           "unescape_cell"]

TODO_EXTRA_FIELDS = ("suggested", "scores", "margin", "cue", "context", "context_start", "flags", "scored_text")
_SPACES = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form two statements are compared in: case and spacing do not make a new statement."""
    return _SPACES.sub(" ", text).strip().casefold()


def _record_id(doc: str, start: int, end: int) -> str:
    return "new-" + hashlib.sha256(f"{doc}\0{start}\0{end}".encode("utf-8")).hexdigest()[:12]


def suggest(items: Iterable[Any], *, model: Any, annotations: Path, mode: str = "auto",
            limit: int | None = None) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """To-do records for the quotes of ``items`` (:func:`tonekit.inputs.iter_items` items) not yet annotated,
    most uncertain first, and the (id, error) of inputs that could not be read."""
    from ..inputs import ItemError
    from ..quotes import extract_quotes, frame_text

    if limit is not None:
        _checks.positive_int(limit, "limit", "suggest")
    known = {normalise_text(r["text"]) for r in annotation_store.load_records(Path(annotations))
             if isinstance(r.get("text"), str)}
    records: list[dict[str, Any]] = []
    errors: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, ItemError):
            errors.append((item.id, item.error))
            continue
        for quote in extract_quotes(item.text, mode=mode):
            key = normalise_text(quote.text)
            if not key or key in known:
                continue
            known.add(key)
            context = context_of(item.text, quote.start, quote.end)
            record = {"id": _record_id(item.id, quote.start, quote.end), "text": quote.text, "label": None,
                      "source": "article", "doc": item.id, "start": quote.start, "end": quote.end,
                      "speaker": quote.speaker, "kind": quote.kind, "register": "news", "votes": [],
                      "note": None, "cue": quote.cue, "context": context.text, "context_start": context.start,
                      "flags": span_flags(quote.text, quote.start, quote.end, item.text),
                      "scored_text": frame_text(item.text, quote)}
            country = getattr(quote, "speaker_country", None)  # when extraction knows the speaker's country
            if country:
                record["side"] = country
            records.append(record)
    tones = model.score([r["scored_text"] for r in records]) if records else []
    for record, tone in zip(records, tones):
        ranked = sorted(tone.scores.values(), reverse=True)
        record.update(label=tone.label, suggested=tone.label, scores={k: round(v, 4) for k, v in tone.scores.items()},
                      margin=round(ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0), 4))
    records.sort(key=lambda r: (r["margin"], r["id"]))
    return (records[:limit] if limit else records), errors


def _csv_columns(labels: list[str]) -> list[str]:
    return ["id", "doc", "speaker", "side", "cue", "kind", "flags", "suggested", "margin", *labels, "label", "note",
            "text", "context", "scored_text", "start", "end", "context_start"]


def escape_cell(value: Any) -> Any:
    """A CSV cell on one line: backslash, line feed and carriage return as ``\\\\``, ``\\n``, ``\\r``."""
    if not isinstance(value, str):
        return value
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def unescape_cell(value: str) -> str:
    """The inverse of :func:`escape_cell`; any other backslash stays as it is."""
    if "\\" not in value:
        return value
    out, i = [], 0
    while i < len(value):
        pair = value[i:i + 2]
        if pair in ("\\\\", "\\n", "\\r"):
            out.append({"\\\\": "\\", "\\n": "\n", "\\r": "\r"}[pair])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def write_todo(records: list[dict[str, Any]], path: Path, fmt: str, labels: list[str]) -> None:
    """The to-do file: JSON Lines in the annotation schema (plus suggestions), or CSV for a
    spreadsheet (UTF-8 with a byte-order mark, line breaks inside cells escaped: see the module)."""
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_csv_columns(labels), extrasaction="ignore")
        writer.writeheader()
        for record in records:
            row = {**record, **record.get("scores", {}), "flags": "; ".join(record.get("flags") or [])}
            writer.writerow({key: escape_cell(value) for key, value in row.items()})


def _read_todo(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line, row) of a to-do file, JSON Lines or CSV by its extension (CSV cells unescaped)."""
    rows: list[tuple[int, dict[str, Any]]] = []
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                rows.append((reader.line_num, {k: unescape_cell(v) if isinstance(v, str) else v
                                               for k, v in row.items()}))
        return rows
    for lineno, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.strip():
            try:
                rows.append((lineno, json.loads(line)))
            except json.JSONDecodeError as error:
                rows.append((lineno, {"__error__": f"bad JSON: {error.msg} (column {error.colno})"}))
    return rows


def _row_flags(row: dict[str, Any], text: str, start: int | None, end: int | None) -> list[str]:
    """The span checks of :func:`.spans.span_flags` on a reviewed row, against the article
    excerpt the row carries (its ``context``) when it has one."""
    context, context_start = row.get("context"), row.get("context_start")
    try:
        offset = _int_or_none(context_start)
    except (TypeError, ValueError):
        offset = None
    if isinstance(context, str) and context and offset is not None:
        return span_flags(text, start, end, plain_context(context), offset)
    return span_flags(text, start, end)


def _int_or_none(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def import_todo(path: Path, annotations: Path, *, by: str, into: Path | None = None,
                accept_flagged: bool = False) -> tuple[Path, int]:
    """Turn a reviewed to-do file into annotation records (``label`` is the annotator's
    decision, recorded as their vote) in a new file under ``annotations/imported/``.

    Every row is checked first; any problem raises :class:`AnnotationError` listing each as
    ``file:line: reason`` and nothing is written. A span that looks broken (:mod:`.spans`:
    inside a word, an unbalanced quotation mark, text that does not match the article excerpt
    at its offsets) is such a problem, unless ``accept_flagged``: then the row is imported and
    its flags are written into its ``note``.
    """
    path, annotations = Path(path), Path(annotations)
    if not by or not by.strip():
        raise AnnotationError("--by must name who reviewed the labels (it becomes their vote)")
    labels = annotation_store.load_labels(annotations)
    existing = {r["id"] for r in annotation_store.load_records(annotations) if isinstance(r.get("id"), str)}
    target = into or annotations / "imported" / f"{path.stem}.jsonl"
    problems: list[str] = []
    if target.exists():
        problems.append(f"{target}: already exists; choose another --into file (imports never overwrite)")
    records: list[dict[str, Any]] = []
    for lineno, row in _read_todo(path):
        where = f"{path}:{lineno}"
        if "__error__" in row:
            problems.append(f"{where}: {row['__error__']}")
            continue
        label = (row.get("label") or "").strip()
        text = row.get("text")
        if label not in labels:
            problems.append(f"{where}: label {label!r} is not in the guideline's label set ({', '.join(labels)})")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: text is empty")
        if row.get("id") in existing:
            problems.append(f"{where}: id {row.get('id')!r} is already annotated")
        try:
            start, end = _int_or_none(row.get("start")), _int_or_none(row.get("end"))
        except (TypeError, ValueError):
            problems.append(f"{where}: start and end must be integers or empty")
            continue
        existing.add(row.get("id"))
        note = row.get("note") or None
        flags = _row_flags(row, text, start, end) if isinstance(text, str) and text.strip() else []
        shown = text[:60] if isinstance(text, str) else ""
        if flags and not accept_flagged:
            problems.append(f"{where}: span flagged: " + "; ".join(FLAG_MESSAGES[f] for f in flags)
                            + f" ({shown!r}); correct text, start and end to the whole quote, delete the row, "
                            "or import with --accept-flagged to keep it with the flags in its note")
        elif flags:
            note = "; ".join(filter(None, [note, "span flagged: " + ", ".join(flags)]))
        if row.get("suggested") and row.get("suggested") != label:
            note = "; ".join(filter(None, [note, f"corrected from the model's suggestion {row['suggested']}"]))
        record = {"id": row.get("id"), "text": text, "label": label, "source": row.get("source") or "article",
                  "doc": row.get("doc"), "start": start, "end": end, "speaker": row.get("speaker") or None,
                  "kind": row.get("kind") or None, "register": row.get("register") or "news",
                  "votes": [*(row.get("votes") or []), {"by": by.strip(), "label": label}], "note": note}
        if row.get("side"):
            record["side"] = row["side"]
        records.append(record)
    if not records and not problems:
        problems.append(f"{path}: no rows to import")
    if problems:
        raise AnnotationError(f"{len(problems)} problem(s); nothing was imported:\n" + "\n".join(problems[:50]))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target, len(records)
