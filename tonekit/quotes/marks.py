"""Pair quotation marks into quoted spans, paragraph by paragraph.

This is the part of extraction that never needs a model. It decides, for every quote-like
character, whether it opens a quotation, closes one, or is an apostrophe; then pairs openers
with closers inside each paragraph. News convention lets a quotation run over several
paragraphs only when each new paragraph starts with an opening mark, so an unbalanced mark can
never swallow more than its own paragraph: one stray character does not derail the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["QuotedSpan", "QuoteIndex", "find_quoted_spans", "paragraph_spans", "QUOTE_CHARS"]

DOUBLE_OPENERS = "\u201c\u201e\u00ab\u201f"  # “ „ « ‟
DOUBLE_CLOSERS = "\u201d\u00bb"  # ” »
DOUBLE_EITHER = '"\u2033'  # " ″
SINGLE_OPENERS = "\u2018\u2039"  # ‘ ‹
SINGLE_CLOSERS = "\u2019\u203a"  # ’ ›
SINGLE_EITHER = "'"
QUOTE_CHARS = DOUBLE_OPENERS + DOUBLE_CLOSERS + DOUBLE_EITHER + SINGLE_OPENERS + SINGLE_CLOSERS + SINGLE_EITHER

_OPEN_CONTEXT = set("([{\u2014\u2013\u2015-/") | set(QUOTE_CHARS)
_CLOSE_CONTEXT = set(".,;:!?)]}\u2014\u2013\u2015-\u2026/") | set(QUOTE_CHARS)
# After a single opening mark, these mean an elision, not a quotation: ’90s, 'tis, 'em.
_ELISION = re.compile(r"(?:\d0s|\d\ds|\d\d\b|tis\b|twas\b|em\b|cause\b|n\b|til\b)", re.IGNORECASE)

Role = Literal["open", "close", "none"]
# Typewriter doubles first, so '' is one mark, then any single quote-like character.
_MARK_RUN = re.compile("''|``|[" + re.escape(QUOTE_CHARS) + "]")


@dataclass(frozen=True)
class QuotedSpan:
    """Content between a pair of marks (marks excluded, surrounding blanks trimmed)."""

    start: int
    end: int
    open_at: int
    close_at: int
    style: Literal["double", "single"]
    close_width: int = 1

    @property
    def close_end(self) -> int:
        """Index just past the closing mark."""
        return self.close_at + self.close_width


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line; news paragraphs are one line each."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def _role(text: str, i: int, lo: int, hi: int) -> Role:
    """Whether the mark at ``i`` can open or close, from its shape and its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > lo else None
    nxt = text[i + 1] if i + 1 < hi else None
    left_flank = nxt is not None and not nxt.isspace() and (prev is None or prev.isspace() or prev in _OPEN_CONTEXT)
    right_flank = prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or nxt in _CLOSE_CONTEXT)
    if (prev is None or prev.isspace()) and (nxt is None or nxt.isspace()):
        return "none"  # a mark standing alone between blanks quotes nothing
    if ch in DOUBLE_OPENERS or ch in SINGLE_OPENERS:
        if ch in SINGLE_OPENERS and nxt is not None and _ELISION.match(text, i + 1, hi):
            return "none"
        return "close" if right_flank and not left_flank else "open"
    if ch in DOUBLE_CLOSERS or ch in SINGLE_CLOSERS:
        if ch in SINGLE_CLOSERS:
            return _single_closer_role(text, i, prev, nxt, left_flank, right_flank, hi)
        return "open" if left_flank and not right_flank else "close"
    if ch in SINGLE_EITHER:
        if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
            return "none"  # can't, Côte d'Ivoire
        if left_flank and not right_flank:
            return "none" if _ELISION.match(text, i + 1, hi) else "open"
        if right_flank and not left_flank:
            return _single_closer_role(text, i, prev, nxt, left_flank, right_flank, hi)
        return "none"
    # straight double quote
    if left_flank and not right_flank:
        return "open"
    if right_flank and not left_flank:
        return "close"
    return "none"


def _single_closer_role(text: str, i: int, prev: str | None, nxt: str | None,
                        left_flank: bool, right_flank: bool, hi: int) -> Role:
    """A right single mark is far more often an apostrophe than a closing quote."""
    if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return "none"  # can’t, China’s
    if left_flank and not right_flank:
        # ’90s, ’em: an elision; otherwise a mis-typed opener
        return "none" if _ELISION.match(text, i + 1, hi) else "open"
    if not right_flank:
        return "none"
    if prev in "sS" and nxt == " " and i + 2 < hi and text[i + 2].isalpha():  # type: ignore[operator]  # right_flank: prev is set
        return "none"  # plural possessive: the ministers’ spokesman
    return "close"


def _doubled_role(text: str, i: int, lo: int, hi: int) -> Role:
    """Role of a two-character mark ('' or ``), the typewriter double quote of some wires."""
    prev = text[i - 1] if i > lo else None
    nxt = text[i + 2] if i + 2 < hi else None
    if text[i] == "`":
        return "open"
    left = nxt is not None and not nxt.isspace() and (prev is None or prev.isspace() or prev in _OPEN_CONTEXT)
    right = prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or nxt in _CLOSE_CONTEXT)
    return "open" if left and not right else "close" if right and not left else "none"


