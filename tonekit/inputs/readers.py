"""Read every command's inputs as a lazy stream of items, exactly one per input article.

The one reader of input files: ``tonekit quotes``, ``score``, ``batch`` and ``annotate`` all read
through :func:`iter_items`, so a file gets the same verdict everywhere. This is where an input
becomes an error record. A batch scores up to millions of articles, so memory must not grow with
their number, and every article must leave one output record: a bad article becomes an
:class:`ItemError` (its id and a reason naming file and line) instead of stopping the run or
vanishing. Input kinds, per argument:

* a folder: every ``*.txt`` (and ``*.html``/``*.htm``) file under it (recursive, suffix
  case-insensitive, symlinked folders not followed), sorted by relative POSIX path, which is the id
  ("2024/03/a1.txt"). Folders are for articles only: other files in them, .jsonl and .csv included,
  are ignored (pass those as inputs of their own). A folder without articles, or a sub-folder that
  cannot be listed, gives one ItemError.
* a ``.txt`` file: one article, id = the file name, decoded by :func:`.decode.decode_text` (UTF-8,
  or UTF-16/32 with a byte-order mark; line ends read as ``\n``).
* a ``.html``/``.htm`` file: one article, decoded as a browser decodes a file (BOM, then the
  ``<meta>`` charset, then UTF-8: :mod:`.charset`), its body extracted by :mod:`.html`.
* a ``.jsonl`` file: one record per non-blank line (blank = only ASCII whitespace),
  ``{"id": str | int, "text": str, ...}``; every other field (date, source, url, title, ...) passes
  through in ``fields``.
* ``-``, standard input (named ``<stdin>`` in messages), read as ``stdin_format`` says: ``"jsonl"``
  records as a .jsonl file, ``"text"`` one article (id ``-``) checked as a .txt file, or ``"lines"``
  one item per non-blank line (id ``-:LINE``). Each command has its default (see :data:`STDIN_FORMATS`).
* a ``.csv`` file with a header row: ``text_col`` holds the text, ``id_col`` (if present) the id, else
  the id is ``FILE:LINE``; other columns pass through. Cells are separated by commas; a header that
  names ``text_col`` only when cut at tabs (or semicolons) makes the file tab- (or semicolon-)
  separated: Excel's "Unicode text" export is tab-separated UTF-16, its European CSV uses semicolons.

.jsonl, .csv and stdin lines are UTF-8, or UTF-16/32 with a byte-order mark
(:func:`.decode.iter_lines`: lines split by code unit, so line numbers stay those of the file).

With ``html=True`` the text of every item (.txt, JSON Lines, CSV, stdin) is read as HTML too (the
``<meta>`` charset applies to bytes: .html/.txt files and stdin text, not to a JSON or CSV string,
which is text already). Every
Item records its ``language`` (:mod:`.language`), ``warnings`` (another language than English, an
HTML page read as text, ...) and ``text_from`` (how HTML was read; None for plain text).

Stdin read as JSON Lines whose first record is not a JSON object raises
:class:`~tonekit.errors.InputFormatError` at once: plain text piped into ``batch -`` is a mistake of
format, not a run of bad records. .jsonl/.csv files are decoded line by line, so one line that is
not valid in its encoding spoils only its record.
Lines are read with a cap of 6 x ``max_bytes`` + 1 MiB (room for a JSON-escaped text), so a runaway
line cannot exhaust memory. Memory per article: only the ids seen so far (to make duplicate ids unique)
and, for a folder, its sorted list of .txt paths. Reading a .csv raises ``csv.field_size_limit``.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .. import _checks
from ..errors import InputFormatError
from .decode import Line, LineReader, decode_text, iter_lines, sniff_bom
from .html import PAGE_TEXT, extract_html, looks_like_html_page
from .language import detect_language, language_warning

__all__ = ["DEFAULT_MAX_BYTES", "STDIN_FORMATS", "Item", "ItemError", "count_hint", "iter_items", "iter_statements"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
STDIN_FORMATS = ("text", "jsonl", "lines")  # what "-" holds: one article, JSON Lines records, one item per line
_DELIMITERS = (",", "\t", ";")  # CSV cell separators, in the order they are tried
_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")  # what a folder is read for
_HTML_SUFFIXES = (".html", ".htm")
_MIB = 1 << 20
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "integer", float: "number", bool: "boolean",
               type(None): "null"}


@dataclass(frozen=True, slots=True)
class Item:
    """An article to score; ``fields`` pass through to its output record (never id or text).

    ``language`` is the detected language (None: too short to tell, or declared by the input's
    own ``language`` field), ``warnings`` what the reader noticed, ``text_from`` how the text was
    read from HTML (None for plain text): :meth:`record_fields` adds them to the output record."""

    id: str
    text: str
    fields: dict[str, Any]
    language: str | None = None
    warnings: tuple[str, ...] = ()
    text_from: str | None = None

    def record_fields(self) -> dict[str, Any]:
        """The passthrough fields plus what the reader found: ``language``, ``text_from`` and
        ``warnings`` (each only when known; warnings extend an input's own list of warnings)."""
        out = dict(self.fields)
        if self.language is not None:
            out["language"] = self.language
        if self.text_from is not None:
            out["text_from"] = self.text_from
        if self.warnings:
            theirs = out.get("warnings")
            out["warnings"] = [*(theirs if isinstance(theirs, list) else [] if theirs is None else [theirs]),
                               *self.warnings]
        return out


@dataclass(frozen=True, slots=True)
class ItemError:
    """An input article that cannot be scored; ``error`` names the problem and its file[:line]."""

    id: str
    error: str
    fields: dict[str, Any] = field(default_factory=dict)


_Located = tuple[str, Item | ItemError]  # (file[:line], item): where to point at in a duplicate-id error


@dataclass(frozen=True, slots=True)
class _Config:
    text_col: str
    id_col: str
    max_bytes: int
    stdin: TextIO | None
    stdin_format: str
    html: bool = False

    @property
    def line_cap(self) -> int:
        return 6 * self.max_bytes + _MIB


def iter_items(inputs: Sequence[str], *, text_col: str = "text", id_col: str = "id",
               max_bytes: int = DEFAULT_MAX_BYTES, stdin: TextIO | None = None,
               stdin_format: str = "jsonl", unique: bool = True, html: bool = False) -> Iterator[Item | ItemError]:
    """One Item or ItemError per input article, lazily, ids unique across the run.

    Arguments are checked here, at the call, not at the first ``next()``. ``text_col``/``id_col``
    apply to .csv inputs; ``max_bytes`` caps each text (UTF-8 bytes); ``stdin`` defaults to sys.stdin;
    ``stdin_format`` says what ``-`` holds (one of :data:`STDIN_FORMATS`). ``unique=False`` keeps a
    repeated id as it is (for commands that print results, not key a results file by id).
    ``html=True`` reads every text as HTML (.html files always are).
    """
    if isinstance(inputs, (str, bytes)):
        raise TypeError(f"inputs must be a sequence of paths, not one string; wrap it in a list: [{inputs!r}]")
    _checks.one_of(stdin_format, STDIN_FORMATS, "stdin_format", "iter_items")
    _checks.positive_int(max_bytes, "max_bytes", "iter_items")
    _checks.non_empty_str(text_col, "text_col", "iter_items")
    _checks.non_empty_str(id_col, "id_col", "iter_items")
    if text_col == id_col:
        _checks.invalid("iter_items", "id_col", "another column than text_col", id_col)
    if not isinstance(html, bool):
        _checks.invalid("iter_items", "html", "a bool", html)
    cfg = _Config(text_col, id_col, max_bytes, stdin, stdin_format, html)
    args = [os.fspath(arg) for arg in inputs]
    if not unique:
        return (item for arg in args for _, item in _read_input(arg, cfg))
    return _unique(args, cfg)


def iter_statements(inputs: Sequence[str], *, stdin_format: str = "lines", max_bytes: int = DEFAULT_MAX_BYTES,
                    stdin: TextIO | None = None) -> Iterator[Item | ItemError]:
    """One Item per statement: every non-blank line of every input text, id ``ITEM:LINE`` so a
    result can be traced back. Stdin as "lines" or "text" is one text cut the same way (``-:LINE``)."""
    fmt = "text" if stdin_format == "lines" else stdin_format
    for item in iter_items(inputs, stdin_format=fmt, max_bytes=max_bytes, stdin=stdin, unique=False):
        if isinstance(item, ItemError):
            yield item
            continue
        for lineno, line in enumerate(item.text.splitlines(), start=1):
            if line.strip():
                yield Item(f"{item.id}:{lineno}", line.strip(), dict(item.fields), item.language, item.warnings,
                       item.text_from)


def _label(arg: str) -> str:
    return "<stdin>" if arg == "-" else arg


def _unique(inputs: list[str], cfg: _Config) -> Iterator[Item | ItemError]:
    """Rename the 2nd, 3rd... use of an id to ``id#2``, ``id#3``... as an error: one record per article.

    ``seen`` (id -> index of the input it came from) is the only memory that grows with the run.
    """
    seen: dict[str, int] = {}
    next_n: dict[str, int] = {}  # duplicated id -> next suffix to try (keeps renaming O(1))
    for index, arg in enumerate(inputs):
        for where, item in _read_input(arg, cfg):
            first = seen.get(item.id)
            if first is None:
                seen[item.id] = index
                yield item
                continue
            n = next_n.get(item.id, 2)
            while f"{item.id}#{n}" in seen:  # an input may itself hold an id like "x#2"
                n += 1
            next_n[item.id] = n + 1
            new_id = f"{item.id}#{n}"
            seen[new_id] = index
            note = f"duplicate id {item.id!r} (first seen in {_label(inputs[first])})"
            error = f"{item.error}; also {note}" if isinstance(item, ItemError) else f"{where}: {note}"
            yield ItemError(new_id, error, item.fields)


def _read_input(arg: str, cfg: _Config) -> Iterator[_Located]:
    """The items of one command-line argument, whatever its kind, each finished by :func:`_finish`."""
    for where, item in _read_raw(arg, cfg):
        yield where, _finish(where, item, cfg)


def _finish(where: str, item: Item | ItemError, cfg: _Config) -> Item | ItemError:
    """An item's text as extraction reads it (HTML extracted: with ``--html``, and always from an
    .html file) and what the reader notices about it."""
    if isinstance(item, ItemError):
        return item
    text, text_from, warnings = item.text, item.text_from, list(item.warnings)
    if cfg.html or where.lower().endswith(_HTML_SUFFIXES):
        extracted = extract_html(text)
        text, text_from = extracted.text, extracted.how
        if extracted.how == PAGE_TEXT:
            warnings.append("no article body found in the HTML; all of its visible text was read")
        if not text.strip():
            return ItemError(item.id, f"{where}: the HTML holds no text", item.fields)
    elif looks_like_html_page(text):
        warnings.append("the text looks like an HTML page; pass --html to read only its article body")
    declared = item.fields.get("language")
    language = None if isinstance(declared, str) else detect_language(text)
    note = language_warning(declared if isinstance(declared, str) else language)
    if note is not None:
        warnings.append(note)
    return Item(item.id, text, item.fields, language, tuple(warnings), text_from)


def _read_raw(arg: str, cfg: _Config) -> Iterator[_Located]:
    """The items of one command-line argument as read, before :func:`_finish`."""
    if arg == "-":
        readline = _stdin_reader(cfg.stdin)
        if readline is None:
            yield arg, ItemError("<stdin>", "<stdin>: no standard input to read")
        elif cfg.stdin_format == "jsonl":
            yield from _read_jsonl(readline, "<stdin>", "<stdin>", cfg, strict_first=True)
        elif cfg.stdin_format == "lines":
            yield from _read_stdin_lines(readline, cfg)
        else:
            yield arg, _read_stdin_text(readline, cfg.max_bytes, cfg.html)
        return
    path = Path(arg)
    if path.is_dir():
        yield from _read_folder(arg, path, cfg)
        return
    if not path.exists():
        yield arg, ItemError(arg, f"{arg}: no such file or folder")
        return
    suffix = path.suffix.lower()
    if suffix in _ARTICLE_SUFFIXES:
        yield arg, _read_txt(path, path.name, arg, cfg.max_bytes, cfg.html or suffix in _HTML_SUFFIXES)
        return
    if suffix not in (".jsonl", ".csv"):
        kind = f"'{suffix}'" if suffix else "(no extension)"
        yield arg, ItemError(arg, f"{arg}: unsupported input type {kind}: "
                                  "give .txt or .html files or folders of them, .jsonl, .csv or -")
        return
    log.debug("reading %s as %s", arg, suffix)
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield arg, ItemError(path.name, f"{arg}: cannot read: {exc.strerror or exc}")
        return
    with f:
        try:
            yield from (_read_jsonl if suffix == ".jsonl" else _read_csv)(f.readline, arg, path.name, cfg)
        except OSError as exc:  # an I/O error part way: what follows is lost, so say so
            yield arg, ItemError(path.name, f"{arg}: cannot read further: {exc.strerror or exc}; "
                                            "the articles after this point were not read")


def _stdin_reader(stdin: TextIO | None) -> LineReader | None:
    """Binary lines of stdin: sys.stdin's own bytes when we may, else the given text stream re-encoded."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:  # pythonw, or a closed descriptor 0
        return None
    if stdin is None and hasattr(stream, "buffer"):
        return stream.buffer.readline

    def readline(limit: int) -> bytes:
        line = stream.readline(limit)
        try:  # surrogateescape gives back the bytes a surrogateescape-decoded stream could not decode
            return line.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return line.encode("utf-8", "surrogatepass")  # reported below as not valid UTF-8
    return readline


def _too_big(what: str, size: int, max_bytes: int) -> str:
    return f"{what} is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)"


def _read_stdin_text(readline: LineReader, max_bytes: int, html: bool) -> Item | ItemError:
    """All of stdin as one article, judged as a .txt file is (id ``-``), or as an .html file with ``html``."""
    chunks, size = [], 0
    while size <= max_bytes and (chunk := readline(max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        return ItemError("-", f"<stdin>: text is over the {max_bytes:,}-byte limit (--max-bytes)")
    if not data:
        return ItemError("-", "<stdin>: standard input is empty (0 bytes): there is no article to read")
    return _text_item(data, "-", "<stdin>", html)


def _read_stdin_lines(readline: LineReader, cfg: _Config) -> Iterator[_Located]:
    """One item per non-blank line of stdin (id ``-:LINE``)."""
    for line in iter_lines(readline, cfg.line_cap):
        if not line.too_long and line.blank:
            continue
        loc, item_id = f"<stdin>:{line.number}", f"-:{line.number}"
        text = line.text.rstrip("\r\n")
        problem = _line_problem(line, cfg) or _text_problem(text, cfg.max_bytes)
        yield loc, ItemError(item_id, f"{loc}: {problem}") if problem else Item(item_id, text, {})


def _line_problem(line: Line, cfg: _Config) -> str | None:
    """Why a line of JSON Lines or stdin is no record: too long, or not valid in its encoding."""
    if line.too_long:
        return f"line is over {cfg.line_cap:,} bytes; not read (raise --max-bytes to read longer records)"
    return line.problem


def _text_item(data: bytes, item_id: str, where: str, html: bool) -> Item | ItemError:
    """The verdict on the bytes of one article (:func:`.decode.decode_text`, in HTML's order with
    ``html``): an Item, or an ItemError for binary, undecodable or empty bytes, an unknown charset."""
    try:
        decoded = decode_text(data, where, html=html)
    except InputFormatError as exc:
        return ItemError(item_id, str(exc))
    return Item(item_id, decoded.text, {})


def _read_txt(path: Path, item_id: str, where: str, max_bytes: int, html: bool) -> Item | ItemError:
    """One .txt article; the size is checked before reading so a huge file costs nothing."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            return ItemError(item_id, f"{where}: not a regular file")
        if st.st_size > max_bytes:
            return ItemError(item_id, f"{where}: {_too_big('file', st.st_size, max_bytes)}")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        return ItemError(item_id, f"{where}: cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:  # grew since stat
        return ItemError(item_id, f"{where}: file is over the {max_bytes:,}-byte limit (--max-bytes)")
    return _text_item(data, item_id, where, html)


def _walk(root: Path, onerror: Callable[[OSError], None] | None) -> Iterator[str]:
    """Relative POSIX paths of the files under ``root``, lazily (symlinked folders not followed)."""
    for folder, _dirs, files in os.walk(root, onerror=onerror):
        rel = Path(folder).relative_to(root)
        for name in files:
            yield (rel / name).as_posix()


def _read_folder(arg: str, root: Path, cfg: _Config) -> Iterator[_Located]:
    failures: list[OSError] = []
    paths: list[str] = []
    ignored = 0
    for rel in _walk(root, failures.append):
        if rel.lower().endswith(_ARTICLE_SUFFIXES):
            paths.append(rel)
        elif rel.lower().endswith((".jsonl", ".csv")):
            ignored += 1
    if ignored:
        log.warning("%s: ignored %d .jsonl/.csv file(s): folders are read for .txt articles only; "
                    "pass those files as inputs of their own", arg, ignored)
    paths.sort()
    for rel in paths:
        where = str(root / rel)
        yield where, _read_txt(root / rel, rel, where, cfg.max_bytes, cfg.html or rel.lower().endswith(_HTML_SUFFIXES))
    for exc in failures:
        rel = Path(os.path.relpath(exc.filename, root)).as_posix() if exc.filename else "."
        yield arg, ItemError(arg if rel == "." else rel, f"{exc.filename or arg}: cannot list folder: "
                                                         f"{exc.strerror or exc}; its .txt articles were not read")
    if not paths and not failures:
        yield arg, ItemError(arg, f"{arg}: folder holds no .txt articles (folders are read for .txt and .html "
                                  "files only)")


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _text_problem(text: object, max_bytes: int) -> str | None:
    if not isinstance(text, str):
        return f"text must be a string, got {_json_type(text)}"
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        return f"text is not valid Unicode (lone surrogate at character {exc.start})"
    if size > max_bytes:
        return _too_big("text", size, max_bytes)
    return None if text.strip() else "empty or whitespace-only text"


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)  # one decoder, not one per line


def _read_jsonl(readline: LineReader, where: str, name: str, cfg: _Config,
                strict_first: bool = False) -> Iterator[_Located]:
    """One item per non-blank line; ``strict_first``: a first record that is not a JSON object
    raises :class:`~tonekit.errors.InputFormatError` (the input is not JSON Lines at all)."""
    records = 0
    for line in iter_lines(readline, cfg.line_cap):
        if not line.too_long and line.blank:
            continue  # a blank line is no record
        records += 1
        loc, fallback = f"{where}:{line.number}", f"{name}:{line.number}"
        problem = _line_problem(line, cfg)
        if problem:
            yield loc, ItemError(fallback, f"{loc}: {problem}")
        else:  # the line end stripped, so JSON errors point at columns of this line
            yield loc, _record(line.text.rstrip("\r\n"), loc, fallback, cfg.max_bytes,
                               strict=strict_first and records == 1)
    if not records:
        log.warning("%s: no records", where)


def _not_json_lines(loc: str, problem: str) -> InputFormatError:
    return InputFormatError(
        f"{loc}: standard input is not JSON Lines: its first record is {problem}. This command reads "
        '- as one JSON object per line ({"id": ..., "text": ...}); for plain text pass --stdin-format text '
        "(one article) or --stdin-format lines (one per line)")


def _record(line: str, loc: str, fallback: str, max_bytes: int, strict: bool = False) -> Item | ItemError:
    """One JSON Lines record; NaN/Infinity are refused so output records stay valid JSON.
    ``strict``: a line that is not a JSON object raises instead (see :func:`_read_jsonl`)."""
    try:
        obj = _DECODER.decode(line)
    except (ValueError, RecursionError) as exc:
        reason = f"{exc.msg}: column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        if strict:
            raise _not_json_lines(loc, f"not valid JSON ({reason or type(exc).__name__})") from None
        return ItemError(fallback, f"{loc}: not valid JSON ({reason or type(exc).__name__})")
    if not isinstance(obj, dict):
        if strict:
            raise _not_json_lines(loc, f"not a JSON object (got {_json_type(obj)})")
        return ItemError(fallback, f'{loc}: not a JSON object (got {_json_type(obj)}); '
                                   'each line must be one {"id": ..., "text": ...} record')
    fields = {k: v for k, v in obj.items() if k not in ("id", "text")}
    raw_id = obj.get("id")
    if raw_id is None or raw_id == "":
        return ItemError(fallback, f"{loc}: missing id", fields)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        return ItemError(fallback, f"{loc}: id must be a string or integer, got {_json_type(raw_id)}", fields)
    item_id = str(raw_id)
    text = obj.get("text")
    problem = "missing text" if text is None else _text_problem(text, max_bytes)
    if problem or not isinstance(text, str):
        return ItemError(item_id, f"{loc}: {problem}", fields)
    return Item(item_id, text, fields)


class _CsvFeed:
    """Decoded lines for csv.reader that note where the current row starts and what was wrong with
    its lines (not valid in the file's encoding, too long), so a bad line spoils only its own row."""

    def __init__(self, readline: LineReader, cap: int) -> None:
        self._lines = iter_lines(readline, cap)
        self.cap = cap
        self.start: int | None = None
        self.problems: list[str] = []

    def reset(self) -> None:
        self.start, self.problems = None, []

    def __iter__(self) -> _CsvFeed:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if line.too_long:
            self.problems.append(f"line {line.number} is over {self.cap:,} bytes (raise --max-bytes to read it)")
        elif line.problem:
            self.problems.append(line.problem)
        if self.start is None and line.text.strip("\r\n"):  # csv skips empty lines, not whitespace ones
            self.start = line.number
        return line.text


def _delimiter(first_line: str, text_col: str | None) -> str:
    """The cell separator of a CSV file, from its header line: a comma, or a tab or semicolon when
    only that one cuts the header into cells holding ``text_col`` (None: into the most cells)."""
    cells: dict[str, list[str]] = {}
    for delimiter in _DELIMITERS:
        try:
            cells[delimiter] = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # a quoted header cell running onto the next line: read as commas
            cells[delimiter] = []
        if text_col is not None and text_col in cells[delimiter]:
            return delimiter
    return "," if text_col is not None else max(_DELIMITERS, key=lambda d: (len(cells[d]), d == ","))


def _read_csv(readline: LineReader, where: str, name: str, cfg: _Config) -> Iterator[_Located]:
    feed = _CsvFeed(readline, cfg.line_cap)
    csv.field_size_limit(max(csv.field_size_limit(), min(cfg.line_cap, 2**31 - 1)))
    first = next(feed, "")
    delimiter = _delimiter(first, cfg.text_col)
    reader = csv.DictReader(itertools.chain([first] if first else [], feed), delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield where, ItemError(name, f"{where}:1: header row: {'; '.join(feed.problems)}" if feed.problems else
                                     f"{where}:1: header row is not valid CSV ({exc})")
        return
    if not header:
        yield where, ItemError(name, f"{where}: no header row on line 1; "
                                     "a .csv input needs a header naming its columns")
        return
    if cfg.text_col not in header:
        if feed.problems:  # an undecodable header is why no column matches: say that first
            yield where, ItemError(name, f"{where}:1: header row: {'; '.join(feed.problems)}")
            return
        found = ", ".join(repr(c) for c in header)
        yield where, ItemError(name, f"{where}:1: no {cfg.text_col!r} column (columns found: {found}); name the "
                                     "text column with --text-col (the header was cut at commas, then at tabs "
                                     "and at semicolons)")
        return
    if feed.problems:
        log.warning("%s:1: header: %s", where, "; ".join(feed.problems))
    rows = 0
    while True:
        feed.reset()
        try:
            row: dict[Any, Any] | csv.Error = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader starts afresh on the next line
            row = exc
        rows += 1
        line = feed.start or reader.line_num
        loc = f"{where}:{line}"
        if isinstance(row, csv.Error):
            yield loc, ItemError(f"{name}:{line}", f"{loc}: not valid CSV ({row})")
        else:
            yield loc, _row(row, header, loc, f"{name}:{line}", feed.problems, cfg)
    if not rows:
        log.warning("%s: no rows after the header", where)


def _row(row: dict[Any, Any], header: Sequence[str], loc: str, fallback: str, problems: list[str],
         cfg: _Config) -> Item | ItemError:
    extra = row.pop(None, None)  # DictReader's restkey: cells beyond the header
    fields = {k: v for k, v in row.items() if k not in (cfg.id_col, cfg.text_col)}
    item_id: str = fallback
    if cfg.id_col in header:
        item_id = str(row.get(cfg.id_col) or "")
        if not item_id.strip():
            return ItemError(fallback, f"{loc}: missing id (empty {cfg.id_col!r} cell)", fields)
    text = row.get(cfg.text_col)
    problem: str | None
    if problems:
        problem = "; ".join(problems)
    elif extra is not None:
        problem = f"row has {len(header) + len(extra)} cells but the header has {len(header)}; check the quoting"
    elif text is None:
        problem = f"missing text (row has fewer cells than the header, no {cfg.text_col!r})"
    else:
        problem = _text_problem(text, cfg.max_bytes)
    if problem or not isinstance(text, str):
        return ItemError(item_id, f"{loc}: {problem}", fields)
    return Item(item_id, text, fields)


def count_hint(inputs: Sequence[str]) -> int | None:
    """About how many items ``iter_items`` will yield, for a progress bar; None when stdin is read.

    Streams through the inputs without keeping their data: .txt files in folders, non-blank lines of
    .jsonl files (a binary scan), data rows of .csv files (in the encoding of a BOM, cells cut as the
    header is); 1 for anything else (one item each).
    """
    args = [os.fspath(arg) for arg in inputs]
    return None if "-" in args else sum(_hint(arg) for arg in args)


def _hint(arg: str) -> int:
    path = Path(arg)
    suffix = path.suffix.lower()
    try:
        if path.is_dir():
            return sum(1 for rel in _walk(path, None) if rel.lower().endswith(_ARTICLE_SUFFIXES)) or 1
        if suffix == ".jsonl" and path.is_file():
            return _count_jsonl(path)
        if suffix == ".csv" and path.is_file():
            return _count_csv(path)
    except OSError:
        pass
    return 1


def _text_codec(path: Path) -> str:
    """The codec that reads a file in the encoding of its BOM and drops the BOM (utf-8-sig without one)."""
    with open(path, "rb") as f:
        encoding, _ = sniff_bom(f.read(4))
    return "utf-8-sig" if encoding == "utf-8" else encoding[:6]  # "utf-16-le" -> "utf-16": it reads the BOM


def _utf8_chunks(path: Path) -> Iterator[bytes]:
    """A file's bytes a MiB at a time, a UTF-16/32 file re-encoded as UTF-8 (invalid units as U+FFFD)."""
    codec = _text_codec(path)
    if codec == "utf-8-sig":
        with open(path, "rb") as f:
            while chunk := f.read(_MIB):
                yield chunk
        return
    with open(path, encoding=codec, errors="replace", newline="") as text:
        while piece := text.read(_MIB):
            yield piece.encode("utf-8")


def _count_jsonl(path: Path) -> int:
    """Non-blank lines, counted chunk by chunk so no line is ever held whole."""
    count, partial = 0, False  # partial: the unfinished line has non-blank bytes
    for chunk in _utf8_chunks(path):
        pieces = chunk.split(b"\n")
        if len(pieces) > 1:
            count += (partial or bool(pieces[0].strip())) + sum(1 for p in pieces[1:-1] if p.strip())
            partial = False
        partial = partial or bool(pieces[-1].strip())
    return count + partial


def _count_csv(path: Path) -> int:
    csv.field_size_limit(max(csv.field_size_limit(), 6 * DEFAULT_MAX_BYTES + _MIB))
    rows = 0
    with open(path, encoding=_text_codec(path), errors="replace", newline="") as f:
        first = f.readline()
        reader = csv.reader(itertools.chain([first], f), delimiter=_delimiter(first, None))
        while True:
            try:
                rows += bool(next(reader))
            except StopIteration:
                break
            except csv.Error:
                rows += 1
    return rows - 1 if rows else 1
