"""Cached views of a spaCy ``Doc`` of one paragraph that both analysers need.

spaCy recomputes ``Doc.text``, ``Token.sent`` and ``Doc.sents`` on every access, which is
quadratic on long paragraphs, so each is computed once per doc and kept in ``doc.user_data``.
The cached spans point back at their doc, a reference cycle that only the garbage collector's
rare full passes would free: :func:`release` drops the cache once a doc is analysed, so a long
article's docs are freed one by one instead of piling up.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from .marks import QUOTE_CHARS

__all__ = ["char_span", "sentence", "doc_text", "remember_text", "sentences", "token_at", "release"]


def char_span(doc: Doc, lo: int, first: Token, last: Token) -> tuple[int, int]:
    """Article offsets of the tokens ``first`` to ``last`` of a paragraph starting at ``lo``."""
    return lo + first.idx, lo + last.idx + len(last.text)


def sentence(tok: Token) -> Span:
    """The token's sentence. spaCy's ``Token.sent`` walks the whole doc on every call, which is
    quadratic on long paragraphs, so sentence bounds are computed once per doc."""
    starts, spans = sentences(tok.doc)
    return spans[bisect.bisect_right(starts, tok.i) - 1]


def doc_text(doc: Doc) -> str:
    """The doc's text, once: ``Doc.text`` rebuilds the string from its tokens on every access."""
    text = doc.user_data.get("tonekit_text")
    if text is None:
        text = doc.user_data["tonekit_text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Cache ``text`` as the doc's text, when the caller has it (the string the doc was made from)."""
    doc.user_data["tonekit_text"] = text


def sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    """Sentence start indices and spans, once per doc (``Doc.sents`` is slow on long docs)."""
    bounds = doc.user_data.get("tonekit_sents")
    if bounds is None:
        flags = doc.to_array("SENT_START").tolist()
        starts = [i for i, flag in enumerate(flags) if i == 0 or flag == 1]
        # an opening mark after a full stop starts the next sentence, not ends this one
        starts = [i - 1 if i > 1 and doc[i - 1].text in QUOTE_CHARS and doc[i - 2].whitespace_ else i for i in starts]
        ends = starts[1:] + [len(doc)]
        bounds = doc.user_data["tonekit_sents"] = (starts, [doc[a:b] for a, b in zip(starts, ends)])
    return bounds


def token_at(doc: Doc, rel: int) -> Token | None:
    """The token that contains, or is the first after, the paragraph-relative character ``rel``."""
    starts = doc.user_data.get("tonekit_starts")
    if starts is None:
        starts = doc.user_data["tonekit_starts"] = doc.to_array("IDX").tolist()
    i = bisect.bisect_right(starts, rel) - 1
    if i >= 0 and rel < starts[i] + len(doc[i].text):
        return doc[i]
    return doc[i + 1] if i + 1 < len(doc) else None


def release(doc: Doc) -> None:
    """Drop the cached views, breaking the doc -> span -> doc cycle so the doc is freed at once."""
    for key in ("tonekit_text", "tonekit_sents", "tonekit_starts"):
        doc.user_data.pop(key, None)