def _marks(text: str, lo: int, hi: int, singles: bool) -> list[tuple[int, Role, int]]:
    """(position, role, width) of the marks of one style in ``text[lo:hi]``."""
    kinds = (SINGLE_OPENERS + SINGLE_CLOSERS + SINGLE_EITHER) if singles else (
        DOUBLE_OPENERS + DOUBLE_CLOSERS + DOUBLE_EITHER)
    out: list[tuple[int, Role, int]] = []
    for match in _MARK_RUN.finditer(text, lo, hi):
        i = match.start()
        if match.group() in ("''", "``") and match.end() <= hi:
            if not singles:
                role = _doubled_role(text, i, lo, hi)
                if role != "none":
                    out.append((i, role, 2))
            continue
        if text[i] in kinds:
            role = _role(text, i, lo, hi)
            if role != "none":
                out.append((i, role, 1))
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _starts_with_opener(text: str, lo: int, hi: int) -> int | None:
    """Position of the opening double mark that starts a paragraph, if any."""
    i = lo
    while i < hi and text[i].isspace():
        i += 1
    if i < hi and (text[i] in DOUBLE_OPENERS or text[i] in DOUBLE_EITHER) and _role(text, i, lo, hi) == "open":
        return i
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of the text, sorted and disjoint.

    Double marks are paired first; a quotation may continue into the next paragraph only when
    that paragraph opens with a mark. Single marks count as an outer quotation style only outside
    double-quoted spans (inside, they are nested quotes and belong to the outer span).
    """
    paragraphs = paragraph_spans(text)
    spans: list[QuotedSpan] = []
    carried: int | None = None  # opener of a quotation continuing from the previous paragraph
    carried_width = 1
    for n, (lo, hi) in enumerate(paragraphs):
        marks = _marks(text, lo, hi, singles=False)
        if carried is not None:
            cont = _starts_with_opener(text, lo, hi)
            if cont is None:
                carried = None  # the previous paragraph's opener was stray
            else:
                marks = [m for m in marks if m[0] != cont]
        open_at = carried
        open_width = carried_width
        carried = None
        for i, role, width in marks:
            if role == "open":
                open_at, open_width = i, width  # a second opener means the first was stray
            elif open_at is not None:
                a, b = _trimmed(text, open_at + open_width, i)
                if b > a:
                    spans.append(QuotedSpan(a, b, open_at, i, "double", width))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is not None and _starts_with_opener(text, *nxt) is not None:
                carried, carried_width = open_at, open_width
    spans.extend(_single_spans(text, paragraphs, spans))
    spans.sort(key=lambda s: s.start)
    return spans


def _single_spans(text: str, paragraphs: list[tuple[int, int]], doubles: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-quoted spans outside every double-quoted span (single-quote house style)."""
    covered = QuoteIndex(list(doubles))
    out = []
    for lo, hi in paragraphs:
        open_at: int | None = None
        for i, role, _ in _marks(text, lo, hi, singles=True):
            if covered.inside(i):
                open_at = None
                continue
            if role == "open":
                open_at = i
            elif open_at is not None:
                a, b = _trimmed(text, open_at + 1, i)
                if b > a:
                    out.append(QuotedSpan(a, b, open_at, i, "single"))
                open_at = None
    return out


class QuoteIndex:
    """An article's quoted spans with position lookups in O(log n): articles can hold thousands."""

    def __init__(self, spans: list[QuotedSpan]):
        self.spans = sorted(spans, key=lambda s: s.open_at)
        self._opens = [s.open_at for s in self.spans]
        self._closes = [s.close_at for s in self.spans]  # disjoint spans: also sorted
        self.open_positions = frozenset(self._opens)
        self.close_positions = frozenset(self._closes)

    def __len__(self) -> int:
        return len(self.spans)

    def containing(self, pos: int) -> QuotedSpan | None:
        """The span whose marks enclose ``pos`` (marks included), if any."""
        i = bisect.bisect_right(self._opens, pos) - 1
        if i >= 0 and self.spans[i].open_at <= pos <= self.spans[i].close_at:
            return self.spans[i]
        return None

    def inside(self, pos: int) -> bool:
        return self.containing(pos) is not None

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, QuotedSpan]]:
        """(index, span) of the spans with a mark in ``[lo, hi)`` or crossing it."""
        first = bisect.bisect_left(self._closes, lo)
        last = bisect.bisect_left(self._opens, hi)
        return [(i, self.spans[i]) for i in range(first, last)]

    def first_open_in(self, lo: int, hi: int) -> int | None:
        i = bisect.bisect_left(self._opens, lo)
        return self._opens[i] if i < len(self._opens) and self._opens[i] < hi else None

    def last_close_end_in(self, lo: int, hi: int) -> int | None:
        """End of the last closing mark that lies in ``[lo, hi)``."""
        i = bisect.bisect_left(self._closes, hi) - 1
        return self.spans[i].close_end if i >= 0 and self._closes[i] >= lo else None
