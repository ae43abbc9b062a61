"""Tokenisation for the tone model, built from C-speed ``bytes`` operations.

Scoring a statement costs a few microseconds, so a regular expression per statement (or
even one over the joined batch) would be most of the time. Instead the batch is joined into
one buffer, punctuation is padded with spaces, one ``bytes.translate`` lower-cases and
blanks every other character, and ``bytes.split`` cuts the tokens.

A token is a run of ASCII letters, digits, apostrophes and hyphens, or one of ``. , ; : ! ? "``.
A text written all in capitals is read in lower case.
Curly quotes count as straight ones; other characters separate tokens. A token whose first
letter is a capital, longer than one character, is flagged as a possible name: the feature
space decides by its position whether it is one (see :mod:`tonekit.tone.features`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["SEP", "PUNCTUATION", "tokenize_batch", "tokenize_one"]

SEP = b"\x1e"  # closes every text of a batch; never produced by the text itself
PUNCTUATION = (b".", b",", b";", b":", b"!", b"?", b'"')
_WORD = set(b"abcdefghijklmnopqrstuvwxyz0123456789'-")
_KEPT = _WORD | {p[0] for p in PUNCTUATION} | {SEP[0]}
_LOWER = bytes((b | 0x20) if 65 <= b <= 90 else (b if b in _KEPT else 0x20) for b in range(256))
_CASED = bytes(b if (65 <= b <= 90 or b in _KEPT) else 0x20 for b in range(256))
_PAD = tuple((p, b" " + p + b" ") for p in PUNCTUATION)
_UNIFY = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\x1e", " "))


def _uncapitalise(text: str) -> str:
    """A text written all in capitals (a headline, a shouted slogan) is read in lower case:
    otherwise every word would look like a name."""
    return text.lower() if text.isupper() else text


def _prepare(text: str) -> bytes:
    text = _uncapitalise(text)
    for old, new in _UNIFY:
        if old in text:
            text = text.replace(old, new)
    raw = text.encode("utf-8")
    for mark, padded in _PAD:
        raw = raw.replace(mark, padded)
    return raw


def tokenize_one(text: str) -> tuple[list[bytes], list[bool]]:
    """Lower-cased tokens of one text and, per token, whether it starts with a capital."""
    raw = _prepare(text)
    tokens = raw.translate(_LOWER).split()
    capital = [len(t) > 1 and 65 <= t[0] <= 90 for t in raw.translate(_CASED).split()]
    return tokens, capital


def tokenize_batch(texts: Sequence[str]) -> tuple[list[bytes], np.ndarray]:
    """Tokens of every text, each text closed by a :data:`SEP` token, and the capital flags
    as a boolean array; equal to :func:`tokenize_one` text by text, at a fraction of the cost."""
    texts = [_uncapitalise(t) for t in texts]
    joined = " \x1e ".join(texts)
    if joined.count("\x1e") != len(texts) - 1:  # a text holds the separator itself
        joined = " \x1e ".join(t.replace("\x1e", " ") for t in texts)
    for old, new in _UNIFY[:-1]:
        if old in joined:
            joined = joined.replace(old, new)
    raw = joined.encode("utf-8")
    for mark, padded in _PAD:
        raw = raw.replace(mark, padded)
    raw += b" \x1e "
    lower = raw.translate(_LOWER)
    tokens = lower.split()
    blank = np.frombuffer(lower, dtype=np.uint8) == 0x20
    starts = np.flatnonzero(~blank[:-1] & np.concatenate(([True], blank[:-2])))
    first = np.frombuffer(raw.translate(_CASED), dtype=np.uint8)[starts]
    capital = (first >= 65) & (first <= 90) & ~blank[starts + 1]
    return tokens, capital
