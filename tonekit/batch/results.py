"""The batch output: one result record per article, the results file that holds them, and the
flat quote table rebuilt from it.

The results file is JSON Lines, appended and flushed as results arrive, so an interrupted run
leaves a valid file and a rerun picks up where it stopped. Every reader of it goes through
:func:`_scan`, so a half-written last line is treated the same way everywhere.
"""

from __future__ import annotations

import csv
import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from ..errors import QuoteTableError, ReportInputError, ResultsProvenanceError
from ..quotes import merge_speaker_ids, speaker_key
from .provenance import (PROVENANCE_FIELD, PROVENANCE_KEYS, ProvenanceCount, describe_provenance, record_provenance,
                         resume_key)

__all__ = ["ArticleResult", "completed_ids", "check_results_file", "iter_results", "load_results", "ResultsWriter",
           "write_quotes_csv", "write_quotes_parquet", "QUOTE_COLUMNS", "quote_columns", "quote_row",
           "provenance_sidecar", "QuoteTable", "RECORD_KEYS", "PASSTHROUGH_FIRST",
           "quote_speaker_id"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One article's outcome: its quotes with tone and the summaries, or the error that stopped it.

    ``quotes`` and ``speakers`` are plain dicts (JSON-ready, cheap to send between processes).
    Build one with :meth:`scored` or :meth:`failed`: the only two ways an article ends.
    """

    id: str
    fields: dict[str, Any] = field(default_factory=dict)
    n_quotes: int = 0
    index: float | None = None
    label: str | None = None
    scores: dict[str, float] | None = None
    speakers: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    provenance: dict[str, str] | None = None

    @classmethod
    def failed(cls, article_id: str, reason: str, fields: Mapping[str, Any] | None = None) -> "ArticleResult":
        """The error record of an article that could not be read or scored, and why."""
        return cls(id=article_id, fields=dict(fields or {}), error=reason)

    @classmethod
    def scored(cls, article_id: str, summary: Mapping[str, Any], fields: Mapping[str, Any] | None = None
               ) -> "ArticleResult":
        """The result of a scored article from its summary (:meth:`tonekit.article.ArticleTone.to_dict`)."""
        return cls(id=article_id, fields=dict(fields or {}), n_quotes=summary["n_quotes"], index=summary["index"],
                   label=summary["label"], scores=summary["scores"], speakers=summary["speakers"],
                   quotes=summary["quotes"])

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_record(self) -> dict[str, Any]:
        """The output line: id, passthrough fields, then the result or the error, then the
        provenance of the run that made it (when known)."""
        record: dict[str, Any] = {"id": self.id, **self.fields}
        if self.error is not None:
            record["error"] = self.error
        else:
            record.update({"n_quotes": self.n_quotes, "index": self.index, "label": self.label,
                           "scores": self.scores, "speakers": self.speakers, "quotes": self.quotes})
        if self.provenance is not None:
            record[PROVENANCE_FIELD] = self.provenance
        return record


# -- reading a results file ------------------------------------------------------------------
def _scan(path: Path) -> Iterator[tuple[int, int, dict[str, Any] | None]]:
    """(line number, byte offset after the line, record) of every non-blank line.

    A line that is not a JSON object raises :class:`ReportInputError` naming the line, except
    the last line when it has no newline: a run cut short wrote half of it, so its record is
    None (the caller skips it, or cuts it off to resume). A last line that is a whole record
    without its newline counts as written.
    """
    path = Path(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise ReportInputError(f"{path}: cannot read results file ({exc.strerror or exc})") from exc
    offset = 0
    with handle:
        for lineno, raw in enumerate(handle, 1):  # bytes: split on \n only, never on U+2028
            offset += len(raw)
            if not raw.strip():
                continue
            complete = raw.endswith(b"\n")
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                if not complete:
                    yield lineno, offset, None
                    return
                raise ReportInputError(f"{path}: line {lineno}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                       "pass the JSONL a batch run wrote") from exc
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                if not complete:
                    yield lineno, offset, None
                    return
                raise ReportInputError(f"{path}: line {lineno}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
            if not isinstance(record, dict):
                if not complete:
                    yield lineno, offset, None
                    return
                raise ReportInputError(f"{path}: line {lineno}: expected one JSON object per line, "
                                       f"got {type(record).__name__}")
            yield lineno, offset, record


def iter_results(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a results JSONL, one at a time (a report of millions of articles streams).
    A bad line raises :class:`ReportInputError`; a half-written last line (a crashed run) is
    skipped with a warning."""
    for lineno, _, record in _scan(path):
        if record is None:
            log.warning("%s: line %d: skipping truncated last line (no newline, not a whole record)", path, lineno)
            continue
        yield record


def load_results(path: Path) -> list[dict[str, Any]]:
    """All records of a results JSONL (see :func:`iter_results`)."""
    return list(iter_results(path))


def completed_ids(path: Path, provenance: Mapping[str, Any] | None = None) -> set[str]:
    """Ids already written to ``path``, to resume a run. A half-written last line is cut off the
    file so that its article is scored again; a whole last record missing its newline gets one.
    A line that is not a result record refuses the resume (:class:`ReportInputError`).

    With ``provenance`` (the run's, :func:`tonekit.batch.provenance.run_provenance`), every
    record must have been made by the same model and mode, else :class:`ResultsProvenanceError`
    names both and the file is left as it is; records without provenance refuse too."""
    path = Path(path)
    if not path.exists():
        return set()
    done: set[str] = set()
    keep = 0  # byte offset after the last whole record
    others: dict[tuple[Any, ...], dict[str, Any] | None] = {}  # provenances in the file that differ from the run's
    try:
        for lineno, end, record in _scan(path):
            if record is None:
                break
            if "id" not in record:
                raise ReportInputError(f"{path}: line {lineno}: a JSON object without an id")
            done.add(str(record["id"]))
            keep = end
            if provenance is not None:
                found = record_provenance(record)
                key = ("unknown",) if found is None else resume_key(found)
                if key != resume_key(provenance):
                    others.setdefault(key, found)
    except ReportInputError as error:
        raise ReportInputError(f"{error}; not a result record, so not resuming into a file tonekit did not "
                               "write") from None
    if provenance is not None and others:
        raise _provenance_mismatch(path, list(others.values()), provenance)
    size = path.stat().st_size
    if keep < size and _has_record_after(path, keep):
        log.warning("%s: dropping a truncated last line (%d bytes); its article is scored again", path, size - keep)
        with open(path, "rb+") as handle:
            handle.truncate(keep)
    elif keep and _last_byte(path, keep) != b"\n":
        with open(path, "ab") as handle:
            handle.write(b"\n")
    return done


def check_results_file(path: Path) -> None:
    """Refuse (:class:`ReportInputError`) to replace ``path`` unless it is a results file tonekit
    wrote: every whole line a JSON object with an id. Reads only; the file is left as it is."""
    try:
        for lineno, _, record in _scan(Path(path)):
            if record is not None and "id" not in record:
                raise ReportInputError(f"{path}: line {lineno}: a JSON object without an id")
    except ReportInputError as error:
        raise ReportInputError(f"{error}; not a result record, so not replacing a file tonekit did not write; "
                               "pass a new --out file") from None


def _provenance_mismatch(path: Path, found: list[dict[str, Any] | None], current: Mapping[str, Any]
                         ) -> ResultsProvenanceError:
    ways = (f"To redo every article with this run's model and mode into {path}, add --rerun (the file is replaced only "
            "when the rerun finishes); to keep it, pass a new --out file")
    if all(f is None for f in found):
        return ResultsProvenanceError(
            f"{path}: its records carry no provenance (written by a tonekit before results recorded their model), "
            f"so they cannot be told apart from this run's ({describe_provenance(current)}); not mixing them. {ways}")
    made = "; ".join(describe_provenance(f) for f in found)
    return ResultsProvenanceError(f"{path}: made by {made}; this run uses {describe_provenance(current)}. "
                                  f"Resuming would mix results of two models or modes in one file. {ways}")


def _has_record_after(path: Path, offset: int) -> bool:
    """Whether anything but blanks follows ``offset`` (a half-written line to cut off)."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        return bool(handle.read().strip())


def _last_byte(path: Path, offset: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset - 1)
        return handle.read(1)


class ResultsWriter:
    """Appends records to a JSON Lines file, flushing every ``flush_every`` records."""

    def __init__(self, path: Path | None, flush_every: int = 64) -> None:
        self.path = path
        self.flush_every = flush_every
        self.written = 0
        self._handle: TextIO | None = None

    def __enter__(self) -> "ResultsWriter":
        if self.path is None:
            import sys
            self._handle = sys.stdout
        else:
            self._handle = open(self.path, "a", encoding="utf-8", newline="\n")
        return self

    def write(self, record: dict[str, Any]) -> None:
        """One record, serialised as one JSON line."""
        self.write_line(json.dumps(record, ensure_ascii=False))

    def write_line(self, line: str) -> None:
        """One already serialised record (no newline inside)."""
        assert self._handle is not None, "use ResultsWriter as a context manager"
        self._handle.write(line + "\n")
        self.written += 1
        if self.written % self.flush_every == 0:
            self._handle.flush()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._handle is not None:
            self._handle.flush()
            if self.path is not None:
                os.fsync(self._handle.fileno())
                self._handle.close()


# -- the quote table ------------------------------------------------------------------------
# One row per quote, the one schema of every quote table tonekit writes (tonekit batch
# --quotes-csv; tonekit quotes and tonekit score --articles with --format csv or jsonl): the
# article id, the quote's number in it, who said it and how, its tone (label, index, one column
# per label), where it is (and where its speaker is named), and its text.
QUOTE_COLUMNS = ["id", "quote", "speaker", "speaker_id", "speaker_confidence", "speaker_role", "speaker_country", "kind",
                 "cue", "label", "index", "start", "end", "text", "scored_text"]
_TONE_COLUMNS = ("label", "index", "scored_text")
_SPEAKER_SPAN = ["speaker_start", "speaker_end"]


def quote_columns(labels: Sequence[str] | None, *, speaker_span: bool = False) -> list[str]:
    """The columns of a quote table: with the model's ``labels`` after ``index``, or without any
    tone column when ``labels`` is None (quotes that were not scored); ``speaker_span`` adds
    where the speaker is named, after ``end`` (extraction knows it, result records do not)."""
    if labels is None:
        columns = [c for c in QUOTE_COLUMNS if c not in _TONE_COLUMNS]
    else:
        at = QUOTE_COLUMNS.index("index") + 1
        columns = [*QUOTE_COLUMNS[:at], *labels, *QUOTE_COLUMNS[at:]]
    if speaker_span:
        at = columns.index("end") + 1
        columns[at:at] = _SPEAKER_SPAN
    return columns


def quote_row(article_id: str, number: int, quote: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    """One quote-table row, in ``columns`` order, from a quote's dict (:meth:`tonekit.quotes.Quote.to_dict`,
    :meth:`tonekit.article.ScoredQuote.to_dict` or a result record's quote); a label's column holds its score."""
    values = {**quote, **(quote.get("scores") or {}), "id": article_id, "quote": number}
    values["speaker_id"] = quote_speaker_id(values)  # from the name for records written before speaker ids
    return {column: values.get(column) for column in columns}


def quote_speaker_id(quote: Mapping[str, Any]) -> str | None:
    """A quote's speaker id, computed from its speaker for records written before speaker ids."""
    found = quote.get("speaker_id")
    return found if isinstance(found, str) and found else speaker_key(quote.get("speaker"))


def provenance_sidecar(table: Path) -> Path:
    """Where the provenance of a quote table is written: ``quotes.csv`` -> ``quotes.csv.provenance.json``."""
    table = Path(table)
    return table.with_name(table.name + ".provenance.json")


# The quote table of results: the quote table's columns plus, after ``id``, the article's
# passthrough fields (date, source, title, url first, then any others in order of first
# appearance); speaker ids merged across the records (:func:`tonekit.quotes.merge_speaker_ids`).
# What a results record holds besides passthrough fields: the scores, and what the reader found
# of the article (its language, where its text came from, warnings), kept on the record only
RECORD_KEYS = frozenset({"id", "n_quotes", "index", "label", "scores", "speakers", "quotes", "error",
                         PROVENANCE_FIELD, "language", "text_from", "warnings"})
PASSTHROUGH_FIRST = ("date", "source", "title", "url")


@dataclass(frozen=True)
class QuoteTable:
    """The columns of the quote table of some results records, and its rows.

    Build it with :meth:`of` from the records (a first pass: the columns depend on which
    passthrough fields and labels the records hold, and a speaker's id on every name the batch
    gives them), then take :meth:`rows` of each record (a second pass), so a results file of any
    size streams. A passthrough field named like a quote column (``speaker``, ``text``...) gets
    the column ``article_<name>``.
    """

    columns: tuple[str, ...]
    passthrough: tuple[tuple[str, str], ...]  # (field name in the record, column name)
    speaker_ids: Mapping[str, str] = field(default_factory=dict)  # an article's speaker id -> the batch's

    @classmethod
    def of(cls, records: Iterable[Mapping[str, Any]], labels: Sequence[str] | None = None) -> "QuoteTable":
        """The table of ``records``; ``labels`` (the model's, in its order) fixes the label
        columns, else they are the labels the quotes' ``scores`` hold, in order of appearance."""
        fields: dict[str, None] = {}
        found_labels: dict[str, None] = {}
        speakers: list[str | None] = []
        for record in records:
            fields.update((k, None) for k in record if k not in RECORD_KEYS)
            for quote in record.get("quotes") or ():
                if isinstance(quote, dict):
                    speakers.append(quote_speaker_id(quote))
                if labels is None:
                    found_labels.update((k, None) for k in quote.get("scores") or ())
        base = quote_columns(list(labels) if labels is not None else list(found_labels))
        ordered = [f for f in PASSTHROUGH_FIRST if f in fields] + [f for f in fields if f not in PASSTHROUGH_FIRST]
        taken = set(base)
        passthrough = tuple((f, f"article_{f}" if f in taken else f) for f in ordered)
        return cls(columns=(base[0], *(c for _, c in passthrough), *base[1:]), passthrough=passthrough,
                   speaker_ids=merge_speaker_ids(speakers))

    def rows(self, record: Mapping[str, Any], *, flat: bool = False) -> Iterator[dict[str, Any]]:
        """One row per quote of ``record`` (none for an error record), in ``columns``
        order. ``flat`` writes a list or dict passthrough value as JSON text (for CSV and
        Parquet cells); otherwise values are kept as they are."""
        article = {column: record.get(name) for name, column in self.passthrough}
        if flat:
            article = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                       for k, v in article.items()}
        for number, quote in enumerate(record.get("quotes") or [], start=1):
            row = quote_row(str(record["id"]), number, quote, self.columns)
            if row.get("speaker_id") is not None:
                row["speaker_id"] = self.speaker_ids.get(row["speaker_id"], row["speaker_id"])
            row.update(article)
            yield row


