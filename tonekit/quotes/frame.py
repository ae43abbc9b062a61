"""A quote in its frame: the text its tone is scored on, the reporting verb included where the
verb carries the speaker's stance.

"The minister praised the envoy's efforts" is cooperative, but its quote, "the envoy's
efforts", is not; "officials blamed the capital for the breach" loses its blame without
"blamed". So an indirect quote is scored together with its cue, and with a negation right
before the cue ("did not criticise"); a direct quote is scored on its own words, plus its cue
when the cue is evaluative (the stems in ``data/stance_cues.txt``: warned, praised, called for,
...). The quote's own ``text`` never changes: this only decides what is scored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import stance_cue_stems
from .quote import Quote

__all__ = ["frame_text", "is_evaluative_cue"]

_WINDOW = 160  # characters either side of a quote in which its cue is looked for
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")  # a direct quote's own closing "." is inside its marks
_NEGATED = re.compile(
    r"(?:\b(?:do|does|did|has|have|had|is|are|was|were|will|would|could|should|can|may|might)\s+)?"
    r"(?:\bnot|\bnever|\bno\s+longer|\b\w+n[’']t)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def is_evaluative_cue(cue: str | None) -> bool:
    """True when the cue names a stance ("warned", "praised", "called for"), not just speech."""
    if not cue:
        return False
    lowered = cue.lower()
    single, several = stance_cue_stems()
    return (any(word.startswith(stem) for word in lowered.split() for stem in single)
            or any(lowered.startswith(stem) for stem in several))


@lru_cache(maxsize=1024)
def _cue_regex(cue: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in cue.split()) + r"(?!\w)", re.IGNORECASE)


def _cue_span(article: str, quote: Quote, cue: str) -> tuple[int, int] | None:
    """Where ``cue`` stands in the quote's sentence: the nearest occurrence before the quote,
    else after it; None when a sentence end parts every occurrence from the quote."""
    pattern = _cue_regex(cue)
    before = [m for m in pattern.finditer(article, max(0, quote.start - _WINDOW), quote.start)
              if not _SENTENCE_END.search(article, m.end(), quote.start)]
    if before:
        return before[-1].span()
    after = pattern.search(article, quote.end, min(len(article), quote.end + _WINDOW))
    if after and not _SENTENCE_END.search(article, quote.end, after.start()):
        return after.span()
    return None


def _negation_start(article: str, cue_start: int) -> int:
    """``cue_start`` moved back over a negation right before the cue ("did not criticise")."""
    window = max(0, cue_start - 30)
    match = _NEGATED.search(article, window, cue_start)
    return match.start() if match else cue_start


def frame_text(article: str, quote: Quote) -> str:
    """The text the tone of ``quote`` (found in ``article``) is scored on; see the module."""
    evaluative = is_evaluative_cue(quote.cue)
    if not quote.cue or quote.cue.strip() in {"", "\u2014", "-", ":"} or (quote.kind == "direct" and not evaluative):
        return quote.text
    span = _cue_span(article, quote, quote.cue)
    if span is None:
        return f"{quote.cue} {quote.text}"
    cue_start, cue_end = _negation_start(article, span[0]), span[1]
    if cue_end <= quote.start:
        if quote.kind == "indirect":
            return article[cue_start:quote.end]  # "did not criticise the decision to ..."
        return f"{article[cue_start:cue_end]}: {quote.text}"
    return f"{quote.text.rstrip(' ,;:.')}, {article[cue_start:cue_end]}"
