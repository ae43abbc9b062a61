"""The batch output file: JSON Lines, one record per article, appended and flushed as results
arrive, so an interrupted run leaves a valid file and a rerun picks up where it stopped."""

from __future__ import annotations

import csv
import json
import logging
import os
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

__all__ = ["completed_ids", "ResultsWriter", "write_quotes_csv", "QUOTE_COLUMNS"]

log = logging.getLogger(__name__)


def completed_ids(path: Path) -> set[str]:
    """Ids already written to ``path``. A last line cut short by a crash (no newline, or not
    JSON) is removed from the file so that its article is scored again."""
    path = Path(path)
    if not path.exists():
        return set()
    done: set[str] = set()
    keep = 0  # byte offset after the last complete, valid line
    with open(path, "rb") as handle:
        for raw in handle:
            complete = raw.endswith(b"\n")
            try:
                record = json.loads(raw) if complete else None
            except ValueError:
                record = None
            if not isinstance(record, dict) or "id" not in record:
                if complete and raw.strip():
                    raise ValueError(f"{path}: line after byte {keep} is not a result record; "
                                     "not resuming into a file tonekit did not write")
                if not complete:
                    break
                keep += len(raw)
                continue
            done.add(str(record["id"]))
            keep += len(raw)
    if keep < path.stat().st_size:
        log.warning("%s: dropping a truncated last line (%d bytes); its article is scored again",
                    path, path.stat().st_size - keep)
        with open(path, "rb+") as handle:
            handle.truncate(keep)
    return done


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


QUOTE_COLUMNS = ["id", "quote", "speaker", "kind", "cue", "label", "index", "start", "end", "text"]


def write_quotes_csv(results: Path, out: Path, labels: list[str]) -> int:
    """The flat quote table (one row per quote) for spreadsheets and pandas, rebuilt from the
    results file, so it always matches it, resumed runs included. Returns the rows written."""
    columns = QUOTE_COLUMNS[:7] + labels + QUOTE_COLUMNS[7:]
    rows = 0
    with open(results, encoding="utf-8") as source, open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for line in source:
            record = json.loads(line)
            for number, quote in enumerate(record.get("quotes") or [], start=1):
                writer.writerow({"id": record["id"], "quote": number, **quote, **(quote.get("scores") or {})})
                rows += 1
    return rows
