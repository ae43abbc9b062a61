"""The Quote record that extraction returns and everything downstream consumes, and the
intermediate records (:class:`Attribution`, :class:`Candidate`) the analysers produce before
overlaps and speakers are resolved."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from .names import speaker_key

__all__ = ["Quote", "QuoteKind", "Attribution", "Candidate"]

QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True)
class Quote:
    """One statement found in an article.

    ``text == article[start:end]`` always holds; for direct quotes the span excludes the
    enclosing quote marks. ``kind`` is "direct" for words inside quotation marks and "indirect"
    for an attributed statement outside them: reported speech ("said that ..."), a transcript turn
    ("ROE: ..."), a headline claim ("Roe: ..."); a quoted fragment inside one stays inside it. ``speaker`` is the fullest name the article gives the source (or a
    descriptive phrase such as "a senior State Department official"), ``speaker_start`` and
    ``speaker_end`` locate the mention in the cue sentence. ``speaker_confidence`` (0-1) says how
    sure the resolution is (an explicit name is surer than "he" with two people just named;
    0 for no speaker), so weak attributions can be filtered; ``speaker_role`` ("foreign
    minister") and ``speaker_country`` ("China") are what the article's titles and appositives
    say of the speaker, or None. ``to_dict`` adds ``speaker_id``, the key that merges one
    person's name variants (:func:`tonekit.quotes.names.speaker_key`).
    """

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    kind: QuoteKind
    speaker_confidence: float = 0.0
    speaker_role: str | None = None
    speaker_country: str | None = None

    @property
    def speaker_id(self) -> str | None:
        """The canonical key of the speaker ("President Barack Obama" -> "barack obama")."""
        return speaker_key(self.speaker)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the dataclass's field names and ``speaker_id``."""
        return {**asdict(self), "speaker_id": self.speaker_id}


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
    """A statement span with its attribution; ``inherit`` means "same speaker as before";
    ``context_only`` means the quotation is kept only if a person named just before it in its
    paragraph can be its speaker ("X blurted out. “...”")."""

    start: int
    end: int
    kind: QuoteKind
    attribution: Attribution | None
    inherit: bool = False
    context_only: bool = False
