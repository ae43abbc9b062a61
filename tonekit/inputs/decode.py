"""The bytes of one text article into the text tonekit extracts from, or the reason they are not text.

Every text input (.txt and .html files, stdin read as one text) is decoded here, so offsets mean
the same thing everywhere: they index the text *as tonekit read it*, which is what Python's
``open(path, encoding=...)`` returns in its default text mode: the byte-order mark dropped, and
Windows (``\\r\\n``) and old Mac (``\\r``) line ends read as ``\\n``. A UTF-8 file without a BOM is
therefore sliced correctly by ``open(path, encoding="utf-8").read()[start:end]``; with a BOM,
use ``encoding="utf-8-sig"``; a UTF-16 file, ``encoding="utf-16"``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Decoded", "decode_text", "normalise_newlines", "BOMS"]

# longest first: the UTF-32-LE mark starts with the UTF-16-LE one
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_SNIFF = 8192  # bytes searched for NUL to call a file binary


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text, and the encoding it was read in (``utf-8``, ``utf-16-le``, ...)."""

    text: str
    encoding: str


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``: Python's universal newlines, as ``open()`` reads text."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


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


def decode_text(data: bytes) -> Decoded | str:
    """The decoded text, or a problem saying what the bytes are and how to fix them
    (binary, not UTF-8 at byte N on line L, not valid UTF-16, empty)."""
    encoding, bom = "utf-8", 0
    for mark, name in BOMS:
        if data.startswith(mark):
            encoding, bom = name, len(mark)
            break
    if encoding == "utf-8" and b"\x00" in data[:_SNIFF]:
        if _looks_utf16(data):
            return ("binary file (NUL bytes): it looks like UTF-16 text without a byte-order mark; "
                    "re-encode it as UTF-8 (or save it as UTF-16 with a BOM)")
        return "binary file (NUL byte in the first 8 KB), not a text article"
    try:
        text = data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = bom + exc.start
        if encoding != "utf-8":
            return f"not valid {encoding.upper()} at byte {at} (its byte-order mark says {encoding.upper()}); " \
                   "re-encode the file as UTF-8"
        line = data.count(b"\n", 0, at) + 1
        return f"not valid UTF-8 at byte {at} (line {line}); re-encode the file as UTF-8"
    if not data:
        return "empty file (0 bytes): there is no article to read"
    if not text.strip():
        return "empty or whitespace-only"
    return Decoded(normalise_newlines(text), encoding)
