"""A quote's span as an annotator sees it: the passage around it, and what looks broken about it.

A to-do row must be judgeable without opening the article, so it carries the paragraph around
the quote (:func:`context_of`, the quote between ``⟦`` and ``⟧``). A span cut short by
extraction, or edited by hand in a spreadsheet, must not slip into ``annotations/`` unnoticed,
so :func:`span_flags` names what looks wrong: a span that starts or ends inside a word, an
unbalanced quotation mark, or text that no longer matches the article at its offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Context", "context_of", "plain_context", "span_flags", "FLAG_MESSAGES", "MARK_OPEN", "MARK_CLOSE",
           "MAX_CONTEXT"]

MARK_OPEN, MARK_CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: never in news text, visible in any spreadsheet
MAX_CONTEXT = 600  # characters of article around a quote at most (plus the quote itself)

FLAG_MESSAGES = {
    "starts-mid-word": "the span starts inside a word",
    "ends-mid-word": "the span ends inside a word",
    "unbalanced-quote-mark": "the span holds an unbalanced quotation mark (a quote cut in two)",
    "offsets-mismatch": "the text no longer matches the article at its offsets",
}

_OPENERS, _CLOSERS = "\u201c\u201e\u00ab", "\u201d\u00bb"  # “ „ «  and  ” »
_SENTENCE_END = ".!?"


@dataclass(frozen=True)
class Context:
    """The passage around a quote: ``text`` with the quote between the marks, starting at
    article offset ``start``."""

    text: str
    start: int


def _paragraph(article: str, start: int, end: int) -> tuple[int, int]:
    lo = article.rfind("\n", 0, start) + 1
    hi = article.find("\n", end)
    return lo, len(article) if hi < 0 else hi


def _sentence_start(article: str, lo: int, limit: int) -> int:
    """The first sentence start at or after ``lo`` (before ``limit``), else the next word start."""
    for i in range(lo, limit):
        if i > 0 and article[i - 1] in _SENTENCE_END and article[i].isspace():
            return i + 1
    space = article.find(" ", lo, limit)
    return limit if space < 0 else space + 1


def _sentence_end(article: str, hi: int, limit: int) -> int:
    """The last sentence end at or before ``hi`` (after ``limit``), else the last word end."""
    for i in range(hi, limit, -1):
        if article[i - 1] in _SENTENCE_END:
            return i
    space = article.rfind(" ", limit, hi)
    return limit if space < 0 else space


def context_of(article: str, start: int, end: int) -> Context:
    """The paragraph holding ``article[start:end]``; when it is longer than :data:`MAX_CONTEXT`,
    the whole sentences around the quote that fit (the quote itself is never cut)."""
    lo, hi = _paragraph(article, start, end)
    room = MAX_CONTEXT // 2
    if start - lo > room:
        lo = _sentence_start(article, start - room, start)
    if hi - end > room:
        hi = _sentence_end(article, end + room, end)
    while lo < start and article[lo].isspace():
        lo += 1
    while hi > end and article[hi - 1].isspace():
        hi -= 1
    text = article[lo:start] + MARK_OPEN + article[start:end] + MARK_CLOSE + article[end:hi]
    return Context(text, lo)


def plain_context(context: str) -> str:
    """The article excerpt of a context, its quote marks taken out."""
    opened = context.find(MARK_OPEN)
    if opened >= 0:
        context = context[:opened] + context[opened + 1:]
    closed = context.find(MARK_CLOSE, max(opened, 0))
    if closed >= 0:
        context = context[:closed] + context[closed + 1:]
    return context


def _unbalanced(text: str) -> bool:
    """Whether a curly or angle quotation mark opens without closing (or closes without
    opening), or straight double marks are odd. A paragraph that opens with a mark it never
    closes continues a quote (news style: each paragraph reopens it), so that mark is not counted."""
    lines = text.split("\n")
    for n in range(1, len(lines)):
        body = lines[n].lstrip()
        if body[:1] in _OPENERS and not any(c in _CLOSERS for c in body):
            lines[n] = body[1:]
    depth = 0
    for char in "\n".join(lines):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth -= 1
            if depth < 0:
                return True
    return depth != 0 or text.count('"') % 2 == 1


def span_flags(text: str, start: int | None, end: int | None, excerpt: str | None = None,
               excerpt_start: int = 0) -> list[str]:
    """What looks broken about the span ``text`` at ``start:end`` (keys of
    :data:`FLAG_MESSAGES`, in that order; empty when it looks whole). ``excerpt`` is the article
    from offset ``excerpt_start`` (the whole article, or a to-do row's plain context); without
    it, or without offsets, only the marks inside the text can be judged; when the text does not
    match the excerpt, where words start and end cannot be judged either."""
    flags: list[str] = []
    matches = None  # unknown without the article
    if excerpt is not None and start is not None and end is not None:
        a, b = start - excerpt_start, end - excerpt_start
        matches = 0 <= a <= b <= len(excerpt) and excerpt[a:b] == text
        if matches and text[:1].isalnum() and a > 0 and excerpt[a - 1].isalnum():
            flags.append("starts-mid-word")
        if matches and text[-1:].isalnum() and b < len(excerpt) and excerpt[b].isalnum():
            flags.append("ends-mid-word")
    if _unbalanced(text):
        flags.append("unbalanced-quote-mark")
    if matches is False:
        flags.append("offsets-mismatch")
    return flags
