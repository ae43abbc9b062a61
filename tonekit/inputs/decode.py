"""Bytes into the text tonekit extracts from, or an error saying why they are not text: the one
decode path of every input (whole articles, and the lines of JSON Lines, CSV and stdin).

Offsets mean the same thing everywhere: they index the text *as tonekit read it*, which is what
Python's ``open(path, encoding=...)`` returns in its default text mode: the byte-order mark
dropped, and Windows (``\\r\\n``) and old Mac (``\\r``) line ends read as ``\\n``. A UTF-8 file
without a BOM is therefore sliced correctly by ``open(path, encoding="utf-8").read()[start:end]``;
with a BOM, use ``encoding="utf-8-sig"``; a UTF-16 file, ``encoding="utf-16"``.

The order, for an article: a byte-order mark (UTF-8, UTF-16 or UTF-32, little or big endian);
for HTML, then the charset its ``<meta>`` declares in its first 1,024 bytes (:mod:`.charset`: a
browser's rule for a file with no HTTP header); then UTF-8. Lines of JSON Lines and CSV inputs
are read in the encoding of the input's BOM, else UTF-8. Nothing is ever replaced silently:
bytes that are not valid in the encoding chosen, an unknown charset and UTF-16 without a BOM
are refused with the byte, the line and the fix.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .. import _checks
from ..errors import InputFormatError
from .charset import encoding_name, prescan

__all__ = ["Decoded", "Line", "LineReader", "decode_text", "iter_lines", "normalise_newlines", "sniff_bom", "BOMS",
           "ASCII_SPACE"]

# longest first: the UTF-32-LE mark starts with the UTF-16-LE one
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
ASCII_SPACE = " \t\n\r\x0b\x0c"  # what makes a JSON Lines or CSV line blank (bytes.strip's whitespace)
_NEWLINE = {"utf-8": b"\n", "utf-16-le": b"\n\x00", "utf-16-be": b"\x00\n", "utf-32-le": b"\n\x00\x00\x00",
            "utf-32-be": b"\x00\x00\x00\n"}
_SNIFF = 8192  # bytes searched for NUL to call a file binary
_CHUNK = 1 << 16  # bytes read at a time when lines are split by code unit

LineReader = Callable[[int], bytes]  # readline(limit) of a binary stream


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text, and the Python codec it was read in (``utf-8``, ``utf-16-le``, ``cp1252``, ...)."""

    text: str
    encoding: str


