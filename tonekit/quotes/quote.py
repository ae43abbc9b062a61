"""The Quote record that extraction returns and everything downstream consumes, and the
intermediate records (:class:`Attribution`, :class:`Candidate`) the analysers produce before
overlaps and speakers are resolved."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["Quote", "QuoteKind", "Attribution", "Candidate"]

QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True)
class Quote:
    """One statement found in an article.

    ``text == article[start:end]`` always holds; for direct quotes the span excludes the
    enclosing quote marks. ``speaker`` is the fullest name the article gives the source (or a
    descriptive phrase such as "a senior State Department official"), ``speaker_start`` and
    ``speaker_end`` locate the mention in the cue sentence.
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    kind: QuoteKind

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the dataclass's field names."""
        return asdict(self)


@dataclass(frozen=True)
class Attribution:
    """Who a statement is attributed to, as written in the cue sentence (not yet resolved)."""

    cue: str | None
    cue_start: int | None
    mention_start: int | None
    mention_end: int | None
    mention: str | None


@dataclass(frozen=True)
class Candidate:
    """A statement span with its attribution; ``inherit`` means "same speaker as before"."""

    start: int
    end: int
    kind: QuoteKind
    attribution: Attribution | None
    inherit: bool = False
