"""Sentence bounds of a blank-tokenizer doc, read from its token arrays (fast mode).

Fast mode used to run spaCy's ``sentencizer`` and then read the sentences as ``Span`` objects,
which builds a Python ``Token`` for every token twice and rebuilds each sentence's text from its
tokens. This module applies the same rule to the arrays of token offsets and lengths, in
character offsets of the paragraph, so nothing per token is built:

- spaCy's rule (``Sentencizer.predict``): a sentence starts at the first token that is neither
  punctuation nor one of the sentencizer's ``punct_chars`` after a token that is one of them;
- tonekit's own (:func:`tonekit.quotes._doc.sentences`): an opening mark after a full stop starts
  the next sentence, not ends this one.

``tests/test_fast_sentences.py`` checks the bounds against the sentencizer and ``_doc.sentences``.
"""

from __future__ import annotations

import bisect
import operator
import re

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from .marks import QUOTE_CHARS

__all__ = ["SentenceBounds"]

_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)
# a class with characters past U+FFFF is slow to search, so texts without any use the others'
_PUNCT_CHAR = re.compile("[" + re.escape("".join(sorted(_PUNCT_CHARS))) + "]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_PUNCT_CHAR_BMP = re.compile("[" + re.escape("".join(sorted(c for c in _PUNCT_CHARS if c <= "\uffff"))) + "]")


class SentenceBounds:
    """The sentences of one paragraph's doc as (start, end) character offsets in its text
    (``Span.start_char``/``end_char`` of the sentences :func:`._doc.sentences` gives)."""

    __slots__ = ("text", "bounds", "_token_starts", "_token_ends", "_sentence_tokens")

    def __init__(self, doc: Doc, text: str):
        offsets: list[int] = doc.to_array(["IDX", "LENGTH"]).ravel().tolist() if len(doc) else []
        idx = offsets[0::2]
        ends = list(map(operator.add, idx, offsets[1::2]))
        # the tokens that are one of the sentencizer's marks: a one-character token on such a mark
        marks = []
        for m in (_PUNCT_CHAR_BMP if text.isascii() or not _ASTRAL.search(text) else _PUNCT_CHAR).finditer(text):
            i = bisect.bisect_left(idx, m.start())
            if i < len(idx) and idx[i] == m.start() and ends[i] == m.end():
                marks.append(i)
        starts = [0] if idx else []
        k = 0
        while k < len(marks):
            # the sentence goes on to the first token after the mark that is not punctuation
            j = marks[k] + 1
            while j < len(idx) and (ends[j] - idx[j] == 1 and text[idx[j]] in _PUNCT_CHARS or doc[j].is_punct):
                j += 1
            if j >= len(idx):
                break
            starts.append(j)
            k = bisect.bisect_right(marks, j)
        # an opening mark after a full stop starts the next sentence ("... ended. “We ...")
        # (a token has a trailing blank when the next token starts one further on)
        starts = [i - 1 if i > 1 and text[idx[i - 1]:ends[i - 1]] in QUOTE_CHARS and idx[i - 1] > ends[i - 2] else i
                  for i in starts]
        stops = starts[1:] + [len(idx)]
        self.text = text
        self.bounds = [(idx[a], ends[b - 1] if b > a else idx[a]) for a, b in zip(starts, stops)]
        self._token_starts = idx
        self._token_ends = ends
        self._sentence_tokens = starts

    def __len__(self) -> int:
        return len(self.bounds)

    def texts(self) -> list[tuple[int, str]]:
        """(start offset, text) of every sentence, in order."""
        return [(a, self.text[a:b]) for a, b in self.bounds]

    def around(self, rel: int) -> tuple[int, int] | None:
        """Bounds of the sentence of the token that holds, or is the first after, character
        ``rel`` (the last sentence when ``rel`` is past every token; None for an empty doc)."""
        if not self._token_starts:
            return None
        i = bisect.bisect_right(self._token_starts, rel) - 1
        if not (i >= 0 and rel < self._token_ends[i]):
            i = i + 1 if i + 1 < len(self._token_starts) else len(self._token_starts) - 1
        return self.bounds[bisect.bisect_right(self._sentence_tokens, i) - 1]