@dataclass(slots=True)
class Line:
    """One line of a line-based input, decoded: its number (from 1), the offset of its first byte
    (after a BOM), its text with its line end, and ``problem``, which says where its bytes are not
    valid (the text then holds U+FFFD there) or is None. ``too_long``: the line was cut at the cap.
    Not frozen: one is made per line of a feed, and a frozen dataclass costs a call per field."""

    number: int
    offset: int
    text: str
    problem: str | None
    too_long: bool

    @property
    def blank(self) -> bool:
        """Only ASCII whitespace: no record."""
        return not self.text.strip(ASCII_SPACE)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``: Python's universal newlines, as ``open()`` reads text."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def sniff_bom(data: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark at the start of ``data`` says, and the mark's length
    (``("utf-8", 0)`` without one)."""
    for mark, name in BOMS:
        if data.startswith(mark):
            return name, len(mark)
    return "utf-8", 0


def _looks_utf16(data: bytes) -> bool:
    """ASCII-range text in UTF-16 without a BOM: a NUL in (nearly) every other byte."""
    head = data[:_SNIFF]
    if len(head) < 4:
        return False
    for parity in (0, 1):
        half = head[parity::2]
        if half.count(0) >= 0.9 * len(half):
            return True
    return False


@functools.cache
def _windows_1252() -> str:
    """The WHATWG windows-1252 table: Python's cp1252 with its five unassigned bytes (0x81, 0x8D,
    0x8F, 0x90, 0x9D) read as the C1 controls of the same number, as browsers and ISO-8859-1 do."""
    table = codecs.decode(bytes(range(256)), "cp1252", "replace")
    return "".join(chr(byte) if char == "\ufffd" else char for byte, char in enumerate(table))


def _decode(data: bytes, codec: str) -> str:
    if codec == "cp1252":
        return codecs.charmap_decode(data, "strict", _windows_1252())[0]
    return data.decode(codec)


def _line_of(data: bytes, start: int, at: int, codec: str) -> int:
    """The line (from 1) of byte ``at``, counting the newlines of the valid text before it."""
    if _NEWLINE.get(codec, b"\n") == b"\n":
        return data.count(b"\n", 0, at) + 1
    return data[start:at].decode(codec).count("\n") + 1


def _not_valid(codec: str, at: int, line: int, why: str = "", fix: str = "re-encode the file as UTF-8") -> str:
    """The one message shape of bytes that do not decode: encoding, byte, line, why that encoding, the fix."""
    return f"not valid {encoding_name(codec)} at byte {at} (line {line}{'; ' + why if why else ''}); {fix}"


_NO_BOM_UTF16 = ("binary file (NUL bytes): it looks like UTF-16 text without a byte-order mark; re-encode it as UTF-8 "
                 "(or save it as UTF-16 with a BOM)")


def decode_text(data: bytes, where: str = "text", *, html: bool = False) -> Decoded:
    """The decoded text of one article, its line ends read as ``\\n``.

    A byte-order mark decides the encoding; else, with ``html=True``, the charset a ``<meta>`` in
    the first 1,024 bytes declares, or an XML declaration opening the page
    (:func:`.charset.prescan`); else UTF-8. Raises
    :class:`~tonekit.errors.InputFormatError`, its message starting with ``where``, for bytes that
    are binary, UTF-16 without a BOM, not valid in the encoding chosen (byte and line), a charset
    label that names no web encoding, an empty file or only whitespace."""
    if not isinstance(data, (bytes, bytearray)):
        _checks.invalid("decode_text", "data", "bytes (a str is decoded already)", type(data).__name__)
    if not isinstance(html, bool):
        _checks.invalid("decode_text", "html", "a bool", html)
    data = bytes(data)
    encoding, bom = sniff_bom(data)
    declared = prescan(data) if html and not bom else None
    if declared is not None and declared.codec is None:
        raise InputFormatError(
            f"{where}: its {declared.tag} on line {declared.line} declares charset {declared.label!r}, which names no "
            "encoding a web page may declare (WHATWG labels such as utf-8, windows-1252, iso-8859-15, shift_jis, "
            "gb18030); correct the label, or re-save the page as UTF-8")
    if declared is not None and declared.codec is not None:
        encoding = declared.codec
    if not bom and _NEWLINE.get(encoding, b"\n") == b"\n" and b"\x00" in data[:_SNIFF]:
        if _looks_utf16(data):
            raise InputFormatError(f"{where}: {_NO_BOM_UTF16}")
        raise InputFormatError(f"{where}: binary file (NUL byte in the first 8 KB), not a text article")
    try:
        text = _decode(data[bom:], encoding)
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        line = _line_of(data, bom, at, encoding)
        if declared is not None:
            problem = _not_valid(encoding, at, line, f"the encoding its {declared.tag} on line {declared.line} declares: "
                                                     f"charset {declared.label!r}", "re-save the page as UTF-8 or "
                                                                                     "correct its charset")
        elif bom and encoding != "utf-8":
            problem = _not_valid(encoding, at, line, f"its byte-order mark says {encoding_name(encoding)}")
        elif html:
            problem = _not_valid(encoding, at, line, fix="re-encode the page as UTF-8, or declare its charset in a "
                                                         "<meta charset> tag")
        else:
            problem = _not_valid(encoding, at, line)
            page = prescan(data)
            if page is not None and page.codec is not None:
                problem += (f"; it looks like an HTML page in charset {page.label!r}: read it as HTML "
                            "(--html, or name it .html)")
        raise InputFormatError(f"{where}: {problem}") from None
    if not data:
        raise InputFormatError(f"{where}: empty file (0 bytes): there is no article to read")
    if not text.strip():
        raise InputFormatError(f"{where}: empty or whitespace-only")
    return Decoded(normalise_newlines(text), encoding)


class _UnitLines:
    """``readline(limit)`` over a UTF-16 or UTF-32 stream: a line ends at a newline *code unit*,
    never at a 0x0A byte inside another character (``Ċ`` is ``0A 01`` in UTF-16-LE)."""

    def __init__(self, first: bytes, readline: LineReader, newline: bytes) -> None:
        self._buf = bytearray(first)
        self._pos = 0  # where the next line starts in _buf (always on a code unit)
        self._read = readline
        self._newline = newline
        self._eof = False

    def _take(self, n: int) -> bytes:
        line = bytes(self._buf[self._pos:self._pos + n])
        self._pos += n
        return line

    def __call__(self, limit: int) -> bytes:
        width = len(self._newline)
        limit -= limit % width  # whole code units only
        start = self._pos
        while True:
            at = self._buf.find(self._newline, start)
            while at >= 0 and (at - self._pos) % width:
                at = self._buf.find(self._newline, at + 1)
            have = len(self._buf) - self._pos
            if at >= 0:
                return self._take(min(at + width - self._pos, limit))
            if have >= limit or self._eof:
                return self._take(min(have, limit))
            if self._pos:  # drop the lines already given before reading more
                del self._buf[:self._pos]
                self._pos = 0
            start = len(self._buf) - len(self._buf) % width
            chunk = self._read(_CHUNK)
            if chunk:
                self._buf += chunk
            else:
                self._eof = True


def iter_lines(readline: LineReader, cap: int) -> Iterator[Line]:
    """The lines of a binary stream, decoded in the encoding of its BOM (else UTF-8), without ever
    holding more than ``cap`` bytes of a line (``cap`` x 2 for UTF-16, x 4 for UTF-32: the same text).

    A too-long line is cut to its first bytes and the rest skipped. The BOM is dropped. A line whose
    bytes are not valid is yielded with ``problem`` naming byte and line; the next line reads on. A
    stream without a BOM whose first line looks like UTF-16 (a NUL every other byte) has every line
    refused, saying so."""
    first = readline(cap + 1)
    if not first:
        return
    encoding, bom = sniff_bom(first)
    newline = _NEWLINE[encoding]
    width = len(newline)
    read = readline if width == 1 else _UnitLines(first, readline, newline)
    pending = first if width == 1 else b""  # the first line, already read (a UTF-16 reader holds it itself)
    no_bom_utf16 = not bom and _looks_utf16(first)  # every line is then refused, saying why
    cap *= width
    lineno = offset = 0
    while True:
        line, pending = (pending, b"") if pending else (read(cap + width), b"")
        if not line:
            return
        lineno += 1
        start, offset = offset, offset + len(line)
        too_long = False
        if len(line) > cap and not line.endswith(newline) and (rest := read(cap + width)):
            too_long, line = True, line[:cap]
            offset += len(rest)
            while rest and not rest.endswith(newline):
                rest = read(cap + width)
                offset += len(rest)
        if lineno == 1 and bom:
            line, start = line[bom:], start + bom
        problem = _NO_BOM_UTF16 if no_bom_utf16 else None
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError as exc:
            text = line.decode(encoding, "replace")
            problem = problem or _not_valid(encoding, start + exc.start, lineno,
                                 f"its byte-order mark says {encoding_name(encoding)}" if width > 1 else "")
        yield Line(lineno, start, text, problem, too_long)