def write_quotes_csv(results: Path, out: Path, labels: list[str]) -> int:
    """The flat quote table (one row per quote) for spreadsheets and pandas, rebuilt from the
    results file, so it always matches it, resumed runs included. Returns the rows written.
    Its columns are :class:`QuoteTable`'s: the article's passthrough fields after ``id``.

    Its provenance goes to a JSON sidecar (:func:`provenance_sidecar`), so the table keeps the
    one quote-table schema: the results file, the number of quotes, and every provenance its
    records carry (model, model_sha256, tonekit, mode) with the number of articles of each;
    all ``null`` for records written before provenance."""
    table = QuoteTable.of(iter_results(results), labels)
    rows = 0
    provenances = ProvenanceCount()
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=table.columns)
        writer.writeheader()
        for record in iter_results(results):
            provenances.add(record)
            for row in table.rows(record, flat=True):
                writer.writerow(row)
                rows += 1
    _write_sidecar(results, out, rows, provenances)
    return rows


def write_quotes_parquet(results: Path, out: Path, labels: list[str], *, row_group: int = 50_000) -> int:
    """:func:`write_quotes_csv` as Parquet: the same columns, typed (each column one Arrow type,
    found by reading the results once), written ``row_group`` rows at a time so memory does not
    grow with the file; the same provenance sidecar. A passthrough field that holds values of
    two kinds (a number in one article, text in another) raises :class:`QuoteTableError` naming
    it: Parquet needs one type per column. Needs pyarrow (``pip install 'tonekit[parquet]'``)."""
    from .._extras import require

    pa = require("pyarrow", "parquet", "--quotes-parquet")
    parquet = require("pyarrow.parquet", "parquet", "--quotes-parquet")
    table = QuoteTable.of(iter_results(results), labels)
    kinds: dict[str, set[str]] = {column: set() for column in table.columns}
    for record in iter_results(results):
        for row in table.rows(record, flat=True):
            for column, value in row.items():
                if value is not None:
                    kinds[column].add(_arrow_kind(value))
    numbers = frozenset({"index", "speaker_confidence", *labels})
    schema = pa.schema([(column, _arrow_type(pa, column, kinds[column], results, numbers)) for column in table.columns])
    provenances = ProvenanceCount()
    rows = 0
    batch: list[dict[str, Any]] = []
    with parquet.ParquetWriter(str(out), schema) as writer:
        for record in iter_results(results):
            provenances.add(record)
            batch.extend(table.rows(record, flat=True))
            if len(batch) >= row_group:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                rows += len(batch)
                batch = []
        if batch or not rows:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            rows += len(batch)
    _write_sidecar(results, out, rows, provenances)
    return rows


def _arrow_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"  # text, and lists or dicts written as JSON text


def _arrow_type(pa: Any, column: str, kinds: set[str], results: Path, numbers: frozenset[str]) -> Any:
    """One Arrow type for a column's values: probabilities, the index and confidences are floats,
    ints and floats together are floats, a column without values is text (or its known type)."""
    if not kinds:
        return pa.int64() if column in ("quote", "start", "end") else pa.float64() if column in numbers else pa.string()
    if kinds <= {"int", "float"}:
        return pa.int64() if kinds == {"int"} and column not in numbers else pa.float64()
    if kinds <= {"bool"}:
        return pa.bool_()
    if kinds <= {"str"}:
        return pa.string()
    raise QuoteTableError(f"{results}: column {column!r} holds {' and '.join(sorted(kinds))} values in different "
                          "articles, and a Parquet column has one type; give the field one type in the inputs, "
                          "or write --quotes-csv instead")


def _write_sidecar(results: Path, out: Path, rows: int, provenances: ProvenanceCount) -> None:
    sidecar = {"results": str(results), "quotes": rows,
               "provenance": [{**(found or dict.fromkeys(PROVENANCE_KEYS)), "articles": n} for found, n in provenances]}
    provenance_sidecar(out).write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
