"""Cut a long article into bounded pieces, so extraction costs time and memory linear in its length.

Speaker resolution keeps an article-wide index of names and walks it for every quote, and the
parser's memory grows with the text it holds at once, so an article of megabytes (a feed dump,
a transcript, a whole book pasted as one paragraph) would cost time quadratic in its length.
An article longer than :data:`SECTION_CHARS` is therefore cut into sections of at most that
many characters, each extracted on its own as if it were an article, with its quotes' offsets
shifted back into the article. Articles up to that length (news articles are a few thousand
characters) are extracted whole, exactly as before.

Where a cut falls (:func:`cut_point`): at the last paragraph break of the window, else at the
last sentence end ("." "?" "!" and closing marks, then a blank), else at the last blank, and in
each case never inside a quotation when a place outside one exists. Only a quotation longer
than a section has to be cut: its opening and closing marks then lie in different sections, so
it is not found as a direct quote (its sentences may still be found as reported speech).

Each section is read with up to :data:`CONTEXT_CHARS` of the text before it (from a paragraph
or sentence boundary), so "he" or "the minister" at the top of a section can still resolve to
the speaker named just before; quotes found in that lead-in belong to the previous section and
are dropped. Names are looked up within the section and its lead-in only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .marks import QuoteIndex, find_quoted_spans
from .quote import Quote

__all__ = ["SECTION_CHARS", "CONTEXT_CHARS", "Section", "sections", "cut_point", "article_sections", "in_article"]

SECTION_CHARS = 40_000
CONTEXT_CHARS = 3_000
_SENTENCE_END = re.compile(r"[.!?][\u201d\u2019\"')\]]*\s+")
_BLANK = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Section:
    """``text`` is ``article[start:end]``; its quotes starting before ``keep`` (a position in
    ``text``) lie in the lead-in and belong to the previous section."""

    start: int
    end: int
    keep: int
    text: str


def _straddles(quotes: QuoteIndex, pos: int) -> bool:
    """A quotation (marks included) has characters on both sides of a cut at ``pos``."""
    span = quotes.containing(pos - 1)
    return span is not None and span.close_end > pos


def _last_outside(quotes: QuoteIndex, positions: list[int]) -> int | None:
    return next((p for p in reversed(positions) if not _straddles(quotes, p)), None)


def _first_outside(quotes: QuoteIndex, positions: list[int]) -> int | None:
    return next((p for p in positions if not _straddles(quotes, p)), None)


def _candidates(text: str, lo: int, hi: int) -> list[list[int]]:
    """Cut positions in ``(lo, hi]`` by preference: paragraph starts, sentence starts, word starts."""
    paragraphs = [m.end() for m in re.finditer(r"\n+", text[lo:hi])]
    sentences = [m.end() for m in _SENTENCE_END.finditer(text[lo:hi])]
    blanks = [m.end() for m in _BLANK.finditer(text[lo:hi])]
    return [[lo + p for p in group if 0 < lo + p - lo <= hi - lo] for group in (paragraphs, sentences, blanks)]


def cut_point(text: str, quotes: QuoteIndex, lo: int, hi: int, *, first: bool = False) -> int:
    """Where to cut ``text`` in ``(lo, hi]``: the last (or, with ``first``, the first) paragraph
    start there, else sentence start, else word start, preferring a place outside every quotation;
    ``hi`` itself when the window holds no blank at all."""
    groups = _candidates(text, lo, hi)
    pick = _first_outside if first else _last_outside
    for group in groups:
        found = pick(quotes, group)
        if found is not None:
            return found
    for group in groups:  # every boundary is inside a quotation longer than the window: cut it
        if group:
            return group[0] if first else group[-1]
    return hi


def sections(text: str, quotes: QuoteIndex, *, size: int = SECTION_CHARS,
             context: int = CONTEXT_CHARS) -> list[Section]:
    """The article as one section when it is at most ``size`` characters, else cut as the module
    says; ``quotes`` are the article's quoted spans (where not to cut)."""
    if len(text) <= size:
        return [Section(0, len(text), 0, text)]
    out: list[Section] = []
    lo = 0
    while lo < len(text):
        hi = len(text) if len(text) - lo <= size else cut_point(text, quotes, lo + size // 2, lo + size)
        start = lo if lo == 0 else cut_point(text, quotes, max(0, lo - context), lo, first=True)
        out.append(Section(start, hi, lo - start, text[start:hi]))
        lo = hi
    return out


def article_sections(text: str) -> list[Section]:
    """The sections :func:`~tonekit.quotes.extract_quotes` reads ``text`` in: the whole text up to
    :data:`SECTION_CHARS` (read at call time), else :func:`sections` of it. For a reader of the
    same article from elsewhere (the spaCy component on a parsed doc)."""
    if len(text) <= SECTION_CHARS:
        return [Section(0, len(text), 0, text)]
    return sections(text, QuoteIndex(find_quoted_spans(text)), size=SECTION_CHARS)


def in_article(piece: Section, quotes: list[Quote]) -> list[Quote]:
    """The quotes found in ``piece.text`` in article offsets (every position field moved by
    ``piece.start``), those of its lead-in dropped: they belong to the previous section."""
    if piece.start == 0 and piece.keep == 0:
        return quotes
    return [dataclasses.replace(q, **{f.name: getattr(q, f.name) + piece.start for f in dataclasses.fields(q)
                                      if (f.name in ("start", "end") or f.name.endswith(("_start", "_end")))
                                      and isinstance(getattr(q, f.name), int)})
            for q in quotes if q.start >= piece.keep]
