"""Which character encoding an HTML file declares, read the way a browser reads a file that came
with no HTTP header (the WHATWG HTML standard's "prescan a byte stream to determine its encoding").

Saved news pages are often not UTF-8: a ``<meta charset="windows-1252">`` or
``<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`` in their head says
what they are (or, in an XHTML page, ``<?xml version="1.0" encoding="iso-8859-2"?>``), and
reading them as UTF-8 gives mojibake or a refusal. trafilatura and its
dependencies guess an encoding from the bytes (charset_normalizer) and fall back to replacing
what does not decode; none of them reads the declaration and refuses what contradicts it, so the
prescan is done here, in the standard's own steps.

Labels are the WHATWG Encoding Standard's, resolved through Python's codec registry
(:func:`codecs.lookup`), with the standard's own readings where they differ from Python's:
``iso-8859-1``, ``latin1``, ``us-ascii`` and ``ascii`` (and every other label of those) mean
windows-1252, as they do in every browser, because pages labelled so are in practice written in
it; likewise ``iso-8859-9`` means windows-1254, ``tis-620`` and ``iso-8859-11`` windows-874,
``shift_jis`` windows-31J (cp932), ``euc-kr`` windows-949, ``gb2312`` GBK and ``big5``
Big5-HKSCS. A ``<meta>`` naming UTF-16 is read as UTF-8 (the bytes that spell the tag in ASCII
cannot be UTF-16), ``x-user-defined`` as windows-1252. A codec Python has but the standard does
not (``utf-7``, ``cp437``, ``rot13``, ``unicode_escape``) is not an encoding a page may declare.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["PRESCAN_BYTES", "META", "XML_DECLARATION", "Declared", "encoding_name", "lookup_label", "prescan"]

PRESCAN_BYTES = 1024  # how far the standard's prescan looks (a <meta> must end within it)

# WHATWG labels Python's registry does not know, as the Python codec of their encoding
_LABELS = {"unicode-1-1-utf-8": "utf-8", "unicode11utf8": "utf-8", "unicode20utf8": "utf-8", "x-unicode20utf8": "utf-8",
           "windows-874": "cp874", "dos-874": "cp874", "iso-8859-8-i": "iso8859-8", "csiso88598i": "iso8859-8",
           "logical": "iso8859-8", "koi8-ru": "koi8-u", "mac": "mac-roman", "x-mac-roman": "mac-roman",
           "csmacintosh": "mac-roman", "x-mac-cyrillic": "mac-cyrillic", "x-mac-ukrainian": "mac-cyrillic",
           "x-gbk": "gbk", "cn-big5": "big5hkscs", "x-x-big5": "big5hkscs", "csbig5": "big5hkscs",
           "x-euc-jp": "euc_jp", "windows-31j": "cp932", "x-sjis": "cp932", "windows-949": "cp949",
           "x-user-defined": "cp1252", **{f"x-cp125{n}": f"cp125{n}" for n in range(9)}}
# Python codecs that the standard reads as a wider encoding (see the module docstring)
_WIDER = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874", "tis-620": "cp874",
          "shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gbk", "big5": "big5hkscs",
          "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}
# the encodings of the standard, as the Python codecs that read them
_WEB = frozenset({"utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "gbk", "gb18030",
                  "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
                  *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
                  *(f"cp125{n}" for n in range(9))})
# how messages name a codec: the standard's name of its encoding
_NAMES = {"cp866": "IBM866", "mac-roman": "macintosh", "mac-cyrillic": "x-mac-cyrillic", "cp874": "windows-874",
          "cp932": "Shift_JIS (windows-31J)", "cp949": "EUC-KR (windows-949)", "big5hkscs": "Big5 (Big5-HKSCS)",
          "gb18030": "gb18030", **{f"cp125{n}": f"windows-125{n}" for n in range(9)}}
_SPACE = b"\t\n\x0c\r "
_META = re.compile(rb"<meta[\t\n\x0c\r /]", re.IGNORECASE)
_CHARSET = re.compile(rb"charset", re.IGNORECASE)
_LABEL = re.compile(r"[a-z0-9._:-]+")


META = "<meta>"
XML_DECLARATION = "XML declaration"


@dataclass(frozen=True, slots=True)
class Declared:
    """A charset a page declares: its label as written, the line its tag starts on, the Python
    codec that reads it (None: not an encoding a web page may declare) and the tag that says so
    (:data:`META`, or :data:`XML_DECLARATION`: ``<?xml ... encoding="..."?>``)."""

    label: str
    line: int
    codec: str | None
    tag: str = META


def lookup_label(label: str) -> str | None:
    """The Python codec that reads a WHATWG encoding label as a browser does, or None when the
    label names no web encoding. Case and surrounding whitespace do not matter."""
    name = label.strip("\t\n\x0c\r ").lower()
    if not _LABEL.fullmatch(name):  # what labels are made of; Python's lookup would take "utf\xa08" for utf-8
        return None
    codec = _LABELS.get(name)
    if codec is None:
        try:
            info = codecs.lookup(name)
        except LookupError:
            return None
        codec = info.name
    codec = _WIDER.get(codec, codec)
    return codec if codec in _WEB else None


def encoding_name(codec: str) -> str:
    """A Python codec as messages name it: the standard's name of its encoding (``cp1252`` is
    windows-1252, ``iso8859-2`` ISO-8859-2, ``utf-16-le`` UTF-16-LE)."""
    return _NAMES.get(codec) or codec.upper().replace("_", "-").replace("ISO8859", "ISO-8859")


def prescan(data: bytes) -> Declared | None:
    """The first charset a ``<meta>`` tag in the first :data:`PRESCAN_BYTES` bytes declares, or None.

    The standard's steps: a file opening with ``<?x`` in UTF-16 (no BOM) is UTF-16; then
    comments and ``<!...>``, ``</...>``, ``<?...>`` constructs are skipped,
    other tags have their attributes skipped (so a ``<meta`` inside an attribute value is not
    one), and a ``<meta>`` counts when it has a ``charset`` attribute, or an ``http-equiv`` of
    ``content-type`` with a ``content`` naming a charset. A browser skips a label it does not
    know and goes on; so does this, but the first unknown label is returned when no later tag
    declares a known one, so that the page is refused rather than read in a guessed encoding.
    With no ``<meta>``, the ``encoding`` of an XML declaration opening the file counts."""
    head = data[:PRESCAN_BYTES]
    for mark, codec in ((b"<\x00?\x00x\x00", "utf-16-le"), (b"\x00<\x00?\x00x", "utf-16-be")):
        if head.startswith(mark):
            return Declared(codec, 1, codec, XML_DECLARATION)
    unknown: Declared | None = None
    pos = 0
    while pos < len(head):
        if head.startswith(b"<!--", pos):
            end = head.find(b"-->", pos + 2)
            pos = len(head) if end < 0 else end + 3
        elif _META.match(head, pos):
            start = pos
            pos, label = _meta_charset(head, pos + 5)
            if label is not None:
                found = Declared(label, head.count(b"\n", 0, start) + 1, lookup_label(label))
                if found.codec is not None:
                    return found
                unknown = unknown or found
        elif head[pos] == 0x3C and _tag_start(head, pos):  # "<"
            pos += 2 if head[pos + 1:pos + 2] == b"/" else 1
            while pos < len(head) and head[pos] not in _SPACE + b">":
                pos += 1
            while True:
                pos, attr = _attribute(head, pos)
                if attr is None:
                    break
        elif head.startswith((b"<!", b"</", b"<?"), pos):
            end = head.find(b">", pos)
            pos = len(head) if end < 0 else end + 1
        else:
            pos += 1
    xml = _xml_encoding(head)
    if xml is not None and (xml.codec is not None or unknown is None):
        return xml
    return unknown


def _xml_encoding(head: bytes) -> Declared | None:
    """The standard's "get an XML encoding": the quoted ``encoding`` of ``<?xml ...>`` at the very
    start (UTF-16 read as UTF-8, as for a ``<meta>``)."""
    end = head.find(b">")
    if not head.startswith(b"<?xml") or end < 0:
        return None
    decl = head[:end]
    pos = decl.find(b"encoding")
    if pos < 0:
        return None
    pos += len(b"encoding")
    while pos < len(decl) and decl[pos] <= 0x20:
        pos += 1
    if decl[pos:pos + 1] != b"=":
        return None
    pos += 1
    while pos < len(decl) and decl[pos] <= 0x20:
        pos += 1
    quote = decl[pos:pos + 1]
    close = decl.find(quote, pos + 1) if quote in (b'"', b"'") else -1
    if close < 0:
        return None
    label = decl[pos + 1:close]
    if not label or min(label) <= 0x20:
        return None
    text = label.decode("latin-1")
    return Declared(text, 1, lookup_label(text), XML_DECLARATION)


def _tag_start(head: bytes, pos: int) -> bool:
    """``<`` or ``</`` followed by an ASCII letter: the start of a tag."""
    letter = head[pos + 2:pos + 3] if head[pos + 1:pos + 2] == b"/" else head[pos + 1:pos + 2]
    return letter.isalpha() and letter.isascii()


def _meta_charset(head: bytes, pos: int) -> tuple[int, str | None]:
    """After ``<meta``: where the tag ends and the charset it declares, if it declares one."""
    seen: set[bytes] = set()
    got_pragma, need_pragma, charset = False, None, None
    while True:
        pos, attr = _attribute(head, pos)
        if attr is None:
            break
        name, value = attr
        if name in seen:
            continue
        seen.add(name)
        if name == b"http-equiv" and value.lower() == b"content-type":
            got_pragma = True
        elif name == b"content" and charset is None:
            found = _charset_in_content(value)
            if found is not None:
                charset, need_pragma = found, True
        elif name == b"charset":
            charset, need_pragma = value, False
    if charset is None or need_pragma is None or (need_pragma and not got_pragma):
        return pos, None
    return pos, charset.decode("latin-1").strip("\t\n\x0c\r ")


def _attribute(head: bytes, pos: int) -> tuple[int, tuple[bytes, bytes] | None]:
    """The standard's "get an attribute": (position after it, (lower-case name, value)), or None
    at the end of the tag. The value keeps its case (the standard lowers it; labels are looked up
    without case anyway, and a message then shows the label as the page writes it)."""
    n = len(head)
    while pos < n and head[pos] in _SPACE + b"/":
        pos += 1
    if pos >= n or head[pos] == 0x3E:  # ">"
        return pos + 1, None
    start = pos
    pos += 1  # the first character belongs to the name, even "="
    while pos < n and head[pos] not in _SPACE + b"/>=":
        pos += 1
    name = head[start:pos].lower()
    while pos < n and head[pos] in _SPACE:
        pos += 1
    if pos >= n or head[pos] != 0x3D:  # no "=": an attribute without a value
        return pos, (name, b"")
    pos += 1
    while pos < n and head[pos] in _SPACE:
        pos += 1
    if pos < n and head[pos] in b"\"'":
        end = head.find(head[pos:pos + 1], pos + 1)
        if end < 0:  # the quote runs past the bytes scanned: no attribute
            return n, None
        return end + 1, (name, head[pos + 1:end])
    start = pos
    while pos < n and head[pos] not in _SPACE + b">":
        pos += 1
    return pos, (name, head[start:pos])


def _charset_in_content(value: bytes) -> bytes | None:
    """The standard's "extract a character encoding from a meta element": the ``charset=`` of a
    ``content`` value such as ``text/html; charset=windows-1252``."""
    pos = 0
    while (match := _CHARSET.search(value, pos)) is not None:
        pos = match.end()
        while pos < len(value) and value[pos] in _SPACE:
            pos += 1
        if pos >= len(value) or value[pos] != 0x3D:  # "charset" not followed by "=": look further on
            continue
        pos += 1
        while pos < len(value) and value[pos] in _SPACE:
            pos += 1
        if pos >= len(value):
            return None
        if value[pos] in b"\"'":
            end = value.find(value[pos:pos + 1], pos + 1)
            return None if end < 0 else value[pos + 1:end]
        end = pos
        while end < len(value) and value[end] not in _SPACE + b";":
            end += 1
        return value[pos:end]
    return None
